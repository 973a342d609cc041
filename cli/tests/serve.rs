//! `err serve` as a real process on a free 127.0.0.1 port: the collector API under 1,000
//! concurrent posts, hostile requests, CORS, the static site, and a graceful stop.

mod common;

use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use gufo_err_tests::collector::Collector;

use err::model::ErrorInfo;

fn start(dir: &std::path::Path, extra: &[&str]) -> Collector {
    Collector::start(env!("CARGO_BIN_EXE_err"), dir, extra)
}

/// Announces a 100,000-byte body over a raw socket, sends only the headers, and returns the
/// status the server answers with.
fn oversized_post(url: &str) -> u16 {
    use std::io::Read;
    let addr = url.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let head = format!("POST /api/v1/errors HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n");
    stream.write_all(head.as_bytes()).expect("headers");
    let mut answer = [0u8; 64];
    let n = stream.read(&mut answer).expect("answer");
    let text = String::from_utf8_lossy(&answer[..n]);
    text.split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(30))
        .build()
}

fn status(result: Result<ureq::Response, ureq::Error>) -> u16 {
    match result {
        Ok(r) => r.status(),
        Err(ureq::Error::Status(code, _)) => code,
        Err(e) => panic!("transport error: {e}"),
    }
}

/// Ten different real reports (the fixtures, given distinct fingerprints where needed).
fn ten_reports() -> Vec<ErrorInfo> {
    let fixtures = common::fixtures();
    (0..10)
        .map(|i| {
            let mut info = fixtures[i % fixtures.len()].clone();
            info.count = 1;
            info.fingerprint = format!("{i:08x}-aaaa-5aaa-8aaa-aaaaaaaaaaaa")
                .parse()
                .expect("uuid");
            info
        })
        .collect()
}

