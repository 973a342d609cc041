//! The kind of a JavaScript-level error, from its class and message.

use crate::model::Kind;

/// The kind of an error that reached JavaScript, from its class (constructor name) and
/// message, as the three engines word them:
///
/// | engine | stack overflow | wasm trap |
/// |---|---|---|
/// | V8 | `RangeError: Maximum call stack size exceeded` | `RuntimeError: unreachable` |
/// | SpiderMonkey | `InternalError: too much recursion` | `RuntimeError: unreachable executed` |
/// | JavaScriptCore | `RangeError: Maximum call stack size exceeded.` | `RuntimeError: Unreachable code should not be executed` |
///
/// Anything else is [`Kind::JsError`].
///
/// ```
/// use err::analyze::classify;
/// use err::model::Kind;
/// assert_eq!(classify("RangeError", "Maximum call stack size exceeded."), Kind::StackOverflow);
/// assert_eq!(classify("RuntimeError", "unreachable executed"), Kind::Trap);
/// assert_eq!(classify("RuntimeError", "Unreachable code should not be executed (evaluating 'wasm.run()')"), Kind::Trap);
/// assert_eq!(classify("TypeError", "x is undefined"), Kind::JsError);
/// ```
pub fn classify(class: &str, message: &str) -> Kind {
    let message = strip_evaluating(message).trim().trim_end_matches('.');
    match (class, message) {
        ("RangeError", m) if m.eq_ignore_ascii_case("Maximum call stack size exceeded") => {
            Kind::StackOverflow
        }
        ("InternalError", "too much recursion") => Kind::StackOverflow,
        ("RuntimeError", m)
            if m.starts_with("unreachable")
                || m.eq_ignore_ascii_case("Unreachable code should not be executed") =>
        {
            Kind::Trap
        }
        _ => Kind::JsError,
    }
}

/// JavaScriptCore appends ` (evaluating 'code')` to messages; the code is not part of it.
fn strip_evaluating(message: &str) -> &str {
    match message.rfind(" (evaluating '") {
        Some(at) if message.ends_with("')") => &message[..at],
        _ => message,
    }
}

/// Whether an error is a follow-up of a wasm panic rather than an error of its own: the
/// trap itself, or wasm-bindgen's complaints about the poisoned instance
/// (`recursive use of an object detected`, `Module terminated`).
///
/// ```
/// use err::analyze::is_secondary;
/// assert!(is_secondary("RuntimeError", "unreachable"));
/// assert!(is_secondary("Error", "recursive use of an object detected which would lead to unsafe aliasing in rust"));
/// assert!(!is_secondary("TypeError", "x is undefined"));
/// ```
pub fn is_secondary(class: &str, message: &str) -> bool {
    classify(class, message) == Kind::Trap
        || message.contains("recursive use of an object detected")
        || message.contains("Module terminated")
}
