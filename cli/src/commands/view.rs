//! `err view`.

use std::path::Path;

use err::format::{render, Format};

use super::{out, outcome};
use crate::exit::{CliError, Exit};
use crate::repo::{read_report, Repo};

/// Shows reports in a format.
pub fn run(prefix: Option<&Path>, format: &str, expressions: &[String]) -> Result<Exit, CliError> {
    let format: Format = format.parse().map_err(CliError::InvalidArgs)?;
    let (found, mut faults) = Repo::open(prefix)?.locate(expressions)?;
    for (_, path) in found {
        match read_report(&path) {
            Ok(info) => out(&render(&info, format)),
            Err(e) => {
                eprintln!("err: {}: {e}", path.display());
                faults += 1;
            }
        }
    }
    outcome(faults)
}
