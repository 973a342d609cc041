//! wasm32 in a browser or Node: `Error().stack`, `console.error`, `Date.now()`.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::wasm::names::FunctionNames;

use crate::model::{Engine, Runtime, SourceContext};

/// How many frames V8 keeps in `Error.stack` once capture is prepared.
const STACK_TRACE_LIMIT: f64 = 1000.0;

pub(super) fn now_millis() -> i64 {
    // Whole milliseconds well inside i64.
    js_sys::Date::now() as i64
}

pub(super) fn capture_stack() -> String {
    let error = js_sys::Error::new("");
    js_sys::Reflect::get(&error, &JsValue::from_str("stack"))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

pub(super) fn write_console(text: &str) {
    web_sys::console::error_1(&JsValue::from_str(text));
}

pub(super) fn prepare_capture() {
    let constructor = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("Error"));
    if let Ok(constructor) = constructor {
        let _ = js_sys::Reflect::set(
            &constructor,
            &JsValue::from_str("stackTraceLimit"),
            &JsValue::from_f64(STACK_TRACE_LIMIT),
        );
    }
}

#[wasm_bindgen(inline_js = "export function gufoErrRestart(_empty) {}")]
extern "C" {
    /// Does nothing; what matters is the glue around it (see `schedule_restart`).
    #[wasm_bindgen(js_name = gufoErrRestart)]
    fn restart_through_glue(empty: String);
}

/// A fresh `WebAssembly.Instance` of the module, now: wasm-bindgen's reinit (0.2.130) is
/// scheduled, and the glue's call guard makes the new instance (and runs its start
/// function) the next time it runs. Left to the next export call, the guard would run after
/// that call's arguments were copied into the old instance's memory (strings and vectors
/// would arrive as garbage, closures with stale pointers); so it is run here, through the
/// one kind of import whose glue runs it: one that takes an owned `String`, freed after the
/// call (an empty one frees nothing in the new instance). From here on the old instance
/// must make no call into the glue: this is the hook's last step.
pub(super) fn schedule_restart() {
    wasm_bindgen::handler::schedule_reinit();
    restart_through_glue(String::new());
}

pub(super) fn environment() -> super::Environment {
    let global = js_sys::global();
    let get = |target: &JsValue, key: &str| {
        js_sys::Reflect::get(target, &JsValue::from_str(key))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    };
    let user_agent = get(&global, "navigator")
        .and_then(|n| get(&n, "userAgent"))
        .and_then(|v| v.as_string());
    let page_url = get(&global, "location")
        .and_then(|l| get(&l, "href"))
        .and_then(|v| v.as_string());
    let is_node = get(&global, "process")
        .and_then(|p| get(&p, "versions"))
        .and_then(|v| get(&v, "node"))
        .is_some();
    let engine = match user_agent.as_deref() {
        _ if is_node => Some(Engine::V8),
        Some(ua) => Some(Engine::from_user_agent(ua)),
        None => None,
    };
    super::Environment {
        runtime: Some(Runtime::Wasm),
        page_url,
        user_agent,
        engine,
    }
}

thread_local! {
    static NAMES: std::cell::OnceCell<Option<FunctionNames>> = const { std::cell::OnceCell::new() };
}

pub(super) fn wasm_function_name(index: u32) -> Option<String> {
    NAMES.with(|names| {
        names
            .get_or_init(load_names)
            .as_ref()
            .and_then(|n| n.get(index).map(str::to_owned))
    })
}

pub(super) fn wasm_module_name() -> Option<String> {
    NAMES.with(|names| {
        names
            .get_or_init(load_names)
            .as_ref()
            .and_then(|n| n.module().map(str::to_owned))
    })
}

pub(super) fn wasm_build_id() -> Option<String> {
    custom_section(crate::wasm::build_id::SECTION)
        .and_then(|payload| crate::wasm::build_id::decode(&payload))
}

/// The first custom section called `name` of the running module
/// (`WebAssembly.Module.customSections(wasm_bindgen::module(), name)`).
fn custom_section(name: &str) -> Option<Vec<u8>> {
    let module: js_sys::WebAssembly::Module = wasm_bindgen::module().dyn_into().ok()?;
    let sections = js_sys::WebAssembly::Module::custom_sections(&module, name);
    let buffer = sections.get(0);
    if buffer.is_undefined() {
        return None;
    }
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Reads the running module's `name` section through
/// `WebAssembly.Module.customSections(wasm_bindgen::module(), "name")`.
fn load_names() -> Option<FunctionNames> {
    FunctionNames::from_name_section(&custom_section("name")?).ok()
}

pub(super) fn random_u64() -> u64 {
    let half = || (js_sys::Math::random() * 4_294_967_296.0) as u64;
    (half() << 32) | half()
}

pub(super) fn read_source(_file: &str, _line: u32, _context: u32) -> Option<SourceContext> {
    None
}
