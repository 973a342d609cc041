//! Which engine wrote a stack, from the shape of its lines.

use crate::model::Engine;

/// Detects the engine from the text of a stack.
///
/// V8 frames start with `at `; SpiderMonkey and JavaScriptCore both write `name@place` and
/// are told apart by marks only one of them writes (`wasm-function[N]:0x…`, `async*`,
/// `> eval` for SpiderMonkey; `[native code]`, `[wasm code]`, `global code@`, wasm frames
/// without offsets for JavaScriptCore). A native backtrace has numbered lines. When nothing
/// tells, the answer is [`Engine::Unknown`], which parses each line in its own shape.
///
/// ```
/// use err::model::Engine;
/// use err::parse::detect_engine;
/// assert_eq!(detect_engine("Error\n    at f (a.js:1:1)"), Engine::V8);
/// assert_eq!(detect_engine("f@http://x/a.wasm:wasm-function[3]:0x10"), Engine::SpiderMonkey);
/// assert_eq!(detect_engine("map@[native code]\nf@http://x/a.js:1:1"), Engine::Jsc);
/// assert_eq!(detect_engine("   0: std::rt::lang_start\n"), Engine::Native);
/// assert_eq!(detect_engine("f@http://x/a.js:1:1"), Engine::Unknown);
/// ```
pub fn detect_engine(text: &str) -> Engine {
    let mut v8 = 0usize;
    let mut spidermonkey = 0usize;
    let mut jsc = 0usize;
    let mut native = 0usize;
    for line in text.lines().take(512) {
        let line = super::cut_line(line).trim();
        if line.starts_with("at ") {
            v8 += 1;
        } else if is_native_index(line) {
            native += 1;
        } else if line.contains('@') {
            if line.contains("wasm-function[") && line.contains("]:0x")
                || line.starts_with("async*")
                || line.contains(" > eval")
                || line.contains(" > Function")
                || line.contains("@debugger eval code")
            {
                spidermonkey += 1;
            }
            if line.contains("[native code]")
                || line.contains("[wasm code]")
                || line.starts_with("global code@")
                || line.starts_with("module code@")
                || line.starts_with("eval code@")
                || (line.contains("wasm-function[") && !line.contains("]:0x"))
            {
                jsc += 1;
            }
        }
    }
    let best = [
        (v8, Engine::V8),
        (native, Engine::Native),
        (spidermonkey, Engine::SpiderMonkey),
        (jsc, Engine::Jsc),
    ]
    .into_iter()
    .max_by_key(|(n, _)| *n);
    match best {
        Some((n, engine)) if n > 0 => engine,
        _ => Engine::Unknown,
    }
}

/// `12: name`, the first line of a native backtrace frame.
pub(super) fn is_native_index(line: &str) -> bool {
    match line.split_once(": ") {
        Some((index, rest)) => {
            !index.is_empty() && index.bytes().all(|b| b.is_ascii_digit()) && !rest.is_empty()
        }
        None => false,
    }
}
