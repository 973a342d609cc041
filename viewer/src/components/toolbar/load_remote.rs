//! Loading from the origin's browser store, its collector, or any URL.

use yew::prelude::*;

use crate::components::use_shared;
use crate::web::{loader, store, COLLECTOR};

/// The store and collector buttons and the URL form.
#[function_component(LoadRemote)]
pub fn load_remote() -> Html {
    let shared = use_shared();
    let url_ref = use_node_ref();
    let feed = shared.feed();
    let on_store = {
        let feed = feed.clone();
        Callback::from(move |_| store::load(&feed, false))
    };
    let on_collector = {
        let feed = feed.clone();
        Callback::from(move |_| loader::load_url(&feed, COLLECTOR.to_owned(), false))
    };
    let on_url = {
        let url_ref = url_ref.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(input) = url_ref.cast::<web_sys::HtmlInputElement>() {
                let url = input.value();
                if !url.trim().is_empty() {
                    loader::load_url(&feed, url.trim().to_owned(), false);
                    input.set_value("");
                }
            }
        })
    };
    html! {
        <>
            <button id="store-button" onclick={on_store} title="Reports stored in this origin's IndexedDB">{"Browser store"}</button>
            <button id="collector-button" onclick={on_collector} title="Reports received by err serve">{"Collector"}</button>
            <form class="inline" onsubmit={on_url}>
                <input id="url-input" ref={url_ref} type="url" placeholder="Report, list or collector URL" aria-label="Load from URL" />
                <button type="submit">{"Load"}</button>
            </form>
        </>
    }
}
