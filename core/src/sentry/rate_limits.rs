//! What Sentry said about sending less: `429`, `Retry-After` and `X-Sentry-Rate-Limits`.

use std::collections::HashMap;

/// How long to wait after a `429` that says nothing else, in seconds (as Sentry's SDKs).
const DEFAULT_RETRY_AFTER_S: u64 = 60;

/// Until when each data category may not be sent (Unix milliseconds).
///
/// ```
/// use err::sentry::RateLimits;
/// let mut limits = RateLimits::default();
/// limits.update(1_000, 200, None, Some("60:error;default:key, 5::organization"));
/// assert!(limits.is_limited("error", 30_000));
/// assert!(!limits.is_limited("error", 61_001));
/// assert!(limits.is_limited("transaction", 5_999));  // the 5 s limit covers every category
/// assert!(!limits.is_limited("transaction", 6_001));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RateLimits {
    /// Per category; the empty string is every category.
    until: HashMap<String, i64>,
}

impl RateLimits {
    /// Takes in a response: its status and its `Retry-After` and `X-Sentry-Rate-Limits`
    /// headers, received at `now_ms`.
    pub fn update(
        &mut self,
        now_ms: i64,
        status: u16,
        retry_after: Option<&str>,
        rate_limits: Option<&str>,
    ) {
        if let Some(header) = rate_limits.filter(|h| !h.trim().is_empty()) {
            for limit in header.split(',') {
                let mut parts = limit.trim().split(':');
                let Some(seconds) = parts.next().and_then(seconds) else {
                    continue;
                };
                let until = now_ms.saturating_add((seconds * 1000.0) as i64);
                let categories = parts.next().unwrap_or_default();
                if categories.trim().is_empty() {
                    self.extend("", until);
                } else {
                    // An empty item (`error;;default;`) names no category: not all of them.
                    for category in categories.split(';').map(str::trim) {
                        if !category.is_empty() {
                            self.extend(category, until);
                        }
                    }
                }
            }
        } else if status == 429 {
            let seconds = retry_after
                .and_then(seconds)
                .unwrap_or(DEFAULT_RETRY_AFTER_S as f64);
            self.extend("", now_ms.saturating_add((seconds * 1000.0) as i64));
        }
    }

    fn extend(&mut self, category: &str, until: i64) {
        let entry = self.until.entry(category.to_owned()).or_insert(until);
        *entry = (*entry).max(until);
    }

    /// Whether `category` (such as `error`) may not be sent at `now_ms`.
    ///
    /// ```
    /// let mut limits = err::sentry::RateLimits::default();
    /// limits.update(0, 429, Some("2"), None);
    /// assert!(limits.is_limited("error", 1_999));
    /// assert!(!limits.is_limited("error", 2_000));
    /// ```
    pub fn is_limited(&self, category: &str, now_ms: i64) -> bool {
        [category, ""]
            .iter()
            .filter_map(|c| self.until.get(*c))
            .any(|&until| now_ms < until)
    }
}

/// The longest a limit holds, in seconds: one day. A server (or anything between) that says
/// `1e300` must not stop the reports for good.
const MAX_LIMIT_S: f64 = 86_400.0;

/// A number of seconds, if finite, at most [`MAX_LIMIT_S`]: `inf` and `NaN`, which
/// `f64::from_str` reads, are junk (not a limit forever, or none).
fn seconds(text: &str) -> Option<f64> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|s| s.is_finite())
        .map(|s| s.min(MAX_LIMIT_S))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_429_without_headers_waits_a_minute_and_bad_entries_are_skipped() {
        let mut limits = RateLimits::default();
        limits.update(0, 429, None, None);
        assert!(limits.is_limited("error", 59_999));
        assert!(!limits.is_limited("error", 60_000));
        let mut limits = RateLimits::default();
        limits.update(0, 429, Some("x"), Some("junk, 10:error:key"));
        assert!(limits.is_limited("error", 9_999));
        assert!(!limits.is_limited("transaction", 1));
    }

    #[test]
    fn a_shorter_limit_never_shortens_a_longer_one() {
        let mut limits = RateLimits::default();
        limits.update(0, 200, None, Some("100:error"));
        limits.update(0, 200, None, Some("1:error"));
        assert!(limits.is_limited("error", 50_000));
    }
}
