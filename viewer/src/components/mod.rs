//! The components, one a file; a component made of parts has a folder (`toolbar/`,
//! `report_list/`, `report_detail/`, `frames/`). The toolbar and the welcome page, the list
//! with its filters, the detail with its frames and their source. They read the state
//! through [`use_shared`] and change it through its dispatcher and methods. A part with state
//! of its own (hooks) is a component with typed props; a part without is a view function in
//! its own file (each component type costs some 3 KB of wasm in Yew's machinery).

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

use crate::state::Shared;

/// The shared state; the app always provides it.
#[hook]
pub(crate) fn use_shared() -> Shared {
    use_context::<Shared>().expect("the app provides Shared")
}

/// The input element an event came from.
pub(crate) fn input_of(e: &Event) -> Option<web_sys::HtmlInputElement> {
    use wasm_bindgen::JsCast;
    e.target().and_then(|t| t.dyn_into().ok())
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
