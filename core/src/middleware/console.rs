//! Report output to the developer's console.

use super::{Middleware, MiddlewareError};
use crate::format::{Format, Formatter};
use crate::model::ErrorInfo;

/// Writes each report in a format to stderr (natively) or `console.error` (in a browser).
///
/// ```
/// use err::format::Format;
/// use err::middleware::{Console, Middleware};
/// use err::model::{ErrorInfo, Kind};
/// let console = Console::new(Format::Extend);
/// assert!(console.process(&ErrorInfo::new(Kind::Panic, "panic", "boom")).is_ok());
/// ```
pub struct Console {
    formatter: Box<dyn Formatter>,
}

impl Console {
    /// Console output in a built-in format.
    ///
    /// ```
    /// let _ = err::middleware::Console::new(err::format::Format::Json);
    /// ```
    pub fn new(format: Format) -> Self {
        Self {
            formatter: Box::new(format),
        }
    }

    /// Console output through your own formatter.
    ///
    /// ```
    /// use err::format::Formatter;
    /// use err::model::ErrorInfo;
    /// struct Short;
    /// impl Formatter for Short {
    ///     fn format(&self, info: &ErrorInfo) -> String { info.exception.summary() }
    /// }
    /// let _ = err::middleware::Console::with_formatter(Short);
    /// ```
    pub fn with_formatter(formatter: impl Formatter + 'static) -> Self {
        Self {
            formatter: Box::new(formatter),
        }
    }
}

impl Console {
    pub(crate) fn with_boxed(formatter: Box<dyn Formatter>) -> Self {
        Self { formatter }
    }
}

impl Default for Console {
    fn default() -> Self {
        Self::new(Format::Terse)
    }
}

impl Middleware for Console {
    fn process(&self, info: &ErrorInfo) -> Result<(), MiddlewareError> {
        let text = self.formatter.format(info);
        // In a browser the captured stack follows, as the engine wrote it, so that devtools
        // still links its URLs and wasm offsets.
        match (
            &info.raw_stack,
            cfg!(all(target_arch = "wasm32", target_os = "unknown")),
        ) {
            (Some(raw), true) => {
                crate::platform::write_console(&format!("{text}\n\nCaptured stack:\n{raw}"))
            }
            _ => crate::platform::write_console(&text),
        }
        Ok(())
    }
}
