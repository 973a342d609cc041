//! The report directory: finding, resolving and reading report files.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use err::codec::Summary;
use err::model::ErrorInfo;

use crate::exit::CliError;

/// The suffixes of report files, as Gufo Err writes them.
const SUFFIXES: [&str; 4] = [".json", ".json.gz", ".json.bz2", ".json.xz"];
/// Decompressed reports larger than this are refused.
const MAX_REPORT_BYTES: u64 = err::codec::MAX_REPORT_BYTES as u64;

/// A report directory.
pub struct Repo {
    dir: PathBuf,
}

impl Repo {
    /// Opens the directory from `--prefix` / `GUFO_ERR_PREFIX`.
    pub fn open(prefix: Option<&Path>) -> Result<Self, CliError> {
        let dir = prefix.ok_or(CliError::NoPrefix)?.to_path_buf();
        if !dir.exists() {
            return Err(CliError::NotExists(dir));
        }
        std::fs::read_dir(&dir).map_err(|e| CliError::Access(dir.clone(), e))?;
        Ok(Self { dir })
    }

    /// Fingerprint → file, for every report file in the directory.
    pub fn index(&self) -> Result<BTreeMap<String, PathBuf>, CliError> {
        let entries =
            std::fs::read_dir(&self.dir).map_err(|e| CliError::Access(self.dir.clone(), e))?;
        let mut index = BTreeMap::new();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(fingerprint) = fingerprint_of(&name) {
                index.insert(fingerprint.to_owned(), entry.path());
            }
        }
        Ok(index)
    }

    /// Resolves expressions to fingerprints: `all`/`*`, a full fingerprint (kept even when
    /// absent, so that it is reported as not found), or a unique hex prefix.
    pub fn resolve(
        &self,
        expressions: &[String],
        index: &BTreeMap<String, PathBuf>,
    ) -> Result<Vec<String>, CliError> {
        let mut out: Vec<String> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut push = |fp: String| {
            if seen.insert(fp.clone()) {
                out.push(fp);
            }
        };
        for expression in expressions {
            let e = expression.trim().to_ascii_lowercase();
            if e == "all" || e == "*" {
                index.keys().cloned().for_each(&mut push);
            } else if uuid::Uuid::parse_str(&e).is_ok() {
                push(e);
            } else if !e.is_empty() && e.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
                let matches: Vec<&String> = index.keys().filter(|fp| fp.starts_with(&e)).collect();
                match matches.as_slice() {
                    [] => push(e),
                    [one] => push((*one).clone()),
                    many => {
                        return Err(CliError::Ambiguous {
                            prefix: expression.clone(),
                            count: many.len(),
                        })
                    }
                }
            } else {
                return Err(CliError::Syntax(expression.clone()));
            }
        }
        Ok(out)
    }
}

impl Repo {
    /// The files of the reports `expressions` name. A fingerprint with no file is reported
    /// on stderr and counted in the second value (Gufo Err's "is not found").
    pub fn locate(
        &self,
        expressions: &[String],
    ) -> Result<(Vec<(String, PathBuf)>, usize), CliError> {
        let index = self.index()?;
        let mut found = Vec::new();
        let mut missing = 0;
        for fingerprint in self.resolve(expressions, &index)? {
            match index.get(&fingerprint) {
                Some(path) => found.push((fingerprint, path.clone())),
                None => {
                    eprintln!("err: {fingerprint} is not found");
                    missing += 1;
                }
            }
        }
        Ok((found, missing))
    }
}

/// The fingerprint in a report file name, if it is one.
pub fn fingerprint_of(name: &str) -> Option<&str> {
    let stem = SUFFIXES.iter().find_map(|s| name.strip_suffix(s))?;
    uuid::Uuid::parse_str(stem)
        .ok()
        .filter(|u| u.hyphenated().to_string() == stem)
        .map(|_| stem)
}

/// Why a report file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be opened or decompressed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The content is not a report.
    #[error("{0}")]
    Codec(#[from] err::codec::CodecError),
    /// Decompressed, it is too large.
    #[error("larger than {MAX_REPORT_BYTES} bytes once decompressed")]
    TooLarge,
}

/// Reads a report file: `.json`, `.json.gz`, `.json.bz2` or `.json.xz`.
pub fn read_report(path: &Path) -> Result<ErrorInfo, ReadError> {
    Ok(err::codec::from_slice(&read_plain(path)?)?)
}

/// Reads what a listing needs of a report file ([`err::codec::Summary`]).
pub fn read_summary(path: &Path) -> Result<Summary, ReadError> {
    Ok(err::codec::summary_from_slice(&read_plain(path)?)?)
}

/// The bytes of a report file, decompressed from bz2 or xz (gzip is left to the codec).
fn read_plain(path: &Path) -> Result<Vec<u8>, ReadError> {
    let bytes = std::fs::read(path)?;
    let name = path.to_string_lossy();
    let plain = if name.ends_with(".bz2") {
        limited(bzip2::read::BzDecoder::new(bytes.as_slice()))?
    } else if name.ends_with(".xz") {
        let mut out = Vec::new();
        lzma_rs::xz_decompress(&mut bytes.as_slice(), &mut out)
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        out
    } else {
        bytes
    };
    if plain.len() as u64 > MAX_REPORT_BYTES {
        return Err(ReadError::TooLarge);
    }
    Ok(plain)
}

fn limited(reader: impl Read) -> Result<Vec<u8>, ReadError> {
    let mut out = Vec::new();
    reader.take(MAX_REPORT_BYTES + 1).read_to_end(&mut out)?;
    Ok(out)
}

/// Reads the summaries of many report files on all cores, keeping their order.
pub fn read_summaries(paths: &[&Path]) -> Vec<Result<Summary, ReadError>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let chunk = paths.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = paths
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || part.iter().map(|p| read_summary(p)).collect::<Vec<_>>())
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join().unwrap_or_else(|_| {
                    vec![Err(ReadError::Io(std::io::Error::other(
                        "reader thread panicked",
                    )))]
                })
            })
            .collect()
    })
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
