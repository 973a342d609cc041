//! The Python gufo-err 0.6.0 that `cargo xtask test` installs (`GUFO_ERR_PYTHON`), and the
//! real 1.0 reports it writes.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The Python with gufo-err 0.6.0 and jsonschema, or a panic that says how to get it.
pub fn python() -> PathBuf {
    match std::env::var_os("GUFO_ERR_PYTHON") {
        Some(p) => PathBuf::from(p),
        None => panic!(
            "GUFO_ERR_PYTHON is not set: run with `cargo xtask test` (it installs gufo-err 0.6.0)"
        ),
    }
}

/// Writes reports into `dir` with `tests/python/make_reports.py`, compressed with
/// `compress` (`gz`, `bz2`, `xz`) or not.
pub fn make_reports(dir: &Path, compress: Option<&str>) {
    let script = crate::repo_root().join("tests/python/make_reports.py");
    let mut command = Command::new(python());
    command.arg(&script).arg(dir);
    if let Some(c) = compress {
        command.arg(c);
    }
    let out = command.output().expect("python runs");
    assert!(
        out.status.success(),
        "make_reports.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
