//! Delivery to a collector.

use std::sync::Arc;

use super::{Middleware, MiddlewareError};
use crate::model::ErrorInfo;
use crate::transport::{default_transport, Transport};

/// Posts each report as JSON to a collector URL (`err serve`'s `POST /api/v1/errors`), with
/// an `X-Gufo-Err-Event` id so that the collector drops a resend it already counted.
///
/// It sends through a [`Transport`], by default the target's own: natively a blocking post
/// bounded by a 3-second timeout (the panic hook waits for it); in a browser
/// `fetch(…, {keepalive: true})`, kept in a localStorage outbox until acknowledged and resent
/// with backoff on later loads (see the `browser` module).
///
/// ```no_run
/// use err::middleware::{Collector, Middleware};
/// use err::model::{ErrorInfo, Kind};
/// let collector = Collector::new("http://127.0.0.1:8080/api/v1/errors");
/// collector.process(&ErrorInfo::new(Kind::Panic, "panic", "boom")).unwrap();
/// ```
#[derive(Clone)]
pub struct Collector {
    url: String,
    transport: Arc<dyn Transport>,
}

impl std::fmt::Debug for Collector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Collector")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

impl Collector {
    /// A collector at `url`, reached through the target's default transport.
    ///
    /// ```
    /// let c = err::middleware::Collector::new("http://127.0.0.1:8080/api/v1/errors");
    /// assert_eq!(c.url(), "http://127.0.0.1:8080/api/v1/errors");
    /// ```
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            transport: default_transport(),
        }
    }

    /// Sends through `transport` instead (see [`crate::transport`]).
    ///
    /// ```
    /// use std::sync::Arc;
    /// let http = Arc::new(err::transport::Http::with_timeout(std::time::Duration::from_secs(1)));
    /// # #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    /// let _ = err::middleware::Collector::new("http://127.0.0.1:8080/api/v1/errors").transport(http);
    /// ```
    pub fn transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = transport;
        self
    }

    /// The URL reports go to.
    ///
    /// ```
    /// assert_eq!(err::middleware::Collector::new("http://x/api").url(), "http://x/api");
    /// ```
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Middleware for Collector {
    fn process(&self, info: &ErrorInfo) -> Result<(), MiddlewareError> {
        // The occurrence's id (the handler gives each one), sent as `X-Gufo-Err-Event`.
        let event = info
            .events
            .last()
            .cloned()
            .unwrap_or_else(|| crate::platform::random_uuid().to_string());
        self.transport
            .send_report(&self.url, &event, &crate::codec::to_json(info))
            .map(|_| ())
            .map_err(|source| MiddlewareError::Delivery {
                url: self.url.clone(),
                source,
            })
    }
}
