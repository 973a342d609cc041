//! The report itself: [`ErrorInfo`] and its small parts.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Frame, SourceContext, Timestamp};

/// What happened.
///
/// ```
/// use err::model::Kind;
/// assert_eq!(Kind::StackOverflow.as_str(), "stack-overflow");
/// assert_eq!("trap".parse::<Kind>(), Ok(Kind::Trap));
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Kind {
    /// A Rust panic.
    Panic,
    /// A JavaScript error thrown and not caught (`error` event, `window.onerror`).
    JsError,
    /// A promise rejected with no handler.
    UnhandledRejection,
    /// Endless recursion: the engine's stack ran out.
    StackOverflow,
    /// A wasm trap (`RuntimeError: unreachable`), usually right after a panic.
    Trap,
    /// An exception of another runtime (Gufo Err 1.0 reports from Python).
    Exception,
}

impl Kind {
    /// Every kind, in declaration order.
    ///
    /// ```
    /// assert_eq!(err::model::Kind::ALL.len(), 6);
    /// ```
    pub const ALL: &'static [Kind] = <Kind as strum::VariantArray>::VARIANTS;

    /// The name used in JSON and on the command line.
    ///
    /// ```
    /// assert_eq!(err::model::Kind::JsError.as_str(), "js-error");
    /// ```
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl std::str::FromStr for Kind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        super::parse_name(s, "kind")
    }
}

/// The JavaScript engine (or native code) the stack came from.
///
/// ```
/// use err::model::Engine;
/// assert_eq!(Engine::SpiderMonkey.as_str(), "spidermonkey");
/// assert_eq!("jsc".parse::<Engine>(), Ok(Engine::Jsc));
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Engine {
    /// Chrome, Chromium, Edge, Node, Deno.
    V8,
    /// Firefox.
    SpiderMonkey,
    /// Safari and WebKit (JavaScriptCore).
    Jsc,
    /// A native Rust backtrace.
    Native,
    /// Not recognized.
    Unknown,
}

impl Engine {
    /// Every engine, in declaration order.
    ///
    /// ```
    /// assert_eq!(err::model::Engine::ALL.len(), 5);
    /// ```
    pub const ALL: &'static [Engine] = <Engine as strum::VariantArray>::VARIANTS;

    /// The name used in JSON and on the command line.
    ///
    /// ```
    /// assert_eq!(err::model::Engine::V8.as_str(), "v8");
    /// ```
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The engine of a browser (or Node) by its user agent; `Unknown` when it says none.
    ///
    /// ```
    /// use err::model::Engine;
    /// let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    /// assert_eq!(Engine::from_user_agent(firefox), Engine::SpiderMonkey);
    /// assert_eq!(Engine::from_user_agent("curl/8"), Engine::Unknown);
    /// ```
    pub fn from_user_agent(user_agent: &str) -> Engine {
        if user_agent.contains("Firefox/") {
            Engine::SpiderMonkey
        } else if ["Chrome/", "Chromium/", "Node.js"]
            .iter()
            .any(|m| user_agent.contains(m))
        {
            Engine::V8
        } else if user_agent.contains("AppleWebKit/") {
            Engine::Jsc
        } else {
            Engine::Unknown
        }
    }
}

crate::display_by_name!(Kind, Engine);

impl std::str::FromStr for Engine {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        super::parse_name(s, "engine")
    }
}

/// Where the code ran.
///
/// ```
/// use err::model::Runtime;
/// assert_eq!(serde_json::to_string(&Runtime::Wasm).unwrap(), "\"wasm\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Runtime {
    /// Rust compiled to WebAssembly, in a browser or Node.
    Wasm,
    /// JavaScript in a browser or Node.
    Js,
    /// A native Rust program.
    Native,
    /// Python (Gufo Err 1.0 reports).
    Python,
}

/// The error's class and arguments (Gufo Err's `exception`).
///
/// For a panic the class is `panic` and the only argument is the message; for a JS error it
/// is the constructor name (`TypeError`) and the message.
///
/// ```
/// use err::model::Exception;
/// let e = Exception::new("TypeError", "x is undefined");
/// assert_eq!(e.summary(), "TypeError: x is undefined");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exception {
    /// The class name.
    pub class: String,
    /// The arguments; the first one is the message.
    pub args: Vec<serde_json::Value>,
}

