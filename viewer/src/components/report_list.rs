//! The list of groups: virtualized (only the rows in view exist in the page), so 10,000
//! reports scroll and filter as fast as ten.

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use super::{use_shared, when};
use crate::app::Action;
use crate::route::{Route, View};
use crate::web;

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
    let height = use_state(|| 800.0f64);

    {
        let (container, height) = (container.clone(), height.clone());
        use_effect_with((), move |()| {
            let measure = move || {
                if let Some(el) = container.cast::<web_sys::Element>() {
                    let h = f64::from(el.client_height());
                    if h > 0.0 {
                        height.set(h);
                    }
                }
            };
            measure();
            let listener = web::Listener::new("resize", move |_| measure());
            move || drop(listener)
        });
    }
    {
        let container = container.clone();
        use_effect_with(props.selected, move |selected| {
            if let Some(el) = container.cast::<web_sys::Element>() {
                let top = *selected as f64 * ROW_HEIGHT;
                let view_top = f64::from(el.scroll_top());
                let view_height = f64::from(el.client_height());
                if top < view_top {
                    el.set_scroll_top(top as i32);
                } else if top + ROW_HEIGHT > view_top + view_height {
                    el.set_scroll_top((top + ROW_HEIGHT - view_height) as i32);
                }
            }
        });
    }
    let has_rows = !props.hits.is_empty();
    use_effect_with(has_rows, |has_rows| {
        if *has_rows && !FIRST_ROWS_MARKED.with(|m| m.replace(true)) {
            web::mark("gufo-err:first-rows");
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

    let total = props.hits.len();
    let first = ((*scroll_top / ROW_HEIGHT) as usize).saturating_sub(OVERSCAN);
    let visible = (*height / ROW_HEIGHT).ceil() as usize + 2 * OVERSCAN;
    let last = first.saturating_add(visible).min(total);
    let open = match props.route.view {
        View::Report(fp) => Some(fp),
        View::List => None,
    };
    let catalog = shared.catalog.borrow();
    let rows = (first..last).filter_map(|position| {
        let group = catalog.get(props.hits[position])?;
        let s = &group.summary;
        let fingerprint = s.fingerprint;
        let onclick = {
            let (shared, route) = (shared.clone(), props.route.clone());
            Callback::from(move |_| {
                shared.dispatch.dispatch(Action::Select(position));
                shared.navigate(&route, route.report(fingerprint));
            })
        };
        let class = classes!(
            "row",
            (position == props.selected).then_some("selected"),
            (open == Some(fingerprint)).then_some("open")
        );
        let style = format!("top:{}px", position as f64 * ROW_HEIGHT);
        let title = if s.message.is_empty() {
            s.class.clone()
        } else {
            format!("{}: {}", s.class, s.message)
        };
        Some(html! {
            <div key={fingerprint.to_string()} {class} {style} {onclick} role="option"
                aria-selected={(position == props.selected).to_string()} data-fingerprint={fingerprint.to_string()}>
                <div class="row-main">
                    <span class={classes!("kind", format!("kind-{}", s.kind.as_str()))}>{s.kind.as_str()}</span>
                    <span class="title">{title}</span>
                    <span class="count" title="Times seen">{format!("×{}", s.count)}</span>
                </div>
                <div class="row-meta">
                    <span class="place">{&s.place}</span>
                    <span class="service">{format!("{} {}", s.name, s.version)}</span>
                    if let Some(engine) = s.engine { <span class="engine">{engine.as_str()}</span> }
                    <span class="seen" title={format!("first seen {}", when(s.timestamp))}>{when(s.last_seen)}</span>
                </div>
            </div>
        })
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
