//! The place part of a JS frame: `url:line:col`, `url:wasm-function[N]:0xOFF`, eval chains,
//! built-ins.

use crate::model::{Frame, FrameKind};

/// Where a frame runs, as read from its location text.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Place {
    pub kind: FrameKind,
    pub file: Option<String>,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub wasm_function: Option<u32>,
    pub wasm_offset: Option<u64>,
}

impl Place {
    fn builtin() -> Self {
        Place {
            kind: FrameKind::Builtin,
            ..Place::default()
        }
    }

    /// A frame named `function` at this place, parsed from `raw`.
    pub fn into_frame(self, function: &str, raw: &str) -> Frame {
        let mut frame = Frame::new(function);
        frame.frame_kind = self.kind;
        frame.file = self.file;
        frame.line = self.line;
        frame.column = self.column;
        frame.wasm_function = self.wasm_function;
        frame.wasm_offset = self.wasm_offset;
        frame.raw = Some(raw.to_owned());
        frame
    }
}

/// Parses a location, or `None` when the text is not one.
pub(super) fn parse(location: &str) -> Option<Place> {
    let location = location.trim();
    match location {
        "native" | "<anonymous>" | "[native code]" | "unknown location" => {
            return Some(Place::builtin())
        }
        "[wasm code]" => {
            return Some(Place {
                kind: FrameKind::Wasm,
                ..Place::default()
            })
        }
        _ => {}
    }
    if let Some(index) = location.strip_prefix("index ") {
        return index.parse::<u32>().ok().map(|_| Place::builtin());
    }
    if let Some(rest) = location.strip_prefix("eval at ") {
        return v8_eval(rest);
    }
    if let Some(place) = wasm(location) {
        return Some(place);
    }
    if let Some((outer, _)) = location.split_once(" > ") {
        return spidermonkey_eval(outer);
    }
    url_line_column(location)
}

/// `url:wasm-function[N]:0xOFF`, `url:wasm-function[N]`, `wasm-function[N]:0xOFF`.
fn wasm(location: &str) -> Option<Place> {
    let at = location.rfind("wasm-function[")?;
    let (url, rest) = location.split_at(at);
    let rest = rest.strip_prefix("wasm-function[")?;
    let (index, after) = rest.split_once(']')?;
    let index = index.parse::<u32>().ok()?;
    let offset = match after {
        "" => None,
        _ => {
            let hex = after
                .strip_prefix(":0x")
                .or_else(|| after.strip_prefix(":0X"))?;
            Some(u64::from_str_radix(hex, 16).ok()?)
        }
    };
    let url = url.strip_suffix(':').unwrap_or(url);
    let url = url.strip_suffix('.').unwrap_or(url);
    // JavaScriptCore writes `<?>` when it does not know the module.
    let url = if url == "<?>" { "" } else { url };
    Some(Place {
        kind: FrameKind::Wasm,
        file: if url.is_empty() {
            None
        } else {
            Some(url.to_owned())
        },
        wasm_function: Some(index),
        wasm_offset: offset,
        ..Place::default()
    })
}

/// V8: `eval at f (http://x/a.js:3:5), <anonymous>:1:1`; the eval call site is the place.
fn v8_eval(rest: &str) -> Option<Place> {
    // The innermost `(url:line:col)` before the final `, <anonymous>:l:c` is the call site.
    let open = rest.rfind('(')?;
    let close = rest[open..].find(')')? + open;
    let mut place = url_line_column(&rest[open + 1..close]).unwrap_or_default();
    place.kind = FrameKind::Eval;
    Some(place)
}

/// SpiderMonkey: `http://x/a.js line 2 > eval:1:5`; the place is the outer file and line.
fn spidermonkey_eval(outer: &str) -> Option<Place> {
    let (file, line) = outer.rsplit_once(" line ")?;
    Some(Place {
        kind: FrameKind::Eval,
        file: Some(file.to_owned()),
        line: line.trim().parse().ok(),
        ..Place::default()
    })
}

/// `url:line:col` or `url:line`; a bare `url` has neither.
fn url_line_column(location: &str) -> Option<Place> {
    if location.is_empty() || location.contains(char::is_whitespace) && !location.contains("://") {
        return None;
    }
    let (head, last) = location.rsplit_once(':')?;
    let last = last.parse::<u32>().ok();
    let (file, line, column) = match last {
        Some(last) => match head.rsplit_once(':') {
            Some((file, line)) => match line.parse::<u32>() {
                Ok(line) => (file, Some(line), Some(last)),
                Err(_) => (head, Some(last), None),
            },
            None => (head, Some(last), None),
        },
        None => return None,
    };
    if file.is_empty() {
        return None;
    }
    Some(Place {
        kind: FrameKind::Js,
        file: Some(file.to_owned()),
        line,
        column,
        ..Place::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_with_port_line_and_column() {
        let p = parse("http://127.0.0.1:8080/a.js:10:7").unwrap();
        assert_eq!(p.file.as_deref(), Some("http://127.0.0.1:8080/a.js"));
        assert_eq!((p.line, p.column), (Some(10), Some(7)));
    }

    #[test]
    fn url_with_port_and_line_only() {
        let p = parse("http://127.0.0.1:8080/a.js:10").unwrap();
        assert_eq!(p.file.as_deref(), Some("http://127.0.0.1:8080/a.js"));
        assert_eq!((p.line, p.column), (Some(10), None));
    }

    #[test]
    fn wasm_url_with_offset() {
        let p = parse("wasm://wasm/0a1b2c3d:wasm-function[12]:0x1a2b").unwrap();
        assert_eq!(p.kind, FrameKind::Wasm);
        assert_eq!(p.file.as_deref(), Some("wasm://wasm/0a1b2c3d"));
        assert_eq!((p.wasm_function, p.wasm_offset), (Some(12), Some(0x1a2b)));
    }

    #[test]
    fn wasm_without_offset() {
        let p = parse("http://x/app_bg.wasm:wasm-function[3]").unwrap();
        assert_eq!((p.wasm_function, p.wasm_offset), (Some(3), None));
    }

    #[test]
    fn jsc_unknown_module_is_no_file() {
        let p = parse("<?>:wasm-function[589]").unwrap();
        assert_eq!((p.file, p.wasm_function), (None, Some(589)));
    }

    #[test]
    fn bad_wasm_offset_is_not_a_location() {
        assert_eq!(parse("x:wasm-function[3]:0xzz"), None);
    }

    #[test]
    fn bare_words_are_not_locations() {
        assert_eq!(parse("not a place"), None);
        assert_eq!(parse(""), None);
    }
}
