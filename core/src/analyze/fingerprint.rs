//! The fingerprint: a stable identity for a failure site.
//!
//! SHA-256 over the parts below joined by NUL bytes; the first 16 bytes of the digest,
//! with the version and variant bits of a name-based UUID set, shown as a UUID (as Gufo
//! Err does). The parts, in order:
//!
//! 1. the service name;
//! 2. the service version;
//! 3. the kind (`panic`, `js-error`, …);
//! 4. the exception class for JS errors, rejections and exceptions (`TypeError`); empty
//!    for panics, traps and stack overflows, whose class differs by engine;
//! 5. the panic location as `file:line`, or empty;
//! 6. the key of the outermost in-app frame outside the recursion;
//! 7. the key of the innermost in-app frame outside the recursion, or of the innermost
//!    frame when no frame is in-app;
//! 8. the recursion cycle's keys joined by ` > `, rotated to start at the smallest, or
//!    empty.
//!
//! When the stack has in-app Rust frames, only those count for parts 6 and 7: the JS that
//! called into wasm (a click handler, a test runner) differs by page and engine. When it
//! has none (a JS error), part 6 stays empty: engines disagree on the outer frames of a JS
//! stack (V8 keeps the callers of an `await`, SpiderMonkey and JavaScriptCore do not).
//!
//! A frame's key is its normalized function name for Rust frames (`wasm-function[N]` when
//! the name is missing), and `file:line` for JS frames, where `file` is the last path
//! segment of the URL without query: engines infer different names for the same anonymous
//! function (`total/<`, `<anonymous>`), but agree on lines.
//! Nothing that changes with build hashes, wasm offsets, columns, engines, page URLs or the
//! recursion depth goes in.
//!
//! ```
//! use err::analyze::fingerprint_parts;
//! use err::model::{ErrorInfo, Frame, Kind, Location};
//! let mut info = ErrorInfo::new(Kind::Panic, "panic", "boom");
//! info.name = "shop".into();
//! info.version = "1.2.0".into();
//! info.location = Some(Location::new("src/cart.rs", 88, 9));
//! let mut f = Frame::new("shop::cart::total");
//! f.in_app = true;
//! info.stack = vec![f];
//! assert_eq!(
//!     fingerprint_parts(&info),
//!     ["shop", "1.2.0", "panic", "", "src/cart.rs:88", "shop::cart::total", "shop::cart::total", ""]
//! );
//! ```

use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::model::{ErrorInfo, Frame, FrameKind, Kind};

/// The fingerprint of `info`, from [`fingerprint_parts`].
///
/// ```
/// use err::analyze::fingerprint;
/// use err::model::{ErrorInfo, Kind};
/// let a = ErrorInfo::new(Kind::Panic, "panic", "one message");
/// let b = ErrorInfo::new(Kind::Panic, "panic", "another message");
/// assert_eq!(fingerprint(&a), fingerprint(&b));
/// assert_eq!(fingerprint(&a).get_version_num(), 5);
/// ```
pub fn fingerprint(info: &ErrorInfo) -> Uuid {
    let parts = fingerprint_parts(info);
    let mut hasher = Sha256::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            hasher.update([0u8]);
        }
        hasher.update(part.as_bytes());
    }
    let digest = hasher.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_bytes(bytes)
        .with_variant(uuid::Variant::RFC4122)
        .with_version(uuid::Version::Sha1)
        .into_uuid()
}

