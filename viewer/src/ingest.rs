//! Bytes in, list entries out.
//!
//! A source (a dropped file, a fetched URL, a paste, a record of the browser store) is
//! opened once ([`open`]): gzip is inflated, a raw stack trace is turned into a report with
//! the core pipeline, and nothing else is read yet. Items are then taken a chunk at a time
//! ([`Pending::next_chunk`]): a JSON array is walked item by item (each one validated and
//! delimited by serde_json from its byte offset), so that a list of 10,000 reports paints
//! its first rows long before its last byte is read, and the page never waits for a whole
//! pass over it. Each item keeps only its [`Summary`] (one lean pass) and where its full
//! text is ([`Body`]); the full report is decoded when it is opened.
//!
//! One bad item never stops the rest: it becomes a [`LoadError`] naming the source, the item
//! and the reason.
//!
//! ```
//! use gufo_err_viewer::ingest::open;
//! let mut pending = open("paste", b"TypeError: x is undefined\n    at f (http://x/a.js:1:2)".to_vec(), None).unwrap();
//! let batch = pending.next_chunk(100);
//! assert_eq!(batch.entries[0].summary.class, "TypeError");
//! assert!(pending.is_done());
//! ```

use std::ops::Range;
use std::rc::Rc;

use err::codec::{self, CodecError, StoreRecord, Summary};
use err::model::Timestamp;
use err::pipeline::{build, Capture, Detached, Settings};
use serde::Deserialize;
use serde_json::value::RawValue;

/// The largest source read: 256 MiB of JSON (a list of many reports; each report within
/// it, like a gzip source once inflated, is held to the core codec's 64 MiB).
pub const MAX_SOURCE_BYTES: usize = 256 << 20;

/// Where the full text of a report is.
#[derive(Debug, Clone)]
pub enum Body {
    /// `bytes[range]` holds the report's JSON.
    Bytes {
        /// The source's bytes (shared by all its items).
        bytes: Rc<Vec<u8>>,
        /// The report's part of them.
        range: Range<usize>,
    },
    /// The report is fetched from this URL when opened (a collector's list gives summaries).
    Remote(String),
}

impl Body {
    /// The report's bytes, when the viewer holds them.
    ///
    /// ```
    /// use gufo_err_viewer::ingest::Body;
    /// let body = Body::Bytes { bytes: std::rc::Rc::new(b"[{}]".to_vec()), range: 1..3 };
    /// assert_eq!(body.slice(), Some(&b"{}"[..]));
    /// assert_eq!(Body::Remote("http://x/1".into()).slice(), None);
    /// ```
    pub fn slice(&self) -> Option<&[u8]> {
        match self {
            Body::Bytes { bytes, range } => bytes.get(range.clone()),
            Body::Remote(_) => None,
        }
    }
}

/// One report as the list needs it.
#[derive(Debug, Clone)]
pub struct Entry {
    /// What the list shows.
    pub summary: Summary,
    /// Where the full report is.
    pub body: Body,
    /// The source it came from (file name, URL, `paste`, `browser store`).
    pub origin: Rc<str>,
}

/// A source, or one item of it, that could not be read.
///
/// ```
/// let e = gufo_err_viewer::ingest::open("a.json", b"  ".to_vec(), None).map(|_| ()).unwrap_err();
/// assert_eq!(e.to_string(), "a.json: is empty");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}: {reason}")]
pub struct LoadError {
    /// The source (and item) that failed: `reports.json`, `reports.json, item 7`.
    pub origin: String,
    /// Why, for people.
    pub reason: String,
}

impl LoadError {
    /// A failure of `origin` because of `reason`.
    ///
    /// ```
    /// let e = gufo_err_viewer::ingest::LoadError::new("x.json", "is empty");
    /// assert_eq!(e.to_string(), "x.json: is empty");
    /// ```
    pub fn new(origin: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            origin: origin.into(),
            reason: reason.into(),
        }
    }
}

/// Whether a source is a symbol bundle (`.errsym`, before any query or fragment), which the
/// viewer takes as symbols, not reports.
///
/// ```
/// use gufo_err_viewer::ingest::is_symbol_bundle;
/// assert!(is_symbol_bundle("/panicker.errsym?v=2"));
/// assert!(!is_symbol_bundle("list.json#x.errsym"));
/// ```
pub fn is_symbol_bundle(origin: &str) -> bool {
    origin
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .ends_with(".errsym")
}

