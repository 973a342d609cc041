//! Test harness for gufo-err: real browsers driven over WebDriver, a real HTTP server on
//! 127.0.0.1, and the corpus of stacks they produced.
//!
//! The artifacts (the `panicker` wasm crate built for the web and for Node, and the harness
//! page) are built by `cargo xtask test`, which points `GUFO_ERR_HARNESS_DIR` at them.

pub mod browser;
pub mod collector;
pub mod corpus;
pub mod expect;
pub mod python;
pub mod server;
pub mod sites;
pub mod store;
pub mod webdriver;

use std::path::PathBuf;

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The directory with the built harness, or a panic that says how to build it.
pub fn harness_dir() -> PathBuf {
    match std::env::var_os("GUFO_ERR_HARNESS_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => {
            panic!("GUFO_ERR_HARNESS_DIR is not set: run the browser tests with `cargo xtask test`")
        }
    }
}

/// The built viewer (`GUFO_ERR_VIEWER_DIR`), or a panic that says how to build it.
pub fn viewer_dir() -> PathBuf {
    match std::env::var_os("GUFO_ERR_VIEWER_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => panic!("GUFO_ERR_VIEWER_DIR is not set: run with `cargo xtask test`"),
    }
}

/// A built example of `examples/` (`GUFO_ERR_EXAMPLES_DIR/<name>`), or a panic that says
/// how to build it.
pub fn example_dir(name: &str) -> PathBuf {
    match std::env::var_os("GUFO_ERR_EXAMPLES_DIR") {
        Some(dir) => PathBuf::from(dir).join(name),
        None => panic!("GUFO_ERR_EXAMPLES_DIR is not set: run with `cargo xtask test`"),
    }
}

/// Copies a directory's files into `to` (recursively), for the sites the tests serve.
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("dir");
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// The `err` binary under test (`GUFO_ERR_BIN`).
pub fn err_bin() -> PathBuf {
    PathBuf::from(
        std::env::var_os("GUFO_ERR_BIN").expect("GUFO_ERR_BIN: run with cargo xtask test"),
    )
}

/// The build id of the panicker module the harness page serves, as `err build-id` reads it
/// (xtask gives the module and its debug file one).
pub fn harness_build_id() -> String {
    let out = std::process::Command::new(err_bin())
        .arg("build-id")
        .arg(harness_dir().join("web/pkg/gufo_err_panicker_bg.wasm"))
        .output()
        .expect("err runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let id = text
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(id.len(), 32, "a 16-byte id: {text}");
    id
}

/// Runs `command` with `input` on its standard input and collects its output.
pub fn run_with_stdin(command: &mut std::process::Command, input: &str) -> std::process::Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the command starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("input written");
    child.wait_with_output().expect("the command ends")
}
