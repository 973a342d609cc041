//! Section `cli`: `err list` over 10,000 Gufo Err 1.0 reports, against Python gufo-err
//! 0.6.0's own `err list` on the same directory (reports written by Python gufo-err's
//! codec): median wall time of whole-process runs, and whether both list the same
//! fingerprints.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use super::{median_run, scratch_dir, Section};
use crate::cmd::{self, Error};
use crate::tools::Tools;

/// The reports listed.
const REPORTS: usize = 10_000;
/// Runs of ours, the median taken.
const OUR_RUNS: usize = 15;
/// Runs of Python gufo-err (slower), the median taken.
const PEER_RUNS: usize = 5;

pub(super) fn measure(tools: &Tools) -> Result<Section, Error> {
    let ours = crate::harness::build_release_cli()?;
    let peer = tools.python.with_file_name("err");
    let dir = reports_dir(&tools.python)?;
    let (our_time, our_fps) = time_list(
        Command::new(&ours).arg("-p").arg(&dir).arg("list"),
        OUR_RUNS,
    )?;
    let (peer_time, peer_fps) = time_list(
        Command::new(&peer).arg("-p").arg(&dir).arg("list"),
        PEER_RUNS,
    )?;
    let same = our_fps == peer_fps && our_fps.len() == REPORTS;
    let ratio = peer_time.as_secs_f64() / our_time.as_secs_f64();
    let markdown = format!(
        "## `err list` over {REPORTS} Gufo Err 1.0 reports\n\n\
         | tool | median of | time | ratio |\n|---|---|---|---|\n\
         | gufo-err `err list` (Rust, release) | {OUR_RUNS} runs | {:.1} ms | **{ratio:.1}× faster** |\n\
         | Python gufo-err 0.6.0 `err list` | {PEER_RUNS} runs | {:.1} ms | 1× |\n\n\
         Both list the same {} fingerprints: {}.\n",
        our_time.as_secs_f64() * 1e3,
        peer_time.as_secs_f64() * 1e3,
        our_fps.len(),
        if same { "yes" } else { "NO" },
    );
    let json = format!(
        "{{\"reports\": {REPORTS}, \"ours_ms\": {:.3}, \"python_gufo_err_ms\": {:.3}, \"ratio\": {ratio:.3}, \"same_fingerprints\": {same}}}",
        our_time.as_secs_f64() * 1e3,
        peer_time.as_secs_f64() * 1e3,
    );
    let problem = (!same).then(|| String::from("the two tools listed different fingerprints"));
    Ok(Section {
        markdown,
        json,
        problem,
    })
}

/// 10,000 reports written by Python gufo-err's codec, made once under `target/bench`.
fn reports_dir(python: &Path) -> Result<PathBuf, Error> {
    let base = scratch_dir();
    let dir = base.join("gufo-10k");
    let existing = std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0);
    if existing == REPORTS {
        return Ok(dir);
    }
    let seeds = base.join("seeds");
    for d in [&dir, &seeds] {
        if d.exists() {
            std::fs::remove_dir_all(d).map_err(|e| Error::Io(d.clone(), e))?;
        }
        std::fs::create_dir_all(d).map_err(|e| Error::Io(d.clone(), e))?;
    }
    cmd::run(
        Command::new(python)
            .arg(cmd::root().join("tests/python/make_reports.py"))
            .arg(&seeds),
    )?;
    cmd::run(
        Command::new(python)
            .arg(cmd::root().join("bench/make_gufo_reports.py"))
            .arg(&seeds)
            .arg(&dir)
            .arg(REPORTS.to_string()),
    )?;
    Ok(dir)
}

/// The median wall time of `runs` runs of an `err list`, and the sorted fingerprints the
/// first run listed.
fn time_list(command: &mut Command, runs: usize) -> Result<(Duration, Vec<String>), Error> {
    let (time, listing) = median_run(command, runs, None)?;
    let mut fingerprints: Vec<String> = listing
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|f| uuid_like(f))
        .map(str::to_owned)
        .collect();
    fingerprints.sort();
    Ok((time, fingerprints))
}

/// The 8-4-4-4-12 hex shape of a fingerprint (not a line of dashes).
fn uuid_like(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
}
