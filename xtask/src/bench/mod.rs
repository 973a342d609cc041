//! `cargo xtask bench`: measurements against the peers, side by side, in one run.
//!
//! One file per section, each measuring ours against a peer on the same input:
//! - [`parse`]: stack parsing throughput and frames right, against `@sentry/browser` and
//!   `error-stack-parser` in the same Node process;
//! - [`cli`]: `err list` over 10,000 Gufo Err reports, against Python gufo-err 0.6.0;
//! - [`size`]: the size a panic hook adds to `bench/size-app`, against console_error_panic_hook;
//! - [`hook`]: the time from a panic to the trap in Chromium, against console_error_panic_hook;
//! - [`viewer`]: the viewer with 10,000 reports in Chromium, against `JSON.parse`;
//! - [`symbolicate`]: `err addr2line` on 10,000 offsets, against `llvm-addr2line`.
//!
//! `cargo xtask bench [parse|cli|size|hook|viewer|symbolicate]…` runs some; each section
//! writes `bench/results/<section>.md` and `.json`, assembled into `bench/results.md` and
//! `.json` and plotted into `bench/results.svg`.

mod cli;
mod hook;
mod parse;
mod size;
mod symbolicate;
mod viewer;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::cmd::{self, Error};
use crate::tools::{self, Tools};

/// What a section measured: its Markdown for people, its JSON, and what went wrong in it
/// (the command then fails, after every section wanted has been written).
struct Section {
    markdown: String,
    json: String,
    problem: Option<String>,
}

/// A section's measurement.
type Measure = fn(&Tools) -> Result<Section, Error>;

/// The sections, in the order `bench/results.md` shows them.
const SECTIONS: [(&str, Measure); 6] = [
    ("parse", parse::measure),
    ("cli", cli::measure),
    ("size", size::measure),
    ("hook", hook::measure),
    ("viewer", viewer::measure),
    ("symbolicate", symbolicate::measure),
];

/// Runs the named sections (all when none are named) and assembles the results: each
/// section keeps its own `bench/results/<section>.md` and `.json`, so one can be measured
/// again alone.
pub fn run(args: &[String]) -> Result<(), Error> {
    let wanted: Vec<(&str, Measure)> = if args.is_empty() {
        SECTIONS.to_vec()
    } else {
        let mut wanted = Vec::with_capacity(args.len());
        for name in args {
            let section = SECTIONS
                .iter()
                .find(|(known, _)| known == name)
                .ok_or_else(|| {
                    Error::Usage(format!(
                        "unknown benchmark {name:?}; the sections are {}",
                        section_names().join(", ")
                    ))
                })?;
            wanted.push(*section);
        }
        wanted
    };
    let tools = tools::ensure_all()?;
    let dir = cmd::root().join("bench").join("results");
    std::fs::create_dir_all(&dir).map_err(|e| Error::Io(dir.clone(), e))?;
    let mut failed = None;
    for (name, measure) in wanted {
        let section = measure(&tools)?;
        write(&dir.join(format!("{name}.md")), &section.markdown)?;
        write(&dir.join(format!("{name}.json")), &section.json)?;
        print!("{}", section.markdown);
        if let Some(problem) = section.problem {
            failed = Some(problem);
        }
    }
    assemble(&dir)?;
    match failed {
        Some(problem) => Err(Error::Missing(problem)),
        None => Ok(()),
    }
}

fn section_names() -> Vec<&'static str> {
    SECTIONS.iter().map(|(name, _)| *name).collect()
}

/// `bench/results.md` and `.json` from the sections measured so far, and the plot.
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
    for section in section_names() {
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

/// The CPU model and core count, for the results' header.
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

/// `target/bench`, where the sections keep their inputs and builds.
fn scratch_dir() -> PathBuf {
    cmd::target_dir().join("bench")
}

/// The median wall time of `runs` whole-process runs of `command` (stdin from `input` when
/// given, reopened for each run: a pipe written while the output is unread would deadlock),
/// and what the first run printed. Fails if a run fails.
fn median_run(
    command: &mut Command,
    runs: usize,
    input: Option<&Path>,
) -> Result<(Duration, String), Error> {
    let mut times = Vec::with_capacity(runs);
    let mut first_output = None;
    for _ in 0..runs {
        if let Some(path) = input {
            let stdin = std::fs::File::open(path).map_err(|e| Error::Io(path.to_path_buf(), e))?;
            command.stdin(stdin);
        }
        let start = Instant::now();
        let out = command
            .output()
            .map_err(|e| Error::Spawn(format!("{command:?}"), e))?;
        times.push(start.elapsed());
        if !out.status.success() {
            return Err(Error::Failed(format!("{command:?}"), out.status));
        }
        first_output.get_or_insert_with(|| String::from_utf8_lossy(&out.stdout).into_owned());
    }
    times.sort();
    Ok((times[times.len() / 2], first_output.unwrap_or_default()))
}

/// Runs an example of the tests crate that writes JSON to its first argument and prints a
/// Markdown section (the browser benchmarks, which need its WebDriver client and servers).
fn run_example(
    tools: &Tools,
    name: &str,
    args: &[&std::ffi::OsStr],
    env: &[(&str, &Path)],
) -> Result<Section, Error> {
    let out = scratch_dir().join(format!("{name}.json"));
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::Io(parent.to_path_buf(), e))?;
    }
    let mut example = cmd::cargo([
        "run",
        "--release",
        "-p",
        "gufo-err-tests",
        "--example",
        name,
        "--",
    ]);
    example
        .arg(&out)
        .args(args)
        .env("GECKODRIVER", &tools.geckodriver);
    for (key, value) in env {
        example.env(key, value);
    }
    eprintln!("xtask: $ {example:?}");
    let run = example
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| Error::Spawn(format!("the {name} benchmark"), e))?;
    if !run.status.success() {
        return Err(Error::Failed(format!("the {name} benchmark"), run.status));
    }
    Ok(Section {
        markdown: String::from_utf8_lossy(&run.stdout).into_owned(),
        json: std::fs::read_to_string(&out).map_err(|e| Error::Io(out.clone(), e))?,
        problem: None,
    })
}

fn write(path: &Path, text: &str) -> Result<(), Error> {
    std::fs::write(path, text).map_err(|e| Error::Io(path.to_path_buf(), e))
}

/// The size of `bytes` after gzip -9.
fn gzipped(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = encoder.write_all(bytes);
    encoder.finish().map(|v| v.len()).unwrap_or(0)
}
