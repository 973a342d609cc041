//! `bench/results.svg`: bar charts of the parse throughput and the size figures, drawn from
//! the sections' JSON (plain SVG, no plotting tool needed).

use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

use crate::cmd::Error;

/// One bar: label, value, whether it is ours.
type Bar = (String, f64, bool);

const WIDTH: f64 = 760.0;
const LABEL: f64 = 290.0;
const BAR_AREA: f64 = 380.0;
const ROW: f64 = 26.0;

fn chart(svg: &mut String, top: f64, title: &str, unit: &str, bars: &[Bar]) -> f64 {
    let max = bars
        .iter()
        .map(|b| b.1)
        .fold(0.0, f64::max)
        .max(f64::MIN_POSITIVE);
    let _ = writeln!(
        svg,
        r#"<text x="10" y="{}" font-weight="bold">{}</text>"#,
        top + 18.0,
        escape(title)
    );
    for (i, (label, value, ours)) in bars.iter().enumerate() {
        let y = top + 30.0 + i as f64 * ROW;
        let w = (value / max * BAR_AREA).max(1.0);
        let color = if *ours { "#2f6fdb" } else { "#9aa3ad" };
        let _ = writeln!(
            svg,
            r#"<text x="{}" y="{}" text-anchor="end">{}</text><rect x="{}" y="{}" width="{w:.1}" height="18" fill="{color}"/><text x="{}" y="{}">{value:.1} {unit}</text>"#,
            LABEL - 8.0,
            y + 14.0,
            escape(label),
            LABEL,
            y,
            LABEL + w + 6.0,
            y + 14.0,
        );
    }
    top + 40.0 + bars.len() as f64 * ROW
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn read(dir: &Path, name: &str) -> Option<Value> {
    serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{name}.json"))).ok()?).ok()
}

/// Writes `out` from `dir/parse.json` and `dir/size.json` (a chart for each that exists).
pub fn write(dir: &Path, out: &Path) -> Result<(), Error> {
    let mut body = String::new();
    let mut top = 0.0;
    if let Some(parse) = read(dir, "parse") {
        let mb = |v: &Value| v["mb_per_s"].as_f64().unwrap_or(0.0);
        let p = &parse["parsers"];
        let bars = vec![
            (
                "gufo-err, native".to_owned(),
                mb(&parse["native"]["parse"]),
                true,
            ),
            (
                "gufo-err + normalize, native".to_owned(),
                mb(&parse["native"]["parse_and_normalize"]),
                true,
            ),
            (
                "gufo-err npm (wasm in Node)".to_owned(),
                mb(&p["gufo-err (wasm)"]),
                true,
            ),
            (
                "@sentry/browser (Node)".to_owned(),
                mb(&p["@sentry/browser defaultStackParser"]),
                false,
            ),
            (
                "error-stack-parser (Node)".to_owned(),
                mb(&p["error-stack-parser"]),
                false,
            ),
        ];
        top = chart(
            &mut body,
            top,
            "Stack parsing throughput on the real corpus (higher is better)",
            "MB/s",
            &bars,
        );
    }
    if let Some(size) = read(dir, "size") {
        let kb = |v: &Value| v.as_f64().unwrap_or(0.0) / 1024.0;
        let mut bars: Vec<Bar> = size["hook"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|b| {
                let build = b["build"].as_str().unwrap_or("?");
                (
                    format!("app with {build}"),
                    kb(&b["wasm_gzip"]),
                    build == "err::init()",
                )
            })
            .collect();
        bars.push((
            "npm package gufo-err (wasm + JS)".to_owned(),
            kb(&size["npm_package"]["wasm_gzip"]) + kb(&size["npm_package"]["js_gzip"]),
            true,
        ));
        top = chart(
            &mut body,
            top,
            "Size after wasm-opt -Oz, gzipped (lower is better)",
            "KB",
            &bars,
        );
    }
    let svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{top}" viewBox="0 0 {WIDTH} {top}" font-family="sans-serif" font-size="13"><rect width="100%" height="100%" fill="#ffffff"/>
{body}</svg>
"##
    );
    std::fs::write(out, svg).map_err(|e| Error::Io(out.to_path_buf(), e))
}
