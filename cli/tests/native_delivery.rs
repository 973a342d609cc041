//! A native panic delivered by the hook to a real `err serve` on 127.0.0.1. The test binary
//! re-runs itself as the panicking child.

use std::process::Command;

const CHILD: &str = "GUFO_ERR_TEST_CHILD_COLLECTOR";

#[inline(never)]
fn checkout(prices: &[u32], index: usize) -> u32 {
    prices[index]
}

#[test]
fn a_native_panic_reaches_the_collector() {
    if let Ok(url) = std::env::var(CHILD) {
        err::Config::new()
            .name("shop")
            .version("9.9")
            .root_module("native_delivery")
            .quiet()
            .collector(url)
            .install();
        let total = checkout(&[1, 2, 3], 9);
        println!("unreachable: {total}");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let server =
        gufo_err_tests::collector::Collector::start(env!("CARGO_BIN_EXE_err"), dir.path(), &[]);
    let url = server.api();
    let child = Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--exact",
            "a_native_panic_reaches_the_collector",
            "--nocapture",
        ])
        .env(CHILD, &url)
        .output()
        .expect("child runs");
    assert!(!child.status.success(), "the child panics");
    let stored: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .flatten()
        .collect();
    assert_eq!(
        stored.len(),
        1,
        "the report was stored before the child exited"
    );
    let info =
        err::codec::from_slice(&std::fs::read(stored[0].path()).expect("file")).expect("report");
    assert_eq!((info.name.as_str(), info.version.as_str()), ("shop", "9.9"));
    assert_eq!(
        info.message,
        "index out of bounds: the len is 3 but the index is 9"
    );
    assert_eq!(
        info.culprit().map(|f| f.function.as_str()),
        Some("native_delivery::checkout")
    );
    drop(server);
}
