//! Section `viewer`: the viewer with 10,000 reports in headless Chromium: time to the first
//! rows and to the last report read, against `JSON.parse` of the same bytes in the same
//! page, and filter keystroke latency. The measuring is `tests/examples/viewer_bench.rs`.

use super::{run_example, Section};
use crate::cmd::Error;
use crate::tools::Tools;

pub(super) fn measure(tools: &Tools) -> Result<Section, Error> {
    let viewer = crate::harness::build_viewer(tools)?;
    let err = crate::harness::build_release_cli()?;
    run_example(
        tools,
        "viewer_bench",
        &[],
        &[("GUFO_ERR_BIN", &err), ("GUFO_ERR_VIEWER_DIR", &viewer)],
    )
}
