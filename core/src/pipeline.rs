//! The whole pipeline in one function: a [`Capture`] in, an [`ErrorInfo`] out.
//!
//! ```text
//! capture ─> parse ─> normalize ─> trim machinery ─> source context ─> recursion ─> fingerprint
//! ```
//!
//! ```
//! use err::pipeline::{build, Capture, Detached, Settings};
//! use err::model::{Engine, Kind};
//! let stack = "RangeError: Maximum call stack size exceeded\n".to_owned()
//!     + &"    at f (http://x/app.js:2:3)\n".repeat(50)
//!     + "    at http://x/app.js:9:1";
//! let capture = Capture::js("RangeError", "Maximum call stack size exceeded", &stack);
//! let info = build(capture, &Settings::default(), &Detached);
//! assert_eq!(info.kind, Kind::StackOverflow);
//! assert_eq!(info.engine, Some(Engine::V8));
//! assert_eq!(info.recursion.unwrap().repeats, 50);
//! ```
//!
//! The pipeline reads nothing of where it runs by itself: source files, the names of wasm
//! functions and the running module's own name come from a [`Target`] passed in
//! ([`Detached`] supplies nothing: the viewer, the npm engine and the CLI build reports of
//! code that ran elsewhere; the hook passes the running target, `err::handler::Running`).

use crate::model::{
    Engine, ErrorInfo, Exception, Frame, FrameKind, Kind, Location, Runtime, SourceContext,
    Timestamp,
};
use crate::normalize::InApp;
use crate::{analyze, normalize, parse};

/// What the pipeline may ask of the target the failing code ran on. Every method has a
/// default that knows nothing.
///
/// ```
/// use err::pipeline::{build, Capture, Settings, Target};
/// struct Names;
/// impl Target for Names {
///     fn wasm_function_name(&self, index: u32) -> Option<String> {
///         (index == 7).then(|| String::from("shop::total"))
///     }
/// }
/// let info = build(Capture::panic("boom", None, "7@<?>:wasm-function[7]"), &Settings::default(), &Names);
/// assert_eq!(info.stack[0].function, "shop::total");
/// ```
pub trait Target {
    /// `context` lines on both sides of `line` of `file`, when the file can be read.
    fn source(&self, file: &str, line: u32, context: u32) -> Option<SourceContext> {
        let _ = (file, line, context);
        None
    }

    /// The name of wasm function `index` of the module that failed (its `name` section).
    fn wasm_function_name(&self, index: u32) -> Option<String> {
        let _ = index;
        None
    }

    /// The failing module's own name (its `name` section), for a report whose stack names
    /// no module URL.
    fn module_name(&self) -> Option<String> {
        None
    }
}

/// A target that supplies nothing: for stacks that were captured elsewhere.
///
/// ```
/// use err::pipeline::{Detached, Target};
/// assert_eq!(Detached.wasm_function_name(1), None);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Detached;

impl Target for Detached {}

/// A target that knows only wasm function names, from a lookup (a module's `name` section
/// read elsewhere, names kept with a capture).
///
/// ```
/// use err::pipeline::{Names, Target};
/// let lookup = |i: u32| (i == 3).then(|| String::from("app::run"));
/// assert_eq!(Names(&lookup).wasm_function_name(3).as_deref(), Some("app::run"));
/// ```
#[derive(Clone, Copy)]
pub struct Names<'a>(pub &'a dyn Fn(u32) -> Option<String>);

impl Target for Names<'_> {
    fn wasm_function_name(&self, index: u32) -> Option<String> {
        (self.0)(index)
    }
}

/// What a hook or handler captured, before any analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Capture {
    /// What happened.
    pub kind: Kind,
    /// The error class (`panic`, `TypeError`).
    pub class: String,
    /// The message.
    pub message: String,
    /// The panic location.
    pub location: Option<Location>,
    /// The raw stack text.
    pub stack: String,
    /// The engine, when known (else detected from the stack).
    pub engine: Option<Engine>,
    /// Where the code ran.
    pub runtime: Option<Runtime>,
    /// The page URL.
    pub page_url: Option<String>,
    /// The user agent.
    pub user_agent: Option<String>,
    /// The build id or module URL.
    pub build_id: Option<String>,
    /// When it happened (the caller reads the clock: the handler does).
    pub timestamp: Option<Timestamp>,
}

