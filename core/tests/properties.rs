//! No input panics the parsers, the normalizer, the codec or the name-section reader, and
//! their work stays bounded.

use proptest::prelude::*;

/// Lines made of the pieces real stacks are made of, shuffled.
fn stack_like() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "    at ",
        "at ",
        "@",
        "(",
        ")",
        ":",
        "0x",
        "wasm-function[",
        "]",
        "http://x/a.js",
        "wasm://wasm/1f",
        "<anonymous>",
        "[native code]",
        "eval at ",
        ", ",
        " > eval",
        "async*",
        "::h0123456789abcdef",
        "<",
        ">",
        " as ",
        "{closure#0}",
        "std[0a1b2c3d4e5f6a7b]::",
        "12",
        "999999999999",
        "\n",
        "   3: ",
        "  at ./src/a.rs:1:2",
        "_ZN3app4main17h0123456789abcdefE",
        ".wasm.",
        "$func7",
        " externref shim",
        "ü",
        "\u{0}",
    ]);
    prop::collection::vec(piece, 0..80).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn parsing_any_text_never_panics(text in "\\PC{0,400}") {
        let parsed = err::parse::parse_stack(&text);
        prop_assert!(parsed.frames.len() <= err::parse::MAX_FRAMES);
    }

    #[test]
    fn parsing_stack_shaped_text_never_panics(text in stack_like()) {
        for &engine in err::model::Engine::ALL {
            let parsed = err::parse::parse_stack_as(&text, engine);
            for frame in &parsed.frames {
                prop_assert!(frame.raw.is_some());
            }
        }
    }

    #[test]
    fn the_whole_pipeline_never_panics(text in stack_like(), class in "[A-Za-z]{0,12}", message in "\\PC{0,40}") {
        let info = err::pipeline::build(
            err::pipeline::Capture::js(class, message, text),
            &err::pipeline::Settings { context_lines: 0, ..Default::default() },
            &err::pipeline::Detached,
        );
        for &format in err::format::Format::ALL {
            let _ = err::format::render(&info, format);
        }
        prop_assert_eq!(err::codec::from_json(&err::codec::to_json(&info)).ok(), Some(info));
    }

    #[test]
    fn normalizing_any_name_never_panics(name in "\\PC{0,200}") {
        let _ = err::normalize::normalize_function(&name);
        let _ = err::normalize::crate_names(&name);
    }

    #[test]
    fn reading_any_document_never_panics(text in "\\PC{0,300}") {
        let _ = err::codec::from_json(&text);
        let _ = err::codec::from_slice(text.as_bytes());
    }

    #[test]
    fn reading_any_name_section_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = err::wasm::names::FunctionNames::from_name_section(&bytes);
        let mut module = b"\0asm\x01\0\0\0".to_vec();
        module.extend(&bytes);
        let _ = err::wasm::names::FunctionNames::from_module(&module);
    }
}

#[test]
fn hostile_sizes_are_bounded() {
    let long_line = format!("    at {} (http://x/a.js:1:1)", "f".repeat(1_000_000));
    let parsed = err::parse::parse_stack(&long_line);
    assert!(parsed
        .frames
        .iter()
        .all(|f| f.raw.as_deref().map_or(0, str::len) <= err::parse::MAX_LINE_CHARS * 4));
    let many = "    at f (http://x/a.js:1:1)\n".repeat(err::parse::MAX_FRAMES + 500);
    let parsed = err::parse::parse_stack(&many);
    assert_eq!(parsed.frames.len(), err::parse::MAX_FRAMES);
    assert!(parsed.truncated);
}
