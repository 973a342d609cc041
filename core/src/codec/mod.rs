//! Reading and writing reports: JSON and gzip, version 2.0, and Gufo Err 1.0 on input.
//!
//! Writing is deterministic: the same [`ErrorInfo`] always gives the same bytes (fields in
//! declaration order, locals sorted). Reading is strict: `$type` must be `errorinfo`,
//! `$version` `2.0` or `1.0`, and every required field must be present with its type; the
//! error names the field's path. Unknown fields are ignored, so newer writers stay readable.
//!
//! ```
//! use err::codec;
//! use err::model::{ErrorInfo, Kind};
//! let info = ErrorInfo::new(Kind::Panic, "panic", "boom");
//! let json = codec::to_json(&info);
//! assert!(json.starts_with(r#"{"$type":"errorinfo","$version":"2.0","#));
//! assert_eq!(codec::from_json(&json).unwrap(), info);
//! ```

mod record;
mod summary;
mod v1;

pub use record::{LinkedTrap, StoreRecord};
pub use summary::{summary_from_slice, Summary};

use serde::Serialize;

use crate::model::ErrorInfo;

/// The `$type` of every report.
pub const TYPE: &str = "errorinfo";
/// The `$version` this crate writes.
pub const VERSION: &str = "2.0";
/// The Gufo Err version it reads too.
pub const VERSION_1: &str = "1.0";

