//! `err symbolicate` on reports of real wasm panics: the `panicker` crate, built with line
//! tables split by `wasm-bindgen --split-debug-info` into a debug file that shares the
//! module's build id (`err build-id --write`), panics in real Chromium and Firefox; the CLI
//! maps each wasm frame's byte offset back to Rust through the debug file's DWARF. The
//! lines are checked against the crate's source (the `// site:` marks and the calls each
//! frame makes), not against numbers typed here.

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use err::model::{ErrorInfo, Frame};
use gufo_err_tests::browser::Browser;
use gufo_err_tests::server::StaticServer;
use gufo_err_tests::webdriver::Session;

use gufo_err_tests::err_bin;

fn module() -> PathBuf {
    gufo_err_tests::harness_dir().join("web/pkg/gufo_err_panicker_bg.debug.wasm")
}

/// `err symbolicate` on a report whose build id was changed: refused with the reason, done
/// with `--any-build`.
fn check_other_build_refused(info: &ErrorInfo) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("other.json");
    let mut other = info.clone();
    other.build_id = Some("0".repeat(32));
    std::fs::write(&path, err::codec::to_json(&other)).expect("report written");
    let run = |any: bool| {
        let mut cmd = Command::new(err_bin());
        cmd.arg("symbolicate").arg("--wasm").arg(module());
        if any {
            cmd.arg("--any-build");
        }
        cmd.arg(&path).output().expect("err runs")
    };
    let refused = run(false);
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success(), "{stderr}");
    assert!(
        stderr.contains("another module") && stderr.contains(&"0".repeat(32)),
        "{stderr}"
    );
    let forced = run(true);
    assert!(
        forced.status.success(),
        "{}",
        String::from_utf8_lossy(&forced.stderr)
    );
}

/// The report of a real panic of `case` in `browser`.
fn panic_in(browser: Browser, case: &str) -> ErrorInfo {
    let site = StaticServer::start(gufo_err_tests::harness_dir().join("web")).expect("site");
    let driver = browser.launch().unwrap_or_else(|e| panic!("{e}"));
    let session = Session::new(&driver.url, driver.capabilities()).expect("session");
    session
        .goto(&format!("{}/page.html?case={case}", site.url()))
        .expect("goto");
    let result = session
        .wait_for("return window.__result || null", Duration::from_secs(60))
        .expect("the case ran");
    err::codec::from_json(result["reports"][0].as_str().expect("a report")).expect("a report")
}

fn symbolicate(info: &ErrorInfo) -> (ErrorInfo, String) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("report.json");
    std::fs::write(&path, err::codec::to_json(info)).expect("report written");
    let out = Command::new(err_bin())
        .arg("symbolicate")
        .arg("--wasm")
        .arg(module())
        .arg("--src")
        .arg(gufo_err_tests::repo_root())
        .arg(&path)
        .output()
        .expect("err runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    let report = err::codec::from_slice(&out.stdout).expect("a symbolicated report");
    (report, stderr)
}

/// The text of a line of a repository file.
fn source_line(file: &str, line: u32) -> String {
    let path = gufo_err_tests::repo_root().join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .nth(line as usize - 1)
        .unwrap_or_default()
        .to_owned()
}

fn in_repo(frame: &Frame) -> Option<String> {
    let file = frame.file.as_deref()?;
    let at = file.find("tests/panicker/src/")?;
    Some(file[at..].to_owned())
}

