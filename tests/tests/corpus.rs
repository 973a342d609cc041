//! The stored corpus of real stacks, checked without browsers: the parser and analysis
//! must keep giving what the engines' real output requires.

use gufo_err_tests::corpus::read_all;
use gufo_err_tests::expect::{all_cases, check};

#[test]
fn corpus_covers_every_case_in_every_runtime() {
    let samples = read_all();
    for runtime in ["chromium", "firefox", "webkit", "node"] {
        for case in all_cases() {
            assert!(
                samples.iter().any(|s| s.runtime == runtime && s.case == case),
                "corpus lacks {runtime}/{case}: capture it with GUFO_ERR_UPDATE_CORPUS=1 cargo xtask test"
            );
        }
    }
}

#[test]
fn corpus_stacks_parse_and_analyze_as_expected() {
    let problems = check(&read_all());
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
