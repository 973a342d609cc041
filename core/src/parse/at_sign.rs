//! SpiderMonkey and JavaScriptCore frames: `name@place`, `@place`, `async*name@place`,
//! `name@[native code]`, and JavaScriptCore's bare `global code`.

use super::location;
use crate::model::{Frame, FrameKind};

/// Parses one `name@place` line, or `None` when it is not a frame line.
pub(super) fn parse_line(line: &str) -> Option<Frame> {
    let text = line.trim();
    let candidates = [text.find('@'), text.rfind('@')];
    for at in candidates.into_iter().flatten() {
        if let Some(place) = location::parse(&text[at + 1..]) {
            return Some(place.into_frame(clean_function(&text[..at]), line));
        }
    }
    // JavaScriptCore writes code from `eval` with no place at all: `evaluated@`.
    if let Some(function) = text.strip_suffix('@').filter(|f| !f.contains('@')) {
        let mut frame = Frame::new(clean_function(function));
        frame.frame_kind = FrameKind::Eval;
        frame.raw = Some(line.to_owned());
        return Some(frame);
    }
    if !text.contains('@') {
        if let Some(place) = location::parse(text).filter(|p| p.kind != FrameKind::Builtin) {
            return Some(place.into_frame("", line));
        }
        if is_bare_function(text) {
            let mut frame = Frame::new(text);
            frame.frame_kind = FrameKind::Builtin;
            frame.raw = Some(line.to_owned());
            return Some(frame);
        }
    }
    None
}

/// Drops SpiderMonkey's `async*` mark and `/<` inner-function suffixes.
fn clean_function(function: &str) -> &str {
    let mut f = function.trim();
    f = f.strip_prefix("async*").unwrap_or(f);
    while let Some(stripped) = f.strip_suffix("/<") {
        f = stripped;
    }
    f
}

/// JavaScriptCore writes some frames with no place: `global code`, `eval code`, `forEach`.
fn is_bare_function(text: &str) -> bool {
    matches!(text, "global code" | "eval code" | "module code" | "eval")
        || (!text.is_empty()
            && text
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '$' | '.' | '<' | '>'))
            && !text.starts_with(|c: char| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spidermonkey_named_frame() {
        let f = parse_line("total@http://x/app.js:10:5").unwrap();
        assert_eq!(f.function, "total");
        assert_eq!((f.line, f.column), (Some(10), Some(5)));
    }

    #[test]
    fn spidermonkey_anonymous_async_and_inner() {
        assert_eq!(parse_line("@http://x/app.js:1:1").unwrap().function, "");
        assert_eq!(
            parse_line("async*run@http://x/a.js:1:1").unwrap().function,
            "run"
        );
        assert_eq!(
            parse_line("outer/<@http://x/a.js:1:1").unwrap().function,
            "outer"
        );
    }

    #[test]
    fn spidermonkey_eval_frame() {
        let f = parse_line("@http://x/a.js line 2 > eval:1:5").unwrap();
        assert_eq!(f.frame_kind, FrameKind::Eval);
        assert_eq!(
            (f.file.as_deref(), f.line),
            (Some("http://x/a.js"), Some(2))
        );
    }

    #[test]
    fn spidermonkey_wasm_frame() {
        let f =
            parse_line("app::f::h0123456789abcdef@http://x/a.wasm:wasm-function[4]:0x99").unwrap();
        assert_eq!(f.frame_kind, FrameKind::Wasm);
        assert_eq!((f.wasm_function, f.wasm_offset), (Some(4), Some(0x99)));
    }

    #[test]
    fn jsc_native_wasm_and_global_code() {
        assert_eq!(
            parse_line("forEach@[native code]").unwrap().frame_kind,
            FrameKind::Builtin
        );
        assert_eq!(
            parse_line("<?>.wasm-function[7]@[wasm code]")
                .unwrap()
                .frame_kind,
            FrameKind::Wasm
        );
        assert_eq!(parse_line("global code").unwrap().function, "global code");
        assert_eq!(parse_line("http://x/a.js:3:9").unwrap().line, Some(3));
    }

    #[test]
    fn jsc_eval_code_without_place() {
        let f = parse_line("evaluated@").unwrap();
        assert_eq!(
            (f.function.as_str(), f.frame_kind),
            ("evaluated", FrameKind::Eval)
        );
        assert_eq!(parse_line("eval code@").unwrap().function, "eval code");
    }

    #[test]
    fn messages_are_not_frames() {
        assert!(parse_line("TypeError: x is undefined").is_none());
    }
}
