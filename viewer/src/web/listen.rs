//! Listening on the window, through gloo-events: a listener is removed when dropped.

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;

/// Listens for `event` on the window (none without a window), until the listener is dropped.
///
/// Not passive (gloo-events' default is): the keyboard's listener prevents the default of
/// the keys it handles, so that `/` focuses the filter without being typed into it.
pub fn on_window(
    event: &'static str,
    f: impl FnMut(&web_sys::Event) + 'static,
) -> Option<EventListener> {
    let window = web_sys::window()?;
    let options = EventListenerOptions::enable_prevent_default();
    Some(EventListener::new_with_options(&window, event, options, f))
}

/// Calls `f` with each key pressed.
pub fn keyboard(mut f: impl FnMut(&web_sys::KeyboardEvent) + 'static) -> Option<EventListener> {
    on_window("keydown", move |e| {
        if let Some(key) = e.dyn_ref::<web_sys::KeyboardEvent>() {
            f(key);
        }
    })
}

/// Whether an event comes from a text field (where keys type, not navigate).
pub fn in_text_field(e: &web_sys::Event) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

/// The `key` of a `storage` event: the localStorage key that changed (none when the whole
/// storage was cleared).
pub fn storage_key(e: &web_sys::Event) -> Option<String> {
    js_sys::Reflect::get(e, &"key".into())
        .ok()
        .and_then(|k| k.as_string())
}
