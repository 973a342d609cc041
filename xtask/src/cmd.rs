//! Running commands, with errors that say which one failed.

use std::ffi::OsStr;
use std::path::PathBuf;
use std::process::Command;

/// Why an xtask command failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A command could not start.
    #[error("cannot run {0}: {1}")]
    Spawn(String, std::io::Error),
    /// A command exited with a failure.
    #[error("{0} failed ({1})")]
    Failed(String, std::process::ExitStatus),
    /// A file operation failed.
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
    /// Something needed is missing and cannot be installed here.
    #[error("{0}")]
    Missing(String),
    /// Bad arguments.
    #[error("{0}")]
    Usage(String),
}

/// `cargo` with arguments, using the cargo that runs xtask.
pub fn cargo<I, S>(args: I) -> Command
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.args(args).current_dir(root());
    command
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `target/` of the workspace.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

fn describe(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// Runs a command with its output shown; fails unless it succeeds.
pub fn run(command: &mut Command) -> Result<(), Error> {
    let text = describe(command);
    eprintln!("xtask: $ {text}");
    let status = command
        .status()
        .map_err(|e| Error::Spawn(text.clone(), e))?;
    if status.success() {
        Ok(())
    } else {
        Err(Error::Failed(text, status))
    }
}

/// Runs a command quietly and returns its stdout, or `None` when it cannot run or fails.
pub fn output(command: &mut Command) -> Option<String> {
    let out = command.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}
