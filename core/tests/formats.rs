//! Golden files for the formats: every fixture (real reports from Chromium, Firefox,
//! WebKitGTK, a native panic and Python gufo-err) and a real V8 stack overflow, rendered in
//! terse, extend and json. `GUFO_ERR_UPDATE_GOLDEN=1` rewrites the files.

mod common;

use std::path::PathBuf;

use err::format::{render, Format};
use err::model::ErrorInfo;

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn check_golden(name: &str, info: &ErrorInfo) {
    let update = std::env::var_os("GUFO_ERR_UPDATE_GOLDEN").is_some();
    for &format in Format::ALL {
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
    // Built by the pipeline from a real V8 stack of 1,000 frames (tests/corpus, chromium).
    let info = common::fixture("chromium_stack_overflow");
    assert_eq!(info.stack.len(), 1000);
    let terse = render(&info, Format::Terse);
    assert!(terse.contains("  [3 frames repeated 333 times]"), "{terse}");
    assert!(terse.lines().count() < 12, "collapsed:\n{terse}");
}
