//! Gufo Err 1.0 reports written by the real Python gufo-err 0.6.0 (from PyPI) read and
//! shown by our codec and formatters; and our 2.0 reports valid against the published JSON
//! Schema, checked by Python's `jsonschema`.
//!
//! The Python comes from `GUFO_ERR_PYTHON` (set by `cargo xtask test`, which installs both
//! packages in `target/tools/venv`).

use std::path::Path;
use std::process::Command;

use err::format::{render, Format};
use err::model::{Kind, Runtime};
use gufo_err_tests::python::{make_reports, python};

fn read_dir(dir: &Path) -> Vec<(String, err::model::ErrorInfo)> {
    let mut reports: Vec<_> = std::fs::read_dir(dir)
        .expect("report dir")
        .flatten()
        .map(|e| {
            let path = e.path();
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let bytes = std::fs::read(&path).expect("readable");
            let info = err::codec::from_slice(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, info)
        })
        .collect();
    reports.sort_by(|a, b| a.1.exception.class.cmp(&b.1.exception.class));
    reports
}

#[test]
fn python_gufo_err_reports_read_and_render() {
    for compress in [None, Some("gz")] {
        let dir = tempfile::tempdir().expect("tempdir");
        make_reports(dir.path(), compress);
        let reports = read_dir(dir.path());
        let classes: Vec<&str> = reports
            .iter()
            .map(|(_, r)| r.exception.class.as_str())
            .collect();
        assert_eq!(
            classes,
            [
                "KeyError",
                "RecursionError",
                "ZeroDivisionError",
                "__main__.PaymentDeclined"
            ],
            "{compress:?}"
        );
        for (file, info) in &reports {
            let suffix = if compress.is_some() {
                ".json.gz"
            } else {
                ".json"
            };
            assert_eq!(
                *file,
                format!("{}{suffix}", info.fingerprint),
                "the file is named by the fingerprint"
            );
            assert_eq!(
                (info.kind, info.runtime),
                (Kind::Exception, Some(Runtime::Python))
            );
            assert_eq!(
                (info.name.as_str(), info.version.as_str()),
                ("pyshop", "0.6.0")
            );
            assert_eq!(info.root_module.as_deref(), Some("__main__"));
            // A 1.0 report re-written as 2.0 reads back the same.
            assert_eq!(
                &err::codec::from_json(&err::codec::to_json(info)).expect("2.0 round trip"),
                info
            );
        }
        let (_, zero) = &reports[2];
        assert_eq!(zero.message, "division by zero");
        let failing = zero.stack.last().expect("frames");
        assert_eq!(
            (failing.name.as_str(), failing.module.as_deref()),
            ("divide", Some("__main__"))
        );
        assert!(
            failing.in_app,
            "root_module __main__ marks the script's frames in-app"
        );
        assert_eq!(failing.locals.get("parts"), Some(&serde_json::json!(0)));
        let source = failing.source.as_ref().expect("source context");
        assert_eq!(
            source.current().map(str::trim),
            Some("share = total / parts")
        );
        let extend = render(zero, Format::Extend);
        assert!(extend.contains("==>     share = total / parts"), "{extend}");
        assert!(
            extend.contains(&format!("{:>20} = 0", "parts")),
            "locals shown:\n{extend}"
        );
        let terse = render(zero, Format::Terse);
        assert!(
            terse.contains(", in __main__.divide\n    share = total / parts"),
            "{terse}"
        );
        assert!(
            terse.ends_with("ZeroDivisionError: division by zero"),
            "{terse}"
        );
        let (_, declined) = &reports[3];
        assert_eq!(
            declined.exception.args,
            [serde_json::json!("card declined"), serde_json::json!(42)]
        );
    }
}

#[test]
fn our_reports_are_valid_against_the_published_schema() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut files = Vec::new();
    // Every report the real engines produced, and the Python reports re-written as 2.0.
    for (i, sample) in gufo_err_tests::corpus::read_all().iter().enumerate() {
        for (j, json) in sample.reports.iter().enumerate() {
            let path = dir.path().join(format!("browser-{i}-{j}.json"));
            std::fs::write(&path, json).expect("write");
            files.push(path);
        }
    }
    let python_dir = tempfile::tempdir().expect("tempdir");
    make_reports(python_dir.path(), None);
    for (name, info) in read_dir(python_dir.path()) {
        let path = dir.path().join(format!("python-{name}"));
        std::fs::write(&path, err::codec::to_json(&info)).expect("write");
        files.push(path);
    }
    assert!(files.len() >= 20, "enough documents: {}", files.len());
    let out = validate(&files);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // And the schema rejects what it must.
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, r#"{"$type":"errorinfo","$version":"2.0","name":"x","version":"1","fingerprint":"nope","exception":{"class":"panic","args":[]},"stack":[],"kind":"panic"}"#).expect("write");
    let out = validate(&[bad]);
    assert!(
        !out.status.success(),
        "a bad fingerprint must fail validation"
    );
}

/// Validates report files against the published schema with Python's `jsonschema`.
fn validate(files: &[std::path::PathBuf]) -> std::process::Output {
    let root = gufo_err_tests::repo_root();
    Command::new(python())
        .arg(root.join("tests/python/validate_schema.py"))
        .arg(root.join("docs/errorinfo-2.0.schema.json"))
        .args(files)
        .output()
        .expect("python runs")
}
