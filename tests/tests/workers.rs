//! `examples/worker` as a user builds it, in real Chromium, Firefox ESR and WebKitGTK:
//! Rust (both builds) and the npm package's `init()` in a dedicated, a shared and a service
//! worker report like a page. One report, stored in the origin's IndexedDB (read here from
//! the page, as the page's store and the viewer read it), delivered once to a real
//! `err serve`, the panic's trap linked to it. A failed delivery outlives the worker: its
//! outbox is kept in IndexedDB, and the next page of the origin sends it.

use std::time::{Duration, Instant};

use err::model::Kind;
use gufo_err_tests::browser::Browser;
use gufo_err_tests::collector::Collector;
use gufo_err_tests::example_dir;
use gufo_err_tests::store::READ_STORE;
use gufo_err_tests::webdriver::Session;
use serde_json::Value;

const KINDS: [&str; 3] = ["dedicated", "shared", "service"];
const BUILDS: [&str; 3] = ["engine", "relay", "js"];

/// Sends a message to the page's worker and waits for the answer.
fn send(session: &Session, message: &str) -> Value {
    session
        .execute_async(&format!(
            "const done = arguments[arguments.length - 1]; window.workerDemo.send({message}).then(done);"
        ))
        .expect("an answer")
}

/// Sends a message the worker fails on (no answer comes).
fn send_failing(session: &Session, message: &str) {
    session
        .execute(&format!("window.workerDemo.send({message}); return true;"))
        .expect("sent");
}

fn open(session: &Session, url: &str, what: &str) {
    session.goto(url).expect("goto");
    session
        .wait_for(
            "return document.body.dataset.ready === 'true' ? true : null",
            Duration::from_secs(30),
        )
        .unwrap_or_else(|e| panic!("{what}: the page starts its worker: {e}"));
}

