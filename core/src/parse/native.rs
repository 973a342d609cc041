//! Native Rust backtraces, as `std::backtrace::Backtrace` displays them:
//!
//! ```text
//!    4: app::cart::total
//!              at ./src/cart.rs:88:9
//! ```

use super::detect::is_native_index;
use crate::model::{Frame, FrameKind};

/// Parses the whole text; frames innermost first, as written.
pub(super) fn parse(text: &str) -> (Option<String>, Vec<Frame>, bool) {
    let mut message: Vec<&str> = Vec::new();
    let mut frames: Vec<Frame> = Vec::new();
    for line in text.lines() {
        let line = super::cut_line(line);
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if let Some(at) = trimmed.strip_prefix("at ") {
            if let Some(frame) = frames.last_mut() {
                set_place(frame, at, line);
                continue;
            }
        }
        if is_native_index(trimmed) {
            let name = trimmed.split_once(": ").map_or("", |(_, name)| name);
            frames.push(native_frame(name, line));
        } else if frames.is_empty() || trimmed.starts_with("note:") || trimmed == "stack backtrace:"
        {
            message.push(trimmed);
        } else {
            // A second symbol of the same address: an inlined function.
            frames.push(native_frame(trimmed, line));
        }
        if frames.len() >= super::MAX_FRAMES {
            let message = (!message.is_empty()).then(|| message.join("\n"));
            return (message, frames, true);
        }
    }
    let message = (!message.is_empty()).then(|| message.join("\n"));
    (message, frames, false)
}

fn native_frame(name: &str, line: &str) -> Frame {
    let mut frame = Frame::new(name.trim());
    frame.frame_kind = FrameKind::Native;
    frame.raw = Some(line.to_owned());
    frame
}

/// `./src/main.rs:3:5` into file, line and column.
fn set_place(frame: &mut Frame, at: &str, line: &str) {
    let mut parts = at.rsplitn(3, ':');
    let column = parts.next().and_then(|c| c.parse().ok());
    let line_no = parts.next().and_then(|l| l.parse().ok());
    match (parts.next(), line_no, column) {
        (Some(file), Some(l), Some(c)) => {
            frame.file = Some(file.to_owned());
            frame.line = Some(l);
            frame.column = Some(c);
        }
        _ => frame.file = Some(at.to_owned()),
    }
    if let Some(raw) = frame.raw.as_mut() {
        raw.push('\n');
        raw.push_str(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn native_backtrace_frames_and_places() {
        let text = "   0: app::f\n             at ./src/main.rs:3:5\n   1: <unknown>\n   2: std::rt::lang_start\n             at /rustc/abc/library/std/src/rt.rs:195:17";
        let (_, frames, truncated) = parse(text);
        assert!(!truncated);
        assert_eq!(frames.len(), 3);
        assert_eq!(frames[0].file.as_deref(), Some("./src/main.rs"));
        assert_eq!((frames[0].line, frames[0].column), (Some(3), Some(5)));
        assert_eq!(frames[1].function, "<unknown>");
        assert_eq!(frames[2].line, Some(195));
    }
}
