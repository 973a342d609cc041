//! A wasm module's build id: the `build_id` custom section of the WebAssembly tool
//! conventions (its payload is a byte vector: a LEB128 length, then the bytes), shown as
//! lowercase hex.
//!
//! A report from a module that has one carries it as its `build_id`; the module's debug file
//! (`wasm-bindgen --split-debug-info`'s `*_bg.debug.wasm`) carries the same, so `err
//! symbolicate` knows a report and a debug file belong together. `err build-id --write` adds
//! one to a module and its debug file.
//!
//! ```
//! use err::wasm::build_id;
//! let payload = build_id::payload(&[0xde, 0xad, 0xbe, 0xef]);
//! assert_eq!(build_id::decode(&payload).as_deref(), Some("deadbeef"));
//! ```

/// The custom section's name.
pub const SECTION: &str = "build_id";

/// The id (hex) a `build_id` section's payload holds; `None` when it is empty or malformed.
///
/// ```
/// assert_eq!(err::wasm::build_id::decode(&[2, 0x0a, 0xff]).as_deref(), Some("0aff"));
/// assert_eq!(err::wasm::build_id::decode(&[5, 1]), None);
/// ```
pub fn decode(payload: &[u8]) -> Option<String> {
    let mut reader = super::leb128::Reader::new(payload);
    let length = reader.length().ok()?;
    let bytes = reader.take(length).ok()?;
    if bytes.is_empty() {
        return None;
    }
    Some(to_hex(bytes))
}

/// Whether a report's build id says it came from another module than the one whose build
/// id is `module`: both are ids of one shape (hex, same length) and differ. A module URL,
/// or an id set by hand (`Config::build_id("v1.4.2")`), is no evidence either way.
///
/// ```
/// use err::wasm::build_id::conflicts;
/// assert!(conflicts("aa11", "bb22"));
/// assert!(!conflicts("AA11", "aa11"));
/// assert!(!conflicts("http://x/app_bg.wasm", "aa11"));
/// assert!(!conflicts("0123456789abcdef0123456789abcdef01234567", "aa11"));
/// ```
pub fn conflicts(report: &str, module: &str) -> bool {
    let hex = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_hexdigit());
    hex(report)
        && hex(module)
        && report.len() == module.len()
        && !report.eq_ignore_ascii_case(module)
}

/// Bytes as lowercase hex, the way ids are shown.
///
/// ```
/// assert_eq!(err::wasm::build_id::to_hex(&[0, 0xab]), "00ab");
/// ```
pub fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The bytes of a hex id; `None` unless it is an even number of hex digits.
///
/// ```
/// assert_eq!(err::wasm::build_id::from_hex("00AB"), Some(vec![0, 0xab]));
/// assert_eq!(err::wasm::build_id::from_hex("abc"), None);
/// assert_eq!(err::wasm::build_id::from_hex("zz"), None);
/// ```
pub fn from_hex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// The payload of a `build_id` section holding `id`.
///
/// ```
/// assert_eq!(err::wasm::build_id::payload(&[1, 2]), [2, 1, 2]);
/// ```
pub fn payload(id: &[u8]) -> Vec<u8> {
    let mut out = super::leb128::encode(id.len());
    out.extend_from_slice(id);
    out
}

/// A whole custom section (id 0, size, name, payload) holding `id`, to append to a module.
///
/// ```
/// let section = err::wasm::build_id::section(&[7]);
/// assert_eq!(section, [0, 11, 8, b'b', b'u', b'i', b'l', b'd', b'_', b'i', b'd', 1, 7]);
/// ```
pub fn section(id: &[u8]) -> Vec<u8> {
    let mut contents = super::leb128::encode(SECTION.len());
    contents.extend_from_slice(SECTION.as_bytes());
    contents.extend(payload(id));
    let mut out = vec![0];
    out.extend(super::leb128::encode(contents.len()));
    out.extend(contents);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_ids_round_trip() {
        let id: Vec<u8> = (0..=255).collect();
        let hex = decode(&payload(&id)).expect("decoded");
        assert_eq!(hex.len(), 512);
        assert!(hex.starts_with("000102") && hex.ends_with("feff"));
    }

    #[test]
    fn truncated_payloads_are_refused() {
        assert_eq!(decode(&[]), None);
        assert_eq!(decode(&[0]), None);
        assert_eq!(decode(&[0x80, 0x80, 0x80, 0x80, 0x80, 0x01]), None);
        assert_eq!(decode(&[3, 1, 2]), None);
    }
}
