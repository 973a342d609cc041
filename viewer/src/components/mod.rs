//! The components, one a file: the toolbar and the welcome page, the list with its filters,
//! the detail with its frames and their source.

mod filters;
mod frames;
pub mod keys;
mod load_errors;
mod report_detail;
mod report_list;
mod source_view;
mod toolbar;
mod welcome;

pub use filters::Filters;
pub use load_errors::LoadErrors;
pub use report_detail::ReportDetail;
pub use report_list::ReportList;
pub use toolbar::Toolbar;
pub use welcome::Welcome;

use yew::prelude::*;

use crate::app::Shared;

/// The shared state; the app always provides it.
#[hook]
pub(crate) fn use_shared() -> Shared {
    use_context::<Shared>().expect("the app provides Shared")
}

/// A time for people: `2026-11-30 11:40:12`.
pub(crate) fn when(t: Option<err::model::Timestamp>) -> String {
    t.map(|t| t.to_string().replace('T', " ").chars().take(19).collect())
        .unwrap_or_else(|| String::from("—"))
}

/// A report being shown; equal only to itself (comparing two whole reports on every render
/// would cost more than rendering them).
#[derive(Clone)]
pub(crate) struct Shown(pub std::rc::Rc<err::model::ErrorInfo>);

impl PartialEq for Shown {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.0, &other.0)
    }
}
