//! The parser on every real stack of the corpus (Chromium, Firefox ESR, WebKitGTK, Node).

mod common;

use err::model::{Engine, FrameKind};

#[test]
fn every_line_of_every_real_stack_is_recognized() {
    let stacks = common::corpus_stacks();
    assert!(stacks.len() >= 80, "the corpus has {} stacks", stacks.len());
    for (at, stack) in &stacks {
        let parsed = err::parse::parse_stack(stack);
        let unknown: Vec<_> = parsed.unrecognized().map(|f| f.raw.clone()).collect();
        assert!(unknown.is_empty(), "{at}: unrecognized {unknown:?}");
        assert!(!parsed.frames.is_empty(), "{at}: no frames");
        for frame in &parsed.frames {
            assert!(
                frame.raw.as_deref().is_some_and(|r| stack.contains(r)),
                "{at}: the raw line is kept"
            );
        }
    }
}

#[test]
fn wasm_stacks_name_their_engine() {
    for (at, stack) in common::corpus_stacks() {
        if !stack.contains("wasm-function[") {
            continue;
        }
        let expected = match at.split('/').next() {
            Some("chromium" | "node") => Engine::V8,
            Some("firefox") => Engine::SpiderMonkey,
            Some("webkit") => Engine::Jsc,
            other => panic!("unknown runtime {other:?}"),
        };
        assert_eq!(err::parse::detect_engine(&stack), expected, "{at}");
    }
}

#[test]
fn wasm_frames_carry_index_and_offset_where_the_engine_gives_them() {
    for (at, stack) in common::corpus_stacks() {
        let parsed = err::parse::parse_stack(&stack);
        for frame in parsed
            .frames
            .iter()
            .filter(|f| f.frame_kind == FrameKind::Wasm)
        {
            assert!(frame.wasm_function.is_some(), "{at}: {:?}", frame.raw);
            let has_offset = frame.raw.as_deref().is_some_and(|r| r.contains(":0x"));
            assert_eq!(
                frame.wasm_offset.is_some(),
                has_offset,
                "{at}: {:?}",
                frame.raw
            );
        }
    }
}
