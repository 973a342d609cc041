//! The viewer in real browsers, served by a real `err serve` (`--viewer`, `--www`) on
//! 127.0.0.1: reports written by the core pipeline from real captured stacks and by Python
//! gufo-err, picked with the file input; filters, routing, the detail, recursion, source
//! context from a source root and from the report, bad files, pastes, the collector, the
//! browser store written by a real wasm panic, keyboard navigation, and an XSS corpus.
//! Chromium runs it all; Firefox ESR and WebKitGTK a smoke test. Screenshots are saved in
//! `tests/artifacts/`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use err::model::{ErrorInfo, Kind, Location};
use err::pipeline::{build, Capture, Detached, Settings};
use gufo_err_tests::browser::{Browser, Driver};
use gufo_err_tests::collector::Collector;
use gufo_err_tests::webdriver::Session;
use serde_json::Value;

const WAIT: Duration = Duration::from_secs(30);
const ENTER: &str = "\u{E007}";
const ESCAPE: &str = "\u{E00C}";

/// The reports the viewer is fed, as files in `site/reports/`, and what they hold.
struct Fixtures {
    /// Every good report file.
    files: Vec<PathBuf>,
    /// Distinct fingerprints among them (the groups the list must show).
    groups: usize,
    deep_panic: ErrorInfo,
    overflow: ErrorInfo,
    xss: ErrorInfo,
    python_division: ErrorInfo,
}

/// A report whose every text field is an attempt to run script.
fn xss_report() -> ErrorInfo {
    let stack = "TypeError: <img src=x onerror=\"window.__xss=1\">\n    at <script>window.__xss=2</script> (javascript:window.__xss=3:1:2)\n    at f\"><svg/onload=window.__xss=4> (http://127.0.0.1/<iframe src=javascript:window.__xss=5>.js:3:4)";
    let mut capture = Capture::from_text(stack, None);
    capture.message = String::from("<img src=x onerror=\"window.__xss=1\">");
    capture.page_url = Some(String::from("javascript:window.__xss=6"));
    capture.user_agent = Some(String::from("<script>window.__xss=7</script>"));
    capture.location = Some(Location::new("<img src=x onerror=window.__xss=8>.rs", 1, 1));
    let settings = Settings {
        name: String::from("<b onmouseover=window.__xss=9>shop</b>"),
        context_lines: 0,
        ..Settings::default()
    };
    build(capture, &settings, &Detached)
}

fn fixtures(site: &Path) -> Fixtures {
    let dir = site.join("reports");
    std::fs::create_dir_all(&dir).expect("reports dir");
    let root = gufo_err_tests::repo_root();
    let read = |path: PathBuf| -> ErrorInfo {
        err::codec::from_slice(&std::fs::read(&path).expect("fixture")).expect("a report")
    };
    let golden = root.join("core/tests/golden");
    let deep_panic = read(golden.join("chromium_deep_panic.json.txt"));
    let overflow = read(root.join("core/tests/fixtures/chromium_stack_overflow.json"));
    let mut files = Vec::new();
    for name in ["chromium_deep_panic", "firefox_trait_impl", "native_demo"] {
        let path = dir.join(format!("{name}.json"));
        std::fs::copy(golden.join(format!("{name}.json.txt")), &path).expect("copy");
        files.push(path);
    }
    let path = dir.join("chromium_stack_overflow.json");
    std::fs::copy(
        root.join("core/tests/fixtures/chromium_stack_overflow.json"),
        &path,
    )
    .expect("copy");
    files.push(path);
    let webkit = read(golden.join("webkit_unwrap_none.json.txt"));
    let path = dir.join("webkit_unwrap_none.json.gz");
    std::fs::write(&path, err::codec::to_gzip(&webkit)).expect("gz");
    files.push(path);
    let xss = xss_report();
    let path = dir.join("xss.json");
    std::fs::write(&path, err::codec::to_json(&xss)).expect("xss");
    files.push(path);
    let python_dir = site.join("python");
    std::fs::create_dir_all(&python_dir).expect("python dir");
    gufo_err_tests::python::make_reports(&python_dir, None);
    let mut python_division = None;
    for entry in std::fs::read_dir(&python_dir)
        .expect("python reports")
        .flatten()
    {
        let info = read(entry.path());
        if info.exception.class == "ZeroDivisionError" {
            python_division = Some(info);
        }
        files.push(entry.path());
    }
    let mut fingerprints: Vec<String> = files
        .iter()
        .map(|f| read(f.clone()).fingerprint.to_string())
        .collect();
    fingerprints.sort();
    fingerprints.dedup();
    // A list of every report, for ?src= and the smoke tests.
    let list: Vec<Value> = files
        .iter()
        .map(|f| serde_json::from_str(&err::codec::to_json(&read(f.clone()))).expect("json"))
        .collect();
    std::fs::write(
        site.join("list.json"),
        serde_json::to_vec(&list).expect("list"),
    )
    .expect("list");
    Fixtures {
        files,
        groups: fingerprints.len(),
        deep_panic,
        overflow,
        xss,
        python_division: python_division.expect("Python wrote a ZeroDivisionError"),
    }
}

