//! Which frames belong to the application.

use crate::model::{Frame, FrameKind};

/// Crates that are never the application: the standard library, the wasm-bindgen family,
/// gufo-err itself, allocators and panic runtimes.
pub const LIBRARY_CRATES: [&str; 17] = [
    "std",
    // rustc's own symbols (`__rustc::rust_begin_unwind`, since Rust 1.9x).
    "__rustc",
    "core",
    "alloc",
    "wasm_bindgen",
    "js_sys",
    "web_sys",
    "err",
    "gufo_err",
    "console_error_panic_hook",
    "compiler_builtins",
    "dlmalloc",
    "panic_abort",
    "panic_unwind",
    "backtrace",
    "rustc_demangle",
    "wasm_bindgen_futures",
];

/// The in-app rule: frames of the root modules, or of any crate but the known libraries
/// when no root is given.
///
/// Rust frames are matched by crate (`app::cart::total` is crate `app`; `<u32 as
/// app::Price>::cents` counts for `app`). JS frames are in-app unless they are built-ins,
/// under `node_modules`, or wasm-bindgen glue (`__wbg_…`, `__wbindgen_…`).
///
/// ```
/// use err::model::Frame;
/// use err::normalize::InApp;
/// let rule = InApp::new(["shop-app"]);
/// assert!(rule.is_in_app(&Frame::new("shop_app::cart::total")));
/// assert!(!rule.is_in_app(&Frame::new("serde_json::de::from_str")));
/// assert!(InApp::default().is_in_app(&Frame::new("serde_json::de::from_str")));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InApp {
    roots: Vec<String>,
}

impl InApp {
    /// A rule for these root crates (`-` and `_` are the same, as in Cargo).
    ///
    /// ```
    /// # use err::normalize::InApp;
    /// assert_eq!(InApp::new(["my-app"]).roots(), ["my_app"]);
    /// ```
    pub fn new<I, S>(roots: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let roots = roots
            .into_iter()
            .map(|r| r.as_ref().trim().replace('-', "_"))
            .filter(|r| !r.is_empty())
            .collect();
        Self { roots }
    }

    /// The root crates, normalized.
    ///
    /// ```
    /// # use err::normalize::InApp;
    /// assert!(InApp::default().roots().is_empty());
    /// ```
    pub fn roots(&self) -> &[String] {
        &self.roots
    }

    /// Whether `frame` belongs to the application.
    ///
    /// ```
    /// # use err::model::Frame;
    /// # use err::normalize::InApp;
    /// assert!(!InApp::default().is_in_app(&Frame::new("core::panicking::panic_fmt")));
    /// ```
    pub fn is_in_app(&self, frame: &Frame) -> bool {
        if frame.function.is_empty() && frame.frame_kind != FrameKind::Js {
            return false;
        }
        let crates = super::crate_names(&frame.function);
        if !crates.is_empty() {
            return crates.iter().any(|c| self.is_app_crate(c));
        }
        match frame.frame_kind {
            FrameKind::Js | FrameKind::Eval => !is_js_library(frame),
            // wasm-bindgen names an exported function after its JS name (`total`), and the
            // function's body is often inlined into it: the app's own entry point.
            FrameKind::Wasm => is_wasm_export(&frame.function),
            // A native symbol without a path: the runtime (`main`, `__libc_start_main`).
            _ => false,
        }
    }

    fn is_app_crate(&self, name: &str) -> bool {
        if self.roots.is_empty() {
            !LIBRARY_CRATES.contains(&name)
        } else {
            self.roots.iter().any(|r| r == name)
        }
    }
}

/// Symbols without a path that a Rust wasm module has besides its exports: C runtime and
/// compiler builtins (`memcpy`, `__multi3`), the allocator entry points, `main`.
const WASM_RUNTIME_SYMBOLS: [&str; 12] = [
    "main", "memcpy", "memmove", "memset", "memcmp", "bcmp", "strlen", "malloc", "free", "realloc",
    "calloc", "abort",
];

/// Whether a wasm function name without a path is an export of the module (an identifier
/// that is neither glue, `_`-prefixed runtime, nor a C runtime symbol).
fn is_wasm_export(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('_')
        && !name.contains("__wbg_")
        && !name.contains("__wbindgen")
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
        && !name.chars().all(|c| c.is_ascii_digit())
        && !WASM_RUNTIME_SYMBOLS.contains(&name)
}

fn is_js_library(frame: &Frame) -> bool {
    let glue = |s: &str| s.contains("__wbg_") || s.contains("__wbindgen");
    glue(&frame.function)
        || frame
            .file
            .as_deref()
            .is_some_and(|f| f.contains("/node_modules/") || f.starts_with("node:"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn js(function: &str, file: &str) -> Frame {
        let mut f = Frame::new(function);
        f.frame_kind = FrameKind::Js;
        f.file = Some(file.into());
        f
    }

    #[test]
    fn js_frames_outside_libraries_are_in_app() {
        let rule = InApp::default();
        assert!(rule.is_in_app(&js("Cart.total", "http://x/app.js")));
        assert!(rule.is_in_app(&js("", "http://x/app.js")));
        assert!(!rule.is_in_app(&js("f", "http://x/node_modules/lib/index.js")));
        assert!(!rule.is_in_app(&js("Module._compile", "node:internal/modules/cjs/loader")));
        assert!(!rule.is_in_app(&js("imports.wbg.__wbg_new_abc", "http://x/app.js")));
    }

    #[test]
    fn symbols_without_paths_are_not_in_app() {
        let mut f = Frame::new("__libc_start_main");
        f.frame_kind = FrameKind::Native;
        assert!(!InApp::default().is_in_app(&f));
    }

    #[test]
    fn wasm_exports_are_in_app_and_runtime_symbols_are_not() {
        let wasm = |name: &str| {
            let mut f = Frame::new(name);
            f.frame_kind = FrameKind::Wasm;
            InApp::new(["shop"]).is_in_app(&f)
        };
        assert!(wasm("total"));
        assert!(wasm("fail_at_depth"));
        for runtime in [
            "memcpy",
            "__multi3",
            "__wbindgen_malloc",
            "main",
            "589",
            "__rust_alloc",
        ] {
            assert!(!wasm(runtime), "{runtime}");
        }
    }
}
