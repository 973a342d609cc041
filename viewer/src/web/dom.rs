//! Small things done to the page: focusing a field, copying, offering a download.

use gloo_file::{Blob, ObjectUrl};
use wasm_bindgen::JsCast;

/// Focuses the element with this id.
pub fn focus(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Copies text to the clipboard.
pub fn copy(text: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// Offers text as a file download.
pub fn download(file_name: &str, text: &str, mime: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    // The object URL is revoked when it goes out of scope, after the click started the
    // download.
    let url = ObjectUrl::from(Blob::new_with_options(text, Some(mime)));
    if let Some(a) = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(file_name);
        a.click();
    }
}