/// The site: the fixtures, a copy of the panicker's sources (a source root), and the wasm
/// harness pages (a real panic writes the browser store on the viewer's origin).
fn site() -> (tempfile::TempDir, Fixtures) {
    let site = tempfile::tempdir().expect("site");
    let fixtures = fixtures(site.path());
    gufo_err_tests::copy_dir(
        &gufo_err_tests::repo_root().join("tests/panicker/src"),
        &site.path().join("src/tests/panicker/src"),
    );
    gufo_err_tests::copy_dir(&gufo_err_tests::harness_dir().join("web"), site.path());
    (site, fixtures)
}

/// `err bundle` of the harness's panicker (its debug file, the repository's sources), written
/// into the site as `panicker.errsym`.
fn panicker_bundle(site: &Path) -> PathBuf {
    let bundle = site.join("panicker.errsym");
    let made = std::process::Command::new(gufo_err_tests::err_bin())
        .args(["bundle", "--wasm"])
        .arg(gufo_err_tests::harness_dir().join("web/pkg/gufo_err_panicker_bg.debug.wasm"))
        .arg("--src")
        .arg(gufo_err_tests::repo_root())
        .arg("-o")
        .arg(&bundle)
        .output()
        .expect("err bundle runs");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    bundle
}

struct Viewer {
    session: Session,
    collector: Collector,
    _driver: Driver,
    _reports: tempfile::TempDir,
}

impl Viewer {
    fn open(browser: Browser, site: &Path) -> Self {
        let reports = tempfile::tempdir().expect("collector dir");
        let viewer = gufo_err_tests::viewer_dir();
        let www = site.to_str().expect("utf-8 path");
        let collector = Collector::from_env(
            reports.path(),
            &[
                "--www",
                www,
                "--viewer",
                viewer.to_str().expect("utf-8 path"),
            ],
        );
        let driver = browser.launch().unwrap_or_else(|e| panic!("{e}"));
        let session = Session::new(&driver.url, driver.capabilities()).expect("session");
        Viewer {
            session,
            collector,
            _driver: driver,
            _reports: reports,
        }
    }

    fn goto(&self, path: &str) {
        self.session
            .goto(&format!("{}{path}", self.collector.url))
            .expect("goto");
    }

