//! Machinery is machinery whoever captured the stack: panics of the `panicker` crate under
//! hooks other than gufo-err's, in real Chromium, Firefox ESR and WebKitGTK.
//!
//! - `own` (a hand-written hook printing the panic and `Error().stack`) and `cehp`
//!   (console_error_panic_hook): the text they print is fed to the pipeline as the viewer's
//!   paste builds it (`Capture::from_text`, the stack's own names only) and, named from the
//!   module as `--wasm` names them, to a real `err parse`;
//! - `wrapped` (a closure around `err::panic_hook`): gufo-err's own report.
//!
//! Every report's failing frame is the case's innermost function, and no frame of a hook
//! (std's panicking, the hook's own functions) is in-app.

use std::process::Command;
use std::time::Duration;

use err::model::ErrorInfo;
use err::pipeline::{build, Capture, Detached, Names};
use err::wasm::names::FunctionNames;
use gufo_err_tests::browser::Browser;
use gufo_err_tests::expect::{expected_chain, panicker_settings};
use gufo_err_tests::server::StaticServer;
use gufo_err_tests::webdriver::Session;
use serde_json::Value;

const CASES: [&str; 3] = ["bounds", "expect_err", "trait_impl"];

fn module_names() -> FunctionNames {
    let wasm = gufo_err_tests::harness_dir().join("web/pkg/gufo_err_panicker_bg.wasm");
    let bytes = std::fs::read(&wasm).expect("the panicker's module");
    FunctionNames::from_module(&bytes).expect("its name section")
}

/// The innermost in-app frame is the case's innermost function (a library function it
/// called, `Option::expect`'s, may follow); no frame of the panic machinery or of a hook is
/// left, in-app or not.
fn check(what: &str, case: &str, info: &ErrorInfo) {
    let expected = expected_chain(case);
    let innermost = expected.last().expect("a chain");
    let frames: Vec<String> = info
        .stack
        .iter()
        .map(|f| format!("{} {}", if f.in_app { "app" } else { "   " }, f.function))
        .collect();
    let failing = info
        .stack
        .iter()
        .rev()
        .find(|f| f.in_app)
        .map(|f| f.function.as_str());
    assert_eq!(
        failing,
        Some(innermost.as_str()),
        "{what}: the failing frame: {frames:#?}"
    );
    for frame in &info.stack {
        let f = &frame.function;
        assert!(
            !f.contains("panicking::")
                && !f.contains("panic_hook")
                && !f.contains("rust_begin_unwind")
                && !f.starts_with("err::")
                && !f.contains("install_foreign_hook"),
            "{what}: a frame of the machinery or a hook is left: {frames:#?}"
        );
    }
}

/// What the hook printed: the console line with the stack.
fn printed(what: &str, result: &Value) -> String {
    result["console"]
        .as_array()
        .expect("console")
        .iter()
        .filter_map(|l| l.as_str())
        .find(|l| l.contains("wasm-function["))
        .unwrap_or_else(|| panic!("{what}: the hook printed a stack: {result}"))
        .to_string()
}

fn err_parse(what: &str, text: &str) -> ErrorInfo {
    let wasm = gufo_err_tests::harness_dir().join("web/pkg/gufo_err_panicker_bg.wasm");
    let output = gufo_err_tests::run_with_stdin(
        Command::new(gufo_err_tests::err_bin())
            .args([
                "parse",
                "--format",
                "json",
                "--root-module",
                "gufo_err_panicker",
                "--wasm",
            ])
            .arg(&wasm),
        text,
    );
    assert!(output.status.success(), "{what}: err parse: {output:?}");
    err::codec::from_json(&String::from_utf8_lossy(&output.stdout)).expect("a report")
}

#[test]
fn stacks_of_foreign_hooks_fail_in_the_app_not_in_the_hook_in_three_browsers() {
    let server = StaticServer::start(gufo_err_tests::harness_dir().join("web")).expect("server");
    let names = module_names();
    let lookup = |i| names.get(i).map(str::to_owned);
    for browser in Browser::ALL {
        let driver = browser.launch().unwrap_or_else(|e| panic!("{e}"));
        let session = Session::new(&driver.url, driver.capabilities()).expect("session");
        for hook in ["own", "cehp", "wrapped"] {
            for case in CASES {
                let what = format!("{} / {hook} / {case}", browser.name());
                session
                    .goto(&format!(
                        "{}/page.html?case={case}&hook={hook}",
                        server.url()
                    ))
                    .expect("goto");
                let result = session
                    .wait_for("return window.__result || null", Duration::from_secs(60))
                    .unwrap_or_else(|e| panic!("{what}: {e}"));
                assert!(result.get("failure").is_none(), "{what}: {result}");
                if hook == "wrapped" {
                    let reports = result["reports"].as_array().expect("reports");
                    assert_eq!(reports.len(), 1, "{what}: one report");
                    let info = err::codec::from_json(reports[0].as_str().expect("json"))
                        .expect("a report");
                    check(&what, case, &info);
                    continue;
                }
                let text = printed(&what, &result);
                // The viewer's paste: the text alone (JavaScriptCore may leave frames
                // unnamed; those are named from the module below).
                let pasted = build(
                    Capture::from_text(text.as_str(), None),
                    &panicker_settings(),
                    &Detached,
                );
                assert_eq!(
                    pasted.kind,
                    err::model::Kind::Panic,
                    "{what}: {}",
                    pasted.message
                );
                if browser != Browser::WebKit {
                    check(&format!("{what} (paste)"), case, &pasted);
                }
                let named = build(
                    Capture::from_text(text.as_str(), None),
                    &panicker_settings(),
                    &Names(&lookup),
                );
                check(&format!("{what} (pipeline)"), case, &named);
                check(
                    &format!("{what} (err parse)"),
                    case,
                    &err_parse(&what, &text),
                );
            }
        }
    }
}
