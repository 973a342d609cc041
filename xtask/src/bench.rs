//! `cargo xtask bench`: measurements against the peers, side by side, in one run.
//!
//! - `err list` over 10,000 Gufo Err reports against Python gufo-err 0.6.0's own `err list`
//!   on the same directory;
//! - the size a panic hook adds to a reference wasm app (`bench/size-app`), built three ways
//!   (no hook, console_error_panic_hook, `err::init()`), after `wasm-opt -Oz`, raw and gzipped.
//!
//! - the viewer with 10,000 reports in headless Chromium: time to the first rows and to the
//!   last report read against `JSON.parse` of the same bytes in the same page, and filter
//!   keystroke latency (`tests/examples/viewer_bench.rs`).
//!
//! `cargo xtask bench [cli|size|viewer]…` runs some; each section writes
//! `bench/results/<section>.md` and `.json`, assembled into `bench/results.md` and `.json`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::cmd::{self, Error};
use crate::tools;

const REPORTS: usize = 10_000;
const OUR_RUNS: usize = 15;
const PEER_RUNS: usize = 5;

/// The sections, in the order `bench/results.md` shows them.
const SECTIONS: [&str; 6] = ["parse", "cli", "size", "hook", "viewer", "symbolicate"];
/// Debian's LLVM whose llvm-addr2line reads modern wasm (LLVM 14 cannot).
const LLVM: &str = "llvm-19";
/// Offsets symbolicated by each tool.
const OFFSETS: usize = 10_000;
/// The wasm features modern Rust output uses, for wasm-opt.
const WASM_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];
/// The JavaScript stack parsers measured against ours (npm).
const JS_PEERS: [&str; 2] = ["@sentry/browser@11.12.0", "error-stack-parser@3.0.0"];

/// Runs the named sections (all when none are named) and assembles the results: each
/// section keeps its own `bench/results/<section>.md` and `.json`, so one can be measured
/// again alone.
pub fn run(args: &[String]) -> Result<(), Error> {
    let wanted: Vec<&str> = if args.is_empty() {
        SECTIONS.to_vec()
    } else {
        args.iter().map(String::as_str).collect()
    };
    if let Some(bad) = wanted.iter().find(|w| !SECTIONS.contains(w)) {
        return Err(Error::Usage(format!(
            "unknown benchmark {bad:?}; the sections are {}",
            SECTIONS.join(", ")
        )));
    }
    let tools = tools::ensure_all()?;
    let dir = cmd::root().join("bench").join("results");
    std::fs::create_dir_all(&dir).map_err(|e| Error::Io(dir.clone(), e))?;
    let mut failed = None;
    for section in wanted {
        let (markdown, json) = match section {
            "parse" => parse_section(&tools)?,
            "cli" => cli_section(&tools)?,
            "size" => size_section(&tools)?,
            "hook" => hook_section(&tools)?,
            "symbolicate" => symbolicate_section(&tools)?,
            _ => viewer_section(&tools)?,
        };
        write(&dir.join(format!("{section}.md")), &markdown.text)?;
        write(&dir.join(format!("{section}.json")), &json)?;
        print!("{}", markdown.text);
        if let Some(problem) = markdown.problem {
            failed = Some(problem);
        }
    }
    assemble(&dir)?;
    match failed {
        Some(problem) => Err(Error::Missing(problem)),
        None => Ok(()),
    }
}

/// A section's Markdown, and what went wrong in it (the command then fails).
struct Section {
    text: String,
    problem: Option<String>,
}

/// `bench/results.md` and `.json` from the sections measured so far.
fn assemble(dir: &Path) -> Result<(), Error> {
    let machine = machine();
    let rust = cmd::output(Command::new("rustc").arg("--version")).unwrap_or_default();
    let mut markdown = format!(
        "# Benchmarks\n\nMachine: {machine}. {}\n\n![parse throughput and sizes](results.svg)\n\n",
        rust.trim()
    );
    let mut json = format!(
        "{{\n  \"machine\": {machine:?},\n  \"rustc\": {:?}",
        rust.trim()
    );
    for section in SECTIONS {
        let read = |ext: &str| std::fs::read_to_string(dir.join(format!("{section}.{ext}")));
        if let (Ok(md), Ok(js)) = (read("md"), read("json")) {
            markdown.push_str(&md);
            markdown.push('\n');
            json.push_str(&format!(",\n  {section:?}: {}", js.trim()));
        }
    }
    json.push_str("\n}\n");
    let out = cmd::root().join("bench");
    write(&out.join("results.md"), &markdown)?;
    write(&out.join("results.json"), &json)?;
    crate::plot::write(dir, &out.join("results.svg"))
}

