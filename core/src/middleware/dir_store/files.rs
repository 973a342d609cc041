//! The files of a report directory: their names (`<fingerprint>.json`, `.json.gz`, and, as
//! Gufo Err may write them, `.json.bz2` and `.json.xz`) and reading them, bounded.
//!
//! This is the one place that knows the format of a report directory: [`super::DirStore`]
//! writes it, and the CLI (`err list/view/clear/stats`) and the collector (`err serve`) read
//! it through these functions.

use std::path::Path;

use crate::codec::{self, CodecError, Summary};
use crate::model::ErrorInfo;

/// The suffixes of report files, as Gufo Err writes them.
pub const SUFFIXES: [&str; 4] = [".json", ".json.gz", ".json.bz2", ".json.xz"];

/// Decompressed reports larger than this are refused.
const MAX_REPORT_BYTES: u64 = codec::MAX_REPORT_BYTES as u64;

/// The fingerprint in a report file name, if it is one (a lower-case hyphenated UUID and a
/// known suffix).
///
/// ```
/// use err::middleware::dir_store::fingerprint_of;
/// let fp = "0053aead-7dfc-59ba-a843-af747a4ba470";
/// assert_eq!(fingerprint_of(&format!("{fp}.json.gz")), Some(fp));
/// assert_eq!(fingerprint_of("../etc/passwd.json"), None);
/// ```
pub fn fingerprint_of(name: &str) -> Option<&str> {
    let stem = SUFFIXES.iter().find_map(|s| name.strip_suffix(s))?;
    uuid::Uuid::parse_str(stem)
        .ok()
        .filter(|u| u.hyphenated().to_string() == stem)
        .map(|_| stem)
}

/// Why a report file could not be read.
///
/// ```
/// let e = err::middleware::dir_store::read_report(std::path::Path::new("/no/such.json")).unwrap_err();
/// assert!(matches!(e, err::middleware::dir_store::ReadError::Io(_)));
/// ```
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be opened or decompressed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The content is not a report.
    #[error("{0}")]
    Codec(#[from] CodecError),
    /// Decompressed, it is too large.
    #[error("larger than {MAX_REPORT_BYTES} bytes once decompressed")]
    TooLarge,
    /// A `.bz2` or `.xz` file, in a build without the `bz2-xz` feature.
    #[error("reading .bz2 and .xz reports needs gufo-err's bz2-xz feature")]
    Unsupported,
}

/// Reads a report file: `.json`, `.json.gz`, `.json.bz2` or `.json.xz`.
///
/// ```
/// use err::model::{ErrorInfo, Kind};
/// let dir = tempfile::tempdir().unwrap();
/// let info = ErrorInfo::new(Kind::Panic, "panic", "boom");
/// let path = dir.path().join(format!("{}.json", info.fingerprint));
/// std::fs::write(&path, err::codec::to_json(&info)).unwrap();
/// assert_eq!(err::middleware::dir_store::read_report(&path).unwrap(), info);
/// ```
pub fn read_report(path: &Path) -> Result<ErrorInfo, ReadError> {
    Ok(codec::from_slice(&read_plain(path)?)?)
}

/// Reads what a listing needs of a report file ([`crate::codec::Summary`]).
///
/// ```
/// use err::model::{ErrorInfo, Kind};
/// let dir = tempfile::tempdir().unwrap();
/// let info = ErrorInfo::new(Kind::Panic, "panic", "boom");
/// let path = dir.path().join(format!("{}.json", info.fingerprint));
/// std::fs::write(&path, err::codec::to_json(&info)).unwrap();
/// assert_eq!(err::middleware::dir_store::read_summary(&path).unwrap().message, "boom");
/// ```
pub fn read_summary(path: &Path) -> Result<Summary, ReadError> {
    Ok(codec::summary_from_slice(&read_plain(path)?)?)
}

/// The bytes of a report file, decompressed from bz2 or xz (gzip is left to the codec).
pub(super) fn read_plain(path: &Path) -> Result<Vec<u8>, ReadError> {
    let bytes = std::fs::read(path)?;
    let name = path.to_string_lossy();
    let plain = if name.ends_with(".bz2") || name.ends_with(".xz") {
        decompress(&name, &bytes)?
    } else {
        bytes
    };
    if plain.len() as u64 > MAX_REPORT_BYTES {
        return Err(ReadError::TooLarge);
    }
    Ok(plain)
}

#[cfg(feature = "bz2-xz")]
fn decompress(name: &str, bytes: &[u8]) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let mut out = Vec::new();
    if name.ends_with(".bz2") {
        bzip2::read::BzDecoder::new(bytes)
            .take(MAX_REPORT_BYTES + 1)
            .read_to_end(&mut out)?;
    } else {
        lzma_rs::xz_decompress(&mut &bytes[..], &mut out)
            .map_err(|e| std::io::Error::other(e.to_string()))?;
    }
    Ok(out)
}

#[cfg(not(feature = "bz2-xz"))]
fn decompress(_name: &str, _bytes: &[u8]) -> Result<Vec<u8>, ReadError> {
    Err(ReadError::Unsupported)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_of_reports() {
        let fp = "0053aead-7dfc-59ba-a843-af747a4ba470";
        for suffix in SUFFIXES {
            assert_eq!(fingerprint_of(&format!("{fp}{suffix}")), Some(fp));
        }
        assert_eq!(fingerprint_of(&format!("{fp}.txt")), None);
        assert_eq!(fingerprint_of("../etc/passwd.json"), None);
        assert_eq!(fingerprint_of(&format!("{}.json", fp.to_uppercase())), None);
    }
}
