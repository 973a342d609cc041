//! Stack parsing throughput on the corpus of stacks captured from real Chromium, Firefox,
//! WebKitGTK and Node (`tests/corpus`): the parser alone, and parser + normalizer (what the
//! npm package's `parseStack` does before serializing). `cargo xtask bench parse` puts the
//! figures beside the wasm build and the JavaScript peers.

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// Every stack text of the corpus: the hook's raw stacks and the thrown errors' stacks.
fn corpus() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus");
    let mut stacks = Vec::new();
    let mut engines: Vec<_> = std::fs::read_dir(&root)
        .expect("corpus")
        .flatten()
        .collect();
    engines.sort_by_key(|e| e.file_name());
    for engine in engines {
        let mut files: Vec<_> = std::fs::read_dir(engine.path())
            .expect("engine")
            .flatten()
            .collect();
        files.sort_by_key(|e| e.file_name());
        for file in files {
            let sample: serde_json::Value =
                serde_json::from_slice(&std::fs::read(file.path()).expect("sample")).expect("json");
            for report in sample["reports"].as_array().into_iter().flatten() {
                let report: serde_json::Value =
                    serde_json::from_str(report.as_str().unwrap_or("{}")).expect("report");
                if let Some(raw) = report["raw_stack"].as_str() {
                    stacks.push(raw.to_owned());
                }
            }
            if let Some(stack) = sample["error"]["stack"].as_str() {
                stacks.push(stack.to_owned());
            }
        }
    }
    stacks
}

fn parse(c: &mut Criterion) {
    let stacks = corpus();
    let bytes: usize = stacks.iter().map(String::len).sum();
    let in_app = err::normalize::InApp::default();
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("corpus", |b| {
        b.iter(|| {
            for s in &stacks {
                black_box(err::parse::parse_stack(black_box(s)));
            }
        })
    });
    group.bench_function("corpus_normalized", |b| {
        b.iter(|| {
            for s in &stacks {
                let mut frames = err::parse::parse_stack(black_box(s)).frames;
                err::normalize::normalize_frames(&mut frames, &in_app);
                black_box(frames);
            }
        })
    });
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
