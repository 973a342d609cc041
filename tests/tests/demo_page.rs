//! The demo site as `cargo xtask demo` serves it (the harness pages with `www/` over them,
//! behind `err serve --www --viewer`), driven like a user in real Chromium, Firefox ESR and
//! WebKitGTK: every button clicked, each report shown, listed from the browser store and
//! received by the collector; a list entry opens the report in the viewer.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use gufo_err_tests::browser::Browser;
use gufo_err_tests::collector::Collector;
use gufo_err_tests::webdriver::Session;
use serde_json::Value;

const WAIT: Duration = Duration::from_secs(30);

/// The text of the first element matching `css`, once there is one.
fn text(session: &Session, css: &str) -> String {
    let script = format!(
        "const e = document.querySelector({}); return e ? e.textContent : null",
        Value::from(css)
    );
    session
        .wait_for(&script, WAIT)
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Clicks every demo button in turn; returns case → the fingerprint the page showed.
fn run_in(browser: Browser) -> BTreeMap<String, String> {
    let name = browser.name();
    let site = tempfile::tempdir().expect("site");
    gufo_err_tests::copy_dir(&gufo_err_tests::harness_dir().join("web"), site.path());
    gufo_err_tests::copy_dir(&gufo_err_tests::repo_root().join("www"), site.path());
    let reports = tempfile::tempdir().expect("collector dir");
    let viewer = gufo_err_tests::viewer_dir();
    let collector = Collector::from_env(
        reports.path(),
        &[
            "--www",
            site.path().to_str().expect("utf-8"),
            "--viewer",
            viewer.to_str().expect("utf-8"),
        ],
    );
    let driver = browser.launch().unwrap_or_else(|e| panic!("{e}"));
    let session = Session::new(&driver.url, driver.capabilities()).expect("session");
    session
        .goto(&format!("{}/", collector.url))
        .expect("the demo page");
    let cases: Vec<String> = serde_json::from_value(
        session
            .wait_for(
                "const b = [...document.querySelectorAll('button[data-case]')]; return b.length ? b.map((x) => x.dataset.case) : null",
                WAIT,
            )
            .expect("the buttons"),
    )
    .expect("case names");
    assert!(cases.len() >= 13, "{name}: {cases:?}");

    let mut shown = BTreeMap::new();
    let mut previous = text(&session, "#output");
    for case in &cases {
        let button = session
            .find(&format!("button[data-case={}]", Value::from(case.as_str())))
            .expect("button");
        session.click(&button).expect("click");
        // The output shows the new report in the terse format: `Error: <fingerprint>` first.
        let script = format!(
            "const t = document.getElementById('output').textContent; \
             return t.startsWith('Error: ') && t !== {} && document.querySelector('#reports li.selected') ? t : null",
            Value::from(previous.as_str())
        );
        let output = session
            .wait_for(&script, WAIT)
            .unwrap_or_else(|e| {
                let state = session.execute(
                    "return [document.getElementById('output').textContent, document.getElementById('runner').src, String(document.getElementById('runner').contentWindow && JSON.stringify(document.getElementById('runner').contentWindow.__result))]",
                );
                panic!("{name}: {case} showed no report: {e}; the page: {state:?}")
            })
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let fingerprint = output
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("Error: "))
            .unwrap_or_default()
            .to_owned();
        assert!(
            output.contains("Traceback (most recent call last):"),
            "{name}: {case}: {output}"
        );
        let selected = text(&session, "#reports li.selected .meta");
        assert!(
            selected.contains(&fingerprint[..8]),
            "{name}: {case}: the list marks the report: {selected}"
        );
        shown.insert(case.clone(), fingerprint);
        previous = output;
    }

    // Every report is in the browser store's list, once, and reached the collector.
    let distinct: std::collections::BTreeSet<&String> = shown.values().collect();
    let listed = session
        .wait_for(
            &format!(
                "return document.querySelectorAll('#reports li').length === {} ? true : null",
                distinct.len()
            ),
            WAIT,
        )
        .is_ok();
    assert!(listed, "{name}: {} reports listed", distinct.len());
    let start = Instant::now();
    loop {
        let counts = collector.counts();
        if distinct.iter().all(|f| counts.contains_key(*f)) {
            break;
        }
        assert!(
            start.elapsed() < WAIT,
            "{name}: the collector has {counts:?}, the page showed {shown:?}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    // The page lists the collector's reports too.
    session
        .wait_for(
            &format!(
                "return document.querySelectorAll('#collector li').length >= {} ? true : null",
                distinct.len()
            ),
            WAIT,
        )
        .unwrap_or_else(|e| panic!("{name}: the collector list: {e}"));

    // A list entry's link opens that report in the viewer.
    let bounds = &shown["bounds"];
    let link = session
        .find(&format!(
            "#reports a.open-in-viewer[href$={}]",
            Value::from(format!("#/r/{bounds}"))
        ))
        .expect("the report's viewer link");
    session.click(&link).expect("click");
    session
        .wait_for(
            "const t = document.getElementById('detail-title'); return t && t.textContent.includes('index out of bounds') ? true : null",
            WAIT,
        )
        .unwrap_or_else(|e| {
            let page = session.execute("const d = document.querySelector('.detail-pane'); return location.href + ' ' + (d ? d.textContent.slice(0, 600) : 'no detail pane') + ' ' + innerWidth + ' ' + JSON.stringify(performance.getEntriesByType('resource').map((e) => e.name.replace(location.origin, '') + ' ' + Math.round(e.duration)).slice(-20)) + ' marks ' + JSON.stringify(performance.getEntriesByType('mark').map((m) => m.name)) ");
            panic!("{name}: the viewer shows the report: {e}; it shows {page:?}")
        });
    eprintln!("{name}: {} demo buttons checked", shown.len());
    shown
}

#[test]
fn every_demo_button_reports_in_every_engine_alike() {
    let runs: Vec<(Browser, BTreeMap<String, String>)> =
        Browser::ALL.into_iter().map(|b| (b, run_in(b))).collect();
    let (first, expected) = &runs[0];
    for (browser, shown) in &runs[1..] {
        let differ: Vec<&String> = expected
            .keys()
            .filter(|case| expected.get(*case) != shown.get(*case))
            .collect();
        assert!(
            differ.is_empty(),
            "{} and {} disagree on {differ:?}: {expected:?} / {shown:?}",
            first.name(),
            browser.name()
        );
    }
}
