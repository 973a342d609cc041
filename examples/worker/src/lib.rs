//! Rust for Web Workers: a price total computed off the page's thread. Its panics are
//! reported by gufo-err from inside the worker: printed on the worker's console, stored in
//! the origin's IndexedDB (the page's store and the viewer see them) and delivered through
//! an outbox kept in IndexedDB, since workers have no localStorage.

mod prices;

use wasm_bindgen::prelude::*;

/// Runs when the worker instantiates the module: gufo-err's hook, in this build's way.
#[wasm_bindgen(start)]
fn start() {
    #[cfg(feature = "engine")]
    err::Config::new()
        .name(env!("CARGO_PKG_NAME"))
        .version(env!("CARGO_PKG_VERSION"))
        .root_module("worker")
        .collector("/api/v1/errors")
        .install();
    // The relay build: the worker's engine (the npm package's `init()`, run first in the
    // worker) analyzes, stores and delivers; this module only captures.
    #[cfg(not(feature = "engine"))]
    err::browser::Relay::new(
        err::model::Identity::default()
            .name(env!("CARGO_PKG_NAME"))
            .version(env!("CARGO_PKG_VERSION"))
            .root_module("worker"),
    )
    .install();
}

/// The sum of the picked items' prices. Panics on an index past the list (the bug).
#[wasm_bindgen]
pub fn total(prices: Vec<u32>, picked: Vec<u32>) -> u32 {
    prices::total(&prices, &picked)
}
