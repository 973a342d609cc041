//! The [`Handler`]: a captured error through the pipeline, the middleware chain and the
//! fail-fast policies. [`crate::Config`] builds it; the panic hook and your own code call it.
//!
//! It is where the running target meets the pipeline: the handler fills in what the
//! platform knows (runtime, engine, page, user agent, build id, the time) and passes the
//! pipeline [`Running`], the target that reads source files and the module's `name` section.

use crate::failfast::{FailAction, FailFast};
use crate::middleware::Chain;
use crate::model::{ErrorInfo, SourceContext, Timestamp};
use crate::pipeline::{self, Capture, Settings, Target};
use crate::platform;

/// The target this code runs on, for the pipeline: source files natively, the running
/// module's `name` section in a browser.
///
/// ```
/// use err::pipeline::{build, Capture, Settings};
/// let info = build(Capture::panic("boom", None, ""), &Settings::default(), &err::handler::Running);
/// assert_eq!(info.message, "boom");
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Running;

impl Target for Running {
    fn source(&self, file: &str, line: u32, context: u32) -> Option<SourceContext> {
        platform::read_source(file, line, context)
    }

    fn wasm_function_name(&self, index: u32) -> Option<String> {
        platform::wasm_function_name(index)
    }

    fn module_name(&self) -> Option<String> {
        platform::wasm_module_name()
    }
}

/// Runs the pipeline, the middleware chain and the fail-fast policies for captured errors.
pub struct Handler {
    settings: Settings,
    chain: Chain,
    fail_fast: Vec<Box<dyn FailFast>>,
    action: Box<dyn FailAction>,
    build_id: Option<String>,
}

impl Handler {
    pub(crate) fn new(
        settings: Settings,
        chain: Chain,
        fail_fast: Vec<Box<dyn FailFast>>,
        action: Box<dyn FailAction>,
        build_id: Option<String>,
    ) -> Self {
        Self {
            settings,
            chain,
            fail_fast,
            action,
            build_id,
        }
    }

    /// The pipeline settings.
    ///
    /// ```
    /// assert_eq!(err::Config::new().build().settings().context_lines, 3);
    /// ```
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Builds the report and delivers it; then, if a policy says so, runs the fail action.
    ///
    /// ```
    /// use err::pipeline::Capture;
    /// let seen = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    /// let count = seen.clone();
    /// let handler = err::Config::new()
    ///     .quiet()
    ///     .fail_fast(err::failfast::Always)
    ///     .fail_action(move |_: &err::model::ErrorInfo| { count.fetch_add(1, std::sync::atomic::Ordering::SeqCst); })
    ///     .build();
    /// handler.handle(Capture::js("Error", "x", ""));
    /// assert_eq!(seen.load(std::sync::atomic::Ordering::SeqCst), 1);
    /// ```
    pub fn handle(&self, capture: Capture) -> ErrorInfo {
        let info = self.report(capture);
        if self.must_fail(&info) {
            self.action.fail(&info);
        }
        info
    }

    /// Builds and delivers the report, without the fail-fast step.
    pub(crate) fn report(&self, mut capture: Capture) -> ErrorInfo {
        let environment = platform::environment();
        capture.runtime = capture.runtime.or(environment.runtime);
        capture.engine = capture.engine.or(environment.engine);
        capture.page_url = capture.page_url.or(environment.page_url);
        capture.user_agent = capture.user_agent.or(environment.user_agent);
        capture.build_id = capture
            .build_id
            .or_else(|| self.build_id.clone())
            .or_else(platform::wasm_build_id);
        capture.timestamp = capture
            .timestamp
            .or_else(|| Some(Timestamp::from_unix_millis(platform::now_millis())));
        let mut info = pipeline::build(capture, &self.settings, &Running);
        info.events = vec![new_event_id()];
        self.deliver(&info);
        info
    }

    /// Runs the middleware chain on a report built elsewhere (by the npm engine, say); a
    /// failing middleware is named on the console and never stops the others.
    ///
    /// ```
    /// use err::model::{ErrorInfo, Kind};
    /// let handler = err::Config::new().quiet().build();
    /// handler.deliver(&ErrorInfo::new(Kind::JsError, "TypeError", "x is undefined"));
    /// ```
    pub fn deliver(&self, info: &ErrorInfo) {
        // One event id for the occurrence, the same in every store and delivery that keeps
        // it: a viewer that loads two of them counts it once.
        let with_id;
        let info = if info.events.is_empty() {
            with_id = ErrorInfo {
                events: vec![new_event_id()],
                ..info.clone()
            };
            &with_id
        } else {
            info
        };
        for (index, failure) in self.chain.run(info) {
            platform::write_console(&format!("gufo-err: middleware #{index} failed: {failure}"));
        }
    }

    /// Whether any fail-fast policy says stop for `info`.
    ///
    /// ```
    /// use err::model::{ErrorInfo, Kind};
    /// let handler = err::Config::new().fail_fast(err::failfast::Always).build();
    /// assert!(handler.must_fail(&ErrorInfo::new(Kind::Panic, "panic", "boom")));
    /// assert!(!err::Config::new().build().must_fail(&ErrorInfo::new(Kind::Panic, "panic", "boom")));
    /// ```
    pub fn must_fail(&self, info: &ErrorInfo) -> bool {
        self.fail_fast.iter().any(|p| p.must_fail(info))
    }

    /// Runs the fail action.
    ///
    /// ```
    /// use err::model::{ErrorInfo, Kind};
    /// let handler = err::Config::new().fail_action(err::failfast::Ignore).build();
    /// handler.fail(&ErrorInfo::new(Kind::Panic, "panic", "boom"));
    /// ```
    pub fn fail(&self, info: &ErrorInfo) {
        self.action.fail(info)
    }
}

/// A new occurrence's event id.
fn new_event_id() -> String {
    platform::random_uuid().to_string()
}
