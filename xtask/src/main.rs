//! `cargo xtask`: everything that sets up, builds, serves and tests gufo-err.
//!
//! Each command installs what it needs and is missing (wasm target, wasm-bindgen-cli at the
//! version in Cargo.lock, the browsers and their drivers from Debian, geckodriver,
//! wasm-opt from npm, Python gufo-err for the 1.0 report tests), then does its job.

mod bench;
mod cmd;
mod demo;
mod examples;
mod harness;
mod plot;
mod runtime;
mod tools;

use std::process::ExitCode;

const HELP: &str = "\
cargo xtask <command>

Commands:
  test      install what is missing, build the wasm harness, run every test
            (unit, doc, golden, Python 1.0 reports, real Chromium/Firefox/WebKitGTK/Node),
            then clippy and rustfmt checks
  demo      build everything and serve the demo, the viewer (/viewer/) and the collector on
            http://127.0.0.1:8080 (--addr to change),
            after running the native example that panics and shows its report
  install   only install the tools
  harness   only build the wasm harness into target/gufo-err-harness
  viewer    only build the viewer into target/gufo-err-viewer
  examples  only build the apps of examples/ into target/examples/<name>
  npm       build the npm package gufo-err into target/npm/gufo-err
  lint-js   only the JavaScript checks of `test`: node --check, runtime.js up to date,
            the JSDoc types (tsc), the Sentry rate-limit vectors under Node
  runtime   regenerate core/js/runtime.js from its modules in core/js/runtime/, and
            core/js/relay.js from core/js/relay/relay.js
            (--check: only fail if the committed file is out of date)
  bench     measure against the peers in one run (or only the sections named: parse, cli,
            size, hook, viewer, symbolicate); writes bench/results.md and .json
  fuzz      run the stack-parser fuzz target for N seconds (default 60; installs cargo-fuzz)

Environment:
  GUFO_ERR_UPDATE_CORPUS=1   `test` rewrites tests/corpus from the real engines
  GUFO_ERR_UPDATE_GOLDEN=1   `test` rewrites the golden files of the formats
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("test") => run_tests(),
        Some("demo") => demo::run(&args[1..]),
        Some("install") => tools::ensure_all().map(|_| ()),
        Some("harness") => tools::ensure_all().and_then(|t| harness::build(&t).map(|_| ())),
        Some("viewer") => tools::ensure_all()
            .and_then(|t| harness::build_viewer(&t))
            .map(|dir| eprintln!("xtask: the viewer is in {}", dir.display())),
        Some("examples") => tools::ensure_all()
            .and_then(|t| examples::build_all(&t))
            .map(|dir| eprintln!("xtask: the examples are in {}", dir.display())),
        Some("bench") => bench::run(&args[1..]),
        Some("npm") => tools::ensure_all()
            .and_then(|t| harness::build_npm(&t))
            .map(|dir| {
                eprintln!(
                    "xtask: the npm package is in {}, packed as {}/gufo-err-{}.tgz",
                    dir.display(),
                    dir.parent()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default(),
                    env!("CARGO_PKG_VERSION")
                )
            }),
        Some("fuzz") => tools::fuzz(args.get(1).map(String::as_str)),
        Some("lint-js") => tools::ensure_typescript().and_then(|tsc| check_javascript(&tsc)),
        Some("runtime") if args.get(1).is_some_and(|a| a == "--check") => runtime::check(),
        Some("runtime") => runtime::write(),
        Some("-h" | "--help" | "help") | None => {
            print!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(cmd::Error::Usage(format!(
            "unknown command {other:?}\n\n{HELP}"
        ))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The hand-written JavaScript (runtimes, the npm entry, pages): `node --check` each file, so
/// that a syntax error fails here rather than in a browser; the generated `runtime.js` up to
/// date with its modules; the JSDoc types of the browser scripts (`tsc`, `core/js/tsconfig.json`);
/// and the runtime's Sentry rate-limit parsing against the vectors the Rust side runs too.
fn check_javascript(tsc: &std::path::Path) -> Result<(), cmd::Error> {
    let root = cmd::root();
    for dir in [
        "core/js",
        "core/js/runtime",
        "core/js/relay",
        "core/tests",
        "wasm/js",
        "www",
        "tests/harness",
    ] {
        let dir = root.join(dir);
        let entries = std::fs::read_dir(&dir).map_err(|e| cmd::Error::Io(dir.clone(), e))?;
        let mut files: Vec<_> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "js" || e == "mjs"))
            .collect();
        files.sort();
        for file in files {
            cmd::run(std::process::Command::new("node").arg("--check").arg(&file))?;
        }
    }
    runtime::check()?;
    cmd::run(
        std::process::Command::new(tsc)
            .args(["--noEmit", "-p"])
            .arg(root.join("core").join("js")),
    )?;
    cmd::run(std::process::Command::new("node").arg(root.join("core/tests/rate_limits.mjs")))
}

