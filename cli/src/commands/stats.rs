//! `err stats`.

use std::collections::BTreeMap;

use super::{out, outcome};
use crate::exit::{CliError, Exit};
use crate::repo::{read_summaries, Repo};

#[derive(Default)]
struct Tally {
    reports: usize,
    occurrences: u64,
}

/// Counts by kind, service, version, engine, and the top places.
pub fn run(repo: &Repo, top: usize) -> Result<Exit, CliError> {
    let index = repo.index()?;
    let mut groups: BTreeMap<&str, BTreeMap<String, Tally>> = BTreeMap::new();
    let mut places: BTreeMap<String, Tally> = BTreeMap::new();
    let mut faults = 0;
    let mut total = Tally::default();
    let paths: Vec<&std::path::Path> = index.values().map(|p| p.as_path()).collect();
    for (path, read) in paths.iter().zip(read_summaries(&paths)) {
        let info = match read {
            Ok(info) => info,
            Err(e) => {
                eprintln!("err: {}: {e}", path.display());
                faults += 1;
                continue;
            }
        };
        let engine = info
            .engine
            .map_or_else(|| String::from("-"), |e| e.to_string());
        for (group, key) in [
            ("kind", info.kind.to_string()),
            ("service", info.name.clone()),
            ("version", format!("{} {}", info.name, info.version)),
            ("engine", engine),
        ] {
            let tally = groups.entry(group).or_default().entry(key).or_default();
            tally.reports += 1;
            tally.occurrences += info.count;
        }
        let tally = places.entry(info.place.clone()).or_default();
        tally.reports += 1;
        tally.occurrences += info.count;
        total.reports += 1;
        total.occurrences += info.count;
    }
    out(&format!(
        "{} reports, {} occurrences",
        total.reports, total.occurrences
    ));
    for group in ["kind", "service", "version", "engine"] {
        out(&format!("\nBy {group}:"));
        let mut rows: Vec<_> = groups
            .get(group)
            .map(|g| g.iter().collect())
            .unwrap_or_default();
        rows.sort_by(|a, b| {
            b.1.occurrences
                .cmp(&a.1.occurrences)
                .then_with(|| a.0.cmp(b.0))
        });
        for (key, tally) in rows {
            out(&format!(
                "  {:>8} {:>6}  {key}",
                tally.occurrences, tally.reports
            ));
        }
    }
    out(&format!("\nTop {top} places (occurrences, reports):"));
    let mut rows: Vec<_> = places.iter().collect();
    rows.sort_by(|a, b| {
        b.1.occurrences
            .cmp(&a.1.occurrences)
            .then_with(|| a.0.cmp(b.0))
    });
    for (key, tally) in rows.into_iter().take(top) {
        out(&format!(
            "  {:>8} {:>6}  {key}",
            tally.occurrences, tally.reports
        ));
    }
    outcome(faults)
}
