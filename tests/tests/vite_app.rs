//! The npm package in a Vite app: a small app importing `gufo-err` by its package name is
//! built with Vite (`vite build`: the engine's wasm becomes a hashed asset, the runtime is
//! bundled) and run from its `dist/` in real Chromium, Firefox ESR and WebKitGTK.

use std::process::Command;
use std::time::Duration;

use gufo_err_tests::browser::Browser;
use gufo_err_tests::server::StaticServer;
use gufo_err_tests::webdriver::Session;

const MAIN_JS: &str = r#"import { init, captureError, reports, clear, parseStack } from "gufo-err";

function checkout(cart) {
  return cart.items.length;
}

async function main() {
  await init({ name: "vite-app", version: "1.0.0", console: false });
  await clear();
  let report = null;
  try {
    checkout({});
  } catch (error) {
    report = captureError(error);
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  const stored = await reports();
  return {
    report,
    stored: stored.map((r) => [r.report.message, r.count, r.fingerprint]),
    parsed: parseStack("Error\n    at f (http://x/a.js:1:2)").frames.length,
  };
}

main().then(
  (result) => { window.__result = result; },
  (error) => { window.__result = { failure: String((error && error.stack) || error) }; },
);
"#;

const INDEX_HTML: &str = r#"<!doctype html>
<html><head><meta charset="utf-8"><title>a Vite app</title></head>
<body><script type="module" src="/main.js"></script></body></html>
"#;

/// Writes the app, installs the packed package (`npm install <tgz>`) and builds it; returns the
/// app directory (its build is in `dist/`).
fn build_app() -> tempfile::TempDir {
    let app = tempfile::tempdir().expect("app");
    std::fs::write(
        app.path().join("package.json"),
        r#"{"name": "vite-app", "private": true, "type": "module", "dependencies": {"gufo-err": "0.1.0"}}"#,
    )
    .expect("package.json");
    std::fs::write(app.path().join("index.html"), INDEX_HTML).expect("index.html");
    std::fs::write(app.path().join("main.js"), MAIN_JS).expect("main.js");
    // As a user installs it: the packed package (`cargo xtask npm`), no registry needed.
    let tgz = gufo_err_tests::repo_root().join(format!(
        "target/npm/gufo-err-{}.tgz",
        env!("CARGO_PKG_VERSION")
    ));
    assert!(
        tgz.is_file(),
        "{} is packed by cargo xtask npm",
        tgz.display()
    );
    let installed = Command::new("npm")
        .args([
            "install",
            "--offline",
            "--no-audit",
            "--no-fund",
            "--silent",
        ])
        .arg(&tgz)
        .current_dir(app.path())
        .output()
        .expect("npm runs");
    assert!(
        installed.status.success(),
        "npm install {}: {}",
        tgz.display(),
        String::from_utf8_lossy(&installed.stderr)
    );
    let vite = std::env::var_os("GUFO_ERR_VITE").expect("GUFO_ERR_VITE: run with cargo xtask test");
    let out = Command::new(vite)
        .args(["build", "--logLevel", "warn"])
        .current_dir(app.path())
        .output()
        .expect("vite runs");
    assert!(
        out.status.success(),
        "vite build: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    app
}

#[test]
fn a_vite_app_imports_the_package_and_reports_in_every_engine() {
    let app = build_app();
    let dist = app.path().join("dist");
    let assets: Vec<String> = std::fs::read_dir(dist.join("assets"))
        .expect("dist/assets")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        assets.iter().any(|a| a.ends_with(".wasm")),
        "the engine is an asset: {assets:?}"
    );
    let site = StaticServer::start(&dist).expect("site");
    let mut fingerprints = Vec::new();
    for browser in Browser::ALL {
        let name = browser.name();
        let driver = browser.launch().unwrap_or_else(|e| panic!("{e}"));
        let session = Session::new(&driver.url, driver.capabilities()).expect("session");
        session.goto(&format!("{}/", site.url())).expect("goto");
        let result = session
            .wait_for("return window.__result || null", Duration::from_secs(60))
            .expect("the app ran");
        assert!(result.get("failure").is_none(), "{name}: {result}");
        let report = err::codec::from_json(&result["report"].to_string()).expect("a report");
        assert_eq!(report.kind, err::model::Kind::JsError, "{name}");
        assert_eq!(report.exception.class, "TypeError", "{name}");
        assert_eq!(report.name, "vite-app", "{name}");
        // The failing frame is the app's bundled code (Vite's hashed `assets/index-….js`).
        let culprit = report.culprit().expect("an in-app frame");
        assert!(
            culprit
                .file
                .as_deref()
                .is_some_and(|f| f.contains("/assets/index-") && f.ends_with(".js")),
            "{name}: {culprit:?}"
        );
        assert_eq!(
            result["stored"][0][1], 1,
            "{name}: one stored report, counted once: {result}"
        );
        assert_eq!(
            result["stored"][0][2].as_str(),
            Some(report.fingerprint.to_string().as_str()),
            "{name}"
        );
        assert_eq!(result["parsed"], 1, "{name}: parseStack works");
        fingerprints.push(report.fingerprint);
    }
    // The bundle is minified onto few lines: the same failing place in every engine.
    assert!(
        fingerprints.windows(2).all(|w| w[0] == w[1]),
        "{fingerprints:?}"
    );
}
