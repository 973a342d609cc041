//! Feeding sources into the catalog a chunk at a time, so the page stays responsive: 12 ms
//! of decoding between two yields to the browser.

use super::feed::{Event, Feed};
use super::time::{self, Clock};
use crate::ingest::{self, Progress};

/// Items decoded at a time between two looks at the clock.
const CHUNK: usize = 50;
/// Work done between two yields to the browser, in milliseconds (a frame is 16).
const SLICE_MS: f64 = 12.0;

/// Reads `bytes` from `origin` into the catalog (or, for a `.errsym` source, takes them as a
/// symbol bundle); `base_url` is where they came from.
pub async fn load_bytes(feed: &Feed, origin: String, bytes: Vec<u8>, base_url: Option<String>) {
    if ingest::is_symbol_bundle(&origin) {
        match err::wasm::symbols::Bundle::from_slice(&bytes) {
            Ok(bundle) => feed.send(Event::Bundle(Box::new(bundle))),
            Err(e) => feed.failed(origin, e.to_string()),
        }
        return;
    }
    let mut pending = match ingest::open(&origin, bytes, base_url.as_deref()) {
        Ok(pending) => pending,
        Err(e) => {
            feed.send(Event::Loaded(vec![e]));
            return;
        }
    };
    let clock = Clock::new();
    loop {
        let start = clock.now();
        let mut errors = Vec::new();
        while !pending.is_done() && clock.now() - start < SLICE_MS {
            let batch = pending.next_chunk(CHUNK);
            feed.send(Event::Entries(batch.entries));
            errors.extend(batch.errors);
        }
        feed.send(Event::Loaded(errors));
        if pending.is_done() {
            break;
        }
        feed.send(Event::Progress(Some(pending.progress())));
        time::yield_now().await;
    }
    feed.send(Event::Progress(None));
    time::mark("gufo-err:loaded");
}

/// Fetches `url` and loads it. `quiet`: an answer of 404 or no answer is not an error (the
/// page probes the same-origin collector that may not be there).
pub fn load_url(feed: &Feed, url: String, quiet: bool) {
    let feed = feed.clone();
    wasm_bindgen_futures::spawn_local(async move {
        feed.send(Event::Progress(Some(Progress::starting(url.clone()))));
        match super::http::get_bytes(&url).await {
            Ok(bytes) => {
                time::mark("gufo-err:fetched");
                if quiet && ingest::is_empty_list(&bytes) {
                    feed.send(Event::Progress(None));
                    return;
                }
                load_bytes(&feed, url.clone(), bytes, Some(url)).await;
            }
            Err(e) => {
                feed.send(Event::Progress(None));
                if !quiet {
                    feed.failed(url, e.to_string());
                }
            }
        }
    });
}
