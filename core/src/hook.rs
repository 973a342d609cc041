//! The global panic hook, and the clean frames API.

use std::any::Any;
use std::cell::Cell;
use std::panic::PanicHookInfo;
use std::sync::{Arc, Once, RwLock};

use crate::config::Handler;
use crate::model::{Frame, Location};
use crate::pipeline::Capture;
use crate::{normalize, parse, platform};

static ACTIVE: RwLock<Option<Arc<Handler>>> = RwLock::new(None);
static HOOK: Once = Once::new();

thread_local! {
    static IN_HOOK: Cell<bool> = const { Cell::new(false) };
}

/// Makes `handler` the active one; installs the hook on the first call, chaining the hook
/// that was there before.
pub(crate) fn install(handler: Handler) {
    platform::prepare_capture();
    let mut active = ACTIVE.write().unwrap_or_else(|p| p.into_inner());
    *active = Some(Arc::new(handler));
    drop(active);
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let outcome = report_panic(info);
            previous(info);
            if let Some((handler, report)) = outcome {
                if handler.must_fail(&report) {
                    handler.fail(&report);
                }
            }
        }));
    });
}

pub(crate) fn active() -> Option<Arc<Handler>> {
    ACTIVE.read().unwrap_or_else(|p| p.into_inner()).clone()
}

/// Reports a panic through the installed configuration, then runs the fail-fast step.
///
/// This is the hook [`crate::init`] installs. Call it yourself where a framework owns the
/// panic hook, such as Yew:
///
/// ```no_run
/// err::init();
/// // yew::set_custom_panic_hook(Box::new(err::panic_hook));
/// std::panic::set_hook(Box::new(err::panic_hook));
/// ```
pub fn panic_hook(info: &PanicHookInfo<'_>) {
    if let Some((handler, report)) = report_panic(info) {
        if handler.must_fail(&report) {
            handler.fail(&report);
        }
    }
}

/// Captures and delivers one panic; `None` when nothing is installed or the hook is
/// re-entered (a panic inside the hook itself).
fn report_panic(info: &PanicHookInfo<'_>) -> Option<(Arc<Handler>, crate::model::ErrorInfo)> {
    if IN_HOOK.with(|flag| flag.replace(true)) {
        return None;
    }
    let handler = active();
    let report = handler.as_ref().map(|handler| {
        let location = info
            .location()
            .map(|l| Location::new(l.file(), l.line(), l.column()));
        let message = payload_text(info.payload());
        handler.report(Capture::panic(message, location, platform::capture_stack()))
    });
    IN_HOOK.with(|flag| flag.set(false));
    Some((handler?, report?))
}

/// The text of a panic payload: the `&str` or `String` it carries.
pub(crate) fn payload_text(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        String::from("Box<dyn Any>")
    }
}

/// The current stack, outermost first, normalized and with in-app frames marked by the
/// installed configuration (or the defaults); gufo-err's own frames are left out.
///
/// ```
/// fn deep() -> Vec<err::model::Frame> {
///     err::frames()
/// }
/// let frames = deep();
/// # #[cfg(not(target_arch = "wasm32"))]
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
                frame.source = platform::read_source(file, line, context);
            }
        }
    }
    frames
}
