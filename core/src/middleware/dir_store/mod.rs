//! The directory store: `<fingerprint>.json[.gz]` files, as Gufo Err's ErrorInfoMiddleware,
//! with repeats counted. [`DirStore`] writes and counts; [`files`] reads (the CLI and the
//! collector read through it too).

pub mod files;

pub use files::{fingerprint_of, read_report, read_summary, ReadError, SUFFIXES};

use std::collections::BTreeMap;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::{Middleware, MiddlewareError};
use crate::codec;
use crate::model::{ErrorInfo, Timestamp};

/// Event ids kept in a stored report (as the browser store keeps them).
const MAX_EVENTS: usize = 64;

/// Why the store could not be opened or written.
///
/// ```
/// let e = err::middleware::DirStore::new("/no/such/dir").unwrap_err();
/// assert!(e.to_string().starts_with("/no/such/dir: not a directory"));
/// ```
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The path is not a directory.
    #[error("{0}: not a directory")]
    NotADirectory(PathBuf),
    /// A file operation failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The error.
        #[source]
        source: std::io::Error,
    },
    /// A stored report could not be read back.
    #[error("{path}: {source}")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// Why it could not be read.
        #[source]
        source: ReadError,
    },
}

/// What [`DirStore::store`] did.
///
/// ```
/// use err::middleware::Stored;
/// assert_ne!(Stored::New, Stored::Repeat { count: 2 });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// A new file was created.
    New,
    /// The fingerprint was known: its count is now `count`.
    Repeat {
        /// The new count.
        count: u64,
    },
}

/// Writes one file per fingerprint into a directory.
///
/// The first report of a fingerprint is created exclusively (`O_EXCL`); a repeat adds its
/// count to the stored one, its event ids to the stored ones (the most recent 64) and sets
/// `last_seen`, rewriting the file through a temporary file and a rename, so a reader never
/// sees half a file. Repeats within one process are serialized by a lock.
///
/// ```
/// use err::middleware::{DirStore, Stored};
/// use err::model::{ErrorInfo, Kind};
/// let dir = tempfile::tempdir().unwrap();
/// let store = DirStore::new(dir.path()).unwrap();
/// let mut info = ErrorInfo::new(Kind::Panic, "panic", "boom");
/// info.events = vec!["e1".into()];
/// assert_eq!(store.store(&info).unwrap(), Stored::New);
/// info.events = vec!["e2".into()];
/// assert_eq!(store.store(&info).unwrap(), Stored::Repeat { count: 2 });
/// let stored = store.load(&info.fingerprint.to_string()).unwrap().unwrap();
/// assert_eq!((stored.count, stored.events), (2, vec!["e1".to_string(), "e2".to_string()]));
/// ```
#[derive(Debug)]
pub struct DirStore {
    dir: PathBuf,
    compress: bool,
    lock: Mutex<()>,
}

impl DirStore {
    /// A store writing plain `.json` files into `dir`, which must exist.
    ///
    /// ```
    /// assert!(err::middleware::DirStore::new(std::env::temp_dir()).is_ok());
    /// ```
    pub fn new(dir: impl Into<PathBuf>) -> Result<Self, StoreError> {
        let dir = dir.into();
        if !dir.is_dir() {
            return Err(StoreError::NotADirectory(dir));
        }
        Ok(Self {
            dir,
            compress: false,
            lock: Mutex::new(()),
        })
    }

    /// Writes `.json.gz` files instead of `.json`.
    ///
    /// ```
    /// let store = err::middleware::DirStore::new(std::env::temp_dir()).unwrap().compressed(true);
    /// assert!(store.path_for("x").to_string_lossy().ends_with("x.json.gz"));
    /// ```
    #[cfg(feature = "gzip")]
    pub fn compressed(mut self, compress: bool) -> Self {
        self.compress = compress;
        self
    }

    /// The directory.
    ///
    /// ```
    /// let store = err::middleware::DirStore::new(std::env::temp_dir()).unwrap();
    /// assert_eq!(store.dir(), std::env::temp_dir());
    /// ```
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file a fingerprint is written to.
    ///
    /// ```
    /// let store = err::middleware::DirStore::new(std::env::temp_dir()).unwrap();
    /// assert!(store.path_for("abc").ends_with("abc.json"));
    /// ```
    pub fn path_for(&self, fingerprint: &str) -> PathBuf {
        let suffix = if self.compress { "json.gz" } else { "json" };
        self.dir.join(format!("{fingerprint}.{suffix}"))
    }

    /// The stored file of a fingerprint that repeats are counted in, `.json` or `.json.gz`.
    fn existing(&self, fingerprint: &str) -> Option<PathBuf> {
        self.find(fingerprint, &SUFFIXES[..2])
    }

    /// The file of a fingerprint with one of `suffixes`, if there is one.
    fn find(&self, fingerprint: &str, suffixes: &[&str]) -> Option<PathBuf> {
        suffixes
            .iter()
            .map(|suffix| self.dir.join(format!("{fingerprint}{suffix}")))
            .find(|p| p.is_file())
    }