    fn text(&self, css: &str) -> String {
        let script = format!(
            "const e = document.querySelector({}); return e ? e.textContent : null",
            Value::from(css)
        );
        self.session
            .wait_for(&script, WAIT)
            .unwrap_or_else(|e| panic!("{css}: {e}"))
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    fn wait_text(&self, css: &str, wanted: &str) {
        let script = format!(
            "const e = document.querySelector({}); return e && e.textContent.includes({}) ? true : null",
            Value::from(css),
            Value::from(wanted)
        );
        if let Err(e) = self.session.wait_for(&script, WAIT) {
            let seen = self.session.execute(&format!(
                "const e = document.querySelector({}); return e ? e.textContent : 'nothing'",
                Value::from(css)
            ));
            panic!("{css} never showed {wanted:?} ({e}); it shows {seen:?}");
        }
    }

    /// Waits until any element matching `css` shows `wanted`.
    fn wait_any(&self, css: &str, wanted: &str) {
        let script = format!(
            "return [...document.querySelectorAll({})].some((e) => e.textContent.includes({})) ? true : null",
            Value::from(css),
            Value::from(wanted)
        );
        if let Err(e) = self.session.wait_for(&script, WAIT) {
            panic!("no {css} showed {wanted:?}: {e}");
        }
    }

    fn count(&self, css: &str) -> u64 {
        self.session
            .execute(&format!(
                "return document.querySelectorAll({}).length",
                Value::from(css)
            ))
            .expect("count")
            .as_u64()
            .unwrap_or_default()
    }

    fn click(&self, css: &str) {
        let element = self
            .session
            .find(css)
            .unwrap_or_else(|e| panic!("{css}: {e}"));
        self.session
            .click(&element)
            .unwrap_or_else(|e| panic!("{css}: {e}"));
    }

    fn type_into(&self, css: &str, text: &str) {
        let element = self
            .session
            .find(css)
            .unwrap_or_else(|e| panic!("{css}: {e}"));
        self.session
            .send_keys(&element, text)
            .unwrap_or_else(|e| panic!("{css}: {e}"));
    }

    /// Runs a panicker case on this site's harness page and returns the hook's report, once
    /// the page has merged it into IndexedDB (leaving a page while it creates the database
    /// can leave the database blocked for the next page).
    fn panic(&self, case: &str) -> ErrorInfo {
        self.goto(&format!("/page.html?case={case}"));
        let result = self
            .session
            .wait_for("return window.__result || null", Duration::from_secs(60))
            .expect("the panic ran");
        self.session
            .wait_for(
                "return JSON.parse(localStorage.getItem('gufo-err:queue') || '[]').length === 0 ? true : null",
                WAIT,
            )
            .expect("the report merged into the store");
        err::codec::from_json(result["reports"][0].as_str().expect("a report"))
            .expect("the hook's report")
    }

    fn hash(&self) -> String {
        self.session
            .execute("return location.hash")
            .expect("hash")
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    fn no_script_ran(&self) {
        let xss = self
            .session
            .execute("return window.__xss === undefined")
            .expect("xss");
        assert_eq!(xss, Value::Bool(true), "a report field ran script");
    }

    fn screenshot(&self, name: &str) {
        // WebKitGTK under Xvfb paints late: let two frames and a moment pass first.
        self.session
            .execute_async(
                "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => done(true), 300)));",
            )
            .expect("frames painted");
        let png = self.session.screenshot().expect("screenshot");
        assert!(png.starts_with(b"\x89PNG"), "{name} is a PNG");
        let dir = gufo_err_tests::repo_root().join("tests/artifacts");
        std::fs::create_dir_all(&dir).expect("artifacts");
        std::fs::write(dir.join(name), png).expect("screenshot written");
    }
}

/// Line `n` (1-based) of a file in the repository.
fn repo_line(path: &str, n: u32) -> String {
    let text = std::fs::read_to_string(gufo_err_tests::repo_root().join(path)).expect("source");
    text.lines()
        .nth(n as usize - 1)
        .expect("the line exists")
        .to_owned()
}

#[test]
fn chromium_loads_filters_shows_and_survives_hostile_reports() {
    let (site, fx) = site();
    let v = Viewer::open(Browser::Chromium, site.path());
    let shown = |n: usize| format!("{n} of {n}");

    // Nothing on the origin yet: the welcome page.
    v.goto("/viewer/");
    v.wait_text(".welcome", "Drop reports here");

    // The file input, with good files, a bad one and a broken one.
    let bad = site.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"$type": "errorinfo", "$version": "2.0", "name": 3}"#,
    )
    .expect("bad");
    let broken = site.path().join("broken.json");
    std::fs::write(&broken, "{ not json").expect("broken");
    let mut picked: Vec<String> = fx.files.iter().map(|f| f.display().to_string()).collect();
    picked.push(bad.display().to_string());
    picked.push(broken.display().to_string());
    v.type_into("#file-input", &picked.join("\n"));
    v.wait_text("#shown", &shown(fx.groups));
    let errors = v.text(".load-errors");
    assert!(errors.contains("bad.json: "), "{errors}");
    assert!(errors.contains("broken.json: "), "{errors}");
    assert_eq!(v.count(".load-error"), 2, "{errors}");
    v.no_script_ran();
    v.screenshot("viewer-list.png");

