//! Builds the real-stack harness: the `panicker` wasm crate for the web and for Node, with
//! the harness pages, into `target/gufo-err-harness/`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cmd::{self, Error};
use crate::tools::Tools;

/// Builds the harness and returns its directory.
pub fn build(tools: &Tools) -> Result<PathBuf, Error> {
    let wasm = build_wasm("gufo-err-panicker", "gufo_err_panicker")?;
    let dir = cmd::target_dir().join("gufo-err-harness");
    let web = dir.join("web");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| Error::Io(dir.clone(), e))?;
    }
    copy_dir(&cmd::root().join("tests").join("harness"), &web)?;
    copy_dir(&build_npm(tools)?, &web.join("npm"))?;
    // The panicker's DWARF goes to a debug file of its own (`--split-debug-info`), and the
    // module and the debug file get one build id (`err build-id --write`): the reports name
    // their build, and the symbolication tests map the offsets the browsers print back to
    // the source from the debug file.
    let pkg = web.join("pkg");
    bindgen_split_debug(tools, &wasm, "web", &pkg)?;
    write_build_id(&[
        pkg.join("gufo_err_panicker_bg.wasm"),
        pkg.join("gufo_err_panicker_bg.debug.wasm"),
    ])?;
    // The size app twice, for the relay tests: `err::init()` as the relay hook (the page's
    // engine analyzes) and with the pipeline in the module.
    for (feature, out) in [("gufo", "relay-app"), ("gufo-engine", "engine-app")] {
        let app = build_wasm_features("gufo-err-size-app", "gufo_err_size_app", &[feature])?;
        bindgen(tools, &app, "web", &web.join(out))?;
    }
    // ES modules for Node too: gufo-err's browser runtime is an ES module snippet, which
    // Node 20's CommonJS `require` cannot load.
    bindgen(
        tools,
        &wasm,
        "experimental-nodejs-module",
        &dir.join("node-pkg"),
    )?;
    Ok(dir)
}

/// Builds the npm package `gufo-err` into `target/npm/gufo-err`, its engine optimized
/// (`wasm-opt -Oz`, the `name` section kept: the engine's own stacks stay readable), and
/// packs it (`npm pack`) into `target/npm/gufo-err-<version>.tgz`, the file users install;
/// returns the package directory.
pub fn build_npm(tools: &Tools) -> Result<PathBuf, Error> {
    let wasm = build_wasm("gufo-err-wasm", "gufo_err_wasm")?;
    let npm = cmd::target_dir().join("npm");
    let dir = npm.join("gufo-err");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| Error::Io(dir.clone(), e))?;
    }
    bindgen(tools, &wasm, "web", &dir)?;
    let engine = dir.join("gufo_err_wasm_bg.wasm");
    wasm_opt_oz(tools, &engine, &engine, true)?;
    copy_dir(&cmd::root().join("wasm").join("js"), &dir)?;
    let runtime = cmd::root().join("core").join("js").join("runtime.js");
    std::fs::copy(&runtime, dir.join("runtime.js")).map_err(|e| Error::Io(runtime, e))?;
    share_runtime(&dir)?;
    cmd::run(
        Command::new("npm")
            .args(["pack", "--silent", "--pack-destination"])
            .arg(&npm)
            .current_dir(&dir),
    )?;
    Ok(dir)
}

/// The wasm features modern Rust output uses, for wasm-opt.
pub const WASM_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// `wasm-opt -Oz` of `input` into `output` (the same file is fine); `keep_names` keeps the
/// `name` section (`-g`).
pub fn wasm_opt_oz(
    tools: &Tools,
    input: &Path,
    output: &Path,
    keep_names: bool,
) -> Result<(), Error> {
    let mut command = Command::new(&tools.wasm_opt);
    command.arg("-Oz").args(WASM_FEATURES);
    if keep_names {
        command.arg("-g");
    }
    cmd::run(command.arg(input).arg("-o").arg(output))
}