    /// Fingerprint → file, for every report file in the directory (any suffix of
    /// [`SUFFIXES`]; other files are left alone).
    ///
    /// ```
    /// use err::model::{ErrorInfo, Kind};
    /// let dir = tempfile::tempdir().unwrap();
    /// let store = err::middleware::DirStore::new(dir.path()).unwrap();
    /// store.store(&ErrorInfo::new(Kind::Panic, "panic", "boom")).unwrap();
    /// std::fs::write(dir.path().join("notes.txt"), "").unwrap();
    /// assert_eq!(store.index().unwrap().len(), 1);
    /// ```
    pub fn index(&self) -> Result<BTreeMap<String, PathBuf>, StoreError> {
        let entries = fs::read_dir(&self.dir).map_err(|source| StoreError::Io {
            path: self.dir.clone(),
            source,
        })?;
        let mut index = BTreeMap::new();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(fingerprint) = fingerprint_of(&name) {
                index.insert(fingerprint.to_owned(), entry.path());
            }
        }
        Ok(index)
    }

    /// Reads the stored report of a fingerprint.
    ///
    /// ```
    /// let store = err::middleware::DirStore::new(std::env::temp_dir()).unwrap();
    /// assert!(store.load("00000000-0000-0000-0000-00000000dead").unwrap().is_none());
    /// ```
    pub fn load(&self, fingerprint: &str) -> Result<Option<ErrorInfo>, StoreError> {
        let Some(path) = self.find(fingerprint, &SUFFIXES) else {
            return Ok(None);
        };
        read_report(&path)
            .map(Some)
            .map_err(|source| StoreError::Corrupt { path, source })
    }

    /// Stores a report: creates its file, or counts a repeat.
    pub fn store(&self, info: &ErrorInfo) -> Result<Stored, StoreError> {
        let fingerprint = info.fingerprint.to_string();
        let _guard = self
            .lock
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if self.existing(&fingerprint).is_none() {
            let path = self.path_for(&fingerprint);
            let mut first = info.clone();
            first.last_seen = first.last_seen.or(first.timestamp);
            match self.create_exclusive(&path, &self.encode(&first)) {
                Ok(()) => return Ok(Stored::New),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(source) => return Err(StoreError::Io { path, source }),
            }
        }
        self.count_repeat(&fingerprint, info)
    }

    /// Writes `bytes` to `path` only if it does not exist, all at once: the bytes go to a
    /// temporary file first, which is then hard-linked into place (linking fails when the
    /// name exists, as `O_EXCL` would). Readers never see a partial file.
    fn create_exclusive(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        let tmp = self.temporary(path);
        let written = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .and_then(|mut file| file.write_all(bytes).and_then(|()| file.sync_all()));
        let linked = written.and_then(|()| fs::hard_link(&tmp, path));
        let _ = fs::remove_file(&tmp);
        linked
    }

    /// A temporary name next to `path`, unique to this process and call.
    fn temporary(&self, path: &Path) -> PathBuf {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.dir
            .join(format!(".{name}.{}.{n}.tmp", std::process::id()))
    }

    /// Removes the stored report of a fingerprint; `false` when there was none.
    ///
    /// ```
    /// use err::model::{ErrorInfo, Kind};
    /// let dir = tempfile::tempdir().unwrap();
    /// let store = err::middleware::DirStore::new(dir.path()).unwrap();
    /// let info = ErrorInfo::new(Kind::Panic, "panic", "boom");
    /// store.store(&info).unwrap();
    /// assert!(store.remove(&info.fingerprint.to_string()).unwrap());
    /// assert!(!store.remove(&info.fingerprint.to_string()).unwrap());
    /// ```
    pub fn remove(&self, fingerprint: &str) -> Result<bool, StoreError> {
        let _guard = self
            .lock
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match self.find(fingerprint, &SUFFIXES) {
            Some(path) => fs::remove_file(&path)
                .map(|()| true)
                .map_err(|source| StoreError::Io { path, source }),
            None => Ok(false),
        }
    }

    fn count_repeat(&self, fingerprint: &str, info: &ErrorInfo) -> Result<Stored, StoreError> {
        let path = self
            .existing(fingerprint)
            .unwrap_or_else(|| self.path_for(fingerprint));
        let bytes = fs::read(&path).map_err(|source| StoreError::Io {
            path: path.clone(),
            source,
        })?;
        let mut stored = codec::from_slice(&bytes).map_err(|source| StoreError::Corrupt {
            path: path.clone(),
            source: source.into(),
        })?;
        stored.count = stored.count.saturating_add(info.count.max(1));
        // The occurrences' event ids, the most recent kept: another store that has the same
        // occurrence counts it once with this one.
        for event in &info.events {
            if !stored.events.contains(event) {
                stored.events.push(event.clone());
            }
        }
        let excess = stored.events.len().saturating_sub(MAX_EVENTS);
        stored.events.drain(..excess);
        stored.last_seen = Some(
            info.last_seen
                .or(info.timestamp)
                .unwrap_or_else(|| Timestamp::from_system_time(std::time::SystemTime::now())),
        );
        let compressed = codec::is_gzip(&bytes);
        let encoded = if compressed {
            gzip_or_json(&stored)
        } else {
            codec::to_json(&stored).into_bytes()
        };
        let tmp = self.temporary(&path);
        fs::write(&tmp, encoded)
            .and_then(|()| fs::rename(&tmp, &path))
            .map_err(|source| StoreError::Io {
                path: path.clone(),
                source,
            })?;
        Ok(Stored::Repeat {
            count: stored.count,
        })
    }

    fn encode(&self, info: &ErrorInfo) -> Vec<u8> {
        if self.compress {
            gzip_or_json(info)
        } else {
            codec::to_json(info).into_bytes()
        }
    }
}

#[cfg(feature = "gzip")]
fn gzip_or_json(info: &ErrorInfo) -> Vec<u8> {
    codec::to_gzip(info)
}

#[cfg(not(feature = "gzip"))]
fn gzip_or_json(info: &ErrorInfo) -> Vec<u8> {
    codec::to_json(info).into_bytes()
}

impl Middleware for DirStore {
    fn process(&self, info: &ErrorInfo) -> Result<(), MiddlewareError> {
        self.store(info).map(|_| ()).map_err(MiddlewareError::from)
    }
}
