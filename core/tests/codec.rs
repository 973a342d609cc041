//! Reading and writing reports: round trips, determinism, strict errors, hostile input.

mod common;

use err::codec::{self, CodecError};

#[test]
fn every_fixture_round_trips_through_json_and_gzip() {
    for name in common::fixture_names() {
        let info = common::fixture(&name);
        let json = codec::to_json(&info);
        assert_eq!(codec::from_json(&json).expect("json"), info, "{name}");
        assert_eq!(
            codec::from_slice(&codec::to_gzip(&info)).expect("gzip"),
            info,
            "{name}"
        );
        assert_eq!(
            codec::from_json(&codec::to_json_pretty(&info)).expect("pretty"),
            info,
            "{name}"
        );
    }
}

#[test]
fn writing_is_deterministic() {
    for name in common::fixture_names() {
        let info = common::fixture(&name);
        let once = codec::to_json(&info);
        let twice = codec::to_json(&codec::from_json(&once).expect("reads"));
        assert_eq!(once, twice, "{name}");
    }
}

#[test]
fn v2_reports_written_in_browsers_keep_every_field() {
    let info = common::fixture("webkit_unwrap_none");
    assert_eq!(info.engine, Some(err::model::Engine::Jsc));
    assert_eq!(info.runtime, Some(err::model::Runtime::Wasm));
    assert!(info
        .user_agent
        .as_deref()
        .is_some_and(|ua| ua.contains("AppleWebKit")));
    assert!(info
        .page_url
        .as_deref()
        .is_some_and(|u| u.starts_with("http://127.0.0.1:")));
    assert!(info.stack.iter().any(|f| f.wasm_function.is_some()));
}

fn error_of(text: &str) -> String {
    codec::from_json(text).expect_err("must fail").to_string()
}

#[test]
fn strict_errors_name_what_is_wrong() {
    let mut doc: serde_json::Value =
        serde_json::from_str(&codec::to_json(&common::fixture("firefox_trait_impl")))
            .expect("json");
    doc["stack"][2]
        .as_object_mut()
        .expect("frame")
        .remove("name");
    let message = error_of(&doc.to_string());
    assert!(
        message.starts_with("field `stack[2]`: missing field `name` at line 1 column "),
        "{message}"
    );
    doc["stack"][2]["name"] = serde_json::json!(7);
    assert!(
        error_of(&doc.to_string()).starts_with("field `stack[2].name`: invalid type: integer `7`")
    );
    assert_eq!(
        error_of("[]"),
        "a report must be a JSON object, found an array"
    );
    assert_eq!(
        error_of(r#"{"$version":"2.0"}"#),
        "missing \"$type\": not an errorinfo report"
    );
    assert_eq!(
        error_of(r#"{"$type":"traceback"}"#),
        "\"$type\" is \"traceback\", expected \"errorinfo\""
    );
    assert_eq!(error_of(r#"{"$type":"errorinfo"}"#), "missing \"$version\"");
    assert_eq!(
        error_of(r#"{"$type":"errorinfo","$version":2}"#),
        "unsupported $version \"2\" (this reads 2.0 and 1.0)"
    );
    assert!(error_of("{").starts_with("not valid JSON"));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(matches!(codec::from_json(&deep), Err(CodecError::Json(_))));
    let deep_field = format!(
        r#"{{"$type":"errorinfo","$version":"2.0","name":{}1{}}}"#,
        "[".repeat(50_000),
        "]".repeat(50_000)
    );
    assert!(codec::from_json(&deep_field).is_err());
}

#[test]
fn gzip_bombs_and_broken_gzip_are_refused() {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..65 {
        encoder.write_all(&chunk).expect("write");
    }
    let bomb = encoder.finish().expect("gzip");
    assert!(bomb.len() < 1 << 20, "small on disk");
    assert!(matches!(
        codec::from_slice(&bomb),
        Err(CodecError::TooLarge { .. })
    ));
    let mut broken = codec::to_gzip(&common::fixture("native_demo"));
    broken.truncate(broken.len() / 2);
    assert!(matches!(
        codec::from_slice(&broken),
        Err(CodecError::Gzip(_))
    ));
}

#[test]
fn the_summary_equals_what_the_full_read_says() {
    let mut documents: Vec<Vec<u8>> = common::fixture_names()
        .iter()
        .map(|n| codec::to_json(&common::fixture(n)).into_bytes())
        .collect();
    for sample in common::corpus() {
        documents.extend(sample.reports.iter().map(|r| r.clone().into_bytes()));
    }
    // The Python 1.0 fixture as Gufo wrote it, and gzip.
    let v1 = std::fs::read(
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/python_v1_zero_division.json"),
    )
    .expect("fixture");
    documents.push(codec::to_gzip(&codec::from_slice(&v1).expect("v1")));
    documents.push(v1);
    assert!(documents.len() > 30);
    for bytes in documents {
        let full = codec::from_slice(&bytes).expect("full");
        assert_eq!(
            codec::summary_from_slice(&bytes).expect("summary"),
            codec::Summary::from(&full)
        );
    }
    assert!(matches!(
        codec::summary_from_slice(b"{\"$type\":\"errorinfo\"}"),
        Err(CodecError::MissingVersion)
    ));
}