/// The innermost in-app frame is the marked site; each outer in-app frame's line calls the
/// function of the frame inside it.
fn check_chain(browser: Browser, case: &str) {
    let report = panic_in(browser, case);
    assert_eq!(
        report.build_id.as_deref(),
        Some(gufo_err_tests::harness_build_id().as_str()),
        "{}: the report names its build",
        browser.name()
    );
    check_other_build_refused(&report);
    let (symbolicated, summary) = symbolicate(&report);
    assert!(summary.contains(" frames placed"), "{summary}");
    assert_eq!(
        symbolicated.fingerprint, report.fingerprint,
        "the fingerprint is kept"
    );
    let sites =
        gufo_err_tests::sites::find_sites(&gufo_err_tests::repo_root(), "tests/panicker/src");
    let site = &sites[case];
    let app: Vec<&Frame> = symbolicated
        .stack
        .iter()
        .filter(|f| f.in_app && in_repo(f).is_some())
        .collect();
    let innermost = app
        .last()
        .unwrap_or_else(|| panic!("{}: no in-app frame with a file: {summary}", browser.name()));
    assert_eq!(
        in_repo(innermost).as_deref(),
        Some(site.file.as_str()),
        "{}",
        browser.name()
    );
    assert_eq!(
        innermost.line,
        Some(site.line),
        "{}: {innermost:?}",
        browser.name()
    );
    let source = innermost
        .source
        .as_ref()
        .expect("source context from --src");
    assert!(
        source
            .current()
            .unwrap_or_default()
            .contains(&format!("site:{case}")),
        "{source:?}"
    );
    for pair in app.windows(2) {
        let (outer, inner) = (pair[0], pair[1]);
        let text = source_line(&in_repo(outer).expect("file"), outer.line.expect("line"));
        let callee = inner
            .name
            .split("::")
            .last()
            .unwrap_or(&inner.name)
            .to_owned();
        // A wasm-bindgen export's shim is generated code, placed at its attribute: the
        // function it wraps is declared right below.
        let text = if text.trim() == "#[wasm_bindgen]" {
            source_line(
                &in_repo(outer).expect("file"),
                outer.line.expect("line") + 1,
            )
        } else {
            text
        };
        assert!(
            text.contains(&format!("{callee}(")),
            "{}: {}:{} should call {callee}: {text:?}",
            browser.name(),
            outer.function,
            outer.line.unwrap_or(0)
        );
    }
}

#[test]
fn chromium_wasm_frames_map_to_their_rust_lines() {
    check_chain(Browser::Chromium, "deep_panic");
    check_chain(Browser::Chromium, "trait_impl");
}

#[test]
fn addr2line_gives_the_innermost_place_symbolicate_gives() {
    let report = panic_in(Browser::Chromium, "trait_impl");
    let (symbolicated, _) = symbolicate(&report);
    // The last frame of each offset's run is its innermost (inlined) place.
    let mut innermost: Vec<&Frame> = Vec::new();
    for frame in &symbolicated.stack {
        match innermost.last_mut() {
            Some(last) if frame.wasm_offset.is_some() && last.wasm_offset == frame.wasm_offset => {
                *last = frame
            }
            _ => innermost.push(frame),
        }
    }
    let wanted: Vec<&Frame> = innermost
        .into_iter()
        .filter(|f| f.wasm_offset.is_some() && f.line.is_some())
        .collect();
    assert!(wanted.len() >= 3, "{wanted:?}");
    let out = Command::new(err_bin())
        .args(["addr2line", "--wasm"])
        .arg(module())
        .args(
            wanted
                .iter()
                .map(|f| format!("{:#x}", f.wasm_offset.unwrap_or(0))),
        )
        .output()
        .expect("err runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let places: Vec<&str> = text.lines().skip(1).step_by(2).collect();
    assert_eq!(places.len(), wanted.len());
    for (frame, place) in wanted.iter().zip(places) {
        let expected = format!(
            "{}:{}:{}",
            frame.file.as_deref().unwrap_or("??"),
            frame.line.unwrap_or(0),
            frame.column.unwrap_or(0)
        );
        assert_eq!(place, expected, "{}", frame.function);
    }
}

#[test]
fn firefox_wasm_frames_map_to_their_rust_lines() {
    check_chain(Browser::Firefox, "deep_panic");
    check_chain(Browser::Firefox, "trait_impl");
}

#[test]
fn a_module_without_dwarf_or_not_wasm_is_refused_with_the_reason() {
    let dir = tempfile::tempdir().expect("dir");
    let report = dir.path().join("r.json");
    std::fs::write(
        &report,
        err::codec::to_json(&ErrorInfo::new(err::model::Kind::Panic, "panic", "x")),
    )
    .expect("write");
    let not_wasm = dir.path().join("x.wasm");
    std::fs::write(&not_wasm, b"not wasm").expect("write");
    let stripped = gufo_err_tests::harness_dir().join("node-pkg/gufo_err_panicker_bg.wasm");
    for (wasm, reason) in [
        (&not_wasm, "not a readable wasm module"),
        (&stripped, "has no DWARF"),
    ] {
        let out = Command::new(err_bin())
            .args(["symbolicate", "--wasm"])
            .arg(wasm)
            .arg(&report)
            .output()
            .expect("err runs");
        assert_eq!(out.status.code(), Some(4));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(reason), "{stderr}");
    }
}