/// Whether a body is an empty JSON list (`[]`, blanks aside): a collector with nothing yet.
///
/// ```
/// use gufo_err_viewer::ingest::is_empty_list;
/// assert!(is_empty_list(b" [ ]\n"));
/// assert!(!is_empty_list(b"[{}]"));
/// ```
pub fn is_empty_list(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .filter(|b| !b.is_ascii_whitespace())
        .eq(b"[]".iter())
}

/// How far a source is read, for the progress line.
///
/// ```
/// let p = gufo_err_viewer::ingest::Progress::starting("list.json");
/// assert_eq!((p.origin.as_str(), p.done, p.percent), ("list.json", 0, 0));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// The source.
    pub origin: String,
    /// Items read.
    pub done: usize,
    /// The share of the source read, in percent.
    pub percent: u32,
}

impl Progress {
    /// A source asked for, nothing of it read yet.
    pub fn starting(origin: impl Into<String>) -> Self {
        Self {
            origin: origin.into(),
            done: 0,
            percent: 0,
        }
    }
}

/// What one chunk of a source gave.
#[derive(Debug, Default)]
pub struct Batch {
    /// The reports read.
    pub entries: Vec<Entry>,
    /// The items that could not be read.
    pub errors: Vec<LoadError>,
}

/// An opened source whose items are decoded a chunk at a time.
#[derive(Debug)]
pub struct Pending {
    origin: Rc<str>,
    bytes: Rc<Vec<u8>>,
    shape: Shape,
    /// Where the next item starts looking.
    cursor: usize,
    /// Items taken so far.
    taken: usize,
    finished: bool,
    base_url: Option<String>,
}

/// What the source's bytes hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// One item, from `cursor` to the end.
    Single,
    /// A JSON array; `cursor` walks it (its errors name the item).
    List,
}

impl Pending {
    /// How many items were taken (decoded or failed).
    pub fn done(&self) -> usize {
        self.taken
    }

    /// The share of the source's bytes read, 0 to 1.
    pub fn fraction(&self) -> f64 {
        if self.finished || self.bytes.is_empty() {
            1.0
        } else {
            self.cursor as f64 / self.bytes.len() as f64
        }
    }

    /// Whether every item was taken.
    pub fn is_done(&self) -> bool {
        self.finished
    }

    /// The source's name.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// How far the source is read.
    pub fn progress(&self) -> Progress {
        Progress {
            origin: self.origin.to_string(),
            done: self.taken,
            percent: (self.fraction() * 100.0) as u32,
        }
    }

    /// Decodes up to `n` more items.
    ///
    /// ```
    /// let list = br#"[{"$type":"errorinfo"}, 3]"#.to_vec();
    /// let mut pending = gufo_err_viewer::ingest::open("list.json", list, None).unwrap();
    /// let batch = pending.next_chunk(10);
    /// assert_eq!(batch.errors.len(), 2);
    /// assert!(batch.errors[1].to_string().starts_with("list.json, item 2: "));
    /// ```
    pub fn next_chunk(&mut self, n: usize) -> Batch {
        let mut batch = Batch::default();
        for _ in 0..n {
            let next = match self.shape {
                Shape::Single if self.finished => None,
                Shape::Single => {
                    self.finished = true;
                    Some(Ok(self.cursor..self.bytes.len()))
                }
                Shape::List => self.next_in_list(),
            };
            let Some(next) = next else { break };
            self.taken += 1;
            let decoded = next.and_then(|range| self.decode(range));
            match decoded {
                Ok(entry) => batch.entries.push(entry),
                Err(reason) => {
                    let origin = match self.shape {
                        Shape::List => format!("{}, item {}", self.origin, self.taken),
                        Shape::Single => self.origin.to_string(),
                    };
                    batch.errors.push(LoadError::new(origin, reason));
                }
            }
        }
        batch
    }

