//! # gufo-err-viewer: the traceback viewer
//!
//! A Yew single-page app that loads gufo-err reports (version 2.0 and Gufo Err's 1.0, `.json`
//! or `.json.gz`, one by one or as lists), raw stack traces, the browser store that
//! `err::init()` writes and the `err serve` collector, and shows them as a grouped list and a
//! detail with the frames and their source.
//!
//! The pipeline of the viewer is visible in its modules:
//!
//! ```text
//!  bytes ──> ingest ──> catalog ──> route (filter, sort, selection) ──> components
//!  (files,   (reports,   (groups by   (a view is a URL)                  (list, detail,
//!   fetch,    lists,      fingerprint,                                    frames via layout,
//!   store,    stacks;     counts,                                         source via
//!   paste)    errors      search)                                         source_path)
//!             per item)
//! ```
//!
//! Everything but the state (`state`), the components (`app`, `components`) and the browser
//! I/O (`web`) is plain Rust, tested natively; those exist on `wasm32` only.

#![warn(missing_docs)]

pub mod catalog;
pub mod highlight;
pub mod ingest;
pub mod layout;
pub mod route;
pub mod source_path;
pub mod sources;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod state;
#[cfg(target_arch = "wasm32")]
mod web;

/// Starts the viewer in the page's `<main id="viewer">` (or `<body>`), with gufo-err's own
/// panic hook reporting the viewer's panics (through Yew's custom hook, which Yew's renderer
/// would otherwise replace).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    err::Config::new()
        .name("gufo-err-viewer")
        .version(env!("CARGO_PKG_VERSION"))
        .root_module("gufo_err_viewer")
        .install();
    yew::set_custom_panic_hook(Box::new(err::panic_hook));
    app::mount();
}
