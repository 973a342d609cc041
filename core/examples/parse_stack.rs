//! Reads a raw stack trace on stdin and prints its frames and fingerprint as JSON.
//!
//! ```text
//! cargo run -p gufo-err --example parse_stack < stack.txt
//! cargo run -p gufo-err --example parse_stack -- --engine jsc --class RangeError --message "Maximum call stack size exceeded." < stack.txt
//! ```
//!
//! One element per frame, outermost first, with `function`, `file`, `line`, `column`,
//! `in_app`, `wasm_function`, `wasm_offset` and `raw`; top-level `engine`, `kind`,
//! `recursion` and `fingerprint`.

use std::io::{Read, Write};

use err::model::{Engine, Kind};
use err::pipeline::{build, Capture, Detached, Settings};
use serde_json::json;

fn main() {
    let mut engine: Option<Engine> = None;
    let mut class: Option<String> = None;
    let mut message = String::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        match (arg.as_str(), value) {
            ("--engine", Some(v)) => match v.parse() {
                Ok(e) => engine = Some(e),
                Err(e) => fail(&e),
            },
            ("--class", Some(v)) => class = Some(v),
            ("--message", Some(v)) => message = v,
            _ => fail("usage: parse_stack [--engine v8|spidermonkey|jsc|native] [--class C] [--message M] < stack.txt"),
        }
    }
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        fail(&format!("cannot read stdin: {e}"));
    }
    let detected = engine.unwrap_or_else(|| err::parse::detect_engine(&text));
    let mut capture = match (class, detected) {
        (Some(class), _) => Capture::js(class, message, text),
        (None, Engine::Native) => Capture::new(Kind::Panic, "panic", message, text),
        (None, _) => {
            // The first line of a V8 stack is `Class: message`.
            let first = text.lines().next().unwrap_or_default();
            let (class, msg) = first.split_once(": ").unwrap_or((first, ""));
            let looks_like_header = !class.contains(' ')
                && !class.contains('@')
                && !first.trim_start().starts_with("at ");
            if looks_like_header {
                Capture::js(class, msg, text.clone())
            } else {
                Capture::js("Error", message, text.clone())
            }
        }
    };
    capture.engine = engine;
    let info = build(
        capture,
        &Settings {
            context_lines: 0,
            ..Settings::default()
        },
        &Detached,
    );
    let frames: Vec<_> = info
        .stack
        .iter()
        .map(|f| {
            json!({
                "function": f.function, "file": f.file, "line": f.line, "column": f.column,
                "in_app": f.in_app, "wasm_function": f.wasm_function, "wasm_offset": f.wasm_offset, "raw": f.raw,
            })
        })
        .collect();
    let out = json!({
        "engine": info.engine,
        "kind": info.kind,
        "recursion": info.recursion,
        "fingerprint": info.fingerprint,
        "frames": frames,
    });
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(
        stdout,
        "{}",
        serde_json::to_string_pretty(&out).unwrap_or_default()
    );
}

fn fail(message: &str) -> ! {
    eprintln!("parse_stack: {message}");
    std::process::exit(2)
}
