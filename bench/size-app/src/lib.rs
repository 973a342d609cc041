//! A small app that can panic: the same code built with no panic hook, with
//! console_error_panic_hook, and with `err::init()`, to compare their sizes.

use wasm_bindgen::prelude::*;

/// Installs the hook this build was made with.
#[wasm_bindgen(start)]
pub fn start() {
    #[cfg(feature = "cehp")]
    console_error_panic_hook::set_once();
    #[cfg(feature = "gufo")]
    err::init();
}

/// Sums the prices of the picked items; panics on a bad index.
#[wasm_bindgen]
pub fn total(prices: Vec<u32>, picked: Vec<usize>) -> u32 {
    picked.iter().map(|&i| prices[i]).sum() // site:size_app_total
}

/// Formats a greeting (a little string work, as real apps do).
#[wasm_bindgen]
pub fn greet(name: &str) -> String {
    format!("Hello, {name}!")
}

/// Recurses `depth` levels, then panics: a stack of `depth` app frames for the hook to
/// capture (the hook-cost benchmark uses 30).
#[wasm_bindgen]
pub fn fail_at_depth(depth: u32) -> u32 {
    descend(depth)
}

#[inline(never)]
fn descend(depth: u32) -> u32 {
    if std::hint::black_box(depth) == 0 {
        panic!("failed at the bottom");
    }
    descend(depth - 1) + std::hint::black_box(1)
}

/// Recurses until the stack runs out: a stack overflow inside wasm (the relay tests).
#[wasm_bindgen]
pub fn overflow(depth: u32) -> u32 {
    spiral(depth)
}

#[inline(never)]
fn spiral(depth: u32) -> u32 {
    if std::hint::black_box(depth) == u32::MAX {
        return 0;
    }
    spiral(depth + 1) + std::hint::black_box(1)
}