fn run_tests() -> Result<(), cmd::Error> {
    let tools = tools::ensure_all()?;
    // Lints first, so that cargo test's closing lines end the output.
    cmd::run(&mut cmd::cargo(["fmt", "--all", "--", "--check"]))?;
    cmd::run(&mut cmd::cargo([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    let wasm_lint = [
        "clippy",
        "-p",
        "gufo-err",
        "-p",
        "gufo-err-panicker",
        "-p",
        "gufo-err-viewer",
        "--target",
        "wasm32-unknown-unknown",
    ];
    cmd::run(cmd::cargo(wasm_lint).args(["--", "-D", "warnings"]))?;
    // The core on WASI: the native platform, no js-sys or web-sys.
    let wasi = ["check", "-p", "gufo-err", "--target", "wasm32-wasip1"];
    cmd::run(&mut cmd::cargo(wasi))?;
    check_javascript(&tools.tsc)?;
    let dir = harness::build(&tools)?;
    let viewer = harness::build_viewer(&tools)?;
    let examples = examples::build_all(&tools)?;
    wasm_browser_tests(&tools)?;
    cmd::run(&mut cmd::cargo(["build", "-p", "gufo-err-cli"]))?;
    let mut test = cmd::cargo(["test", "--workspace"]);
    test.env("GUFO_ERR_BIN", cmd::target_dir().join("debug").join("err"));
    test.env("GUFO_ERR_HARNESS_DIR", &dir)
        .env("GUFO_ERR_VIEWER_DIR", &viewer)
        .env("GUFO_ERR_EXAMPLES_DIR", &examples)
        .env("GUFO_ERR_PYTHON", &tools.python)
        .env("GUFO_ERR_VITE", &tools.vite);
    test.env("GECKODRIVER", &tools.geckodriver);
    cmd::run(&mut test)
}

/// The core's wasm-bindgen tests in Chromium and Firefox (wasm-bindgen-test-runner has no
/// WebKitGTK driver; WebKit is covered by the end-to-end tests). A browser test file that
/// is not configured to run in a browser is skipped and still exits 0, so the output must
/// show the browser and the count.
fn wasm_browser_tests(tools: &tools::Tools) -> Result<(), cmd::Error> {
    let runner = tools
        .wasm_bindgen
        .with_file_name("wasm-bindgen-test-runner");
    let drivers = [
        (
            "CHROMEDRIVER",
            std::path::PathBuf::from("/usr/bin/chromedriver"),
            "Chrome",
        ),
        ("GECKODRIVER", tools.geckodriver.clone(), "Firefox"),
    ];
    for (variable, driver, browser) in drivers {
        let mut test = cmd::cargo([
            "test",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "gufo-err",
            "--test",
            "wasm",
        ]);
        // webdriver.json (browser flags for running as root) is read from the crate folder.
        test.current_dir(cmd::root().join("core"))
            .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", &runner)
            .env(variable, &driver);
        eprintln!("xtask: $ {variable}={} cargo test --target wasm32-unknown-unknown -p gufo-err --test wasm", driver.display());
        let out = test
            .output()
            .map_err(|e| cmd::Error::Spawn(String::from("cargo test (wasm)"), e))?;
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        eprint!(
            "{}",
            text.lines()
                .filter(|l| l.starts_with("test ") || l.starts_with("Running headless"))
                .map(|l| format!("{l}\n"))
                .collect::<String>()
        );
        let ran = text.contains(&format!("Running headless tests in {browser}"))
            && text.contains("test result: ok. 4 passed");
        if !out.status.success() || !ran {
            eprintln!("{text}");
            return Err(cmd::Error::Missing(format!(
                "the wasm tests did not all run and pass in {browser}"
            )));
        }
    }
    Ok(())
}
