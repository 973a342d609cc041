//! Shared helpers for the core's integration tests: fixtures and the real-stack corpus.

#![allow(dead_code)]

use std::path::PathBuf;

use err::model::ErrorInfo;

/// `core/tests/fixtures/<name>.json`, read with the codec.
pub fn fixture(name: &str) -> ErrorInfo {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(format!("{name}.json"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    err::codec::from_slice(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Names of every fixture.
pub fn fixture_names() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("fixtures")
        .flatten()
        .filter_map(|e| {
            e.path()
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
        })
        .collect();
    names.sort();
    names
}

/// One sample of the real-stack corpus (`tests/corpus/<runtime>/<case>.json`).
pub struct Sample {
    pub runtime: String,
    pub case: String,
    pub reports: Vec<String>,
    pub error: Option<(String, String, String)>,
}

/// Every corpus sample.
pub fn corpus() -> Vec<Sample> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus");
    let mut samples = Vec::new();
    for runtime in std::fs::read_dir(&dir)
        .expect("tests/corpus exists")
        .flatten()
    {
        for file in std::fs::read_dir(runtime.path())
            .expect("runtime dir")
            .flatten()
        {
            let text = std::fs::read_to_string(file.path()).expect("readable");
            let v: serde_json::Value = serde_json::from_str(&text).expect("corpus JSON");
            let s = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
            samples.push(Sample {
                runtime: s(&v["runtime"]),
                case: s(&v["case"]),
                reports: v["reports"]
                    .as_array()
                    .map(|a| a.iter().map(s).collect())
                    .unwrap_or_default(),
                error: v
                    .get("error")
                    .filter(|e| !e.is_null())
                    .map(|e| (s(&e["name"]), s(&e["message"]), s(&e["stack"]))),
            });
        }
    }
    samples.sort_by(|a, b| (&a.runtime, &a.case).cmp(&(&b.runtime, &b.case)));
    samples
}

/// Every raw stack of the corpus: the ones the hook captured and the ones JS saw.
pub fn corpus_stacks() -> Vec<(String, String)> {
    let mut stacks = Vec::new();
    for sample in corpus() {
        let at = format!("{}/{}", sample.runtime, sample.case);
        for report in &sample.reports {
            let info = err::codec::from_json(report).expect("corpus report");
            stacks.push((at.clone(), info.raw_stack.unwrap_or_default()));
        }
        if let Some((_, _, stack)) = sample.error {
            stacks.push((at.clone(), stack));
        }
    }
    stacks
}
