//! Keyboard navigation: `/` filter, `j`/`k` or arrows move, Enter opens, Escape closes.

use crate::route::{Route, View};
use crate::state::{Action, Shared};
use crate::web;

/// Handles one key press.
pub fn handle(
    key: &web_sys::KeyboardEvent,
    shared: &Shared,
    route: &Route,
    selected: usize,
    hits: &[usize],
) {
    let event: &web_sys::Event = key.as_ref();
    if key.key() == "Escape" {
        if matches!(route.view, View::Report(_)) {
            shared.navigate(route, route.list());
        }
        return;
    }
    if web::listen::in_text_field(event) || key.ctrl_key() || key.meta_key() || key.alt_key() {
        return;
    }
    let step = match key.key().as_str() {
        "/" => {
            key.prevent_default();
            web::dom::focus("filter");
            return;
        }
        "j" | "ArrowDown" => 1isize,
        "k" | "ArrowUp" => -1,
        "Enter" | "o" => 0,
        _ => return,
    };
    if hits.is_empty() {
        return;
    }
    key.prevent_default();
    let selected = selected.saturating_add_signed(step).min(hits.len() - 1);
    shared.dispatch.dispatch(Action::Select(selected));
    let open = step == 0 || matches!(route.view, View::Report(_));
    if let Some(group) = hits
        .get(selected)
        .and_then(|&i| {
            shared
                .catalog
                .borrow()
                .get(i)
                .map(|g| g.summary.fingerprint)
        })
        .filter(|_| open)
    {
        shared.navigate(route, route.report(group));
    }
}
