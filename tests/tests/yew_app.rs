//! `examples/yew-app` as a user builds it (its own workspace, the default release profile,
//! `wasm-bindgen --target web`), served by a real `err serve` (site and collector on one
//! origin) in real Chromium, Firefox ESR and WebKitGTK: a click handler that panics gives
//! one report, stored and delivered once, at the right place, with an in-app chain free of
//! wasm-bindgen's glue, and one fingerprint in every engine; then the module restarts and
//! the app works again.

use std::time::{Duration, Instant};

use err::model::{ErrorInfo, FrameKind, Kind};
use gufo_err_tests::browser::Browser;
use gufo_err_tests::collector::Collector;
use gufo_err_tests::example_dir;
use gufo_err_tests::store::READ_STORE;
use gufo_err_tests::webdriver::Session;

/// What one browser produced: the stored report and the collector's.
struct Outcome {
    stored: ErrorInfo,
    delivered: ErrorInfo,
}

fn run_in(browser: Browser) -> Outcome {
    let name = browser.name();
    let reports = tempfile::tempdir().expect("collector dir");
    let site = example_dir("yew-app");
    let collector = Collector::from_env(reports.path(), &["--www", site.to_str().expect("path")]);
    let driver = browser.launch().unwrap_or_else(|e| panic!("{e}"));
    let session = Session::new(&driver.url, driver.capabilities()).expect("session");
    session.goto(&format!("{}/", collector.url)).expect("goto");
    let add = session
        .wait_for(
            "return document.getElementById('add-0') ? true : null",
            Duration::from_secs(30),
        )
        .expect("the app renders");
    assert_eq!(add, true);
    let pear = session.find("#add-0").expect("button");
    session.click(&pear).expect("click");
    let total = session
        .wait_for(
            "const t = document.getElementById('total'); return t && t.textContent.includes('120') ? t.textContent : null",
            Duration::from_secs(10),
        )
        .expect("the app works before the bug");
    assert_eq!(total, "Total: 120 cents", "{name}");
    let bug = session.find("#add-7").expect("button");
    session.click(&bug).expect("click");

    let start = Instant::now();
    let summaries = loop {
        let summaries = collector.summaries();
        if !summaries.is_empty() || start.elapsed() > Duration::from_secs(20) {
            break summaries;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    // Give a second report (a hook run twice) the time to arrive.
    std::thread::sleep(Duration::from_millis(1500));
    let summaries_after = collector.summaries();
    assert_eq!(
        summaries.len(),
        1,
        "{name}: one delivered report: {summaries:?}"
    );
    assert_eq!(summaries_after.len(), 1, "{name}: {summaries_after:?}");
    assert_eq!(summaries_after[0]["count"], 1, "{name}: delivered once");
    let fingerprint = summaries_after[0]["fingerprint"]
        .as_str()
        .expect("fingerprint");
    let body = ureq::get(&format!("{}/{fingerprint}", collector.api()))
        .call()
        .expect("the report")
        .into_string()
        .expect("text");
    let delivered = err::codec::from_json(&body).expect("a valid report");

    // The module restarted (`restart_after_panic`): a fresh instance runs `main` again and
    // the app, with an empty cart, works as before.
    let pear = session.find("#add-0").expect("the app re-mounted");
    session.click(&pear).expect("click");
    let total = session
        .wait_for(
            "const t = document.getElementById('total'); return t && t.textContent.includes('120') ? t.textContent : null",
            Duration::from_secs(10),
        )
        .unwrap_or_else(|e| panic!("{name}: the app works after the panic: {e}"));
    assert_eq!(total, "Total: 120 cents", "{name}: a fresh cart");
    let apps = session
        .execute("return document.querySelectorAll('#app').length")
        .expect("count");
    assert_eq!(
        apps, 1,
        "{name}: the old app was replaced, not kept beside the new one"
    );
    assert_eq!(
        collector.counts().values().sum::<u64>(),
        1,
        "{name}: still one report"
    );

    let records = session.execute_async(READ_STORE).expect("store");
    let records = records.as_array().cloned().unwrap_or_default();
    assert_eq!(records.len(), 1, "{name}: one stored record: {records:?}");
    assert_eq!(records[0]["count"], 1, "{name}: stored once");
    let stored = err::codec::from_json(records[0]["report"].as_str().expect("report"))
        .expect("a valid stored report");
    Outcome { stored, delivered }
}

fn check(name: &str, report: &ErrorInfo) {
    if std::env::var_os("GUFO_ERR_DUMP").is_some() {
        eprintln!("{name}: {}", err::codec::to_json(report));
    }
    let site = &gufo_err_tests::sites::find_sites(&gufo_err_tests::repo_root(), "examples/yew-app")
        ["yew_price_of"];
    assert_eq!(report.kind, Kind::Panic, "{name}");
    assert_eq!(report.name, "yew-app", "{name}");
    assert_eq!(
        report.message, "index out of bounds: the len is 3 but the index is 7",
        "{name}"
    );
    let location = report.location.as_ref().expect("location");
    assert_eq!(
        (location.file.as_str(), location.line),
        ("src/cart.rs", site.line),
        "{name}: the panic's place"
    );
    let in_app: Vec<String> = report
        .stack
        .iter()
        .filter(|f| f.in_app)
        .map(|f| {
            format!(
                "{:?} {} {}",
                f.frame_kind,
                f.function,
                f.file.as_deref().unwrap_or("")
            )
        })
        .collect();
    assert!(
        !in_app.is_empty(),
        "{name}: the app has frames: {:#?}",
        report.stack
    );
    for frame in report.stack.iter().filter(|f| f.in_app) {
        assert!(
            frame.frame_kind == FrameKind::Wasm,
            "{name}: only the app's Rust is in-app, not the glue: {in_app:#?}"
        );
        assert!(
            !frame.function.starts_with("wasm_bindgen") && !frame.function.contains("__wbg"),
            "{name}: {in_app:#?}"
        );
    }
    let innermost = report.stack.last().expect("frames");
    assert!(
        innermost.in_app || innermost.function.starts_with("core::"),
        "{name}: the failing frame is the app's (or the library call it made): {:#?}",
        report.stack
    );
}

#[test]
fn the_yew_example_reports_a_click_handler_panic_once_in_three_browsers() {
    let mut fingerprints = Vec::new();
    for browser in Browser::ALL {
        let name = browser.name();
        let outcome = run_in(browser);
        check(name, &outcome.stored);
        check(name, &outcome.delivered);
        assert_eq!(
            outcome.stored.fingerprint, outcome.delivered.fingerprint,
            "{name}: the store and the collector agree"
        );
        assert_eq!(outcome.stored.engine, Some(browser.engine()), "{name}");
        fingerprints.push((name, outcome.stored.fingerprint));
    }
    assert!(
        fingerprints.windows(2).all(|w| w[0].1 == w[1].1),
        "one fingerprint in every engine: {fingerprints:?}"
    );
}
