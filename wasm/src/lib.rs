//! The gufo-err engine for JavaScript apps: the npm package `gufo-err` wraps these exports
//! (see `wasm/js/index.js`), adding the global handlers, sampling and rate limits.
//!
//! The engine is the same Rust code as `err::init()`: the same parser, normalizer,
//! fingerprint and formats, and the same browser store and delivery runtime, so reports
//! from JS errors and from Rust panics on one page land in one store and agree.
//!
//! It exists for wasm32 only (the browser store and actions it configures are the core's
//! wasm32 side); a native build of the workspace compiles it empty.

#![cfg(all(target_arch = "wasm32", target_os = "unknown"))]

use std::cell::RefCell;

use err::browser::{BrowserAction, JsPolicy};
use err::failfast::{Always, KindIs};
use err::format::Format;
use err::model::{Engine, Identity, Kind, Timestamp};
use err::pipeline::{build, Capture, Detached, Settings, Target};
use err::{Config, Handler};
use wasm_bindgen::prelude::*;

thread_local! {
    /// The page's handler: the same `err::Handler` a Rust module's hook runs (console format,
    /// browser store, collector, fail-fast), built from `init()`'s options.
    static HANDLER: RefCell<Handler> = RefCell::new(Config::new().quiet().context_lines(0).build());
}

/// Builds the page's handler from `init()`'s options: the service name, version and root
/// modules; the console format (`None`: no console output); the collector URL; `failFast`
/// (`"never"`, `"always"`, an array of kinds, or a function of the report) and `failAction`
/// (`"none"`, `"overlay"`, `"reload"`, or a function of the report). Unknown values are an
/// error that names them.
#[wasm_bindgen(js_name = configure)]
#[allow(clippy::too_many_arguments)]
pub fn configure(
    name: &str,
    version: &str,
    root_modules: Vec<String>,
    format: Option<String>,
    collector: Option<String>,
    fail_fast: JsValue,
    fail_action: JsValue,
) -> Result<(), JsError> {
    let mut config = Config::new().name(name).version(version).context_lines(0);
    for root in root_modules {
        config = config.root_module(root);
    }
    config = match format {
        Some(format) => config.format(format.parse::<Format>().map_err(|e| JsError::new(&e))?),
        None => config.quiet(),
    };
    if let Some(url) = collector {
        config = config.collector(url);
    }
    config = with_fail_fast(config, fail_fast)?;
    config = config.fail_action(fail_action_of(fail_action)?);
    let handler = config.build();
    HANDLER.with(|h| *h.borrow_mut() = handler);
    Ok(())
}

/// `failFast` as the core's policies.
fn with_fail_fast(config: Config, policy: JsValue) -> Result<Config, JsError> {
    if let Some(predicate) = policy.dyn_ref::<js_sys::Function>() {
        return Ok(config.fail_fast(JsPolicy::new(predicate.clone())));
    }
    if js_sys::Array::is_array(&policy) {
        let kinds = js_sys::Array::from(&policy)
            .iter()
            .map(|kind| {
                let text = kind.as_string().unwrap_or_default();
                text.parse::<Kind>().map_err(|_| {
                    JsError::new(&format!(
                        "gufo-err: failFast names an unknown kind {text:?}"
                    ))
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(config.fail_fast(KindIs::new(kinds)));
    }
    if policy.is_undefined() || policy.is_null() {
        return Ok(config);
    }
    match policy.as_string().as_deref() {
        Some("never") => Ok(config),
        Some("always") => Ok(config.fail_fast(Always)),
        _ => Err(JsError::new(&format!(
            "gufo-err: failFast must be \"never\", \"always\", an array of kinds or a function, not {policy:?}"
        ))),
    }
}

/// `failAction` as a browser action.
fn fail_action_of(action: JsValue) -> Result<BrowserAction, JsError> {
    if let Some(callback) = action.dyn_ref::<js_sys::Function>() {
        return Ok(BrowserAction::callback(callback.clone()));
    }
    match action.as_string().as_deref() {
        Some("overlay") => Ok(BrowserAction::Overlay),
        Some("reload") => Ok(BrowserAction::Reload {
            limit: 2,
            window_ms: 60_000,
        }),
        Some("none") => Ok(BrowserAction::None),
        _ if action.is_undefined() || action.is_null() => Ok(BrowserAction::None),
        _ => Err(JsError::new(&format!(
            "gufo-err: failAction must be \"none\", \"overlay\", \"reload\" or a function, not {action:?}"
        ))),
    }
}

/// Prints, stores and delivers a report (JSON) through the page's handler; if `live` (it
/// happened just now, on this page) and a fail-fast policy says so, runs the fail action.
#[wasm_bindgen(js_name = dispatch)]
pub fn dispatch(json: &str, live: bool) -> Result<(), JsError> {
    let info = err::codec::from_json(json)?;
    HANDLER.with(|h| {
        let handler = h.borrow();
        handler.deliver(&info);
        if live && handler.must_fail(&info) {
            handler.fail(&info);
        }
    });
    Ok(())
}

/// Builds the report (JSON) of a JavaScript error: `kind` is `js-error`, or
/// `unhandled-rejection`; stack overflows and traps are recognized from the class and message.
/// `time_ms` (Unix ms): when it happened, for an error kept before the engine was ready.
#[wasm_bindgen(js_name = buildReport)]
pub fn build_report(
    kind: &str,
    class: &str,
    message: &str,
    stack: &str,
    page_url: Option<String>,
    user_agent: Option<String>,
    time_ms: Option<f64>,
) -> String {
    let mut capture = Capture::js(class, message, stack);
    if kind == "unhandled-rejection" && capture.kind == Kind::JsError {
        capture.kind = Kind::UnhandledRejection;
    }
    capture.runtime = Some(err::model::Runtime::Js);
    // The stack's shape tells the engine; where it cannot (SpiderMonkey and JavaScriptCore
    // write JS frames alike; a non-Error throw has no stack), the runtime's user agent does.
    let detected = err::parse::detect_engine(stack);
    capture.engine = match (detected, user_agent.as_deref()) {
        (Engine::Unknown, Some(agent)) => Some(Engine::from_user_agent(agent)),
        (engine, _) => Some(engine),
    };
    capture.page_url = page_url;
    capture.user_agent = user_agent;
    // An error kept from before the engine was ready has its own time.
    capture.timestamp = Some(match time_ms {
        Some(ms) => Timestamp::from_unix_millis(ms as i64),
        None => now(),
    });
    // The engine's own module is not the one that failed: no names, no sources.
    let info = HANDLER.with(|h| build(capture, h.borrow().settings(), &Detached));
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
    HANDLER.with(|h| err::normalize::normalize_frames(&mut frames, &h.borrow().settings().in_app));
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
    parsed: std::cell::OnceCell<Option<err::wasm::names::FunctionNames>>,
    kept: std::collections::BTreeMap<u32, String>,
}

impl RelayedModule {
    fn names(&self) -> Option<&err::wasm::names::FunctionNames> {
        self.parsed
            .get_or_init(|| {
                let bytes = self.section.as_deref()?;
                err::wasm::names::FunctionNames::from_name_section(bytes).ok()
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