impl Exception {
    /// An exception of `class` with `message` as its only argument.
    ///
    /// ```
    /// # use err::model::Exception;
    /// assert_eq!(Exception::new("panic", "").args.len(), 0);
    /// ```
    pub fn new(class: impl Into<String>, message: impl Into<String>) -> Self {
        let message = message.into();
        let args = if message.is_empty() {
            Vec::new()
        } else {
            vec![message.into()]
        };
        Self {
            class: class.into(),
            args,
        }
    }

    /// `Class: first argument`, or the class alone (as Gufo Err prints it).
    ///
    /// ```
    /// # use err::model::Exception;
    /// let e = Exception { class: "KeyError".into(), args: vec![serde_json::json!(3)] };
    /// assert_eq!(e.summary(), "KeyError: 3");
    /// ```
    pub fn summary(&self) -> String {
        match self.args.first() {
            Some(serde_json::Value::String(s)) if !s.is_empty() => format!("{}: {s}", self.class),
            Some(serde_json::Value::String(_)) | None => self.class.clone(),
            Some(other) => format!("{}: {other}", self.class),
        }
    }
}

/// A place in source code: the panic location.
///
/// ```
/// use err::model::Location;
/// let l = Location::new("src/lib.rs", 3, 9);
/// assert_eq!(l.to_string(), "src/lib.rs:3:9");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// The source file, as the compiler names it.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// Source lines around the location, when they could be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceContext>,
}

impl Location {
    /// A location without source lines.
    ///
    /// ```
    /// # use err::model::Location;
    /// assert!(Location::new("a.rs", 1, 1).source.is_none());
    /// ```
    pub fn new(file: impl Into<String>, line: u32, column: u32) -> Self {
        Self {
            file: file.into(),
            line,
            column,
            source: None,
        }
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// Endless recursion found in a stack: a cycle of frames repeated many times.
///
/// `start` is the index in [`ErrorInfo::stack`] of the first frame of the repeated run;
/// the run covers `cycle.len() * repeats` frames.
///
/// ```
/// use err::model::Recursion;
/// let r = Recursion { start: 2, cycle: vec!["a::f".into(), "a::g".into()], repeats: 480 };
/// assert_eq!(r.frames(), 960);
/// assert_eq!(r.to_string(), "[2 frames repeated 480 times]");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recursion {
    /// Index of the first frame of the run in the stack.
    pub start: usize,
    /// The function names of one cycle, outermost first.
    pub cycle: Vec<String>,
    /// How many times the cycle repeats.
    pub repeats: usize,
}

impl Recursion {
    /// The number of frames the run covers.
    ///
    /// ```
    /// # use err::model::Recursion;
    /// assert_eq!(Recursion { start: 0, cycle: vec!["f".into()], repeats: 5 }.frames(), 5);
    /// ```
    pub fn frames(&self) -> usize {
        self.cycle.len().saturating_mul(self.repeats)
    }
}

impl std::fmt::Display for Recursion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.cycle.len();
        let noun = if n == 1 { "frame" } else { "frames" };
        write!(f, "[{n} {noun} repeated {} times]", self.repeats)
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_one(n: &u64) -> bool {
    *n == 1
}

fn one() -> u64 {
    1
}

/// One error report (`"$type": "errorinfo"`, `"$version": "2.0"`).
///
/// Fields up to `root_module` keep Gufo Err 1.0's meaning; the rest are what the web adds.
/// Read and write it with [`crate::codec`]. Build one by hand with [`ErrorInfo::new`]:
///
/// ```
/// use err::model::{ErrorInfo, Kind};
/// let info = ErrorInfo::new(Kind::Panic, "panic", "boom");
/// assert_eq!(info.exception.summary(), "panic: boom");
/// assert_eq!(info.count, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorInfo {
    /// The service (application) name.
    pub name: String,
    /// The service version.
    pub version: String,
    /// The stable identity of the failure, see [`crate::analyze::fingerprint()`].
    pub fingerprint: Uuid,
    /// Class and arguments.
    pub exception: Exception,
    /// The frames, outermost first, the failing frame last.
    pub stack: Vec<Frame>,
    /// When the error happened (first time, for a stored report).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<Timestamp>,
    /// The application's top module, which decides `in_app`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root_module: Option<String>,
    /// What happened.
    pub kind: Kind,
    /// The message (the panic payload, or the JS error's message).
    #[serde(default)]
    pub message: String,
    /// Where the panic was raised, from the panic hook.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Where the code ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runtime: Option<Runtime>,
    /// Which engine produced the stack.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine: Option<Engine>,
    /// The page the error happened on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_url: Option<String>,
    /// The browser's user agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_agent: Option<String>,
    /// The build that failed: a build id, or the wasm module's URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub build_id: Option<String>,
    /// Endless recursion found in the stack.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recursion: Option<Recursion>,
    /// The stack text as captured, frames the pipeline dropped included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_stack: Option<String>,
    /// A follow-up of another report with the same fingerprint (the trap after a panic).
    #[serde(default, skip_serializing_if = "is_false")]
    pub secondary: bool,
    /// How many times this fingerprint was seen (by a store).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub count: u64,
    /// When a store saw it last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<Timestamp>,
    /// The event ids of the occurrences a store counted (the most recent 64): the same
    /// occurrence kept by two stores (the browser's and a collector) is counted once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<String>,
}

