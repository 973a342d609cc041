//! Fingerprint test vectors (pinned against Python's hashlib + uuid) and stability.

mod common;

use err::analyze::{fingerprint, fingerprint_parts};
use err::model::{ErrorInfo, Frame, FrameKind, Kind, Location, Recursion};
use err::pipeline::{build, Capture, Detached, Settings};

fn app_frame(function: &str) -> Frame {
    let mut f = Frame::new(function);
    f.in_app = true;
    f.frame_kind = FrameKind::Wasm;
    f
}

#[test]
fn pinned_vectors() {
    let mut panic = ErrorInfo::new(Kind::Panic, "panic", "boom");
    panic.name = "shop".into();
    panic.version = "1.2.0".into();
    panic.location = Some(Location::new("src/cart.rs", 88, 9));
    panic.stack = vec![app_frame("shop::cart::total")];
    assert_eq!(
        fingerprint(&panic).to_string(),
        "c21fdc90-36b1-5ccf-bfdd-f11f8e26c4c3"
    );

    let mut js = ErrorInfo::new(Kind::JsError, "TypeError", "x is undefined");
    let mut f = Frame::new("Cart.total");
    f.frame_kind = FrameKind::Js;
    f.file = Some("http://localhost:3000/static/app.js?v=9".into());
    f.line = Some(3);
    f.column = Some(17);
    f.in_app = true;
    js.stack = vec![f];
    assert_eq!(fingerprint_parts(&js)[6], "app.js:3");
    assert_eq!(
        fingerprint(&js).to_string(),
        "f1a26d02-b7fb-59c4-9e8f-32493cda516e"
    );

    let mut overflow = ErrorInfo::new(
        Kind::StackOverflow,
        "RangeError",
        "Maximum call stack size exceeded",
    );
    overflow.name = "svc".into();
    overflow.version = "2.0".into();
    overflow.stack = ["app::b", "app::c", "app::a"].map(app_frame).to_vec();
    overflow.recursion = Some(Recursion {
        start: 0,
        cycle: ["app::b", "app::c", "app::a"].map(String::from).to_vec(),
        repeats: 300,
    });
    assert_eq!(
        fingerprint(&overflow).to_string(),
        "e30dfef2-1102-51d2-abc9-616382e3b5b9"
    );
}

fn panicker_settings() -> Settings {
    Settings {
        name: "panicker".into(),
        version: "1.0.0".into(),
        in_app: err::normalize::InApp::new(["gufo_err_panicker"]),
        context_lines: 0,
    }
}

fn chromium_bounds() -> (String, ErrorInfo) {
    let sample = common::corpus()
        .into_iter()
        .find(|s| s.runtime == "chromium" && s.case == "bounds")
        .expect("corpus");
    let info = err::codec::from_json(&sample.reports[0]).expect("report");
    (info.raw_stack.clone().unwrap_or_default(), info)
}

fn rebuild(stack: &str, info: &ErrorInfo) -> uuid::Uuid {
    build(
        Capture::panic(info.message.clone(), info.location.clone(), stack),
        &panicker_settings(),
        &Detached,
    )
    .fingerprint
}

#[test]
fn stable_across_build_hashes_offsets_and_urls() {
    let (stack, info) = chromium_bounds();
    let original = rebuild(&stack, &info);
    assert_eq!(original, info.fingerprint);
    let rehashed = stack
        .replace("::hd68f2c8a37daab02", "::h0000000000000000")
        .replace("::h9ffd7a6e7452e162", "::hffffffffffffffff");
    let moved = rehashed
        .replace(":0x", ":0x1")
        .replace("wasm-function[", "wasm-function[1");
    let elsewhere = moved.replace("http://127.0.0.1:", "https://shop.example.com:");
    assert_ne!(elsewhere, stack);
    assert_eq!(rebuild(&elsewhere, &info), original);
}

#[test]
fn different_sites_give_different_fingerprints() {
    let mut seen = std::collections::BTreeMap::new();
    for sample in common::corpus()
        .into_iter()
        .filter(|s| s.runtime == "chromium" && !s.reports.is_empty())
    {
        let info = err::codec::from_json(&sample.reports[0]).expect("report");
        if let Some(other) = seen.insert(info.fingerprint, sample.case.clone()) {
            panic!("{} and {other} share a fingerprint", sample.case);
        }
    }
    assert_eq!(seen.len(), 7);
    let (stack, info) = chromium_bounds();
    let mut moved = info.clone();
    if let Some(l) = moved.location.as_mut() {
        l.line += 1;
    }
    assert_ne!(
        rebuild(&stack, &moved),
        rebuild(&stack, &info),
        "another line is another site"
    );
}

#[test]
fn stable_across_recursion_depth() {
    let sample = common::corpus()
        .into_iter()
        .find(|s| s.runtime == "firefox" && s.case == "stack_overflow")
        .expect("corpus");
    let (class, message, stack) = sample.error.expect("error");
    let lines: Vec<&str> = stack.lines().collect();
    let fingerprints: std::collections::BTreeSet<_> = [60, 61, 62, 90, lines.len()]
        .into_iter()
        .map(|n| {
            let text = lines[lines.len() - n..].join("\n");
            build(
                Capture::js(class.clone(), message.clone(), text),
                &panicker_settings(),
                &Detached,
            )
            .fingerprint
        })
        .collect();
    assert_eq!(fingerprints.len(), 1, "{fingerprints:?}");
}
