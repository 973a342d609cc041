//! V8 frames: `    at name (place)`, `    at place`, `at async name (place)`, `at new Name (place)`.

use super::location;
use crate::model::Frame;

/// Parses one V8 line, or `None` when it is not a frame line.
pub(super) fn parse_line(line: &str) -> Option<Frame> {
    let rest = line.trim_start().strip_prefix("at ")?.trim_end();
    let (function, place_text) = match matching_open_paren(rest) {
        Some(open) => (rest[..open].trim_end(), &rest[open + 1..rest.len() - 1]),
        // `at async file:///a.mjs:3:7`: an anonymous async frame.
        None => ("", rest.strip_prefix("async ").unwrap_or(rest)),
    };
    let place = location::parse(place_text)?;
    Some(place.into_frame(clean_function(function), line))
}

/// The index of the `(` matching the `)` that ends `text`.
fn matching_open_paren(text: &str) -> Option<usize> {
    if !text.ends_with(')') {
        return None;
    }
    let mut depth = 0usize;
    for (i, b) in text.bytes().enumerate().rev() {
        match b {
            b')' => depth += 1,
            b'(' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Drops `async ` / `new ` prefixes and a trailing `[as alias]`.
fn clean_function(function: &str) -> &str {
    let mut f = function.trim();
    for prefix in ["async ", "new "] {
        f = f.strip_prefix(prefix).unwrap_or(f);
    }
    if let Some(start) = f.rfind(" [as ") {
        if f.ends_with(']') {
            f = &f[..start];
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FrameKind;

    #[test]
    fn v8_named_js_frame() {
        let f = parse_line("    at Cart.total (http://x/app.js:10:5)").unwrap();
        assert_eq!(f.function, "Cart.total");
        assert_eq!((f.line, f.column), (Some(10), Some(5)));
    }

    #[test]
    fn v8_anonymous_js_frame() {
        let f = parse_line("    at http://x/app.js:10:5").unwrap();
        assert_eq!(f.function, "");
        assert_eq!(f.file.as_deref(), Some("http://x/app.js"));
    }

    #[test]
    fn v8_anonymous_async_frame_has_no_async_in_its_file() {
        let f = parse_line("    at async file:///work/node.mjs:10:55").unwrap();
        assert_eq!(f.function, "");
        assert_eq!(f.file.as_deref(), Some("file:///work/node.mjs"));
        assert_eq!((f.line, f.column), (Some(10), Some(55)));
    }

    #[test]
    fn v8_async_and_new_and_alias() {
        assert_eq!(
            parse_line("at async run (file:///a.mjs:1:2)")
                .unwrap()
                .function,
            "run"
        );
        assert_eq!(
            parse_line("at new Cart (file:///a.mjs:1:2)")
                .unwrap()
                .function,
            "Cart"
        );
        assert_eq!(
            parse_line("at Object.f [as g] (file:///a.mjs:1:2)")
                .unwrap()
                .function,
            "Object.f"
        );
    }

    #[test]
    fn v8_native_and_promise_index() {
        assert_eq!(
            parse_line("at Array.map (<anonymous>)").unwrap().frame_kind,
            FrameKind::Builtin
        );
        assert_eq!(
            parse_line("at async Promise.all (index 0)")
                .unwrap()
                .frame_kind,
            FrameKind::Builtin
        );
    }

    #[test]
    fn v8_eval_frame_points_at_the_call_site() {
        let f =
            parse_line("    at eval (eval at run (http://x/a.js:3:5), <anonymous>:1:1)").unwrap();
        assert_eq!(f.frame_kind, FrameKind::Eval);
        assert_eq!(f.file.as_deref(), Some("http://x/a.js"));
        assert_eq!(f.line, Some(3));
    }

    #[test]
    fn v8_wasm_frame_with_generics_in_the_name() {
        let f = parse_line("    at m.wasm.<a::B<(u8, u16)> as c::D>::e::h0123456789abcdef (wasm://wasm/m-1f:wasm-function[9]:0x2a)").unwrap();
        assert_eq!(
            f.function,
            "m.wasm.<a::B<(u8, u16)> as c::D>::e::h0123456789abcdef"
        );
        assert_eq!((f.wasm_function, f.wasm_offset), (Some(9), Some(0x2a)));
    }
}
