//! `err clear`.

use super::outcome;
use crate::exit::{CliError, Exit};
use crate::repo::Repo;

/// Removes reports.
pub fn run(repo: &Repo, expressions: &[String]) -> Result<Exit, CliError> {
    let (found, mut faults) = repo.locate(expressions)?;
    for (_, path) in found {
        if let Err(e) = std::fs::remove_file(&path) {
            eprintln!("err: cannot remove {}: {e}", path.display());
            faults += 1;
        }
    }
    outcome(faults)
}
