//! The browser's side of the viewer. Everything here reports through a [`Feed`] and knows
//! nothing of the app's state; gloo does the plumbing (gloo-net `fetch`, gloo-file files and
//! object URLs, gloo-timers waits, gloo-events listeners, gloo-storage the theme).

pub mod dom;
pub mod feed;
pub mod files;
pub mod http;
pub mod listen;
pub mod loader;
pub mod location;
pub mod sources;
pub mod store;
pub mod theme;
pub mod time;

use std::cell::Cell;
use std::rc::Rc;

pub use feed::{Event, Feed};

use crate::route::Route;

/// The collector of `err serve`, on the same origin.
pub const COLLECTOR: &str = "/api/v1/errors";

/// Waiting after a store change before reading the store again, in milliseconds (a page's
/// writes come in bursts).
const STORE_SETTLE_MS: u32 = 300;

/// What the page loads when it opens: the `?src=` URLs, else (quietly, when they have
/// anything) the same-origin browser store and collector. Listens, for as long as the page
/// lives, for hash changes and for changes of the store made by other pages.
pub fn start(feed: &Feed) {
    if let Some(listener) = listen::on_window("hashchange", {
        let feed = feed.clone();
        move |_| feed.send(Event::Route(Route::parse(&location::hash())))
    }) {
        listener.forget();
    }
    // Another page (another tab, or the page before this one, whose write can land late)
    // changed the store's queue: read the store again.
    let reloading = Rc::new(Cell::new(false));
    if let Some(listener) = listen::on_window("storage", {
        let feed = feed.clone();
        move |event| {
            let key = listen::storage_key(event);
            let ours = key.as_deref().is_none_or(|k| k.starts_with("gufo-err:"));
            if ours && !reloading.replace(true) {
                let (feed, reloading) = (feed.clone(), Rc::clone(&reloading));
                wasm_bindgen_futures::spawn_local(async move {
                    time::sleep(STORE_SETTLE_MS).await;
                    reloading.set(false);
                    store::load(&feed, true);
                });
            }
        }
    }) {
        listener.forget();
    }
    theme::apply();
    let sources = location::sources_in_query();
    if sources.is_empty() {
        store::load(feed, true);
        loader::load_url(feed, COLLECTOR.to_owned(), true);
    } else {
        for url in sources {
            loader::load_url(feed, url, false);
        }
    }
}
