//! Sentry: reports sent as Sentry events, in envelopes, to a DSN.
//!
//! [`Sentry`] is a middleware: add it to a [`crate::Config`] like any other. Each report
//! becomes an event (`exception` with the frames oldest first, source context, wasm frames
//! with `instruction_addr` and a `debug_meta` wasm image for server-side symbolication, our
//! fingerprint as Sentry's `fingerprint`, `level: fatal` for panics), fitted under Sentry's
//! 1 MB limit, wrapped in an envelope and posted to `/api/{project}/envelope/`:
//!
//! - natively with a blocking client (`X-Sentry-Auth` header, 3-second timeout: the panic
//!   hook flushes before it returns), honoring `429`, `Retry-After` and
//!   `X-Sentry-Rate-Limits`;
//! - in a browser through the runtime's outbox (auth in the query string and `text/plain`,
//!   as Sentry's browser SDK, so no preflight; `keepalive` within 64 KiB), retried after
//!   network failures on later loads, with the rate limits kept in localStorage.
//!
//! ```no_run
//! use err::sentry::Sentry;
//! let sentry = Sentry::new("https://public@o1.ingest.sentry.io/4505")
//!     .expect("a valid DSN")
//!     .release("shop@1.4.2")
//!     .environment("production")
//!     .tag("region", "eu")
//!     .sample_rate(0.5)
//!     .before_send(|mut event| {
//!         event["tags"]["checked"] = "yes".into();
//!         Some(event)
//!     });
//! err::Config::new().name("shop").middleware(sentry).install();
//! ```

mod dsn;
mod envelope;
mod event;
mod rate_limits;

pub use dsn::{Dsn, DsnError};
pub use event::MAX_EVENT_BYTES;
pub use rate_limits::RateLimits;

use std::sync::{Arc, Mutex};

use crate::middleware::{Middleware, MiddlewareError};
use crate::model::{ErrorInfo, Timestamp};
use crate::transport::{default_transport, Envelope, Sent, Transport};

/// Why an event was not sent.
///
/// ```
/// use err::sentry::SentryError;
/// assert_eq!(SentryError::Status(502).to_string(), "Sentry answered HTTP 502");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SentryError {
    /// Even without source context and middle frames the event is over 1 MB.
    #[error("the event does not fit Sentry's {MAX_EVENT_BYTES} bytes")]
    TooLarge,
    /// `before_send` returned something that is not an event, or a larger one.
    #[error("before_send returned an event that cannot be sent: {0}")]
    BeforeSend(String),
    /// Sentry answered 413.
    #[error("Sentry refused the event as too large (413)")]
    Refused,
    /// Sentry answered 429: events are dropped until the limit ends.
    #[error("Sentry is rate-limiting this project (429); events are dropped until the limit ends")]
    RateLimited,
    /// Another error status.
    #[error("Sentry answered HTTP {0}")]
    Status(u16),
    /// No answer (network, timeout).
    #[error("sending to Sentry failed: {0}")]
    Transport(String),
}

type BeforeSend = Box<dyn Fn(serde_json::Value) -> Option<serde_json::Value> + Send + Sync>;

/// The data category of events, for rate limits.
const CATEGORY: &str = "error";

/// The Sentry middleware; see the [module](self).
pub struct Sentry {
    dsn: Dsn,
    options: event::EventOptions,
    sample_rate: f64,
    before_send: Option<BeforeSend>,
    limits: Mutex<RateLimits>,
    transport: Arc<dyn Transport>,
}

impl std::fmt::Debug for Sentry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sentry")
            .field("dsn", &self.dsn)
            .field("options", &self.options)
            .field("sample_rate", &self.sample_rate)
            .finish_non_exhaustive()
    }
}

impl Sentry {
    /// Events to the project of `dsn`.
    ///
    /// ```
    /// use err::sentry::{DsnError, Sentry};
    /// assert!(Sentry::new("https://key@sentry.example.com/3").is_ok());
    /// assert_eq!(Sentry::new("https://key@sentry.example.com/").unwrap_err(), DsnError::BadProject(String::new()));
    /// ```
    pub fn new(dsn: &str) -> Result<Self, DsnError> {
        Ok(Self {
            dsn: dsn.parse()?,
            options: event::EventOptions::default(),
            sample_rate: 1.0,
            before_send: None,
            limits: Mutex::new(RateLimits::default()),
            transport: default_transport(),
        })
    }

    /// The release (default: `{name}@{version}` of the report).
    ///
    /// ```
    /// let s = err::sentry::Sentry::new("https://k@h/1").unwrap().release("shop@1.0");
    /// ```
    pub fn release(mut self, release: impl Into<String>) -> Self {
        self.options.release = Some(release.into());
        self
    }

    /// The environment (`production`, `staging`).
    ///
    /// ```
    /// let s = err::sentry::Sentry::new("https://k@h/1").unwrap().environment("staging");
    /// ```
    pub fn environment(mut self, environment: impl Into<String>) -> Self {
        self.options.environment = Some(environment.into());
        self
    }

