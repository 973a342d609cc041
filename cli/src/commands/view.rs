//! `err view`.

use std::path::Path;

use err::format::{render, Format};

use super::{out, outcome};
use crate::exit::{CliError, Exit};
use crate::repo::{read_report, Repo};

/// Shows reports in a format.
pub fn run(prefix: Option<&Path>, format: &str, expressions: &[String]) -> Result<Exit, CliError> {
    let format: Format = format.parse().map_err(CliError::InvalidArgs)?;
    let repo = Repo::open(prefix)?;
    let index = repo.index()?;
    let mut faults = 0;
    for fingerprint in repo.resolve(expressions, &index)? {
        let Some(path) = index.get(&fingerprint) else {
            eprintln!("err: {fingerprint} is not found");
            faults += 1;
            continue;
        };
        match read_report(path) {
            Ok(info) => out(&render(&info, format)),
            Err(e) => {
                eprintln!("err: {}: {e}", path.display());
                faults += 1;
            }
        }
    }
    outcome(faults)
}
