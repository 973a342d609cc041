//! [`Config`]: the one builder, and the [`Handler`] it builds.

use crate::failfast::{FailAction, FailFast};
use crate::format::{Format, Formatter};
use crate::handler::Handler;
use crate::middleware::{Chain, Console, Middleware};
use crate::model::Identity;
use crate::normalize::InApp;
use crate::pipeline::Settings;

/// Everything gufo-err does with an error, set up in one chain of calls.
///
/// ```
/// use err::failfast::KindIs;
/// use err::format::Format;
/// use err::model::Kind;
/// err::Config::new()
///     .name("shop")
///     .version("1.4.2")
///     .root_module("shop")
///     .format(Format::Extend)
///     .fail_fast(KindIs::new([Kind::StackOverflow]))
///     .middleware(|info: &err::model::ErrorInfo| {
///         // send it somewhere
///         let _ = info.fingerprint;
///         Ok(())
///     })
///     .install();
/// ```
pub struct Config {
    identity: Identity,
    context_lines: u32,
    console: Option<Box<dyn Formatter>>,
    fail_fast: Vec<Box<dyn FailFast>>,
    action: Box<dyn FailAction>,
    chain: Chain,
    browser_store: bool,
    max_reports: u32,
    restart_after_panic: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self::new()
    }
}

impl Config {
    /// The defaults: service `unknown` version `unknown`, every crate but the known
    /// libraries in-app, terse output to the console, 3 lines of source context, no
    /// fail-fast policy (natively the fail action, when one is set, exits with code 1).
    ///
    /// ```
    /// let handler = err::Config::new().build();
    /// assert_eq!(handler.settings().name, "unknown");
    /// ```
    pub fn new() -> Self {
        Self {
            identity: Identity::default(),
            context_lines: Settings::default().context_lines,
            console: Some(Box::new(Format::Terse)),
            fail_fast: Vec::new(),
            action: default_action(),
            chain: Chain::default(),
            browser_store: true,
            max_reports: 1000,
            restart_after_panic: false,
        }
    }

