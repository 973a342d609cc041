//! The browser's side of the viewer: the location, events, timers, and the I/O in the
//! submodules (HTTP, files, the browser store, the source root).

pub mod files;
pub mod http;
pub mod loader;
pub mod sources;
pub mod store;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::app::{Action, Shared};
use crate::route::Route;

/// The collector of `err serve`, on the same origin.
pub const COLLECTOR: &str = "/api/v1/errors";

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The location's hash (`#/…`).
pub fn hash() -> String {
    window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Sets the location's hash, as a new history entry or in place.
pub fn set_hash(hash: &str, push: bool) {
    let Some(window) = window() else { return };
    if push {
        let _ = window.location().set_hash(hash);
    } else if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash));
    }
}

/// The `src` parameters of the page's query string.
pub fn sources_in_query() -> Vec<String> {
    let search = window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    form_urlencoded::parse(search.trim_start_matches('?').as_bytes())
        .filter(|(k, _)| k == "src")
        .map(|(_, v)| v.into_owned())
        .filter(|v| !v.is_empty())
        .collect()
}

/// What the page loads when it opens: the `?src=` URLs, else (quietly, when they have
/// anything) the same-origin browser store and collector. Listens for hash changes.
pub fn start(shared: Shared) {
    let listener = Listener::new("hashchange", {
        let shared = shared.clone();
        move |_| {
            shared
                .dispatch
                .dispatch(Action::Route(Route::parse(&hash())))
        }
    });
    // The app lives as long as the page.
    std::mem::forget(listener);
    // Another page (another tab, or the page before this one, whose write can land late)
    // changed the store's queue: read the store again.
    let reloading = std::rc::Rc::new(std::cell::Cell::new(false));
    let storage = Listener::new("storage", {
        let shared = shared.clone();
        move |event| {
            let key = js_sys::Reflect::get(&event, &"key".into())
                .ok()
                .and_then(|k| k.as_string());
            let ours = key.as_deref().is_none_or(|k| k.starts_with("gufo-err:"));
            if ours && !reloading.replace(true) {
                let (shared, reloading) = (shared.clone(), reloading.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    sleep(300).await;
                    reloading.set(false);
                    store::load(&shared, true);
                });
            }
        }
    });
    std::mem::forget(storage);
    apply_theme();
    let sources = sources_in_query();
    if sources.is_empty() {
        store::load(&shared, true);
        loader::load_url(&shared, COLLECTOR.to_owned(), true);
    } else {
        for url in sources {
            loader::load_url(&shared, url, false);
        }
    }
}

/// An event listener on the window, removed when dropped.
pub struct Listener {
    event: &'static str,
    closure: Closure<dyn FnMut(web_sys::Event)>,
}

impl Listener {
    /// Listens for `event` on the window.
    pub fn new(event: &'static str, f: impl FnMut(web_sys::Event) + 'static) -> Self {
        let closure = Closure::<dyn FnMut(web_sys::Event)>::new(f);
        if let Some(w) = window() {
            let _ = w.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        }
        Self { event, closure }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        if let Some(w) = window() {
            let _ = w.remove_event_listener_with_callback(
                self.event,
                self.closure.as_ref().unchecked_ref(),
            );
        }
    }
}

/// Calls `f` with each key pressed outside of text fields (and Escape anywhere).
pub fn keyboard(mut f: impl FnMut(web_sys::KeyboardEvent) + 'static) -> Listener {
    Listener::new("keydown", move |e: web_sys::Event| {
        if let Ok(key) = e.dyn_into::<web_sys::KeyboardEvent>() {
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

/// Whether `url` is an `http(s)` URL on the page's own origin.
pub fn same_origin(url: &str) -> bool {
    let Some(page) = window().and_then(|w| w.location().origin().ok()) else {
        return false;
    };
    (url.starts_with("http://") || url.starts_with("https://"))
        && web_sys::Url::new(url).is_ok_and(|u| u.origin() == page)
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Lets the browser paint and handle input before the next chunk of work.
pub async fn yield_now() {
    sleep(0).await;
}

/// `performance.now()`, in milliseconds.
pub fn now() -> f64 {
    window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// A `performance.mark`, for the benchmark (first rows painted, all loaded).
pub fn mark(name: &str) {
    if let Some(performance) = window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// Focuses the element with this id.
pub fn focus(id: &str) {
    if let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Copies text to the clipboard.
pub fn copy(text: &str) {
    if let Some(w) = window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// Offers text as a file download.
pub fn download(file_name: &str, text: &str, mime: &str) {
    let Some(document) = window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(a) = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(file_name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// The theme setting's key in localStorage.
const THEME_KEY: &str = "gufo-err-viewer:theme";

/// Applies the saved theme (`light`, `dark`, or the system's when none).
pub fn apply_theme() {
    let saved = window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(THEME_KEY).ok().flatten());
    if let Some(root) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = match saved.as_deref() {
            Some(theme @ ("light" | "dark")) => root.set_attribute("data-theme", theme),
            _ => root.remove_attribute("data-theme"),
        };
    }
}

/// Cycles the theme: system → light → dark → system.
pub fn toggle_theme() {
    let Some(storage) = window().and_then(|w| w.local_storage().ok().flatten()) else {
        return;
    };
    let next = match storage.get_item(THEME_KEY).ok().flatten().as_deref() {
        None => Some("light"),
        Some("light") => Some("dark"),
        _ => None,
    };
    let _ = match next {
        Some(theme) => storage.set_item(THEME_KEY, theme),
        None => storage.remove_item(THEME_KEY),
    };
    apply_theme();
}
