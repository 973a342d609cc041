//! The global panic hook natively: capture, source context, chaining, reinstalling,
//! fail-fast, and the frames API. One test, since the hook is process-wide.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use err::model::{ErrorInfo, Kind};

static PREVIOUS_HOOK_CALLS: AtomicUsize = AtomicUsize::new(0);

#[inline(never)]
fn checkout(items: &[u32], index: usize) -> u32 {
    items[index] // the panic site
}

#[inline(never)]
fn nested_frames() -> Vec<err::model::Frame> {
    err::frames()
}

fn collecting(
    store: Arc<Mutex<Vec<ErrorInfo>>>,
) -> impl Fn(&ErrorInfo) -> Result<(), err::middleware::MiddlewareError> {
    move |info: &ErrorInfo| {
        store.lock().expect("lock").push(info.clone());
        Ok(())
    }
}

#[test]
fn the_hook_reports_chains_reinstalls_and_fails_fast() {
    std::panic::set_hook(Box::new(|info| {
        PREVIOUS_HOOK_CALLS.fetch_add(1, Ordering::SeqCst);
        eprintln!("{info}");
    }));
    let first = Arc::new(Mutex::new(Vec::new()));
    err::Config::new()
        .name("first")
        .root_module("hook")
        .quiet()
        .middleware(collecting(first.clone()))
        .install();

    // A panic is reported with its location, source context and in-app frames.
    let items = vec![1, 2, 3];
    let outcome = std::panic::catch_unwind(|| checkout(&items, 7));
    assert!(outcome.is_err());
    let reports = first.lock().expect("lock").clone();
    assert_eq!(reports.len(), 1);
    let info = &reports[0];
    assert_eq!((info.kind, info.name.as_str()), (Kind::Panic, "first"));
    assert_eq!(
        info.message,
        "index out of bounds: the len is 3 but the index is 7"
    );
    let location = info.location.as_ref().expect("location");
    assert!(location.file.ends_with("tests/hook.rs"), "{location:?}");
    let source = location.source.as_ref().expect("source read from disk");
    assert_eq!(
        source.current().map(str::trim),
        Some("items[index] // the panic site")
    );
    let culprit = info.culprit().expect("a frame");
    assert_eq!(culprit.function, "hook::checkout");
    assert!(
        culprit
            .source
            .as_ref()
            .is_some_and(|s| s.current().is_some()),
        "in-app frames get context"
    );
    let functions: Vec<&str> = info.stack.iter().map(|f| f.function.as_str()).collect();
    assert_eq!(
        functions.last(),
        Some(&"hook::checkout"),
        "the machinery above the panic is gone"
    );
    assert_eq!(functions.first(), Some(&"<fn() -> core::result::Result<(), alloc::string::String> as core::ops::function::FnOnce<()>>::call_once"), "the thread start is gone");
    assert!(
        !functions.iter().any(|f| f.starts_with("err::")),
        "{functions:#?}"
    );
    assert!(
        info.raw_stack
            .as_deref()
            .is_some_and(|r| r.contains("std::panicking")),
        "raw text keeps everything"
    );
    assert!(err::format::render(info, err::format::Format::Extend).contains("==> "));
    assert_eq!(
        PREVIOUS_HOOK_CALLS.load(Ordering::SeqCst),
        1,
        "the previous hook is chained"
    );

    // Installing again replaces the configuration, without chaining our hook twice.
    let second = Arc::new(Mutex::new(Vec::new()));
    let failed = Arc::new(AtomicUsize::new(0));
    let fail_count = failed.clone();
    err::Config::new()
        .name("second")
        .quiet()
        .middleware(collecting(second.clone()))
        .fail_fast(err::failfast::MessageContains::new(["fatal"]))
        .fail_action(move |_: &ErrorInfo| {
            fail_count.fetch_add(1, Ordering::SeqCst);
        })
        .install();
    let _ = std::panic::catch_unwind(|| panic!("recoverable"));
    let _ = std::panic::catch_unwind(|| panic!("fatal: disk gone"));
    assert_eq!(
        first.lock().expect("lock").len(),
        1,
        "the old configuration is gone"
    );
    let names: Vec<String> = second
        .lock()
        .expect("lock")
        .iter()
        .map(|i| i.message.clone())
        .collect();
    assert_eq!(names, ["recoverable", "fatal: disk gone"]);
    assert_eq!(
        PREVIOUS_HOOK_CALLS.load(Ordering::SeqCst),
        3,
        "still chained once"
    );
    assert_eq!(
        failed.load(Ordering::SeqCst),
        1,
        "fail-fast ran for the fatal one only"
    );

    // The clean frames API.
    let frames = nested_frames();
    assert_eq!(
        frames.last().map(|f| f.function.as_str()),
        Some("hook::nested_frames")
    );
    assert!(!frames
        .iter()
        .any(|f| f.function.starts_with("err::") || f.function.contains("backtrace")));
}
