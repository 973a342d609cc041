//! Report formats: `terse`, `extend` (as in Gufo Err), `json`, and your own through
//! [`Formatter`].
//!
//! ```
//! use err::format::{render, Format};
//! use err::model::{ErrorInfo, Kind};
//! let info = ErrorInfo::new(Kind::Panic, "panic", "boom");
//! let text = render(&info, Format::Terse);
//! assert!(text.starts_with("Error: 00000000-0000-0000-0000-000000000000\n"));
//! assert!(text.ends_with("panic: boom"));
//! ```

mod extend;
mod terse;

pub use extend::Extend;
pub use terse::Terse;

use crate::model::{ErrorInfo, Frame};

/// Turns a report into text. Implement it for a format of your own.
///
/// ```
/// use err::format::Formatter;
/// use err::model::{ErrorInfo, Kind};
/// struct OneLine;
/// impl Formatter for OneLine {
///     fn format(&self, info: &ErrorInfo) -> String {
///         format!("{} {}", info.fingerprint, info.exception.summary())
///     }
/// }
/// let info = ErrorInfo::new(Kind::Panic, "panic", "boom");
/// assert!(OneLine.format(&info).ends_with(" panic: boom"));
/// ```
pub trait Formatter: Send + Sync {
    /// The report as text.
    fn format(&self, info: &ErrorInfo) -> String;
}

impl<F: Fn(&ErrorInfo) -> String + Send + Sync> Formatter for F {
    fn format(&self, info: &ErrorInfo) -> String {
        self(info)
    }
}

/// The built-in formats.
///
/// ```
/// use err::format::Format;
/// assert_eq!("extend".parse::<Format>(), Ok(Format::Extend));
/// assert!("fancy".parse::<Format>().is_err());
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, strum::IntoStaticStr, strum::VariantArray,
)]
#[strum(serialize_all = "lowercase")]
pub enum Format {
    /// A few lines: fingerprint, one line a frame, the summary.
    #[default]
    Terse,
    /// Source context around each frame, the panic location, locals.
    Extend,
    /// The report itself, as indented JSON (version 2.0).
    Json,
}

impl Format {
    /// Every built-in format.
    ///
    /// ```
    /// assert_eq!(err::format::Format::ALL.len(), 3);
    /// ```
    pub const ALL: &'static [Format] = <Format as strum::VariantArray>::VARIANTS;

    /// The format's name.
    ///
    /// ```
    /// assert_eq!(err::format::Format::Json.as_str(), "json");
    /// ```
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

crate::display_by_name!(Format);

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        crate::model::parse_name(s, "format")
    }
}

impl Formatter for Format {
    fn format(&self, info: &ErrorInfo) -> String {
        render(info, *self)
    }
}

/// Renders `info` in a built-in format.
///
/// ```
/// use err::format::{render, Format};
/// use err::model::{ErrorInfo, Kind};
/// let json = render(&ErrorInfo::new(Kind::Panic, "panic", "boom"), Format::Json);
/// assert!(err::codec::from_json(&json).is_ok());
/// ```
pub fn render(info: &ErrorInfo, format: Format) -> String {
    match format {
        Format::Terse => Terse.format(info),
        Format::Extend => Extend.format(info),
        Format::Json => crate::codec::to_json_pretty(info),
    }
}

/// One step of walking a stack for display: a frame, or a collapsed recursion.
pub(crate) enum Step<'a> {
    Frame(&'a Frame),
    Repeated(&'a crate::model::Recursion),
}

/// The frames to show, outermost first, with a recursion's run after its first cycle
/// replaced by one [`Step::Repeated`].
pub(crate) fn steps(info: &ErrorInfo) -> Vec<Step<'_>> {
    let mut steps = Vec::with_capacity(info.stack.len().min(256));
    let mut index = 0;
    while index < info.stack.len() {
        if let Some(r) = info
            .recursion
            .as_ref()
            .filter(|r| r.start == index && r.repeats > 1 && !r.cycle.is_empty())
        {
            let cycle_end = index.saturating_add(r.cycle.len()).min(info.stack.len());
            steps.extend(info.stack[index..cycle_end].iter().map(Step::Frame));
            steps.push(Step::Repeated(r));
            // A report read from outside may claim any recursion: always move on.
            index = index.saturating_add(r.frames()).max(index + 1);
            continue;
        }
        if let Some(frame) = info.stack.get(index) {
            steps.push(Step::Frame(frame));
        }
        index += 1;
    }
    steps
}

/// The name to show for a frame.
pub(crate) fn display_name(frame: &Frame) -> &str {
    if frame.function.is_empty() {
        "<anonymous>"
    } else {
        &frame.function
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, Recursion};

    #[test]
    fn a_recursion_a_report_claims_wrongly_never_stops_the_formats() {
        let mut info = ErrorInfo::new(Kind::Panic, "panic", "boom");
        info.stack = vec![Frame::new("app::a"), Frame::new("app::b")];
        for (cycle, repeats) in [(vec![], 5), (vec![String::from("app::a")], usize::MAX)] {
            info.recursion = Some(Recursion {
                start: 0,
                cycle,
                repeats,
            });
            for &format in Format::ALL {
                assert!(render(&info, format).contains("boom"), "{format}");
            }
            assert!(steps(&info).len() <= 3);
        }
    }
}
