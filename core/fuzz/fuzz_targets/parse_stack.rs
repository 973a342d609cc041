//! Fuzzes the stack parser, the name normalizer and the whole pipeline on arbitrary text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let parsed = err::parse::parse_stack(&text);
    for frame in &parsed.frames {
        let _ = err::normalize::normalize_function(&frame.function);
    }
    let info = err::pipeline::build(
        err::pipeline::Capture::js("Error", "fuzz", text.as_ref()),
        &err::pipeline::Settings { context_lines: 0, ..Default::default() },
        &err::pipeline::Detached,
    );
    let _ = err::format::render(&info, err::format::Format::Extend);
    let _ = err::wasm::names::FunctionNames::from_name_section(data);
});
