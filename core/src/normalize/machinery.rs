//! The capture machinery's own frames at the top of a stack: the panic runtime, the hook,
//! the stack capture and the wasm-bindgen glue it goes through.

use crate::model::{Frame, FrameKind};

/// Path prefixes of functions that raise, dispatch or capture a panic.
const MACHINERY_PREFIXES: [&str; 12] = [
    "std::panicking::",
    "core::panicking::",
    "std::panic::",
    "std::backtrace::",
    "std::backtrace_rs::",
    "std::sys::backtrace::",
    "err::",
    "gufo_err::",
    "js_sys::Error::",
    "wasm_bindgen::__rt::",
    "console_error_panic_hook::",
    "__rustc::",
];

/// Whether `frame` is part of the capture machinery: the panic runtime (`std::panicking`,
/// `core::panicking`, `rust_begin_unwind`), gufo-err's own hook and capture, `js_sys::Error`
/// and wasm-bindgen's import glue (`__wbg_…`).
///
/// ```
/// use err::model::Frame;
/// use err::normalize::is_machinery;
/// assert!(is_machinery(&Frame::new("core::panicking::panic_fmt")));
/// assert!(is_machinery(&Frame::new("imports.wbg.__wbg_new_8a6f238a6ece86ea")));
/// assert!(!is_machinery(&Frame::new("core::option::unwrap_failed")));
/// ```
pub fn is_machinery(frame: &Frame) -> bool {
    let f = frame.function.as_str();
    MACHINERY_PREFIXES.iter().any(|p| f.starts_with(p))
        || matches!(
            f,
            "rust_begin_unwind"
                | "rust_panic"
                | "__rust_start_panic"
                | "__rust_end_short_backtrace"
        )
        || f.contains("__wbg_")
        || f.starts_with("__wbindgen")
}

/// Whether `frame` is where a panic enters the panic runtime, or the runtime itself on its
/// way to the hook: `rust_begin_unwind`, `core::panicking::*`, and `std::panicking::*` but for
/// the `try`/`catch_unwind` frames that wrap a thread or `main` from outside.
///
/// ```
/// use err::model::Frame;
/// use err::normalize::is_panic_entry;
/// assert!(is_panic_entry(&Frame::new("__rustc::rust_begin_unwind")));
/// assert!(is_panic_entry(&Frame::new("std::panicking::rust_panic_with_hook")));
/// assert!(!is_panic_entry(&Frame::new("std::panicking::try::do_call")));
/// assert!(!is_panic_entry(&Frame::new("err::hook::panic_hook")));
/// ```
pub fn is_panic_entry(frame: &Frame) -> bool {
    let f = frame.function.as_str();
    if let Some(rest) = f.strip_prefix("std::panicking::") {
        let wrapper = ["try", "r#try", "catch_unwind"].iter().any(|w| {
            rest == *w || rest.starts_with(&format!("{w}::")) || rest.starts_with(&format!("{w}<"))
        });
        return !wrapper;
    }
    f.starts_with("core::panicking::")
        || matches!(
            f,
            "rust_begin_unwind"
                | "__rustc::rust_begin_unwind"
                | "rust_panic"
                | "__rust_start_panic"
        )
}

/// Drops the machinery from the innermost end of `frames` (outermost first). Returns how
/// many frames were dropped.
///
/// Whoever captured the stack (gufo-err's hook, console_error_panic_hook, the app's own
/// hook, a closure around [`crate::panic_hook`]), everything on the inner side of the panic
/// entry is hook machinery: the innermost frame of the panic runtime ([`is_panic_entry`]) is
/// found first and everything inward of it goes, in-app or not. From there (or from the
/// innermost frame when the stack has no panic runtime, as `err::frames()`), walking
/// outward, it stops at the first in-app frame (JS frames before the first Rust frame do
/// not count: they are the glue of the capture), or after `MAX_GAP` (6) frames in a row that
/// are not machinery; everything inward of, and including, the outermost machinery frame
/// seen goes. Frames in between (`<Box<F> as Fn>::call` running the hook) go with it;
/// library frames outward of the machinery, like `core::option::unwrap_failed`, stay, and
/// so do the runtime's own outer frames (`std::panicking::try` around `main`).
///
/// ```
/// use err::model::Frame;
/// use err::normalize::trim_machinery;
/// let mut app = Frame::new("app::run");
/// app.in_app = true;
/// let mut own_hook = Frame::new("app::report_panic");
/// own_hook.in_app = true;
/// let mut frames = vec![
///     app,
///     Frame::new("core::option::unwrap_failed"),
///     Frame::new("core::panicking::panic_fmt"),
///     Frame::new("std::panicking::rust_panic_with_hook"),
///     Frame::new("<alloc::boxed::Box<F> as core::ops::Fn<A>>::call"),
///     own_hook,
/// ];
/// assert_eq!(trim_machinery(&mut frames), 4);
/// assert_eq!(frames.last().unwrap().function, "core::option::unwrap_failed");
/// ```
pub fn trim_machinery(frames: &mut Vec<Frame>) -> usize {
    let entry = frames.iter().rposition(is_panic_entry);
    let mut cut = entry;
    let mut gap = 0;
    let mut rust_seen = entry.is_some();
    let start = entry.unwrap_or(frames.len());
    for (index, frame) in frames[..start].iter().enumerate().rev() {
        let is_js = matches!(
            frame.frame_kind,
            FrameKind::Js | FrameKind::Eval | FrameKind::Builtin
        );
        rust_seen |= !is_js;
        // JS frames above the first Rust frame are the JS side of the capture itself
        // (wasm-bindgen's glue around `new Error()`), not the application.
        if frame.in_app && (rust_seen || !is_js) {
            break;
        }
        if is_machinery(frame) {
            cut = Some(index);
            gap = 0;
        } else {
            gap += 1;
            if gap > MAX_GAP {
                break;
            }
        }
    }
    match cut {
        Some(cut) => {
            let dropped = frames.len() - cut;
            frames.truncate(cut);
            dropped
        }
        None => 0,
    }
}

/// How many non-machinery frames in a row end the machinery at the top of a stack.
pub const MAX_GAP: usize = 6;

/// Drops the runtime's own frames at the outermost end of a native stack: everything
/// outward of, and including, `std::sys::backtrace::__rust_begin_short_backtrace` (the
/// mark std itself uses to shorten backtraces: `_start`, libc, `std::rt::lang_start`, the
/// thread start). Returns how many frames were dropped.
///
/// ```
/// use err::model::Frame;
/// use err::normalize::trim_runtime;
/// let mut frames: Vec<Frame> = ["_start", "std::rt::lang_start", "std::sys::backtrace::__rust_begin_short_backtrace", "app::main"]
///     .map(Frame::new)
///     .to_vec();
/// assert_eq!(trim_runtime(&mut frames), 3);
/// assert_eq!(frames[0].function, "app::main");
/// ```
pub fn trim_runtime(frames: &mut Vec<Frame>) -> usize {
    let is_mark = |f: &Frame| {
        let path = f.function.split("::<").next().unwrap_or_default();
        path.ends_with("::__rust_begin_short_backtrace")
    };
    let mark = frames.iter().rposition(is_mark);
    match mark {
        Some(index) => {
            frames.drain(..=index);
            index + 1
        }
        None => 0,
    }
}
