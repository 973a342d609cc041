//! Section `symbolicate`: `err addr2line` against Debian's `llvm-addr2line` on the same
//! module (the panicker as rustc wrote it: wasm-bindgen's output is beyond LLVM's wasm
//! reader) and the same 10,000 instructions, sampled across its line table: median wall
//! time of whole-process runs, and whether both give the same file:line and function.

use std::path::PathBuf;
use std::process::Command;

use super::{median_run, scratch_dir, Section};
use crate::cmd::{self, Error};
use crate::tools::{self, Tools};

/// Debian's LLVM whose llvm-addr2line reads modern wasm (LLVM 14 cannot).
const LLVM: &str = "llvm-19";
/// Offsets symbolicated by each tool.
const OFFSETS: usize = 10_000;
/// Runs of each tool, the median taken.
const RUNS: usize = 5;

pub(super) fn measure(_tools: &Tools) -> Result<Section, Error> {
    tools::ensure_apt(&[LLVM])?;
    let llvm = PathBuf::from(format!("/usr/lib/{LLVM}/bin/llvm-addr2line"));
    let wasm = crate::harness::build_wasm("gufo-err-panicker", "gufo_err_panicker")?;
    let err = crate::harness::build_release_cli()?;
    let dir = scratch_dir();
    std::fs::create_dir_all(&dir).map_err(|e| Error::Io(dir.clone(), e))?;
    // The line table, from a bundle: every row's module offset.
    let bundle = dir.join("panicker.errsym");
    cmd::run(
        Command::new(&err)
            .arg("bundle")
            .arg("--wasm")
            .arg(&wasm)
            .arg("-o")
            .arg(&bundle),
    )?;
    let bytes = std::fs::read(&bundle).map_err(|e| Error::Io(bundle.clone(), e))?;
    let mut json = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut json)
        .map_err(|e| Error::Io(bundle.clone(), e))?;
    let table: serde_json::Value =
        serde_json::from_str(&json).map_err(|e| Error::Missing(format!("bundle: {e}")))?;
    let rows: Vec<u64> = table["rows"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(serde_json::Value::as_u64)
        .collect();
    let mut offsets = Vec::new();
    let mut at = 0;
    for row in rows.chunks_exact(4) {
        at += row[0];
        if row[2] > 0 {
            offsets.push(at);
        }
    }
    let step = (offsets.len() / OFFSETS).max(1);
    let sample: Vec<u64> = offsets
        .iter()
        .step_by(step)
        .take(OFFSETS)
        .copied()
        .collect();
    let code = code_start(&std::fs::read(&wasm).map_err(|e| Error::Io(wasm.clone(), e))?)
        .ok_or_else(|| Error::Missing(String::from("the module has no code section")))?;
    let ours_in: String = sample.iter().map(|o| format!("{o:#x}\n")).collect();
    let llvm_in: String = sample
        .iter()
        .map(|o| format!("{:#x}\n", o - code))
        .collect();
    let mut ours_cmd = Command::new(&err);
    ours_cmd.arg("addr2line").arg("--wasm").arg(&wasm);
    let mut llvm_cmd = Command::new(&llvm);
    llvm_cmd.args(["-f", "-C", "-e"]).arg(&wasm);
    let (ours_ms, ours_out) = timed_ms(&mut ours_cmd, &ours_in)?;
    let (llvm_ms, llvm_out) = timed_ms(&mut llvm_cmd, &llvm_in)?;
    let (ours, theirs) = (
        functions_and_lines(&ours_out),
        functions_and_lines(&llvm_out),
    );
    let same_lines = ours.iter().zip(&theirs).filter(|(a, b)| a.1 == b.1).count();
    let same_functions = ours.iter().zip(&theirs).filter(|(a, b)| a.0 == b.0).count();
    let n = sample.len();
    let markdown = format!(
        "## Symbolication: {n} wasm offsets, `err addr2line` against `llvm-addr2line` ({LLVM})\n\n\
         | tool | median of {RUNS} | ratio | same file:line as the other | same function |\n|---|---|---|---|---|\n\
         | `err addr2line` (gimli/addr2line) | {ours_ms:.0} ms | {:.2}× | {same_lines} / {n} | {same_functions} / {n} |\n\
         | `llvm-addr2line -f -C` | {llvm_ms:.0} ms | 1× | | |\n\n\
         The module is the panicker as rustc wrote it ({} bytes of wasm with DWARF; LLVM cannot \
         read wasm-bindgen's output); the offsets are one line-table row in {step}, module offsets \
         for ours and Code-section offsets for LLVM (which counts from there, as DWARF does). \
         Whole process runs, loading the DWARF included.\n",
        llvm_ms / ours_ms,
        std::fs::metadata(&wasm).map(|m| m.len()).unwrap_or(0),
    );
    let json = serde_json::json!({
        "offsets": n, "ours_ms": ours_ms, "llvm_addr2line_ms": llvm_ms,
        "ratio": llvm_ms / ours_ms, "same_lines": same_lines, "same_functions": same_functions,
        "llvm": LLVM,
    });
    let problem = (same_lines * 100 < n * 99).then(|| {
        format!(
            "err addr2line and llvm-addr2line differ on {} of {n} lines",
            n - same_lines
        )
    });
    Ok(Section {
        markdown,
        json: json.to_string(),
        problem,
    })
}

/// The median wall time (ms) of [`RUNS`] runs of `command` fed `input` (from a file under
/// `target/bench`), and its output.
fn timed_ms(command: &mut Command, input: &str) -> Result<(f64, String), Error> {
    let path = scratch_dir().join("symbolicate.input");
    std::fs::write(&path, input).map_err(|e| Error::Io(path.clone(), e))?;
    command.stderr(std::process::Stdio::null());
    let (time, output) = median_run(command, RUNS, Some(&path))?;
    Ok((time.as_secs_f64() * 1e3, output))
}

/// The (function, file:line) of each answer of an addr2line's output (two lines each, as
/// `-f` prints them). Ours adds `:column`, which llvm-addr2line prints only with
/// `--column`: it is dropped.
fn functions_and_lines(text: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = text.lines().collect();
    lines
        .chunks(2)
        .map(|c| {
            let place = c.get(1).copied().unwrap_or_default();
            let mut parts = place.rsplitn(3, ':').collect::<Vec<_>>();
            parts.reverse();
            let file_line = match parts.as_slice() {
                [file, line, _column] if place.matches(':').count() >= 2 && !file.is_empty() => {
                    format!("{file}:{line}")
                }
                _ => place.to_owned(),
            };
            (c[0].to_owned(), file_line)
        })
        .collect()
}

/// The module offset where the Code section's contents start.
fn code_start(wasm: &[u8]) -> Option<u64> {
    let leb = |at: &mut usize| -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *wasm.get(*at)?;
            *at += 1;
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Some(value);
            }
        }
        None
    };
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        at += 1;
        let size = usize::try_from(leb(&mut at)?).ok()?;
        if id == 10 {
            return Some(at as u64);
        }
        at = at.checked_add(size)?;
    }
    None
}
