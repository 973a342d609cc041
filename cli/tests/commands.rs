//! `err` list, view, clear, parse, stats, version, completions: every command and exit code,
//! on directories written by gufo-err and by the Python gufo-err 0.6.0.

mod common;

use common::{err, err_with_stdin, fingerprints_in, stderr, stdout};

#[test]
fn list_shows_every_report_newest_first() {
    let dir = common::store_dir();
    let prefix = dir.path().to_str().expect("utf-8");
    let out = err(&["-p", prefix, "list"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("Fingerprint "), "{text}");
    assert!(!text.contains('\x1b'), "no colors when piped");
    let listed: Vec<&str> = text.lines().skip(1).map(|l| &l[..36]).collect();
    let mut expected = fingerprints_in(dir.path());
    let mut sorted_listed: Vec<String> = listed.iter().map(|s| s.to_string()).collect();
    sorted_listed.sort();
    expected.sort();
    assert_eq!(sorted_listed, expected);
    // Newest first: the native demo (seen last) before the browser reports.
    let infos: Vec<_> = listed
        .iter()
        .map(|fp| {
            err::codec::from_slice(
                &std::fs::read(dir.path().join(format!("{fp}.json"))).expect("file"),
            )
            .expect("report")
        })
        .collect();
    let seen: Vec<_> = infos.iter().map(|i| i.last_seen.or(i.timestamp)).collect();
    let mut newest_first = seen.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(seen, newest_first);
    assert!(
        text.contains(" panic: degenerate triangle with base 3 "),
        "{text}"
    );
    assert!(
        text.contains("tests/panicker/src/cases/geometry/shapes.rs:26"),
        "the place is the panic location: {text}"
    );
    // Colors on request.
    assert!(stdout(&err(&["--color", "always", "-p", prefix, "list"])).contains("\x1b[33m"));
}

#[test]
fn expressions_full_prefix_all_and_errors() {
    let dir = common::store_dir();
    let prefix = dir.path().to_str().expect("utf-8");
    let fps = fingerprints_in(dir.path());
    let one = &fps[0];
    let out = err(&["-p", prefix, "list", &one[..8]]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out).lines().count(), 2, "header and one report");
    let out = err(&["-p", prefix, "list", one, "*"]);
    assert_eq!(stdout(&out).lines().count(), fps.len() + 1, "no duplicates");
    // A prefix shared by two reports is ambiguous (5); a bad expression is 5 too.
    let twin = format!("{}-0000-5000-8000-000000000000", &one[..8]);
    let mut copy = err::codec::from_slice(
        &std::fs::read(dir.path().join(format!("{one}.json"))).expect("file"),
    )
    .expect("report");
    copy.fingerprint = twin.parse().expect("uuid");
    std::fs::write(
        dir.path().join(format!("{twin}.json")),
        err::codec::to_json(&copy),
    )
    .expect("write");
    let out = err(&["-p", prefix, "view", &one[..8]]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(stderr(&out).contains("ambiguous"));
    assert_eq!(
        err(&["-p", prefix, "view", "not-hex!"]).status.code(),
        Some(5)
    );
    // A fingerprint that is not there: 3, with a message.
    let out = err(&["-p", prefix, "view", "00000000-0000-5000-8000-000000000000"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("00000000-0000-5000-8000-000000000000 is not found"));
}

#[test]
fn directory_and_argument_errors_have_their_codes() {
    let missing = err(&["-p", "/no/such/dir", "list"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("/no/such/dir does not exist"));
    let file = tempfile::NamedTempFile::new().expect("file");
    let unreadable = err(&["-p", file.path().to_str().expect("utf-8"), "list"]);
    assert_eq!(
        unreadable.status.code(),
        Some(2),
        "a file is not a readable directory"
    );
    assert_eq!(err(&["list"]).status.code(), Some(4), "no prefix");
    assert_eq!(
        err(&["frobnicate"]).status.code(),
        Some(4),
        "unknown command"
    );
    let dir = common::store_dir();
    let prefix = dir.path().to_str().expect("utf-8");
    assert_eq!(
        err(&["-p", prefix, "view", "-f", "fancy", "all"])
            .status
            .code(),
        Some(4)
    );
    assert_eq!(
        err(&["-p", prefix, "view"]).status.code(),
        Some(4),
        "view needs an expression"
    );
    let with_env = std::process::Command::new(env!("CARGO_BIN_EXE_err"))
        .arg("list")
        .env("GUFO_ERR_PREFIX", prefix)
        .output()
        .expect("runs");
    assert_eq!(with_env.status.code(), Some(0), "GUFO_ERR_PREFIX works");
    assert_eq!(err(&["--help"]).status.code(), Some(0));
    assert_eq!(err(&["serve", "--help"]).status.code(), Some(0));
}

#[test]
fn a_corrupt_file_is_reported_and_skipped() {
    let dir = common::store_dir();
    let prefix = dir.path().to_str().expect("utf-8");
    let bad = "11111111-1111-5111-8111-111111111111";
    std::fs::write(
        dir.path().join(format!("{bad}.json")),
        "{\"$type\": \"errorinfo\", \"$version\": \"2.0\"",
    )
    .expect("write");
    let out = err(&["-p", prefix, "list"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains(&format!("{bad}.json: not valid JSON")),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        stdout(&out).lines().count(),
        fingerprints_in(dir.path()).len(),
        "the others are listed"
    );
    assert_eq!(err(&["-p", prefix, "stats"]).status.code(), Some(3));
}

#[test]
fn view_renders_each_format() {
    let dir = common::store_dir();
    let prefix = dir.path().to_str().expect("utf-8");
    let fixtures = common::fixtures();
    let native = fixtures
        .iter()
        .find(|i| i.name == "demo")
        .expect("native fixture");
    let fp = native.fingerprint.to_string();
    let extend = stdout(&err(&["-p", prefix, "view", &fp]));
    assert_eq!(
        extend.trim_end(),
        err::format::render(native, err::format::Format::Extend).trim_end()
    );
    assert!(extend.contains("==>             prices[index]"));
    let terse = stdout(&err(&["-p", prefix, "view", "-f", "terse", &fp[..10]]));
    assert!(terse.starts_with(&format!("Error: {fp}\nTraceback")));
    let json = stdout(&err(&["-p", prefix, "view", "--format", "json", &fp]));
    assert_eq!(
        err::codec::from_json(&json).expect("json").fingerprint,
        native.fingerprint
    );
}

#[test]
fn clear_removes_reports() {
    let dir = common::store_dir();
    let prefix = dir.path().to_str().expect("utf-8");
    let fps = fingerprints_in(dir.path());
    assert_eq!(
        err(&["-p", prefix, "clear", &fps[0]]).status.code(),
        Some(0)
    );
    assert_eq!(fingerprints_in(dir.path()), fps[1..]);
    assert_eq!(
        err(&["-p", prefix, "clear", &fps[0]]).status.code(),
        Some(3),
        "already gone"
    );
    assert_eq!(err(&["-p", prefix, "clear", "all"]).status.code(), Some(0));
    assert!(fingerprints_in(dir.path()).is_empty());
}

#[test]
fn python_reports_in_every_compression() {
    let mut classes_seen = Vec::new();
    for compress in [None, Some("gz"), Some("bz2"), Some("xz")] {
        let dir = common::python_dir(compress);
        let prefix = dir.path().to_str().expect("utf-8");
        let out = err(&["-p", prefix, "list"]);
        assert_eq!(out.status.code(), Some(0), "{compress:?}: {}", stderr(&out));
        let text = stdout(&out);
        assert_eq!(text.lines().count(), 5, "{compress:?}:\n{text}");
        assert!(
            text.contains("exception ZeroDivisionError: division by zero"),
            "{text}"
        );
        assert!(text.contains("pyshop 0.6.0"));
        let view = stdout(&err(&["-p", prefix, "view", "all"]));
        assert!(view.contains("==>     share = total / parts"), "{view}");
        classes_seen.push(text.matches(" exception ").count());
    }
    assert_eq!(classes_seen, [4, 4, 4, 4]);
}

#[test]
fn parse_reads_any_engine_from_a_file_or_stdin() {
    let corpus = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus");
    let sample: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(corpus.join("chromium/js_class_method.json")).expect("corpus"),
    )
    .expect("json");
    let stack = sample["error"]["stack"].as_str().expect("stack");
    let out = err_with_stdin(&["parse", "-f", "json"], stack);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let info = err::codec::from_json(&stdout(&out)).expect("a report");
    assert_eq!(
        (info.exception.class.as_str(), info.engine),
        ("TypeError", Some(err::model::Engine::V8))
    );
    assert!(info.message.contains("amount"), "{}", info.message);
    let file = tempfile::NamedTempFile::new().expect("file");
    let firefox: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(corpus.join("firefox/stack_overflow.json")).expect("corpus"),
    )
    .expect("json");
    std::fs::write(
        file.path(),
        firefox["error"]["stack"].as_str().expect("stack"),
    )
    .expect("write");
    let out = err(&[
        "parse",
        file.path().to_str().expect("utf-8"),
        "--class",
        "InternalError",
        "--message",
        "too much recursion",
        "--root-module",
        "gufo_err_panicker",
    ]);
    let text = stdout(&out);
    assert!(text.contains("[3 frames repeated"), "{text}");
    assert!(
        text.ends_with("InternalError: too much recursion\n"),
        "{text}"
    );
    let forced = err(&[
        "parse",
        "-f",
        "json",
        "--engine",
        "jsc",
        file.path().to_str().expect("utf-8"),
    ]);
    assert_eq!(
        err::codec::from_json(&stdout(&forced))
            .expect("report")
            .engine,
        Some(err::model::Engine::Jsc)
    );
    let native = err_with_stdin(
        &["parse"],
        "   0: app::main\n             at ./src/main.rs:3:5\n",
    );
    assert!(stdout(&native).contains("in app::main"));
    assert_eq!(
        err_with_stdin(&["parse"], "  \n").status.code(),
        Some(4),
        "empty input"
    );
    assert_eq!(err(&["parse", "/no/such/file"]).status.code(), Some(3));
    assert_eq!(
        err(&["parse", "--engine", "rhino", "/dev/null"])
            .status
            .code(),
        Some(4)
    );
}

#[test]
fn stats_count_by_group() {
    let dir = common::store_dir();
    let out = err(&["-p", dir.path().to_str().expect("utf-8"), "stats"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let fixtures = common::fixtures();
    let occurrences: u64 = fixtures.iter().map(|i| i.count).sum();
    assert!(
        text.starts_with(&format!(
            "{} reports, {occurrences} occurrences",
            fixtures.len()
        )),
        "{text}"
    );
    for needle in [
        "By kind:",
        "panic",
        "By engine:",
        "spidermonkey",
        "By service:",
        "panicker",
        "By version:",
        "Top 10 places",
    ] {
        assert!(text.contains(needle), "{needle}: {text}");
    }
}

#[test]
fn version_completions_and_manual() {
    assert_eq!(
        stdout(&err(&["version"])).trim(),
        format!("gufo-err {}", env!("CARGO_PKG_VERSION"))
    );
    let bash = stdout(&err(&["completions", "bash"]));
    assert!(bash.contains("_err()") && bash.contains("serve"));
    let man = stdout(&err(&["man"]));
    assert!(
        man.starts_with(".ie") || man.contains(".TH err"),
        "{}",
        &man[..man.len().min(200)]
    );
}

#[test]
fn the_manual_in_docs_is_current() {
    let committed = std::fs::read_to_string(
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/err.1"),
    )
    .expect("docs/err.1");
    assert!(
        committed == stdout(&err(&["man"])),
        "docs/err.1 is stale: run `err man > docs/err.1`"
    );
}
