//! Section `size`: the size a panic hook adds to a reference wasm app (`bench/size-app`),
//! built four ways (no hook, console_error_panic_hook, the relay hook `err::init()`, and
//! `err::init()` with the engine in the module), after `wasm-opt -Oz`, raw and gzipped, the
//! JS each build ships included; against console_error_panic_hook. Also the size of the npm
//! package `gufo-err`, the page's shared engine that the relay build relies on.
//!
//! The builds table ([`size_app_builds`]) is shared with the `hook` section, which times
//! the same builds.

use std::path::{Path, PathBuf};

use super::{gzipped, scratch_dir, Section};
use crate::cmd::Error;
use crate::tools::Tools;

/// The size app's builds: the label, and the cargo feature (and output directory suffix).
const SIZE_BUILDS: [(&str, Option<&str>); 4] = [
    ("no hook", None),
    ("console_error_panic_hook", Some("cehp")),
    (
        "err::init() (relay hook; the page's shared engine analyzes)",
        Some("gufo"),
    ),
    (
        "err::init() with the `engine` feature (pipeline in the module)",
        Some("gufo-engine"),
    ),
];

/// The peer build, the reference of the "added" column.
const PEER_BUILD: &str = "console_error_panic_hook";

pub(super) fn measure(tools: &Tools) -> Result<Section, Error> {
    let sizes = size_app_builds(tools)?;
    let npm = npm_size(tools)?;
    let markdown = format!(
        "## Size of a panic hook in a wasm app (`bench/size-app`, `wasm-opt -Oz`, gzip -9)\n\n\
         | build | wasm | wasm gzipped | JS gzipped (glue + imported snippets) | total gzipped | added over console_error_panic_hook |\n|---|---|---|---|---|---|\n{}\n\
         The relay build's panics are analyzed by the page's shared engine, the npm package `gufo-err` \
         (loaded once per page, for every Rust module and the JS app's own errors): engine wasm {} B \
         ({} B gzipped) as the package ships it (`wasm-opt -Oz`, names kept), JS {} B ({} B gzipped: `index.js`, the wasm-bindgen \
         glue, `runtime.js`). The `engine` build carries the whole pipeline in the module.\n",
        sizes.iter().map(|s| s.row(&sizes)).collect::<String>(),
        npm.wasm,
        npm.wasm_gzip,
        npm.js,
        npm.js_gzip,
    );
    let rows: Vec<String> = sizes
        .iter()
        .map(|s| {
            format!(
                "{{\"build\": {:?}, \"wasm\": {}, \"wasm_gzip\": {}, \"js_gzip\": {}, \"total_gzip\": {}}}",
                s.build,
                s.wasm,
                s.wasm_gzip,
                s.js_gzip,
                s.total_gzip()
            )
        })
        .collect();
    let json = format!(
        "{{\"hook\": [{}], \"npm_package\": {{\"wasm\": {}, \"wasm_gzip\": {}, \"js\": {}, \"js_gzip\": {}}}}}",
        rows.join(", "),
        npm.wasm,
        npm.wasm_gzip,
        npm.js,
        npm.js_gzip
    );
    Ok(Section {
        markdown,
        json,
        problem: None,
    })
}

/// One build of the size app, after `wasm-opt -Oz`.
pub(super) struct AppSize {
    build: &'static str,
    wasm: usize,
    wasm_gzip: usize,
    /// The JS it ships, each file gzipped apiece.
    js_gzip: usize,
}

impl AppSize {
    fn total_gzip(&self) -> usize {
        self.wasm_gzip + self.js_gzip
    }

    /// The Markdown row, with what it adds over the peer build among `all`.
    fn row(&self, all: &[AppSize]) -> String {
        let peer = all
            .iter()
            .find(|s| s.build == PEER_BUILD)
            .map_or(0, AppSize::total_gzip);
        let added = if self.build.starts_with("err::init()") {
            format!(
                "{:+.1} KB",
                (self.total_gzip() as f64 - peer as f64) / 1024.0
            )
        } else {
            String::from("-")
        };
        format!(
            "| {} | {} B | {} B | {} B | {} B | {added} |\n",
            self.build,
            self.wasm,
            self.wasm_gzip,
            self.js_gzip,
            self.total_gzip()
        )
    }
}

