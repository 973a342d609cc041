//! Frameworks that own the panic hook (Yew's `set_custom_panic_hook` is `std::panic::set_hook`
//! plus a flag): every order of `Config::install()` and a hook that calls `err::panic_hook`
//! gives exactly one report per panic, and `err::panic_hook` without `install()` reports
//! with the defaults of `err::init()`. The hook is process-wide, so each order runs in a
//! child process of this test binary.

use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The environment variable that makes the `child` test run one wiring.
const WIRING: &str = "GUFO_ERR_TEST_WIRING";

static REPORTS: AtomicUsize = AtomicUsize::new(0);
static FRAMEWORK_CALLS: AtomicUsize = AtomicUsize::new(0);

/// What a framework's `set_custom_panic_hook(Box::new(err::panic_hook))` does.
fn framework_hook() {
    std::panic::set_hook(Box::new(|info| {
        FRAMEWORK_CALLS.fetch_add(1, Ordering::SeqCst);
        err::panic_hook(info);
    }));
}

fn install() {
    err::Config::new()
        .name("wiring")
        .quiet()
        .middleware(|_: &err::model::ErrorInfo| {
            REPORTS.fetch_add(1, Ordering::SeqCst);
            Ok(())
        })
        .install();
}

#[inline(never)]
fn fail(index: usize) -> u32 {
    [1, 2, 3][std::hint::black_box(index)] // wired panic
}

/// One wiring, run by the parent tests in a process of its own.
#[test]
fn child() {
    let Ok(wiring) = std::env::var(WIRING) else {
        return;
    };
    match wiring.as_str() {
        "install-then-framework" => {
            install();
            framework_hook();
        }
        "framework-then-install" => {
            framework_hook();
            install();
        }
        "framework-alone" => framework_hook(),
        "install-twice-around-framework" => {
            install();
            framework_hook();
            install();
        }
        other => panic!("unknown wiring {other}"),
    }
    for _ in 0..2 {
        assert!(std::panic::catch_unwind(|| fail(7)).is_err());
    }
    println!(
        "reports={} framework={}",
        REPORTS.load(Ordering::SeqCst),
        FRAMEWORK_CALLS.load(Ordering::SeqCst)
    );
}

/// Runs `wiring` in a child process; returns its stdout and stderr.
fn run(wiring: &str) -> (String, String) {
    let out = Command::new(std::env::current_exe().expect("the test binary"))
        .args(["--exact", "child", "--nocapture", "--test-threads", "1"])
        .env(WIRING, wiring)
        .output()
        .expect("the child runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{wiring}: {stdout}\n{stderr}");
    (stdout, stderr)
}

fn reports_line(wiring: &str) -> String {
    let (stdout, stderr) = run(wiring);
    // libtest may print `test child ... ` on the same line.
    stdout
        .lines()
        .find_map(|l| l.find("reports=").map(|at| l[at..].to_owned()))
        .unwrap_or_else(|| panic!("{wiring}: no count: {stdout}\n{stderr}"))
}

#[test]
fn install_then_the_framework_hook_reports_once() {
    assert_eq!(
        reports_line("install-then-framework"),
        "reports=2 framework=2"
    );
}

#[test]
fn the_framework_hook_then_install_reports_once() {
    // Our hook chains the framework's, which calls `err::panic_hook` again for the same
    // panic: that second call does nothing.
    assert_eq!(
        reports_line("framework-then-install"),
        "reports=2 framework=2"
    );
}

#[test]
fn installing_again_around_the_framework_hook_reports_once() {
    assert_eq!(
        reports_line("install-twice-around-framework"),
        "reports=2 framework=2"
    );
}

#[test]
fn the_framework_hook_alone_reports_with_the_defaults() {
    let (stdout, stderr) = run("framework-alone");
    assert!(stdout.contains("reports=0 framework=2"), "{stdout}");
    // The default configuration's console output (terse, on stderr), once per panic.
    let printed: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("Error: "))
        .collect();
    assert_eq!(printed.len(), 2, "{stderr}");
    assert_eq!(printed[0], printed[1], "one fingerprint for one failure");
    assert!(
        stderr.contains("index out of bounds: the len is 3 but the index is 7"),
        "{stderr}"
    );
    assert!(
        stderr.contains("hook_wiring::fail"),
        "the failing frame: {stderr}"
    );
}
