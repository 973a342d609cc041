//! Bindings to `core/js/runtime.js`.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/runtime.js")]
extern "C" {
    pub fn persist(json: &str, event: &str) -> String;
    pub fn deliver(url: &str, json: &str, event: &str) -> String;
    #[wasm_bindgen(js_name = sendEnvelope)]
    pub fn send_envelope(url: &str, body: &str, category: &str) -> String;
    pub fn replay() -> js_sys::Promise;
    pub fn reports() -> js_sys::Promise;
    #[wasm_bindgen(js_name = setMaxReports)]
    pub fn set_max_reports(n: u32);
    #[wasm_bindgen(js_name = notePanic)]
    pub fn note_panic(fingerprint: &str);
    #[wasm_bindgen(js_name = installTrapListener)]
    pub fn install_trap_listener(window_ms: f64);
    pub fn overlay(message: &str, fingerprint: &str);
    #[wasm_bindgen(js_name = reloadGuarded)]
    pub fn reload_guarded(limit: u32, window_ms: f64) -> bool;
    #[wasm_bindgen(js_name = callLater)]
    pub fn call_later(callback: &JsValue, json: &str);
    #[wasm_bindgen(js_name = takeRaw)]
    pub fn take_raw(module: &str) -> String;
}
