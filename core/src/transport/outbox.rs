//! Browser delivery: the runtime's outbox (`core/js/runtime.js`).

use super::{Envelope, Sent, Transport, TransportError};
use crate::browser::runtime;

/// The runtime's outbox: kept in localStorage until acknowledged, sent with
/// `fetch(…, {keepalive: true})`, resent with backoff on later loads. Sentry envelopes go
/// authenticated by the query string, as `text/plain`, and are dropped while Sentry's rate
/// limits for their category hold (kept in localStorage, so they hold across pages).
#[derive(Debug, Clone, Copy, Default)]
pub struct Outbox;

impl Transport for Outbox {
    fn send_report(&self, url: &str, event: &str, json: &str) -> Result<Sent, TransportError> {
        runtime::deliver(url, json, event);
        Ok(Sent::Queued)
    }

    fn send_envelope(&self, envelope: &Envelope<'_>) -> Result<Sent, TransportError> {
        let url = format!("{}?{}", envelope.url, envelope.auth_query);
        runtime::send_envelope(&url, envelope.body, envelope.category);
        Ok(Sent::Queued)
    }
}