#[test]
fn a_thousand_concurrent_posts_are_all_counted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start(dir.path(), &[]);
    let reports = Arc::new(
        ten_reports()
            .iter()
            .map(err::codec::to_json)
            .collect::<Vec<_>>(),
    );
    let api = server.api();
    let threads: Vec<_> = (0..20)
        .map(|t| {
            let (reports, api) = (reports.clone(), api.clone());
            std::thread::spawn(move || {
                let agent = agent();
                for i in 0..50 {
                    let body = &reports[(t * 50 + i) % 10];
                    let code = status(
                        agent
                            .post(&api)
                            .set("Content-Type", "application/json")
                            .send_string(body),
                    );
                    assert!(code == 201 || code == 200, "post answered {code}");
                }
            })
        })
        .collect();
    threads.into_iter().for_each(|t| t.join().expect("poster"));
    let files = common::fingerprints_in(dir.path());
    assert_eq!(files.len(), 10, "{files:?}");
    for info in ten_reports() {
        let stored: ErrorInfo = err::codec::from_slice(
            &std::fs::read(dir.path().join(format!("{}.json", info.fingerprint))).expect("file"),
        )
        .expect("report");
        assert_eq!(stored.count, 100, "{}", info.fingerprint);
    }
    let list: serde_json::Value = agent()
        .get(&server.api())
        .call()
        .expect("list")
        .into_json()
        .expect("json");
    let total: u64 = list
        .as_array()
        .expect("array")
        .iter()
        .map(|r| r["count"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(total, 1000);
    assert!(server.stop().success(), "graceful stop on Ctrl-C");
}

#[test]
fn reads_deletes_and_refuses_what_it_must() {
    let dir = tempfile::tempdir().expect("tempdir");
    let server = start(
        dir.path(),
        &["--body-limit", "65536", "--cors", "http://shop.example"],
    );
    let agent = agent();
    let info = ten_reports().remove(0);
    let fp = info.fingerprint.to_string();
    // A gzip body is accepted.
    let created = agent
        .post(&server.api())
        .set("Content-Encoding", "gzip")
        .send_bytes(&err::codec::to_gzip(&info))
        .expect("post");
    assert_eq!(created.status(), 201);
    let answer: serde_json::Value = created.into_json().expect("json");
    assert_eq!(answer["new"], true);
    let again: serde_json::Value = agent
        .post(&server.api())
        .send_string(&err::codec::to_json(&info))
        .expect("post")
        .into_json()
        .expect("json");
    assert_eq!(
        (again["count"].as_u64(), again["new"].as_bool()),
        (Some(2), Some(false))
    );
    // A resend of a delivery already counted (same event id) is not counted again.
    let first = agent
        .post(&server.api())
        .set("X-Gufo-Err-Event", "ev-1")
        .send_string(&err::codec::to_json(&info))
        .expect("post");
    let first: serde_json::Value = first.into_json().expect("json");
    assert_eq!(first["count"].as_u64(), Some(3));
    let resent: serde_json::Value = agent
        .post(&server.api())
        .set("X-Gufo-Err-Event", "ev-1")
        .send_string(&err::codec::to_json(&info))
        .expect("post")
        .into_json()
        .expect("json");
    assert_eq!(resent["duplicate"], true);
    // Read it back.
    let got = agent
        .get(&format!("{}/{fp}", server.api()))
        .call()
        .expect("get")
        .into_string()
        .expect("body");
    assert_eq!(err::codec::from_json(&got).expect("report").count, 3);
    // Hostile and bad requests.
    assert_eq!(
        status(agent.post(&server.api()).send_string("{not json")),
        400
    );
    assert_eq!(
        status(
            agent
                .post(&server.api())
                .send_string(r#"{"$type":"errorinfo","$version":"9"}"#)
        ),
        400
    );
    assert_eq!(
        oversized_post(&server.url),
        413,
        "refused from the header, before the body is sent"
    );
    for bad in [
        "..%2F..%2Fetc%2Fpasswd",
        "not-a-fingerprint",
        &fp.to_uppercase(),
    ] {
        assert_eq!(
            status(agent.get(&format!("{}/{bad}", server.api())).call()),
            400,
            "{bad}"
        );
        assert_eq!(
            status(agent.delete(&format!("{}/{bad}", server.api())).call()),
            400,
            "{bad}"
        );
    }
    // `%2e%2e` is resolved by the client into another path; it must reach no file either.
    let dots = status(agent.get(&format!("{}/%2e%2e", server.api())).call());
    assert!((400..500).contains(&dots), "{dots}");
    assert_eq!(
        status(
            agent
                .get(&format!(
                    "{}/00000000-0000-5000-8000-000000000000",
                    server.api()
                ))
                .call()
        ),
        404
    );
    // CORS for the allowed origin only.
    let preflight = agent
        .request("OPTIONS", &server.api())
        .set("Origin", "http://shop.example")
        .set("Access-Control-Request-Method", "POST")
        .call()
        .expect("preflight");
    assert_eq!(
        preflight.header("access-control-allow-origin"),
        Some("http://shop.example")
    );
    let other = agent
        .get(&server.api())
        .set("Origin", "http://evil.example")
        .call()
        .expect("get");
    assert_eq!(other.header("access-control-allow-origin"), None);
    // Delete.
    assert_eq!(
        status(agent.delete(&format!("{}/{fp}", server.api())).call()),
        204
    );
    assert_eq!(
        status(agent.delete(&format!("{}/{fp}", server.api())).call()),
        404
    );
    assert!(common::fingerprints_in(dir.path()).is_empty());
    assert!(server.stop().success());
}

#[test]
fn serves_the_site_and_the_viewer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let www = tempfile::tempdir().expect("www");
    let viewer = tempfile::tempdir().expect("viewer");
    std::fs::write(www.path().join("index.html"), "<h1>demo</h1>").expect("write");
    std::fs::File::create(viewer.path().join("index.html"))
        .and_then(|mut f| f.write_all(b"<h1>viewer</h1>"))
        .expect("write");
    let server = start(
        dir.path(),
        &[
            "--www",
            www.path().to_str().expect("utf-8"),
            "--viewer",
            viewer.path().to_str().expect("utf-8"),
        ],
    );
    let agent = agent();
    assert_eq!(
        agent
            .get(&format!("{}/", server.url))
            .call()
            .expect("site")
            .into_string()
            .expect("body"),
        "<h1>demo</h1>"
    );
    assert_eq!(
        agent
            .get(&format!("{}/viewer/", server.url))
            .call()
            .expect("viewer")
            .into_string()
            .expect("body"),
        "<h1>viewer</h1>"
    );
    assert_eq!(
        status(
            agent
                .get(&format!("{}/../../etc/passwd", server.url))
                .call()
        ),
        404
    );
    let list: serde_json::Value = agent
        .get(&server.api())
        .call()
        .expect("api")
        .into_json()
        .expect("json");
    assert_eq!(list, serde_json::json!([]));
    assert!(server.stop().success());
}
