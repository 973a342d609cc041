//! Sentry: every envelope we make parses with Sentry's own protocol types (`sentry-types`)
//! with no field lost; a real HTTP server on 127.0.0.1 receives them from the middleware;
//! `429`, `Retry-After` and `X-Sentry-Rate-Limits` stop sending; `413`, sampling and
//! `before_send` do what they say.

use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use err::middleware::Middleware;
use err::model::ErrorInfo;
use err::sentry::Sentry;
use sentry_types::protocol::v7::Envelope;
use serde_json::Value;

const EVENT_ID: &str = "0123456789abcdef0123456789abcdef";

fn golden(name: &str) -> ErrorInfo {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let path = match name {
        "chromium_stack_overflow" => root.join("fixtures/chromium_stack_overflow.json"),
        _ => root.join(format!("golden/{name}.json.txt")),
    };
    err::codec::from_slice(&std::fs::read(path).expect("fixture")).expect("a report")
}

const GOLDEN: [&str; 6] = [
    "chromium_deep_panic",
    "chromium_stack_overflow",
    "firefox_trait_impl",
    "native_demo",
    "python_v1_zero_division",
    "webkit_unwrap_none",
];

/// Fields sentry-types leaves out when they hold its default.
const SENTRY_DEFAULTS: [(&str, &str); 2] = [("level", "error"), ("platform", "other")];

/// Every field of `ours` is in `theirs` with the same value (numbers within a microsecond:
/// Sentry's types keep timestamps as `SystemTime`), but for top-level fields at
/// sentry-types' own defaults, which it does not write back.
fn assert_contained(ours: &Value, theirs: &Value, path: &str) {
    match (ours, theirs) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let Some(other) = b.get(key) else {
                    let default = SENTRY_DEFAULTS.iter().any(|(k, v)| k == key && value == v);
                    assert!(
                        default && !path.contains('.'),
                        "{path}.{key} is lost by sentry-types"
                    );
                    continue;
                };
                assert_contained(value, other, &format!("{path}.{key}"));
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len(), "{path} length");
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                assert_contained(x, y, &format!("{path}[{i}]"));
            }
        }
        (Value::Number(a), Value::Number(b)) => {
            let (x, y) = (
                a.as_f64().unwrap_or(f64::NAN),
                b.as_f64().unwrap_or(f64::NAN),
            );
            assert!((x - y).abs() < 1e-6, "{path}: {a} became {b}");
        }
        // sentry-types writes the event id without dashes and ids as it reads them.
        (Value::String(a), Value::String(b)) => {
            assert_eq!(a.replace('-', ""), b.replace('-', ""), "{path}")
        }
        (a, b) => assert_eq!(a, b, "{path}"),
    }
}

/// The event of an envelope, as Sentry's own types read it.
fn event_of(envelope: &str) -> sentry_types::protocol::v7::Event<'static> {
    Envelope::from_slice(envelope.as_bytes())
        .expect("sentry-types reads the envelope")
        .event()
        .expect("an event item")
        .clone()
}

/// The frames of an event's exception.
fn frames_of(
    event: &sentry_types::protocol::v7::Event<'static>,
) -> Vec<sentry_types::protocol::v7::Frame> {
    event.exception.values[0]
        .stacktrace
        .as_ref()
        .expect("a stacktrace")
        .frames
        .clone()
}

fn sentry() -> Sentry {
    Sentry::new("https://public@o1.ingest.sentry.io/4505")
        .expect("DSN")
        .release("panicker@1.0.0")
        .environment("test")
        .tag("region", "eu")
}

