//! Nothing is lost when storage fails, in real Chromium, Firefox ESR and WebKitGTK: with
//! localStorage full, blocked or throwing, without IndexedDB, and in a sandboxed iframe (an
//! opaque origin, with no storage at all), 20 panics each are printed, delivered to a real
//! collector and stored wherever a store works (in memory, in IndexedDB, or for a later
//! page), and the console says once which storage failed. A collector URL the page cannot
//! reach is said once too, with every report still stored and kept for delivery.

use std::time::{Duration, Instant};

use gufo_err_tests::browser::Browser;
use gufo_err_tests::collector::Collector;
use gufo_err_tests::store::{CLEAR_STORE, READ_STORE};
use gufo_err_tests::webdriver::Session;
use serde_json::Value;

const PANICS: u64 = 20;

/// Where the stored reports are expected after the case.
#[derive(Clone, Copy, PartialEq)]
enum Kept {
    /// In the page's IndexedDB.
    IndexedDb,
    /// Queued in localStorage, and in IndexedDB once a page where it works loads.
    NextPage,
    /// In the page's memory only (no storage at all).
    Memory,
}

struct Case {
    fail: &'static str,
    /// Deliveries go to a port where nothing listens (a collector URL the page cannot reach).
    unreachable: bool,
    kept: Kept,
    /// The kinds of storage the console names, once each.
    warned: &'static [&'static str],
}

const CASES: [Case; 6] = [
    Case {
        fail: "full",
        unreachable: false,
        kept: Kept::IndexedDb,
        warned: &["localStorage"],
    },
    Case {
        fail: "blocked",
        unreachable: false,
        kept: Kept::IndexedDb,
        warned: &["localStorage"],
    },
    Case {
        fail: "throwing",
        unreachable: false,
        kept: Kept::IndexedDb,
        warned: &["localStorage"],
    },
    Case {
        fail: "no-indexeddb",
        unreachable: false,
        kept: Kept::NextPage,
        warned: &["IndexedDB"],
    },
    Case {
        fail: "sandboxed",
        unreachable: false,
        kept: Kept::Memory,
        warned: &["localStorage", "IndexedDB"],
    },
    Case {
        fail: "none",
        unreachable: true,
        kept: Kept::IndexedDb,
        warned: &["delivery"],
    },
];

/// A URL where nothing listens: a port taken and let go.
fn unreachable_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = listener.local_addr().expect("addr").port();
    drop(listener);
    format!("http://127.0.0.1:{port}/api/v1/errors")
}

fn wait_result(session: &Session, what: &str) -> Value {
    let result = session
        .wait_for("return window.__result || null", Duration::from_secs(120))
        .unwrap_or_else(|e| panic!("{what}: the page finishes: {e}"));
    assert!(result.get("failure").is_none(), "{what}: {result}");
    result
}

fn stored_count(session: &Session) -> u64 {
    let records = session.execute_async(READ_STORE).expect("store");
    records
        .as_array()
        .map(|r| r.iter().map(|r| r["count"].as_u64().unwrap_or(0)).sum())
        .unwrap_or(0)
}

fn run_case(session: &Session, browser: Browser, case: &Case) {
    let what = format!("{} / {}", browser.name(), case.fail);
    let reports = tempfile::tempdir().expect("collector dir");
    let web = gufo_err_tests::harness_dir().join("web");
    let collector = Collector::from_env(
        reports.path(),
        &["--www", web.to_str().expect("path"), "--cors", "*"],
    );
    session
        .goto(&format!("{}/page.html?case=blank", collector.url))
        .expect("goto");
    let cleaned = session.execute_async(CLEAR_STORE).expect("clean");
    assert_eq!(
        cleaned, true,
        "{what}: the origin's storage is emptied first"
    );
    let api = if case.unreachable {
        unreachable_url()
    } else {
        collector.api()
    };
    session
        .goto(&format!(
            "{}/storage.html?fail={}&n={PANICS}&collector={api}",
            collector.url, case.fail
        ))
        .expect("goto");
    let result = wait_result(session, &what);
    assert_eq!(
        result["printed"], PANICS,
        "{what}: every panic printed: {result}"
    );

    let start = Instant::now();
    while !case.unreachable
        && collector.counts().values().sum::<u64>() < PANICS
        && start.elapsed() < Duration::from_secs(30)
    {
        std::thread::sleep(Duration::from_millis(200));
    }
    std::thread::sleep(Duration::from_millis(500));
    let delivered: u64 = collector.counts().values().sum();
    let expected = if case.unreachable { 0 } else { PANICS };
    assert_eq!(delivered, expected, "{what}: every panic delivered once");

    let warnings: Vec<String> = result["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .filter_map(|w| w.as_str())
        .filter(|w| w.starts_with("gufo-err:"))
        .map(str::to_string)
        .collect();
    assert_eq!(warnings.len(), case.warned.len(), "{what}: {warnings:#?}");
    for storage in case.warned {
        let said = |w: &&String| {
            if *storage == "delivery" {
                w.starts_with(&format!("gufo-err: delivery to {api} failed"))
            } else {
                w.starts_with(&format!("gufo-err: {storage} is not usable"))
            }
        };
        assert_eq!(
            warnings.iter().filter(said).count(),
            1,
            "{what}: the console names {storage} once: {warnings:#?}"
        );
    }

    match case.kept {
        Kept::IndexedDb => {
            assert_eq!(stored_count(session), PANICS, "{what}: every panic stored");
        }
        Kept::NextPage => {
            session
                .goto(&format!(
                    "{}/storage.html?fail=none&n=0&collector={api}",
                    collector.url
                ))
                .expect("goto");
            wait_result(session, &what);
            assert_eq!(
                stored_count(session),
                PANICS,
                "{what}: the next page with IndexedDB stores what was queued"
            );
            assert_eq!(
                collector.counts().values().sum::<u64>(),
                PANICS,
                "{what}: and delivers nothing twice"
            );
        }
        Kept::Memory => {
            assert_eq!(
                result["inMemory"], PANICS,
                "{what}: every panic kept in memory"
            );
        }
    }
}

#[test]
fn no_report_is_lost_when_storage_fails_in_three_browsers() {
    for browser in Browser::ALL {
        let driver = browser.launch().unwrap_or_else(|e| panic!("{e}"));
        let session = Session::new(&driver.url, driver.capabilities()).expect("session");
        for case in &CASES {
            run_case(&session, browser, case);
        }
    }
}
