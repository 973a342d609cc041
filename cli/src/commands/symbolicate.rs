//! `err symbolicate`: wasm frames of reports to Rust file:line, from the module's DWARF.

use std::path::Path;

use super::out;
use crate::args::SymbolicateArgs;
use crate::exit::{CliError, Exit};
use crate::symbolicate::{dwarf::Module, symbolicate};

/// Symbolicates each report and writes it: to standard output (one report), to `--out FILE`
/// (one report) or into `--out DIR` as `<fingerprint>.json` (any number).
pub fn run(options: SymbolicateArgs) -> Result<Exit, CliError> {
    let wasm = &options.wasm;
    let bytes = std::fs::read(wasm).map_err(|e| CliError::Read(wasm.display().to_string(), e))?;
    let module = Module::parse(&bytes)
        .map_err(|e| CliError::InvalidArgs(format!("{}: {e}", wasm.display())))?;
    let into_dir = options.out.as_deref().filter(|p| p.is_dir());
    if options.reports.len() > 1 && into_dir.is_none() {
        return Err(CliError::InvalidArgs(String::from(
            "several reports need --out DIR (an existing directory)",
        )));
    }
    let mut faults = 0;
    for path in &options.reports {
        let mut info = match crate::repo::read_report(path) {
            Ok(info) => info,
            Err(e) => {
                eprintln!("err: {}: {e}", path.display());
                faults += 1;
                continue;
            }
        };
        if let (Some(theirs), Some(ours)) = (info.build_id.as_deref(), module.build_id()) {
            if err::wasm::build_id::conflicts(theirs, ours) && !options.any_build {
                eprintln!(
                    "err: {}: the report is from build {theirs}, {} is build {ours}: its offsets \
                     belong to another module (--any-build to symbolicate anyway)",
                    path.display(),
                    wasm.display()
                );
                faults += 1;
                continue;
            }
        }
        let outcome = symbolicate(&mut info, &module, options.src.as_deref(), options.context);
        eprintln!(
            "err: {}: {} frames placed, {} at their function's first line (no byte offset), {} inlined frames added, {} not in the DWARF",
            path.display(),
            outcome.exact,
            outcome.approximate,
            outcome.inlined,
            outcome.unresolved
        );
        let json = err::codec::to_json_pretty(&info);
        match (&options.out, into_dir) {
            (_, Some(dir)) => write(&dir.join(format!("{}.json", info.fingerprint)), &json)?,
            (Some(file), None) => write(file, &json)?,
            (None, None) => out(&json),
        }
    }
    super::outcome(faults)
}

fn write(path: &Path, json: &str) -> Result<(), CliError> {
    std::fs::write(path, json).map_err(|e| CliError::Read(path.display().to_string(), e))
}
