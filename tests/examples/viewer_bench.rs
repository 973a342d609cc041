//! The viewer at scale, in headless Chromium: 10,000 reports loaded from one list.
//!
//! Measures, in the page itself (`performance` marks the viewer sets):
//! - time from the list's bytes arriving to the first rows in the page, and to the last
//!   report read, against the floor of `JSON.parse` of the same bytes in the same page;
//! - filter keystroke latency: from the `input` event to the next frame painted with the
//!   filtered list, for each key of a typed query.
//!
//! Run by `cargo xtask bench` (which builds the viewer and the `err` binary and sets
//! `GUFO_ERR_BIN` and `GUFO_ERR_VIEWER_DIR`); writes JSON to the path given as the first
//! argument and prints a Markdown section.

use std::path::PathBuf;
use std::time::Duration;

use err::model::Timestamp;
use gufo_err_tests::browser::Browser;
use gufo_err_tests::collector::Collector;
use gufo_err_tests::webdriver::Session;
use serde_json::{json, Value};

const REPORTS: usize = 10_000;
const RUNS: usize = 3;
const QUERY: &str = "too deep";

/// 10,000 distinct reports: the core's real golden reports (from real captured stacks),
/// each repeated under 2,000 service versions (so each has its own fingerprint).
fn reports() -> (String, usize) {
    let golden = gufo_err_tests::repo_root().join("core/tests/golden");
    let seeds: Vec<err::model::ErrorInfo> = [
        "chromium_deep_panic",
        "firefox_trait_impl",
        "native_demo",
        "webkit_unwrap_none",
        "python_v1_zero_division",
    ]
    .iter()
    .map(|name| {
        let bytes = std::fs::read(golden.join(format!("{name}.json.txt"))).expect("golden report");
        err::codec::from_slice(&bytes).expect("a report")
    })
    .collect();
    let mut items = Vec::with_capacity(REPORTS);
    let mut matching = 0;
    for i in 0..REPORTS {
        let mut info = seeds[i % seeds.len()].clone();
        info.version = format!("1.{}", i / seeds.len());
        info.fingerprint = err::analyze::fingerprint(&info);
        info.timestamp = Some(Timestamp::from_unix_millis(
            1_764_000_000_000 + i as i64 * 1000,
        ));
        if info.exception.summary().contains(QUERY) {
            matching += 1;
        }
        items.push(err::codec::to_json(&info));
    }
    (format!("[{}]", items.join(",")), matching)
}

const MEASURE: &str = r#"
const done = arguments[arguments.length - 1];
const mark = (name) => performance.getEntriesByName(name)[0].startTime;
const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
// The next frame's callbacks run after the update; its paint follows them: a timeout queued
// there runs once that frame is painted.
const painted = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
(async () => {
  const fetched = mark("gufo-err:fetched");
  const firstRows = mark("gufo-err:first-rows") - fetched;
  const loaded = mark("gufo-err:loaded") - fetched;
  const text = await (await fetch(SRC)).text();
  const parses = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const value = JSON.parse(text);
    parses.push(performance.now() - t0);
    if (value.length !== COUNT) throw new Error("JSON.parse read " + value.length);
  }
  parses.sort((a, b) => a - b);
  const input = document.getElementById("filter");
  const keys = [];
  for (let i = 1; i <= QUERY.length; i++) {
    await frames();
    const t0 = performance.now();
    input.value = QUERY.slice(0, i);
    input.dispatchEvent(new InputEvent("input", { bubbles: true }));
    await painted();
    keys.push(performance.now() - t0);
  }
  await frames();
  done({ firstRows, loaded, parse: parses[2], keys, shown: document.getElementById("shown").textContent, bytes: text.length });
})().catch((e) => done({ error: String(e && e.stack || e) }));
"#;

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: viewer_bench OUT.json"),
    );
    let site = tempfile::tempdir().expect("site");
    let (list, matching) = reports();
    std::fs::write(site.path().join("reports-10k.json"), &list).expect("list written");
    let collected = tempfile::tempdir().expect("collector dir");
    let viewer = std::env::var("GUFO_ERR_VIEWER_DIR").expect("GUFO_ERR_VIEWER_DIR is set");
    let www = site.path().to_str().expect("utf-8").to_owned();
    let collector = Collector::from_env(collected.path(), &["--www", &www, "--viewer", &viewer]);
    let driver = Browser::Chromium.launch().expect("chromium");
    let session = Session::new(&driver.url, driver.capabilities()).expect("session");
    let version = session.user_agent().expect("user agent");
    let script = MEASURE
        .replace("SRC", "\"/reports-10k.json\"")
        .replace("COUNT", &REPORTS.to_string())
        .replace("QUERY", &Value::from(QUERY).to_string());
    let mut runs = Vec::new();
    for _ in 0..RUNS {
        session
            .goto(&format!("{}/viewer/?src=/reports-10k.json", collector.url))
            .expect("viewer");
        session
            .wait_for(
                "return performance.getEntriesByName('gufo-err:loaded').length ? true : null",
                Duration::from_secs(120),
            )
            .expect("the list loaded");
        let run = session.execute_async(&script).expect("measured");
        assert!(run.get("error").is_none(), "{run}");
        let shown = run["shown"].as_str().unwrap_or_default();
        assert_eq!(
            shown,
            format!("{matching} of {REPORTS}"),
            "the filter found every match"
        );
        runs.push(run);
    }
    let field = |name: &str| {
        median(
            runs.iter()
                .map(|r| r[name].as_f64().unwrap_or(f64::NAN))
                .collect(),
        )
    };
    let (first_rows, loaded, parse) = (field("firstRows"), field("loaded"), field("parse"));
    let keys: Vec<f64> = runs
        .iter()
        .flat_map(|r| r["keys"].as_array().cloned().unwrap_or_default())
        .filter_map(|k| k.as_f64())
        .collect();
    let key_median = median(keys.clone());
    let key_max = keys.iter().copied().fold(0.0, f64::max);
    let bytes = runs[0]["bytes"].as_u64().unwrap_or_default();
    let result = json!({
        "reports": REPORTS,
        "bytes": bytes,
        "browser": version,
        "runs": RUNS,
        "first_rows_ms": first_rows,
        "all_loaded_ms": loaded,
        "json_parse_ms": parse,
        "first_rows_ratio": first_rows / parse,
        "all_loaded_ratio": loaded / parse,
        "keystroke_median_ms": key_median,
        "keystroke_max_ms": key_max,
        "keystrokes": keys.len(),
    });
    std::fs::write(&out, serde_json::to_string_pretty(&result).expect("json")).expect("written");
    println!(
        "## The viewer with {REPORTS} reports ({:.1} MB list, headless Chromium)\n\n\
         | what | viewer | floor: `JSON.parse` of the same bytes, same page | ratio |\n|---|---|---|---|\n\
         | first rows in the list | {first_rows:.0} ms | {parse:.0} ms | {:.2}× |\n\
         | every report read (in {}-ms slices, the page stays responsive) | {loaded:.0} ms | {parse:.0} ms | {:.2}× |\n\n\
         Filter keystroke to the next frame painted with the filtered list, over {} keystrokes of `{QUERY}` on {REPORTS} groups: \
         median {key_median:.1} ms, max {key_max:.1} ms (goal: 50 ms). Medians of {RUNS} page loads. {version}\n",
        bytes as f64 / 1e6,
        first_rows / parse,
        12,
        loaded / parse,
        keys.len(),
    );
}
