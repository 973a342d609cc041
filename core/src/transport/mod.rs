//! The transport seam: how a report or a Sentry envelope leaves the process.
//!
//! [`crate::middleware::Collector`] and [`crate::sentry::Sentry`] take a [`Transport`];
//! each target has a default ([`default_transport`]):
//!
//! - natively, [`Http`]: a blocking post with `ureq`, bounded by a timeout (the panic hook
//!   waits for it), and the server's answer;
//! - in a browser, the runtime's outbox (`core/js/runtime.js`): written to localStorage in
//!   the hook, sent with `fetch(…, {keepalive: true})`, resent on later loads until
//!   acknowledged. The answer arrives after the instance may be poisoned, so the outbox
//!   handles it (Sentry's rate limits included) and the caller gets [`Sent::Queued`].
//!
//! A transport of your own (a test double, a proxy, a queue) plugs in the same way:
//!
//! ```
//! use std::sync::{Arc, Mutex};
//! use err::transport::{Envelope, Sent, Transport, TransportError};
//! #[derive(Default)]
//! struct Recorder(Mutex<Vec<String>>);
//! impl Transport for Recorder {
//!     fn send_report(&self, url: &str, event: &str, json: &str) -> Result<Sent, TransportError> {
//!         self.0.lock().unwrap().push(format!("{url} {event}"));
//!         Ok(Sent::Queued)
//!     }
//!     fn send_envelope(&self, envelope: &Envelope<'_>) -> Result<Sent, TransportError> {
//!         Ok(Sent::Queued)
//!     }
//! }
//! let recorder = Arc::new(Recorder::default());
//! let collector = err::middleware::Collector::new("http://127.0.0.1:9/api/v1/errors")
//!     .transport(recorder.clone());
//! use err::middleware::Middleware;
//! collector.process(&err::model::ErrorInfo::new(err::model::Kind::Panic, "panic", "boom")).unwrap();
//! assert_eq!(recorder.0.lock().unwrap().len(), 1);
//! ```

#[cfg(not(target_arch = "wasm32"))]
mod http;
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
mod outbox;

#[cfg(not(target_arch = "wasm32"))]
pub use http::Http;
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
pub use outbox::Outbox;

use std::sync::Arc;

/// A Sentry envelope to send, with both ways of authenticating (a transport uses the one
/// its target can: the `X-Sentry-Auth` header natively, the query string in a browser, so
/// that no preflight is needed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Envelope<'a> {
    /// The project's envelope endpoint.
    pub url: &'a str,
    /// The `X-Sentry-Auth` header's value.
    pub auth_header: &'a str,
    /// The same authentication as a query string (`sentry_key=…&sentry_version=7…`).
    pub auth_query: &'a str,
    /// The envelope.
    pub body: &'a str,
    /// The rate-limit category of its item (`error`).
    pub category: &'a str,
}

/// What a server answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The `Retry-After` header.
    pub retry_after: Option<String>,
    /// The `X-Sentry-Rate-Limits` header.
    pub rate_limits: Option<String>,
}

/// How a send ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sent {
    /// The server answered (whatever the status).
    Answered(Answer),
    /// Handed to a queue that delivers and reads the answer itself.
    Queued,
}

/// Why nothing was sent.
///
/// ```
/// use err::transport::TransportError;
/// let e = TransportError::Status { url: "http://x/api".into(), status: 503 };
/// assert_eq!(e.to_string(), "http://x/api answered HTTP 503");
/// ```
#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    /// No answer: the connection failed or timed out.
    #[error("{url}: {source}")]
    Network {
        /// Where it went.
        url: String,
        /// The client's error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A collector answered with an error status.
    #[error("{url} answered HTTP {status}")]
    Status {
        /// Where it went.
        url: String,
        /// The status.
        status: u16,
    },
}

/// One way out of the process for reports and envelopes.
pub trait Transport: Send + Sync {
    /// Posts a report (JSON) to a collector with its `X-Gufo-Err-Event` id; a collector that
    /// answers with an error status is an error.
    fn send_report(&self, url: &str, event: &str, json: &str) -> Result<Sent, TransportError>;

    /// Posts a Sentry envelope; every answer (429 included) is [`Sent::Answered`].
    fn send_envelope(&self, envelope: &Envelope<'_>) -> Result<Sent, TransportError>;
}

/// The target's own transport: [`Http`] natively, the runtime's outbox in a browser; on
/// other wasm targets (WASI), none: every send fails until you give one (`.transport(…)`).
///
/// ```
/// let _transport = err::transport::default_transport();
/// ```
pub fn default_transport() -> Arc<dyn Transport> {
    #[cfg(not(target_arch = "wasm32"))]
    return Arc::new(Http::default());
    #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
    return Arc::new(Outbox);
    #[cfg(all(target_arch = "wasm32", not(target_os = "unknown")))]
    return Arc::new(Unsupported);
}

/// The default transport where there is none (WASI): every send says so.
#[cfg(all(target_arch = "wasm32", not(target_os = "unknown")))]
struct Unsupported;

#[cfg(all(target_arch = "wasm32", not(target_os = "unknown")))]
impl Transport for Unsupported {
    fn send_report(&self, url: &str, _event: &str, _json: &str) -> Result<Sent, TransportError> {
        Err(unsupported(url))
    }

    fn send_envelope(&self, envelope: &Envelope<'_>) -> Result<Sent, TransportError> {
        Err(unsupported(envelope.url))
    }
}

#[cfg(all(target_arch = "wasm32", not(target_os = "unknown")))]
fn unsupported(url: &str) -> TransportError {
    TransportError::Network {
        url: url.to_owned(),
        source: "this target has no default transport: give one with .transport(…)".into(),
    }
}