impl Capture {
    /// A Rust panic with its message, location and the stack captured in the hook.
    ///
    /// ```
    /// # use err::pipeline::Capture;
    /// # use err::model::{Kind, Location};
    /// let c = Capture::panic("boom", Some(Location::new("src/lib.rs", 1, 1)), "");
    /// assert_eq!((c.kind, c.class.as_str()), (Kind::Panic, "panic"));
    /// ```
    pub fn panic(
        message: impl Into<String>,
        location: Option<Location>,
        stack: impl Into<String>,
    ) -> Self {
        Self::new(Kind::Panic, "panic", message, stack).with_location(location)
    }

    /// A JavaScript error; the kind follows from the class and message
    /// ([`analyze::classify`]).
    ///
    /// ```
    /// # use err::pipeline::Capture;
    /// # use err::model::Kind;
    /// assert_eq!(Capture::js("RuntimeError", "unreachable", "").kind, Kind::Trap);
    /// ```
    pub fn js(
        class: impl Into<String>,
        message: impl Into<String>,
        stack: impl Into<String>,
    ) -> Self {
        let class = class.into();
        let message = message.into();
        let kind = analyze::classify(&class, &message);
        Self::new(kind, class, message, stack)
    }

    /// A capture of any kind.
    ///
    /// ```
    /// # use err::pipeline::Capture;
    /// # use err::model::Kind;
    /// let c = Capture::new(Kind::UnhandledRejection, "Error", "nope", "");
    /// assert_eq!(c.kind, Kind::UnhandledRejection);
    /// ```
    pub fn new(
        kind: Kind,
        class: impl Into<String>,
        message: impl Into<String>,
        stack: impl Into<String>,
    ) -> Self {
        Self {
            kind,
            class: class.into(),
            message: message.into(),
            location: None,
            stack: stack.into(),
            engine: None,
            runtime: None,
            page_url: None,
            user_agent: None,
            build_id: None,
            timestamp: None,
        }
    }

    fn with_location(mut self, location: Option<Location>) -> Self {
        self.location = location;
        self
    }

    /// A capture from a stack trace as text (pasted, logged, read from a file): the engine
    /// is detected unless given, and a first line such as `TypeError: x is undefined` gives
    /// the class and message. Rust's panic text before the stack (`panicked at
    /// src/lib.rs:3:5:` and the message, as std's default hook and console_error_panic_hook
    /// print it) makes it a panic with that message and location. Otherwise a native
    /// backtrace is a panic, anything else a JS error of class `Error` unless the text says
    /// otherwise.
    ///
    /// ```
    /// use err::pipeline::Capture;
    /// use err::model::{Engine, Kind};
    /// let c = Capture::from_text("TypeError: x is undefined\n    at f (http://x/a.js:1:2)", None);
    /// assert_eq!((c.kind, c.class.as_str(), c.message.as_str()), (Kind::JsError, "TypeError", "x is undefined"));
    /// assert_eq!(c.engine, Some(Engine::V8));
    /// let n = Capture::from_text("   0: app::main\n             at src/main.rs:3:5", None);
    /// assert_eq!((n.kind, n.class.as_str()), (Kind::Panic, "panic"));
    /// let p = Capture::from_text("panicked at src/cart.rs:4:9:\nno price\n\nStack:\n\nError\n    at f (http://x/a.js:1:2)", None);
    /// assert_eq!((p.kind, p.message.as_str()), (Kind::Panic, "no price"));
    /// assert_eq!(p.location.map(|l| (l.file, l.line)), Some(("src/cart.rs".to_string(), 4)));
    /// ```
    pub fn from_text(text: impl Into<String>, engine: Option<Engine>) -> Self {
        let text = text.into();
        let engine = engine
            .filter(|e| *e != Engine::Unknown)
            .unwrap_or_else(|| parse::detect_engine(&text));
        if let Some((message, location)) = panic_preamble(&text) {
            let mut capture = Capture::panic(message, location, text);
            capture.engine = Some(engine);
            return capture;
        }
        let (class, message) = stack_header(&text);
        let message = message.unwrap_or_default();
        let mut capture = match engine {
            Engine::Native => Capture::new(
                Kind::Panic,
                class.unwrap_or_else(|| String::from("panic")),
                message,
                text,
            ),
            _ => Capture::js(
                class.unwrap_or_else(|| String::from("Error")),
                message,
                text,
            ),
        };
        capture.engine = Some(engine);
        capture
    }
}

