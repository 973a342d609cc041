//! Builds the apps under `examples/` as their READMEs tell users to: each is a workspace of
//! its own (the default release profile), built with `cargo build --release` for wasm32 and
//! `wasm-bindgen --target web`, into `target/examples/<name>/` with its page. The target
//! directory is the workspace's, so shared dependencies build once per run.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cmd::{self, Error};
use crate::tools::Tools;

/// Builds every example; returns `target/examples`.
pub fn build_all(tools: &Tools) -> Result<PathBuf, Error> {
    let out = cmd::target_dir().join("examples");
    build_yew_app(tools, &out.join("yew-app"))?;
    // The npm package's engine, for the relay builds (built once for both).
    let npm = crate::harness::build_npm(tools)?;
    build_js_library(tools, &npm, &out.join("js-library"))?;
    build_worker(tools, &npm, &out.join("worker"))?;
    Ok(out)
}

/// `examples/js-library`: a library for a JavaScript page, in both builds.
fn build_js_library(tools: &Tools, npm: &Path, out: &Path) -> Result<(), Error> {
    build_both(
        tools,
        npm,
        "js-library",
        "js_library",
        &["index.html", "main.js"],
        out,
    )
}

/// `examples/worker`: Rust in dedicated, shared and service workers, in both builds.
fn build_worker(tools: &Tools, npm: &Path, out: &Path) -> Result<(), Error> {
    let files = [
        "index.html",
        "main.js",
        "worker-core.js",
        "dedicated.js",
        "shared.js",
        "service.js",
    ];
    build_both(tools, npm, "worker", "worker", &files, out)
}

/// An example library in both builds (the engine in the module: `pkg/`; the relay hook,
/// `--no-default-features`: `pkg-relay/`), with the npm package's engine (`npm`) in `npm/`
/// and the example's `files`.
fn build_both(
    tools: &Tools,
    npm: &Path,
    example: &str,
    lib: &str,
    files: &[&str],
    out: &Path,
) -> Result<(), Error> {
    let source = cmd::root().join("examples").join(example);
    fresh_dir(out)?;
    let engine = cargo_build_wasm(&source, lib, &[])?;
    run_bindgen(tools, &engine, lib, &out.join("pkg"))?;
    let relay = cargo_build_wasm(&source, lib, &["--no-default-features"])?;
    run_bindgen(tools, &relay, lib, &out.join("pkg-relay"))?;
    crate::harness::copy_dir(npm, &out.join("npm"))?;
    for file in files {
        copy(&source.join(file), &out.join(file))?;
    }
    Ok(())
}

/// `examples/yew-app`: a Yew (csr) binary; its `main` runs when the page loads the glue.
fn build_yew_app(tools: &Tools, out: &Path) -> Result<(), Error> {
    let source = cmd::root().join("examples").join("yew-app");
    let wasm = cargo_build_wasm(&source, "yew-app", &[])?;
    fresh_dir(out)?;
    run_bindgen(tools, &wasm, "yew_app", &out.join("pkg"))?;
    copy(&source.join("index.html"), &out.join("index.html"))
}

/// `cargo build --release --target wasm32-unknown-unknown` in an example's own workspace,
/// with the shared target directory and `extra` arguments; returns the `.wasm` of `artifact`.
fn cargo_build_wasm(manifest_dir: &Path, artifact: &str, extra: &[&str]) -> Result<PathBuf, Error> {
    let target = cmd::target_dir();
    let mut cargo = cmd::cargo([
        "build",
        "--release",
        "--target",
        "wasm32-unknown-unknown",
        "--manifest-path",
    ]);
    cargo
        .arg(manifest_dir.join("Cargo.toml"))
        .args(extra)
        .env("CARGO_TARGET_DIR", &target);
    cmd::run(&mut cargo)?;
    Ok(target
        .join("wasm32-unknown-unknown")
        .join("release")
        .join(format!("{artifact}.wasm")))
}

/// `wasm-bindgen --target web --out-name <name>`, as the example's README says.
fn run_bindgen(tools: &Tools, wasm: &Path, name: &str, out: &Path) -> Result<(), Error> {
    cmd::run(
        Command::new(&tools.wasm_bindgen)
            .args(["--target", "web", "--out-name", name, "--out-dir"])
            .arg(out)
            .arg(wasm),
    )
}

fn fresh_dir(dir: &Path) -> Result<(), Error> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| Error::Io(dir.to_path_buf(), e))?;
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::Io(dir.to_path_buf(), e))
}

fn copy(from: &Path, to: &Path) -> Result<(), Error> {
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| Error::Io(from.to_path_buf(), e))
}
