//! Stage 5, deliver: the middleware chain every report goes through.
//!
//! A middleware is anything with one method, [`Middleware::process`]; closures are
//! middleware too. The [`Chain`] runs them in order and a failing one never stops the
//! others: its error is collected (and a panic in it caught, where panics unwind).
//!
//! ```
//! use std::sync::{Arc, Mutex};
//! use err::middleware::{Chain, MiddlewareError};
//! use err::model::{ErrorInfo, Kind};
//! let seen = Arc::new(Mutex::new(Vec::new()));
//! let log = seen.clone();
//! let mut chain = Chain::default();
//! chain.push(|_: &ErrorInfo| Err(MiddlewareError::Other("down".into())));
//! chain.push(move |info: &ErrorInfo| {
//!     log.lock().unwrap().push(info.message.clone());
//!     Ok(())
//! });
//! let failures = chain.run(&ErrorInfo::new(Kind::Panic, "panic", "boom"));
//! assert_eq!(failures.len(), 1);
//! assert_eq!(*seen.lock().unwrap(), ["boom"]);
//! ```

mod collector;
mod console;
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub mod dir_store;

pub use collector::Collector;
pub use console::Console;
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub use dir_store::{DirStore, StoreError, Stored};

use crate::model::ErrorInfo;

/// Why a middleware failed.
///
/// ```
/// use err::middleware::MiddlewareError;
/// assert_eq!(MiddlewareError::Other("no network".into()).to_string(), "no network");
/// ```
#[derive(Debug, thiserror::Error)]
pub enum MiddlewareError {
    /// A file or directory operation failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A delivery found nobody to take the report.
    #[error("delivery failed: {source}")]
    Delivery {
        /// Where it went.
        url: String,
        /// Why it failed.
        #[source]
        source: crate::transport::TransportError,
    },
    /// The directory store could not keep the report.
    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Sentry did not take the event.
    #[cfg(feature = "sentry")]
    #[error(transparent)]
    Sentry(#[from] crate::sentry::SentryError),
    /// The browser store could not queue the report (no localStorage, or over its quota).
    #[error("the report could not be queued in localStorage")]
    NotQueued,
    /// The middleware panicked.
    #[error("panicked: {0}")]
    Panicked(String),
    /// Anything else.
    #[error("{0}")]
    Other(String),
}

/// One step of report delivery.
///
/// ```
/// use err::middleware::{Middleware, MiddlewareError};
/// use err::model::ErrorInfo;
/// struct CountKinds;
/// impl Middleware for CountKinds {
///     fn process(&self, info: &ErrorInfo) -> Result<(), MiddlewareError> {
///         let _ = info.kind;
///         Ok(())
///     }
/// }
/// ```
pub trait Middleware: Send + Sync {
    /// Handles one report.
    fn process(&self, info: &ErrorInfo) -> Result<(), MiddlewareError>;
}

impl<F> Middleware for F
where
    F: Fn(&ErrorInfo) -> Result<(), MiddlewareError> + Send + Sync,
{
    fn process(&self, info: &ErrorInfo) -> Result<(), MiddlewareError> {
        self(info)
    }
}

/// Middleware run in order; see the [module docs](self).
#[derive(Default)]
pub struct Chain {
    items: Vec<Box<dyn Middleware>>,
}

impl Chain {
    /// Adds a middleware at the end.
    ///
    /// ```
    /// # use err::middleware::Chain;
    /// # use err::format::Format;
    /// let mut chain = Chain::default();
    /// chain.push(err::middleware::Console::new(Format::Terse));
    /// assert_eq!(chain.len(), 1);
    /// ```
    pub fn push(&mut self, middleware: impl Middleware + 'static) {
        self.items.push(Box::new(middleware));
    }

    /// Adds an already boxed middleware at the end.
    ///
    /// ```
    /// # use err::middleware::{Chain, Middleware};
    /// let mut chain = Chain::default();
    /// let boxed: Box<dyn Middleware> = Box::new(err::middleware::Console::default());
    /// chain.push_boxed(boxed);
    /// assert!(!chain.is_empty());
    /// ```
    pub fn push_boxed(&mut self, middleware: Box<dyn Middleware>) {
        self.items.push(middleware);
    }

    /// Adds all middleware of `other` at the end.
    ///
    /// ```
    /// # use err::middleware::Chain;
    /// let mut a = Chain::default();
    /// let mut b = Chain::default();
    /// b.push(err::middleware::Console::default());
    /// a.extend(b);
    /// assert_eq!(a.len(), 1);
    /// ```
    pub fn extend(&mut self, other: Chain) {
        self.items.extend(other.items);
    }

    /// How many middleware the chain holds.
    ///
    /// ```
    /// assert_eq!(err::middleware::Chain::default().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the chain is empty.
    ///
    /// ```
    /// assert!(err::middleware::Chain::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Runs every middleware on `info`; returns the failures with their positions.
    ///
    /// ```
    /// # use err::middleware::Chain;
    /// # use err::model::{ErrorInfo, Kind};
    /// assert!(Chain::default().run(&ErrorInfo::new(Kind::Panic, "panic", "x")).is_empty());
    /// ```
    pub fn run(&self, info: &ErrorInfo) -> Vec<(usize, MiddlewareError)> {
        let mut failures = Vec::new();
        for (index, middleware) in self.items.iter().enumerate() {
            if let Err(e) = run_one(middleware.as_ref(), info) {
                failures.push((index, e));
            }
        }
        failures
    }
}

#[cfg(panic = "unwind")]
fn run_one(middleware: &dyn Middleware, info: &ErrorInfo) -> Result<(), MiddlewareError> {
    let outcome =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| middleware.process(info)));
    outcome.unwrap_or_else(|payload| {
        Err(MiddlewareError::Panicked(crate::model::panic_message(
            payload.as_ref(),
        )))
    })
}

#[cfg(not(panic = "unwind"))]
fn run_one(middleware: &dyn Middleware, info: &ErrorInfo) -> Result<(), MiddlewareError> {
    middleware.process(info)
}
