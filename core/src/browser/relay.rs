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

use std::cell::Cell;
use std::panic::PanicHookInfo;
use std::sync::Once;

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/relay.js")]
extern "C" {
    #[wasm_bindgen(js_name = relayConfigure)]
    fn relay_configure(name: &str, version: &str, roots: &str, build_id: &str, module: &JsValue);
    #[wasm_bindgen(js_name = relayPanic)]
    fn relay_panic_js(message: &str, file: &str, line: u32, column: u32, module: &JsValue);
}

static HOOK: Once = Once::new();

thread_local! {
    static IN_HOOK: Cell<bool> = const { Cell::new(false) };
}

/// The module's identity in its reports (fingerprint parts 1 and 2, in-app roots), sent to
/// the page's engine with each panic.
///
/// ```no_run
/// err::browser::Relay::new()
///     .name(env!("CARGO_PKG_NAME"))
///     .version(env!("CARGO_PKG_VERSION"))
///     .root_module("my_app")
///     .install();
/// ```
#[derive(Debug, Clone, Default)]
pub struct Relay {
    name: Option<String>,
    version: Option<String>,
    roots: Vec<String>,
    build_id: Option<String>,
}

impl Relay {
    /// Service `unknown`, version `unknown`, every crate but the known libraries in-app:
    /// the defaults of [`crate::Config::new`], so both hooks fingerprint a panic alike.
    ///
    /// ```
    /// let _ = err::browser::Relay::new();
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// The service name (fingerprint part 1).
    ///
    /// ```
    /// let _ = err::browser::Relay::new().name("shop");
    /// ```
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// The service version (fingerprint part 2).
    ///
    /// ```
    /// let _ = err::browser::Relay::new().version("1.4.2");
    /// ```
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.version = Some(version.into());
        self
    }

    /// Adds an application root crate; once any is given, only their frames are in-app.
    ///
    /// ```
    /// let _ = err::browser::Relay::new().root_module("shop");
    /// ```
    pub fn root_module(mut self, root: impl Into<String>) -> Self {
        self.roots.push(root.into());
        self
    }

    /// The build id the reports carry (else the module URL).
    ///
    /// ```
    /// let _ = err::browser::Relay::new().build_id("9f2c1e0");
    /// ```
    pub fn build_id(mut self, build_id: impl Into<String>) -> Self {
        self.build_id = Some(build_id.into());
        self
    }

    /// Hands the identity to the runtime and installs the hook once (chaining the one that
    /// was there before); a later call only replaces the identity.
    ///
    /// ```no_run
    /// err::browser::Relay::new().name("shop").install();
    /// ```
    pub fn install(self) {
        relay_configure(
            self.name.as_deref().unwrap_or("unknown"),
            self.version.as_deref().unwrap_or("unknown"),
            &self.roots.join(","),
            self.build_id.as_deref().unwrap_or(""),
            &wasm_bindgen::module(),
        );
        HOOK.call_once(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                relay_panic(info);
                previous(info);
            }));
        });
    }
}

/// Hands one panic to the runtime; a panic inside the hook itself is not relayed again.
fn relay_panic(info: &PanicHookInfo<'_>) {
    if IN_HOOK.with(|flag| flag.replace(true)) {
        return;
    }
    let message = crate::hook::payload_text(info.payload());
    let (file, line, column) = info
        .location()
        .map_or(("", 0, 0), |l| (l.file(), l.line(), l.column()));
    relay_panic_js(&message, file, line, column, &wasm_bindgen::module());
    IN_HOOK.with(|flag| flag.set(false));
}
