//! A Rust library that a JavaScript page calls: it parses an order and returns its total.
//! Its panics are reported by gufo-err, and it keeps serving after one: the next call runs
//! in a fresh instance of the module (`restart_after_panic`).

mod order;

use wasm_bindgen::prelude::*;

/// Runs when the page instantiates the module, and again in every fresh instance after a
/// panic: the hook must be installed here, not by a call from the page (a fresh instance
/// starts with nothing but what its start function sets up).
#[wasm_bindgen(start)]
fn start() {
    #[cfg(feature = "engine")]
    err::Config::new()
        .name(env!("CARGO_PKG_NAME"))
        .version(env!("CARGO_PKG_VERSION"))
        .root_module("js_library")
        .collector("/api/v1/errors")
        .restart_after_panic(true)
        .install();
    // The relay build: the page's engine (the npm package's `init()`) analyzes, stores and
    // delivers; this module only captures.
    #[cfg(not(feature = "engine"))]
    err::browser::Relay::new(
        err::model::Identity::default()
            .name(env!("CARGO_PKG_NAME"))
            .version(env!("CARGO_PKG_VERSION"))
            .root_module("js_library"),
    )
    .restart_after_panic(true)
    .install();
}

/// The total of an order in cents: one `<quantity> x <price in cents>` a line.
///
/// Panics on a line that is not of that shape (the bug this example reports).
#[wasm_bindgen]
pub fn parse_order(text: &str) -> u32 {
    order::Order::parse(text).total()
}
