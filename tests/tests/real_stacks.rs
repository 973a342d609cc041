//! Real stacks from real engines: the `panicker` wasm crate and the JS cases run in
//! Chromium, Firefox ESR, WebKitGTK and Node; every captured stack must parse completely,
//! give the exact in-app chain and panic location, and the same fingerprint everywhere.
//!
//! `GUFO_ERR_UPDATE_CORPUS=1` also writes what was captured to `tests/corpus/`.

use std::process::Command;
use std::time::Duration;

use gufo_err_tests::browser::Browser;
use gufo_err_tests::corpus::{write_sample, Sample, Thrown};
use gufo_err_tests::expect::{all_cases, check};
use gufo_err_tests::server::StaticServer;
use gufo_err_tests::webdriver::Session;
use serde_json::Value;

fn sample_from(runtime: &str, user_agent: &str, case: &str, value: &Value) -> Sample {
    if let Some(failure) = value.get("failure") {
        panic!("{runtime}/{case}: the harness page failed: {failure}");
    }
    let reports = value["reports"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|r| r.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let error = value.get("error").filter(|e| !e.is_null()).map(|e| Thrown {
        name: e["name"].as_str().unwrap_or_default().to_owned(),
        message: e["message"].as_str().unwrap_or_default().to_owned(),
        stack: e["stack"].as_str().unwrap_or_default().to_owned(),
    });
    Sample {
        case: case.to_owned(),
        runtime: runtime.to_owned(),
        user_agent: user_agent.to_owned(),
        reports,
        error,
        wasm_names: Default::default(),
        site: None,
    }
}

fn capture_in_browser(browser: Browser, base: &str) -> Vec<Sample> {
    let driver = browser.launch().unwrap_or_else(|e| panic!("{e}"));
    let session = Session::new(&driver.url, driver.capabilities())
        .unwrap_or_else(|e| panic!("{}: {e}", browser.name()));
    let user_agent = session.user_agent().unwrap_or_default();
    let mut samples = Vec::new();
    for case in all_cases() {
        session
            .goto(&format!("{base}/page.html?case={case}"))
            .unwrap_or_else(|e| panic!("{}/{case}: {e}", browser.name()));
        let value = session
            .wait_for("return window.__result || null", Duration::from_secs(60))
            .unwrap_or_else(|e| panic!("{}/{case}: {e}", browser.name()));
        samples.push(sample_from(browser.name(), &user_agent, case, &value));
    }
    samples
}

fn capture_in_node(dir: &std::path::Path) -> Vec<Sample> {
    let version = Command::new("node")
        .arg("--version")
        .output()
        .expect("node must be installed");
    let user_agent = format!(
        "Node.js {}",
        String::from_utf8_lossy(&version.stdout).trim()
    );
    all_cases()
        .into_iter()
        .map(|case| {
            let out = Command::new("node")
                .arg(dir.join("web/node.mjs"))
                .arg(dir.join("node-pkg"))
                .arg(case)
                .output()
                .expect("node runs");
            let value: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
                panic!("node/{case}: {e}: {}", String::from_utf8_lossy(&out.stderr))
            });
            sample_from("node", &user_agent, case, &value)
        })
        .collect()
}

#[test]
fn real_engines_give_exact_frames_and_equal_fingerprints() {
    let dir = gufo_err_tests::harness_dir();
    let server = StaticServer::start(dir.join("web")).expect("static server starts");
    let mut samples = Vec::new();
    for browser in Browser::ALL {
        let captured = capture_in_browser(browser, &server.url());
        assert_eq!(
            captured.len(),
            all_cases().len(),
            "{} ran every case",
            browser.name()
        );
        eprintln!("{}: {} cases captured", browser.name(), captured.len());
        samples.extend(captured);
    }
    samples.extend(capture_in_node(&dir));
    let module =
        std::fs::read(dir.join("web/pkg/gufo_err_panicker_bg.wasm")).expect("the harness module");
    let names = err::wasm::names::FunctionNames::from_module(&module)
        .expect("the module keeps its name section");
    let root = gufo_err_tests::repo_root();
    let mut sites = gufo_err_tests::sites::find_sites(&root, "tests/panicker/src");
    sites.extend(gufo_err_tests::sites::find_sites(&root, "tests/harness"));
    for sample in &mut samples {
        sample.name_wasm_functions(&names);
        sample.site = sites.get(&sample.case).map(|s| (s.file.clone(), s.line));
    }
    if std::env::var_os("GUFO_ERR_UPDATE_CORPUS").is_some() {
        for sample in &samples {
            write_sample(sample).expect("corpus written");
        }
    }
    let problems = check(&samples);
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
