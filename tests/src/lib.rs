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
