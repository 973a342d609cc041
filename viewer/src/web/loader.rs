//! Feeding sources into the catalog a chunk at a time, so the page stays responsive.

use crate::app::{Action, Progress, Shared};
use crate::ingest::{self, LoadError};

/// Items decoded at a time between two looks at the clock.
const CHUNK: usize = 50;
/// Work done between two yields to the browser, in milliseconds (a frame is 16).
const SLICE_MS: f64 = 12.0;

/// Reads `bytes` from `origin` into the catalog (or, for a `.errsym` source, takes them as a
/// symbol bundle); `base_url` is where they came from.
pub async fn load_bytes(shared: &Shared, origin: String, bytes: Vec<u8>, base_url: Option<String>) {
    if origin
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .ends_with(".errsym")
    {
        match err::wasm::symbols::Bundle::from_slice(&bytes) {
            Ok(bundle) => {
                shared.sources.borrow_mut().add_bundle(bundle);
                shared.dispatch.dispatch(Action::SourcesChanged);
            }
            Err(e) => shared
                .dispatch
                .dispatch(Action::Loaded(vec![LoadError::new(origin, e.to_string())])),
        }
        return;
    }
    let mut pending = match ingest::open(&origin, bytes, base_url.as_deref()) {
        Ok(pending) => pending,
        Err(e) => {
            shared.dispatch.dispatch(Action::Loaded(vec![e]));
            return;
        }
    };
    loop {
        let start = super::now();
        let mut errors = Vec::new();
        while !pending.is_done() && super::now() - start < SLICE_MS {
            let batch = pending.next_chunk(CHUNK);
            shared.catalog.borrow_mut().extend(batch.entries);
            errors.extend(batch.errors);
        }
        shared.dispatch.dispatch(Action::Loaded(errors));
        if pending.is_done() {
            break;
        }
        shared.dispatch.dispatch(Action::Progress(Some(Progress {
            origin: origin.clone(),
            done: pending.done(),
            percent: (pending.fraction() * 100.0) as u32,
        })));
        super::yield_now().await;
    }
    shared.dispatch.dispatch(Action::Progress(None));
    super::mark("gufo-err:loaded");
}

/// Fetches `url` and loads it. `quiet`: an answer of 404 or no answer is not an error (the
/// page probes the same-origin collector that may not be there).
pub fn load_url(shared: &Shared, url: String, quiet: bool) {
    let shared = shared.clone();
    wasm_bindgen_futures::spawn_local(async move {
        shared.dispatch.dispatch(Action::Progress(Some(Progress {
            origin: url.clone(),
            done: 0,
            percent: 0,
        })));
        match super::http::get_bytes(&url).await {
            Ok(bytes) => {
                super::mark("gufo-err:fetched");
                let empty_list = bytes
                    .iter()
                    .filter(|b| !b.is_ascii_whitespace())
                    .eq(b"[]".iter());
                if quiet && empty_list {
                    shared.dispatch.dispatch(Action::Progress(None));
                    return;
                }
                load_bytes(&shared, url.clone(), bytes, Some(url)).await;
            }
            Err(e) => {
                shared.dispatch.dispatch(Action::Progress(None));
                if !quiet {
                    shared
                        .dispatch
                        .dispatch(Action::Loaded(vec![LoadError::new(url, e.to_string())]));
                }
            }
        }
    });
}
