//! A real collector for the tests: the `err serve` binary on a free 127.0.0.1 port.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `err serve`, stopped when dropped.
pub struct Collector {
    child: Child,
    /// The base URL, `http://127.0.0.1:PORT`.
    pub url: String,
}

impl Collector {
    /// Starts `bin serve --dir DIR --addr 127.0.0.1:0 EXTRA...` and reads the address it
    /// prints first.
    pub fn start(bin: impl AsRef<std::ffi::OsStr>, dir: &Path, extra: &[&str]) -> Self {
        Self::start_at(bin, "127.0.0.1:0", dir, extra)
    }

    /// [`Collector::start`] on `addr` (a port of an earlier collector: the same origin).
    pub fn start_at(
        bin: impl AsRef<std::ffi::OsStr>,
        addr: &str,
        dir: &Path,
        extra: &[&str],
    ) -> Self {
        let mut child = Command::new(bin)
            .args(["serve", "--addr", addr, "--dir"])
            .arg(dir)
            .args(extra)
            .stdout(Stdio::piped())
            .spawn()
            .expect("err serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("the address line");
        let url = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_owned();
        Collector { child, url }
    }

    /// Starts the `err` binary that `cargo xtask test` names in `GUFO_ERR_BIN`.
    pub fn from_env(dir: &Path, extra: &[&str]) -> Self {
        let bin = std::env::var_os("GUFO_ERR_BIN")
            .expect("GUFO_ERR_BIN is not set: run with `cargo xtask test`");
        Self::start(bin, dir, extra)
    }

    /// `…/api/v1/errors`.
    pub fn api(&self) -> String {
        format!("{}/api/v1/errors", self.url)
    }

    /// The stored summaries, from `GET /api/v1/errors`.
    pub fn summaries(&self) -> Vec<serde_json::Value> {
        let list: serde_json::Value = ureq::get(&self.api())
            .call()
            .expect("list")
            .into_json()
            .expect("json");
        list.as_array().cloned().unwrap_or_default()
    }

    /// Fingerprint → count.
    pub fn counts(&self) -> BTreeMap<String, u64> {
        self.summaries()
            .iter()
            .map(|r| {
                (
                    r["fingerprint"].as_str().unwrap_or_default().to_owned(),
                    r["count"].as_u64().unwrap_or(0),
                )
            })
            .collect()
    }

    /// Sends SIGINT (Ctrl-C) and waits for the process to end.
    pub fn stop(mut self) -> std::process::ExitStatus {
        let _ = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "the collector did not stop"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Collector {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
