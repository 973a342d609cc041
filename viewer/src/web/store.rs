//! The same-origin browser store that `err::init()` and the npm package write.

use wasm_bindgen_futures::JsFuture;

use super::feed::Feed;

/// The store's name in the list of sources.
pub const ORIGIN: &str = "browser store";

/// Loads every record of the store. `quiet`: an empty or missing store says nothing.
pub fn load(feed: &Feed, quiet: bool) {
    let feed = feed.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let records = JsFuture::from(err::browser::stored_records()).await;
        let json = records
            .ok()
            .and_then(|r| js_sys::JSON::stringify(&r).ok())
            .and_then(|s| s.as_string());
        match json {
            Some(json) if json != "[]" => {
                super::loader::load_bytes(&feed, ORIGIN.to_owned(), json.into_bytes(), None).await;
            }
            Some(_) if !quiet => {
                feed.failed(ORIGIN, "is empty: no report was stored on this origin");
            }
            None if !quiet => feed.failed(ORIGIN, "cannot be read (IndexedDB is not available)"),
            _ => {}
        }
    });
}
