//! The npm package in real Chromium, Firefox ESR and WebKitGTK: a plain ES-module page with
//! the package and a Rust module using `err::init()`. Uncaught errors, a rejection, a
//! non-Error throw, `captureError`, `beforeSend`, `format`, `parseStack`, delivery to a real
//! collector, one shared store, and the same fingerprints in every engine.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use gufo_err_tests::browser::Browser;
use gufo_err_tests::collector::Collector;
use gufo_err_tests::server::StaticServer;
use gufo_err_tests::webdriver::Session;
use serde_json::Value;

/// (kind, class, message) → fingerprint, as one browser saw them.
type Seen = BTreeMap<(String, String, String), String>;

fn run_in(browser: Browser) -> Seen {
    let site = StaticServer::start(gufo_err_tests::harness_dir().join("web")).expect("site");
    let dir = tempfile::tempdir().expect("collector dir");
    let collector = Collector::from_env(dir.path(), &["--cors", "*"]);
    let api = collector.api();
    let driver = browser.launch().unwrap_or_else(|e| panic!("{e}"));
    let session = Session::new(&driver.url, driver.capabilities()).expect("session");
    let name = browser.name();
    session
        .goto(&format!(
            "{}/npm.html?collector={}",
            site.url(),
            api.replace(':', "%3A").replace('/', "%2F")
        ))
        .expect("goto");
    let result = session
        .wait_for("return window.__result || null", Duration::from_secs(60))
        .expect("result");
    assert!(result.get("failure").is_none(), "{name}: {result}");

    let mut seen = Seen::new();
    for entry in result["kinds"].as_array().expect("kinds") {
        let text = |i: usize| entry[i].as_str().unwrap_or_default().to_owned();
        assert_eq!(entry[3], 1, "{name}: each once: {entry}");
        assert_eq!(
            entry[6],
            browser.engine().as_str(),
            "{name}: the engine, for every kind of error: {entry}"
        );
        seen.insert((text(0), text(1), text(2)), text(5));
    }
    let kinds: BTreeSet<(String, String)> = seen
        .keys()
        .map(|(k, c, _)| (k.clone(), c.clone()))
        .collect();
    let expected: BTreeSet<(String, String)> = [
        ("panic", "panic"),
        ("js-error", "TypeError"),
        ("unhandled-rejection", "RangeError"),
        ("js-error", "NonError"),
        ("js-error", "SyntaxError"),
    ]
    .map(|(k, c)| (k.to_owned(), c.to_owned()))
    .into();
    assert_eq!(
        kinds, expected,
        "{name}: one store for the package and the Rust module: {seen:?}"
    );
    let panic = result["kinds"]
        .as_array()
        .expect("kinds")
        .iter()
        .find(|e| e[0] == "panic")
        .expect("panic");
    assert_eq!(
        panic[4], 1,
        "{name}: the trap after the panic is linked to it, not counted"
    );
    assert!(seen
        .keys()
        .any(|(_, c, m)| c == "NonError" && m == "plain string thrown"));
    assert_eq!(
        result["filtered"],
        Value::Null,
        "{name}: beforeSend dropped it"
    );

    // The TypeError points at the failing line of the page.
    let site_line =
        gufo_err_tests::sites::find_sites(&gufo_err_tests::repo_root(), "tests/harness")
            ["npm_type_error"]
            .line;
    let report = err::codec::from_json(&result["typeError"].to_string()).expect("report");
    let culprit = report.culprit().expect("frame");
    assert_eq!(
        (
            culprit.line,
            culprit.file.as_deref().map(|f| f.ends_with("npm-page.js"))
        ),
        (Some(site_line), Some(true)),
        "{name}"
    );
    assert!(
        result["terse"]
            .as_str()
            .is_some_and(|t| t.ends_with("SyntaxError: caught and reported")),
        "{name}: {}",
        result["terse"]
    );
    assert_eq!(result["parsed"]["frames"].as_array().map(Vec::len), Some(2));
    let logged = result["logged"].as_array().expect("logged");
    let type_error = &seen[&(
        "js-error".to_owned(),
        "TypeError".to_owned(),
        report.message.clone(),
    )];
    assert!(
        logged.iter().any(|l| l
            .as_str()
            .is_some_and(|l| l.starts_with(&format!("Error: {type_error}")))),
        "{name}: console: {logged:?}"
    );

    // The collector got the four JS errors (the Rust module has no collector here).
    let start = Instant::now();
    loop {
        let got: BTreeSet<String> = collector
            .summaries()
            .iter()
            .map(|r| r["class"].as_str().unwrap_or_default().to_owned())
            .collect();
        if got
            == ["NonError", "RangeError", "SyntaxError", "TypeError"]
                .map(String::from)
                .into()
        {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{name}: collector has {got:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    drop(collector);

    // A bounded store evicts the least recently seen.
    session
        .goto(&format!("{}/npm.html?evict=1", site.url()))
        .expect("goto");
    let evicted = session
        .wait_for("return window.__result || null", Duration::from_secs(60))
        .expect("result");
    assert_eq!(
        evicted["kept"],
        serde_json::json!(["error number 4", "error number 3"]),
        "{name}: {evicted}"
    );
    // A database whose creation another connection holds open: the read gives up with the
    // reason, the report waits in the queue and is stored once the database is free.
    session
        .goto(&format!("{}/npm.html?blocked=1", site.url()))
        .expect("goto");
    let held = session
        .wait_for("return window.__result || null", Duration::from_secs(60))
        .expect("result");
    assert!(held.get("failure").is_none(), "{name}: {held}");
    assert_eq!(held["first"]["outcome"], "rejected", "{name}: {held}");
    assert!(
        held["first"]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("did not open")),
        "{name}: {held}"
    );
    assert_eq!(held["queued"], 1, "{name}: kept in the queue: {held}");
    assert_eq!(
        held["stored"],
        serde_json::json!([["made while the store is held", 1]]),
        "{name}: {held}"
    );
    eprintln!("{name}: npm package checked");
    seen
}

#[test]
fn the_npm_package_works_and_agrees_across_engines() {
    let all: Vec<(Browser, Seen)> = Browser::ALL.into_iter().map(|b| (b, run_in(b))).collect();
    // The same failure has the same fingerprint in every engine (messages differ by engine,
    // so compare by kind and class).
    let by_class = |seen: &Seen| -> BTreeMap<(String, String), String> {
        seen.iter()
            .map(|((k, c, _), fp)| ((k.clone(), c.clone()), fp.clone()))
            .collect()
    };
    let first = by_class(&all[0].1);
    for (browser, seen) in &all[1..] {
        assert_eq!(
            by_class(seen),
            first,
            "{} against {}",
            browser.name(),
            all[0].0.name()
        );
    }
}

/// What an `early.html` phase left: the stored records as `(class, message, count, page)`.
fn early_records(session: &Session, url: &str, name: &str) -> Vec<Value> {
    session.goto(url).expect("goto");
    let result = session
        .wait_for("return window.__result || null", Duration::from_secs(60))
        .expect("result");
    assert!(result.get("failure").is_none(), "{name}: {result}");
    result["records"].as_array().cloned().unwrap_or_default()
}

#[test]
fn errors_before_the_engine_is_ready_are_reported_once_it_is_in_three_browsers() {
    let site = StaticServer::start(gufo_err_tests::harness_dir().join("web")).expect("server");
    for browser in Browser::ALL {
        let name = browser.name();
        let dir = tempfile::tempdir().expect("collector dir");
        let collector = Collector::from_env(dir.path(), &["--cors", "*"]);
        let api = collector.api().replace(':', "%3A").replace('/', "%2F");
        let driver = browser.launch().unwrap_or_else(|e| panic!("{e}"));
        let session = Session::new(&driver.url, driver.capabilities()).expect("session");
        let expected = [
            ("RangeError", "rejected in the same tick as init()"),
            ("TypeError", "thrown in the same tick as init()"),
        ];
        let check = |records: &[Value], phase: &str, page: &str| {
            let mut seen: Vec<(String, String)> = records
                .iter()
                .map(|r| {
                    assert_eq!(r["count"], 1, "{name} {phase}: once: {r}");
                    assert_eq!(
                        r["engine"],
                        browser.engine().as_str(),
                        "{name} {phase}: {r}"
                    );
                    assert!(
                        r["page"].as_str().is_some_and(|p| p.contains(page)),
                        "{name} {phase}: the page it happened on: {r}"
                    );
                    (
                        r["class"].as_str().unwrap_or_default().to_owned(),
                        r["message"].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect();
            seen.sort();
            let want: Vec<(String, String)> = expected
                .iter()
                .map(|(c, m)| (c.to_string(), m.to_string()))
                .collect();
            assert_eq!(seen, want, "{name} {phase}");
        };
        // Thrown in the same tick as init(): reported on this page.
        let records = early_records(
            &session,
            &format!("{}/early.html?phase=tick&collector={api}", site.url()),
            name,
        );
        check(&records, "tick", "phase=tick");
        // On a page whose engine never loads: kept, reported by the next page.
        let cleaned = session
            .execute_async(gufo_err_tests::store::CLEAR_STORE)
            .expect("clean");
        assert_eq!(
            cleaned, true,
            "{name}: the store is emptied between the phases"
        );
        let records = early_records(
            &session,
            &format!("{}/early.html?phase=leave&collector={api}", site.url()),
            name,
        );
        check(&records, "leave", "phase=leave");
        let start = Instant::now();
        while collector.counts().values().sum::<u64>() < 4
            && start.elapsed() < Duration::from_secs(20)
        {
            std::thread::sleep(Duration::from_millis(200));
        }
        std::thread::sleep(Duration::from_millis(500));
        assert_eq!(
            collector.counts().values().sum::<u64>(),
            4,
            "{name}: each of the four delivered once: {:?}",
            collector.summaries()
        );
    }
}
