//! GET over `fetch`.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why a GET failed.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// The request did not get an answer (network, CORS, bad URL).
    #[error("cannot be fetched: {0}")]
    Network(String),
    /// The server answered with an error status.
    #[error("answered HTTP {0}")]
    Status(u16),
}

fn text_of(value: &wasm_bindgen::JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| format!("{value:?}"))
}

/// The body of a GET of `url` (relative URLs are the page's).
pub async fn get_bytes(url: &str) -> Result<Vec<u8>, FetchError> {
    let window = web_sys::window().ok_or_else(|| FetchError::Network("no window".into()))?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| FetchError::Network(text_of(&e)))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|e| FetchError::Network(text_of(&e)))?;
    if !response.ok() {
        return Err(FetchError::Status(response.status()));
    }
    let buffer = response
        .array_buffer()
        .map_err(|e| FetchError::Network(text_of(&e)))?;
    let buffer = JsFuture::from(buffer)
        .await
        .map_err(|e| FetchError::Network(text_of(&e)))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
