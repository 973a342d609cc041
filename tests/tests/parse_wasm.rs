//! `err parse --wasm`: the frames JavaScriptCore leaves unnamed (`589@<?>:wasm-function[589]`)
//! are named from the module's `name` section. The stack is a real capture of the harness
//! module (in Node), with its wasm frames rewritten to the unnamed shape WebKit prints.

use std::process::{Command, Output};

fn err_parse(args: &[&str], stack: &str) -> Output {
    let bin = std::env::var_os("GUFO_ERR_BIN")
        .expect("GUFO_ERR_BIN is not set: run with `cargo xtask test`");
    gufo_err_tests::run_with_stdin(Command::new(bin).arg("parse").args(args), stack)
}

/// `at m.wasm.name (url:wasm-function[N]:0x…)` → `N@<?>:wasm-function[N]`;
/// `at f (url:l:c)` → `f@url:l:c`.
fn as_webkit_without_names(v8: &str) -> String {
    v8.lines()
        .filter_map(|line| {
            let rest = line.trim().strip_prefix("at ")?;
            if let Some(at) = rest.find("wasm-function[") {
                let index: String = rest[at + 14..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                return Some(format!("{index}@<?>:wasm-function[{index}]"));
            }
            match rest.rsplit_once(" (") {
                Some((name, place)) => Some(format!(
                    "{}@{}",
                    name.trim_start_matches("async "),
                    place.trim_end_matches(')')
                )),
                None => Some(format!("@{rest}")),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn unnamed_wasm_frames_are_named_from_the_module() {
    let harness = gufo_err_tests::harness_dir();
    let out = Command::new("node")
        .arg(harness.join("web/node.mjs"))
        .arg(harness.join("node-pkg"))
        .arg("bounds")
        .output()
        .expect("node");
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).expect("node result");
    let report =
        err::codec::from_json(result["reports"][0].as_str().expect("a report")).expect("report");
    let stack = as_webkit_without_names(report.raw_stack.as_deref().expect("raw stack"));
    assert!(stack.contains("@<?>:wasm-function["), "{stack}");
    let module = harness.join("node-pkg/gufo_err_panicker_bg.wasm");
    let module = module.to_str().expect("utf-8");
    let common = [
        "-f",
        "json",
        "--engine",
        "jsc",
        "--root-module",
        "gufo_err_panicker",
    ];

    let named = err_parse(&[&common[..], &["--wasm", module]].concat(), &stack);
    assert!(
        named.status.success(),
        "{}",
        String::from_utf8_lossy(&named.stderr)
    );
    let info = err::codec::from_slice(&named.stdout).expect("report");
    let chain: Vec<&str> = info
        .stack
        .iter()
        .filter(|f| f.in_app && f.frame_kind == err::model::FrameKind::Wasm)
        .map(|f| f.function.as_str())
        .collect();
    assert_eq!(chain, gufo_err_tests::expect::expected_chain("bounds"));

    let unnamed = err::codec::from_slice(&err_parse(&common, &stack).stdout).expect("report");
    assert!(
        !unnamed
            .stack
            .iter()
            .any(|f| f.in_app && f.frame_kind == err::model::FrameKind::Wasm),
        "without the module nothing is named"
    );

    assert_eq!(
        err_parse(&["--wasm", "/no/such.wasm"], &stack)
            .status
            .code(),
        Some(3)
    );
    let not_wasm = err_parse(
        &[
            "--wasm",
            harness.join("web/page.html").to_str().expect("utf-8"),
        ],
        &stack,
    );
    assert_eq!(not_wasm.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&not_wasm.stderr).contains("not a wasm module"));
}
