//! The layers of `core/src` point one way: a module may use its own layer and those below,
//! never one above, and the target seam beside them (platform, transport) is used only from
//! the layers above the pipeline. The table is read from docs/ARCHITECTURE.md, so the
//! document and the code cannot drift apart; a module the table does not name fails too.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A layer's rank; the side seam is `None`.
type Rank = Option<u32>;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// `module path → rank`, from the rows between `<!-- layers -->` and `<!-- /layers -->` in
/// docs/ARCHITECTURE.md: `| rank or side | name | `module`, `module::sub` |`.
fn layer_table() -> BTreeMap<String, Rank> {
    let doc =
        std::fs::read_to_string(root().join("../docs/ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let start = doc
        .find("<!-- layers -->")
        .expect("a <!-- layers --> table");
    let end = doc.find("<!-- /layers -->").expect("the table's end");
    let mut table = BTreeMap::new();
    for row in doc[start..end].lines().filter(|l| l.starts_with('|')) {
        let cells: Vec<&str> = row.trim_matches('|').split('|').map(str::trim).collect();
        let rank = match cells[0] {
            "side" => None,
            number => match number.parse() {
                Ok(rank) => Some(rank),
                Err(_) => continue, // the header and the rule
            },
        };
        for module in cells[2].split(',').map(|m| m.trim().trim_matches('`')) {
            table.insert(module.to_owned(), rank);
        }
    }
    assert!(
        table.len() > 5,
        "the layer table names too few modules: {table:?}"
    );
    table
}

/// The rank of a module path: its longest prefix in the table (`browser::runtime` before
/// `browser`).
fn rank_of(table: &BTreeMap<String, Rank>, path: &str) -> Option<Rank> {
    let segments: Vec<&str> = path.split("::").collect();
    (1..=segments.len())
        .rev()
        .find_map(|n| table.get(&segments[..n].join("::")).copied())
}

/// The module path of a source file (`browser/runtime.rs` → `browser::runtime`).
fn module_path(file: &Path) -> String {
    let relative = file.strip_prefix(root().join("src")).expect("under src");
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts.join("::")
}

/// Every `crate::…` path a file names (outside comments), with `use crate::{a, b::c}`
/// groups opened.
fn crate_paths(text: &str) -> Vec<String> {
    let code: String = text
        .lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n");
    let mut paths = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            let mut depth = 1;
            let end = group
                .char_indices()
                .find(|&(_, c)| {
                    depth += match c {
                        '{' => 1,
                        '}' => -1,
                        _ => 0,
                    };
                    depth == 0
                })
                .map_or(group.len(), |(i, _)| i);
            let mut depth = 0;
            let mut item = String::new();
            for c in group[..end].chars().chain([',']) {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        let path = item.split("::{").next().unwrap_or_default().trim();
                        if !path.is_empty() {
                            paths.push(path.to_owned());
                        }
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
            rest = &group[end..];
        } else {
            let end = after
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(after.len());
            paths.push(after[..end].trim_end_matches(':').to_owned());
            rest = &after[end..];
        }
    }
    paths
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a readable src").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Whether a module of rank `from` may use one of rank `to`.
fn allowed(from: Rank, to: Rank, pipeline: u32) -> bool {
    match (from, to) {
        (Some(from), Some(to)) => to <= from,
        // The seam is used from above the pipeline, and by itself.
        (Some(from), None) => from > pipeline,
        (None, None) => true,
        // The seam uses the model and the pure stages only.
        (None, Some(to)) => to < pipeline,
    }
}

#[test]
fn no_module_uses_a_layer_above_its_own() {
    let table = layer_table();
    let pipeline = rank_of(&table, "pipeline")
        .flatten()
        .expect("pipeline has a rank");
    let top = table.values().flatten().max().copied();
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    files.sort();
    let mut problems = Vec::new();
    for file in &files {
        let module = module_path(file);
        let from = if module == "lib" {
            top
        } else {
            match rank_of(&table, &module) {
                Some(rank) => rank,
                None => {
                    problems.push(format!(
                        "{module}: not in the layer table of docs/ARCHITECTURE.md"
                    ));
                    continue;
                }
            }
        };
        let text = std::fs::read_to_string(file).expect("a readable file");
        for path in crate_paths(&text) {
            let Some(to) = rank_of(&table, &path) else {
                continue; // a crate-root item (`crate::Config`, re-exported): checked where it is defined
            };
            if !allowed(from, to, pipeline) {
                let show = |r: Rank| r.map_or_else(|| String::from("side"), |r| r.to_string());
                problems.push(format!(
                    "{module} (layer {}) uses crate::{path} (layer {})",
                    show(from),
                    show(to)
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "layering broken:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_path_reader_opens_groups_and_skips_comments() {
    let text = "use crate::{model::{Frame, Kind}, parse};\n// crate::hook is only named here\nlet x = crate::platform::now();";
    assert_eq!(crate_paths(text), ["model", "parse", "platform::now"]);
}

#[test]
fn a_use_from_below_is_caught() {
    let table = layer_table();
    let pipeline = rank_of(&table, "pipeline")
        .flatten()
        .expect("pipeline has a rank");
    let model = rank_of(&table, "model").expect("model is in the table");
    let hook = rank_of(&table, "hook").expect("hook is in the table");
    let platform = rank_of(&table, "platform").expect("platform is in the table");
    assert!(!allowed(model, hook, pipeline));
    assert!(!allowed(model, platform, pipeline));
    assert!(!allowed(platform, hook, pipeline));
    assert!(allowed(hook, model, pipeline));
}