/// The engine's glue imports its own copy of the runtime (the wasm-bindgen snippet
/// `snippets/<crate>/js/runtime.js`), the package's API `./runtime.js`: two module
/// instances with two states (the store's bound, the merge and resend timers). The snippet
/// is made to re-export the package's copy, so that both are one module.
fn share_runtime(package: &Path) -> Result<(), Error> {
    let snippets = package.join("snippets");
    let crates = std::fs::read_dir(&snippets).map_err(|e| Error::Io(snippets.clone(), e))?;
    for entry in crates.flatten() {
        let snippet = entry.path().join("js").join("runtime.js");
        if snippet.is_file() {
            std::fs::write(&snippet, "export * from \"../../../runtime.js\";\n")
                .map_err(|e| Error::Io(snippet.clone(), e))?;
        }
    }
    Ok(())
}

/// Builds the viewer (`viewer/`) into `target/gufo-err-viewer` (the page, its style sheet
/// and the wasm-bindgen output under `pkg/`) and returns that directory.
pub fn build_viewer(tools: &Tools) -> Result<PathBuf, Error> {
    let wasm = build_wasm("gufo-err-viewer", "gufo_err_viewer")?;
    let dir = cmd::target_dir().join("gufo-err-viewer");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| Error::Io(dir.clone(), e))?;
    }
    bindgen(tools, &wasm, "web", &dir.join("pkg"))?;
    for file in ["index.html", "style.css"] {
        let from = cmd::root().join("viewer").join(file);
        std::fs::copy(&from, dir.join(file)).map_err(|e| Error::Io(from, e))?;
    }
    Ok(dir)
}

/// Builds `err` in release and returns its path.
pub fn build_release_cli() -> Result<PathBuf, Error> {
    cmd::run(&mut cmd::cargo([
        "build",
        "--release",
        "-p",
        "gufo-err-cli",
    ]))?;
    Ok(cmd::target_dir().join("release").join("err"))
}

/// Builds a cdylib package for wasm32 in release (names kept) and returns its `.wasm`.
pub fn build_wasm(package: &str, lib_name: &str) -> Result<PathBuf, Error> {
    build_wasm_features(package, lib_name, &[])
}

/// [`build_wasm`] with cargo features.
pub fn build_wasm_features(
    package: &str,
    lib_name: &str,
    features: &[&str],
) -> Result<PathBuf, Error> {
    let mut cargo = cmd::cargo([
        "build",
        "--release",
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        package,
    ]);
    if !features.is_empty() {
        cargo.arg("--features").arg(features.join(","));
    }
    cmd::run(&mut cargo)?;
    Ok(cmd::target_dir()
        .join("wasm32-unknown-unknown")
        .join("release")
        .join(format!("{lib_name}.wasm")))
}

/// Runs wasm-bindgen for a target (`web`, `nodejs`).
pub fn bindgen(tools: &Tools, wasm: &Path, target: &str, out: &Path) -> Result<(), Error> {
    cmd::run(
        Command::new(&tools.wasm_bindgen)
            .args(["--target", target, "--out-dir"])
            .arg(out)
            .arg(wasm),
    )
}

/// Runs wasm-bindgen writing the module's DWARF to `<name>_bg.debug.wasm`
/// (`--split-debug-info`; the module records where it is in `external_debug_info`).
pub fn bindgen_split_debug(
    tools: &Tools,
    wasm: &Path,
    target: &str,
    out: &Path,
) -> Result<(), Error> {
    cmd::run(
        Command::new(&tools.wasm_bindgen)
            .args(["--split-debug-info", "--target", target, "--out-dir"])
            .arg(out)
            .arg(wasm),
    )
}

/// Gives a module and its debug files one build id, with `err build-id --write`.
fn write_build_id(files: &[PathBuf]) -> Result<(), Error> {
    let mut cargo = cmd::cargo([
        "run",
        "-q",
        "-p",
        "gufo-err-cli",
        "--",
        "build-id",
        "--write",
    ]);
    cargo.args(files);
    cmd::run(&mut cargo)
}

/// Copies the files of a directory (recursively).
pub fn copy_dir(from: &Path, to: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(to).map_err(|e| Error::Io(to.to_path_buf(), e))?;
    let entries = std::fs::read_dir(from).map_err(|e| Error::Io(from.to_path_buf(), e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::Io(from.to_path_buf(), e))?;
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            std::fs::copy(&path, &target).map_err(|e| Error::Io(path.clone(), e))?;
        }
    }
    Ok(())
}
