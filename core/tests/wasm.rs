//! The wasm side in a real browser (wasm-bindgen-test, run by `cargo xtask test` in
//! Chromium and Firefox): stack capture, engine detection, the module's own name section,
//! and the browser store.

#![cfg(all(target_arch = "wasm32", target_os = "unknown"))]

use err::model::Engine;
use err::pipeline::{build, Capture, Settings};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn user_agent() -> String {
    web_sys_free_user_agent().unwrap_or_default()
}

fn web_sys_free_user_agent() -> Option<String> {
    let navigator =
        js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("navigator")).ok()?;
    js_sys::Reflect::get(&navigator, &JsValue::from_str("userAgent"))
        .ok()?
        .as_string()
}

fn expected_engine() -> Engine {
    if user_agent().contains("Firefox/") {
        Engine::SpiderMonkey
    } else {
        Engine::V8
    }
}

#[inline(never)]
fn nested_frames() -> Vec<err::model::Frame> {
    err::frames()
}

#[wasm_bindgen_test]
fn frames_in_the_browser_name_this_test() {
    let frames = nested_frames();
    let names: Vec<&str> = frames.iter().map(|f| f.function.as_str()).collect();
    assert!(
        names.iter().any(|n| n.ends_with("nested_frames")),
        "{names:?}"
    );
    assert!(!names.iter().any(|n| n.starts_with("err::")), "{names:?}");
    assert!(frames.iter().any(|f| f.wasm_function.is_some()));
}

#[wasm_bindgen_test]
fn a_captured_stack_parses_for_this_engine() {
    let stack = js_sys::Reflect::get(&js_sys::Error::new("probe"), &JsValue::from_str("stack"))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    let parsed = err::parse::parse_stack(&stack);
    assert_eq!(parsed.engine, expected_engine(), "{stack}");
    assert_eq!(parsed.unrecognized().count(), 0, "{stack}");
    let info = build(
        Capture::js("Error", "probe", stack),
        &Settings {
            context_lines: 0,
            ..Settings::default()
        },
        &err::handler::Running,
    );
    assert!(!info.fingerprint.is_nil());
}

#[wasm_bindgen_test]
fn the_module_name_section_names_this_test() {
    let module: js_sys::WebAssembly::Module = wasm_bindgen::module().dyn_into().expect("a module");
    let sections = js_sys::WebAssembly::Module::custom_sections(&module, "name");
    let bytes = js_sys::Uint8Array::new(&sections.get(0)).to_vec();
    let names = err::wasm::names::FunctionNames::from_name_section(&bytes).expect("a name section");
    assert!(names.len() > 100);
    let stack = js_sys::Reflect::get(&js_sys::Error::new(""), &JsValue::from_str("stack"))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    let frame = err::parse::parse_stack(&stack)
        .frames
        .into_iter()
        .rev()
        .find(|f| f.wasm_function.is_some())
        .expect("a wasm frame");
    let index = frame.wasm_function.expect("index");
    assert_eq!(
        names.get(index).map(err::normalize::normalize_function),
        Some(err::normalize::normalize_function(&frame.function))
    );
}

#[wasm_bindgen_test]
async fn reports_go_to_the_browser_store() {
    let handler = err::Config::new().name("wasm-test").quiet().build();
    let info = handler.handle(Capture::js(
        "TypeError",
        "stored from a wasm test",
        "f@http://x/a.js:1:1",
    ));
    // Read the store from JS, as another module would.
    let read = js_sys::Function::new_no_args(
        "return new Promise((resolve, reject) => {
           const open = indexedDB.open('gufo-err', 1);
           open.onerror = () => reject(open.error);
           open.onsuccess = () => {
             const all = open.result.transaction('reports').objectStore('reports').getAll();
             all.onsuccess = () => { open.result.close(); resolve(all.result.map((r) => r.fingerprint)); };
           };
         })",
    );
    // The merge into IndexedDB runs right after the hook; give it a moment.
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        let _ = js_sys::Function::new_with_args("r", "setTimeout(r, 500)")
            .call1(&JsValue::NULL, &resolve);
    });
    wasm_bindgen_futures::JsFuture::from(wait)
        .await
        .expect("wait");
    let promise: js_sys::Promise = read
        .call0(&JsValue::NULL)
        .expect("read")
        .dyn_into()
        .expect("promise");
    let stored = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("store");
    let fingerprints: Vec<String> = js_sys::Array::from(&stored)
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    assert!(
        fingerprints.contains(&info.fingerprint.to_string()),
        "{fingerprints:?}"
    );
}
