//! Golden files for the formats: every fixture (real reports from Chromium, Firefox,
//! WebKitGTK, a native panic and Python gufo-err) and a real V8 stack overflow, rendered in
//! terse, extend and json. `GUFO_ERR_UPDATE_GOLDEN=1` rewrites the files.

mod common;

use std::path::PathBuf;

use err::format::{render, Format};
use err::model::{ErrorInfo, Timestamp};
use err::pipeline::{build, Capture, Settings};

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn check_golden(name: &str, info: &ErrorInfo) {
    let update = std::env::var_os("GUFO_ERR_UPDATE_GOLDEN").is_some();
    for format in Format::ALL {
        let path = golden_dir().join(format!("{name}.{format}.txt"));
        let text = render(info, format) + "\n";
        if update {
            std::fs::create_dir_all(golden_dir()).expect("golden dir");
            std::fs::write(&path, &text).expect("write golden");
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (GUFO_ERR_UPDATE_GOLDEN=1 writes it)",
                path.display()
            )
        });
        assert!(expected == text, "{} differs:\n{text}", path.display());
    }
}

#[test]
fn fixtures_match_their_golden_files() {
    for name in common::fixture_names() {
        check_golden(&name, &common::fixture(&name));
    }
}

#[test]
fn a_real_stack_overflow_is_collapsed() {
    let sample = common::corpus()
        .into_iter()
        .find(|s| s.runtime == "chromium" && s.case == "stack_overflow")
        .expect("corpus");
    let (class, message, stack) = sample.error.expect("error");
    let mut capture = Capture::js(class, message, stack);
    capture.timestamp = Some(Timestamp::from_unix_millis(1_764_000_000_000));
    let settings = Settings {
        name: "panicker".into(),
        version: "1.0.0".into(),
        context_lines: 0,
        ..Settings::default()
    };
    let info = build(capture, &settings);
    let terse = render(&info, Format::Terse);
    assert!(terse.contains("  [3 frames repeated 333 times]"), "{terse}");
    assert!(terse.lines().count() < 12, "collapsed:\n{terse}");
    check_golden("chromium_stack_overflow", &info);
}
