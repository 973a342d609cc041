//! Stage 1, frames: raw stack text to [`Frame`]s.
//!
//! Reads `Error.stack` as V8 (Chrome, Node), SpiderMonkey (Firefox) and JavaScriptCore
//! (Safari, WebKit) write it, and the `Display` text of a native
//! [`std::backtrace::Backtrace`]. The engine is detected from the text unless one is given.
//! Frames come out outermost first, each keeping its raw line; names are left as the engine
//! wrote them, for [`crate::normalize`] to clean.
//!
//! The parser never panics and its work is bounded: it reads at most [`MAX_INPUT_BYTES`],
//! cuts lines longer than [`MAX_LINE_CHARS`] and stops after [`MAX_FRAMES`] frames.
//!
//! ```
//! use err::model::{Engine, FrameKind};
//! let stack = "Error\n    at app.wasm.app::run::h0123456789abcdef (http://x/app.wasm:wasm-function[7]:0x1f0)\n    at http://x/index.js:3:5";
//! let parsed = err::parse::parse_stack(stack);
//! assert_eq!(parsed.engine, Engine::V8);
//! assert_eq!(parsed.frames.len(), 2);
//! assert_eq!(parsed.frames[1].frame_kind, FrameKind::Wasm);
//! assert_eq!(parsed.frames[1].wasm_offset, Some(0x1f0));
//! ```

mod at_sign;
mod detect;
mod location;
mod native;
mod v8;

use crate::model::{Engine, Frame, FrameKind};

pub use detect::detect_engine;

/// At most this many bytes of input are read; the rest is ignored.
pub const MAX_INPUT_BYTES: usize = 4 << 20;
/// Lines are cut to this many characters before parsing.
pub const MAX_LINE_CHARS: usize = 2048;
/// At most this many frames are kept (the outermost beyond it are dropped).
pub const MAX_FRAMES: usize = 20_000;

/// The result of parsing a stack.
///
/// ```
/// let p = err::parse::parse_stack("TypeError: x is undefined\n    at f (http://x/a.js:1:2)");
/// assert_eq!(p.message.as_deref(), Some("TypeError: x is undefined"));
/// assert!(p.unrecognized().next().is_none());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedStack {
    /// The engine the text came from (detected or given).
    pub engine: Engine,
    /// The message lines V8 puts before the frames, when present.
    pub message: Option<String>,
    /// The frames, outermost first.
    pub frames: Vec<Frame>,
    /// Whether frames were dropped by [`MAX_FRAMES`] or [`MAX_INPUT_BYTES`].
    pub truncated: bool,
}

impl ParsedStack {
    /// The frames whose line was not recognized (kept with [`FrameKind::Unknown`]).
    ///
    /// ```
    /// let p = err::parse::parse_stack("    at f (http://x/a.js:1:2)\n    at ???");
    /// assert_eq!(p.unrecognized().count(), 1);
    /// ```
    pub fn unrecognized(&self) -> impl Iterator<Item = &Frame> {
        self.frames
            .iter()
            .filter(|f| f.frame_kind == FrameKind::Unknown)
    }
}

/// Parses a stack, detecting the engine from its text.
///
/// ```
/// let p = err::parse::parse_stack("f@http://x/a.js:1:2\n@http://x/a.js:9:1");
/// assert_eq!(p.frames[0].line, Some(9));
/// assert_eq!(p.frames[1].function, "f");
/// ```
pub fn parse_stack(text: &str) -> ParsedStack {
    let text = bounded(text);
    parse_stack_as(text, detect_engine(text))
}

/// Parses a stack written by `engine`.
///
/// [`Engine::Unknown`] reads each line in whichever shape it has.
///
/// ```
/// use err::model::Engine;
/// let p = err::parse::parse_stack_as("   0: app::main\n             at ./src/main.rs:3:5", Engine::Native);
/// assert_eq!(p.frames[0].function, "app::main");
/// assert_eq!(p.frames[0].line, Some(3));
/// ```
pub fn parse_stack_as(text: &str, engine: Engine) -> ParsedStack {
    let text = bounded(text);
    let (message, mut frames, truncated) = match engine {
        Engine::Native => native::parse(text),
        _ => parse_js(text, engine),
    };
    frames.reverse();
    ParsedStack {
        engine,
        message,
        frames,
        truncated,
    }
}

/// Cuts `text` to [`MAX_INPUT_BYTES`] at a character boundary.
fn bounded(text: &str) -> &str {
    if text.len() <= MAX_INPUT_BYTES {
        return text;
    }
    let mut end = MAX_INPUT_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Cuts one line to [`MAX_LINE_CHARS`] characters.
pub(crate) fn cut_line(line: &str) -> &str {
    match line.char_indices().nth(MAX_LINE_CHARS) {
        Some((end, _)) => &line[..end],
        None => line,
    }
}

/// JS stacks: innermost first, message lines before the first frame (V8 only).
fn parse_js(text: &str, engine: Engine) -> (Option<String>, Vec<Frame>, bool) {
    let mut message: Vec<&str> = Vec::new();
    let mut frames = Vec::new();
    let mut truncated = text.len() >= MAX_INPUT_BYTES;
    for line in text.lines() {
        let line = cut_line(line).trim_end();
        if line.trim().is_empty() {
            continue;
        }
        let frame = match engine {
            Engine::V8 => v8::parse_line(line),
            Engine::SpiderMonkey | Engine::Jsc => at_sign::parse_line(line),
            Engine::Native | Engine::Unknown => {
                v8::parse_line(line).or_else(|| at_sign::parse_line(line))
            }
        };
        match frame {
            Some(frame) => frames.push(frame),
            // Text before the first frame is the message (V8 writes it there).
            None if frames.is_empty()
                && engine != Engine::SpiderMonkey
                && engine != Engine::Jsc =>
            {
                message.push(line)
            }
            None => frames.push(unknown_frame(line)),
        }
        if frames.len() >= MAX_FRAMES {
            truncated = true;
            break;
        }
    }
    let message = if message.is_empty() {
        None
    } else {
        Some(message.join("\n"))
    };
    (message, frames, truncated)
}

/// A frame for a line no rule recognized, kept with its text.
fn unknown_frame(line: &str) -> Frame {
    let mut frame = Frame::new("");
    frame.raw = Some(line.to_owned());
    frame
}
