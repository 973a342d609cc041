//! The report model: [`ErrorInfo`] and the types it is made of.
//!
//! One `ErrorInfo` describes one error: what failed ([`Kind`], [`Exception`], message, panic
//! [`Location`]), where ([`Frame`]s, outermost first, the failing frame last), on what
//! ([`Runtime`], [`Engine`], page URL, user agent, build id) and its identity (the
//! fingerprint). It is the document that every stage after analysis works on and that
//! [`crate::codec`] reads and writes as `"$type": "errorinfo"`, `"$version": "2.0"`.

mod frame;
mod identity;
mod names;
mod panic;
mod report;
mod timestamp;

pub use frame::{Frame, FrameKind, SourceContext};
pub use identity::Identity;
pub use names::parse_name;
pub use panic::panic_message;
pub(crate) use report::describe_place;
pub use report::{Engine, ErrorInfo, Exception, Kind, Location, Recursion, Runtime};
pub use timestamp::Timestamp;
