//! The global panic hook: installed once, chaining the hook that was there before, guarded
//! against re-entry, and the clean frames API.
//!
//! Two hooks share the installer: the engine's ([`crate::Config::install`]: the whole
//! pipeline runs here) and, on wasm32, the relay's (`err::browser::Relay`: the panic is
//! handed to the page's engine). Whichever was installed last is the one that runs.

use std::cell::Cell;
use std::panic::PanicHookInfo;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Once, RwLock};

use crate::handler::{Handler, Running};
use crate::model::{panic_message, Frame, Location};
use crate::pipeline::{Capture, Target};
use crate::{normalize, parse, platform};

/// What the hook does after the hook that was there before has run (the fail-fast step).
pub(crate) type Finish = Box<dyn FnOnce()>;

/// One hook's work on a panic: report it, and say what is left to do afterwards.
pub(crate) type Step = fn(&PanicHookInfo<'_>) -> Option<Finish>;

static STEP: RwLock<Option<Step>> = RwLock::new(None);
static ACTIVE: RwLock<Option<Arc<Handler>>> = RwLock::new(None);
static HOOK: Once = Once::new();
static RESTART: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// Set while this thread handles a panic: from the first of our hooks to run until the
    /// last returns. A second call for the same panic (our hook chaining a framework's hook
    /// that calls [`panic_hook`] again) does nothing; a panic inside the hook aborts anyway.
    static IN_HOOK: Cell<bool> = const { Cell::new(false) };
}

/// Makes `step` the hook's work; installs the hook on the first call, chaining the hook
/// that was there before.
pub(crate) fn install_step(step: Step) {
    set_step(step);
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let Some(_guard) = Handling::enter() else {
                return previous(info);
            };
            let finish = run_step(info);
            // The hook that was there before; when it is a framework's hook that calls
            // `panic_hook` (Yew's `set_custom_panic_hook` before `install()`), that call
            // sees the guard and does nothing: one report per panic.
            previous(info);
            if let Some(finish) = finish {
                finish();
            }
            restart_if_asked();
        }));
    });
}

/// Makes `step` the hook's work without touching the global hook.
pub(crate) fn set_step(step: Step) {
    *STEP.write().unwrap_or_else(|p| p.into_inner()) = Some(step);
}

/// This thread handling a panic; dropped when the outermost of our hooks returns.
struct Handling;

impl Handling {
    /// `None` when this thread already handles the panic.
    fn enter() -> Option<Self> {
        (!IN_HOOK.with(|flag| flag.replace(true))).then_some(Handling)
    }
}

impl Drop for Handling {
    fn drop(&mut self) {
        IN_HOOK.with(|flag| flag.set(false));
    }
}

/// Makes `handler` the active one and the engine's step the hook's work.
pub(crate) fn install(handler: Handler) {
    activate(handler);
    install_step(engine_step);
}

/// Makes `handler` the active one and returns the engine's step, without installing it.
pub(crate) fn activate(handler: Handler) -> Step {
    platform::prepare_capture();
    *ACTIVE.write().unwrap_or_else(|p| p.into_inner()) = Some(Arc::new(handler));
    engine_step
}

pub(crate) fn active() -> Option<Arc<Handler>> {
    ACTIVE.read().unwrap_or_else(|p| p.into_inner()).clone()
}

/// Runs the installed step for a panic, or, when nothing was installed, the defaults of
/// [`crate::init`] (set up now, without touching the global hook: a panicking thread
/// cannot).
fn run_step(info: &PanicHookInfo<'_>) -> Option<Finish> {
    let installed = *STEP.read().unwrap_or_else(|p| p.into_inner());
    let step = installed.unwrap_or_else(crate::config::default_step);
    step(info)
}

/// Reports a panic through the installed configuration (or, when none was installed, the
/// defaults of [`crate::init`]), then runs the fail-fast step.
///
/// This is the hook [`crate::init`] installs. Call it yourself where a framework owns the
/// panic hook, such as Yew, in any order with `install()`: one report per panic either
/// way (a call for a panic this thread already handles does nothing).
///
/// ```no_run
/// err::Config::new().name("shop").install();
/// // yew::set_custom_panic_hook(Box::new(err::panic_hook));
/// std::panic::set_hook(Box::new(err::panic_hook));
/// ```
pub fn panic_hook(info: &PanicHookInfo<'_>) {
    let Some(_guard) = Handling::enter() else {
        return;
    };
    if let Some(finish) = run_step(info) {
        finish();
    }
    restart_if_asked();
}

/// Whether the module restarts after a panic (see `Config::restart_after_panic`).
pub(crate) fn set_restart(on: bool) {
    RESTART.store(on, Ordering::Relaxed);
}

/// Once the report is safe (printed, queued, handed to delivery): a fresh instance of the
/// wasm module for the next call, when asked for.
fn restart_if_asked() {
    if RESTART.load(Ordering::Relaxed) {
        platform::schedule_restart();
    }
}

/// The engine's step: the report built and delivered by the active handler; the fail
/// action, if a policy says so, once the previous hook has run.
fn engine_step(info: &PanicHookInfo<'_>) -> Option<Finish> {
    let handler = active()?;
    let location = info
        .location()
        .map(|l| Location::new(l.file(), l.line(), l.column()));
    let message = panic_message(info.payload());
    let report = handler.report(Capture::panic(message, location, platform::capture_stack()));
    Some(Box::new(move || {
        if handler.must_fail(&report) {
            handler.fail(&report);
        }
    }))
}

/// The current stack, outermost first, normalized and with in-app frames marked by the
/// installed configuration (or the defaults); gufo-err's own frames are left out.
///
/// ```
/// fn deep() -> Vec<err::model::Frame> {
///     err::frames()
/// }
/// let frames = deep();
/// # #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
/// assert!(frames.iter().any(|f| f.function.ends_with("deep")));
/// assert!(!frames.iter().any(|f| f.function.starts_with("err::")));
/// ```
pub fn frames() -> Vec<Frame> {
    platform::prepare_capture();
    let text = platform::capture_stack();
    let mut frames = parse::parse_stack(&text).frames;
    let (in_app, context) = match active() {
        Some(handler) => (
            handler.settings().in_app.clone(),
            handler.settings().context_lines,
        ),
        None => (normalize::InApp::default(), 3),
    };
    normalize::normalize_frames(&mut frames, &in_app);
    normalize::trim_machinery(&mut frames);
    normalize::trim_runtime(&mut frames);
    if context > 0 {
        for frame in frames.iter_mut().filter(|f| f.in_app) {
            if let (Some(file), Some(line)) = (&frame.file, frame.line) {
                frame.source = Running.source(file, line, context);
            }
        }
    }
    frames
}