/// Rust's panic text at the start: `panicked at FILE:LINE:COL:` (after `thread 'NAME' ` as
/// std prints it), then the message up to a blank line or the stack's heading; `None` when
/// the text does not start so.
fn panic_preamble(text: &str) -> Option<(String, Option<Location>)> {
    const MARK: &str = "panicked at ";
    let mut lines = text.lines();
    let first = lines.next()?.trim();
    let at = first.find(MARK)?;
    if at > 0 && !first.starts_with("thread '") {
        return None;
    }
    let place = first[at + MARK.len()..].strip_suffix(':')?;
    let mut parts = place.rsplitn(3, ':');
    let (column, line, file) = (parts.next()?, parts.next()?, parts.next()?);
    let location = match (line.parse(), column.parse()) {
        (Ok(line), Ok(column)) if !file.is_empty() => Some(Location::new(file, line, column)),
        _ => None,
    };
    let message: Vec<&str> = lines
        .take_while(|l| {
            let l = l.trim();
            !l.is_empty() && l != "Stack:" && l != "stack backtrace:"
        })
        .collect();
    Some((message.join("\n"), location))
}

/// `TypeError: x is undefined` on the first line of a stack (V8 writes it; so does a panic
/// message): the class and the message, when the first line is not a frame.
fn stack_header(text: &str) -> (Option<String>, Option<String>) {
    let first = text.lines().next().unwrap_or_default().trim();
    if first.starts_with("at ")
        || first.contains('@')
        || parse::parse_stack(first).frames.len() == 1
    {
        return (None, None);
    }
    match first.split_once(": ") {
        Some((class, message)) if !class.is_empty() && !class.contains(' ') => {
            (Some(class.to_owned()), Some(message.to_owned()))
        }
        _ if !first.is_empty() && !first.contains(' ') => (Some(first.to_owned()), None),
        _ => (None, None),
    }
}

/// What the pipeline needs to know about the application.
///
/// ```
/// use err::pipeline::Settings;
/// let s = Settings { name: "shop".into(), version: "1.0".into(), ..Settings::default() };
/// assert_eq!(s.context_lines, 3);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// The service name (fingerprint part 1).
    pub name: String,
    /// The service version (fingerprint part 2).
    pub version: String,
    /// Which frames are the application's.
    pub in_app: InApp,
    /// Source lines on each side of the current line, where files can be read.
    pub context_lines: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            name: String::from("unknown"),
            version: String::from("unknown"),
            in_app: InApp::default(),
            context_lines: 3,
        }
    }
}

/// A stack this deep in one recursion is a stack overflow, whatever the engine called it
/// (JavaScriptCore reports a wasm overflow as `RuntimeError: Out of bounds memory access`:
/// the Rust shadow stack ran out before the engine's).
pub const OVERFLOW_FRAMES: usize = 100;

