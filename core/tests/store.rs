//! The directory store and the middleware chain, on real files.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use err::middleware::{Chain, DirStore, MiddlewareError, StoreError, Stored};

#[test]
fn first_report_is_created_repeats_are_counted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = DirStore::new(dir.path()).expect("store");
    let info = common::fixture("chromium_deep_panic");
    assert_eq!(store.store(&info).expect("store"), Stored::New);
    let path = dir.path().join(format!("{}.json", info.fingerprint));
    assert!(path.is_file());
    assert_eq!(
        store.store(&info).expect("store"),
        Stored::Repeat { count: 2 }
    );
    assert_eq!(
        store.store(&info).expect("store"),
        Stored::Repeat { count: 3 }
    );
    let stored = store
        .load(&info.fingerprint.to_string())
        .expect("load")
        .expect("exists");
    assert_eq!(stored.count, 3);
    assert_eq!(stored.timestamp, info.timestamp, "first seen is kept");
    assert!(stored.last_seen.is_some());
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("dir").count(),
        1,
        "no temporary files left"
    );
}

#[test]
fn compressed_store_writes_gzip() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = DirStore::new(dir.path()).expect("store").compressed(true);
    let info = common::fixture("native_demo");
    store.store(&info).expect("store");
    store.store(&info).expect("repeat");
    let path = dir.path().join(format!("{}.json.gz", info.fingerprint));
    let bytes = std::fs::read(&path).expect("file");
    assert!(err::codec::is_gzip(&bytes));
    assert_eq!(
        info.count, 3,
        "the fixture is a stored report seen three times"
    );
    let stored = err::codec::from_slice(&bytes).expect("reads");
    assert_eq!(stored.count, 6, "a repeat adds the count it carries");
}

#[test]
fn concurrent_repeats_are_all_counted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Arc::new(DirStore::new(dir.path()).expect("store"));
    let info = Arc::new(common::fixture("firefox_trait_impl"));
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let (store, info) = (store.clone(), info.clone());
            std::thread::spawn(move || {
                for _ in 0..50 {
                    store.store(&info).expect("store");
                }
            })
        })
        .collect();
    threads.into_iter().for_each(|t| t.join().expect("thread"));
    let stored = store
        .load(&info.fingerprint.to_string())
        .expect("load")
        .expect("exists");
    assert_eq!(stored.count, 400);
}

#[test]
fn a_corrupt_stored_file_is_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let info = common::fixture("webkit_unwrap_none");
    std::fs::write(
        dir.path().join(format!("{}.json", info.fingerprint)),
        "{ half a rep",
    )
    .expect("write");
    let store = DirStore::new(dir.path()).expect("store");
    assert!(matches!(
        store.store(&info),
        Err(StoreError::Corrupt { .. })
    ));
}

#[test]
fn a_failing_or_panicking_middleware_never_stops_the_others() {
    let dir = tempfile::tempdir().expect("tempdir");
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let mut chain = Chain::default();
    chain.push(|_: &err::model::ErrorInfo| Err(MiddlewareError::Other("collector down".into())));
    chain.push(|_: &err::model::ErrorInfo| -> Result<(), MiddlewareError> {
        panic!("bug in a middleware")
    });
    chain.push(DirStore::new(dir.path()).expect("store"));
    chain.push(move |_: &err::model::ErrorInfo| {
        counter.fetch_add(1, Ordering::SeqCst);
        Ok(())
    });
    let failures = chain.run(&common::fixture("chromium_deep_panic"));
    let positions: Vec<usize> = failures.iter().map(|(i, _)| *i).collect();
    assert_eq!(positions, [0, 1]);
    assert_eq!(failures[1].1.to_string(), "panicked: bug in a middleware");
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
}
