//! The browser side of the pipeline (wasm32 only): the IndexedDB store, delivery to a
//! collector, trap correlation and the browser's fail-fast actions.
//!
//! The work is done by a small plain-JS runtime (`core/js/runtime.js`, shipped by
//! wasm-bindgen as a snippet of every module that uses gufo-err). The panic hook hands it
//! strings synchronously; the runtime never calls back into the (by then poisoned) wasm
//! instance. Every module on a page, and the npm package, share one store:
//!
//! - `localStorage["gufo-err:queue"]`: reports written synchronously in the hook, merged into
//!   IndexedDB right after and on the next load (nothing is lost if the page dies first);
//! - IndexedDB database `gufo-err`, object store `reports` (key `fingerprint`, index
//!   `last_seen`): `{fingerprint, report, count, first_seen, last_seen, events, secondary}`,
//!   at most 1,000 records (least recently seen evicted first);
//! - `localStorage["gufo-err:outbox"]`: deliveries until the collector acknowledges them,
//!   resent with backoff on later loads; each carries an `X-Gufo-Err-Event` id so a collector
//!   can drop a copy it already counted.

mod actions;
pub(crate) mod relay;
pub(crate) mod runtime;

pub use actions::{BrowserAction, JsPolicy};
pub use relay::Relay;

use crate::middleware::{Middleware, MiddlewareError};
use crate::model::ErrorInfo;

/// How long after a panic a trap is taken as its follow-up.
pub const TRAP_WINDOW_MS: f64 = 10_000.0;

/// Stores reports in the page's IndexedDB (through the localStorage queue).
///
/// [`crate::Config`] adds it by default on wasm32; see [`crate::Config::browser_store`].
#[derive(Debug, Clone, Copy, Default)]
pub struct BrowserStore;

impl Middleware for BrowserStore {
    fn process(&self, info: &ErrorInfo) -> Result<(), MiddlewareError> {
        let json = crate::codec::to_json(info);
        let event = info.events.last().map_or("", String::as_str);
        if runtime::persist(&json, event).is_empty() {
            return Err(MiddlewareError::NotQueued);
        }
        // The trap that follows a panic is linked to it; a panic that happened long ago (one
        // an earlier page left, reported now) has no trap to come.
        let recent = info
            .timestamp
            .is_none_or(|t| js_sys::Date::now() - (t.unix_millis() as f64) < TRAP_WINDOW_MS);
        if info.kind == crate::model::Kind::Panic && recent {
            runtime::note_panic(&info.fingerprint.to_string());
        }
        Ok(())
    }
}

/// Every record of the page's store, most recently seen first: a promise of an array of
/// `{fingerprint, report, count, first_seen, last_seen, events, secondary}` (`report` is the
/// JSON text, times are Unix milliseconds). What the localStorage queue holds is merged
/// first. The viewer and dashboards read the store with it.
///
/// ```no_run
/// # async fn f() -> Result<(), wasm_bindgen::JsValue> {
/// let records = wasm_bindgen_futures::JsFuture::from(err::browser::stored_records()).await?;
/// # Ok(()) }
/// ```
pub fn stored_records() -> js_sys::Promise {
    runtime::reports()
}

/// Reports the stack overflows of this module that JavaScript saw uncaught on an earlier
/// page (kept raw by the runtime: the overflowed instance could not run again), through the
/// installed chain, now that the instance is fresh.
pub(crate) fn report_left_behind(handler: &crate::Handler) {
    let frames = crate::parse::parse_stack(&crate::platform::capture_stack()).frames;
    // Without a module name of our own, only the stacks that name no module are taken.
    let module = crate::pipeline::wasm_module_of(&frames).unwrap_or_default();
    let raw: Vec<serde_json::Value> =
        serde_json::from_str(&runtime::take_raw(module)).unwrap_or_default();
    for entry in raw {
        let text = |key: &str| {
            entry
                .get(key)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned()
        };
        let mut capture =
            crate::pipeline::Capture::js(text("class"), text("message"), text("stack"));
        capture.page_url = Some(text("page")).filter(|p| !p.is_empty());
        capture.user_agent = Some(text("agent")).filter(|a| !a.is_empty());
        capture.timestamp = entry
            .get("time")
            .and_then(|t| t.as_f64())
            .map(|t| crate::model::Timestamp::from_unix_millis(t as i64));
        handler.report(capture);
    }
}

/// Prepares the browser side once per module: replays what an earlier page left behind and
/// listens for the trap that follows a panic.
pub(crate) fn start(max_reports: u32) {
    runtime::set_max_reports(max_reports);
    runtime::install_trap_listener(TRAP_WINDOW_MS);
    let _ = runtime::replay();
}
