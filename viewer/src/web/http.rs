//! GET over `fetch`, through gloo-net.

use gloo_net::http::{Request, Response};

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

impl From<gloo_net::Error> for FetchError {
    fn from(e: gloo_net::Error) -> Self {
        match e {
            // The browser's own words (`Failed to fetch`, `NetworkError when …`).
            gloo_net::Error::JsError(js) => Self::Network(js.message),
            other => Self::Network(other.to_string()),
        }
    }
}

/// What a thrown JavaScript value says.
fn message_of(value: &wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| format!("{value:?}"))
}

/// The body of a GET of `url` (relative URLs are the page's).
pub async fn get_bytes(url: &str) -> Result<Vec<u8>, FetchError> {
    // From a plain `Request`: gloo-net's builder would rewrite the URL's query string.
    let request =
        web_sys::Request::new_with_str(url).map_err(|e| FetchError::Network(message_of(&e)))?;
    let response: Response = Request::from(request).send().await?;
    if !response.ok() {
        return Err(FetchError::Status(response.status()));
    }
    Ok(response.binary().await?)
}
