//! The browser store's record: one per fingerprint in IndexedDB (`gufo-err`, store
//! `reports`), as the runtime writes it (`core/js/runtime/store.js`, `ReportRecord`) and
//! `err::browser::stored_records()` and the npm package's `reports()` hand it out. The
//! viewer reads the store through this type.

use serde::{Deserialize, Serialize};

/// A record of the browser store.
///
/// ```
/// use err::codec::StoreRecord;
/// let record: StoreRecord = serde_json::from_str(r#"{"fingerprint":"f","report":"{}","count":3,
///     "first_seen":1000,"last_seen":2000,"events":["e1"],
///     "secondary":[{"fingerprint":"f","kind":"trap","secondary":true,"message":"unreachable","stack":"","time":1500}]}"#).unwrap();
/// assert_eq!((record.count, record.secondary[0].message.as_str()), (Some(3), "unreachable"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StoreRecord {
    /// The fingerprint (the record's key).
    #[serde(default)]
    pub fingerprint: String,
    /// The first occurrence's report, as JSON text.
    pub report: String,
    /// How many occurrences the store has counted.
    #[serde(default)]
    pub count: Option<u64>,
    /// The first occurrence, Unix milliseconds.
    #[serde(default)]
    pub first_seen: Option<f64>,
    /// The last occurrence, Unix milliseconds.
    #[serde(default)]
    pub last_seen: Option<f64>,
    /// The event ids of the most recent occurrences (a merge never counts one twice).
    #[serde(default)]
    pub events: Vec<String>,
    /// The traps that followed its panics.
    #[serde(default)]
    pub secondary: Vec<LinkedTrap>,
}

/// A trap linked to the panic before it (kept in the panic's record, never a report).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LinkedTrap {
    /// The trap's message (`unreachable`, `RuntimeError: unreachable executed`).
    #[serde(default)]
    pub message: String,
    /// Its stack.
    #[serde(default)]
    pub stack: String,
    /// When, Unix milliseconds.
    #[serde(default)]
    pub time: Option<f64>,
}
