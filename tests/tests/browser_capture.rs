//! `err::init()` in real Chromium, Firefox ESR and WebKitGTK: the console output, the
//! IndexedDB store and its counts, delivery to a real collector (`err serve` on 127.0.0.1),
//! the trap linked to its panic, and 20 pages left right after a panic with nothing lost.

use std::time::{Duration, Instant};

use gufo_err_tests::browser::Browser;
use gufo_err_tests::collector::Collector;
use gufo_err_tests::server::StaticServer;
use gufo_err_tests::store::CLEAR_STORE;
use gufo_err_tests::webdriver::Session;
use serde_json::Value;

const READ_STORE: &str = r#"
const done = arguments[arguments.length - 1];
const open = indexedDB.open("gufo-err", 1);
open.onupgradeneeded = () => open.result.createObjectStore("reports", { keyPath: "fingerprint" }).createIndex("last_seen", "last_seen");
open.onerror = () => done({ error: String(open.error) });
open.onsuccess = () => {
  const db = open.result;
  const all = db.transaction("reports").objectStore("reports").getAll();
  all.onsuccess = () => {
    db.close();
    done(all.result.map((r) => ({ fingerprint: r.fingerprint, count: r.count, secondary: (r.secondary || []).map((s) => s.kind), kind: JSON.parse(r.report).kind })));
  };
  all.onerror = () => done({ error: String(all.error) });
};
"#;

const PENDING: &str = r#"
const list = (k) => JSON.parse(localStorage.getItem(k) || "[]").length;
return list("gufo-err:queue") + list("gufo-err:outbox") + list("gufo-err:traps");
"#;

fn run_case(session: &Session, base: &str, query: &str) -> Value {
    session
        .goto(&format!("{base}/page.html?{query}"))
        .expect("goto");
    let value = session
        .wait_for("return window.__result || null", Duration::from_secs(60))
        .expect("result");
    assert!(value.get("failure").is_none(), "{query}: {value}");
    value
}

fn fingerprint_of(result: &Value) -> String {
    let report = result["reports"][0].as_str().expect("a report");
    err::codec::from_json(report)
        .expect("report")
        .fingerprint
        .to_string()
}

/// A browser on the harness site, with the gufo-err storage of its origin emptied.
struct Page {
    session: Session,
    site: StaticServer,
    _driver: gufo_err_tests::browser::Driver,
}

impl Page {
    fn open(browser: Browser) -> Self {
        let site = StaticServer::start(gufo_err_tests::harness_dir().join("web")).expect("site");
        let driver = browser.launch().unwrap_or_else(|e| panic!("{e}"));
        let session = Session::new(&driver.url, driver.capabilities()).expect("session");
        run_case(&session, &site.url(), "case=blank");
        assert_eq!(
            session.execute_async(CLEAR_STORE).expect("clear"),
            Value::Bool(true),
            "{}",
            browser.name()
        );
        Page {
            session,
            site,
            _driver: driver,
        }
    }
}