    /// The byte range of the array's next item (validated JSON), `None` after the last.
    /// A syntax error ends the list: nothing after it can be delimited.
    fn next_in_list(&mut self) -> Option<Result<Range<usize>, String>> {
        if self.finished {
            return None;
        }
        let bytes = Rc::clone(&self.bytes);
        let skip = |at: usize| {
            bytes[at..]
                .iter()
                .position(|b| !b.is_ascii_whitespace())
                .map_or(bytes.len(), |p| at + p)
        };
        let mut at = skip(self.cursor);
        match bytes.get(at) {
            Some(b']') => {
                self.finished = true;
                return bytes
                    .get(skip(at + 1))
                    .map(|_| Err(String::from("is not valid JSON: text after the list's end")));
            }
            Some(b',') if self.taken > 0 => at = skip(at + 1),
            _ if self.taken == 0 => {}
            Some(other) => {
                self.finished = true;
                return Some(Err(format!(
                    "is not valid JSON: expected , or ] but found {:?}",
                    char::from(*other)
                )));
            }
            None => {
                self.finished = true;
                return Some(Err(String::from(
                    "is not valid JSON: the list is cut short",
                )));
            }
        }
        let mut deserializer = serde_json::Deserializer::from_slice(&bytes[at..]);
        match <&RawValue as Deserialize>::deserialize(&mut deserializer) {
            Ok(raw) => {
                let start = raw.get().as_ptr() as usize - bytes.as_ptr() as usize;
                let end = start + raw.get().len();
                self.cursor = end;
                Some(Ok(start..end))
            }
            Err(e) => {
                self.finished = true;
                Some(Err(format!("is not valid JSON: {e}")))
            }
        }
    }

    fn decode(&self, range: Range<usize>) -> Result<Entry, String> {
        let slice = self.bytes.get(range.clone()).unwrap_or_default();
        match codec::summary_from_slice(slice) {
            Ok(summary) => Ok(Entry {
                summary,
                body: Body::Bytes {
                    bytes: Rc::clone(&self.bytes),
                    range,
                },
                origin: Rc::clone(&self.origin),
            }),
            Err(CodecError::MissingType) => self.decode_untyped(slice),
            Err(e) => Err(e.to_string()),
        }
    }

    /// An item without `$type`: a record of the browser store, or a collector's summary.
    fn decode_untyped(&self, slice: &[u8]) -> Result<Entry, String> {
        if let Ok(record) = serde_json::from_slice::<StoreRecord>(slice) {
            return record_entry(record, Rc::clone(&self.origin));
        }
        if let Ok(summary) = serde_json::from_slice::<Summary>(slice) {
            let Some(base) = &self.base_url else {
                return Err(String::from(
                    "a summary without its report: load the collector's URL to open it",
                ));
            };
            let url = format!("{base}/{}", summary.fingerprint);
            return Ok(Entry {
                summary,
                body: Body::Remote(url),
                origin: Rc::clone(&self.origin),
            });
        }
        Err(CodecError::MissingType.to_string())
    }
}

/// A record of the browser store ([`StoreRecord`]) as an entry: its report, with the
/// store's count, times and the event ids of its occurrences.
fn record_entry(record: StoreRecord, origin: Rc<str>) -> Result<Entry, String> {
    let bytes = Rc::new(record.report.into_bytes());
    let mut summary = codec::summary_from_slice(&bytes).map_err(|e| e.to_string())?;
    let millis = |t: f64| Timestamp::from_unix_millis(t as i64);
    if let Some(count) = record.count {
        summary.count = count;
    }
    summary.timestamp = record.first_seen.map(millis).or(summary.timestamp);
    summary.last_seen = record.last_seen.map(millis).or(summary.last_seen);
    summary.events = record.events;
    let range = 0..bytes.len();
    Ok(Entry {
        summary,
        body: Body::Bytes { bytes, range },
        origin,
    })
}

