//! Recovery after a panic (`restart_after_panic`), and what a poisoned instance does
//! without it, in real Chromium, Firefox ESR and WebKitGTK.
//!
//! `examples/js-library` as a user builds it, in both builds (the engine in the module; the
//! relay hook with the npm package's engine on the page), served by a real `err serve`: the
//! page's `parse_order(bad)` panics, and the next `parse_order(good)` returns the right total
//! from a fresh instance, twice over; one report per panic, stored and delivered, and one
//! fingerprint for both builds in every engine. Without the option (the size app of the
//! relay tests), what the poisoned instance throws next is linked to the panic, never a new
//! report.

use std::time::{Duration, Instant};

use err::model::Kind;
use gufo_err_tests::browser::Browser;
use gufo_err_tests::collector::Collector;
use gufo_err_tests::example_dir;
use gufo_err_tests::store::READ_STORE;
use gufo_err_tests::webdriver::Session;
use serde_json::Value;

const GOOD: &str = "4 x 25\n2 x 10";
const BAD: &str = "2 x 150\nthree pears";

/// Types `order` into the page's order field, clicks Total and returns the result line
/// once it changes.
fn total(session: &Session, order: &str) -> String {
    let set = format!(
        "document.getElementById('result').textContent = ''; document.getElementById('order').value = {};",
        serde_json::to_string(order).expect("json")
    );
    session.execute(&set).expect("type the order");
    let button = session.find("#parse").expect("button");
    session.click(&button).expect("click");
    let shown = session
        .wait_for(
            "const t = document.getElementById('result').textContent; return t ? t : null",
            Duration::from_secs(10),
        )
        .expect("a result");
    shown.as_str().unwrap_or_default().to_string()
}

