//! The true failure sites, read from the `// site:<case>` marks in the test sources.

use std::collections::BTreeMap;
use std::path::Path;

/// A marked line: the file (relative to the repository root) and its 1-based number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// The file, as rustc names it from the workspace root.
    pub file: String,
    /// The line number.
    pub line: u32,
}

/// Every `// site:<case>` mark under `dir` (relative to `root`), by case name.
pub fn find_sites(root: &Path, dir: &str) -> BTreeMap<String, Site> {
    let mut sites = BTreeMap::new();
    let mut stack = vec![root.join(dir)];
    while let Some(path) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&path) else {
            continue;
        };
        for entry in entries.flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&p) else {
                continue;
            };
            let relative = p.strip_prefix(root).unwrap_or(&p).display().to_string();
            for (index, line) in text.lines().enumerate() {
                if let Some((_, mark)) = line.split_once("// site:") {
                    let case = mark.trim().to_owned();
                    sites.insert(
                        case,
                        Site {
                            file: relative.clone(),
                            line: index as u32 + 1,
                        },
                    );
                }
            }
        }
    }
    sites
}
