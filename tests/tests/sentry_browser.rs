//! Sentry from a wasm panic in real Chromium: the harness page (its own origin) installs
//! `err::init()` with the Sentry middleware, panics, and a Sentry stand-in on another
//! 127.0.0.1 port (a real HTTP server with CORS, as sentry.io answers) receives the
//! envelope, which Sentry's own protocol types read. A `429` with `X-Sentry-Rate-Limits`
//! stops the next page's panic from being sent.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use gufo_err_tests::browser::{Browser, Driver};
use gufo_err_tests::server::StaticServer;
use gufo_err_tests::webdriver::Session;
use sentry_types::protocol::v7::Envelope;
use serde_json::Value;

type Received = Arc<Mutex<Vec<(String, String)>>>;

/// Records `(url, body)` of each POST; answers the first with `first`, the rest with 200.
fn stand_in(first: (u16, Option<&'static str>)) -> (String, Received) {
    let server = tiny_http::Server::http("127.0.0.1:0").expect("server");
    let url = format!("http://{}", server.server_addr().to_ip().expect("ip"));
    let received: Received = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&received);
    std::thread::spawn(move || {
        let mut answered = 0;
        for mut request in server.incoming_requests() {
            let mut body = String::new();
            let _ = request.as_reader().read_to_string(&mut body);
            let header = |k: &str, v: &str| tiny_http::Header::from_bytes(k, v).expect("header");
            let mut response = tiny_http::Response::from_string("{}")
                .with_header(header("Access-Control-Allow-Origin", "*"))
                .with_header(header("Access-Control-Allow-Headers", "content-type"))
                .with_header(header(
                    "Access-Control-Expose-Headers",
                    "x-sentry-rate-limits, retry-after",
                ));
            if *request.method() == tiny_http::Method::Post {
                log.lock().unwrap().push((request.url().to_owned(), body));
                if answered == 0 {
                    response = response.with_status_code(first.0);
                    if let Some(limits) = first.1 {
                        response.add_header(header("X-Sentry-Rate-Limits", limits));
                    }
                }
                answered += 1;
            }
            let _ = request.respond(response);
        }
    });
    (url, received)
}

