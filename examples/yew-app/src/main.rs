//! A Yew app whose panics gufo-err reports: printed, kept in the page's IndexedDB and
//! delivered to the collector it is served with (`err serve`).

mod cart;

use cart::{Cart, CATALOG};
use yew::prelude::*;

/// The shop: the catalog's buttons, a buggy one, and the cart's total.
#[function_component]
fn App() -> Html {
    let cart = use_state(Cart::default);
    let add = |index: usize| {
        let cart = cart.clone();
        Callback::from(move |_: MouseEvent| cart.set(cart.with(index)))
    };
    html! {
        <main>
            <h1>{ "Shop" }</h1>
            { for CATALOG.iter().enumerate().map(|(index, item)| html! {
                <button id={format!("add-{index}")} onclick={add(index)}>
                    { format!("Add a {}", item.name) }
                </button>
            }) }
            <button id="add-7" onclick={add(7)}>{ "Add item #7" }</button>
            <p id="total">{ format!("Total: {} cents", cart.total) }</p>
        </main>
    }
}

fn main() {
    // gufo-err's configuration, then its hook as Yew's: Yew's renderer replaces any other
    // panic hook with its own (console_error_panic_hook) unless one is set this way. The
    // two lines work in either order, and `set_custom_panic_hook` alone reports with the
    // defaults of `err::init()`.
    err::Config::new()
        .name(env!("CARGO_PKG_NAME"))
        .version(env!("CARGO_PKG_VERSION"))
        .root_module("yew_app")
        .collector("/api/v1/errors")
        // After a panic the module restarts: a fresh instance runs `main` again.
        .restart_after_panic(true)
        .install();
    yew::set_custom_panic_hook(Box::new(err::panic_hook));
    yew::Renderer::<App>::with_root(fresh_root()).render();
}

/// The element the app renders into, new at every start. After a panic, `main` runs again
/// in a fresh instance of the module (with fresh state: the cart is empty again), and the
/// old instance's page, whose handlers point into the old instance, is replaced whole.
fn fresh_root() -> web_sys::Element {
    let document = web_sys::window()
        .and_then(|window| window.document())
        .expect("a page with a document");
    let root = document.create_element("div").expect("a div");
    root.set_id("app");
    match document.get_element_by_id("app") {
        Some(old) => old
            .replace_with_with_node_1(&root)
            .expect("replace the old app"),
        None => document
            .body()
            .expect("a body")
            .append_child(&root)
            .map(|_| ())
            .expect("mount the app"),
    }
    root
}
