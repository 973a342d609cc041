//! Stage 3, analyze: endless recursion, the error's kind, and the fingerprint.
//!
//! ```
//! use err::analyze::{classify, find_recursion};
//! use err::model::{Frame, Kind};
//! assert_eq!(classify("InternalError", "too much recursion"), Kind::StackOverflow);
//! let frames: Vec<Frame> = (0..30).map(|i| Frame::new(if i % 2 == 0 { "a::f" } else { "a::g" })).collect();
//! assert_eq!(find_recursion(&frames).unwrap().cycle, ["a::f", "a::g"]);
//! ```

mod classify;
pub mod fingerprint;
mod recursion;

pub use classify::{classify, is_secondary};
pub use fingerprint::{fingerprint, fingerprint_parts};
pub use recursion::{find_recursion, MAX_CYCLE, MIN_REPEATS};