    // Filter by text: the hash follows, and the link restores the view.
    v.type_into("#filter", "too deep");
    v.wait_text("#shown", &format!("1 of {}", fx.groups));
    assert!(v.hash().contains("q=too+deep"), "{}", v.hash());

    // The detail: title, panic location, and its source from a source root.
    v.click(".row");
    v.wait_text("#detail-title", &fx.deep_panic.exception.summary());
    let location = fx.deep_panic.location.clone().expect("a location");
    assert_eq!(v.text("#panic-location"), location.to_string());
    assert!(v
        .hash()
        .starts_with(&format!("#/r/{}", fx.deep_panic.fingerprint)));
    v.click("#sources-toggle");
    v.type_into("#source-prefix", &format!("/src{ENTER}"));
    let wanted = repo_line(&location.file, location.line);
    v.wait_text(".location .src-line.current code", wanted.trim());
    assert!(wanted.contains("site:deep_panic"), "{wanted}");
    v.screenshot("viewer-detail.png");

    // Escape closes the detail; the filter stays.
    v.type_into(".list", ESCAPE);
    v.session
        .wait_for("return location.hash.startsWith('#/?') ? true : null", WAIT)
        .expect("back to the list");

    // A shared link opens the same view.
    v.goto("/viewer/?src=/list.json#/?q=too%20deep");
    v.wait_text("#shown", &format!("1 of {}", fx.groups));

    // Recursion: collapsed, then expanded to every frame of the run.
    v.goto(&format!(
        "/viewer/?src=/list.json#/r/{}",
        fx.overflow.fingerprint
    ));
    let recursion = fx.overflow.recursion.clone().expect("a recursion");
    v.wait_text(
        ".recursion-fold",
        &format!(
            "{} frames repeated {} times",
            recursion.cycle.len(),
            recursion.repeats
        ),
    );
    let before = v.count(".frame");
    v.click(".recursion-fold");
    let expanded = before + (recursion.frames() - recursion.cycle.len()) as u64;
    v.session
        .wait_for(
            &format!(
                "return document.querySelectorAll('.frame').length === {expanded} ? true : null"
            ),
            WAIT,
        )
        .expect("every frame of the recursion shown");

    // A Python report carries its source: the failing line is marked.
    v.goto(&format!(
        "/viewer/?src=/list.json#/r/{}",
        fx.python_division.fingerprint
    ));
    let culprit = fx.python_division.culprit().expect("a frame").clone();
    let source = culprit.source.expect("Python reports carry source");
    let current = source
        .current()
        .expect("the current line")
        .trim()
        .to_owned();
    v.wait_text(".frame.failing .src-line.current code", &current);

    // Hostile fields are text: every tab of the XSS report renders, nothing runs.
    v.goto(&format!(
        "/viewer/?src=/list.json#/r/{}",
        fx.xss.fingerprint
    ));
    v.wait_text("#detail-title", "<img src=x onerror=");
    for tab in 1..=5 {
        v.click(&format!(".tabs .tab:nth-child({tab})"));
    }
    v.wait_text(".tab-body", "window.__xss");
    v.no_script_ran();

    // A pasted stack, captured from a real Chromium, becomes a report.
    let sample: Value = serde_json::from_str(
        &std::fs::read_to_string(
            gufo_err_tests::repo_root().join("tests/corpus/chromium/js_type_error.json"),
        )
        .expect("corpus sample"),
    )
    .expect("json");
    let stack = sample["error"]["stack"]
        .as_str()
        .expect("a stack")
        .to_owned();
    let class_and_message = stack.lines().next().expect("a first line").to_owned();
    v.goto("/viewer/?src=/list.json");
    v.wait_text("#shown", &shown(fx.groups));
    v.click("#paste-button");
    v.type_into("#paste-area", &stack);
    v.click("#paste-load");
    v.wait_text("#shown", &shown(fx.groups + 1));
    v.wait_text(".list", &class_and_message);

    // Keyboard: j, j, Enter opens the third row; Escape closes it.
    v.type_into(".list", &format!("jj{ENTER}"));
    let third = v
        .session
        .execute("return document.querySelectorAll('.row')[2].dataset.fingerprint")
        .expect("third row");
    v.session
        .wait_for(
            &format!("return location.hash.startsWith('#/r/' + {third}) ? true : null"),
            WAIT,
        )
        .expect("the third report opened");
    v.type_into(".list", ESCAPE);