#[test]
fn every_golden_report_parses_with_sentry_types_and_loses_no_field() {
    for name in GOLDEN {
        let info = golden(name);
        let envelope = sentry()
            .envelope(&info, EVENT_ID)
            .expect("an envelope")
            .expect("not dropped");
        let parsed = Envelope::from_slice(envelope.as_bytes())
            .unwrap_or_else(|e| panic!("{name}: sentry-types cannot read the envelope: {e}"));
        let event = parsed
            .event()
            .unwrap_or_else(|| panic!("{name}: no event item"));
        let theirs = serde_json::to_value(event).expect("json");
        let ours: Value =
            serde_json::from_str(envelope.lines().nth(2).expect("payload")).expect("json");
        assert_contained(&ours, &theirs, name);

        assert_eq!(event.event_id.simple().to_string(), EVENT_ID, "{name}");
        assert_eq!(
            event.fingerprint.as_ref(),
            [info.fingerprint.to_string()],
            "{name}"
        );
        let exception = &event.exception.values[0];
        assert_eq!(exception.ty, info.exception.class, "{name}");
        let frames = &exception.stacktrace.as_ref().expect("frames").frames;
        // Oldest first, the failing frame last, as in the report.
        let last = info.stack.last().expect("a frame");
        assert_eq!(
            frames
                .last()
                .and_then(|f| f.function.clone())
                .unwrap_or_default(),
            last.function,
            "{name}"
        );
        let level = serde_json::to_value(event.level).expect("level");
        let fatal = matches!(
            info.kind,
            err::model::Kind::Panic | err::model::Kind::StackOverflow
        );
        assert_eq!(level, if fatal { "fatal" } else { "error" }, "{name}");
        // Wasm frames point into a wasm image that names their module.
        for (frame, ours) in frames.iter().zip(
            ours["exception"]["values"][0]["stacktrace"]["frames"]
                .as_array()
                .expect("frames"),
        ) {
            if let Some(mode) = &frame.addr_mode {
                let index: usize = mode
                    .strip_prefix("rel:")
                    .expect("rel:N")
                    .parse()
                    .expect("N");
                let image = &ours_image(&theirs, index);
                assert_eq!(image["type"], "wasm", "{name}");
                assert_eq!(image["code_file"], ours["abs_path"], "{name}");
                assert!(frame.instruction_addr.is_some(), "{name}");
            }
        }
    }
}

fn ours_image(event: &Value, index: usize) -> Value {
    event["debug_meta"]["images"][index].clone()
}

#[test]
fn source_context_and_locals_reach_sentry_frames() {
    let info = golden("python_v1_zero_division");
    let envelope = sentry().envelope(&info, EVENT_ID).unwrap().unwrap();
    let event = event_of(&envelope);
    let frames = frames_of(&event);
    let culprit = info.stack.last().unwrap();
    let source = culprit.source.as_ref().unwrap();
    let last = frames.last().unwrap();
    assert_eq!(last.context_line.as_deref(), source.current());
    assert_eq!(last.lineno, Some(u64::from(source.current_line)));
    assert!(!last.pre_context.is_empty());
    assert_eq!(last.vars.len(), culprit.locals.len());
}

/// What the stand-in received: path, `X-Sentry-Auth`, body.
type Received = Arc<Mutex<Vec<(String, Option<String>, String)>>>;

/// A Sentry stand-in: a real HTTP server on 127.0.0.1 that records envelopes and answers
/// each with the next of `answers` (status, headers), then 200.
struct Server {
    url: String,
    received: Received,
    _thread: JoinHandle<()>,
}

impl Server {
    fn start(answers: Vec<(u16, Vec<(&'static str, &'static str)>)>) -> Self {
        let server = tiny_http::Server::http("127.0.0.1:0").expect("server");
        let url = format!("http://{}", server.server_addr().to_ip().expect("ip"));
        let received: Received = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&received);
        let thread = std::thread::spawn(move || {
            let mut answers = answers.into_iter();
            for mut request in server.incoming_requests() {
                let mut body = String::new();
                let _ = request.as_reader().read_to_string(&mut body);
                let auth = request
                    .headers()
                    .iter()
                    .find(|h| h.field.equiv("X-Sentry-Auth"))
                    .map(|h| h.value.to_string());
                log.lock()
                    .unwrap()
                    .push((request.url().to_owned(), auth, body));
                let (status, headers) = answers.next().unwrap_or((200, Vec::new()));
                let mut response = tiny_http::Response::from_string("{}").with_status_code(status);
                for (k, v) in headers {
                    response.add_header(tiny_http::Header::from_bytes(k, v).expect("header"));
                }
                let _ = request.respond(response);
            }
        });
        Server {
            url,
            received,
            _thread: thread,
        }
    }

    fn dsn(&self) -> String {
        format!("{}/7", self.url.replacen("://", "://public@", 1))
    }

    fn count(&self) -> usize {
        self.received.lock().unwrap().len()
    }
}

