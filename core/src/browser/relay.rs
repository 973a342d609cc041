//! The relay hook: the smallest `err::init()` for a wasm app.
//!
//! A panic hook must live in the module that panics, but the analysis need not: the relay
//! hook captures the panic (message, location, `Error().stack`, the module's `name` section)
//! and hands it, synchronously, to its snippet (`core/js/relay.js`); the page's shared engine (the npm
//! package `gufo-err`, one copy for every module on the page) parses, fingerprints, prints,
//! stores and delivers it with the same Rust code `Config::install` runs in-module. Until the
//! engine is ready the capture waits in `localStorage["gufo-err:relayed"]` (the raw panic is
//! printed at once), so nothing is lost if the page dies first; any later page of the origin
//! that loads the engine analyzes it.
//!
//! `err::init()` installs it on wasm32 when the crate's `engine` feature is off; the module
//! then carries none of the pipeline (serde, the parsers, the formats: about 100 KB gzipped).

use std::panic::PanicHookInfo;

use wasm_bindgen::prelude::*;

use crate::hook::Finish;
use crate::model::{panic_message, Identity};

#[wasm_bindgen(module = "/js/relay.js")]
extern "C" {
    #[wasm_bindgen(js_name = relayConfigure)]
    fn relay_configure(name: &str, version: &str, roots: &str, build_id: &str, module: &JsValue);
    #[wasm_bindgen(js_name = relayPanic)]
    fn relay_panic_js(message: &str, file: &str, line: u32, column: u32, module: &JsValue);
}

/// The relay hook, with the module's identity in its reports (fingerprint parts 1 and 2,
/// in-app roots, build id), sent to the page's engine with each panic.
///
/// ```no_run
/// use err::model::Identity;
/// let identity = Identity::default()
///     .name(env!("CARGO_PKG_NAME"))
///     .version(env!("CARGO_PKG_VERSION"))
///     .root_module("my_app");
/// err::browser::Relay::new(identity).install();
/// ```
#[derive(Debug, Clone, Default)]
pub struct Relay {
    identity: Identity,
    restart_after_panic: bool,
}

impl Relay {
    /// A relay hook for `identity` ([`Identity::default`]: the defaults of
    /// [`crate::Config::new`], so both hooks fingerprint a panic alike).
    ///
    /// ```
    /// let _ = err::browser::Relay::new(err::model::Identity::default().name("shop"));
    /// ```
    pub fn new(identity: Identity) -> Self {
        Self {
            identity,
            restart_after_panic: false,
        }
    }

    /// Whether the module keeps serving after a panic (default: no): once the capture is
    /// handed to the page's engine (or kept for one), the next export call runs in a fresh
    /// instance of the module; see [`crate::Config::restart_after_panic`] for what is lost.
    ///
    /// ```no_run
    /// err::browser::Relay::default().restart_after_panic(true).install();
    /// ```
    pub fn restart_after_panic(mut self, on: bool) -> Self {
        self.restart_after_panic = on;
        self
    }

    /// Hands the identity to the runtime and installs the hook once (chaining the one that
    /// was there before); a later call only replaces the identity.
    ///
    /// ```no_run
    /// err::browser::Relay::default().install();
    /// ```
    pub fn install(self) {
        self.configure();
        crate::hook::set_restart(self.restart_after_panic);
        crate::hook::install_step(relay_step);
    }

    /// Hands the identity to the runtime.
    fn configure(&self) {
        let identity = &self.identity;
        relay_configure(
            &identity.name,
            &identity.version,
            &identity.roots.join(","),
            identity.build_id.as_deref().unwrap_or(""),
            &wasm_bindgen::module(),
        );
    }
}

/// The relay with the defaults, configured, as the hook's work: for [`crate::panic_hook`]
/// called with nothing installed.
#[cfg(not(feature = "engine"))]
pub(crate) fn default_step() -> crate::hook::Step {
    Relay::default().configure();
    relay_step
}

/// Hands one panic to the runtime; nothing is left to do after the previous hook.
fn relay_step(info: &PanicHookInfo<'_>) -> Option<Finish> {
    let message = panic_message(info.payload());
    let (file, line, column) = info
        .location()
        .map_or(("", 0, 0), |l| (l.file(), l.line(), l.column()));
    relay_panic_js(&message, file, line, column, &wasm_bindgen::module());
    None
}
