//! `err build-id`: a wasm module's build id, read or written.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use wasmparser::{Parser, Payload};

use crate::args::BuildIdArgs;
use crate::exit::{CliError, Exit};

/// Bytes of SHA-256 kept as the id (a UUID's worth, as debug ids are).
const ID_BYTES: usize = 16;

/// What a module says about its id.
struct Layout {
    /// The `build_id` section's id (hex).
    id: Option<String>,
    /// The Code section's contents.
    code: std::ops::Range<usize>,
}

/// Prints `<id>  <file>` for each module; with `--write`, gives the first module an id
/// (derived from its code) if it has none and puts it into every other file without one.
pub fn run(options: BuildIdArgs) -> Result<Exit, CliError> {
    let mut files = Vec::new();
    for path in &options.modules {
        let bytes =
            std::fs::read(path).map_err(|e| CliError::Read(path.display().to_string(), e))?;
        let layout = layout(&bytes)
            .map_err(|e| CliError::InvalidArgs(format!("{}: {e}", path.display())))?;
        files.push((path, bytes, layout));
    }
    if !options.write {
        let mut missing = 0;
        for (path, _, layout) in &files {
            match &layout.id {
                Some(id) => println!("{id}  {}", path.display()),
                None => {
                    eprintln!(
                        "err: {}: no build_id section (add one with --write)",
                        path.display()
                    );
                    missing += 1;
                }
            }
        }
        return none_or(missing, "have no build id");
    }
    let Some((_, first_bytes, first)) = files.first() else {
        return Ok(Exit::Ok);
    };
    let id = match &first.id {
        Some(id) => id.clone(),
        None => err::wasm::build_id::to_hex(
            &Sha256::digest(&first_bytes[first.code.clone()])[..ID_BYTES],
        ),
    };
    let raw = err::wasm::build_id::from_hex(&id)
        .ok_or_else(|| CliError::InvalidArgs(format!("build id {id} is not hex")))?;
    let mut faults = 0;
    for (path, bytes, layout) in &files {
        match &layout.id {
            Some(existing) if *existing == id => {}
            Some(existing) => {
                eprintln!("err: {}: has build id {existing}, not {id}", path.display());
                faults += 1;
                continue;
            }
            None => append(path, bytes, &err::wasm::build_id::section(&raw))?,
        }
        println!("{id}  {}", path.display());
    }
    none_or(faults, "have another build id")
}

fn none_or(failed: usize, what: &str) -> Result<Exit, CliError> {
    if failed == 0 {
        Ok(Exit::Ok)
    } else {
        Err(CliError::InvalidArgs(format!(
            "{failed} of the files {what}"
        )))
    }
}

/// The build id and the Code section of a module.
fn layout(bytes: &[u8]) -> Result<Layout, String> {
    if !bytes.starts_with(b"\0asm") {
        return Err(String::from("not a wasm module (no \\0asm header)"));
    }
    let mut id = None;
    let mut code = None;
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.map_err(|e| format!("not a readable wasm module: {e}"))? {
            Payload::CodeSectionStart {
                unchecked_range, ..
            } => {
                let at = |offset: u64| usize::try_from(offset).map_err(|e| e.to_string());
                code = Some(at(unchecked_range.start)?..at(unchecked_range.end)?);
            }
            Payload::CustomSection(section) if section.name() == err::wasm::build_id::SECTION => {
                id = err::wasm::build_id::decode(section.data());
            }
            _ => {}
        }
    }
    let code = code.ok_or_else(|| String::from("the module has no code section"))?;
    Ok(Layout { id, code })
}

/// Writes the module with `section` appended (custom sections may come last).
fn append(path: &Path, bytes: &[u8], section: &[u8]) -> Result<(), CliError> {
    let mut out = bytes.to_vec();
    out.extend_from_slice(section);
    let temporary = PathBuf::from(format!("{}.build-id.tmp", path.display()));
    std::fs::write(&temporary, &out)
        .and_then(|()| std::fs::rename(&temporary, path))
        .map_err(|e| CliError::Read(path.display().to_string(), e))
}
