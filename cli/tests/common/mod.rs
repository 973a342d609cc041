//! Real report directories for the CLI tests: reports written by gufo-err's own directory
//! store (from the real browser and native fixtures) and by the Python gufo-err 0.6.0.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use err::model::ErrorInfo;

/// Runs `err` with arguments.
pub fn err(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_err"))
        .args(args)
        .env_remove("GUFO_ERR_PREFIX")
        .output()
        .expect("err runs")
}

/// Runs `err` with arguments and standard input.
pub fn err_with_stdin(args: &[&str], input: &str) -> Output {
    gufo_err_tests::run_with_stdin(Command::new(env!("CARGO_BIN_EXE_err")).args(args), input)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The core's fixtures: real reports.
pub fn fixtures() -> Vec<ErrorInfo> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures");
    let mut out: Vec<ErrorInfo> = std::fs::read_dir(dir)
        .expect("fixtures")
        .flatten()
        .map(|e| err::codec::from_slice(&std::fs::read(e.path()).expect("read")).expect("report"))
        .collect();
    out.sort_by_key(|i| i.fingerprint);
    out
}

/// A directory with every fixture stored by the directory store.
pub fn store_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = err::middleware::DirStore::new(dir.path()).expect("store");
    for info in fixtures() {
        store.store(&info).expect("store");
    }
    dir
}

/// A directory of reports written by the Python gufo-err, compressed with `compress`
/// (`gz`, `bz2`, `xz`) or not.
pub fn python_dir(compress: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    gufo_err_tests::python::make_reports(dir.path(), compress);
    dir
}

/// The fingerprints of the report files in `dir`.
pub fn fingerprints_in(dir: &Path) -> Vec<String> {
    let mut fps: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .flatten()
        .filter_map(|e| {
            e.file_name()
                .to_string_lossy()
                .split('.')
                .next()
                .map(str::to_owned)
        })
        .collect();
    fps.sort();
    fps
}