/// Stack parsing throughput and correctness: ours natively (criterion) and compiled to wasm
/// in Node, against the JavaScript peers in the same Node process, on the real corpus.
fn parse_section(tools: &tools::Tools) -> Result<(Section, String), Error> {
    let npm = crate::harness::build_npm(tools)?;
    let peers = cmd::target_dir().join("bench").join("node");
    std::fs::create_dir_all(&peers).map_err(|e| Error::Io(peers.clone(), e))?;
    cmd::run(
        Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(&peers)
            .args(JS_PEERS),
    )?;
    cmd::run(&mut cmd::cargo([
        "bench",
        "-p",
        "gufo-err",
        "--bench",
        "parse",
        "--",
        "--warm-up-time",
        "1",
        "--measurement-time",
        "3",
    ]))?;
    let criterion = |name: &str| -> Result<f64, Error> {
        let path = cmd::target_dir().join(format!("criterion/parse/{name}/new/estimates.json"));
        let text = std::fs::read_to_string(&path).map_err(|e| Error::Io(path.clone(), e))?;
        let value: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| Error::Missing(format!("{}: {e}", path.display())))?;
        value["mean"]["point_estimate"]
            .as_f64()
            .ok_or_else(|| Error::Missing(format!("{}: no mean", path.display())))
    };
    let (parse_ns, normalized_ns) = (criterion("corpus")?, criterion("corpus_normalized")?);
    let script = cmd::root().join("bench/parse/parse_bench.mjs");
    let out = cmd::output(
        Command::new("node")
            .arg(&script)
            .arg(cmd::root().join("tests/corpus"))
            .arg(&npm)
            .arg(&peers),
    )
    .ok_or_else(|| Error::Missing(String::from("the Node parse benchmark failed")))?;
    let mut node: serde_json::Value = serde_json::from_str(&out)
        .map_err(|e| Error::Missing(format!("the Node parse benchmark: {e}")))?;
    let stacks = node["stacks"].as_f64().unwrap_or(0.0);
    let bytes = node["bytes"].as_f64().unwrap_or(0.0);
    let native = |ns: f64| {
        serde_json::json!({
            "stacks_per_s": stacks / (ns / 1e9),
            "mb_per_s": bytes / 1e6 / (ns / 1e9),
        })
    };
    node["native"] = serde_json::json!({
        "parse": native(parse_ns),
        "parse_and_normalize": native(normalized_ns),
    });
    let peer = node["parsers"]["@sentry/browser defaultStackParser"]["stacks_per_s"]
        .as_f64()
        .unwrap_or(f64::NAN);
    let row =
        |name: &str, runs: &str, v: &serde_json::Value, engines: Option<&serde_json::Value>| {
            let rate = v["stacks_per_s"].as_f64().unwrap_or(f64::NAN);
            let right = engines.map_or_else(
                || String::from("(the same parser)"),
                |e| {
                    ["chromium", "firefox", "webkit", "node"]
                        .iter()
                        .map(|k| format!("{k} {}/{}", e[k]["right"], e[k]["frames"]))
                        .collect::<Vec<_>>()
                        .join(" · ")
                },
            );
            format!(
                "| {name} | {runs} | {rate:.0} | {:.1} | {:.2}× | {right} |\n",
                v["mb_per_s"].as_f64().unwrap_or(f64::NAN),
                rate / peer
            )
        };
    let parsers = &node["parsers"];
    let mut text = format!(
        "## Stack parsing, {} real stacks ({:.0} KB) from Chromium, Firefox, WebKitGTK and Node\n\n\
         | parser | where | stacks/s | MB/s | vs Sentry | frames right (of the stacks up to 50 frames) |\n|---|---|---|---|---|---|\n",
        stacks,
        bytes / 1e3
    );
    text.push_str(&row(
        "gufo-err `parse_stack`",
        "native (criterion)",
        &node["native"]["parse"],
        None,
    ));
    text.push_str(&row(
        "gufo-err parse + normalize",
        "native (criterion)",
        &node["native"]["parse_and_normalize"],
        None,
    ));
    let ours = &parsers["gufo-err (wasm)"];
    text.push_str(&row(
        "gufo-err `parseStack` (npm package)",
        "wasm in Node",
        ours,
        Some(&ours["engines"]),
    ));
    for name in ["@sentry/browser defaultStackParser", "error-stack-parser"] {
        let p = &parsers[name];
        text.push_str(&row(name, "Node", p, Some(&p["engines"])));
    }
    text.push_str(&format!(
        "\nAll in one Node {} process for the JavaScript rows. The npm package's `parseStack` also \
         normalizes (names cleaned, in-app marked) and returns its frames across the wasm boundary as JSON. \
         Frames right: same function and place as the corpus truth (see `bench/parse/parse_bench.mjs`). \
         Misses: {}.\n",
        node["node"].as_str().unwrap_or("?"),
        misses(parsers),
    ));
    Ok((
        Section {
            text,
            problem: None,
        },
        node.to_string(),
    ))
}

