//! Section `hook`: the cost of a panic hook in headless Chromium, from a panic 30 frames
//! deep to the trap back in JavaScript, on the size app's builds (no hook,
//! console_error_panic_hook, the relay hook with the page's shared engine, the engine in the
//! module); against console_error_panic_hook. The measuring is
//! `tests/examples/hook_bench.rs`.

use super::{run_example, scratch_dir, size::size_app_builds, Section};
use crate::cmd::Error;
use crate::tools::Tools;

pub(super) fn measure(tools: &Tools) -> Result<Section, Error> {
    // The builds the example loads, in `target/bench/size-*`.
    size_app_builds(tools)?;
    let dir = scratch_dir();
    // The relay build's engine: the npm package, on the page.
    let npm = dir.join("npm");
    if npm.exists() {
        std::fs::remove_dir_all(&npm).map_err(|e| Error::Io(npm.clone(), e))?;
    }
    crate::harness::copy_dir(&crate::harness::build_npm(tools)?, &npm)?;
    run_example(tools, "hook_bench", &[dir.as_os_str()], &[])
}