/// Opens a source: a report, a JSON array (of reports, store records or collector
/// summaries), gzip of either, or a raw stack trace of any engine. `base_url` is the URL
/// the bytes came from, where summaries' reports are fetched (`{base_url}/{fingerprint}`).
///
/// ```
/// use gufo_err_viewer::ingest::open;
/// assert_eq!(open("e.json", Vec::new(), None).unwrap_err().reason, "is empty");
/// let e = open("notes.txt", b"hello world".to_vec(), None).unwrap_err();
/// assert_eq!(e.reason, "is neither a report (JSON) nor a stack trace");
/// ```
pub fn open(origin: &str, bytes: Vec<u8>, base_url: Option<&str>) -> Result<Pending, LoadError> {
    let fail = |reason: String| LoadError::new(origin, reason);
    let bytes = if codec::is_gzip(&bytes) {
        codec::gunzip(&bytes)
            .map_err(|e| fail(e.to_string()))?
            .into_bytes()
    } else {
        bytes
    };
    if bytes.len() > MAX_SOURCE_BYTES {
        return Err(fail(format!(
            "is {} MiB, more than the {} MiB the viewer reads",
            bytes.len() >> 20,
            MAX_SOURCE_BYTES >> 20
        )));
    }
    let start = bytes.strip_prefix("\u{feff}".as_bytes()).map_or(0, |_| 3);
    let first = bytes[start..]
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map(|i| (start + i, bytes[start + i]));
    let (shape, cursor, bytes) = match first {
        None => return Err(fail(String::from("is empty"))),
        Some((i, b'[')) => (Shape::List, i + 1, bytes),
        Some((i, b'{')) => (Shape::Single, i, bytes),
        Some(_) => {
            let json = stack_report(&String::from_utf8_lossy(&bytes)).ok_or_else(|| {
                fail(String::from("is neither a report (JSON) nor a stack trace"))
            })?;
            (Shape::Single, 0, json.into_bytes())
        }
    };
    Ok(Pending {
        origin: Rc::from(origin),
        // Rc<Vec> rather than Rc<[u8]>: no copy of a list of many megabytes.
        bytes: Rc::new(bytes),
        shape,
        cursor,
        taken: 0,
        finished: false,
        base_url: base_url.map(|u| u.trim_end_matches('/').to_owned()),
    })
}

/// The time now, for a pasted stack: the browser's clock in the viewer, the system's in
/// native tests.
fn now() -> Timestamp {
    #[cfg(target_arch = "wasm32")]
    return Timestamp::from_unix_millis(js_sys::Date::now() as i64);
    #[cfg(not(target_arch = "wasm32"))]
    return Timestamp::from_system_time(std::time::SystemTime::now());
}

/// A report, as JSON, of a raw stack trace; `None` when the text has no frame.
fn stack_report(text: &str) -> Option<String> {
    if err::parse::parse_stack(text).frames.is_empty() {
        return None;
    }
    let settings = Settings {
        context_lines: 0,
        ..Settings::default()
    };
    // The names of the viewer's own module would be wrong for someone else's stack.
    let mut capture = Capture::from_text(text, None);
    capture.timestamp = Some(now());
    let info = build(capture, &settings, &Detached);
    Some(codec::to_json(&info))
}

#[cfg(test)]
mod tests {
    use super::*;
    use err::model::{ErrorInfo, Kind};

    fn report(message: &str) -> ErrorInfo {
        let mut info = ErrorInfo::new(Kind::Panic, "panic", message);
        info.fingerprint = uuid::Uuid::from_u128(message.len() as u128 + 1);
        info
    }

    #[test]
    fn a_list_is_decoded_in_chunks_and_each_item_keeps_its_own_bytes() {
        let list = format!(
            "[{}, {}, {}]",
            codec::to_json(&report("a")),
            codec::to_json(&report("bb")),
            codec::to_json(&report("ccc"))
        );
        let mut pending = open("list.json", list.into_bytes(), None).unwrap();
        let first = pending.next_chunk(2);
        assert_eq!(first.entries.len(), 2);
        assert!(!pending.is_done());
        let second = pending.next_chunk(2);
        assert!(pending.is_done());
        let body = second.entries[0].body.slice().unwrap();
        assert_eq!(codec::from_slice(body).unwrap().message, "ccc");
    }

    #[test]
    fn progress_counts_items_and_the_share_of_bytes_read() {
        let list = format!(
            "[{}, {}]",
            codec::to_json(&report("a")),
            codec::to_json(&report("b"))
        );
        let mut pending = open("list.json", list.into_bytes(), None).unwrap();
        assert_eq!(pending.progress(), Progress::starting("list.json"));
        pending.next_chunk(1);
        let halfway = pending.progress();
        assert_eq!(halfway.done, 1);
        assert!((1..100).contains(&halfway.percent), "{halfway:?}");
        pending.next_chunk(5);
        assert_eq!(pending.progress().percent, 100);
    }

    #[test]
    fn gzip_of_a_report_opens() {
        let gz = codec::to_gzip(&report("zipped"));
        let mut pending = open("r.json.gz", gz, None).unwrap();
        assert_eq!(pending.next_chunk(1).entries[0].summary.message, "zipped");
    }

