//! The corpus of real stacks: one JSON file per engine and case under `tests/corpus/`,
//! written by the real-browser test (with `GUFO_ERR_UPDATE_CORPUS=1`) and read by the core's
//! unit tests too.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// What one engine produced for one case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sample {
    /// The case name (`bounds`, `js_type_error`, …).
    pub case: String,
    /// Where it ran: `chromium`, `firefox`, `webkit` or `node`.
    pub runtime: String,
    /// The user agent (or Node's version).
    pub user_agent: String,
    /// The reports gufo-err built inside the page, as JSON text.
    pub reports: Vec<String>,
    /// The error JavaScript saw: the trap after a panic, or the thrown JS error.
    pub error: Option<Thrown>,
    /// Names of the wasm functions these stacks mention, from the module's name section
    /// (engines leave some out; a page recovers them from the module, and so do the checks).
    #[serde(default)]
    pub wasm_names: std::collections::BTreeMap<u32, String>,
    /// The failing line when the sample was captured (`file`, `line`), from the `// site:`
    /// marks of the sources as they were then.
    #[serde(default)]
    pub site: Option<(String, u32)>,
}

impl Sample {
    /// Fills `wasm_names` for every wasm function index the sample's stacks mention.
    pub fn name_wasm_functions(&mut self, names: &err::wasm::names::FunctionNames) {
        let mut stacks: Vec<String> = self.error.iter().map(|e| e.stack.clone()).collect();
        for report in &self.reports {
            if let Ok(info) = err::codec::from_json(report) {
                stacks.extend(info.raw_stack);
            }
        }
        for stack in stacks {
            for frame in err::parse::parse_stack(&stack).frames {
                if let Some(name) = frame
                    .wasm_function
                    .and_then(|i| names.get(i).map(|n| (i, n.to_owned())))
                {
                    self.wasm_names.insert(name.0, name.1);
                }
            }
        }
    }
}

/// A JavaScript error as the page saw it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Thrown {
    /// `error.name`.
    pub name: String,
    /// `error.message`.
    pub message: String,
    /// `error.stack`.
    pub stack: String,
}

/// The corpus directory.
pub fn corpus_dir() -> PathBuf {
    crate::repo_root().join("tests").join("corpus")
}

/// Writes a sample to `tests/corpus/<runtime>/<case>.json`.
pub fn write_sample(sample: &Sample) -> std::io::Result<()> {
    let dir = corpus_dir().join(&sample.runtime);
    std::fs::create_dir_all(&dir)?;
    let text = serde_json::to_string_pretty(sample).map_err(std::io::Error::other)?;
    std::fs::write(dir.join(format!("{}.json", sample.case)), text + "\n")
}

/// Every sample in the corpus.
pub fn read_all() -> Vec<Sample> {
    let mut samples = Vec::new();
    let Ok(runtimes) = std::fs::read_dir(corpus_dir()) else {
        return samples;
    };
    for runtime in runtimes.flatten().filter(|e| e.path().is_dir()) {
        let Ok(files) = std::fs::read_dir(runtime.path()) else {
            continue;
        };
        for file in files.flatten() {
            if let Ok(text) = std::fs::read_to_string(file.path()) {
                if let Ok(sample) = serde_json::from_str(&text) {
                    samples.push(sample);
                }
            }
        }
    }
    samples.sort_by(|a: &Sample, b: &Sample| (&a.runtime, &a.case).cmp(&(&b.runtime, &b.case)));
    samples
}
