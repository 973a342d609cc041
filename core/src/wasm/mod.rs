//! WebAssembly binaries, in one place: the bounded LEB128 reader every parser here uses,
//! the `name` section ([`names`]), build ids ([`build_id`]), and symbolication with symbol
//! bundles or DWARF ([`symbols`]). Readers are bounded and never panic on bad input; they
//! are hand-written (a few LEB128 reads) to keep the browser hook small, and fuzzed.

pub mod build_id;
mod leb128;
pub mod names;
pub mod symbols;