    #[test]
    fn a_bad_item_names_its_index_and_the_rest_still_loads() {
        let list = format!(
            "[{}, {{\"$type\": \"errorinfo\", \"$version\": \"2.0\"}}]",
            codec::to_json(&report("ok"))
        );
        let batch = open("l.json", list.into_bytes(), None)
            .unwrap()
            .next_chunk(9);
        assert_eq!(batch.entries.len(), 1);
        assert_eq!(batch.errors[0].origin, "l.json, item 2");
        assert!(
            batch.errors[0].reason.contains("name"),
            "{}",
            batch.errors[0].reason
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        for deep in [
            "[".repeat(100_000) + &"]".repeat(100_000),
            format!("{{\"a\":{}1{}}}", "[".repeat(100_000), "]".repeat(100_000)),
        ] {
            // Either the split or the item's decoding refuses it (serde_json's recursion
            // limit, or a missing "$type" past the skipped nesting); nothing overflows.
            let errors = match open("deep.json", deep.into_bytes(), None) {
                Ok(mut pending) => pending.next_chunk(1).errors,
                Err(e) => vec![e],
            };
            assert_eq!(errors.len(), 1);
            let reason = &errors[0].reason;
            assert!(
                reason.contains("recursion limit") || reason.contains("$type"),
                "{reason}"
            );
        }
    }

    #[test]
    fn store_records_take_their_count_and_times() {
        let record = serde_json::json!([{
            "fingerprint": "x",
            "report": codec::to_json(&report("stored")),
            "count": 7,
            "first_seen": 1_000.0,
            "last_seen": 5_000.0,
        }]);
        let batch = open("browser store", record.to_string().into_bytes(), None)
            .unwrap()
            .next_chunk(1);
        let s = &batch.entries[0].summary;
        assert_eq!((s.count, s.message.as_str()), (7, "stored"));
        assert_eq!(s.last_seen.map(|t| t.unix_millis()), Some(5_000));
        assert_eq!(s.timestamp.map(|t| t.unix_millis()), Some(1_000));
    }

    #[test]
    fn collector_summaries_point_at_their_reports() {
        let summary = Summary::from(&report("remote"));
        let list = serde_json::to_vec(&[&summary]).unwrap();
        let base = "http://127.0.0.1:1/api/v1/errors/";
        let batch = open(base, list.clone(), Some(base)).unwrap().next_chunk(1);
        match &batch.entries[0].body {
            Body::Remote(url) => assert_eq!(
                url,
                &format!("http://127.0.0.1:1/api/v1/errors/{}", summary.fingerprint)
            ),
            other => panic!("{other:?}"),
        }
        let without = open("list.json", list, None).unwrap().next_chunk(1);
        assert!(without.errors[0].reason.contains("collector"));
    }

    #[test]
    fn a_pasted_stack_becomes_a_report_without_the_viewers_own_names() {
        let text = "RuntimeError: unreachable\n    at app.wasm.app::run::h0123456789abcdef (http://x/app.wasm:wasm-function[12]:0x1a)\n    at http://x/main.js:3:5";
        let mut pending = open("paste", text.as_bytes().to_vec(), None).unwrap();
        let entry = pending.next_chunk(1).entries.remove(0);
        let info = codec::from_slice(entry.body.slice().unwrap()).unwrap();
        assert_eq!(info.kind, Kind::Trap);
        assert!(info.stack.iter().any(|f| f.function == "app::run"));
    }

    #[test]
    fn too_large_and_not_json_are_refused_with_reasons() {
        let big = vec![b' '; MAX_SOURCE_BYTES + 1];
        let e = open("big.json", big, None).map(|_| ()).unwrap_err();
        assert!(e.reason.contains("MiB"));
        let batch = open("bad.json", b"[1, 2".to_vec(), None)
            .unwrap()
            .next_chunk(9);
        assert_eq!(batch.errors.len(), 3, "{:?}", batch.errors);
        assert!(batch.errors[2].reason.starts_with("is not valid JSON"));
        let batch = open("tail.json", b"[] x".to_vec(), None)
            .unwrap()
            .next_chunk(9);
        assert_eq!(
            batch.errors[0].reason,
            "is not valid JSON: text after the list's end"
        );
        let empty = open("empty.json", b" [ ] ".to_vec(), None)
            .unwrap()
            .next_chunk(9);
        assert!(empty.entries.is_empty() && empty.errors.is_empty());
        let cut = open("cut.json", b"[{}, ".to_vec(), None)
            .unwrap()
            .next_chunk(9);
        assert_eq!(cut.errors.len(), 2, "{:?}", cut.errors);
    }
}