    // The collector: a report posted to err serve is listed and opened from the API.
    let posted = ureq::post(&v.collector.api())
        .set("Content-Type", "application/json")
        .send_string(&err::codec::to_json(&fx.deep_panic));
    assert!(posted.is_ok(), "{posted:?}");
    v.goto("/viewer/");
    v.wait_text("#shown", "1 of 1");
    v.click(".row");
    v.wait_text("#detail-title", &fx.deep_panic.exception.summary());
    v.wait_text(".meta", "/api/v1/errors");
}

#[test]
fn chromium_drop_folder_menus_collector_source_and_dark_theme() {
    let (site, fx) = site();
    let v = Viewer::open(Browser::Chromium, site.path());
    v.goto("/viewer/?src=/list.json");
    v.wait_text("#shown", &format!("{} of {}", fx.groups, fx.groups));

    // A file dropped on the page (a real drop event carrying a File).
    let sample: Value = serde_json::from_str(
        &std::fs::read_to_string(
            gufo_err_tests::repo_root().join("tests/corpus/firefox/js_class_method.json"),
        )
        .expect("corpus sample"),
    )
    .expect("json");
    let capture = Capture::js(
        sample["error"]["name"].as_str().expect("name"),
        sample["error"]["message"].as_str().expect("message"),
        sample["error"]["stack"].as_str().expect("stack"),
    );
    let dropped = build(capture, &Settings::default(), &Detached);
    let script = format!(
        "const dt = new DataTransfer(); dt.items.add(new File([{}], 'dropped.json', {{type: 'application/json'}})); \
         document.querySelector('.app').dispatchEvent(new DragEvent('drop', {{dataTransfer: dt, bubbles: true, cancelable: true}})); return true",
        Value::from(err::codec::to_json(&dropped))
    );
    v.session.execute(&script).expect("drop");
    v.wait_text("#shown", &format!("{0} of {0}", fx.groups + 1));
    v.wait_text(".list", &dropped.exception.summary());

    // The kind menu and the sort menu.
    v.click("#kind-filter option[value='stack-overflow']");
    v.wait_text("#shown", &format!("1 of {}", fx.groups + 1));
    v.click("#kind-filter option[value='']");
    v.click("#sort option[value='count']");
    assert!(v.hash().contains("sort=count"), "{}", v.hash());
    let first = v
        .session
        .execute("return document.querySelector('.row').dataset.fingerprint")
        .expect("first row");
    let most = std::iter::once(&fx.deep_panic)
        .chain([&fx.overflow, &fx.xss, &fx.python_division])
        .map(|r| r.count)
        .max()
        .unwrap_or(1);
    assert!(most <= 3, "the native demo report (seen 3 times) leads");
    let native = err::codec::from_slice(
        &std::fs::read(gufo_err_tests::repo_root().join("core/tests/golden/native_demo.json.txt"))
            .expect("golden"),
    )
    .expect("report");
    assert_eq!(first, Value::from(native.fingerprint.to_string()));

    // A source folder picked from disk: matched by the longest shared path tail.
    v.goto(&format!(
        "/viewer/?src=/list.json#/r/{}",
        fx.deep_panic.fingerprint
    ));
    v.wait_text("#detail-title", "too deep");
    v.click("#sources-toggle");
    v.type_into(
        "#source-folder",
        &site.path().join("src").display().to_string(),
    );
    v.wait_text("#sources-toggle", "a folder of");
    let location = fx.deep_panic.location.clone().expect("a location");
    v.wait_text(
        ".location .src-line.current code",
        repo_line(&location.file, location.line).trim(),
    );

    // ?src= naming the collector: summaries listed, the report fetched when opened.
    let posted = ureq::post(&v.collector.api())
        .set("Content-Type", "application/json")
        .send_string(&err::codec::to_json(&fx.overflow));
    assert!(posted.is_ok(), "{posted:?}");
    v.goto(&format!("/viewer/?src={}", v.collector.api()));
    v.wait_text("#shown", "1 of 1");
    v.click(".row");
    v.wait_text(".recursion-fold", "frames repeated");

    // The dark theme: system, light, dark.
    v.click(".theme");
    v.click(".theme");
    let dark = v
        .session
        .execute("return [document.documentElement.dataset.theme, getComputedStyle(document.body).backgroundColor]")
        .expect("theme");
    assert_eq!(dark, serde_json::json!(["dark", "rgb(21, 23, 26)"]));
    v.screenshot("viewer-dark.png");
}