/// Waits until the collector holds `count` occurrences in all (or 20 s), then a little
/// longer for any extra one to show.
fn delivered(collector: &Collector, count: u64) -> Vec<Value> {
    let start = Instant::now();
    while collector.counts().values().sum::<u64>() < count
        && start.elapsed() < Duration::from_secs(20)
    {
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::sleep(Duration::from_millis(1500));
    collector.summaries()
}

/// One browser, one build: the fingerprint of its panics.
fn library_keeps_serving(browser: Browser, build: &str) -> String {
    let name = format!("{} ({build})", browser.name());
    let reports = tempfile::tempdir().expect("collector dir");
    let site = example_dir("js-library");
    let collector = Collector::from_env(reports.path(), &["--www", site.to_str().expect("path")]);
    let driver = browser.launch().unwrap_or_else(|e| panic!("{e}"));
    let session = Session::new(&driver.url, driver.capabilities()).expect("session");
    let query = if build == "relay" { "?build=relay" } else { "" };
    session
        .goto(&format!("{}/{query}", collector.url))
        .expect("goto");
    session
        .wait_for(
            "return document.body.dataset.ready === 'true' ? true : null",
            Duration::from_secs(30),
        )
        .unwrap_or_else(|e| panic!("{name}: the page loads: {e}"));

    assert_eq!(
        total(&session, GOOD),
        "Total: 120 cents",
        "{name}: before the bug"
    );
    for round in 1..=2 {
        let failed = total(&session, BAD);
        assert!(
            failed.starts_with("Failed:"),
            "{name}, round {round}: the panicking call throws: {failed}"
        );
        assert_eq!(
            total(&session, GOOD),
            "Total: 120 cents",
            "{name}, round {round}: the next call runs in a fresh instance"
        );
    }

    let summaries = delivered(&collector, 2);
    assert_eq!(
        summaries.len(),
        1,
        "{name}: one fingerprint delivered: {summaries:?}"
    );
    assert_eq!(summaries[0]["count"], 2, "{name}: one report per panic");
    let records = session.execute_async(READ_STORE).expect("store");
    let records = records.as_array().cloned().unwrap_or_default();
    assert_eq!(records.len(), 1, "{name}: one stored record: {records:?}");
    assert_eq!(records[0]["count"], 2, "{name}: stored once per panic");
    let report = err::codec::from_json(records[0]["report"].as_str().expect("report"))
        .expect("a valid stored report");
    let site =
        &gufo_err_tests::sites::find_sites(&gufo_err_tests::repo_root(), "examples/js-library")
            ["js_library_parse_line"];
    assert_eq!(report.kind, Kind::Panic, "{name}");
    assert_eq!(report.name, "js-library", "{name}");
    assert_eq!(report.message, "a line is `<quantity> x <price>`", "{name}");
    let location = report.location.as_ref().expect("location");
    assert_eq!(
        (location.file.as_str(), location.line),
        ("src/order.rs", site.line),
        "{name}"
    );
    assert_eq!(
        summaries[0]["fingerprint"].as_str(),
        Some(report.fingerprint.to_string().as_str()),
        "{name}: the store and the collector agree"
    );
    report.fingerprint.to_string()
}

#[test]
fn a_library_with_restart_after_panic_keeps_serving_in_both_builds_in_three_browsers() {
    let mut fingerprints = Vec::new();
    for browser in Browser::ALL {
        for build in ["engine", "relay"] {
            fingerprints.push((browser.name(), build, library_keeps_serving(browser, build)));
        }
    }
    assert!(
        fingerprints.windows(2).all(|w| w[0].2 == w[1].2),
        "one fingerprint for both builds in every engine: {fingerprints:#?}"
    );
}

/// One browser, one build without the option: the poisoned instance's complaints.
fn poisoned_instance_is_linked(browser: Browser, build: &str) {
    let name = format!("{} ({build})", browser.name());
    let server =
        gufo_err_tests::server::StaticServer::start(gufo_err_tests::harness_dir().join("web"))
            .expect("server");
    let driver = browser.launch().unwrap_or_else(|e| panic!("{e}"));
    let session = Session::new(&driver.url, driver.capabilities()).expect("session");
    session
        .goto(&format!("{}/poisoned.html?build={build}", server.url()))
        .expect("goto");
    let result = session
        .wait_for("return window.__result || null", Duration::from_secs(30))
        .unwrap_or_else(|e| panic!("{name}: the page finishes: {e}"));
    assert!(result.get("failure").is_none(), "{name}: {result}");
    let thrown: Vec<String> = result["thrown"]
        .as_array()
        .expect("thrown")
        .iter()
        .map(|m| m.as_str().unwrap_or_default().to_string())
        .collect();
    assert!(
        !thrown.is_empty(),
        "{name}: the poisoned instance complains"
    );
    // The links are written after the listeners ran: give the merge a moment.
    std::thread::sleep(Duration::from_millis(1000));
    let records = session.execute_async(READ_STORE).expect("store");
    let records = records.as_array().cloned().unwrap_or_default();
    // The same bug again is a panic of its own, counted; what the instance throws is not.
    assert_eq!(
        records.len(),
        1,
        "{name}: the panic alone is a report: {records:#?}"
    );
    assert_eq!(records[0]["count"], 2, "{name}: two panics: {records:#?}");
    let report = err::codec::from_json(records[0]["report"].as_str().expect("report"))
        .expect("a valid report");
    assert_eq!(report.kind, Kind::Panic, "{name}");
    let linked: Vec<&str> = records[0]["secondary"]
        .as_array()
        .expect("secondary")
        .iter()
        .filter_map(|s| s["message"].as_str())
        .collect();
    for message in &thrown {
        assert!(
            linked
                .iter()
                .any(|l| l.contains(message.as_str()) || message.contains(l)),
            "{name}: `{message}` is linked to the panic: {linked:?}"
        );
    }
}

#[test]
fn without_restart_a_poisoned_instance_is_linked_to_its_panic_in_three_browsers() {
    for browser in Browser::ALL {
        for build in ["engine-app", "relay-app"] {
            poisoned_instance_is_linked(browser, build);
        }
    }
}