fn wait_delivered(collector: &Collector, count: u64, within: Duration) -> u64 {
    let start = Instant::now();
    loop {
        let delivered: u64 = collector.counts().values().sum();
        if delivered >= count || start.elapsed() > within {
            return delivered;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The store's records once one has a linked trap (or after 10 s).
fn records_with_trap(session: &Session, want_trap: bool) -> Vec<Value> {
    let start = Instant::now();
    loop {
        let records = session.execute_async(READ_STORE).expect("store");
        let records = records.as_array().cloned().unwrap_or_default();
        let linked = records
            .iter()
            .any(|r| r["secondary"].as_array().is_some_and(|s| !s.is_empty()));
        if (!records.is_empty() && (linked || !want_trap))
            || start.elapsed() > Duration::from_secs(10)
        {
            return records;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn reports_like_a_page(browser: Browser, kind: &str, build: &str) {
    let what = format!("{} / {kind} worker / {build}", browser.name());
    let reports = tempfile::tempdir().expect("collector dir");
    let site = example_dir("worker");
    let collector = Collector::from_env(reports.path(), &["--www", site.to_str().expect("path")]);
    let driver = browser.launch().unwrap_or_else(|e| panic!("{e}"));
    let session = Session::new(&driver.url, driver.capabilities()).expect("session");
    open(
        &session,
        &format!("{}/?kind={kind}&build={build}", collector.url),
        &what,
    );

    let rust = build != "js";
    if rust {
        let total = send(
            &session,
            r#"{op: "total", prices: [120, 80, 310], picked: [0, 1]}"#,
        );
        assert_eq!(total, 200, "{what}: the worker computes");
        send_failing(
            &session,
            r#"{op: "total", prices: [120, 80, 310], picked: [7]}"#,
        );
    } else {
        send_failing(&session, r#"{op: "js-error"}"#);
    }
    let delivered = wait_delivered(&collector, 1, Duration::from_secs(20));
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(delivered, 1, "{what}: delivered");
    assert_eq!(
        collector.counts().values().sum::<u64>(),
        1,
        "{what}: delivered once"
    );

    let records = records_with_trap(&session, rust);
    assert_eq!(
        records.len(),
        1,
        "{what}: one record in the origin's store: {records:#?}"
    );
    assert_eq!(records[0]["count"], 1, "{what}: stored once");
    let report = err::codec::from_json(records[0]["report"].as_str().expect("report"))
        .expect("a valid report");
    assert_eq!(report.name, "worker", "{what}");
    assert_eq!(report.engine, Some(browser.engine()), "{what}");
    if rust {
        let site =
            &gufo_err_tests::sites::find_sites(&gufo_err_tests::repo_root(), "examples/worker")
                ["worker_total"];
        assert_eq!(report.kind, Kind::Panic, "{what}");
        assert_eq!(
            report.message, "index out of bounds: the len is 3 but the index is 7",
            "{what}"
        );
        let location = report.location.as_ref().expect("location");
        assert_eq!(
            (location.file.as_str(), location.line),
            ("src/prices.rs", site.line),
            "{what}"
        );
        let secondary = records[0]["secondary"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert!(
            secondary.iter().any(|s| s["kind"] == "trap"),
            "{what}: the panic's trap is linked: {secondary:?}"
        );
        // The app's own JS (worker-core.js) may be in-app; the bindings wasm-bindgen wrote
        // (pkg/worker.js) never are.
        let in_app: Vec<String> = report
            .stack
            .iter()
            .filter(|f| f.in_app)
            .map(|f| format!("{} {}", f.function, f.file.as_deref().unwrap_or("")))
            .collect();
        assert!(
            report
                .stack
                .iter()
                .any(|f| f.in_app && f.frame_kind == err::model::FrameKind::Wasm),
            "{what}: the module's frames are the app's: {in_app:#?}"
        );
        assert!(
            !in_app.iter().any(|f| f.ends_with("/worker.js")),
            "{what}: the worker's glue is not the app: {in_app:#?}"
        );
    } else {
        assert_eq!(report.exception.class, "TypeError", "{what}");
    }
}

#[test]
fn rust_and_javascript_in_every_kind_of_worker_report_like_a_page_in_three_browsers() {
    for browser in Browser::ALL {
        for kind in KINDS {
            for build in BUILDS {
                reports_like_a_page(browser, kind, build);
            }
        }
    }
}

/// The outbox database's entries, read from the page.
const READ_OUTBOX: &str = r#"
const done = arguments[arguments.length - 1];
const open = indexedDB.open("gufo-err-outbox", 1);
open.onupgradeneeded = () => open.result.createObjectStore("entries", { keyPath: "event" });
open.onerror = () => done(-1);
open.onsuccess = () => {
  const all = open.result.transaction("entries").objectStore("entries").getAll();
  all.onsuccess = () => { open.result.close(); done(all.result.length); };
};
"#;

#[test]
fn a_delivery_that_failed_in_a_worker_is_sent_by_the_next_page_in_three_browsers() {
    for browser in Browser::ALL {
        let what = format!("{} / dedicated worker, collector refusing", browser.name());
        let reports = tempfile::tempdir().expect("collector dir");
        let site = example_dir("worker");
        let www = site.to_str().expect("path");
        // A collector that refuses every report (413: over its body limit) and is retried.
        let refusing = Collector::from_env(reports.path(), &["--www", www, "--body-limit", "64"]);
        let addr = refusing.url.trim_start_matches("http://").to_string();
        let driver = browser.launch().unwrap_or_else(|e| panic!("{e}"));
        let session = Session::new(&driver.url, driver.capabilities()).expect("session");
        open(
            &session,
            &format!("{}/?kind=dedicated&build=engine", refusing.url),
            &what,
        );
        send_failing(&session, r#"{op: "total", prices: [1], picked: [7]}"#);
        let start = Instant::now();
        while session.execute_async(READ_OUTBOX).expect("outbox") != 1 {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "{what}: the outbox is kept in IndexedDB"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
        session
            .execute("window.workerDemo.terminate(); return true;")
            .expect("terminate");
        assert_eq!(
            refusing.counts().values().sum::<u64>(),
            0,
            "{what}: nothing accepted yet"
        );
        refusing.stop();

        let bin = gufo_err_tests::err_bin();
        let accepting = Collector::start_at(&bin, &addr, reports.path(), &["--www", www]);
        open(
            &session,
            &format!("{}/?kind=dedicated&build=js", accepting.url),
            &what,
        );
        let delivered = wait_delivered(&accepting, 1, Duration::from_secs(40));
        assert_eq!(
            delivered, 1,
            "{what}: the next page sent what the worker left"
        );
        std::thread::sleep(Duration::from_millis(1000));
        assert_eq!(accepting.counts().values().sum::<u64>(), 1, "{what}: once");
        let start = Instant::now();
        while session.execute_async(READ_OUTBOX).expect("outbox") != 0 {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{what}: the delivered entry is dropped"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}
