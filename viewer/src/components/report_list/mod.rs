//! The list of groups: virtualized (only the rows in view exist in the page), so 10,000
//! reports scroll and filter as fast as ten.

mod row;
mod viewport;

use std::cell::Cell;
use std::rc::Rc;

use uuid::Uuid;
use yew::prelude::*;

use crate::components::use_shared;
use crate::route::{Route, View};
use crate::state::Action;
use crate::web::time;
use row::Row;
use viewport::{use_height, use_scroll_to_selected};

/// The height of a row, in CSS pixels (`.row` in the style sheet).
pub const ROW_HEIGHT: f64 = 58.0;
/// Rows rendered above and below the visible ones.
const OVERSCAN: usize = 8;

thread_local! {
    static FIRST_ROWS_MARKED: Cell<bool> = const { Cell::new(false) };
}

/// Props of [`ReportList`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The catalog indexes to show, in order.
    pub hits: Rc<Vec<usize>>,
    /// The current route.
    pub route: Route,
    /// The selected position in `hits`.
    pub selected: usize,
    /// The catalog's revision.
    pub revision: u64,
}

/// The list.
#[function_component(ReportList)]
pub fn report_list(props: &Props) -> Html {
    let shared = use_shared();
    let container = use_node_ref();
    let scroll_top = use_state(|| 0.0f64);
    let height = use_height(container.clone());
    use_scroll_to_selected(container.clone(), props.selected);
    let has_rows = !props.hits.is_empty();
    use_effect_with(has_rows, |has_rows| {
        if *has_rows && !FIRST_ROWS_MARKED.with(|m| m.replace(true)) {
            time::mark("gufo-err:first-rows");
        }
    });

    let on_scroll = {
        let (container, scroll_top) = (container.clone(), scroll_top.clone());
        Callback::from(move |_| {
            if let Some(el) = container.cast::<web_sys::Element>() {
                scroll_top.set(f64::from(el.scroll_top()));
            }
        })
    };
    let on_open = {
        let shared = shared.clone();
        use_callback(
            props.route.clone(),
            move |(position, fingerprint): (usize, Uuid), route| {
                shared.dispatch.dispatch(Action::Select(position));
                shared.navigate(route, route.report(fingerprint));
            },
        )
    };

    let total = props.hits.len();
    let first = ((*scroll_top / ROW_HEIGHT) as usize).saturating_sub(OVERSCAN);
    let visible = (height / ROW_HEIGHT).ceil() as usize + 2 * OVERSCAN;
    let last = first.saturating_add(visible).min(total);
    let open = match props.route.view {
        View::Report(fp) => Some(fp),
        View::List => None,
    };
    let catalog = shared.catalog.borrow();
    let rows = (first..last).filter_map(|position| {
        let summary = &catalog.get(props.hits[position])?.summary;
        let row = Row {
            position,
            summary,
            selected: position == props.selected,
            open: open == Some(summary.fingerprint),
            on_open: &on_open,
        };
        Some(row.view())
    });
    html! {
        <div class="list" ref={container} onscroll={on_scroll} role="listbox" aria-label="Reports" tabindex="0">
            <div class="list-spacer" style={format!("height:{}px", total as f64 * ROW_HEIGHT)}>
                { for rows }
            </div>
            if total == 0 {
                <p class="empty">{"No report matches the filter."}</p>
            }
        </div>
    }
}
