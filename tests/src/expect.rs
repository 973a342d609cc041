//! What every case must produce, in every engine, and the checks that compare.

use std::collections::BTreeMap;

use err::model::{Engine, ErrorInfo, FrameKind, Kind};
use err::normalize::InApp;
use err::pipeline::{build, Capture, Names, Settings};

use crate::corpus::Sample;
use crate::sites::{find_sites, Site};

/// Panic cases of the `panicker` crate.
pub const PANIC_CASES: [&str; 7] = [
    "bounds",
    "unwrap_none",
    "expect_err",
    "deep_panic",
    "refcell",
    "overflow",
    "trait_impl",
];
/// Endless recursion inside wasm.
pub const WASM_OVERFLOW_CASE: &str = "stack_overflow";
/// JavaScript cases of `tests/harness/cases.js`.
pub const JS_CASES: [&str; 5] = [
    "js_type_error",
    "js_class_method",
    "js_eval",
    "js_overflow",
    "js_async",
];

/// Every case, panics first.
pub fn all_cases() -> Vec<&'static str> {
    PANIC_CASES
        .iter()
        .chain([&WASM_OVERFLOW_CASE])
        .chain(JS_CASES.iter())
        .copied()
        .collect()
}

const CRATE: &str = "gufo_err_panicker::cases";

/// The in-app Rust call chain of a panic case, outermost first: the crate's export `run`
/// (wasm-bindgen names it after its JS name), then the crate's own functions.
pub fn expected_chain(case: &str) -> Vec<String> {
    let dispatch = format!("{CRATE}::dispatch");
    let tail: Vec<String> = match case {
        "bounds" => vec![format!("{CRATE}::read_past_end")],
        "unwrap_none" => vec![format!("{CRATE}::first_even")],
        "expect_err" => vec![format!("{CRATE}::parse_port")],
        "deep_panic" => vec![format!("{CRATE}::recursion::descend"); 21],
        "refcell" => vec![format!("{CRATE}::double_borrow")],
        "overflow" => vec![format!("{CRATE}::add_bonus")],
        "trait_impl" => vec![
            format!("{CRATE}::geometry::total_area"),
            format!(
                "<{CRATE}::geometry::shapes::Triangle as {CRATE}::geometry::shapes::Shape>::area"
            ),
        ],
        _ => Vec::new(),
    };
    [String::from("run"), dispatch]
        .into_iter()
        .chain(tail)
        .collect()
}

/// The recursion cycle of the wasm stack overflow, in canonical rotation.
pub fn expected_wasm_cycle() -> Vec<String> {
    ["forever_a", "forever_b", "forever_c"]
        .map(|f| format!("{CRATE}::recursion::{f}"))
        .to_vec()
}

/// The settings the panicker installs (`tests/panicker/src/lib.rs`).
pub fn panicker_settings() -> Settings {
    Settings {
        name: "panicker".into(),
        version: "1.0.0".into(),
        in_app: InApp::new(["gufo_err_panicker"]),
        context_lines: 0,
    }
}

fn engine_of(runtime: &str) -> Option<Engine> {
    match runtime {
        "chromium" | "node" => Some(Engine::V8),
        "firefox" => Some(Engine::SpiderMonkey),
        "webkit" => Some(Engine::Jsc),
        _ => None,
    }
}

/// The in-app Rust functions of a report, outermost first.
fn rust_chain(info: &ErrorInfo) -> Vec<String> {
    info.stack
        .iter()
        .filter(|f| f.in_app && f.frame_kind == FrameKind::Wasm)
        .map(|f| f.function.clone())
        .collect()
}

/// Checks every sample; returns one line per problem (empty when all is well).
pub fn check(samples: &[Sample]) -> Vec<String> {
    let root = crate::repo_root();
    let mut sites = find_sites(&root, "tests/panicker/src");
    sites.extend(find_sites(&root, "tests/harness"));
    let mut problems = Vec::new();
    let mut fingerprints: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for sample in samples {
        let at = format!("{}/{}", sample.runtime, sample.case);
        let mut fail = |p: String| problems.push(format!("{at}: {p}"));
        match check_sample(sample, &sites) {
            Ok(fingerprint) => {
                fingerprints
                    .entry(sample.case.clone())
                    .or_default()
                    .insert(sample.runtime.clone(), fingerprint);
            }
            Err(list) => list.into_iter().for_each(&mut fail),
        }
    }
    for (case, by_runtime) in &fingerprints {
        let distinct: std::collections::BTreeSet<&String> = by_runtime.values().collect();
        if distinct.len() > 1 {
            problems.push(format!(
                "{case}: fingerprints differ across runtimes: {by_runtime:?}"
            ));
        }
    }
    problems
}