impl ErrorInfo {
    /// An empty report of `kind` with an exception of `class` and `message`.
    ///
    /// Name and version are `unknown`, the fingerprint is nil until analysis fills it.
    ///
    /// ```
    /// # use err::model::{ErrorInfo, Kind};
    /// let info = ErrorInfo::new(Kind::JsError, "TypeError", "x is undefined");
    /// assert_eq!(info.message, "x is undefined");
    /// assert!(info.fingerprint.is_nil());
    /// ```
    pub fn new(kind: Kind, class: impl Into<String>, message: impl Into<String>) -> Self {
        let message = message.into();
        Self {
            name: String::from("unknown"),
            version: String::from("unknown"),
            fingerprint: Uuid::nil(),
            exception: Exception::new(class, message.clone()),
            stack: Vec::new(),
            timestamp: None,
            root_module: None,
            kind,
            message,
            location: None,
            runtime: None,
            engine: None,
            page_url: None,
            user_agent: None,
            build_id: None,
            recursion: None,
            raw_stack: None,
            secondary: false,
            count: 1,
            last_seen: None,
            events: Vec::new(),
        }
    }

    /// The innermost in-app frame, else the innermost frame: the place to blame.
    ///
    /// ```
    /// # use err::model::{ErrorInfo, Frame, Kind};
    /// let mut info = ErrorInfo::new(Kind::Panic, "panic", "x");
    /// let mut app = Frame::new("app::run");
    /// app.in_app = true;
    /// info.stack = vec![app, Frame::new("core::panicking::panic")];
    /// assert_eq!(info.culprit().map(|f| f.function.as_str()), Some("app::run"));
    /// ```
    pub fn culprit(&self) -> Option<&Frame> {
        self.stack
            .iter()
            .rev()
            .find(|f| f.in_app)
            .or_else(|| self.stack.last())
    }

    /// Where it failed, for people: the panic location's `file:line`, else the culprit
    /// frame's source or `file:line`, else its function.
    ///
    /// ```
    /// # use err::model::{ErrorInfo, Kind, Location};
    /// let mut info = ErrorInfo::new(Kind::Panic, "panic", "x");
    /// assert_eq!(info.place(), "unknown");
    /// info.location = Some(Location::new("src/cart.rs", 88, 9));
    /// assert_eq!(info.place(), "src/cart.rs:88");
    /// ```
    pub fn place(&self) -> String {
        describe_place(self.location.as_ref(), self.culprit())
    }
}

/// The place of a failure from its panic location and culprit frame; see
/// [`ErrorInfo::place`].
pub(crate) fn describe_place(location: Option<&Location>, culprit: Option<&Frame>) -> String {
    if let Some(l) = location {
        return format!("{}:{}", l.file, l.line);
    }
    let Some(frame) = culprit else {
        return String::from("unknown");
    };
    match (&frame.source, &frame.file, frame.line) {
        (Some(s), _, _) => format!("{}:{}", s.file_name, s.current_line),
        (None, Some(file), Some(line)) => format!("{file}:{line}"),
        _ if !frame.function.is_empty() => frame.function.clone(),
        _ => frame.place(),
    }
}