/// One browser at a time: the machine has two cores.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn check_browser(browser: Browser) {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let dir = tempfile::tempdir().expect("collector dir");
    let collector = Collector::from_env(dir.path(), &["--cors", "*"]);
    let page = Page::open(browser);
    let (session, base, name) = (&page.session, page.site.url(), browser.name());
    let to = urlencode(&format!("{}/api/v1/errors", collector.url));

    // A panic: console output in the chosen format, with the message kept visible.
    let first = run_case(session, &base, &format!("case=bounds&collector={to}"));
    let bounds = fingerprint_of(&first);
    let report =
        err::codec::from_json(first["reports"][0].as_str().expect("report")).expect("report");
    assert_eq!(
        report.build_id,
        Some(gufo_err_tests::harness_build_id()),
        "{name}: the module's build_id section names the build"
    );
    let console: Vec<String> = serde_json::from_value(
        session
            .execute("return window.__consoleErrors")
            .expect("console"),
    )
    .expect("list");
    let printed = console
        .iter()
        .find(|l| l.starts_with(&format!("Error: {bounds}")))
        .unwrap_or_else(|| panic!("{name}: {console:?}"));
    assert!(
        printed.contains("panic: index out of bounds: the len is 3 but the index is 10"),
        "{name}: {printed}"
    );
    assert!(
        printed.contains("Captured stack:") && printed.contains("wasm-function["),
        "{name}: the raw stack stays linkable: {printed}"
    );

    // The same panic again with the trap left uncaught: linked, not counted.
    run_case(
        session,
        &base,
        &format!("case=bounds&collector={to}&uncaught=1"),
    );
    let trait_impl = fingerprint_of(&run_case(
        session,
        &base,
        &format!("case=trait_impl&collector={to}"),
    ));

    // Endless recursion in wasm that JS does not catch: kept raw, reported by the next start.
    run_case(
        session,
        &base,
        &format!("case=stack_overflow&collector={to}&uncaught=1"),
    );

    // Twenty pages left right after their panic.
    let mut expect_err = String::new();
    for i in 0..20 {
        session
            .goto(&format!(
                "{base}/page.html?case=expect_err&collector={to}&leave=1"
            ))
            .expect("goto");
        let start = Instant::now();
        // A poll that lands on the unload itself fails (WebKit): that is still navigating.
        while session
            .execute("return location.href")
            .ok()
            .as_ref()
            .and_then(Value::as_str)
            != Some("about:blank")
        {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "{name}: page {i} did not panic and leave"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    // The next load replays what they left behind.
    let replayed = run_case(session, &base, &format!("case=none&collector={to}"));
    assert!(replayed["reports"].as_array().is_some_and(|r| r.is_empty()));
    // The store reaches the exact counts (a late write of a dying page can leave an
    // already merged occurrence in the queue: merging skips it by its event id).
    let start = Instant::now();
    loop {
        let stored: Vec<Value> =
            serde_json::from_value(session.execute_async(READ_STORE).expect("store"))
                .unwrap_or_default();
        let total: u64 = stored
            .iter()
            .map(|r| r["count"].as_u64().unwrap_or(0))
            .sum();
        let linked = stored
            .iter()
            .any(|r| r["secondary"] == serde_json::json!(["trap"]));
        if total == 2 + 1 + 1 + 20 && linked {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{name}: the store holds {stored:?}; pending: {:?}",
            session.execute(PENDING).ok()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let stored: Vec<Value> =
        serde_json::from_value(session.execute_async(READ_STORE).expect("store")).expect("records");
    let record = |fp: &str| {
        stored
            .iter()
            .find(|r| r["fingerprint"] == fp)
            .cloned()
            .unwrap_or_else(|| panic!("{name}: {fp} not stored: {stored:?}"))
    };
    assert_eq!(record(&bounds)["count"], 2, "{name}: {stored:?}");
    assert_eq!(
        record(&bounds)["secondary"],
        serde_json::json!(["trap"]),
        "{name}: the uncaught trap is linked"
    );
    assert_eq!(record(&trait_impl)["count"], 1, "{name}");
    let overflow = stored
        .iter()
        .find(|r| r["kind"] == "stack-overflow")
        .unwrap_or_else(|| panic!("{name}: the uncaught wasm overflow was reported: {stored:?}"));
    assert_eq!(overflow["count"], 1, "{name}");
    let overflow = overflow["fingerprint"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    for r in &stored {
        if r["fingerprint"] != bounds.as_str()
            && r["fingerprint"] != trait_impl.as_str()
            && r["fingerprint"] != overflow.as_str()
        {
            expect_err = r["fingerprint"].as_str().unwrap_or_default().to_owned();
            assert_eq!(
                r["count"], 20,
                "{name}: none of the 20 left pages is lost: {stored:?}"
            );
        }
    }
    assert_eq!(stored.len(), 4, "{name}: {stored:?}");
    // The collector got each exactly once.
    let start = Instant::now();
    loop {
        let counts = collector.counts();
        let expected = [
            (bounds.clone(), 2),
            (trait_impl.clone(), 1),
            (expect_err.clone(), 20),
            (overflow.clone(), 1),
        ]
        .into_iter()
        .collect();
        if counts == expected {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{name}: collector has {counts:?}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    eprintln!("{name}: store, console, collector, trap link and 20 left pages checked");
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[test]
fn chromium_stores_delivers_and_loses_nothing() {
    check_browser(Browser::Chromium);
}

#[test]
fn firefox_stores_delivers_and_loses_nothing() {
    check_browser(Browser::Firefox);
}

#[test]
fn webkit_stores_delivers_and_loses_nothing() {
    check_browser(Browser::WebKit);
}

/// The fail-fast actions: an overlay that shows text only, a reload with a loop guard, and a
/// callback run after the hook.
fn check_fail_fast(browser: Browser) {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let page = Page::open(browser);
    let (session, base, name) = (&page.session, page.site.url(), browser.name());

    let result = run_case(session, &base, "case=html_message&fail=overlay");
    let fingerprint = fingerprint_of(&result);
    let overlay = session
        .execute("const o = document.getElementById('gufo-err-overlay'); return o && [o.textContent, o.querySelectorAll('img,b').length, window.__xss === undefined]")
        .expect("overlay");
    let text = overlay[0]
        .as_str()
        .unwrap_or_else(|| panic!("{name}: no overlay"));
    assert!(
        text.contains("<img src=x onerror=") && text.contains(&fingerprint),
        "{name}: {text}"
    );
    assert_eq!(
        (overlay[1].as_u64(), overlay[2].as_bool()),
        (Some(0), Some(true)),
        "{name}: the message is text, nothing runs"
    );

    let result = run_case(session, &base, "case=refcell&fail=callback");
    let called = session
        .wait_for(
            "return window.__failCallback || null",
            Duration::from_secs(10),
        )
        .expect("callback");
    assert_eq!(
        called.as_str(),
        Some(fingerprint_of(&result).as_str()),
        "{name}"
    );

    // Reload: the first load and two reloads panic; the loop guard stops the third reload.
    session
        .goto(&format!("{base}/page.html?case=unwrap_none&fail=reload"))
        .expect("goto");
    let start = Instant::now();
    loop {
        let reloads = session
            .execute("return JSON.parse(sessionStorage.getItem('gufo-err:reloads') || '[]').length")
            .ok();
        let done = session.execute("return window.__result ? 1 : 0").ok();
        if reloads == Some(Value::from(2)) && done == Some(Value::from(1)) {
            std::thread::sleep(Duration::from_millis(500));
            let still = session
                .execute(
                    "return JSON.parse(sessionStorage.getItem('gufo-err:reloads') || '[]').length",
                )
                .expect("reloads");
            assert_eq!(still, 2, "{name}: no reload past the guard");
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{name}: reloads {reloads:?}, done {done:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    eprintln!("{name}: overlay, callback and reload guard checked");
}

#[test]
fn chromium_fail_fast_actions() {
    check_fail_fast(Browser::Chromium);
}

#[test]
fn firefox_fail_fast_actions() {
    check_fail_fast(Browser::Firefox);
}

#[test]
fn webkit_fail_fast_actions() {
    check_fail_fast(Browser::WebKit);
}
