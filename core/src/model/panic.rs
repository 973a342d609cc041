//! The text of a panic payload, for hooks and for middleware that catch panics.

use std::any::Any;

/// The text a panic carries: its `&str` or `String` payload, else `Box<dyn Any>` (as std's
/// own hook prints it).
///
/// ```
/// let payload = std::panic::catch_unwind(|| panic!("boom {}", 1)).unwrap_err();
/// assert_eq!(err::model::panic_message(payload.as_ref()), "boom 1");
/// let payload: Box<dyn std::any::Any + Send> = Box::new(7_u8);
/// assert_eq!(err::model::panic_message(payload.as_ref()), "Box<dyn Any>");
/// ```
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        String::from("Box<dyn Any>")
    }
}
