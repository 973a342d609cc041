//! `err list`.

use err::model::Timestamp;

use super::{out, outcome};
use crate::exit::{CliError, Exit};
use crate::repo::{place, read_report, Repo};
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
fn what(info: &err::model::ErrorInfo) -> String {
    let summary = info.exception.summary();
    if info.exception.class == info.kind.as_str() {
        summary
    } else {
        format!("{} {summary}", info.kind)
    }
}

/// Lists the reports, newest first.
pub fn run(repo: &Repo, expressions: &[String], color: bool) -> Result<Exit, CliError> {
    let index = repo.index()?;
    let all = [String::from("all")];
    let expressions = if expressions.is_empty() {
        &all[..]
    } else {
        expressions
    };
    let fingerprints = repo.resolve(expressions, &index)?;
    let mut rows = Vec::with_capacity(fingerprints.len());
    let mut faults = 0;
    for fingerprint in fingerprints {
        let Some(path) = index.get(&fingerprint) else {
            eprintln!("err: {fingerprint} is not found");
            faults += 1;
            continue;
        };
        match read_report(path) {
            Ok(info) => rows.push(Row {
                what: what(&info),
                service: format!("{} {}", info.name, info.version),
                count: info.count,
                seen: info.last_seen.or(info.timestamp),
                place: place(&info),
                fingerprint,
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
    let header = format!(
        "{} {} {} {:>6} {} {}",
        col("Fingerprint", 36),
        col("Error", 48),
        col("Service", 20),
        "Count",
        col("Last seen", 24),
        "Place"
    );
    out(&paint(&header, "1", color));
    for row in rows {
        let seen = row
            .seen
            .map(|t| t.to_string())
            .unwrap_or_else(|| String::from("-"));
        out(&format!(
            "{} {} {} {:>6} {} {}",
            paint(&row.fingerprint, "33", color),
            col(&row.what, 48),
            col(&row.service, 20),
            row.count,
            col(&seen, 24),
            rcol(&row.place, 50).trim_end()
        ));
    }
    outcome(faults)
}
