//! The gufo-err engine for JavaScript apps: the npm package `gufo-err` wraps these exports
//! (see `wasm/js/index.js`), adding the global handlers, sampling and rate limits.
//!
//! The engine is the same Rust code as `err::init()`: the same parser, normalizer,
//! fingerprint and formats, and the same browser store and delivery runtime, so reports
//! from JS errors and from Rust panics on one page land in one store and agree.

use std::cell::RefCell;

use err::model::Kind;
use err::pipeline::{build, Capture, Settings};
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
    let info = SETTINGS.with(|s| build(capture, &s.borrow()));
    err::codec::to_json(&info)
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