/// Builds the size app each way of [`SIZE_BUILDS`] into `target/bench/size-<feature>`
/// (wasm-bindgen for the web) and measures each after `wasm-opt -Oz`: the wasm, and the JS
/// it ships (the wasm-bindgen glue and its snippets, gzipped apiece).
pub(super) fn size_app_builds(tools: &Tools) -> Result<Vec<AppSize>, Error> {
    let mut sizes = Vec::new();
    for (build, feature) in SIZE_BUILDS {
        let features: Vec<&str> = feature.into_iter().collect();
        let wasm = crate::harness::build_wasm_features(
            "gufo-err-size-app",
            "gufo_err_size_app",
            &features,
        )?;
        let out = scratch_dir().join(format!("size-{}", feature.unwrap_or("none")));
        if out.exists() {
            std::fs::remove_dir_all(&out).map_err(|e| Error::Io(out.clone(), e))?;
        }
        crate::harness::bindgen(tools, &wasm, "web", &out)?;
        let optimized = out.join("app.oz.wasm");
        wasm_opt(tools, &out.join("gufo_err_size_app_bg.wasm"), &optimized)?;
        let bytes = std::fs::read(&optimized).map_err(|e| Error::Io(optimized.clone(), e))?;
        let mut js_gzip = 0;
        for file in shipped_js(&out) {
            let text = std::fs::read(&file).map_err(|e| Error::Io(file.clone(), e))?;
            js_gzip += gzipped(&text);
        }
        sizes.push(AppSize {
            build,
            wasm: bytes.len(),
            wasm_gzip: gzipped(&bytes),
            js_gzip,
        });
    }
    Ok(sizes)
}

/// `wasm-opt -Oz` of `input` into `output`.
fn wasm_opt(tools: &Tools, input: &Path, output: &Path) -> Result<(), Error> {
    crate::harness::wasm_opt_oz(tools, input, output, false)
}

/// The `.js` files a page loads from a wasm-bindgen output directory: the glue and the
/// snippets it imports (wasm-bindgen writes every snippet of every crate; the browser fetches
/// only the imported ones).
fn shipped_js(dir: &Path) -> Vec<PathBuf> {
    let glue = dir.join("gufo_err_size_app.js");
    let text = std::fs::read_to_string(&glue).unwrap_or_default();
    let mut found = vec![glue];
    for line in text.lines().filter(|l| l.starts_with("import ")) {
        if let Some(path) = line
            .split(" from '")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .and_then(|path| path.strip_prefix("./"))
        {
            found.push(dir.join(path));
        }
    }
    found
}

/// The npm package's engine and JS (its three files together), as the package ships them
/// (`cargo xtask npm` runs `wasm-opt -Oz` on the engine, names kept).
struct NpmSize {
    wasm: usize,
    wasm_gzip: usize,
    js: usize,
    js_gzip: usize,
}

fn npm_size(tools: &Tools) -> Result<NpmSize, Error> {
    let dir = crate::harness::build_npm(tools)?;
    let shipped = dir.join("gufo_err_wasm_bg.wasm");
    let wasm = std::fs::read(&shipped).map_err(|e| Error::Io(shipped.clone(), e))?;
    let mut js = Vec::new();
    for file in ["index.js", "gufo_err_wasm.js", "runtime.js"] {
        let path = dir.join(file);
        js.extend(std::fs::read(&path).map_err(|e| Error::Io(path.clone(), e))?);
    }
    Ok(NpmSize {
        wasm: wasm.len(),
        wasm_gzip: gzipped(&wasm),
        js: js.len(),
        js_gzip: gzipped(&js),
    })
}
