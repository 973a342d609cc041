//! # gufo-err: error capture for Rust and WebAssembly
//!
//! One call installs a panic hook that turns every panic into a report: the stack captured
//! (a native backtrace, or `Error().stack` in a browser), parsed for V8, SpiderMonkey and
//! JavaScriptCore, names demangled and cleaned, in-app frames marked, endless recursion
//! found, a stable fingerprint computed, then printed, stored and delivered.
//!
//! ```no_run
//! err::init();
//! ```
//!
//! or, with everything set:
//!
//! ```no_run
//! use err::format::Format;
//! err::Config::new()
//!     .name(env!("CARGO_PKG_NAME"))
//!     .version(env!("CARGO_PKG_VERSION"))
//!     .root_module("my_app")
//!     .format(Format::Extend)
//!     .middleware(err::middleware::DirStore::new("/var/err").unwrap())
//!     .fail_fast(err::failfast::RepeatRate::new(10, 60_000))
//!     .install();
//! ```
//!
//! ## The pipeline, one module a stage
//!
//! ```text
//! capture ─> parse ─> normalize ─> analyze ─> model::ErrorInfo ─> middleware ─> failfast
//! (hook)     (frames)  (names,      (recursion,  (codec: JSON,      (console,     (policies,
//!                       in-app,      fingerprint)  gzip, 1.0 in)     store, fn)    action)
//!                       machinery)
//! ```
//!
//! [`pipeline::build`] runs the stages from a [`pipeline::Capture`] to a report;
//! [`Config`] adds the middleware and fail-fast around it; [`init`] installs it as the
//! panic hook. Target-specific work (clock, stack capture, console, source files) sits
//! behind the private `platform` seam; everything else is plain Rust.

#![warn(missing_docs)]

pub mod analyze;
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
pub mod browser;
pub mod codec;
mod config;
pub mod failfast;
pub mod format;
pub mod handler;
mod hook;
pub mod middleware;
pub mod model;
pub mod normalize;
pub mod parse;
pub mod pipeline;
mod platform;
#[cfg(feature = "sentry")]
pub mod sentry;
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub mod source_file;
pub mod transport;
pub mod wasm;

pub use config::Config;
pub use handler::Handler;
pub use hook::{frames, panic_hook};
pub use platform::Environment;

/// Installs the panic hook with the defaults of [`Config::new`]; safe to call more than
/// once (the last configuration wins, the hook is installed once and chains the one that
/// was there before).
///
/// On wasm32 without the crate's `engine` feature, it installs the relay hook instead
/// ([`browser::Relay`]): the panic is captured here and analyzed by the page's shared engine.
///
/// ```
/// err::init();
/// err::init();
/// ```
pub fn init() {
    #[cfg(any(
        feature = "engine",
        not(all(target_arch = "wasm32", target_os = "unknown"))
    ))]
    Config::new().install();
    #[cfg(all(
        not(feature = "engine"),
        all(target_arch = "wasm32", target_os = "unknown")
    ))]
    browser::Relay::default().install();
}