/// Runs the pipeline: parse, normalize, trim, source context, recursion, fingerprint.
///
/// ```
/// use err::pipeline::{build, Capture, Detached, Settings};
/// let stack = "   0: err::platform::capture\n   1: core::panicking::panic_fmt\n   2: shop::run\n             at src/main.rs:3:5\n   3: main";
/// let info = build(Capture::panic("boom", None, stack), &Settings::default(), &Detached);
/// assert_eq!(info.stack.iter().map(|f| f.function.as_str()).collect::<Vec<_>>(), ["main", "shop::run"]);
/// assert!(info.raw_stack.unwrap().contains("err::platform::capture"));
/// ```
pub fn build<T: Target + ?Sized>(capture: Capture, settings: &Settings, target: &T) -> ErrorInfo {
    let parsed = match capture.engine {
        Some(engine) if engine != Engine::Unknown => parse::parse_stack_as(&capture.stack, engine),
        _ => parse::parse_stack(&capture.stack),
    };
    let mut frames = parsed.frames;
    name_wasm_frames(&mut frames, target);
    normalize::normalize_frames(&mut frames, &settings.in_app);
    normalize::trim_machinery(&mut frames);
    normalize::trim_runtime(&mut frames);
    if settings.context_lines > 0 {
        add_source_context(&mut frames, settings.context_lines, target);
    }
    let recursion = analyze::find_recursion(&frames);
    let mut location = capture.location;
    if let Some(location) = location.as_mut().filter(|_| settings.context_lines > 0) {
        location.source = target.source(&location.file, location.line, settings.context_lines);
    }
    let kind = match (capture.kind, &recursion) {
        (Kind::JsError | Kind::Trap, Some(r)) if r.frames() >= OVERFLOW_FRAMES => {
            Kind::StackOverflow
        }
        (kind, _) => kind,
    };
    // Without a build id, a wasm report names the module it came from.
    // (the module URL from the stack, else the module's own name: JSC sometimes gives none).
    let build_id = capture.build_id.or_else(|| match capture.runtime {
        Some(Runtime::Wasm) => wasm_module_of(&frames)
            .map(str::to_owned)
            .or_else(|| target.module_name()),
        _ => None,
    });
    let mut info = ErrorInfo {
        name: settings.name.clone(),
        version: settings.version.clone(),
        exception: Exception::new(capture.class, capture.message.clone()),
        stack: frames,
        timestamp: capture.timestamp,
        root_module: settings.in_app.roots().first().cloned(),
        message: capture.message,
        location,
        runtime: capture.runtime,
        engine: Some(parsed.engine),
        page_url: capture.page_url,
        user_agent: capture.user_agent,
        build_id,
        recursion,
        raw_stack: (!capture.stack.is_empty()).then_some(capture.stack),
        ..ErrorInfo::new(kind, "", "")
    };
    info.fingerprint = analyze::fingerprint(&info);
    info
}

/// The module a stack's wasm frames come from: the file (URL, or JavaScriptCore's module
/// name) of its outermost wasm frame. A report without a build id names its module so.
///
/// ```
/// use err::pipeline::wasm_module_of;
/// let frames = err::parse::parse_stack("f@http://x/app_bg.wasm:wasm-function[3]:0x10\nrun@http://x/app.js:3:5").frames;
/// assert_eq!(wasm_module_of(&frames), Some("http://x/app_bg.wasm"));
/// ```
pub fn wasm_module_of(frames: &[Frame]) -> Option<&str> {
    frames
        .iter()
        .filter(|f| f.frame_kind == FrameKind::Wasm)
        .find_map(|f| f.file.as_deref())
}

/// Names wasm frames printed without a name (or with only their index, as JavaScriptCore
/// does at times).
fn name_wasm_frames<T: Target + ?Sized>(frames: &mut [Frame], target: &T) {
    for frame in frames
        .iter_mut()
        .filter(|f| f.frame_kind == FrameKind::Wasm)
    {
        let unnamed =
            frame.function.is_empty() || frame.function.bytes().all(|b| b.is_ascii_digit());
        if let (true, Some(index)) = (unnamed, frame.wasm_function) {
            if let Some(name) = target.wasm_function_name(index) {
                frame.set_function(name);
            }
        }
    }
}

/// Reads source lines for in-app frames that name a file and line.
fn add_source_context<T: Target + ?Sized>(frames: &mut [Frame], context: u32, target: &T) {
    for frame in frames.iter_mut().filter(|f| f.in_app && f.source.is_none()) {
        if let (Some(file), Some(line)) = (&frame.file, frame.line) {
            frame.source = target.source(file, line, context);
        }
    }
}
