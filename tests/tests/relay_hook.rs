//! `err::init()` as the relay hook (gufo-err without its `engine` feature) in real Chromium,
//! Firefox ESR and WebKitGTK: the panic captured in the module, analyzed by the page's
//! shared engine (the npm package); before the engine is ready it waits (here, or for the
//! next page), and it agrees with the same app built with the pipeline in the module.

use std::time::{Duration, Instant};

use gufo_err_tests::browser::Browser;
use gufo_err_tests::collector::Collector;
use gufo_err_tests::server::StaticServer;
use gufo_err_tests::webdriver::Session;
use serde_json::Value;

/// The one record the page's store holds, checked as the app's panic at `total`.
fn check_record(name: &str, records: &Value, count: u64) -> Value {
    let records = records.as_array().expect("records");
    assert_eq!(records.len(), 1, "{name}: one record: {records:?}");
    let record = &records[0];
    assert_eq!(record["count"], count, "{name}: count");
    let report = err::codec::from_json(&record["report"].to_string()).expect("a valid report");
    let site = &gufo_err_tests::sites::find_sites(&gufo_err_tests::repo_root(), "bench/size-app")
        ["size_app_total"];
    assert_eq!(report.kind, err::model::Kind::Panic, "{name}");
    assert_eq!(
        report.message, "index out of bounds: the len is 2 but the index is 7",
        "{name}"
    );
    let location = report.location.as_ref().expect("location");
    assert!(
        location.file.ends_with("size-app/src/lib.rs") && location.line == site.line,
        "{name}: {location:?}"
    );
    let functions: Vec<&str> = report.stack.iter().map(|f| f.function.as_str()).collect();
    // The app's function, inlined into its wasm-bindgen export (named `total` in the module),
    // is the innermost frame once the panic runtime is trimmed.
    let innermost = report.stack.last().expect("frames");
    assert!(
        innermost.function == "total" && innermost.frame_kind == err::model::FrameKind::Wasm,
        "{name}: the app's frame: {functions:?}\n{:?}",
        report.raw_stack
    );
    assert!(
        !functions.iter().any(|f| f.starts_with("err::")),
        "{name}: the hook's own frames are trimmed: {functions:?}"
    );
    assert_eq!(
        report.runtime,
        Some(err::model::Runtime::Wasm),
        "{name}: a wasm panic"
    );
    assert_eq!(report.engine, Some(browser_engine(name)), "{name}");
    record.clone()
}

fn browser_engine(name: &str) -> err::model::Engine {
    Browser::ALL
        .into_iter()
        .find(|b| b.name() == name)
        .map(Browser::engine)
        .expect("a browser")
}

