//! Exit codes (Gufo Err's) and the errors that lead to them.

use std::path::PathBuf;

/// The exit codes of `err`, as Gufo Err's CLI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Success.
    Ok = 0,
    /// The report directory does not exist.
    NotExists = 1,
    /// The report directory cannot be read.
    Access = 2,
    /// A report file cannot be read (or is not found).
    CannotRead = 3,
    /// Bad arguments.
    InvalidArgs = 4,
    /// A bad fingerprint expression.
    Syntax = 5,
}

impl From<Exit> for std::process::ExitCode {
    fn from(code: Exit) -> Self {
        std::process::ExitCode::from(code as u8)
    }
}

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// `--prefix` / `GUFO_ERR_PREFIX` missing.
    #[error("no report directory: pass --prefix DIR or set GUFO_ERR_PREFIX")]
    NoPrefix,
    /// The directory is missing.
    #[error("{0} does not exist")]
    NotExists(PathBuf),
    /// The directory cannot be read.
    #[error("{0} is not accessible: {1}")]
    Access(PathBuf, std::io::Error),
    /// An expression is neither `all`, `*`, a fingerprint nor a prefix of one.
    #[error("invalid expression {0:?}: use all, *, a fingerprint or a unique prefix of one")]
    Syntax(String),
    /// A prefix matches more than one fingerprint.
    #[error("{prefix:?} is ambiguous: it matches {count} fingerprints")]
    Ambiguous {
        /// The prefix given.
        prefix: String,
        /// How many it matched.
        count: usize,
    },
    /// Bad arguments that clap could not catch.
    #[error("{0}")]
    InvalidArgs(String),
    /// An input file cannot be read.
    #[error("{0}: {1}")]
    Read(String, std::io::Error),
    /// Some reports could not be read, removed or found (each was reported).
    #[error("{0} of the reports could not be processed")]
    Faults(usize),
    /// The server failed.
    #[error("server: {0}")]
    Serve(String),
}

impl CliError {
    /// The exit code for this error.
    pub fn exit(&self) -> Exit {
        match self {
            CliError::NoPrefix | CliError::InvalidArgs(_) => Exit::InvalidArgs,
            CliError::NotExists(_) => Exit::NotExists,
            CliError::Access(..) => Exit::Access,
            CliError::Syntax(_) | CliError::Ambiguous { .. } => Exit::Syntax,
            CliError::Read(..) | CliError::Faults(_) | CliError::Serve(_) => Exit::CannotRead,
        }
    }
}
