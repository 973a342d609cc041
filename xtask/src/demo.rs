//! `cargo xtask demo`: the native example, then the demo site, the viewer and the collector
//! served on 127.0.0.1 by `err serve`.

use std::path::PathBuf;

use crate::cmd::{self, Error};
use crate::{harness, tools};

const DEFAULT_ADDR: &str = "127.0.0.1:8080";

/// Runs the demo; serves until interrupted.
pub fn run(args: &[String]) -> Result<(), Error> {
    let addr = match args {
        [] => DEFAULT_ADDR.to_owned(),
        [flag, addr] if flag == "--addr" => addr.clone(),
        _ => {
            return Err(Error::Usage(format!(
                "usage: cargo xtask demo [--addr {DEFAULT_ADDR}]"
            )))
        }
    };
    let tools = tools::ensure_all()?;
    native_example();
    let site = build_site(&tools)?;
    let viewer = harness::build_viewer(&tools)?;
    let reports = cmd::target_dir().join("demo-reports");
    let err = crate::harness::build_release_cli()?;
    eprintln!(
        "\nxtask: serving the demo and the collector (reports go to {}); Ctrl-C stops it",
        reports.display()
    );
    eprintln!("xtask: the demo is http://{addr}/, the viewer http://{addr}/viewer/");
    eprintln!(
        "xtask: list them with `{} -p {} list`",
        err.display(),
        reports.display()
    );
    let mut serve = std::process::Command::new(&err);
    serve
        .arg("serve")
        .arg("--dir")
        .arg(&reports)
        .arg("--www")
        .arg(&site)
        .arg("--viewer")
        .arg(&viewer)
        .args(["--addr", &addr]);
    cmd::run(&mut serve)
}

/// The native example panics on purpose and prints its report.
fn native_example() {
    eprintln!("xtask: the native example panics on purpose and prints its report:\n");
    let mut example = cmd::cargo(["run", "--quiet", "-p", "gufo-err", "--example", "demo"]);
    example.env("RUST_BACKTRACE", "0");
    let _ = example.status();
}

/// `www/` with the wasm harness it runs the cases in, under `target/gufo-err-site`.
fn build_site(tools: &tools::Tools) -> Result<PathBuf, Error> {
    let harness = harness::build(tools)?;
    let site = cmd::target_dir().join("gufo-err-site");
    if site.exists() {
        std::fs::remove_dir_all(&site).map_err(|e| Error::Io(site.clone(), e))?;
    }
    harness::copy_dir(&harness.join("web"), &site)?;
    harness::copy_dir(&cmd::root().join("www"), &site)?;
    Ok(site)
}
