//! `err clear`.

use super::outcome;
use crate::exit::{CliError, Exit};
use crate::repo::Repo;

/// Removes reports.
pub fn run(repo: &Repo, expressions: &[String]) -> Result<Exit, CliError> {
    let index = repo.index()?;
    let mut faults = 0;
    for fingerprint in repo.resolve(expressions, &index)? {
        let Some(path) = index.get(&fingerprint) else {
            eprintln!("err: {fingerprint} is not found");
            faults += 1;
            continue;
        };
        if let Err(e) = std::fs::remove_file(path) {
            eprintln!("err: cannot remove {}: {e}", path.display());
            faults += 1;
        }
    }
    outcome(faults)
}
