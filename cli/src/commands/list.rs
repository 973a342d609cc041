//! `err list`.

use std::io::Write;

use err::codec::Summary;
use err::model::Timestamp;

use super::outcome;
use crate::exit::{CliError, Exit};
use crate::repo::{read_summaries, Repo};
use crate::table::{col, paint, rcol};

struct Row {
    fingerprint: String,
    what: String,
    service: String,
    count: u64,
    seen: Option<Timestamp>,
    place: String,
}

/// `panic: message`, or the kind before the class when they differ
/// (`js-error TypeError: x is undefined`).
fn what(s: &Summary) -> String {
    let exception = if s.message.is_empty() {
        s.class.clone()
    } else {
        format!("{}: {}", s.class, s.message)
    };
    if s.class == s.kind.as_str() {
        exception
    } else {
        format!("{} {exception}", s.kind)
    }
}

/// Lists the reports, newest first.
pub fn run(repo: &Repo, expressions: &[String], color: bool) -> Result<Exit, CliError> {
    let all = [String::from("all")];
    let expressions = if expressions.is_empty() {
        &all[..]
    } else {
        expressions
    };
    let (found, mut faults) = repo.locate(expressions)?;
    let paths: Vec<&std::path::Path> = found.iter().map(|(_, p)| p.as_path()).collect();
    let mut rows = Vec::with_capacity(found.len());
    for ((fingerprint, path), read) in found.iter().zip(read_summaries(&paths)) {
        match read {
            Ok(info) => rows.push(Row {
                what: what(&info),
                service: format!("{} {}", info.name, info.version),
                count: info.count,
                seen: info.last_seen,
                place: info.place,
                fingerprint: fingerprint.clone(),
            }),
            Err(e) => {
                eprintln!("err: {}: {e}", path.display());
                faults += 1;
            }
        }
    }
    rows.sort_by(|a, b| {
        b.seen
            .cmp(&a.seen)
            .then_with(|| a.fingerprint.cmp(&b.fingerprint))
    });
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let header = format!(
        "{} {} {} {:>6} {} {}",
        col("Fingerprint", 36),
        col("Error", 48),
        col("Service", 20),
        "Count",
        col("Last seen", 24),
        "Place"
    );
    // A closed pipe (`err list | head`) ends the listing quietly.
    let _ = writeln!(out, "{}", paint(&header, "1", color));
    for row in rows {
        let seen = row
            .seen
            .map(|t| t.to_string())
            .unwrap_or_else(|| String::from("-"));
        let line = format!(
            "{} {} {} {:>6} {} {}",
            paint(&row.fingerprint, "33", color),
            col(&row.what, 48),
            col(&row.service, 20),
            row.count,
            col(&seen, 24),
            rcol(&row.place, 50).trim_end()
        );
        if writeln!(out, "{line}").is_err() {
            break;
        }
    }
    let _ = out.flush();
    outcome(faults)
}
