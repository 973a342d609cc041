//! Stage 2, normalize: clean names, mark in-app frames, drop the capture machinery.
//!
//! Names are demangled ([`rustc_demangle`]) and stripped of what changes from build to
//! build or engine to engine: `::h<16 hex>` hashes, `[<hex>]` crate disambiguators, the
//! `<module>.wasm.` prefix V8 and Firefox add, glue suffixes like ` externref shim`.
//! Closures, generics and `<T as Trait>::f` stay readable.
//!
//! ```
//! use err::normalize::normalize_function;
//! assert_eq!(normalize_function("app_bg.wasm.app::cart::total::h0123456789abcdef"), "app::cart::total");
//! assert_eq!(normalize_function("std[1a2b3c4d5e6f7a8b]::panicking::begin_panic"), "std::panicking::begin_panic");
//! # #[cfg(feature = "demangle")]
//! assert_eq!(normalize_function("_ZN3app4cart5total17h0123456789abcdefE"), "app::cart::total");
//! ```

mod glue;
mod in_app;
mod machinery;
mod name;

pub use glue::unmark_glue;
pub use in_app::InApp;
pub use machinery::{is_machinery, is_panic_entry, trim_machinery, trim_runtime};
pub use name::{crate_names, normalize_function};

use crate::model::Frame;

/// Normalizes every frame's name and marks `in_app` by `in_app`; wasm-bindgen's JS glue
/// is never in-app ([`unmark_glue`]).
///
/// ```
/// use err::model::Frame;
/// use err::normalize::{normalize_frames, InApp};
/// let mut frames = vec![Frame::new("app::run::h0123456789abcdef"), Frame::new("core::panicking::panic")];
/// normalize_frames(&mut frames, &InApp::default());
/// assert_eq!(frames[0].function, "app::run");
/// assert!(frames[0].in_app && !frames[1].in_app);
/// ```
pub fn normalize_frames(frames: &mut [Frame], in_app: &InApp) {
    for frame in frames.iter_mut() {
        let clean = normalize_function(&frame.function);
        if clean != frame.function {
            frame.set_function(clean);
        }
        frame.in_app = in_app.is_in_app(frame);
    }
    unmark_glue(frames);
}