fn wait_for(received: &Received, n: usize) {
    let start = Instant::now();
    while received.lock().unwrap().len() < n {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "no envelope arrived"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Chromium on the harness site, with the origin's localStorage emptied.
fn harness_page() -> (StaticServer, Driver, Session) {
    let site = StaticServer::start(gufo_err_tests::harness_dir().join("web")).expect("site");
    let driver = Browser::Chromium.launch().unwrap_or_else(|e| panic!("{e}"));
    let session = Session::new(&driver.url, driver.capabilities()).expect("session");
    session
        .goto(&format!("{}/page.html?case=blank", site.url()))
        .expect("blank");
    session.execute("localStorage.clear()").expect("clear");
    (site, driver, session)
}

fn run_case(session: &Session, base: &str, case: &str, dsn: &str) -> Value {
    let url = format!(
        "{base}/page.html?case={case}&sentry={}",
        dsn.replace(':', "%3A")
            .replace('/', "%2F")
            .replace('@', "%40")
    );
    session.goto(&url).expect("goto");
    let result = session
        .wait_for("return window.__result || null", Duration::from_secs(60))
        .expect("the case ran");
    assert!(result.get("failure").is_none(), "{result}");
    result
}

#[test]
fn chromium_wasm_panic_reaches_a_sentry_server_and_rate_limits_hold_across_pages() {
    let (sentry_url, received) = stand_in((429, Some("60:error:key")));
    let dsn = format!("{}/42", sentry_url.replacen("://", "://public@", 1));
    let (site, _driver, session) = harness_page();

    let result = run_case(&session, &site.url(), "deep_panic", &dsn);
    let report = err::codec::from_json(result["reports"][0].as_str().expect("a report"))
        .expect("the hook's report");
    wait_for(&received, 1);
    let (url, body) = received.lock().unwrap()[0].clone();
    assert!(url.starts_with("/api/42/envelope/?sentry_key=public&sentry_version=7&sentry_client=sentry.rust.gufo-err%2F"), "{url}");
    let envelope = Envelope::from_slice(body.as_bytes()).expect("sentry-types reads it");
    let event = envelope.event().expect("an event");
    assert_eq!(event.fingerprint.as_ref(), [report.fingerprint.to_string()]);
    assert_eq!(event.environment.as_deref(), Some("harness"));
    let exception = &event.exception.values[0];
    assert_eq!(exception.value.as_deref(), Some(report.message.as_str()));
    let frames = &exception.stacktrace.as_ref().expect("frames").frames;
    let wasm: Vec<_> = frames.iter().filter(|f| f.addr_mode.is_some()).collect();
    assert!(!wasm.is_empty(), "wasm frames carry addresses");
    assert!(wasm
        .iter()
        .all(|f| f.addr_mode.as_deref() == Some("rel:0") && f.instruction_addr.is_some()));
    assert!(frames.iter().any(|f| f.in_app == Some(true)
        && f.function.as_deref() == Some("gufo_err_panicker::cases::recursion::descend")));
    let image = serde_json::to_value(&event.debug_meta.images[0]).expect("image");
    assert_eq!(image["type"], "wasm");
    assert!(
        image["code_file"]
            .as_str()
            .unwrap_or_default()
            .ends_with("_bg.wasm"),
        "{image}"
    );

    // The 429 said: no errors for 60 s. The next page's panic is not sent.
    let limits = session
        .wait_for(
            "return localStorage.getItem('gufo-err:sentry-limits')",
            Duration::from_secs(10),
        )
        .expect("limits kept");
    assert!(
        limits.as_str().unwrap_or_default().contains("\"error\""),
        "{limits}"
    );
    run_case(&session, &site.url(), "bounds", &dsn);
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(
        received.lock().unwrap().len(),
        1,
        "nothing sent while rate-limited"
    );
    let pending = session
        .execute("return JSON.parse(localStorage.getItem('gufo-err:outbox') || '[]').filter((e) => e.kind === 'sentry').length")
        .expect("outbox");
    assert_eq!(
        pending,
        Value::from(0),
        "a rate-limited event is dropped, not queued"
    );
}

#[test]
fn chromium_envelope_lost_to_the_network_is_sent_on_the_next_load() {
    // A DSN whose server is not there yet: the envelope waits in the outbox.
    let reserved = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
    let port = reserved.local_addr().expect("addr").port();
    drop(reserved);
    let dsn = format!("http://public@127.0.0.1:{port}/9");
    let (site, _driver, session) = harness_page();
    run_case(&session, &site.url(), "unwrap_none", &dsn);
    session
        .wait_for(
            "const o = JSON.parse(localStorage.getItem('gufo-err:outbox') || '[]'); return o.some((e) => e.kind === 'sentry' && e.attempts > 0) ? true : null",
            Duration::from_secs(20),
        )
        .expect("the failed send is kept for later");
    // The server comes up; the next load of a page with gufo-err resends it.
    let server = tiny_http::Server::http(("127.0.0.1", port)).expect("the port is free again");
    let received: Received = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&received);
    std::thread::spawn(move || {
        for mut request in server.incoming_requests() {
            let mut body = String::new();
            let _ = request.as_reader().read_to_string(&mut body);
            log.lock().unwrap().push((request.url().to_owned(), body));
            let cors =
                tiny_http::Header::from_bytes("Access-Control-Allow-Origin", "*").expect("header");
            let _ = request.respond(tiny_http::Response::from_string("{}").with_header(cors));
        }
    });
    session
        .execute("const o = JSON.parse(localStorage.getItem('gufo-err:outbox') || '[]'); o.forEach((e) => { e.next = 0; }); localStorage.setItem('gufo-err:outbox', JSON.stringify(o));")
        .expect("due now");
    run_case(&session, &site.url(), "none", &dsn);
    wait_for(&received, 1);
    let body = received.lock().unwrap()[0].1.clone();
    let envelope = Envelope::from_slice(body.as_bytes()).expect("sentry-types reads it");
    let message = envelope.event().expect("an event").exception.values[0]
        .value
        .clone();
    assert!(
        message.unwrap_or_default().contains("None"),
        "the unwrap_none panic"
    );
}
