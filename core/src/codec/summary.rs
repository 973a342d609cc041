//! [`Summary`]: what a listing shows of a report, read in one pass that skips the heavy
//! parts (locals, source lines, raw text) without building them.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{v1, CodecError, TYPE, VERSION, VERSION_1};
use crate::model::{describe_place, Engine, Exception, Frame, Kind, Location, Timestamp};

/// A report as a list shows it.
///
/// ```
/// use err::model::{ErrorInfo, Kind, Location};
/// let mut info = ErrorInfo::new(Kind::Panic, "panic", "boom");
/// info.location = Some(Location::new("src/cart.rs", 88, 9));
/// let summary = err::codec::summary_from_slice(err::codec::to_json(&info).as_bytes()).unwrap();
/// assert_eq!((summary.kind, summary.place.as_str(), summary.count), (Kind::Panic, "src/cart.rs:88", 1));
/// assert_eq!(summary, err::codec::Summary::from(&info));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// The fingerprint.
    pub fingerprint: Uuid,
    /// Service name.
    pub name: String,
    /// Service version.
    pub version: String,
    /// What happened.
    pub kind: Kind,
    /// The exception class.
    pub class: String,
    /// The message.
    pub message: String,
    /// How many times it was seen.
    pub count: u64,
    /// First seen.
    pub timestamp: Option<Timestamp>,
    /// Last seen (the first time when a store never saw it again).
    pub last_seen: Option<Timestamp>,
    /// The engine.
    pub engine: Option<Engine>,
    /// Where it failed ([`crate::model::ErrorInfo::place`]).
    pub place: String,
    /// The event ids of the occurrences counted (see [`crate::model::ErrorInfo::events`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<String>,
}

impl From<&crate::model::ErrorInfo> for Summary {
    fn from(info: &crate::model::ErrorInfo) -> Self {
        Self {
            fingerprint: info.fingerprint,
            name: info.name.clone(),
            version: info.version.clone(),
            kind: info.kind,
            class: info.exception.class.clone(),
            message: info.message.clone(),
            count: info.count,
            timestamp: info.timestamp,
            last_seen: info.last_seen.or(info.timestamp),
            engine: info.engine,
            place: info.place(),
            events: info.events.clone(),
        }
    }
}

fn one() -> u64 {
    1
}

#[derive(Deserialize)]
struct Raw {
    #[serde(rename = "$type", default)]
    kind_tag: Option<serde_json::Value>,
    #[serde(rename = "$version", default)]
    version_tag: Option<serde_json::Value>,
    name: String,
    version: String,
    fingerprint: Uuid,
    exception: Exception,
    stack: Vec<RawFrame>,
    #[serde(default)]
    timestamp: Option<Timestamp>,
    #[serde(default)]
    root_module: Option<String>,
    #[serde(default)]
    kind: Option<Kind>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    location: Option<RawLocation>,
    #[serde(default)]
    engine: Option<Engine>,
    #[serde(default = "one")]
    count: u64,
    #[serde(default)]
    last_seen: Option<Timestamp>,
    #[serde(default)]
    events: Vec<String>,
}

#[derive(Deserialize)]
struct RawLocation {
    file: String,
    line: u32,
}

#[derive(Deserialize)]
struct RawSource {
    file_name: String,
    current_line: u32,
}

#[derive(Deserialize)]
struct RawFrame {
    #[serde(default)]
    name: String,
    #[serde(default)]
    module: Option<String>,
    #[serde(default)]
    function: Option<String>,
    #[serde(default)]
    in_app: Option<bool>,
    #[serde(default)]
    file: Option<String>,
    #[serde(default)]
    line: Option<u32>,
    #[serde(default)]
    source: Option<RawSource>,
    #[serde(default)]
    wasm_function: Option<u32>,
    #[serde(default)]
    wasm_offset: Option<u64>,
}

/// Reads the [`Summary`] of a report (JSON or gzip, version 2.0 or 1.0) without
/// materializing its frames' locals, source lines or raw text.
///
/// ```
/// let e = err::codec::summary_from_slice(br#"{"$type":"errorinfo","$version":"0.9"}"#).unwrap_err();
/// assert!(matches!(e, err::codec::CodecError::BadVersion(_)));
/// ```
pub fn summary_from_slice(bytes: &[u8]) -> Result<Summary, CodecError> {
    if super::is_gzip(bytes) {
        return summary_from_slice(super::gunzip(bytes)?.as_bytes());
    }
    let raw: Raw = match serde_json::from_slice(bytes) {
        Ok(raw) => raw,
        // The full reader names the problem precisely (type, version, field path).
        Err(_) => return super::from_slice(bytes).map(|info| Summary::from(&info)),
    };
    let v1 = match raw.kind_tag.as_ref().zip(raw.version_tag.as_ref()) {
        Some((serde_json::Value::String(t), serde_json::Value::String(v)))
            if t == TYPE && v == VERSION =>
        {
            false
        }
        Some((serde_json::Value::String(t), serde_json::Value::String(v)))
            if t == TYPE && v == VERSION_1 =>
        {
            true
        }
        _ => return super::from_slice(bytes).map(|info| Summary::from(&info)),
    };
    let in_app = |f: &RawFrame| {
        if v1 {
            v1::is_python_in_app(raw.root_module.as_deref(), f.module.as_deref())
        } else {
            f.in_app.unwrap_or(false)
        }
    };
    let culprit = raw
        .stack
        .iter()
        .rev()
        .find(|f| in_app(f))
        .or_else(|| raw.stack.last())
        .map(|f| culprit_frame(f, v1));
    let location = raw.location.map(|l| Location::new(l.file, l.line, 0));
    let message = raw
        .message
        .unwrap_or_else(|| match raw.exception.args.first() {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => String::new(),
        });
    Ok(Summary {
        fingerprint: raw.fingerprint,
        name: raw.name,
        version: raw.version,
        kind: raw
            .kind
            .unwrap_or(if v1 { Kind::Exception } else { Kind::Panic }),
        class: raw.exception.class,
        message,
        count: raw.count,
        timestamp: raw.timestamp,
        last_seen: raw.last_seen.or(raw.timestamp),
        engine: raw.engine,
        place: describe_place(location.as_ref(), culprit.as_ref()),
        events: raw.events,
    })
}

/// The one frame [`describe_place`] needs, built from its summary fields.
fn culprit_frame(raw: &RawFrame, v1: bool) -> Frame {
    let function = match (&raw.function, v1, &raw.module) {
        (Some(f), false, _) => f.clone(),
        (_, _, Some(module)) if !module.is_empty() => format!("{module}.{}", raw.name),
        _ => raw.name.clone(),
    };
    let mut frame = Frame::new(function);
    frame.file = raw
        .file
        .clone()
        .or_else(|| raw.source.as_ref().map(|s| s.file_name.clone()));
    frame.line = raw
        .line
        .or_else(|| raw.source.as_ref().map(|s| s.current_line));
    frame.source = raw.source.as_ref().map(|s| crate::model::SourceContext {
        file_name: s.file_name.clone(),
        first_line: s.current_line,
        current_line: s.current_line,
        lines: Vec::new(),
    });
    frame.wasm_function = raw.wasm_function;
    frame.wasm_offset = raw.wasm_offset;
    frame
}