    /// A tag on every event (`kind` and `engine` are added unless set here).
    ///
    /// ```
    /// let s = err::sentry::Sentry::new("https://k@h/1").unwrap().tag("region", "eu");
    /// ```
    pub fn tag(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.options.tags.insert(key.into(), value.into());
        self
    }

    /// The share of events sent, 0 to 1 (default 1).
    ///
    /// ```
    /// let none = err::sentry::Sentry::new("https://k@h/1").unwrap().sample_rate(0.0);
    /// ```
    pub fn sample_rate(mut self, rate: f64) -> Self {
        self.sample_rate = rate.clamp(0.0, 1.0);
        self
    }

    /// Sees (and may change) each event as JSON before it is sent; `None` drops it.
    ///
    /// ```
    /// let s = err::sentry::Sentry::new("https://k@h/1")
    ///     .unwrap()
    ///     .before_send(|event| (event["level"] != "fatal").then_some(event));
    /// ```
    pub fn before_send(
        mut self,
        f: impl Fn(serde_json::Value) -> Option<serde_json::Value> + Send + Sync + 'static,
    ) -> Self {
        self.before_send = Some(Box::new(f));
        self
    }

    /// Sends through `transport` instead of the target's default (see [`crate::transport`]).
    ///
    /// ```
    /// # #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    /// let s = err::sentry::Sentry::new("https://k@h/1")
    ///     .unwrap()
    ///     .transport(std::sync::Arc::new(err::transport::Http::default()));
    /// ```
    pub fn transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = transport;
        self
    }

    /// The DSN.
    ///
    /// ```
    /// let s = err::sentry::Sentry::new("https://k@h/1").unwrap();
    /// assert_eq!(s.dsn().project_id(), "1");
    /// ```
    pub fn dsn(&self) -> &Dsn {
        &self.dsn
    }

    /// The envelope for a report, as it would be sent (`None` when `before_send` drops the
    /// event). `event_id` is 32 hex digits.
    ///
    /// ```
    /// use err::model::{ErrorInfo, Kind};
    /// let sentry = err::sentry::Sentry::new("https://k@h/1").unwrap();
    /// let envelope = sentry.envelope(&ErrorInfo::new(Kind::Panic, "panic", "boom"), "0123456789abcdef0123456789abcdef").unwrap().unwrap();
    /// assert!(envelope.lines().nth(2).unwrap().contains("\"level\":\"fatal\""));
    /// ```
    pub fn envelope(
        &self,
        info: &ErrorInfo,
        event_id: &str,
    ) -> Result<Option<String>, SentryError> {
        let event = event::event(info, &self.options, event_id.to_owned());
        let mut payload = event::fit(event, MAX_EVENT_BYTES).ok_or(SentryError::TooLarge)?;
        if let Some(before_send) = &self.before_send {
            let value: serde_json::Value = serde_json::from_slice(&payload)
                .map_err(|e| SentryError::BeforeSend(e.to_string()))?;
            let Some(value) = before_send(value) else {
                return Ok(None);
            };
            if !value.is_object() {
                return Err(SentryError::BeforeSend(String::from("not a JSON object")));
            }
            payload =
                serde_json::to_vec(&value).map_err(|e| SentryError::BeforeSend(e.to_string()))?;
            if payload.len() > MAX_EVENT_BYTES {
                return Err(SentryError::BeforeSend(String::from("over 1 MB")));
            }
        }
        let sent_at = Timestamp::from_unix_millis(crate::platform::now_millis()).to_string();
        Ok(Some(envelope::envelope(
            event_id, &self.dsn, &sent_at, &payload,
        )))
    }
}

impl Middleware for Sentry {
    fn process(&self, info: &ErrorInfo) -> Result<(), MiddlewareError> {
        if self.sample_rate < 1.0
            && (crate::platform::random_u64() as f64 / u64::MAX as f64) >= self.sample_rate
        {
            return Ok(());
        }
        let now = crate::platform::now_millis();
        let limited = |limits: &RateLimits| limits.is_limited(CATEGORY, now);
        if limited(&self.limits.lock().unwrap_or_else(|p| p.into_inner())) {
            return Ok(());
        }
        let Some(envelope) =
            self.envelope(info, &crate::platform::random_uuid().simple().to_string())?
        else {
            return Ok(());
        };
        let client = format!("{}/{}", event::SDK.name, event::SDK.version);
        let sent = self.transport.send_envelope(&Envelope {
            url: &self.dsn.envelope_url(),
            auth_header: &self.dsn.auth_header(&client),
            auth_query: &self.dsn.auth_query(&client),
            body: &envelope,
            category: CATEGORY,
        });
        let answer = match sent {
            Ok(Sent::Answered(answer)) => answer,
            Ok(Sent::Queued) => return Ok(()),
            Err(e) => return Err(SentryError::Transport(e.to_string()).into()),
        };
        self.limits
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .update(
                crate::platform::now_millis(),
                answer.status,
                answer.retry_after.as_deref(),
                answer.rate_limits.as_deref(),
            );
        match answer.status {
            200..=299 => Ok(()),
            413 => Err(SentryError::Refused.into()),
            429 => Err(SentryError::RateLimited.into()),
            status => Err(SentryError::Status(status).into()),
        }
    }
}
