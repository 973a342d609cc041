//! The extend format: source context around every frame that has it.

use super::{display_name, steps, Formatter, Step};
use crate::model::{ErrorInfo, SourceContext};

const SEPARATOR: &str =
    "-------------------------------------------------------------------------------";
const MAX_VALUE_CHARS: usize = 72;

/// Extended output, as Gufo Err's `extend`: the summary and panic location with its source
/// lines, then every frame with the lines around it, `==>` on the current line, and locals.
///
/// ```
/// use err::format::{Extend, Formatter};
/// use err::model::{ErrorInfo, Kind, Location, SourceContext};
/// let mut info = ErrorInfo::new(Kind::Panic, "panic", "boom");
/// let mut at = Location::new("src/lib.rs", 2, 5);
/// at.source = Some(SourceContext {
///     file_name: "src/lib.rs".into(),
///     first_line: 1,
///     current_line: 2,
///     lines: vec!["fn f() {".into(), "    panic!(\"boom\")".into(), "}".into()],
/// });
/// info.location = Some(at);
/// let text = Extend.format(&info);
/// assert!(text.contains("    2 ==>     panic!(\"boom\")"));
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Extend;

impl Formatter for Extend {
    fn format(&self, info: &ErrorInfo) -> String {
        let mut out = vec![
            format!("Error: {}", info.fingerprint),
            info.exception.summary(),
        ];
        if let Some(location) = &info.location {
            out.push(format!(
                "Panicked at {}:{}:{}",
                location.file, location.line, location.column
            ));
            if let Some(source) = &location.source {
                push_source(&mut out, source);
            }
        }
        if let Some(details) = details(info) {
            out.push(details);
        }
        out.push(String::from("Traceback (most recent call last):"));
        for step in steps(info) {
            out.push(SEPARATOR.to_owned());
            let frame = match step {
                Step::Repeated(r) => {
                    out.push(r.to_string());
                    continue;
                }
                Step::Frame(frame) => frame,
            };
            let name = display_name(frame);
            let app = if frame.in_app { "" } else { " [library]" };
            match (&frame.source, &frame.file, frame.line) {
                (Some(source), _, _) => {
                    out.push(format!(
                        "File: {} (line {}), in {name}{app}",
                        source.file_name, source.current_line
                    ));
                    push_source(&mut out, source);
                }
                (None, Some(file), Some(line)) if frame.wasm_function.is_none() => {
                    out.push(format!("File: {file} (line {line}), in {name}{app}"));
                }
                _ => out.push(format!("Function: {name} ({}){app}", frame.place())),
            }
            if !frame.locals.is_empty() {
                out.push(String::from("Locals:"));
                for (key, value) in &frame.locals {
                    let text = match value {
                        serde_json::Value::String(s) => format!("{s:?}"),
                        other => other.to_string(),
                    };
                    if text.chars().count() > MAX_VALUE_CHARS {
                        out.push(format!("{key:>20} |\n{text}"));
                    } else {
                        out.push(format!("{key:>20} = {text}"));
                    }
                }
            }
        }
        out.push(SEPARATOR.to_owned());
        out.join("\n")
    }
}

fn push_source(out: &mut Vec<String>, source: &SourceContext) {
    for (number, line) in (source.first_line..).zip(&source.lines) {
        let sign = if number == source.current_line {
            "==>"
        } else {
            "   "
        };
        out.push(format!("{number:5} {sign} {line}"));
    }
}

/// `Kind: panic | Runtime: wasm | Engine: v8 | …`, for what is known.
fn details(info: &ErrorInfo) -> Option<String> {
    let mut parts = vec![format!("Kind: {}", info.kind)];
    if info.secondary {
        parts.push(String::from("secondary"));
    }
    if let Some(runtime) = info.runtime {
        parts.push(format!(
            "Runtime: {}",
            serde_json::to_value(runtime).ok()?.as_str()?
        ));
    }
    if let Some(engine) = info.engine {
        parts.push(format!("Engine: {engine}"));
    }
    if let Some(url) = &info.page_url {
        parts.push(format!("Page: {url}"));
    }
    if let Some(build) = &info.build_id {
        parts.push(format!("Build: {build}"));
    }
    if info.count > 1 {
        parts.push(format!("Seen: {} times", info.count));
    }
    Some(parts.join(" | "))
}
