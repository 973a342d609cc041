//! The target seam: clock, randomness, stack capture, console, environment, source files
//! and the running module's own sections. It sits beside the layers and calls none of
//! them: the handler and the hook read it, and hand the pipeline what it needs through
//! [`crate::pipeline::Target`]. Deliveries go through [`crate::transport`]. `native` (std) and `wasm` (js-sys/web-sys) implement it;
//! everything else in the crate is plain Rust.

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
mod native;
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
use native as imp;

#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
mod wasm;
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
use wasm as imp;

use crate::model::{Engine, Runtime, SourceContext};

/// What the platform knows about where the code runs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Environment {
    /// Native, or wasm.
    pub runtime: Option<Runtime>,
    /// The page URL (browser only).
    pub page_url: Option<String>,
    /// The user agent (browser only).
    pub user_agent: Option<String>,
    /// The engine, when the platform can tell.
    pub engine: Option<Engine>,
}

/// Milliseconds since the Unix epoch.
pub(crate) fn now_millis() -> i64 {
    imp::now_millis()
}

/// The current stack as text, in the platform's own format.
pub(crate) fn capture_stack() -> String {
    imp::capture_stack()
}

/// Writes a report to the developer's console: stderr natively, `console.error` in a browser.
pub(crate) fn write_console(text: &str) {
    imp::write_console(text)
}

/// The runtime, engine, page and user agent.
pub(crate) fn environment() -> Environment {
    imp::environment()
}

/// `context` lines on both sides of `line` of `file`, when the file can be read.
pub(crate) fn read_source(file: &str, line: u32, context: u32) -> Option<SourceContext> {
    imp::read_source(file, line, context)
}

/// The name of wasm function `index` in the running module, from its `name` section
/// (wasm only; read once, on first use).
pub(crate) fn wasm_function_name(index: u32) -> Option<String> {
    imp::wasm_function_name(index)
}

/// A random 64-bit number (for event ids and sampling), not for cryptography.
pub(crate) fn random_u64() -> u64 {
    imp::random_u64()
}

/// A random (version 4) UUID, for event ids.
pub(crate) fn random_uuid() -> uuid::Uuid {
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&random_u64().to_le_bytes());
    bytes[8..].copy_from_slice(&random_u64().to_le_bytes());
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

/// The running wasm module's own name, from its `name` section (wasm only).
pub(crate) fn wasm_module_name() -> Option<String> {
    imp::wasm_module_name()
}

/// The running wasm module's build id, from its `build_id` section (wasm only; see
/// [`crate::wasm::build_id`]).
pub(crate) fn wasm_build_id() -> Option<String> {
    imp::wasm_build_id()
}

/// Prepares stack capture (V8 keeps only 10 frames unless told otherwise).
pub(crate) fn prepare_capture() {
    imp::prepare_capture()
}

/// Asks for a fresh instance of this wasm module before its next export call (wasm-bindgen's
/// `schedule_reinit`); natively nothing (the process keeps running after a caught panic).
pub(crate) fn schedule_restart() {
    imp::schedule_restart()
}
