//! wasm-bindgen's generated bindings: the JavaScript of the `<crate>.js` (or, for the
//! bundler target, `<crate>_bg.js`) it writes next to `<crate>_bg.wasm` — export wrappers,
//! closure trampolines (`real`, `wasm_bindgen__convert__closures_…invoke…`), import shims
//! (`__wbg_…`) — is glue, never the application, whatever the engine.

use crate::model::{Frame, FrameKind};

/// Marks the JS glue frames of `frames` (outermost first) as not in-app; returns how many
/// it changed. A JS frame is glue when
/// - its name is one wasm-bindgen gives its glue (`__wbg_…`, `__wbindgen…`,
///   `wasm_bindgen__convert__closures…`),
/// - its file is the bindings of a wasm module on the stack (`pkg/app.js` or `pkg/app_bg.js`
///   beside `pkg/app_bg.wasm`),
/// - it calls into wasm directly (the frame inside it is a wasm frame: only the bindings
///   call the module's exports), or
/// - it is a closure trampoline (`real`, `HTMLBodyElement.real`) calling glue.
///
/// The wasm export itself (`app_bg.wasm` `total`) stays the app's.
///
/// ```
/// use err::model::{Frame, FrameKind};
/// use err::normalize::unmark_glue;
/// let frame = |function: &str, kind: FrameKind, file: &str| {
///     let mut f = Frame::new(function);
///     f.frame_kind = kind;
///     f.file = Some(file.into());
///     f.in_app = true;
///     f
/// };
/// let mut frames = vec![
///     frame("main", FrameKind::Js, "http://x/main.js"),
///     frame("total", FrameKind::Js, "http://x/pkg/app.js"),
///     frame("total", FrameKind::Wasm, "http://x/pkg/app_bg.wasm"),
/// ];
/// assert_eq!(unmark_glue(&mut frames), 1);
/// assert!(frames[0].in_app && !frames[1].in_app && frames[2].in_app);
/// ```
pub fn unmark_glue(frames: &mut [Frame]) -> usize {
    let modules: Vec<&str> = frames
        .iter()
        .filter(|f| f.frame_kind == FrameKind::Wasm)
        .filter_map(|f| f.file.as_deref())
        .collect();
    let mut glue = vec![false; frames.len()];
    // Inside out, so that a trampoline sees whether the frame it calls is glue.
    for index in (0..frames.len()).rev() {
        let frame = &frames[index];
        if !matches!(frame.frame_kind, FrameKind::Js | FrameKind::Eval) {
            continue;
        }
        let inner = frames.get(index + 1);
        let calls_wasm = inner.is_some_and(|f| f.frame_kind == FrameKind::Wasm);
        let calls_glue = glue.get(index + 1).copied().unwrap_or(false);
        glue[index] = is_glue_name(&frame.function)
            || frame
                .file
                .as_deref()
                .is_some_and(|file| modules.iter().any(|m| is_bindings_of(file, m)))
            || calls_wasm
            || (calls_glue && is_trampoline(&frame.function));
    }
    let mut changed = 0;
    for (frame, glue) in frames.iter_mut().zip(glue) {
        if glue && frame.in_app {
            frame.in_app = false;
            changed += 1;
        }
    }
    changed
}

/// Names wasm-bindgen gives the functions of its JS glue.
fn is_glue_name(function: &str) -> bool {
    function.contains("__wbg_")
        || function.contains("__wbindgen")
        || function
            .rsplit('.')
            .next()
            .is_some_and(|last| last.starts_with("wasm_bindgen__convert__closures"))
}

/// The closure trampoline wasm-bindgen's `makeMutClosure`/`makeClosure` return, named
/// `real`; engines prefix the receiver (`HTMLBodyElement.real`).
fn is_trampoline(function: &str) -> bool {
    function == "real" || function.ends_with(".real")
}

/// Whether the JS `file` is the bindings wasm-bindgen wrote for the wasm `module`:
/// `<dir>/<stem>.js` or `<dir>/<stem>_bg.js` for `<dir>/<stem>_bg.wasm` (queries and
/// fragments aside). A module named without a directory (JavaScriptCore's `app_bg.wasm`)
/// matches by file name.
fn is_bindings_of(file: &str, module: &str) -> bool {
    let (file_dir, file_name) = split(file);
    let (module_dir, module_name) = split(module);
    let Some(stem) = module_name
        .strip_suffix(".wasm")
        .map(|s| s.strip_suffix("_bg").unwrap_or(s))
    else {
        return false;
    };
    let same_dir = module_dir.is_empty() || module_dir == file_dir;
    let named = file_name
        .strip_suffix(".js")
        .or_else(|| file_name.strip_suffix(".mjs"))
        .is_some_and(|f| f == stem || f.strip_suffix("_bg") == Some(stem));
    same_dir && named && !stem.is_empty()
}

/// `(directory, file name)` of a URL or path, without query or fragment.
fn split(path: &str) -> (&str, &str) {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    match path.rfind('/') {
        Some(at) => (&path[..at], &path[at + 1..]),
        None => ("", path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bindings_beside_their_module() {
        let m = "http://x/pkg/app_bg.wasm";
        assert!(is_bindings_of("http://x/pkg/app.js", m));
        assert!(is_bindings_of("http://x/pkg/app_bg.js?v=2", m));
        assert!(!is_bindings_of("http://x/main.js", m));
        assert!(!is_bindings_of("http://x/other/app.js", m));
        assert!(is_bindings_of("http://x/pkg/app.js", "app_bg.wasm"));
        assert!(!is_bindings_of("http://x/pkg/app.js", "<?>"));
    }

    #[test]
    fn glue_names() {
        assert!(is_glue_name(
            "wasm_bindgen__convert__closures________invoke__h8932f5b46f8cc2be"
        ));
        assert!(is_glue_name("imports.wbg.__wbg_new_8a6f238a6ece86ea"));
        assert!(!is_glue_name("Cart.total"));
        assert!(is_trampoline("HTMLBodyElement.real") && !is_trampoline("surreal"));
    }
}
