//! The sources and items that could not be loaded, each with its reason.

use std::rc::Rc;

use yew::prelude::*;

use super::use_shared;
use crate::ingest::LoadError;
use crate::state::Action;

/// Props of [`LoadErrors`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The failures.
    pub errors: Rc<Vec<LoadError>>,
}

/// A dismissable list of load failures (the first 50; the rest counted).
#[function_component(LoadErrors)]
pub fn load_errors(props: &Props) -> Html {
    let shared = use_shared();
    if props.errors.is_empty() {
        return Html::default();
    }
    let dismiss = Callback::from(move |_| shared.dispatch.dispatch(Action::DismissErrors));
    let more = props.errors.len().saturating_sub(50);
    html! {
        <div class="load-errors" role="alert">
            <button class="dismiss" onclick={dismiss} title="Dismiss">{"×"}</button>
            <strong>{format!("{} could not be loaded", plural(props.errors.len(), "source or item", "sources or items"))}</strong>
            <ul>
                { for props.errors.iter().take(50).map(|e| html! {
                    <li class="load-error"><span class="origin">{&e.origin}</span>{": "}{&e.reason}</li>
                }) }
            </ul>
            if more > 0 { <p>{format!("and {more} more")}</p> }
        </div>
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}
