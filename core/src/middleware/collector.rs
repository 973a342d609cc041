//! Delivery to a collector.

use super::{Middleware, MiddlewareError};
use crate::model::ErrorInfo;

/// Posts each report as JSON to a collector URL (`err serve`'s `POST /api/v1/errors`), with
/// an `X-Gufo-Err-Event` id so that the collector drops a resend it already counted.
///
/// Natively the post is blocking, bounded by a 3-second timeout (the panic hook waits for
/// it); in a browser it is `fetch(…, {keepalive: true})`, kept in a localStorage outbox until
/// acknowledged and resent with backoff on later loads (see the `browser` module).
///
/// ```no_run
/// use err::middleware::{Collector, Middleware};
/// use err::model::{ErrorInfo, Kind};
/// let collector = Collector::new("http://127.0.0.1:8080/api/v1/errors");
/// collector.process(&ErrorInfo::new(Kind::Panic, "panic", "boom")).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collector {
    url: String,
}

impl Collector {
    /// A collector at `url`.
    ///
    /// ```
    /// let c = err::middleware::Collector::new("http://127.0.0.1:8080/api/v1/errors");
    /// assert_eq!(c.url(), "http://127.0.0.1:8080/api/v1/errors");
    /// ```
    pub fn new(url: impl Into<String>) -> Self {
        Self { url: url.into() }
    }

    /// The URL reports go to.
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Middleware for Collector {
    fn process(&self, info: &ErrorInfo) -> Result<(), MiddlewareError> {
        crate::platform::deliver(&self.url, &crate::codec::to_json(info))
            .map(|_| ())
            .map_err(|e| MiddlewareError::Other(format!("delivery to {} failed: {e}", self.url)))
    }
}
