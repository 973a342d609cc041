//! Stage 6, mitigate: fail-fast policies and the action they trigger.
//!
//! A policy answers one question, "must the program stop now?", for each report. The
//! [`Config`](crate::Config) asks every policy in order; when one says yes, the
//! [`FailAction`] runs (natively the default exits the process with code 1; browser actions
//! come with the wasm integration).
//!
//! ```
//! use err::failfast::{FailFast, KindIs, MessageContains, RepeatRate};
//! use err::model::{ErrorInfo, Kind};
//! let info = ErrorInfo::new(Kind::StackOverflow, "RangeError", "Maximum call stack size exceeded");
//! assert!(KindIs::new([Kind::StackOverflow]).must_fail(&info));
//! assert!(MessageContains::new(["call stack"]).must_fail(&info));
//! let rate = RepeatRate::new(3, 60_000);
//! assert!(!rate.must_fail(&info) && !rate.must_fail(&info) && rate.must_fail(&info));
//! ```

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use uuid::Uuid;

use crate::model::{ErrorInfo, Kind};

/// A fail-fast policy. Closures `Fn(&ErrorInfo) -> bool` are policies too.
///
/// ```
/// use err::failfast::FailFast;
/// use err::model::{ErrorInfo, Kind};
/// let only_oom = |info: &ErrorInfo| info.message.contains("out of memory");
/// assert!(!only_oom.must_fail(&ErrorInfo::new(Kind::Panic, "panic", "boom")));
/// ```
pub trait FailFast: Send + Sync {
    /// Whether the program must stop after this report.
    fn must_fail(&self, info: &ErrorInfo) -> bool;
}

impl<F: Fn(&ErrorInfo) -> bool + Send + Sync> FailFast for F {
    fn must_fail(&self, info: &ErrorInfo) -> bool {
        self(info)
    }
}

/// Stops on every error.
///
/// ```
/// # use err::failfast::{Always, FailFast};
/// # use err::model::{ErrorInfo, Kind};
/// assert!(Always.must_fail(&ErrorInfo::new(Kind::Panic, "panic", "x")));
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Always;

impl FailFast for Always {
    fn must_fail(&self, _info: &ErrorInfo) -> bool {
        true
    }
}

/// Never stops.
///
/// ```
/// # use err::failfast::{FailFast, Never};
/// # use err::model::{ErrorInfo, Kind};
/// assert!(!Never.must_fail(&ErrorInfo::new(Kind::Panic, "panic", "x")));
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Never;

impl FailFast for Never {
    fn must_fail(&self, _info: &ErrorInfo) -> bool {
        false
    }
}

/// Stops on errors of the given kinds.
///
/// ```
/// # use err::failfast::{FailFast, KindIs};
/// # use err::model::{ErrorInfo, Kind};
/// assert!(!KindIs::new([Kind::Panic]).must_fail(&ErrorInfo::new(Kind::JsError, "Error", "x")));
/// ```
#[derive(Debug, Clone)]
pub struct KindIs(Vec<Kind>);

impl KindIs {
    /// A policy for these kinds.
    pub fn new(kinds: impl IntoIterator<Item = Kind>) -> Self {
        Self(kinds.into_iter().collect())
    }
}

impl FailFast for KindIs {
    fn must_fail(&self, info: &ErrorInfo) -> bool {
        self.0.contains(&info.kind)
    }
}

/// Stops on errors of the given classes (`TypeError`, `panic`), as Gufo Err's TypeMatch.
///
/// ```
/// # use err::failfast::{ClassIs, FailFast};
/// # use err::model::{ErrorInfo, Kind};
/// assert!(ClassIs::new(["TypeError"]).must_fail(&ErrorInfo::new(Kind::JsError, "TypeError", "x")));
/// ```
#[derive(Debug, Clone)]
pub struct ClassIs(Vec<String>);

impl ClassIs {
    /// A policy for these classes.
    pub fn new<S: Into<String>>(classes: impl IntoIterator<Item = S>) -> Self {
        Self(classes.into_iter().map(Into::into).collect())
    }
}

impl FailFast for ClassIs {
    fn must_fail(&self, info: &ErrorInfo) -> bool {
        self.0.contains(&info.exception.class)
    }
}