fn run_in(browser: Browser) -> String {
    let name = browser.name();
    let site = StaticServer::start(gufo_err_tests::harness_dir().join("web")).expect("site");
    let dir = tempfile::tempdir().expect("collector dir");
    let collector = Collector::from_env(dir.path(), &["--cors", "*"]);
    let driver = browser.launch().unwrap_or_else(|e| panic!("{e}"));
    let session = Session::new(&driver.url, driver.capabilities()).expect("session");
    let api = collector.api().replace(':', "%3A").replace('/', "%2F");
    session
        .goto(&format!(
            "{}/relay.html?phase=live&collector={api}",
            site.url()
        ))
        .expect("goto");
    let result = session
        .wait_for("return window.__result || null", Duration::from_secs(60))
        .expect("result");
    assert!(result.get("failure").is_none(), "{name}: {result}");
    if let Ok(path) = std::env::var("RELAY_DUMP") {
        let _ = std::fs::write(path, result.to_string());
    }

    // Before the engine: the trap came back to JS, the panic waits, printed raw at once.
    let trap = result["firstTrap"].as_str().unwrap_or_default();
    assert!(trap.contains("nreachable"), "{name}: {trap}");
    assert_eq!(result["waitingBefore"], 1, "{name}");
    let names = result["waitingNames"].to_string();
    assert!(
        names.contains("\"total\"") && names.contains("rust_begin_unwind"),
        "{name}: the waiting capture keeps its functions' names: {names}"
    );
    let raw = result["loggedBefore"].to_string();
    assert!(
        raw.contains("panicked at") && raw.contains("the len is 2 but the index is 7"),
        "{name}: {raw}"
    );
    // The engine's init reported it; a relay panic with the engine ready and the same panic
    // in the build with the pipeline in the module are the same record.
    assert_eq!(result["afterInit"], serde_json::json!([1]), "{name}");
    let record = check_record(name, &result["records"], 3);
    let fingerprint = record["fingerprint"]
        .as_str()
        .expect("fingerprint")
        .to_owned();
    assert_eq!(result["waitingAfter"], 0, "{name}");
    let printed = result["loggedLive"].to_string();
    assert!(
        printed.contains(&format!("Error: {fingerprint}")),
        "{name}: printed by the engine, in the hook: {printed}"
    );
    // The page's fail-fast options apply to the relayed panics of this page (the one that
    // waited for the engine included), not to the in-module build's (its own Config).
    assert_eq!(
        result["failed"],
        serde_json::json!([fingerprint, fingerprint]),
        "{name}: the fail action ran for both relayed panics"
    );
    let secondary = record["secondary"].as_array().map_or(0, Vec::len);
    assert!(
        secondary >= 1,
        "{name}: the uncaught trap is linked: {record}"
    );

    // An uncaught stack overflow in the relay module: one report under the module's
    // identity, its cycle named from the module's own `name` section; nothing kept raw.
    let overflows = result["overflows"].as_array().expect("overflows");
    assert_eq!(overflows.len(), 1, "{name}: {overflows:?}");
    let overflow = err::codec::from_json(&overflows[0]["report"].to_string()).expect("report");
    assert_eq!(overflow.name, "unknown", "{name}: the module's identity");
    assert_eq!(
        overflow.runtime,
        Some(err::model::Runtime::Wasm),
        "{name}: {} {:?}",
        overflow.exception.summary(),
        overflow
            .raw_stack
            .as_deref()
            .map(|s| s.chars().take(400).collect::<String>())
    );
    let cycle = overflow
        .recursion
        .as_ref()
        .map(|r| r.cycle.clone())
        .unwrap_or_default();
    assert_eq!(
        cycle,
        ["gufo_err_size_app::spiral"],
        "{name}: the recursion cycle: {:?}",
        overflow.recursion
    );
    assert_eq!(result["raw"], 0, "{name}: not left for a next start");

    // Both relayed panics were delivered to the collector set in the engine's init.
    let start = Instant::now();
    while collector.counts().get(&fingerprint).copied() != Some(2) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{name}: collector has {:?}",
            collector.counts()
        );
        std::thread::sleep(Duration::from_millis(100));
    }

    // A page left right after a panic, with no engine: the next page's engine reports it.
    session
        .goto(&format!("{}/relay.html?phase=leave", site.url()))
        .expect("goto");
    let after = session
        .wait_for("return window.__result || null", Duration::from_secs(60))
        .expect("result");
    assert!(after.get("failure").is_none(), "{name}: {after}");
    assert_eq!(after["left"], 1, "{name}: {after}");
    let left = check_record(name, &after["records"], 1);
    assert_eq!(left["fingerprint"], fingerprint.as_str(), "{name}");
    assert_eq!(after["waitingAfter"], 0, "{name}");
    eprintln!("{name}: relay hook checked ({fingerprint})");
    fingerprint
}

#[test]
fn relayed_panics_are_reported_by_the_page_engine_and_nothing_waits_lost() {
    let fingerprints: Vec<String> = Browser::ALL.into_iter().map(run_in).collect();
    assert!(
        fingerprints.windows(2).all(|w| w[0] == w[1]),
        "the same panic, the same fingerprint in every engine: {fingerprints:?}"
    );
}
