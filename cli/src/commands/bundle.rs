//! `err bundle`: a symbol bundle (`.errsym`) from a module's DWARF, for the viewer.

use std::collections::BTreeMap;
use std::io::Write;

use err::wasm::symbols::Bundle;

use crate::args::BundleArgs;
use crate::exit::{CliError, Exit};
use crate::symbolicate::{dwarf::Module, locate};

/// Largest source file put in a bundle.
const MAX_SOURCE_BYTES: u64 = 1 << 20;

/// Whether a file belongs to a library (std, a registry or git crate): left out of `sources`.
fn library(file: &str) -> bool {
    ["/rustc/", "/.cargo/registry/", "/.cargo/git/", "/.rustup/"]
        .iter()
        .any(|marker| file.contains(marker))
}

/// Writes the bundle (gzip-compressed JSON).
pub fn run(options: BundleArgs) -> Result<Exit, CliError> {
    let wasm = &options.wasm;
    let bytes = std::fs::read(wasm).map_err(|e| CliError::Read(wasm.display().to_string(), e))?;
    let module = Module::parse(&bytes)
        .map_err(|e| CliError::InvalidArgs(format!("{}: {e}", wasm.display())))?;
    let rows = module.line_rows();
    let mut sources = BTreeMap::new();
    if let Some(src) = &options.src {
        let mut files: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
        files.sort_unstable();
        files.dedup();
        for file in files.into_iter().filter(|f| !library(f)) {
            let Some(path) = locate(src, file) else {
                continue;
            };
            let small = std::fs::metadata(&path).is_ok_and(|m| m.len() <= MAX_SOURCE_BYTES);
            if let (true, Ok(text)) = (small, std::fs::read_to_string(&path)) {
                sources.insert(file.to_owned(), text);
            }
        }
    }
    // The module the frames name: a split debug file (`app_bg.debug.wasm`) stands for
    // `app_bg.wasm`.
    let name = wasm
        .file_name()
        .map(|n| n.to_string_lossy().replace(".debug.wasm", ".wasm"))
        .unwrap_or_default();
    // Where code was inlined, the row's whole chain (as `err symbolicate` finds it).
    let mut starts: Vec<u64> = rows.iter().map(|r| r.0).collect();
    starts.dedup();
    if options.no_inline {
        starts.clear();
    }
    let chains = starts
        .into_iter()
        .map(|offset| (offset, module.lookup(offset)))
        .filter(|(_, places)| places.len() > 1)
        .collect();
    let mut bundle = Bundle::new(name, rows, module.bodies(), sources).with_inlined(chains);
    bundle.build_id = module.build_id().map(str::to_owned);
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let gz = encoder
        .write_all(bundle.to_json().as_bytes())
        .and_then(|()| encoder.finish())
        .map_err(|e| CliError::Read(String::from("gzip"), e))?;
    std::fs::write(&options.out, &gz)
        .map_err(|e| CliError::Read(options.out.display().to_string(), e))?;
    eprintln!(
        "err: {}: {} line rows ({} runs of inlined code, {} places inlined at), {} files, {} sources, {} functions, {} bytes",
        options.out.display(),
        bundle.rows.len() / 4,
        bundle.inline_runs.len() / 3,
        bundle.callers.len() / 5,
        bundle.files.len(),
        bundle.sources.len(),
        bundle.functions.len(),
        gz.len()
    );
    Ok(Exit::Ok)
}
