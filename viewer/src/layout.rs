//! How a stack is laid out for reading: in-app frames shown, runs of library and runtime
//! frames folded, a recursion collapsed after its first cycle.
//!
//! ```
//! use err::model::{ErrorInfo, Frame, Kind};
//! use gufo_err_viewer::layout::{blocks, Block};
//! let mut info = ErrorInfo::new(Kind::Panic, "panic", "x");
//! let app = |name: &str| { let mut f = Frame::new(name); f.in_app = true; f };
//! info.stack = vec![Frame::new("main"), app("app::run"), Frame::new("core::panicking")];
//! assert_eq!(blocks(&info), [Block::Frame(0), Block::Frame(1), Block::Frame(2)]);
//! info.stack.insert(0, Frame::new("_start"));
//! assert_eq!(blocks(&info), [Block::Folded(0..2), Block::Frame(2), Block::Frame(3)]);
//! ```

use std::ops::Range;

use err::model::ErrorInfo;

/// A piece of the stack as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// One frame, shown.
    Frame(usize),
    /// A run of library or runtime frames, folded behind one line.
    Folded(Range<usize>),
    /// A recursion: the first cycle (`range.start .. range.start + cycle`) is shown, the rest
    /// of the run folded behind "N frames repeated M times".
    Recursion {
        /// The frames of the whole run.
        range: Range<usize>,
        /// Frames in one cycle.
        cycle: usize,
        /// How many times the cycle repeats.
        repeats: usize,
    },
}

/// The blocks of a report's stack, outermost first. Library runs of two or more frames
/// fold, but only when the stack has in-app frames to show instead; the failing (last)
/// frame is always shown.
pub fn blocks(info: &ErrorInfo) -> Vec<Block> {
    let len = info.stack.len();
    let fold = info.stack.iter().any(|f| f.in_app);
    let recursion = info
        .recursion
        .as_ref()
        .filter(|r| r.repeats > 1 && !r.cycle.is_empty() && r.start < len)
        .map(|r| (r.start..r.start.saturating_add(r.frames()).min(len), r));
    let mut out = Vec::new();
    let mut run_start: Option<usize> = None;
    let mut index = 0;
    let close_run = |out: &mut Vec<Block>, run: &mut Option<usize>, end: usize| {
        if let Some(start) = run.take() {
            if end - start >= 2 {
                out.push(Block::Folded(start..end));
            } else {
                out.extend((start..end).map(Block::Frame));
            }
        }
    };
    while index < len {
        if let Some((range, r)) = recursion.as_ref().filter(|(range, _)| range.start == index) {
            close_run(&mut out, &mut run_start, index);
            out.push(Block::Recursion {
                range: range.clone(),
                cycle: r.cycle.len(),
                repeats: r.repeats,
            });
            index = range.end.max(index + 1);
            continue;
        }
        let library = fold && !info.stack[index].in_app && index + 1 < len;
        if library {
            run_start.get_or_insert(index);
        } else {
            close_run(&mut out, &mut run_start, index);
            out.push(Block::Frame(index));
        }
        index += 1;
    }
    close_run(&mut out, &mut run_start, len);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use err::model::{Frame, Kind, Recursion};

    #[test]
    fn a_recursion_is_one_block_and_frames_around_it_stay() {
        let mut info = ErrorInfo::new(Kind::StackOverflow, "RangeError", "too deep");
        let mut app = Frame::new("app::main");
        app.in_app = true;
        info.stack.push(app.clone());
        for _ in 0..10 {
            let mut f = Frame::new("app::descend");
            f.in_app = true;
            info.stack.push(f);
        }
        info.stack.push(Frame::new("core::panicking::panic"));
        info.recursion = Some(Recursion {
            start: 1,
            cycle: vec!["app::descend".into()],
            repeats: 10,
        });
        assert_eq!(
            blocks(&info),
            [
                Block::Frame(0),
                Block::Recursion {
                    range: 1..11,
                    cycle: 1,
                    repeats: 10
                },
                Block::Frame(11)
            ]
        );
    }

    #[test]
    fn a_stack_without_in_app_frames_is_not_folded_and_bad_recursion_is_ignored() {
        let mut info = ErrorInfo::new(Kind::JsError, "Error", "x");
        info.stack = (0..4).map(|i| Frame::new(format!("f{i}"))).collect();
        info.recursion = Some(Recursion {
            start: 99,
            cycle: vec!["f".into()],
            repeats: 5,
        });
        assert_eq!(blocks(&info).len(), 4);
    }
}
