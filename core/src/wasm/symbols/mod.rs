//! Symbolication: a report's wasm frames placed at their Rust `file:line`, with the frames
//! rustc inlined into them, from any [`Symbols`]: a symbol bundle ([`Bundle`], in the
//! viewer) or a module's DWARF (the CLI's reader).
//!
//! For each wasm frame with a byte offset, the symbols give the places of that instruction,
//! innermost (inlined) first: the frame takes the outermost one (the line in its own
//! function), and each inlined call becomes a frame of its own after it. Frames with only a
//! function index (JavaScriptCore prints no offset) are placed at their function's first
//! line. The fingerprint is kept: it names the failure, and symbolication only adds detail.
//! Inside a recursion's run no frames are inserted (its indexes stay valid).
//!
//! ```
//! use err::model::{ErrorInfo, Frame, FrameKind, Kind};
//! use err::wasm::symbols::{symbolicate, Place, Symbols};
//! struct OneLine;
//! impl Symbols for OneLine {
//!     fn places(&self, offset: u64) -> Vec<Place> {
//!         let at = |function: &str, line| Place {
//!             function: Some(function.into()),
//!             file: Some("src/cart.rs".into()),
//!             line: Some(line),
//!             column: None,
//!         };
//!         // `price` was inlined into `total`.
//!         if offset == 7 { vec![at("shop::price", 3), at("shop::total", 9)] } else { Vec::new() }
//!     }
//!     fn function_place(&self, _index: u32) -> Option<Place> { None }
//! }
//! let mut frame = Frame::new("shop::total");
//! frame.frame_kind = FrameKind::Wasm;
//! frame.wasm_offset = Some(7);
//! let mut info = ErrorInfo::new(Kind::Panic, "panic", "boom");
//! info.stack = vec![frame];
//! let outcome = symbolicate(&mut info, &OneLine);
//! assert_eq!((outcome.exact, outcome.inlined), (1, 1));
//! assert_eq!(info.stack[0].line, Some(9));
//! assert_eq!(info.stack[1].function, "shop::price");
//! ```

mod bundle;

pub use bundle::{Bundle, BundleError, TYPE, VERSION};

use crate::model::{ErrorInfo, Frame, FrameKind};
use crate::normalize::{normalize_frames, InApp};

/// One place of an instruction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    /// The function this place is in (the inlined function, for an inlined place).
    pub function: Option<String>,
    /// The source file.
    pub file: Option<String>,
    /// The line (1-based).
    pub line: Option<u32>,
    /// The column (1-based).
    pub column: Option<u32>,
}

/// Where a module's code comes from in the source.
pub trait Symbols {
    /// The places of module byte offset `offset`, innermost (inlined) first; empty when the
    /// symbols say nothing.
    fn places(&self, offset: u64) -> Vec<Place>;

    /// The first line of function `index`.
    fn function_place(&self, index: u32) -> Option<Place>;

    /// Whether a frame's module (its URL, or JavaScriptCore's module name) is the one these
    /// symbols describe; by default every module is.
    fn owns(&self, module: &str) -> bool {
        let _ = module;
        true
    }
}

/// What symbolication did to a report.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// Frames placed at their instruction's line.
    pub exact: usize,
    /// Frames with no byte offset, placed at their function's first line.
    pub approximate: usize,
    /// Inlined frames added.
    pub inlined: usize,
    /// Wasm frames of the symbols' module they say nothing about.
    pub unresolved: usize,
}

impl Outcome {
    /// Frames placed, exactly or at their function's first line.
    ///
    /// ```
    /// let o = err::wasm::symbols::Outcome { exact: 2, approximate: 1, ..Default::default() };
    /// assert_eq!(o.placed(), 3);
    /// ```
    pub fn placed(&self) -> usize {
        self.exact + self.approximate
    }
}

/// Places the wasm frames of `info` that `symbols` own; see the [module docs](self).
pub fn symbolicate(info: &mut ErrorInfo, symbols: &dyn Symbols) -> Outcome {
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
        let is_wasm = frame.frame_kind == FrameKind::Wasm || frame.wasm_function.is_some();
        let module = frame.file.as_deref().unwrap_or_default();
        let ours = module.is_empty() || module == "<?>" || symbols.owns(module);
        let mut inlined = Vec::new();
        if is_wasm && ours {
            let in_run = run.as_ref().is_some_and(|r| r.contains(&index));
            inlined = place_frame(&mut frame, symbols, in_run, &mut outcome);
            normalize_frames(&mut inlined, &in_app);
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
    info.stack = stack;
    outcome
}

/// Places one wasm frame; returns the frames inlined into it (none inside a recursion run).
fn place_frame(
    frame: &mut Frame,
    symbols: &dyn Symbols,
    in_run: bool,
    outcome: &mut Outcome,
) -> Vec<Frame> {
    match (frame.wasm_offset, frame.wasm_function) {
        (Some(offset), _) => {
            let places = symbols.places(offset);
            let Some((outer, inner)) = places.split_last() else {
                outcome.unresolved += 1;
                return Vec::new();
            };
            place(frame, outer);
            outcome.exact += 1;
            if in_run {
                return Vec::new();
            }
            inner
                .iter()
                .rev()
                .map(|p| inlined_frame(frame, p))
                .collect()
        }
        (None, Some(function)) => {
            match symbols.function_place(function) {
                Some(p) => {
                    place(frame, &p);
                    outcome.approximate += 1;
                }
                None => outcome.unresolved += 1,
            }
            Vec::new()
        }
        (None, None) => {
            outcome.unresolved += 1;
            Vec::new()
        }
    }
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
