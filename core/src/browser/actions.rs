//! Fail-fast actions in a browser.

use std::cell::RefCell;

use crate::failfast::{FailAction, FailFast};
use crate::model::ErrorInfo;

thread_local! {
    /// JS callbacks live here (they are not `Send`); actions refer to them by index.
    static CALLBACKS: RefCell<Vec<js_sys::Function>> = const { RefCell::new(Vec::new()) };
}

/// What the page does when a fail-fast policy says stop.
///
/// ```no_run
/// use err::browser::BrowserAction;
/// err::Config::new()
///     .fail_fast(err::failfast::Always)
///     .fail_action(BrowserAction::Overlay)
///     .install();
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BrowserAction {
    /// Nothing more than reporting.
    None,
    /// Calls a JS function with the report, right after the hook (see [`BrowserAction::callback`]).
    Callback(usize),
    /// Reloads the page, at most `limit` times within `window_ms` (a loop guard in
    /// `sessionStorage`).
    Reload {
        /// Reloads allowed within the window.
        limit: u32,
        /// The window, in milliseconds.
        window_ms: u32,
    },
    /// Covers the page with a plain overlay showing the message and fingerprint (as text).
    Overlay,
}

impl BrowserAction {
    /// An action that calls `callback(report)` once the hook has returned.
    pub fn callback(callback: js_sys::Function) -> Self {
        BrowserAction::Callback(keep(callback))
    }
}

impl FailAction for BrowserAction {
    fn fail(&self, info: &ErrorInfo) {
        match *self {
            BrowserAction::None => {}
            BrowserAction::Callback(index) => CALLBACKS.with(|c| {
                if let Some(f) = c.borrow().get(index) {
                    super::runtime::call_later(f, &crate::codec::to_json(info));
                }
            }),
            BrowserAction::Reload { limit, window_ms } => {
                super::runtime::reload_guarded(limit, f64::from(window_ms));
            }
            BrowserAction::Overlay => {
                super::runtime::overlay(&info.exception.summary(), &info.fingerprint.to_string());
            }
        }
    }
}

/// A fail-fast policy written in JavaScript: `predicate(report)` (the report as an object)
/// says whether to stop. For the npm package's `failFast` function, and for Rust apps that
/// let their page decide.
///
/// ```no_run
/// let predicate = js_sys::Function::new_with_args("report", "return report.kind === 'panic'");
/// err::Config::new()
///     .fail_fast(err::browser::JsPolicy::new(predicate))
///     .fail_action(err::browser::BrowserAction::Overlay)
///     .install();
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsPolicy(usize);

impl JsPolicy {
    /// A policy that asks `predicate`; a predicate that throws says no.
    pub fn new(predicate: js_sys::Function) -> Self {
        Self(keep(predicate))
    }
}

impl FailFast for JsPolicy {
    fn must_fail(&self, info: &ErrorInfo) -> bool {
        CALLBACKS.with(|c| {
            let callbacks = c.borrow();
            let Some(predicate) = callbacks.get(self.0) else {
                return false;
            };
            js_sys::JSON::parse(&crate::codec::to_json(info))
                .and_then(|report| predicate.call1(&wasm_bindgen::JsValue::NULL, &report))
                .is_ok_and(|answer| answer.is_truthy())
        })
    }
}

/// Keeps a JS function for the life of the module; returns its index.
fn keep(function: js_sys::Function) -> usize {
    CALLBACKS.with(|c| {
        let mut c = c.borrow_mut();
        c.push(function);
        c.len() - 1
    })
}
