//! Native delivery: a blocking HTTP post with `ureq`.

use std::time::Duration;

use super::{Answer, Envelope, Sent, Transport, TransportError};

/// How long a native delivery may take by default; the panic hook waits for it.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(3);

/// Blocking HTTP with `ureq`, bounded by a timeout (3 s by default).
///
/// ```
/// use std::time::Duration;
/// let _http = err::transport::Http::with_timeout(Duration::from_secs(1));
/// ```
#[derive(Debug, Clone)]
pub struct Http {
    agent: ureq::Agent,
}

impl Default for Http {
    fn default() -> Self {
        Self::with_timeout(DEFAULT_TIMEOUT)
    }
}

impl Http {
    /// A client whose every request gives up after `timeout`.
    pub fn with_timeout(timeout: Duration) -> Self {
        Self {
            agent: ureq::AgentBuilder::new().timeout(timeout).build(),
        }
    }
}

fn network(url: &str, error: ureq::Error) -> TransportError {
    TransportError::Network {
        url: url.to_owned(),
        source: Box::new(error),
    }
}

impl Transport for Http {
    fn send_report(&self, url: &str, event: &str, json: &str) -> Result<Sent, TransportError> {
        let response = self
            .agent
            .post(url)
            .set("Content-Type", "application/json")
            .set("X-Gufo-Err-Event", event)
            .send_string(json);
        match response {
            Ok(response) => Ok(Sent::Answered(answer(&response))),
            Err(ureq::Error::Status(status, _)) => Err(TransportError::Status {
                url: url.to_owned(),
                status,
            }),
            Err(e) => Err(network(url, e)),
        }
    }

    fn send_envelope(&self, envelope: &Envelope<'_>) -> Result<Sent, TransportError> {
        let response = self
            .agent
            .post(envelope.url)
            .set("Content-Type", "application/x-sentry-envelope")
            .set("X-Sentry-Auth", envelope.auth_header)
            .send_string(envelope.body);
        match response {
            Ok(r) | Err(ureq::Error::Status(_, r)) => Ok(Sent::Answered(answer(&r))),
            Err(e) => Err(network(envelope.url, e)),
        }
    }
}

fn answer(response: &ureq::Response) -> Answer {
    Answer {
        status: response.status(),
        retry_after: response.header("Retry-After").map(str::to_owned),
        rate_limits: response.header("X-Sentry-Rate-Limits").map(str::to_owned),
    }
}
