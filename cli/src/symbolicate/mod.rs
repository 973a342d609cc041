//! Symbolication on the command line: core's [`err::wasm::symbols::symbolicate`] with a
//! module's DWARF ([`dwarf::Module`], which places frames with their inlined calls), then
//! the source around each line from `--src`.

pub mod dwarf;

use std::path::{Path, PathBuf};

use err::model::{ErrorInfo, SourceContext};
pub use err::wasm::symbols::Outcome;

use dwarf::Module;

/// Adds file, line, column and inlined frames to every wasm frame of `info`, and source
/// context (`context` lines each side) from `src`.
pub fn symbolicate(
    info: &mut ErrorInfo,
    module: &Module,
    src: Option<&Path>,
    context: u32,
) -> Outcome {
    let outcome = err::wasm::symbols::symbolicate(info, module);
    if let Some(src) = src {
        for frame in &mut info.stack {
            if frame.source.is_none() {
                if let (Some(file), Some(line)) = (&frame.file, frame.line) {
                    frame.source = read_source(src, file, line, context);
                }
            }
        }
        if let Some(location) = info.location.as_mut().filter(|l| l.source.is_none()) {
            location.source = read_source(src, &location.file, location.line, context);
        }
    }
    outcome
}

/// The file under `src`: the path as it is, else the longest tail of its components that
/// exists there (DWARF paths are absolute on the build machine).
pub(crate) fn locate(src: &Path, file: &str) -> Option<PathBuf> {
    let parts: Vec<&str> = file.split(['/', '\\']).filter(|c| !c.is_empty()).collect();
    (0..parts.len())
        .map(|skip| parts[skip..].iter().collect::<PathBuf>())
        .map(|tail| src.join(tail))
        .find(|p| p.is_file())
}

fn read_source(src: &Path, file: &str, line: u32, context: u32) -> Option<SourceContext> {
    err::source_file::read_context(&locate(src, file)?, file, line, context)
}