#[test]
fn chromium_symbol_bundle_places_wasm_frames_offline() {
    let (site, _fx) = site();
    let bundle = panicker_bundle(site.path());
    let v = Viewer::open(Browser::Chromium, site.path());

    // A real panic on this site: its report has only wasm offsets.
    let report = v.panic("deep_panic");
    let live = site.path().join("live.json");
    std::fs::write(&live, err::codec::to_json(&report)).expect("report written");
    v.goto(&format!(
        "/viewer/?src=/live.json#/r/{}",
        report.fingerprint
    ));
    v.wait_text("#detail-title", "too deep");
    assert!(
        v.text(".frames").contains("wasm-function["),
        "before: wasm places"
    );

    // The bundle, picked like any file: frames move to their Rust lines, with source.
    v.type_into("#file-input", &bundle.display().to_string());
    v.wait_text("#sources-toggle", "symbols of gufo_err_panicker_bg.wasm");
    let sites =
        gufo_err_tests::sites::find_sites(&gufo_err_tests::repo_root(), "tests/panicker/src");
    let site_line = &sites["deep_panic"];
    // The outer frames land on the lines that make the calls…
    v.wait_text(".frames", "cases/mod.rs:");
    assert!(v
        .text(".frames")
        .contains("recursion::descend(black_box(0))"));
    // …and the innermost one, inside the collapsed recursion, on the marked line.
    v.click(".recursion-fold");
    v.wait_text(".frames", &format!("{}:{}", site_line.file, site_line.line));
    v.wait_any(".frames .src-line.current code", "site:deep_panic");
    v.no_script_ran();
    v.screenshot("viewer-symbolicated.png");
}

#[test]
fn chromium_viewer_in_one_tab_shows_a_panic_of_another_tab_live() {
    let (site, _fx) = site();
    let v = Viewer::open(Browser::Chromium, site.path());
    v.goto("/viewer/");
    v.wait_text(".welcome", "Drop reports here");
    let viewer_tab = v.session.window().expect("handle");
    let app_tab = v.session.new_tab().expect("a new tab");
    v.session.switch_to(&app_tab).expect("switch");
    let report = v.panic("unwrap_none");
    v.session
        .switch_to(&viewer_tab)
        .expect("back to the viewer");
    // No reload: the viewer hears the store change and reads it again.
    v.wait_text("#shown", "1 of 1");
    v.wait_text(".list", &report.exception.summary());
}

#[test]
fn chromium_reads_the_browser_store_a_real_panic_wrote() {
    let (site, _fx) = site();
    let v = Viewer::open(Browser::Chromium, site.path());
    let report = v.panic("bounds");
    assert_eq!(report.kind, Kind::Panic);
    v.goto("/viewer/");
    v.wait_text("#shown", "1 of 1");
    v.click(".row");
    v.wait_text("#detail-title", &report.exception.summary());
    v.wait_text(".meta", "browser store");
    assert!(v.hash().contains(&report.fingerprint.to_string()));
}

#[test]
fn chromium_counts_an_occurrence_in_the_store_and_the_collector_once() {
    let (site, _fx) = site();
    let v = Viewer::open(Browser::Chromium, site.path());
    // One panic, kept by the browser store and delivered to the collector (one event id).
    v.goto("/page.html?case=unwrap_none&collector=/api/v1/errors");
    v.session
        .wait_for("return window.__result || null", Duration::from_secs(60))
        .expect("the panic ran");
    let start = std::time::Instant::now();
    while v.collector.counts().values().sum::<u64>() < 1 {
        assert!(start.elapsed() < WAIT, "the collector got the report");
        std::thread::sleep(Duration::from_millis(100));
    }
    v.goto("/viewer/");
    v.wait_text("#shown", "1 of 1");
    v.click(".row");
    // Both sources are loaded, each with its count; the occurrence counts once.
    v.wait_text(".meta", "/api/v1/errors (1)");
    v.wait_text(".meta", "browser store (1)");
    let meta = v.text(".meta");
    assert!(meta.contains("Seen") && meta.contains("once"), "{meta}");
}

