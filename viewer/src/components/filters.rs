//! The list's filter bar: text, kind, engine, service, sort and order.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::use_shared;
use crate::catalog::{Filter, Sort};
use crate::route::Route;

/// Props of [`Filters`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The current route (its filter is edited).
    pub route: Route,
    /// How many groups the filter keeps.
    pub shown: usize,
    /// The catalog's revision (the menus list what is loaded).
    pub revision: u64,
}

fn value_of(e: &Event) -> String {
    e.target()
        .and_then(|t| {
            t.clone()
                .dyn_into::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
                .or_else(|_| {
                    t.dyn_into::<web_sys::HtmlSelectElement>()
                        .map(|s| s.value())
                })
                .ok()
        })
        .unwrap_or_default()
}

/// The filter bar.
#[function_component(Filters)]
pub fn filters(props: &Props) -> Html {
    let shared = use_shared();
    let edit = |change: fn(&mut Filter, String)| {
        let shared = shared.clone();
        let route = props.route.clone();
        Callback::from(move |e: Event| {
            let mut next = route.clone();
            change(&mut next.filter, value_of(&e));
            shared.navigate(&route, next);
        })
    };
    let on_text = {
        let shared = shared.clone();
        let route = props.route.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = route.clone();
            next.filter.text = value_of(&e);
            shared.navigate(&route, next);
        })
    };
    let on_order = {
        let shared = shared.clone();
        let route = props.route.clone();
        Callback::from(move |_| {
            let mut next = route.clone();
            next.filter.ascending = !next.filter.ascending;
            shared.navigate(&route, next);
        })
    };
    // The menus change with the catalog, not with each keystroke.
    let menus = {
        let catalog = std::rc::Rc::clone(&shared.catalog);
        use_memo(props.revision, move |_| {
            let catalog = catalog.borrow();
            (
                catalog.kinds().into_iter().collect::<Vec<_>>(),
                catalog.engines().into_iter().collect::<Vec<_>>(),
                catalog
                    .services()
                    .into_iter()
                    .map(str::to_owned)
                    .collect::<Vec<_>>(),
                catalog.len(),
            )
        })
    };
    let (kinds, engines, services, total) = &*menus;
    let f = &props.route.filter;
    let option = |value: &str, label: &str, selected: bool| {
        html! { <option value={value.to_owned()} {selected}>{label.to_owned()}</option> }
    };
    html! {
        <div class="filters">
            <input id="filter" type="search" placeholder="Filter (/)" aria-label="Filter"
                value={f.text.clone()} oninput={on_text} autocomplete="off" />
            <select id="kind-filter" aria-label="Kind" onchange={edit(|f, v| f.kind = v.parse().ok())}>
                { option("", "All kinds", f.kind.is_none()) }
                { for kinds.iter().map(|&k| option(k.as_str(), k.as_str(), f.kind == Some(k))) }
            </select>
            <select id="engine-filter" aria-label="Engine" onchange={edit(|f, v| f.engine = v.parse().ok())}>
                { option("", "All engines", f.engine.is_none()) }
                { for engines.iter().map(|&e| option(e.as_str(), e.as_str(), f.engine == Some(e))) }
            </select>
            <select id="service-filter" aria-label="Service" onchange={edit(|f, v| f.service = Some(v).filter(|v| !v.is_empty()))}>
                { option("", "All services", f.service.is_none()) }
                { for services.iter().map(|s| option(s, s, f.service.as_deref() == Some(s.as_str()))) }
            </select>
            <select id="sort" aria-label="Sort" onchange={edit(|f, v| f.sort = v.parse().unwrap_or_default())}>
                { for Sort::ALL.iter().map(|&s| option(s.as_str(), s.label(), f.sort == s)) }
            </select>
            <button class="order" onclick={on_order} title="Reverse the order">
                { if f.ascending { "↑" } else { "↓" } }
            </button>
            <span id="shown" class="shown">{format!("{} of {total}", props.shown)}</span>
        </div>
    }
}
