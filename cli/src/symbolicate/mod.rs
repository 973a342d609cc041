//! Symbolication: wasm frames of a report to Rust `file:line`, with inlined frames and the
//! source around each line.
//!
//! For each wasm frame with a byte offset, the module's DWARF gives the places of that
//! instruction, innermost (inlined) first: the frame takes the outermost one (the line in
//! its own function), and each inlined call becomes a frame of its own after it. Frames
//! with only a function index (JavaScriptCore) are placed at their function's first line.
//! The fingerprint is kept: it names the failure, and symbolication only adds detail.
//! Inside a recursion's run no frames are inserted (its indexes stay valid).

pub mod dwarf;

use std::path::{Path, PathBuf};

use err::model::{ErrorInfo, Frame, FrameKind, SourceContext};
use err::normalize::InApp;

use dwarf::{Module, Place};

/// What symbolication did to a report.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// Frames placed at their instruction's line.
    pub exact: usize,
    /// Frames with no byte offset, placed at their function's first line.
    pub approximate: usize,
    /// Inlined frames added.
    pub inlined: usize,
    /// Wasm frames DWARF says nothing about.
    pub unresolved: usize,
}

/// Adds file, line, column and inlined frames to every wasm frame of `info`, and source
/// context (`context` lines each side) from `src`.
pub fn symbolicate(
    info: &mut ErrorInfo,
    module: &Module,
    src: Option<&Path>,
    context: u32,
) -> Outcome {
    let in_app = info
        .root_module
        .as_ref()
        .map_or_else(InApp::default, |root| InApp::new([root.clone()]));
    let run = info
        .recursion
        .as_ref()
        .map(|r| r.start..r.start.saturating_add(r.frames()));
    let mut outcome = Outcome::default();
    let mut stack = Vec::with_capacity(info.stack.len());
    let mut inserted_before_run = 0;
    for (index, mut frame) in std::mem::take(&mut info.stack).into_iter().enumerate() {
        let in_run = run.as_ref().is_some_and(|r| r.contains(&index));
        let is_wasm = frame.frame_kind == FrameKind::Wasm || frame.wasm_function.is_some();
        let mut inlined = Vec::new();
        if is_wasm {
            match (frame.wasm_offset, frame.wasm_function) {
                (Some(offset), _) => {
                    let places = module.lookup(offset);
                    match places.split_last() {
                        Some((outer, inner)) => {
                            place(&mut frame, outer);
                            outcome.exact += 1;
                            if !in_run {
                                inlined = inner
                                    .iter()
                                    .rev()
                                    .map(|p| inlined_frame(&frame, p))
                                    .collect::<Vec<_>>();
                                err::normalize::normalize_frames(&mut inlined, &in_app);
                            }
                        }
                        None => outcome.unresolved += 1,
                    }
                }
                (None, Some(function)) => match module.function_place(function) {
                    Some(p) => {
                        place(&mut frame, &p);
                        outcome.approximate += 1;
                    }
                    None => outcome.unresolved += 1,
                },
                (None, None) => outcome.unresolved += 1,
            }
        }
        outcome.inlined += inlined.len();
        if run.as_ref().is_some_and(|r| index < r.start) {
            inserted_before_run += inlined.len();
        }
        stack.push(frame);
        stack.extend(inlined);
    }
    if let Some(r) = info.recursion.as_mut() {
        r.start += inserted_before_run;
    }
    if let Some(src) = src {
        for frame in &mut stack {
            if frame.source.is_none() {
                if let (Some(file), Some(line)) = (&frame.file, frame.line) {
                    frame.source = read_source(src, file, line, context);
                }
            }
        }
        if let Some(location) = info.location.as_mut().filter(|l| l.source.is_none()) {
            location.source = read_source(src, &location.file, location.line, context);
        }
    }
    info.stack = stack;
    outcome
}

/// Sets a frame's place (its module URL stays in `raw`; `file` becomes the source file).
fn place(frame: &mut Frame, p: &Place) {
    if let Some(file) = &p.file {
        frame.file = Some(file.clone());
    }
    frame.line = p.line;
    frame.column = p.column;
}

fn inlined_frame(parent: &Frame, p: &Place) -> Frame {
    let mut frame = Frame::new(p.function.clone().unwrap_or_default());
    frame.frame_kind = FrameKind::Wasm;
    frame.wasm_function = parent.wasm_function;
    frame.wasm_offset = parent.wasm_offset;
    frame.raw = parent.raw.clone();
    place(&mut frame, p);
    frame
}

/// The file under `src`: the path as it is, else the longest tail of its components that
/// exists there (DWARF paths are absolute on the build machine).
pub(crate) fn locate(src: &Path, file: &str) -> Option<PathBuf> {
    let parts: Vec<&str> = file.split(['/', '\\']).filter(|c| !c.is_empty()).collect();
    (0..parts.len())
        .map(|skip| parts[skip..].iter().collect::<PathBuf>())
        .map(|tail| src.join(tail))
        .find(|p| p.is_file())
}

/// Files over this size are not read for context.
const MAX_SOURCE_BYTES: u64 = 4 << 20;

fn read_source(src: &Path, file: &str, line: u32, context: u32) -> Option<SourceContext> {
    let path = locate(src, file)?;
    if std::fs::metadata(&path).ok()?.len() > MAX_SOURCE_BYTES {
        return None;
    }
    let text = std::fs::read_to_string(&path).ok()?;
    SourceContext::from_text(file, &text, line, context)
}