/// The first miss of each peer, for people.
fn misses(parsers: &serde_json::Value) -> String {
    ["@sentry/browser defaultStackParser", "error-stack-parser"]
        .iter()
        .filter_map(|name| {
            let m = parsers[*name]["examples_of_misses"].get(0)?;
            Some(format!(
                "{name} on {} misses `{}` at {} ({} of {} frames found)",
                m["stack"].as_str().unwrap_or("?"),
                m["expected"]["fn"].as_str().unwrap_or(""),
                m["expected"]["wasm"].as_u64().map_or_else(
                    || m["expected"]["file"].to_string(),
                    |w| format!("wasm-function[{w}]")
                ),
                m["frames"],
                m["expected_frames"]
            ))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// `err list` over 10,000 Gufo Err reports, against Python gufo-err's own `err list`.
fn cli_section(tools: &tools::Tools) -> Result<(Section, String), Error> {
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
    let text = format!(
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
    Ok((Section { text, problem }, json))
}

/// The size a panic hook adds to a reference wasm app, and the npm package's size.
fn size_section(tools: &tools::Tools) -> Result<(Section, String), Error> {
    let sizes = size_table(tools)?;
    let npm = npm_size(tools)?;
    let text = format!(
        "## Size of a panic hook in a wasm app (`bench/size-app`, `wasm-opt -Oz`, gzip -9)\n\n\
         | build | wasm | wasm gzipped | JS gzipped (glue + imported snippets) | total gzipped | added over console_error_panic_hook |\n|---|---|---|---|---|---|\n{}\n\
         The relay build's panics are analyzed by the page's shared engine, the npm package `gufo-err` \
         (loaded once per page, for every Rust module and the JS app's own errors): engine wasm {} B \
         ({} B gzipped) after `wasm-opt -Oz`, JS {} B ({} B gzipped: `index.js`, the wasm-bindgen \
         glue, `runtime.js`). The `engine` build carries the whole pipeline in the module.\n",
        sizes.iter().map(|s| s.row(&sizes)).collect::<String>(),
        npm.raw,
        npm.gzip,
        npm.glue,
        npm.glue_gzip,
    );
    let rows: Vec<String> = sizes
        .iter()
        .map(|s| {
            format!(
                "{{\"build\": {:?}, \"wasm\": {}, \"wasm_gzip\": {}, \"js_gzip\": {}, \"total_gzip\": {}}}",
                s.build,
                s.raw,
                s.gzip,
                s.js_gzip,
                s.total()
            )
        })
        .collect();
    let json = format!(
        "{{\"hook\": [{}], \"npm_package\": {{\"wasm\": {}, \"wasm_gzip\": {}, \"js\": {}, \"js_gzip\": {}}}}}",
        rows.join(", "),
        npm.raw,
        npm.gzip,
        npm.glue,
        npm.glue_gzip
    );
    Ok((
        Section {
            text,
            problem: None,
        },
        json,
    ))
}

/// The npm package's engine and JS.
struct NpmSize {
    raw: usize,
    gzip: usize,
    glue: usize,
    glue_gzip: usize,
}

fn npm_size(tools: &tools::Tools) -> Result<NpmSize, Error> {
    let dir = crate::harness::build_npm(tools)?;
    let optimized = cmd::target_dir().join("bench").join("npm.oz.wasm");
    cmd::run(
        Command::new(&tools.wasm_opt)
            .arg("-Oz")
            .args(WASM_FEATURES)
            .arg(dir.join("gufo_err_wasm_bg.wasm"))
            .arg("-o")
            .arg(&optimized),
    )?;
    let wasm = std::fs::read(&optimized).map_err(|e| Error::Io(optimized.clone(), e))?;
    let mut js = Vec::new();
    for file in ["index.js", "gufo_err_wasm.js", "runtime.js"] {
        let path = dir.join(file);
        js.extend(std::fs::read(&path).map_err(|e| Error::Io(path.clone(), e))?);
    }
    Ok(NpmSize {
        raw: wasm.len(),
        gzip: gzipped(&wasm),
        glue: js.len(),
        glue_gzip: gzipped(&js),
    })
}

/// The hook's cost in headless Chromium (`tests/examples/hook_bench.rs`), on the size app's
/// three builds.
fn hook_section(tools: &tools::Tools) -> Result<(Section, String), Error> {
    size_table(tools)?;
    let dir = cmd::target_dir().join("bench");
    // The relay build's engine: the npm package, on the page.
    let npm = dir.join("npm");
    if npm.exists() {
        std::fs::remove_dir_all(&npm).map_err(|e| Error::Io(npm.clone(), e))?;
    }
    crate::harness::copy_dir(&crate::harness::build_npm(tools)?, &npm)?;
    run_example(tools, "hook_bench", &[dir.as_os_str()], &[])
}

/// `err addr2line` against `llvm-addr2line` on the same module (the panicker as rustc wrote
/// it: wasm-bindgen's output is beyond LLVM's wasm reader) and the same 10,000
/// instructions, sampled across its line table: time, and whether both give the same lines.
fn symbolicate_section(tools: &tools::Tools) -> Result<(Section, String), Error> {
    tools::ensure_apt(&[LLVM])?;
    let llvm = PathBuf::from(format!("/usr/lib/{LLVM}/bin/llvm-addr2line"));
    let _ = tools;
    let wasm = crate::harness::build_wasm("gufo-err-panicker", "gufo_err_panicker")?;
    let err = crate::harness::build_release_cli()?;
    let dir = cmd::target_dir().join("bench");
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
    let (ours_ms, ours_out) = timed(&mut ours_cmd, &ours_in)?;
    let (llvm_ms, llvm_out) = timed(&mut llvm_cmd, &llvm_in)?;
    let pairs = |text: &str| -> Vec<(String, String)> {
        let lines: Vec<&str> = text.lines().collect();
        lines
            .chunks(2)
            .map(|c| {
                let place = c.get(1).copied().unwrap_or_default();
                // file:line (ours adds :column; llvm-addr2line prints it only with --column).
                let mut parts = place.rsplitn(3, ':').collect::<Vec<_>>();
                parts.reverse();
                let file_line = match parts.as_slice() {
                    [file, line, _column]
                        if place.matches(':').count() >= 2 && !file.is_empty() =>
                    {
                        format!("{file}:{line}")
                    }
                    _ => place.to_owned(),
                };
                (c[0].to_owned(), file_line)
            })
            .collect()
    };
    let (ours, theirs) = (pairs(&ours_out), pairs(&llvm_out));
    let same_lines = ours.iter().zip(&theirs).filter(|(a, b)| a.1 == b.1).count();
    let same_functions = ours.iter().zip(&theirs).filter(|(a, b)| a.0 == b.0).count();
    let n = sample.len();
    let text = format!(
        "## Symbolication: {n} wasm offsets, `err addr2line` against `llvm-addr2line` ({LLVM})\n\n\
         | tool | median of 5 | ratio | same file:line as the other | same function |\n|---|---|---|---|---|\n\
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
    Ok((Section { text, problem }, json.to_string()))
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

/// The median wall time (ms) of 5 runs of `command` fed `input`, and its output. The input
/// comes from a file (a pipe written while the output is unread would deadlock).
fn timed(command: &mut Command, input: &str) -> Result<(f64, String), Error> {
    let path = cmd::target_dir().join("bench").join("symbolicate.input");
    std::fs::write(&path, input).map_err(|e| Error::Io(path.clone(), e))?;
    let mut times = Vec::new();
    let mut output = String::new();
    for _ in 0..5 {
        let stdin = std::fs::File::open(&path).map_err(|e| Error::Io(path.clone(), e))?;
        let start = Instant::now();
        let out = command
            .stdin(stdin)
            .stderr(std::process::Stdio::null())
            .output()
            .map_err(|e| Error::Spawn(format!("{command:?}"), e))?;
        times.push(start.elapsed().as_secs_f64() * 1e3);
        if !out.status.success() {
            return Err(Error::Failed(format!("{command:?}"), out.status));
        }
        output = String::from_utf8_lossy(&out.stdout).into_owned();
    }
    times.sort_by(f64::total_cmp);
    Ok((times[2], output))
}

/// Runs an example of the tests crate that writes JSON to its first argument and prints a
/// Markdown section.
fn run_example(
    tools: &tools::Tools,
    name: &str,
    args: &[&std::ffi::OsStr],
    env: &[(&str, &Path)],
) -> Result<(Section, String), Error> {
    let out = cmd::target_dir().join("bench").join(format!("{name}.json"));
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::Io(parent.to_path_buf(), e))?;
    }
    let mut bench = cmd::cargo([
        "run",
        "--release",
        "-p",
        "gufo-err-tests",
        "--example",
        name,
        "--",
    ]);
    bench
        .arg(&out)
        .args(args)
        .env("GECKODRIVER", &tools.geckodriver);
    for (key, value) in env {
        bench.env(key, value);
    }
    eprintln!("xtask: $ {bench:?}");
    let run = bench
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| Error::Spawn(format!("the {name} benchmark"), e))?;
    if !run.status.success() {
        return Err(Error::Failed(format!("the {name} benchmark"), run.status));
    }
    let text = String::from_utf8_lossy(&run.stdout).into_owned();
    let json = std::fs::read_to_string(&out).map_err(|e| Error::Io(out.clone(), e))?;
    Ok((
        Section {
            text,
            problem: None,
        },
        json,
    ))
}

/// The viewer with 10,000 reports in headless Chromium (`tests/examples/viewer_bench.rs`).
fn viewer_section(tools: &tools::Tools) -> Result<(Section, String), Error> {
    let viewer = crate::harness::build_viewer(tools)?;
    let err = crate::harness::build_release_cli()?;
    run_example(
        tools,
        "viewer_bench",
        &[],
        &[("GUFO_ERR_BIN", &err), ("GUFO_ERR_VIEWER_DIR", &viewer)],
    )
}

fn write(path: &Path, text: &str) -> Result<(), Error> {
    std::fs::write(path, text).map_err(|e| Error::Io(path.to_path_buf(), e))
}

/// 10,000 reports written by Python gufo-err's codec, made once under `target/bench`.
fn reports_dir(python: &Path) -> Result<PathBuf, Error> {
    let base = cmd::target_dir().join("bench");
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

/// The median wall time of `runs` runs, and the sorted fingerprints the first run listed.
fn time_list(command: &mut Command, runs: usize) -> Result<(Duration, Vec<String>), Error> {
    let mut times = Vec::with_capacity(runs);
    let mut fingerprints = Vec::new();
    for run in 0..runs {
        let start = Instant::now();
        let out = command
            .output()
            .map_err(|e| Error::Spawn(format!("{command:?}"), e))?;
        times.push(start.elapsed());
        if !out.status.success() {
            return Err(Error::Failed(format!("{command:?}"), out.status));
        }
        if run == 0 {
            fingerprints = String::from_utf8_lossy(&out.stdout)
                .lines()
                .filter_map(|l| l.split_whitespace().next())
                .filter(|f| uuid_like(f))
                .map(str::to_owned)
                .collect();
            fingerprints.sort();
        }
    }
    times.sort();
    Ok((times[times.len() / 2], fingerprints))
}

/// The 8-4-4-4-12 hex shape of a fingerprint (not a line of dashes).
fn uuid_like(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_owned())
        })
        .unwrap_or_else(|| String::from("unknown CPU"));
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    format!("{cpu}, {cores} cores")
}

/// One build of the size app.
struct Size {
    build: &'static str,
    raw: usize,
    gzip: usize,
    js_gzip: usize,
}

/// The size app's builds: the label, and the cargo feature (and output directory suffix).
const SIZE_BUILDS: [(&str, Option<&str>); 4] = [
    ("no hook", None),
    ("console_error_panic_hook", Some("cehp")),
    (
        "err::init() (relay hook; the page's shared engine analyzes)",
        Some("gufo"),
    ),
    (
        "err::init() with the `engine` feature (pipeline in the module)",
        Some("gufo-engine"),
    ),
];

impl Size {
    fn total(&self) -> usize {
        self.gzip + self.js_gzip
    }

    fn row(&self, all: &[Size]) -> String {
        let peer = all
            .iter()
            .find(|s| s.build == "console_error_panic_hook")
            .map_or(0, Size::total);
        let added = if self.build.starts_with("err::init()") {
            format!("{:+.1} KB", (self.total() as f64 - peer as f64) / 1024.0)
        } else {
            String::from("-")
        };
        format!(
            "| {} | {} B | {} B | {} B | {} B | {added} |\n",
            self.build,
            self.raw,
            self.gzip,
            self.js_gzip,
            self.total()
        )
    }
}

/// Builds the size app each way of [`SIZE_BUILDS`] and measures each after `wasm-opt -Oz`:
/// the wasm, and the JS it ships (the wasm-bindgen glue and its snippets, gzipped apiece).
fn size_table(tools: &tools::Tools) -> Result<Vec<Size>, Error> {
    let mut sizes = Vec::new();
    for (build, feature) in SIZE_BUILDS {
        let mut cargo = cmd::cargo([
            "build",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "gufo-err-size-app",
        ]);
        if let Some(f) = feature {
            cargo.args(["--features", f]);
        }
        cmd::run(&mut cargo)?;
        let out = cmd::target_dir()
            .join("bench")
            .join(format!("size-{}", feature.unwrap_or("none")));
        if out.exists() {
            std::fs::remove_dir_all(&out).map_err(|e| Error::Io(out.clone(), e))?;
        }
        let wasm = cmd::target_dir().join("wasm32-unknown-unknown/release/gufo_err_size_app.wasm");
        crate::harness::bindgen(tools, &wasm, "web", &out)?;
        let optimized = out.join("app.oz.wasm");
        let mut opt = Command::new(&tools.wasm_opt);
        opt.arg("-Oz")
            .args(WASM_FEATURES)
            .arg(out.join("gufo_err_size_app_bg.wasm"))
            .arg("-o")
            .arg(&optimized);
        cmd::run(&mut opt)?;
        let bytes = std::fs::read(&optimized).map_err(|e| Error::Io(optimized.clone(), e))?;
        let mut js_gzip = 0;
        for file in js_files(&out) {
            let text = std::fs::read(&file).map_err(|e| Error::Io(file.clone(), e))?;
            js_gzip += gzipped(&text);
        }
        sizes.push(Size {
            build,
            raw: bytes.len(),
            gzip: gzipped(&bytes),
            js_gzip,
        });
    }
    Ok(sizes)
}

/// The `.js` files a page loads from a wasm-bindgen output directory: the glue and the
/// snippets it imports (wasm-bindgen writes every snippet of every crate; the browser fetches
/// only the imported ones).
fn js_files(dir: &Path) -> Vec<PathBuf> {
    let glue = dir.join("gufo_err_size_app.js");
    let text = std::fs::read_to_string(&glue).unwrap_or_default();
    let mut found = vec![glue];
    for line in text.lines().filter(|l| l.starts_with("import ")) {
        if let Some(path) = line
            .split(" from '")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .and_then(|path| path.strip_prefix("./"))
        {
            found.push(dir.join(path));
        }
    }
    found
}

fn gzipped(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = encoder.write_all(bytes);
    encoder.finish().map(|v| v.len()).unwrap_or(0)
}