#[test]
fn build_ids_are_written_once_read_back_and_never_mixed() {
    let dir = tempfile::tempdir().expect("dir");
    let pkg = gufo_err_tests::harness_dir().join("web/pkg");
    let module = dir.path().join("app_bg.wasm");
    let debug = dir.path().join("app_bg.debug.wasm");
    let other = dir.path().join("other_bg.wasm");
    std::fs::copy(pkg.join("gufo_err_panicker_bg.wasm"), &module).expect("copy");
    std::fs::copy(pkg.join("gufo_err_panicker_bg.debug.wasm"), &debug).expect("copy");
    // The harness module's code with a section of another id: as if from another build.
    let mut bytes = std::fs::read(&module).expect("read");
    bytes.extend(err::wasm::build_id::section(&[0xab; 16]));
    std::fs::write(&other, bytes).expect("write");
    let run = |args: &[&std::ffi::OsStr]| {
        Command::new(err_bin())
            .arg("build-id")
            .args(args)
            .output()
            .expect("err runs")
    };
    // Already written by xtask: --write again changes nothing and prints the same id.
    let id = gufo_err_tests::harness_build_id();
    let before = std::fs::read(&module).expect("read");
    let again = run(&["--write".as_ref(), module.as_os_str(), debug.as_os_str()]);
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let printed = String::from_utf8_lossy(&again.stdout);
    assert_eq!(printed.lines().count(), 2, "{printed}");
    assert!(printed.lines().all(|l| l.starts_with(&id)), "{printed}");
    assert_eq!(std::fs::read(&module).expect("read"), before, "untouched");
    // A debug file of another build is refused, named with both ids.
    let mixed = run(&["--write".as_ref(), other.as_os_str(), debug.as_os_str()]);
    let stderr = String::from_utf8_lossy(&mixed.stderr);
    assert_eq!(mixed.status.code(), Some(4), "{stderr}");
    assert!(
        stderr.contains(&id) && stderr.contains(&"ab".repeat(16)),
        "{stderr}"
    );
    // Not a module: the reason.
    let text = dir.path().join("notes.wasm");
    std::fs::write(&text, "not wasm").expect("write");
    let refused = run(&[text.as_os_str()]);
    assert_eq!(refused.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not a wasm module"));
}

/// `err bundle` of the panicker's debug file, read back as the viewer reads it.
fn panicker_bundle() -> err::wasm::symbols::Bundle {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("panicker.errsym");
    let out = Command::new(err_bin())
        .args(["bundle", "--wasm"])
        .arg(module())
        .arg("-o")
        .arg(&path)
        .output()
        .expect("err bundle runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    err::wasm::symbols::Bundle::from_slice(&std::fs::read(&path).expect("bundle"))
        .expect("a bundle")
}

/// Each frame as the detail shows it: function, file, line.
fn places(info: &ErrorInfo) -> Vec<(String, Option<String>, Option<u32>)> {
    info.stack
        .iter()
        .map(|f| (f.function.clone(), f.file.clone(), f.line))
        .collect()
}

#[test]
fn a_symbol_bundle_restores_the_inlined_frames_err_symbolicate_restores() {
    let bundle = panicker_bundle();
    assert!(
        !bundle.callers.is_empty(),
        "the release build inlines: chains are kept"
    );
    let mut inlined = 0;
    for browser in [Browser::Chromium, Browser::Firefox] {
        for case in ["bounds", "expect_err", "trait_impl", "deep_panic"] {
            let report = panic_in(browser, case);
            let (by_cli, _) = symbolicate(&report);
            // The viewer's step (report_detail/decode.rs) with a loaded bundle.
            let mut in_viewer = report.clone();
            bundle.symbolicate(&mut in_viewer);
            assert_eq!(
                places(&in_viewer),
                places(&by_cli),
                "{} / {case}: the viewer's frames are the CLI's",
                browser.name()
            );
            inlined += in_viewer.stack.len() - report.stack.len();
        }
    }
    assert!(inlined > 0, "some frames were inlined and are restored");
}