/// Checks one sample; returns its fingerprint.
fn check_sample(sample: &Sample, sites: &BTreeMap<String, Site>) -> Result<String, Vec<String>> {
    let mut problems = Vec::new();
    let engine = engine_of(&sample.runtime);
    // A stored sample keeps the site of the sources it was captured from.
    let stored = sample.site.as_ref().map(|(file, line)| Site {
        file: file.clone(),
        line: *line,
    });
    let site = stored.as_ref().or_else(|| sites.get(&sample.case));
    let fingerprint;
    if PANIC_CASES.contains(&sample.case.as_str()) {
        if sample.reports.len() != 1 {
            return Err(vec![format!(
                "expected 1 report from the hook, got {}",
                sample.reports.len()
            )]);
        }
        let report = err::codec::from_json(&sample.reports[0])
            .map_err(|e| vec![format!("report does not read back: {e}")])?;
        if report.kind != Kind::Panic {
            problems.push(format!("kind {} instead of panic", report.kind));
        }
        match (&report.location, site) {
            (Some(l), Some(s)) if l.file == s.file && l.line == s.line => {}
            (l, s) => problems.push(format!("panic location {l:?}, the site is {s:?}")),
        }
        let chain = rust_chain(&report);
        if chain != expected_chain(&sample.case) {
            problems.push(format!(
                "in-app chain {chain:?}, expected {:?}",
                expected_chain(&sample.case)
            ));
        }
        // The native parser must agree with the one that ran in the page.
        let raw = report.raw_stack.clone().unwrap_or_default();
        let parsed = err::parse::parse_stack(&raw);
        problems.extend(unrecognized(&parsed, "unrecognized lines"));
        if let Some(engine) = engine {
            if parsed.engine != engine {
                problems.push(format!(
                    "detected engine {}, expected {engine}",
                    parsed.engine
                ));
            }
        }
        let mut capture = Capture::panic(report.message.clone(), report.location.clone(), raw);
        capture.engine = engine;
        // Names the engine left out were recovered in the page from the module's name section.
        let mut recovered = sample.wasm_names.clone();
        recovered.extend(
            report
                .stack
                .iter()
                .filter_map(|f| Some((f.wasm_function?, f.function.clone()))),
        );
        let lookup = |i| recovered.get(&i).cloned();
        let again = build(capture, &panicker_settings(), &Names(&lookup));
        if again.fingerprint != report.fingerprint {
            problems.push(format!(
                "native re-analysis gives {} but the page gave {}",
                again.fingerprint, report.fingerprint
            ));
        }
        match &sample.error {
            Some(trap) if err::analyze::classify(&trap.name, &trap.message) == Kind::Trap => {
                let parsed = err::parse::parse_stack(&trap.stack);
                problems.extend(unrecognized(&parsed, "trap stack has unrecognized lines"));
            }
            other => problems.push(format!("after the panic JS saw {other:?}, not a trap")),
        }
        fingerprint = report.fingerprint.to_string();
    } else {
        let Some(thrown) = &sample.error else {
            return Err(vec![String::from("no error was caught")]);
        };
        let is_wasm = sample.case == WASM_OVERFLOW_CASE;
        let settings = if is_wasm {
            panicker_settings()
        } else {
            Settings {
                context_lines: 0,
                ..Settings::default()
            }
        };
        let mut capture = Capture::js(
            thrown.name.clone(),
            thrown.message.clone(),
            thrown.stack.clone(),
        );
        capture.engine = engine;
        let lookup = |i| sample.wasm_names.get(&i).cloned();
        let info = build(capture, &settings, &Names(&lookup));
        let parsed = err::parse::parse_stack(&thrown.stack);
        problems.extend(unrecognized(&parsed, "unrecognized lines"));
        let overflow = is_wasm || sample.case == "js_overflow";
        let kind = if overflow {
            Kind::StackOverflow
        } else {
            Kind::JsError
        };
        if info.kind != kind {
            problems.push(format!(
                "kind {} for {}: {}, expected {kind}",
                info.kind, thrown.name, thrown.message
            ));
        }
        if is_wasm {
            let mut cycle = info
                .recursion
                .as_ref()
                .map(|r| r.cycle.clone())
                .unwrap_or_default();
            cycle.sort();
            if cycle != expected_wasm_cycle() {
                problems.push(format!(
                    "recursion cycle {cycle:?}, expected {:?}",
                    expected_wasm_cycle()
                ));
            }
        } else if sample.case == "js_overflow" {
            let cycle = info
                .recursion
                .as_ref()
                .map(|r| r.cycle.clone())
                .unwrap_or_default();
            if cycle != ["recurseForever"] {
                problems.push(format!(
                    "recursion cycle {cycle:?}, expected [recurseForever]"
                ));
            }
        } else {
            let innermost = info
                .stack
                .iter()
                .rev()
                .find(|f| f.in_app && f.line.is_some());
            match (innermost, site) {
                (Some(f), Some(s))
                    if f.line == Some(s.line)
                        && f.file.as_deref().is_some_and(|x| x.ends_with("cases.js")) => {}
                (f, s) => problems.push(format!(
                    "innermost in-app frame {:?}, the site is {s:?}",
                    f.map(|f| (&f.file, f.line, &f.raw))
                )),
            }
        }
        fingerprint = info.fingerprint.to_string();
    }
    if problems.is_empty() {
        Ok(fingerprint)
    } else {
        Err(problems)
    }
}

/// A problem line when the parser left lines unrecognized.
fn unrecognized(parsed: &err::parse::ParsedStack, label: &str) -> Option<String> {
    let lines: Vec<_> = parsed.unrecognized().map(|f| f.raw.clone()).collect();
    (!lines.is_empty()).then(|| format!("{label}: {lines:?}"))
}
