//! The terse format: one or two lines a frame.

use super::{display_name, steps, Formatter, Step};
use crate::model::ErrorInfo;

/// Condensed output, as Gufo Err's `terse`:
///
/// ```text
/// Error: 8c7e3f0a-…
/// Traceback (most recent call last):
///   File "src/cart.rs", line 88, in shop::cart::total
///     let item = &items[index];
///   At wasm-function[41]:0x3c2f, in shop::cart::checkout
///   [3 frames repeated 480 times]
/// panic: index out of bounds: the len is 3 but the index is 10
///   at src/cart.rs:88:9
/// ```
///
/// ```
/// use err::format::{Formatter, Terse};
/// use err::model::{ErrorInfo, Kind};
/// assert!(Terse.format(&ErrorInfo::new(Kind::Panic, "panic", "boom")).contains("Traceback"));
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Terse;

impl Formatter for Terse {
    fn format(&self, info: &ErrorInfo) -> String {
        let mut out = vec![
            format!("Error: {}", info.fingerprint),
            String::from("Traceback (most recent call last):"),
        ];
        for step in steps(info) {
            match step {
                Step::Repeated(r) => out.push(format!("  {r}")),
                Step::Frame(frame) => {
                    let name = display_name(frame);
                    match (&frame.file, frame.line) {
                        (Some(file), Some(line)) if frame.wasm_function.is_none() => {
                            out.push(format!("  File \"{file}\", line {line}, in {name}"));
                            let source = frame.source.as_ref().and_then(|s| s.current());
                            if let Some(text) = source {
                                out.push(format!("    {}", text.trim_start()));
                            }
                        }
                        _ => out.push(format!("  At {}, in {name}", frame.place())),
                    }
                }
            }
        }
        out.push(info.exception.summary());
        if let Some(location) = &info.location {
            out.push(format!(
                "  at {}:{}:{}",
                location.file, location.line, location.column
            ));
        }
        out.join("\n")
    }
}
