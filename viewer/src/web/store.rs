//! The same-origin browser store that `err::init()` and the npm package write.

use wasm_bindgen_futures::JsFuture;

use crate::app::{Action, Shared};
use crate::ingest::LoadError;

/// The store's name in the list of sources.
pub const ORIGIN: &str = "browser store";

/// Loads every record of the store. `quiet`: an empty or missing store says nothing.
pub fn load(shared: &Shared, quiet: bool) {
    let shared = shared.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let records = JsFuture::from(err::browser::stored_records()).await;
        let json = records
            .ok()
            .and_then(|r| js_sys::JSON::stringify(&r).ok())
            .and_then(|s| s.as_string());
        match json {
            Some(json) if json != "[]" => {
                super::loader::load_bytes(&shared, ORIGIN.to_owned(), json.into_bytes(), None)
                    .await;
            }
            Some(_) if !quiet => shared.dispatch.dispatch(Action::Loaded(vec![LoadError::new(
                ORIGIN,
                "is empty: no report was stored on this origin",
            )])),
            None if !quiet => shared.dispatch.dispatch(Action::Loaded(vec![LoadError::new(
                ORIGIN,
                "cannot be read (IndexedDB is not available)",
            )])),
            _ => {}
        }
    });
}