    /// The service name (fingerprint part 1).
    ///
    /// ```
    /// assert_eq!(err::Config::new().name("shop").build().settings().name, "shop");
    /// ```
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.identity = self.identity.name(name);
        self
    }

    /// The service version (fingerprint part 2).
    ///
    /// ```
    /// assert_eq!(err::Config::new().version("2.0").build().settings().version, "2.0");
    /// ```
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.identity = self.identity.version(version);
        self
    }

    /// Adds an application root crate; once any is given, only their frames are in-app.
    ///
    /// ```
    /// let h = err::Config::new().root_module("shop").root_module("shop-ui").build();
    /// assert_eq!(h.settings().in_app.roots(), ["shop", "shop_ui"]);
    /// ```
    pub fn root_module(mut self, root: impl Into<String>) -> Self {
        self.identity = self.identity.root_module(root);
        self
    }

    /// Console output in a built-in format.
    ///
    /// ```
    /// let _ = err::Config::new().format(err::format::Format::Json);
    /// ```
    pub fn format(mut self, format: Format) -> Self {
        self.console = Some(Box::new(format));
        self
    }

    /// Console output through your own formatter.
    ///
    /// ```
    /// let _ = err::Config::new().formatter(|info: &err::model::ErrorInfo| info.message.clone());
    /// ```
    pub fn formatter(mut self, formatter: impl Formatter + 'static) -> Self {
        self.console = Some(Box::new(formatter));
        self
    }

    /// No console output.
    ///
    /// ```
    /// let _ = err::Config::new().quiet();
    /// ```
    pub fn quiet(mut self) -> Self {
        self.console = None;
        self
    }

    /// Source lines read on each side of a frame's line (natively); 0 reads none.
    ///
    /// ```
    /// assert_eq!(err::Config::new().context_lines(5).build().settings().context_lines, 5);
    /// ```
    pub fn context_lines(mut self, lines: u32) -> Self {
        self.context_lines = lines;
        self
    }

    /// The build id reports carry (a git hash, a CI build number); by default a wasm
    /// module's `build_id` section ([`crate::wasm::build_id`]), else the module URL.
    ///
    /// ```
    /// let _ = err::Config::new().build_id(option_env!("GIT_HASH").unwrap_or("dev"));
    /// ```
    pub fn build_id(mut self, build_id: impl Into<String>) -> Self {
        self.identity = self.identity.build_id(build_id);
        self
    }

    /// Adds a fail-fast policy; see [`crate::failfast`].
    ///
    /// ```
    /// let _ = err::Config::new().fail_fast(err::failfast::RepeatRate::new(10, 60_000));
    /// ```
    pub fn fail_fast(mut self, policy: impl FailFast + 'static) -> Self {
        self.fail_fast.push(Box::new(policy));
        self
    }

    /// What happens when a policy says stop (natively: exit with code 1).
    ///
    /// ```
    /// let _ = err::Config::new().fail_action(err::failfast::Exit(70));
    /// ```
    pub fn fail_action(mut self, action: impl FailAction + 'static) -> Self {
        self.action = Box::new(action);
        self
    }

    /// Adds a middleware after the console output; see [`crate::middleware`].
    ///
    /// ```
    /// let dir = std::env::temp_dir();
    /// let _ = err::Config::new().middleware(err::middleware::DirStore::new(dir).unwrap());
    /// ```
    pub fn middleware(mut self, middleware: impl Middleware + 'static) -> Self {
        self.chain.push(middleware);
        self
    }

    /// In a browser, whether reports are kept in the page's IndexedDB (default: yes); see
    /// the `browser` module (wasm32 only).
    ///
    /// ```
    /// let _ = err::Config::new().browser_store(false);
    /// ```
    pub fn browser_store(mut self, on: bool) -> Self {
        self.browser_store = on;
        self
    }

    /// In a browser, the most reports kept in IndexedDB (default 1,000; the least recently
    /// seen are evicted first).
    ///
    /// ```
    /// let _ = err::Config::new().max_reports(200);
    /// ```
    pub fn max_reports(mut self, max: u32) -> Self {
        self.max_reports = max.max(1);
        self
    }

    /// In a browser, whether the module keeps serving after a panic (default: no). Once the
    /// report is safe (printed, queued in the browser store, handed to delivery), the hook
    /// asks wasm-bindgen for a fresh instance of the module: the next call of any export
    /// makes a new `WebAssembly.Instance` from the same module and runs its start function
    /// (`#[wasm_bindgen(start)]`, where `install()` belongs) again, then proceeds. The call
    /// that panicked still throws (`unreachable`). Everything in the old instance is lost:
    /// statics, `thread_local!`s, the heap, and every object JavaScript holds from it (a
    /// wasm-bindgen class instance of the old instance must not be used again). A Yew app
    /// re-mounts from its start function; see `examples/yew-app`. Natively nothing changes
    /// (a caught panic leaves the process running).
    ///
    /// Needs wasm-bindgen's glue of 0.2.130 or later (`wasm-bindgen --target web`, no flag);
    /// works with `panic = "abort"`, the default on wasm32.
    ///
    /// ```no_run
    /// // #[wasm_bindgen(start)]
    /// fn start() {
    ///     err::Config::new().name("shop").restart_after_panic(true).install();
    /// }
    /// ```
    pub fn restart_after_panic(mut self, on: bool) -> Self {
        self.restart_after_panic = on;
        self
    }

    /// Delivers reports to a collector (`err serve`'s `POST /api/v1/errors`); see
    /// [`crate::middleware::Collector`].
    ///
    /// ```no_run
    /// err::Config::new().collector("http://127.0.0.1:8080/api/v1/errors").install();
    /// ```
    pub fn collector(self, url: impl Into<String>) -> Self {
        self.middleware(crate::middleware::Collector::new(url))
    }

    /// Builds the handler without installing a hook (for errors you catch yourself).
    ///
    /// ```
    /// use err::pipeline::Capture;
    /// let handler = err::Config::new().quiet().build();
    /// let info = handler.handle(Capture::js("TypeError", "x is undefined", "f@http://x/a.js:1:1"));
    /// assert_eq!(info.kind, err::model::Kind::JsError);
    /// ```
    pub fn build(self) -> Handler {
        let settings = Settings {
            name: self.identity.name,
            version: self.identity.version,
            in_app: InApp::new(&self.identity.roots),
            context_lines: self.context_lines,
        };
        let mut chain = Chain::default();
        if let Some(formatter) = self.console {
            chain.push(Console::with_boxed(formatter));
        }
        #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
        if self.browser_store {
            chain.push(crate::browser::BrowserStore);
        }
        chain.extend(self.chain);
        Handler::new(
            settings,
            chain,
            self.fail_fast,
            self.action,
            self.identity.build_id,
        )
    }

    /// Builds the handler and makes it the panic hook's; see [`crate::init`].
    ///
    /// ```
    /// err::Config::new().name("shop").install();
    /// err::Config::new().name("shop").version("2").install(); // replaces the first
    /// ```
    pub fn install(self) {
        #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
        let browser = self.browser_store;
        #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
        if browser {
            crate::browser::start(self.max_reports);
        }
        crate::hook::set_restart(self.restart_after_panic);
        crate::hook::install(self.build());
        #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
        if let (true, Some(handler)) = (browser, crate::hook::active()) {
            crate::browser::report_left_behind(&handler);
        }
    }
}

/// The work of [`crate::init`]'s defaults, for [`crate::panic_hook`] called with nothing
/// installed (a framework's hook that calls it): set up now and kept as the hook's work,
/// without touching the global hook (a panicking thread cannot).
pub(crate) fn default_step() -> crate::hook::Step {
    #[cfg(any(
        feature = "engine",
        not(all(target_arch = "wasm32", target_os = "unknown"))
    ))]
    let step = {
        let config = Config::new();
        #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
        crate::browser::start(config.max_reports);
        crate::hook::activate(config.build())
    };
    #[cfg(all(
        not(feature = "engine"),
        all(target_arch = "wasm32", target_os = "unknown")
    ))]
    let step = crate::browser::relay::default_step();
    crate::hook::set_step(step);
    step
}

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
fn default_action() -> Box<dyn FailAction> {
    Box::new(crate::failfast::Exit::default())
}

#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
fn default_action() -> Box<dyn FailAction> {
    Box::new(crate::failfast::Ignore)
}