/// Stops when the message contains any of the given texts.
///
/// ```
/// # use err::failfast::{FailFast, MessageContains};
/// # use err::model::{ErrorInfo, Kind};
/// assert!(MessageContains::new(["disk"]).must_fail(&ErrorInfo::new(Kind::Panic, "panic", "disk full")));
/// ```
#[derive(Debug, Clone)]
pub struct MessageContains(Vec<String>);

impl MessageContains {
    /// A policy for these texts.
    pub fn new<S: Into<String>>(texts: impl IntoIterator<Item = S>) -> Self {
        Self(texts.into_iter().map(Into::into).collect())
    }
}

impl FailFast for MessageContains {
    fn must_fail(&self, info: &ErrorInfo) -> bool {
        self.0.iter().any(|t| info.message.contains(t.as_str()))
    }
}

/// Stops when one fingerprint is seen `count` times within `window_ms` milliseconds.
///
/// ```
/// # use err::failfast::{FailFast, RepeatRate};
/// # use err::model::{ErrorInfo, Kind};
/// let rate = RepeatRate::new(2, 1_000);
/// let info = ErrorInfo::new(Kind::Panic, "panic", "x");
/// assert!(!rate.must_fail_at(&info, 0));
/// assert!(!rate.must_fail_at(&info, 5_000));
/// assert!(rate.must_fail_at(&info, 5_500));
/// ```
#[derive(Debug)]
pub struct RepeatRate {
    count: usize,
    window_ms: i64,
    seen: Mutex<HashMap<Uuid, VecDeque<i64>>>,
}

impl RepeatRate {
    /// At most `count - 1` repeats of a fingerprint are let through within `window_ms`.
    pub fn new(count: usize, window_ms: i64) -> Self {
        Self {
            count: count.max(1),
            window_ms,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// [`FailFast::must_fail`] at the given time (milliseconds), for tests and replays.
    pub fn must_fail_at(&self, info: &ErrorInfo, now_ms: i64) -> bool {
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        let times = seen.entry(info.fingerprint).or_default();
        times.push_back(now_ms);
        while times.front().is_some_and(|&t| now_ms - t > self.window_ms) {
            times.pop_front();
        }
        while times.len() > self.count {
            times.pop_front();
        }
        times.len() >= self.count
    }
}

impl FailFast for RepeatRate {
    fn must_fail(&self, info: &ErrorInfo) -> bool {
        self.must_fail_at(info, crate::platform::now_millis())
    }
}

/// What to do when a policy says stop. Closures `Fn(&ErrorInfo)` are actions too.
///
/// ```
/// use err::failfast::FailAction;
/// use err::model::{ErrorInfo, Kind};
/// let log = |info: &ErrorInfo| eprintln!("stopping on {}", info.fingerprint);
/// log.fail(&ErrorInfo::new(Kind::Panic, "panic", "x"));
/// ```
pub trait FailAction: Send + Sync {
    /// Stops the program (or does what stopping means on the platform).
    fn fail(&self, info: &ErrorInfo);
}

impl<F: Fn(&ErrorInfo) + Send + Sync> FailAction for F {
    fn fail(&self, info: &ErrorInfo) {
        self(info)
    }
}

/// Exits the process with a code (native only; Gufo Err's default is 1).
///
/// ```no_run
/// use err::failfast::{Exit, FailAction};
/// use err::model::{ErrorInfo, Kind};
/// Exit(3).fail(&ErrorInfo::new(Kind::Panic, "panic", "x")); // the process ends here
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exit(pub i32);

impl Default for Exit {
    fn default() -> Self {
        Exit(1)
    }
}

impl FailAction for Exit {
    fn fail(&self, _info: &ErrorInfo) {
        std::process::exit(self.0)
    }
}

/// Does nothing: the error is reported and the program goes on as it would.
///
/// ```
/// # use err::failfast::{FailAction, Ignore};
/// # use err::model::{ErrorInfo, Kind};
/// Ignore.fail(&ErrorInfo::new(Kind::Panic, "panic", "x"));
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Ignore;

impl FailAction for Ignore {
    fn fail(&self, _info: &ErrorInfo) {}
}
