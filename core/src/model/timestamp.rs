//! UTC timestamps that read both RFC 3339 and Gufo Err 1.0's naive ISO 8601.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};

/// A point in time, always kept in UTC and written as RFC 3339 (`2026-11-25T17:36:02.5Z`).
///
/// Reading also accepts the naive `YYYY-MM-DDTHH:MM:SS[.ffffff]` that Python's
/// `datetime.isoformat()` writes in Gufo Err 1.0 reports; such times are taken as UTC.
///
/// ```
/// use err::model::Timestamp;
/// let t = Timestamp::from_unix_millis(1_764_092_162_500);
/// assert_eq!(t.to_string(), "2025-11-25T17:36:02.5Z");
/// assert_eq!(Timestamp::parse("2025-11-25T17:36:02.500000").unwrap(), t);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(OffsetDateTime);

impl Timestamp {
    /// The time `millis` milliseconds after the Unix epoch (clamped to the valid range).
    ///
    /// ```
    /// # use err::model::Timestamp;
    /// assert_eq!(Timestamp::from_unix_millis(0).unix_millis(), 0);
    /// ```
    pub fn from_unix_millis(millis: i64) -> Self {
        let nanos = i128::from(millis) * 1_000_000;
        Self(OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or(OffsetDateTime::UNIX_EPOCH))
    }

    /// Milliseconds since the Unix epoch.
    ///
    /// ```
    /// # use err::model::Timestamp;
    /// assert_eq!(Timestamp::from_unix_millis(42).unix_millis(), 42);
    /// ```
    pub fn unix_millis(&self) -> i64 {
        let millis = self.0.unix_timestamp_nanos() / 1_000_000;
        i64::try_from(millis).unwrap_or(i64::MAX)
    }

    /// The time a [`std::time::SystemTime`] reads (natively; a browser's clock is
    /// `Date.now()`, given to [`Timestamp::from_unix_millis`]). The model reads no clock itself:
    /// callers pass the time.
    ///
    /// ```
    /// # use err::model::Timestamp;
    /// let t = Timestamp::from_system_time(std::time::UNIX_EPOCH + std::time::Duration::from_millis(42));
    /// assert_eq!(t.unix_millis(), 42);
    /// ```
    pub fn from_system_time(time: std::time::SystemTime) -> Self {
        let millis = match time.duration_since(std::time::UNIX_EPOCH) {
            Ok(after) => i64::try_from(after.as_millis()).unwrap_or(i64::MAX),
            Err(before) => i64::try_from(before.duration().as_millis()).map_or(i64::MIN, |m| -m),
        };
        Self::from_unix_millis(millis)
    }

    /// Parses RFC 3339, or a naive ISO 8601 date-time taken as UTC.
    ///
    /// ```
    /// # use err::model::Timestamp;
    /// assert!(Timestamp::parse("2026-11-25T17:36:02+01:00").is_ok());
    /// assert!(Timestamp::parse("yesterday").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Self, time::error::Parse> {
        if let Ok(t) = OffsetDateTime::parse(text, &Rfc3339) {
            return Ok(Self(t.to_offset(time::UtcOffset::UTC)));
        }
        let naive = format_description!(
            version = 2,
            "[year]-[month]-[day]T[hour]:[minute]:[second][optional [.[subsecond]]]"
        );
        PrimitiveDateTime::parse(text, naive).map(|t| Self(t.assume_utc()))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.format(&Rfc3339) {
            Ok(text) => f.write_str(&text),
            Err(_) => write!(f, "{}", self.0.unix_timestamp()),
        }
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text)
            .map_err(|e| serde::de::Error::custom(format!("bad timestamp {text:?}: {e}")))
    }
}
