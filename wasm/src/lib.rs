//! The gufo-err engine for JavaScript apps: the npm package `gufo-err` wraps these exports
//! (see `wasm/js/index.js`), adding the global handlers, sampling and rate limits.
//!
//! The engine is the same Rust code as `err::init()`: the same parser, normalizer,
//! fingerprint and formats, and the same browser store and delivery runtime, so reports
//! from JS errors and from Rust panics on one page land in one store and agree.

use std::cell::RefCell;

use err::model::{Identity, Kind, Timestamp};
use err::pipeline::{build, Capture, Detached, Settings, Target};
use wasm_bindgen::prelude::*;

thread_local! {
    static SETTINGS: RefCell<Settings> = RefCell::new(Settings { context_lines: 0, ..Settings::default() });
}

/// Sets the service name, version and root modules used for the reports.
#[wasm_bindgen(js_name = configure)]
pub fn configure(name: &str, version: &str, root_modules: Vec<String>) {
    SETTINGS.with(|s| {
        *s.borrow_mut() = Settings {
            name: name.to_owned(),
            version: version.to_owned(),
            in_app: err::normalize::InApp::new(root_modules),
            context_lines: 0,
        }
    });
}

/// Builds the report (JSON) of a JavaScript error: `kind` is `js-error`, or
/// `unhandled-rejection`; stack overflows and traps are recognized from the class and message.
#[wasm_bindgen(js_name = buildReport)]
pub fn build_report(
    kind: &str,
    class: &str,
    message: &str,
    stack: &str,
    page_url: Option<String>,
    user_agent: Option<String>,
) -> String {
    let mut capture = Capture::js(class, message, stack);
    if kind == "unhandled-rejection" && capture.kind == Kind::JsError {
        capture.kind = Kind::UnhandledRejection;
    }
    capture.runtime = Some(err::model::Runtime::Js);
    capture.page_url = page_url;
    capture.user_agent = user_agent;
    capture.timestamp = Some(now());
    // The engine's own module is not the one that failed: no names, no sources.
    let info = SETTINGS.with(|s| build(capture, &s.borrow(), &Detached));
    err::codec::to_json(&info)
}

/// The page's clock.
fn now() -> Timestamp {
    Timestamp::from_unix_millis(js_sys::Date::now() as i64)
}

/// Renders a report (JSON text) as `terse`, `extend` or `json`.
#[wasm_bindgen(js_name = formatReport)]
pub fn format_report(json: &str, format: &str) -> Result<String, JsError> {
    let info = err::codec::from_json(json)?;
    let format: err::format::Format = format.parse().map_err(|e: String| JsError::new(&e))?;
    Ok(err::format::render(&info, format))
}

/// Parses a raw stack (any engine) into frames, as JSON: `{engine, frames: [...]}`.
#[wasm_bindgen(js_name = parseStack)]
pub fn parse_stack(text: &str) -> String {
    let parsed = err::parse::parse_stack(text);
    let mut frames = parsed.frames;
    SETTINGS.with(|s| err::normalize::normalize_frames(&mut frames, &s.borrow().in_app));
    serde_json::json!({ "engine": parsed.engine, "message": parsed.message, "frames": frames })
        .to_string()
}

/// A panic (or a wasm stack overflow) a Rust module's relay hook captured
/// (`err::browser::Relay`), as `core/js/runtime.js` hands it over.
#[derive(serde::Deserialize)]
struct Relayed {
    kind: String,
    class: String,
    message: String,
    #[serde(default)]
    file: String,
    #[serde(default)]
    line: u32,
    #[serde(default)]
    column: u32,
    #[serde(default)]
    stack: String,
    time: Option<f64>,
    #[serde(default)]
    page: String,
    #[serde(default)]
    agent: String,
    module: Identity,
    /// Names of the functions the stack shows, by index, when the capture waited for an
    /// engine (the `name` section itself is not kept).
    #[serde(default)]
    names: std::collections::BTreeMap<u32, String>,
}

/// Builds the report (JSON) of a panic a Rust module relayed (`capture` is the runtime's
/// JSON; `names` the module's `name` section, to name frames the engine left unnamed), with
/// the module's own identity: the same report `err::init()` builds in-module.
#[wasm_bindgen(js_name = buildRelayed)]
pub fn build_relayed(capture: &str, names: Option<Vec<u8>>) -> Result<String, JsError> {
    let relayed: Relayed = serde_json::from_str(capture)?;
    let location = (!relayed.file.is_empty())
        .then(|| err::model::Location::new(relayed.file.as_str(), relayed.line, relayed.column));
    let mut capture = if relayed.kind == "panic" {
        Capture::panic(relayed.message, location, relayed.stack)
    } else {
        Capture::js(relayed.class, relayed.message, relayed.stack)
    };
    capture.runtime = Some(err::model::Runtime::Wasm);
    capture.page_url = Some(relayed.page).filter(|p| !p.is_empty());
    capture.user_agent = Some(relayed.agent).filter(|a| !a.is_empty());
    capture.timestamp = Some(
        relayed
            .time
            .map_or_else(now, |t| Timestamp::from_unix_millis(t as i64)),
    );
    // Without its build id, the report names the module it came from: the pipeline takes
    // the module URL in the stack, else the module's own name from `target` (never this
    // engine's).
    capture.build_id = relayed.module.build_id;
    let settings = Settings {
        name: relayed.module.name,
        version: relayed.module.version,
        in_app: err::normalize::InApp::new(relayed.module.roots),
        context_lines: 0,
    };
    let target = RelayedModule {
        section: names,
        parsed: std::cell::OnceCell::new(),
        kept: relayed.names,
    };
    let info = build(capture, &settings, &target);
    Ok(err::codec::to_json(&info))
}

/// The relaying module as the pipeline's target: its `name` section (parsed only if a frame
/// lacks its name, as JavaScriptCore's at times, or the stack its module URL), else the
/// names kept with a capture that waited.
struct RelayedModule {
    section: Option<Vec<u8>>,
    parsed: std::cell::OnceCell<Option<err::wasm_names::FunctionNames>>,
    kept: std::collections::BTreeMap<u32, String>,
}

impl RelayedModule {
    fn names(&self) -> Option<&err::wasm_names::FunctionNames> {
        self.parsed
            .get_or_init(|| {
                let bytes = self.section.as_deref()?;
                err::wasm_names::FunctionNames::from_name_section(bytes).ok()
            })
            .as_ref()
    }
}

impl Target for RelayedModule {
    fn wasm_function_name(&self, index: u32) -> Option<String> {
        self.names()
            .and_then(|n| n.get(index).map(str::to_owned))
            .or_else(|| self.kept.get(&index).cloned())
    }

    fn module_name(&self) -> Option<String> {
        self.names().and_then(|n| n.module().map(str::to_owned))
    }
}
