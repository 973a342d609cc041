//! A real native panic, through `err::init`'s hook and the Sentry middleware, reaches a real
//! HTTP server on 127.0.0.1 before the panicking thread goes on (the hook flushes).
//! Its own test binary: it installs the global panic hook.

use std::sync::{Arc, Mutex};

use sentry_types::protocol::v7::Envelope;

#[inline(never)]
fn charge(amount: u32) -> u32 {
    let prices: Vec<u32> = vec![1, 2, 3];
    prices[amount as usize] // index out of bounds
}

#[test]
fn a_native_panic_is_sent_to_sentry_before_the_thread_unwinds() {
    let server = tiny_http::Server::http("127.0.0.1:0").expect("server");
    let url = format!(
        "http://public@{}/3",
        server.server_addr().to_ip().expect("ip")
    );
    let received = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&received);
    std::thread::spawn(move || {
        for mut request in server.incoming_requests() {
            let mut body = String::new();
            let _ = request.as_reader().read_to_string(&mut body);
            log.lock().unwrap().push(body);
            let _ = request.respond(tiny_http::Response::from_string("{}"));
        }
    });
    let reports = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&reports);
    err::Config::new()
        .name("shop")
        .version("2.0.0")
        .root_module("sentry_panic")
        .quiet()
        .middleware(move |info: &err::model::ErrorInfo| {
            seen.lock().unwrap().push(info.clone());
            Ok(())
        })
        .middleware(
            err::sentry::Sentry::new(&url)
                .expect("DSN")
                .environment("ci"),
        )
        .install();
    let outcome = std::thread::spawn(|| charge(7)).join();
    assert!(outcome.is_err(), "the thread panicked");
    // The hook ran synchronously in the panicking thread: the envelope is already there.
    let bodies = received.lock().unwrap().clone();
    assert_eq!(bodies.len(), 1);
    let report = reports.lock().unwrap()[0].clone();
    let envelope = Envelope::from_slice(bodies[0].as_bytes()).expect("sentry-types reads it");
    let event = envelope.event().expect("an event");
    assert_eq!(event.fingerprint.as_ref(), [report.fingerprint.to_string()]);
    assert_eq!(event.release.as_deref(), Some("shop@2.0.0"));
    assert_eq!(event.environment.as_deref(), Some("ci"));
    let exception = &event.exception.values[0];
    assert_eq!(exception.ty, "panic");
    assert!(exception
        .value
        .as_deref()
        .unwrap_or_default()
        .contains("index out of bounds"));
    let mechanism = exception.mechanism.as_ref().expect("a mechanism");
    assert_eq!(
        (mechanism.ty.as_str(), mechanism.handled),
        ("panic", Some(false))
    );
    let frames = &exception.stacktrace.as_ref().expect("frames").frames;
    let culprit = frames
        .iter()
        .rev()
        .find(|f| f.in_app == Some(true))
        .expect("an in-app frame");
    assert_eq!(culprit.function.as_deref(), Some("sentry_panic::charge"));
    // Source read from disk: the failing line of this file.
    assert!(culprit
        .context_line
        .as_deref()
        .unwrap_or_default()
        .contains("prices[amount as usize]"));
    let location = report.location.expect("a panic location");
    assert_eq!(event.extra["gufo_err.location"], location.to_string());
}
