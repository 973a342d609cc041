//! The report directory on the command line: opening it, resolving expressions to reports.
//! The directory's format (file names, reading) belongs to core's
//! [`err::middleware::dir_store`], which the collector and `DirStore` use too.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use err::codec::Summary;
use err::middleware::DirStore;

pub use err::middleware::dir_store::{read_report, read_summary, ReadError};

use crate::exit::CliError;

/// A report directory.
pub struct Repo {
    dir: PathBuf,
    store: DirStore,
}

impl Repo {
    /// Opens the directory from `--prefix` / `GUFO_ERR_PREFIX`.
    pub fn open(prefix: Option<&Path>) -> Result<Self, CliError> {
        let dir = prefix.ok_or(CliError::NoPrefix)?.to_path_buf();
        if !dir.exists() {
            return Err(CliError::NotExists(dir));
        }
        std::fs::read_dir(&dir).map_err(|e| CliError::Access(dir.clone(), e))?;
        let store = DirStore::new(&dir)
            .map_err(|e| CliError::Access(dir.clone(), std::io::Error::other(e.to_string())))?;
        Ok(Self { dir, store })
    }

    /// Fingerprint → file, for every report file in the directory.
    pub fn index(&self) -> Result<BTreeMap<String, PathBuf>, CliError> {
        self.store.index().map_err(|e| match e {
            err::middleware::StoreError::Io { source, .. } => {
                CliError::Access(self.dir.clone(), source)
            }
            other => CliError::Access(self.dir.clone(), std::io::Error::other(other.to_string())),
        })
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
