//! The cost of a panic hook in headless Chromium: from a panic 30 frames deep to the trap
//! back in JavaScript, by which point `err::init()` has captured, analyzed, printed and
//! stored the report (the localStorage queue, written synchronously in the hook) and
//! console_error_panic_hook has printed its message. Each run panics in a fresh instance
//! (a panic poisons its instance); the medians of many runs are compared.
//!
//! The relay build (`size-gufo`) runs with the page's shared engine loaded (the npm package,
//! `init()` done before the runs): its cost is the capture plus the engine's analysis.
//!
//! `hook_bench OUT.json DIR`: DIR holds the size app's wasm-bindgen builds `size-none`,
//! `size-cehp`, `size-gufo` and `size-gufo-engine`, and the npm package in `npm`
//! (`cargo xtask bench hook` builds them).

use std::path::PathBuf;
use std::time::Duration;

use gufo_err_tests::browser::Browser;
use gufo_err_tests::server::StaticServer;
use gufo_err_tests::webdriver::Session;
use serde_json::{json, Value};

const RUNS: usize = 60;
const DEPTH: u32 = 30;

const PAGE: &str = r#"<!doctype html><meta charset="utf-8"><title>hook cost</title>
<script type="module">
const params = new URLSearchParams(location.search);
const build = params.get("build");
const runs = Number(params.get("runs"));
const depth = Number(params.get("depth"));
async function main() {
if (build === "gufo") {
  const engine = await import("./npm/index.js");
  await engine.init({ format: "terse" });
}
const module = await WebAssembly.compile(await (await fetch(`./size-${build}/gufo_err_size_app_bg.wasm`)).arrayBuffer());
const times = [];
for (let i = 0; i < runs; i++) {
  // A fresh copy of the glue and a fresh instance: a panic poisons its instance.
  const app = await import(`./size-${build}/gufo_err_size_app.js?run=${i}`);
  await app.default({ module_or_path: module });
  app.greet("warm");
  const start = performance.now();
  try {
    app.fail_at_depth(depth);
  } catch (e) {
    times.push(performance.now() - start);
  }
}
return { times };
}
main().then((r) => { window.__result = r; }, (e) => { window.__result = { error: String((e && e.stack) || e) }; });
</script>"#;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(args.next().expect("usage: hook_bench OUT.json DIR"));
    let dir = PathBuf::from(args.next().expect("usage: hook_bench OUT.json DIR"));
    std::fs::write(dir.join("hook.html"), PAGE).expect("page");
    let site = StaticServer::start(&dir).expect("server");
    let mut results = serde_json::Map::new();
    let mut browser = String::new();
    for build in ["none", "cehp", "gufo", "gufo-engine"] {
        // A fresh browser for each build: every instance stays reachable through its glue
        // module, and one renderer holds about 124 wasm memories whatever the hook.
        let driver = Browser::Chromium.launch().expect("chromium");
        let session = Session::new(&driver.url, driver.capabilities()).expect("session");
        browser = session.user_agent().expect("user agent");
        session
            .goto(&format!(
                "{}/hook.html?build={build}&runs={RUNS}&depth={DEPTH}",
                site.url()
            ))
            .expect("page");
        let result = session
            .wait_for("return window.__result || null", Duration::from_secs(300))
            .expect("measured");
        assert!(result.get("error").is_none(), "{build}: {result}");
        let times: Vec<f64> = result["times"]
            .as_array()
            .expect("times")
            .iter()
            .filter_map(Value::as_f64)
            .collect();
        assert_eq!(times.len(), RUNS, "{build}: every run panicked");
        if build.starts_with("gufo") {
            // Every run's report reached the store: one record, counted once a run.
            let count = format!(
                "const done = arguments[arguments.length - 1]; const open = indexedDB.open('gufo-err', 1); \
                 open.onerror = () => done(null); open.onsuccess = () => {{ const all = open.result.transaction('reports').objectStore('reports').getAll(); \
                 all.onsuccess = () => {{ open.result.close(); const n = all.result.reduce((s, r) => s + r.count, 0); done(n === {RUNS} ? n : null); }}; }};"
            );
            let start = std::time::Instant::now();
            while session.execute_async(&count).expect("store read").is_null() {
                assert!(
                    start.elapsed() < Duration::from_secs(30),
                    "not every report was stored"
                );
                std::thread::sleep(Duration::from_millis(200));
            }
        }
        results.insert(
            build.to_owned(),
            json!({"median_ms": median(times.clone()), "min_ms": times.iter().copied().fold(f64::MAX, f64::min), "runs": RUNS}),
        );
    }
    let get = |b: &str| results[b]["median_ms"].as_f64().unwrap_or(f64::NAN);
    let result = json!({"depth": DEPTH, "browser": browser, "builds": results});
    std::fs::write(&out, serde_json::to_string_pretty(&result).expect("json")).expect("written");
    println!(
        "## Cost of the panic hook (headless Chromium, a panic {DEPTH} frames deep, median of {RUNS} fresh instances)\n\n\
         | build | panic to trap in JS | over no hook | vs console_error_panic_hook |\n|---|---|---|---|\n\
         | no hook | {:.2} ms | - | - |\n\
         | console_error_panic_hook | {:.2} ms | +{:.2} ms | 1× |\n\
         | `err::init()`, relay hook + the page's engine (captured, analyzed, printed, stored) | {:.2} ms | +{:.2} ms | {:.1}× |\n\
         | `err::init()`, `engine` feature (the same, in the module) | {:.2} ms | +{:.2} ms | {:.1}× |\n\n\
         Both `err::init()` builds do everything in the hook, synchronously: the JS stack, parsing, \
         normalization, recursion, fingerprint, console output in the terse format, and the report \
         queued in localStorage (merged into IndexedDB afterwards, off the hook). {browser}\n",
        get("none"),
        get("cehp"),
        get("cehp") - get("none"),
        get("gufo"),
        get("gufo") - get("none"),
        (get("gufo") - get("none")) / (get("cehp") - get("none")),
        get("gufo-engine"),
        get("gufo-engine") - get("none"),
        (get("gufo-engine") - get("none")) / (get("cehp") - get("none")),
    );
}
