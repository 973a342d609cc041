//! The page's location: the hash (the route), the `?src=` parameters, the origin.

/// The location's hash (`#/…`).
pub fn hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Sets the location's hash, as a new history entry or in place.
pub fn set_hash(hash: &str, push: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if push {
        let _ = window.location().set_hash(hash);
    } else if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash));
    }
}

/// The `src` parameters of the page's query string.
pub fn sources_in_query() -> Vec<String> {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    crate::route::sources_in_query(&search)
}

/// Whether `url` is an `http(s)` URL on the page's own origin.
pub fn same_origin(url: &str) -> bool {
    let Some(page) = web_sys::window().and_then(|w| w.location().origin().ok()) else {
        return false;
    };
    (url.starts_with("http://") || url.starts_with("https://"))
        && web_sys::Url::new(url).is_ok_and(|u| u.origin() == page)
}
