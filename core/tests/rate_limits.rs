//! Sentry's rate limits against the shared vectors (`data/rate_limits.json`), which the
//! browser runtime's JavaScript runs too (`rate_limits.mjs`, in `cargo xtask test`): the two
//! implementations read `429`, `Retry-After` and `X-Sentry-Rate-Limits` alike.

use err::sentry::RateLimits;
use serde_json::Value;

const VECTORS: &str = include_str!("data/rate_limits.json");

#[test]
fn every_vector_reads_as_the_table_says() {
    let table: Value = serde_json::from_str(VECTORS).expect("rate_limits.json is JSON");
    let vectors = table["vectors"].as_array().expect("a list of vectors");
    assert!(!vectors.is_empty());
    let mut failures = Vec::new();
    for vector in vectors {
        let name = vector["name"].as_str().expect("a name");
        let mut limits = RateLimits::default();
        for response in vector["responses"].as_array().expect("responses") {
            let status = response["status"].as_u64().expect("a status");
            limits.update(
                response["now_ms"].as_i64().expect("now_ms"),
                u16::try_from(status).expect("an HTTP status"),
                response["retry_after"].as_str(),
                response["rate_limits"].as_str(),
            );
        }
        for check in vector["checks"].as_array().expect("checks") {
            let category = check[0].as_str().expect("a category");
            let at = check[1].as_i64().expect("at_ms");
            let expected = check[2].as_bool().expect("expected_limited");
            let limited = limits.is_limited(category, at);
            if limited != expected {
                failures.push(format!(
                    "{name}: {category} at {at} ms: limited {limited}, expected {expected} ({limits:?})"
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches with rate_limits.json:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
