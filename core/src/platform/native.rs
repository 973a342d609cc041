//! Native targets: std's clock, backtrace, stderr and file system.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::model::{Engine, Runtime, SourceContext};

pub(super) fn now_millis() -> i64 {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    now.map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

pub(super) fn capture_stack() -> String {
    std::backtrace::Backtrace::force_capture().to_string()
}

pub(super) fn write_console(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "{text}");
}

pub(super) fn environment() -> super::Environment {
    super::Environment {
        runtime: Some(Runtime::Native),
        engine: Some(Engine::Native),
        ..Default::default()
    }
}

pub(super) fn prepare_capture() {}

pub(super) fn schedule_restart() {}

pub(super) fn random_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    // Each RandomState is seeded anew from the OS.
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    hasher.finish()
}

pub(super) fn wasm_function_name(_index: u32) -> Option<String> {
    None
}

pub(super) fn wasm_module_name() -> Option<String> {
    None
}

pub(super) fn wasm_build_id() -> Option<String> {
    None
}

pub(super) fn read_source(file: &str, line: u32, context: u32) -> Option<SourceContext> {
    crate::source_file::read_context(&locate(file)?, file, line, context)
}

/// Finds a source file: as given, then under the crate's and the working directory's
/// ancestors (the compiler names files relative to the workspace root).
fn locate(file: &str) -> Option<PathBuf> {
    let path = Path::new(file);
    if path.is_absolute() {
        return path.is_file().then(|| path.to_path_buf());
    }
    let mut bases: Vec<PathBuf> = Vec::new();
    if let Some(dir) = std::env::var_os("CARGO_MANIFEST_DIR") {
        bases.extend(Path::new(&dir).ancestors().take(4).map(Path::to_path_buf));
    }
    if let Ok(cwd) = std::env::current_dir() {
        bases.extend(cwd.ancestors().take(4).map(Path::to_path_buf));
    }
    bases
        .into_iter()
        .map(|base| base.join(path))
        .find(|p| p.is_file())
}
