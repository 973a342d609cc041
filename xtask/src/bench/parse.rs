//! Section `parse`: stack parsing throughput and correctness on the real corpus
//! (`tests/corpus`), ours natively (criterion on `core/benches/parse.rs`) and as the npm
//! package's wasm in Node, against the JavaScript peers `@sentry/browser` (the reference
//! of the ratios) and `error-stack-parser` in the same Node process
//! (`bench/parse/parse_bench.mjs`), with frames scored against the corpus truth.

use std::process::Command;

use serde_json::Value;

use super::{scratch_dir, Section};
use crate::cmd::{self, Error};
use crate::tools::Tools;

/// The JavaScript stack parsers measured against ours (npm).
const JS_PEERS: [&str; 2] = ["@sentry/browser@11.12.0", "error-stack-parser@3.0.0"];
/// The peers' names in the Node benchmark's output; the first is the reference.
const PEER_NAMES: [&str; 2] = ["@sentry/browser defaultStackParser", "error-stack-parser"];

pub(super) fn measure(tools: &Tools) -> Result<Section, Error> {
    let npm = crate::harness::build_npm(tools)?;
    let peers = scratch_dir().join("node");
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
    let (parse_ns, normalized_ns) = (
        criterion_mean_ns("corpus")?,
        criterion_mean_ns("corpus_normalized")?,
    );
    let script = cmd::root().join("bench/parse/parse_bench.mjs");
    let out = cmd::output(
        Command::new("node")
            .arg(&script)
            .arg(cmd::root().join("tests/corpus"))
            .arg(&npm)
            .arg(&peers),
    )
    .ok_or_else(|| Error::Missing(String::from("the Node parse benchmark failed")))?;
    let mut node: Value = serde_json::from_str(&out)
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
    let reference = node["parsers"][PEER_NAMES[0]]["stacks_per_s"]
        .as_f64()
        .unwrap_or(f64::NAN);
    let row = |name: &str, runs: &str, v: &Value, engines: Option<&Value>| {
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
            rate / reference
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
    for name in PEER_NAMES {
        let p = &parsers[name];
        text.push_str(&row(name, "Node", p, Some(&p["engines"])));
    }
    text.push_str(&format!(
        "\nAll in one Node {} process for the JavaScript rows. The npm package's `parseStack` also \
         normalizes (names cleaned, in-app marked) and returns its frames across the wasm boundary as JSON. \
         Frames right: same function and place as the corpus truth (see `bench/parse/parse_bench.mjs`). \
         Misses: {}.\n",
        node["node"].as_str().unwrap_or("?"),
        first_misses(parsers),
    ));
    Ok(Section {
        markdown: text,
        json: node.to_string(),
        problem: None,
    })
}

/// The mean time (ns) criterion measured for the benchmark `parse/<name>`.
fn criterion_mean_ns(name: &str) -> Result<f64, Error> {
    let path = cmd::target_dir().join(format!("criterion/parse/{name}/new/estimates.json"));
    let text = std::fs::read_to_string(&path).map_err(|e| Error::Io(path.clone(), e))?;
    let value: Value = serde_json::from_str(&text)
        .map_err(|e| Error::Missing(format!("{}: {e}", path.display())))?;
    value["mean"]["point_estimate"]
        .as_f64()
        .ok_or_else(|| Error::Missing(format!("{}: no mean", path.display())))
}

/// The first miss of each peer, for people.
fn first_misses(parsers: &Value) -> String {
    PEER_NAMES
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