/// Why a document could not be read as a report.
///
/// ```
/// let e = err::codec::from_json(r#"{"$type":"errorinfo","$version":"3.0"}"#).unwrap_err();
/// assert_eq!(e.to_string(), "unsupported $version \"3.0\" (this reads 2.0 and 1.0)");
/// ```
#[derive(Debug, thiserror::Error)]
pub enum CodecError {
    /// The bytes are not JSON (or are nested too deep).
    #[error("not valid JSON: {0}")]
    Json(#[source] serde_json::Error),
    /// The JSON is not an object.
    #[error("a report must be a JSON object, found {0}")]
    NotAnObject(&'static str),
    /// `$type` is missing.
    #[error("missing \"$type\": not an errorinfo report")]
    MissingType,
    /// `$type` is not `errorinfo`.
    #[error("\"$type\" is {0:?}, expected \"errorinfo\"")]
    BadType(String),
    /// `$version` is missing.
    #[error("missing \"$version\"")]
    MissingVersion,
    /// `$version` is not one this crate reads.
    #[error("unsupported $version {0:?} (this reads 2.0 and 1.0)")]
    BadVersion(String),
    /// A field is missing or has the wrong type.
    #[error("field `{path}`: {message}")]
    Field {
        /// Path to the field, like `stack[3].name`.
        path: String,
        /// What is wrong with it.
        message: String,
    },
    /// The gzip stream is broken.
    #[error("bad gzip data: {0}")]
    Gzip(#[source] std::io::Error),
    /// The input is larger than the reader accepts.
    #[error("report is larger than {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
}

/// The largest decompressed report [`from_slice`] accepts: 64 MiB.
pub const MAX_REPORT_BYTES: usize = 64 << 20;

#[derive(Serialize)]
struct Tagged<'a> {
    #[serde(rename = "$type")]
    kind: &'static str,
    #[serde(rename = "$version")]
    version: &'static str,
    #[serde(flatten)]
    info: &'a ErrorInfo,
}

fn tagged(info: &ErrorInfo) -> Tagged<'_> {
    Tagged {
        kind: TYPE,
        version: VERSION,
        info,
    }
}

/// The report as compact JSON, version 2.0.
///
/// ```
/// # use err::model::{ErrorInfo, Kind};
/// let info = ErrorInfo::new(Kind::Trap, "RuntimeError", "unreachable");
/// assert!(!err::codec::to_json(&info).contains('\n'));
/// ```
pub fn to_json(info: &ErrorInfo) -> String {
    serde_json::to_string(&tagged(info)).unwrap_or_default()
}

/// The report as indented JSON, version 2.0.
///
/// ```
/// # use err::model::{ErrorInfo, Kind};
/// let info = ErrorInfo::new(Kind::Trap, "RuntimeError", "unreachable");
/// assert!(err::codec::to_json_pretty(&info).starts_with("{\n  \"$type\": \"errorinfo\""));
/// ```
pub fn to_json_pretty(info: &ErrorInfo) -> String {
    serde_json::to_string_pretty(&tagged(info)).unwrap_or_default()
}

/// Reads a report from JSON text, version 2.0 or 1.0.
///
/// ```
/// let e = err::codec::from_json(r#"{"$type":"errorinfo","$version":"2.0","name":"x"}"#);
/// # #[cfg(feature = "field-paths")]
/// assert_eq!(e.unwrap_err().to_string(), "field `.`: missing field `version` at line 1 column 49");
/// ```
pub fn from_json(text: &str) -> Result<ErrorInfo, CodecError> {
    from_bytes(text.as_bytes())
}

/// Reads a report from an already parsed JSON value, version 2.0 or 1.0.
///
/// ```
/// let v = serde_json::json!({"$type": "traceback"});
/// assert!(matches!(err::codec::from_value(v), Err(err::codec::CodecError::BadType(_))));
/// ```
pub fn from_value(value: serde_json::Value) -> Result<ErrorInfo, CodecError> {
    let object = match &value {
        serde_json::Value::Object(object) => object,
        other => return Err(CodecError::NotAnObject(json_type_name(other))),
    };
    match object.get("$type") {
        None => return Err(CodecError::MissingType),
        Some(serde_json::Value::String(t)) if t == TYPE => {}
        Some(other) => return Err(CodecError::BadType(value_text(other))),
    }
    match object.get("$version") {
        None => Err(CodecError::MissingVersion),
        Some(serde_json::Value::String(v)) if v == VERSION => deserialize(value),
        Some(serde_json::Value::String(v)) if v == VERSION_1 => {
            deserialize::<v1::Report>(value).map(ErrorInfo::from)
        }
        Some(other) => Err(CodecError::BadVersion(value_text(other))),
    }
}

/// Reads a report from bytes: JSON, or gzip-compressed JSON (detected by its magic bytes).
///
/// ```
/// # use err::model::{ErrorInfo, Kind};
/// let info = ErrorInfo::new(Kind::Panic, "panic", "boom");
/// # #[cfg(feature = "gzip")]
/// # {
/// let gz = err::codec::to_gzip(&info);
/// assert_eq!(err::codec::from_slice(&gz).unwrap(), info);
/// # }
/// assert!(err::codec::from_slice(b"\x1f\x8b broken").is_err());
/// ```
pub fn from_slice(bytes: &[u8]) -> Result<ErrorInfo, CodecError> {
    if is_gzip(bytes) {
        let text = gunzip(bytes)?;
        return from_json(&text);
    }
    if bytes.len() > MAX_REPORT_BYTES {
        return Err(CodecError::TooLarge {
            limit: MAX_REPORT_BYTES,
        });
    }
    from_bytes(bytes)
}

/// The `$type` and `$version` of a document; every other field is skipped unread.
#[derive(serde::Deserialize)]
struct Header {
    #[serde(rename = "$type", default)]
    kind: Option<serde_json::Value>,
    #[serde(rename = "$version", default)]
    version: Option<serde_json::Value>,
}

/// Reads JSON bytes: a first pass reads only the header (skipping the rest without building
/// anything), a second deserializes the version's type directly. Paths are tracked only to
/// explain a failure.
fn from_bytes(bytes: &[u8]) -> Result<ErrorInfo, CodecError> {
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first != Some(&b'{') {
        // Not an object: let the value say what it is (or why it is not JSON).
        let value: serde_json::Value = serde_json::from_slice(bytes).map_err(CodecError::Json)?;
        return from_value(value);
    }
    let header: Header = serde_json::from_slice(bytes).map_err(CodecError::Json)?;
    match header.kind {
        None => return Err(CodecError::MissingType),
        Some(serde_json::Value::String(t)) if t == TYPE => {}
        Some(other) => return Err(CodecError::BadType(value_text(&other))),
    }
    match header.version {
        None => Err(CodecError::MissingVersion),
        Some(serde_json::Value::String(v)) if v == VERSION => typed(bytes),
        Some(serde_json::Value::String(v)) if v == VERSION_1 => {
            typed::<v1::Report>(bytes).map(ErrorInfo::from)
        }
        Some(other) => Err(CodecError::BadVersion(value_text(&other))),
    }
}

#[cfg(feature = "field-paths")]
fn typed<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, CodecError> {
    serde_json::from_slice(bytes).or_else(|_| {
        let mut deserializer = serde_json::Deserializer::from_slice(bytes);
        serde_path_to_error::deserialize(&mut deserializer).map_err(|e| CodecError::Field {
            path: e.path().to_string(),
            message: e.inner().to_string(),
        })
    })
}

/// Without `field-paths`: serde_json's message, the place given as line and column.
#[cfg(not(feature = "field-paths"))]
fn typed<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, CodecError> {
    serde_json::from_slice(bytes).map_err(|e| CodecError::Field {
        path: format!("line {}, column {}", e.line(), e.column()),
        message: e.to_string(),
    })
}

/// Whether `bytes` start with the gzip magic number.
///
/// ```
/// assert!(err::codec::is_gzip(&[0x1f, 0x8b, 8]));
/// assert!(!err::codec::is_gzip(b"{}"));
/// ```
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// Decompresses gzip bytes to text, at most [`MAX_REPORT_BYTES`] of it (a gzip bomb is
/// refused with [`CodecError::TooLarge`], not inflated).
///
/// ```
/// # use err::model::{ErrorInfo, Kind};
/// let gz = err::codec::to_gzip(&ErrorInfo::new(Kind::Panic, "panic", "boom"));
/// assert!(err::codec::gunzip(&gz).unwrap().contains("\"boom\""));
/// assert!(err::codec::gunzip(b"\x1f\x8b broken").is_err());
/// ```
#[cfg(feature = "gzip")]
pub fn gunzip(bytes: &[u8]) -> Result<String, CodecError> {
    use std::io::Read;
    let limit = u64::try_from(MAX_REPORT_BYTES).unwrap_or(u64::MAX);
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes)
        .take(limit + 1)
        .read_to_string(&mut text)
        .map_err(CodecError::Gzip)?;
    if text.len() > MAX_REPORT_BYTES {
        return Err(CodecError::TooLarge {
            limit: MAX_REPORT_BYTES,
        });
    }
    Ok(text)
}