/// The parts hashed into the fingerprint, as listed in the [module docs](self).
///
/// ```
/// # use err::analyze::fingerprint_parts;
/// # use err::model::{ErrorInfo, Kind};
/// assert_eq!(fingerprint_parts(&ErrorInfo::new(Kind::JsError, "TypeError", "x"))[3], "TypeError");
/// ```
pub fn fingerprint_parts(info: &ErrorInfo) -> Vec<String> {
    let class = match info.kind {
        Kind::JsError | Kind::UnhandledRejection | Kind::Exception => info.exception.class.clone(),
        Kind::Panic | Kind::Trap | Kind::StackOverflow => String::new(),
    };
    let location = info
        .location
        .as_ref()
        .map(|l| format!("{}:{}", l.file, l.line))
        .unwrap_or_default();
    // Frames from the recursion's start inward depend on the depth (and on where the engine
    // cut a long stack): leave them to the cycle.
    let outside = match &info.recursion {
        Some(r) => &info.stack[..r.start.min(info.stack.len())],
        None => &info.stack[..],
    };
    let rust_app = info.stack.iter().any(|f| f.in_app && is_rust(f));
    // JS frames count only with a place: JavaScriptCore gives eval'd code none.
    let counts = |f: &&Frame| {
        f.in_app
            && if rust_app {
                is_rust(f)
            } else {
                f.line.is_some()
            }
    };
    let outermost = outside
        .iter()
        .filter(|_| rust_app)
        .find(counts)
        .map(frame_key)
        .unwrap_or_default();
    let innermost = outside
        .iter()
        .rev()
        .find(counts)
        .or_else(|| {
            if info.recursion.is_some() {
                None
            } else {
                info.stack.last()
            }
        })
        .map(frame_key)
        .unwrap_or_default();
    let cycle = info
        .recursion
        .as_ref()
        .map(|r| smallest_rotation(&r.cycle).join(" > "))
        .unwrap_or_default();
    vec![
        info.name.clone(),
        info.version.clone(),
        info.kind.as_str().to_owned(),
        class,
        location,
        outermost,
        innermost,
        cycle,
    ]
}

/// Whether a frame is Rust code (a path-like name, or a wasm or native frame).
fn is_rust(frame: &Frame) -> bool {
    matches!(frame.frame_kind, FrameKind::Wasm | FrameKind::Native)
        || !crate::normalize::crate_names(&frame.function).is_empty()
}

/// The key a frame contributes to the fingerprint.
fn frame_key(frame: &Frame) -> String {
    let is_js = matches!(frame.frame_kind, FrameKind::Js | FrameKind::Eval)
        && crate::normalize::crate_names(&frame.function).is_empty();
    if is_js {
        let file = frame.file.as_deref().map(file_base).unwrap_or_default();
        return match frame.line {
            Some(line) => format!("{file}:{line}"),
            None => format!("{}@{file}", frame.function),
        };
    }
    if frame.function.is_empty() {
        return match frame.wasm_function {
            Some(index) => format!("wasm-function[{index}]"),
            None => frame.place(),
        };
    }
    frame.function.clone()
}

/// `http://x/a/b.js?v=3#h` → `b.js`.
fn file_base(file: &str) -> &str {
    let file = file.split(['?', '#']).next().unwrap_or(file);
    file.rsplit(['/', '\\']).next().unwrap_or(file)
}

/// The rotation of `cycle` that starts at its smallest element (first one on ties).
fn smallest_rotation(cycle: &[String]) -> Vec<&str> {
    let start = cycle
        .iter()
        .enumerate()
        .min_by(|(_, a), (_, b)| a.cmp(b))
        .map_or(0, |(i, _)| i);
    cycle[start..]
        .iter()
        .chain(&cycle[..start])
        .map(String::as_str)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn js_frame_keys_ignore_url_prefix_query_and_column() {
        let mut f = Frame::new("HTMLButtonElement.onclick");
        f.frame_kind = FrameKind::Js;
        f.file = Some("http://127.0.0.1:8000/demo/index.html?x=1".into());
        f.line = Some(12);
        f.column = Some(40);
        assert_eq!(frame_key(&f), "index.html:12");
    }

    #[test]
    fn rotation_is_canonical() {
        let a: Vec<String> = ["b", "c", "a"].map(String::from).to_vec();
        let b: Vec<String> = ["c", "a", "b"].map(String::from).to_vec();
        assert_eq!(smallest_rotation(&a), smallest_rotation(&b));
    }
}
