//! `err addr2line`: module byte offsets to `function` and `file:line:column`, one place a
//! line pair, as `llvm-addr2line -f` prints them.

use std::io::{BufRead, Write};

use crate::args::Addr2lineArgs;
use crate::exit::{CliError, Exit};
use crate::symbolicate::dwarf::Module;

/// An offset: `0x1a2b` or `6699`.
fn offset(text: &str) -> Result<u64, CliError> {
    let text = text.trim();
    let parsed = match text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => text.parse(),
    };
    parsed.map_err(|_| CliError::InvalidArgs(format!("{text:?} is not an offset (0x1a2b or 6699)")))
}

/// Prints the innermost place of each offset (given, or one a line on standard input).
pub fn run(options: Addr2lineArgs) -> Result<Exit, CliError> {
    let wasm = &options.wasm;
    let bytes = std::fs::read(wasm).map_err(|e| CliError::Read(wasm.display().to_string(), e))?;
    let module = Module::parse(&bytes)
        .map_err(|e| CliError::InvalidArgs(format!("{}: {e}", wasm.display())))?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut answer = |text: &str| -> Result<(), CliError> {
        let places = module.lookup(offset(text)?);
        let place = places.first();
        let function = place.and_then(|p| p.function.as_deref()).unwrap_or("??");
        let file = place.and_then(|p| p.file.as_deref()).unwrap_or("??");
        let line = place.and_then(|p| p.line).unwrap_or(0);
        let column = place.and_then(|p| p.column).unwrap_or(0);
        // A closed pipe (`| head`) is not an error.
        let _ = writeln!(out, "{function}\n{file}:{line}:{column}");
        Ok(())
    };
    if options.offsets.is_empty() {
        for line in std::io::stdin().lock().lines() {
            let line = line.map_err(|e| CliError::Read(String::from("stdin"), e))?;
            if !line.trim().is_empty() {
                answer(&line)?;
            }
        }
    } else {
        for text in &options.offsets {
            answer(text)?;
        }
    }
    let _ = out.flush();
    Ok(Exit::Ok)
}