/// Without the `gzip` feature, gzip input is refused.
#[cfg(not(feature = "gzip"))]
pub fn gunzip(_bytes: &[u8]) -> Result<String, CodecError> {
    Err(CodecError::Gzip(std::io::Error::other(
        "built without the `gzip` feature",
    )))
}

/// The report as gzip-compressed JSON (what `<fingerprint>.json.gz` holds).
///
/// ```
/// # use err::model::{ErrorInfo, Kind};
/// let gz = err::codec::to_gzip(&ErrorInfo::new(Kind::Panic, "panic", "boom"));
/// assert!(err::codec::is_gzip(&gz));
/// ```
#[cfg(feature = "gzip")]
pub fn to_gzip(info: &ErrorInfo) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(to_json(info).as_bytes());
    encoder.finish().unwrap_or_default()
}

#[cfg(feature = "field-paths")]
fn deserialize<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, CodecError> {
    serde_path_to_error::deserialize(value).map_err(|e| CodecError::Field {
        path: e.path().to_string(),
        message: e.inner().to_string(),
    })
}

#[cfg(not(feature = "field-paths"))]
fn deserialize<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, CodecError> {
    serde_json::from_value(value).map_err(|e| CodecError::Field {
        path: String::from("?"),
        message: e.to_string(),
    })
}

fn json_type_name(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

fn value_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
