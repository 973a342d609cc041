//! Fails on purpose, in every way the real-stack tests look at.
//!
//! Each case is reached through a chain of `#[inline(never)]` functions so that the frames
//! survive a release build; the line that fails carries a `// site:<case>` mark that the
//! tests read to know the true panic location. `install` sets up gufo-err with a middleware
//! that hands every report to JavaScript (`globalThis.__gufoReports`).

use wasm_bindgen::prelude::*;

pub mod cases;

/// Installs gufo-err; reports are pushed to `globalThis.__gufoReports` as JSON strings,
/// stored in IndexedDB, and delivered to `collector` when given. `fail` picks a fail-fast
/// action taken on every panic: `overlay`, `reload` (at most twice a minute) or `callback`
/// (calls `callback` with the report). `sentry` is a DSN to send Sentry envelopes to.
#[wasm_bindgen]
pub fn install(
    collector: Option<String>,
    fail: Option<String>,
    callback: Option<js_sys::Function>,
    sentry: Option<String>,
) {
    let mut config = err::Config::new()
        .name("panicker")
        .version("1.0.0")
        .root_module("gufo_err_panicker")
        .middleware(|info: &err::model::ErrorInfo| {
            hand_to_js(&err::codec::to_json(info));
            Ok(())
        });
    if let Some(url) = collector {
        config = config.collector(url);
    }
    if let Some(dsn) = sentry {
        match err::sentry::Sentry::new(&dsn) {
            Ok(sentry) => config = config.middleware(sentry.environment("harness")),
            Err(e) => console_error(&format!("panicker: bad Sentry DSN: {e}")),
        }
    }
    config = match (fail.as_deref(), callback) {
        (Some("overlay"), _) => config
            .fail_fast(err::failfast::Always)
            .fail_action(browser_action::overlay()),
        (Some("reload"), _) => config
            .fail_fast(err::failfast::Always)
            .fail_action(browser_action::reload()),
        (Some("callback"), Some(f)) => config
            .fail_fast(err::failfast::Always)
            .fail_action(browser_action::callback(f)),
        _ => config,
    };
    config.install();
}

/// The browser actions, on wasm32 (natively the panicker only compiles).
#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
mod browser_action {
    use err::browser::BrowserAction;

    pub fn overlay() -> BrowserAction {
        BrowserAction::Overlay
    }

    pub fn reload() -> BrowserAction {
        BrowserAction::Reload {
            limit: 2,
            window_ms: 60_000,
        }
    }

    pub fn callback(f: js_sys::Function) -> BrowserAction {
        BrowserAction::callback(f)
    }
}

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
mod browser_action {
    pub fn overlay() -> err::failfast::Ignore {
        err::failfast::Ignore
    }

    pub fn reload() -> err::failfast::Ignore {
        err::failfast::Ignore
    }

    pub fn callback(_f: js_sys::Function) -> err::failfast::Ignore {
        err::failfast::Ignore
    }
}

/// Installs a panic hook other than gufo-err's, as apps do: `cehp` (console_error_panic_hook),
/// `own` (a hand-written hook that prints the panic and `Error().stack`), or `wrapped` (a
/// closure around `err::panic_hook`, after [`install`]). `false` for an unknown kind.
#[wasm_bindgen]
pub fn install_foreign_hook(kind: &str) -> bool {
    match kind {
        "cehp" => std::panic::set_hook(Box::new(console_error_panic_hook::hook)),
        "own" => std::panic::set_hook(Box::new(|info| {
            let error = js_sys::Error::new("");
            let stack = js_sys::Reflect::get(&error, &JsValue::from_str("stack"))
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_default();
            console_error(&format!("{info}\n\nStack:\n\n{stack}"));
        })),
        "wrapped" => {
            install(None, None, None, None);
            std::panic::set_hook(Box::new(|info| {
                // What an app adds around the hook: a count, a flag, a log line.
                err::panic_hook(info);
            }));
        }
        _ => return false,
    }
    true
}

/// Runs one case by name; unknown names do nothing and return `false`.
#[wasm_bindgen]
pub fn run(case: &str) -> bool {
    cases::dispatch(case)
}

/// Renders a report (JSON) in a format: `terse`, `extend` or `json`.
#[wasm_bindgen]
pub fn format_report(json: &str, format: &str) -> Result<String, JsError> {
    let info = err::codec::from_json(json)?;
    let format: err::format::Format = format.parse().map_err(|e: String| JsError::new(&e))?;
    Ok(err::format::render(&info, format))
}

/// Builds the report of a JavaScript error caught by the page, as JSON.
#[wasm_bindgen]
pub fn report_js_error(name: &str, message: &str, stack: &str) -> String {
    let mut capture = err::pipeline::Capture::js(name, message, stack);
    capture.timestamp = Some(err::model::Timestamp::from_unix_millis(
        js_sys::Date::now() as i64
    ));
    let settings = err::pipeline::Settings {
        name: "panicker".into(),
        version: "1.0.0".into(),
        ..Default::default()
    };
    err::codec::to_json(&err::pipeline::build(
        capture,
        &settings,
        &err::handler::Running,
    ))
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(text: &str);
}

fn hand_to_js(json: &str) {
    let global = js_sys::global();
    let key = JsValue::from_str("__gufoReports");
    let list = match js_sys::Reflect::get(&global, &key) {
        Ok(list) if js_sys::Array::is_array(&list) => js_sys::Array::from(&list),
        _ => {
            let list = js_sys::Array::new();
            let _ = js_sys::Reflect::set(&global, &key, &list);
            list
        }
    };
    list.push(&JsValue::from_str(json));
}