#[test]
fn chromium_bad_sources_say_why_and_the_narrow_layout_shows_the_detail_alone() {
    let (site, fx) = site();
    let v = Viewer::open(Browser::Chromium, site.path());
    v.goto("/viewer/?src=/missing.json&src=/list.json");
    v.wait_text("#shown", &format!("{} of {}", fx.groups, fx.groups));
    v.wait_text(".load-errors", "/missing.json: answered HTTP 404");
    v.session.set_window_size(420, 800).expect("narrow window");
    v.goto(&format!(
        "/viewer/?src=/list.json#/r/{}",
        fx.deep_panic.fingerprint
    ));
    v.wait_text("#detail-title", "too deep");
    let list_hidden = v
        .session
        .execute("return getComputedStyle(document.querySelector('.list-pane')).display")
        .expect("style");
    assert_eq!(list_hidden, Value::from("none"));
    v.screenshot("viewer-narrow.png");
}

#[test]
fn chromium_slash_focuses_the_filter_without_typing_into_it() {
    let (site, fx) = site();
    let v = Viewer::open(Browser::Chromium, site.path());
    v.goto("/viewer/?src=/list.json");
    v.wait_text("#shown", &format!("{0} of {0}", fx.groups));
    // The viewer's keydown listener focuses the filter and prevents the key's default: a
    // passive listener could not, and the `/` would land in the field.
    v.type_into(".list", "/");
    v.session
        .wait_for(
            "return document.activeElement && document.activeElement.id === 'filter' ? true : null",
            WAIT,
        )
        .expect("the filter is focused");
    let value = v
        .session
        .execute("return document.querySelector('#filter').value")
        .expect("the filter's value");
    assert_eq!(value, Value::from(""), "the `/` was typed into the filter");
}

fn smoke(browser: Browser) {
    let (site, fx) = site();
    let v = Viewer::open(browser, site.path());
    v.goto(&format!(
        "/viewer/?src=/list.json#/r/{}",
        fx.overflow.fingerprint
    ));
    v.wait_text("#shown", &format!("{} of {}", fx.groups, fx.groups));
    v.wait_text(".recursion-fold", "frames repeated");
    let before = v.count(".frame");
    v.click(".recursion-fold");
    v.session
        .wait_for(
            &format!("return document.querySelectorAll('.frame').length > {before} ? true : null"),
            WAIT,
        )
        .expect("the recursion expands");
    v.goto(&format!(
        "/viewer/?src=/list.json#/r/{}",
        fx.xss.fingerprint
    ));
    v.wait_text("#detail-title", "<img src=x onerror=");
    v.no_script_ran();
    v.screenshot(&format!("viewer-{}.png", browser.name()));
}

#[test]
fn firefox_smoke() {
    smoke(Browser::Firefox);
}

#[test]
fn webkit_smoke() {
    smoke(Browser::WebKit);
}

#[test]
fn webkit_frames_without_offsets_land_on_their_functions_first_line_and_say_so() {
    let (site, _fx) = site();
    panicker_bundle(site.path());
    let v = Viewer::open(Browser::WebKit, site.path());
    // A real WebKit panic: wasm frames with a function index, no byte offset.
    let report = v.panic("bounds");
    assert!(
        report
            .stack
            .iter()
            .any(|f| f.wasm_function.is_some() && f.wasm_offset.is_none()),
        "a JavaScriptCore stack"
    );
    let live = site.path().join("live.json");
    std::fs::write(&live, err::codec::to_json(&report)).expect("report written");
    v.goto(&format!(
        "/viewer/?src=/live.json&src=/panicker.errsym#/r/{}",
        report.fingerprint
    ));
    v.wait_text("#sources-toggle", "symbols of gufo_err_panicker_bg.wasm");
    // The failing function's frame lands in its source file, marked as its first line.
    v.wait_text(".frames", "tests/panicker/src/cases/mod.rs:");
    v.wait_text(".frames .badge.approx", "function's first line");
    v.no_script_ran();
}
