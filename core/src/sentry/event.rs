//! A report as a Sentry event (protocol version 7), and the size it may have.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{json, Value};

use crate::model::{Engine, ErrorInfo, Frame, FrameKind, Kind, Runtime};

/// Sentry drops events larger than this (serialized).
pub const MAX_EVENT_BYTES: usize = 1_000_000;
/// Frames kept from the outermost end of a long stack.
const KEEP_OUTER: usize = 50;
/// Frames kept from the failing end of a long stack.
const KEEP_INNER: usize = 200;

/// What the event says about the sender.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct Sdk {
    pub name: &'static str,
    pub version: &'static str,
}

/// gufo-err as a Sentry SDK.
pub(crate) const SDK: Sdk = Sdk {
    name: "sentry.rust.gufo-err",
    version: env!("CARGO_PKG_VERSION"),
};

/// The options that go into every event.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct EventOptions {
    pub release: Option<String>,
    pub environment: Option<String>,
    pub tags: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Event {
    pub event_id: String,
    pub timestamp: f64,
    pub platform: &'static str,
    pub level: &'static str,
    pub logger: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub release: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub environment: Option<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
    pub fingerprint: Vec<String>,
    pub exception: Values<Exception>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub debug_meta: Option<DebugMeta>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub contexts: BTreeMap<&'static str, Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<Request>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<&'static str, Value>,
    pub sdk: Sdk,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Values<T> {
    pub values: Vec<T>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Exception {
    #[serde(rename = "type")]
    pub ty: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub value: String,
    pub mechanism: Mechanism,
    pub stacktrace: Stacktrace,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Mechanism {
    #[serde(rename = "type")]
    pub ty: &'static str,
    pub handled: bool,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Stacktrace {
    pub frames: Vec<SentryFrame>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub(crate) struct SentryFrame {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub function: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub module: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abs_path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lineno: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub colno: Option<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pre_context: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context_line: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub post_context: Vec<String>,
    pub in_app: bool,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub vars: BTreeMap<String, Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instruction_addr: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub addr_mode: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct DebugMeta {
    pub images: Vec<WasmImage>,
}

/// A wasm module, for server-side symbolication of the frames that point into it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct WasmImage {
    #[serde(rename = "type")]
    pub ty: &'static str,
    pub name: String,
    pub debug_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_id: Option<String>,
    pub code_file: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Request {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<&'static str, String>,
}

fn platform(info: &ErrorInfo) -> &'static str {
    match (info.runtime, info.engine) {
        (Some(Runtime::Js), _) => "javascript",
        (Some(Runtime::Python), _) => "python",
        (Some(Runtime::Wasm | Runtime::Native), _) | (None, Some(Engine::Native)) => "native",
        (None, Some(Engine::V8 | Engine::SpiderMonkey | Engine::Jsc)) => "javascript",
        _ => "other",
    }
}

fn mechanism(kind: Kind) -> &'static str {
    match kind {
        Kind::Panic => "panic",
        Kind::JsError | Kind::Trap | Kind::StackOverflow => "onerror",
        Kind::UnhandledRejection => "onunhandledrejection",
        Kind::Exception => "generic",
    }
}

/// A build id that is a hex string of 16 bytes or more: its first 16 bytes as a UUID (how
/// Sentry derives a wasm module's debug id from its `build_id` section).
fn debug_id(build_id: Option<&str>) -> (String, Option<String>) {
    let hex = build_id
        .map(|b| b.trim().to_ascii_lowercase())
        .filter(|b| b.len() >= 32 && b.bytes().all(|c| c.is_ascii_hexdigit()));
    match hex {
        Some(hex) => {
            let id = uuid::Uuid::parse_str(&hex[..32]).unwrap_or_default();
            (id.hyphenated().to_string(), Some(hex))
        }
        None => (uuid::Uuid::nil().hyphenated().to_string(), None),
    }
}

fn last_segment(url: &str) -> String {
    url.split(['?', '#'])
        .next()
        .unwrap_or(url)
        .rsplit('/')
        .next()
        .unwrap_or(url)
        .to_owned()
}

fn frame(frame: &Frame, images: &mut Vec<String>) -> SentryFrame {
    let mut out = SentryFrame {
        function: Some(frame.function.clone()).filter(|f| !f.is_empty()),
        module: frame.module.clone().filter(|m| !m.is_empty()),
        in_app: frame.in_app,
        vars: frame
            .locals
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        ..SentryFrame::default()
    };
    let file = frame
        .file
        .clone()
        .or_else(|| frame.source.as_ref().map(|s| s.file_name.clone()));
    if frame.frame_kind == FrameKind::Wasm || frame.wasm_function.is_some() {
        if let Some(module) = &file {
            let index = match images.iter().position(|m| m == module) {
                Some(i) => i,
                None => {
                    images.push(module.clone());
                    images.len() - 1
                }
            };
            if let Some(offset) = frame.wasm_offset {
                out.instruction_addr = Some(format!("{offset:#x}"));
                out.addr_mode = Some(format!("rel:{index}"));
            }
            out.filename = Some(last_segment(module));
            out.abs_path = Some(module.clone());
        }
    } else {
        out.filename = file.clone();
        out.abs_path = file.filter(|f| f.contains("://"));
    }
    out.lineno = frame.line.or(frame.source.as_ref().map(|s| s.current_line));
    out.colno = frame.column;
    if let Some(source) = &frame.source {
        let current = source.current_line.saturating_sub(source.first_line) as usize;
        if let Some(line) = source.lines.get(current) {
            out.pre_context = source.lines[..current].to_vec();
            out.context_line = Some(line.clone());
            out.post_context = source.lines[current + 1..].to_vec();
        }
    }
    out
}

/// The event for a report; `event_id` is 32 hex digits.
pub(crate) fn event(info: &ErrorInfo, options: &EventOptions, event_id: String) -> Event {
    let mut images = Vec::new();
    let mut frames: Vec<SentryFrame> = info.stack.iter().map(|f| frame(f, &mut images)).collect();
    let mut extra = BTreeMap::new();
    if frames.len() > KEEP_OUTER + KEEP_INNER {
        let omitted = frames.len() - KEEP_OUTER - KEEP_INNER;
        frames.drain(KEEP_OUTER..KEEP_OUTER + omitted);
        extra.insert("gufo_err.frames_omitted", json!(omitted));
    }
    extra.insert("gufo_err.fingerprint", json!(info.fingerprint.to_string()));
    extra.insert("gufo_err.kind", json!(info.kind.as_str()));
    extra.insert("gufo_err.place", json!(info.place()));
    if info.count > 1 {
        extra.insert("gufo_err.count", json!(info.count));
    }
    if let Some(r) = &info.recursion {
        extra.insert(
            "gufo_err.recursion",
            json!(format!("{r}: {}", r.cycle.join(" → "))),
        );
    }
    if let Some(location) = &info.location {
        extra.insert("gufo_err.location", json!(location.to_string()));
    }
    let (debug, code) = debug_id(info.build_id.as_deref());
    let debug_meta = (!images.is_empty()).then(|| DebugMeta {
        images: images
            .iter()
            .map(|url| WasmImage {
                ty: "wasm",
                name: last_segment(url),
                debug_id: debug.clone(),
                code_id: code.clone(),
                code_file: url.clone(),
            })
            .collect(),
    });
    let mut tags = options.tags.clone();
    tags.entry(String::from("kind"))
        .or_insert_with(|| info.kind.as_str().to_owned());
    if let Some(engine) = info.engine {
        tags.entry(String::from("engine"))
            .or_insert_with(|| engine.as_str().to_owned());
    }
    let mut contexts = BTreeMap::new();
    if let Some(runtime) = info.runtime {
        let name = serde_json::to_value(runtime).unwrap_or(Value::Null);
        contexts.insert("runtime", json!({"type": "runtime", "name": name}));
    }
    let mut headers = BTreeMap::new();
    if let Some(agent) = &info.user_agent {
        headers.insert("User-Agent", agent.clone());
    }
    let request = (info.page_url.is_some() || !headers.is_empty()).then(|| Request {
        url: info.page_url.clone(),
        headers,
    });
    let millis = info
        .timestamp
        .map_or_else(crate::platform::now_millis, |t| t.unix_millis());
    Event {
        event_id,
        timestamp: millis as f64 / 1000.0,
        platform: platform(info),
        level: if matches!(info.kind, Kind::Panic | Kind::StackOverflow) {
            "fatal"
        } else {
            "error"
        },
        logger: "gufo-err",
        release: options
            .release
            .clone()
            .or_else(|| Some(format!("{}@{}", info.name, info.version))),
        environment: options.environment.clone(),
        tags,
        fingerprint: vec![info.fingerprint.to_string()],
        exception: Values {
            values: vec![Exception {
                ty: info.exception.class.clone(),
                value: info.message.clone(),
                mechanism: Mechanism {
                    ty: mechanism(info.kind),
                    handled: false,
                },
                stacktrace: Stacktrace { frames },
            }],
        },
        debug_meta,
        contexts,
        request,
        extra,
        sdk: SDK,
    }
}

/// The event as JSON within `max` bytes: source context goes first (library frames, then
/// all), then variables, then frames from the middle of the stack, then the message's tail.
/// `None` when even that is too large.
pub(crate) fn fit(mut event: Event, max: usize) -> Option<Vec<u8>> {
    let size = |e: &Event| serde_json::to_vec(e).unwrap_or_default();
    let mut bytes = size(&event);
    let steps: [fn(&mut Event) -> bool; 5] = [
        |e| {
            strip(
                e,
                |f| !f.in_app,
                |f| {
                    f.pre_context.clear();
                    f.post_context.clear();
                },
            )
        },
        |e| {
            strip(
                e,
                |_| true,
                |f| {
                    f.pre_context.clear();
                    f.post_context.clear();
                },
            )
        },
        |e| strip(e, |_| true, |f| f.context_line = None),
        |e| strip(e, |_| true, |f| f.vars.clear()),
        |e| {
            let value = &mut e.exception.values[0].value;
            if value.len() <= 8192 {
                return false;
            }
            let mut cut = 8192;
            while !value.is_char_boundary(cut) {
                cut -= 1;
            }
            value.truncate(cut);
            true
        },
    ];
    for step in steps {
        if bytes.len() <= max {
            return Some(bytes);
        }
        if step(&mut event) {
            bytes = size(&event);
        }
    }
    while bytes.len() > max {
        let frames = &mut event.exception.values[0].stacktrace.frames;
        if frames.len() <= 2 {
            return None;
        }
        let drop = frames.len() / 2;
        let start = (frames.len() - drop) / 2;
        frames.drain(start..start + drop);
        bytes = size(&event);
    }
    Some(bytes)
}

fn strip(event: &mut Event, which: fn(&SentryFrame) -> bool, f: fn(&mut SentryFrame)) -> bool {
    let mut changed = false;
    for frame in event
        .exception
        .values
        .iter_mut()
        .flat_map(|e| e.stacktrace.frames.iter_mut())
        .filter(|fr| which(fr))
    {
        f(frame);
        changed = true;
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceContext;

    fn report() -> ErrorInfo {
        let mut info = ErrorInfo::new(Kind::Panic, "panic", "boom");
        let mut wasm = Frame::new("app::run");
        wasm.frame_kind = FrameKind::Wasm;
        wasm.file = Some(String::from("http://x/pkg/app_bg.wasm"));
        wasm.wasm_function = Some(12);
        wasm.wasm_offset = Some(0x1a2b);
        wasm.in_app = true;
        let mut native = Frame::new("app::main");
        native.file = Some(String::from("src/main.rs"));
        native.line = Some(3);
        native.source = Some(SourceContext {
            file_name: "src/main.rs".into(),
            first_line: 1,
            current_line: 3,
            lines: vec!["a".into(), "b".into(), "c".into(), "d".into()],
        });
        info.stack = vec![native, wasm];
        info.build_id = Some(String::from("0123456789abcdef0123456789abcdef01234567"));
        info
    }

    #[test]
    fn wasm_frames_point_into_their_image_and_source_splits_around_the_line() {
        let e = event(&report(), &EventOptions::default(), "0".repeat(32));
        let frames = &e.exception.values[0].stacktrace.frames;
        assert_eq!(frames[1].instruction_addr.as_deref(), Some("0x1a2b"));
        assert_eq!(frames[1].addr_mode.as_deref(), Some("rel:0"));
        assert_eq!(frames[1].filename.as_deref(), Some("app_bg.wasm"));
        let image = &e.debug_meta.as_ref().unwrap().images[0];
        assert_eq!(image.debug_id, "01234567-89ab-cdef-0123-456789abcdef");
        assert_eq!(image.code_file, "http://x/pkg/app_bg.wasm");
        assert_eq!(frames[0].pre_context, ["a", "b"]);
        assert_eq!(frames[0].context_line.as_deref(), Some("c"));
        assert_eq!(frames[0].post_context, ["d"]);
        assert_eq!((e.level, e.platform), ("fatal", "other"));
        assert_eq!(e.release.as_deref(), Some("unknown@unknown"));
    }

    #[test]
    fn a_long_stack_keeps_both_ends_and_a_huge_one_fits_the_limit() {
        let mut info = report();
        let template = info.stack[0].clone();
        info.stack = (0..1000)
            .map(|i| {
                let mut f = template.clone();
                f.set_function(format!("app::f{i}"));
                f
            })
            .collect();
        let e = event(&info, &EventOptions::default(), "0".repeat(32));
        let frames = &e.exception.values[0].stacktrace.frames;
        assert_eq!(frames.len(), KEEP_OUTER + KEEP_INNER);
        assert_eq!(frames[0].function.as_deref(), Some("app::f0"));
        assert_eq!(
            frames.last().unwrap().function.as_deref(),
            Some("app::f999")
        );
        assert_eq!(e.extra["gufo_err.frames_omitted"], json!(750));
        let full = serde_json::to_vec(&e).unwrap().len();
        let fitted = fit(e.clone(), full / 3).unwrap();
        assert!(fitted.len() <= full / 3);
        let value: Value = serde_json::from_slice(&fitted).unwrap();
        assert!(
            value["exception"]["values"][0]["stacktrace"]["frames"][0]["pre_context"].is_null()
        );
        assert!(fit(e, 10).is_none());
    }
}
