//! Fail-fast actions in a browser.

use std::cell::RefCell;

use crate::failfast::FailAction;
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
        CALLBACKS.with(|c| {
            let mut c = c.borrow_mut();
            c.push(callback);
            BrowserAction::Callback(c.len() - 1)
        })
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