#[test]
fn a_real_server_receives_authenticated_envelopes_at_the_project_endpoint() {
    let server = Server::start(Vec::new());
    let sentry = Sentry::new(&server.dsn()).unwrap();
    let info = golden("native_demo");
    sentry.process(&info).expect("sent");
    let received = server.received.lock().unwrap();
    let (path, auth, body) = &received[0];
    assert_eq!(path, "/api/7/envelope/");
    let auth = auth.as_deref().expect("X-Sentry-Auth");
    assert!(
        auth.starts_with("Sentry sentry_version=7, sentry_client=sentry.rust.gufo-err/"),
        "{auth}"
    );
    assert!(auth.ends_with("sentry_key=public"), "{auth}");
    let envelope = Envelope::from_slice(body.as_bytes()).expect("sentry-types reads it");
    let event = envelope.event().expect("an event");
    assert_eq!(event.fingerprint.as_ref(), [info.fingerprint.to_string()]);
    assert_eq!(event.release.as_deref(), Some("demo@0.1.0"));
}

#[test]
fn rate_limits_stop_sending_for_their_category_and_time() {
    let server = Server::start(vec![(429, vec![("X-Sentry-Rate-Limits", "60:error:key")])]);
    let sentry = Sentry::new(&server.dsn()).unwrap();
    let info = golden("firefox_trait_impl");
    let first = sentry.process(&info).unwrap_err().to_string();
    assert!(first.contains("429"), "{first}");
    sentry
        .process(&info)
        .expect("dropped quietly while limited");
    sentry
        .process(&info)
        .expect("dropped quietly while limited");
    assert_eq!(server.count(), 1, "nothing sent while the limit holds");

    // A limit on another category does not stop errors.
    let server = Server::start(vec![(
        200,
        vec![("X-Sentry-Rate-Limits", "60:transaction:key")],
    )]);
    let sentry = Sentry::new(&server.dsn()).unwrap();
    sentry.process(&info).unwrap();
    sentry.process(&info).unwrap();
    assert_eq!(server.count(), 2);

    // Retry-After: a second is a second.
    let server = Server::start(vec![(429, vec![("Retry-After", "1")])]);
    let sentry = Sentry::new(&server.dsn()).unwrap();
    assert!(sentry.process(&info).is_err());
    sentry.process(&info).unwrap();
    assert_eq!(server.count(), 1);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    sentry.process(&info).unwrap();
    assert_eq!(server.count(), 2, "sent again once Retry-After passed");
}

#[test]
fn too_large_sampling_and_before_send() {
    let server = Server::start(vec![(413, Vec::new())]);
    let info = golden("webkit_unwrap_none");
    let refused = Sentry::new(&server.dsn())
        .unwrap()
        .process(&info)
        .unwrap_err();
    assert!(refused.to_string().contains("413"), "{refused}");

    let server = Server::start(Vec::new());
    let never = Sentry::new(&server.dsn()).unwrap().sample_rate(0.0);
    for _ in 0..20 {
        never.process(&info).unwrap();
    }
    let dropped = Sentry::new(&server.dsn()).unwrap().before_send(|_| None);
    dropped.process(&info).unwrap();
    assert_eq!(server.count(), 0);
    let tagged = Sentry::new(&server.dsn())
        .unwrap()
        .before_send(|mut event| {
            event["tags"]["checked"] = "yes".into();
            Some(event)
        });
    tagged.process(&info).unwrap();
    let body = server.received.lock().unwrap()[0].2.clone();
    let envelope = Envelope::from_slice(body.as_bytes()).unwrap();
    assert_eq!(
        envelope
            .event()
            .unwrap()
            .tags
            .get("checked")
            .map(String::as_str),
        Some("yes")
    );
}

#[test]
fn a_huge_stack_is_trimmed_under_sentrys_limit() {
    let mut info = golden("chromium_stack_overflow");
    let frame = info.stack[0].clone();
    let mut source_frame = golden("native_demo")
        .stack
        .iter()
        .find(|f| f.source.is_some())
        .unwrap()
        .clone();
    source_frame.in_app = false;
    let long_line = "x".repeat(20_000);
    if let Some(s) = source_frame.source.as_mut() {
        s.lines = vec![long_line; s.lines.len()];
    }
    info.stack = (0..400)
        .map(|i| {
            if i % 2 == 0 {
                frame.clone()
            } else {
                source_frame.clone()
            }
        })
        .collect();
    info.recursion = None;
    let envelope = sentry().envelope(&info, EVENT_ID).unwrap().unwrap();
    let payload = envelope.lines().nth(2).unwrap();
    assert!(
        payload.len() <= err::sentry::MAX_EVENT_BYTES,
        "{}",
        payload.len()
    );
    let event = event_of(&envelope);
    let frames = frames_of(&event);
    assert_eq!(frames.len(), 250, "the outermost 50 and the innermost 200");
    assert_eq!(event.extra["gufo_err.frames_omitted"], 150);
}
