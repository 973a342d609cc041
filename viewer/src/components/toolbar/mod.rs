//! The top bar: every way to load reports, the source root, clearing, and the theme; the
//! progress of a source being read and the paste panel below.
//!
//! Its parts with state of their own (input fields) are components; the others are view
//! functions.

mod load_remote;
mod open_files;
mod paste_panel;
mod progress_line;
mod sources_menu;

use yew::prelude::*;

use super::use_shared;
use crate::ingest::Progress;
use crate::web::{loader, theme};
use load_remote::LoadRemote;
use paste_panel::PastePanel;
use sources_menu::SourcesMenu;

/// Props of [`Toolbar`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The source being loaded.
    pub progress: Option<Progress>,
    /// The source root's revision (the Sources menu names the root).
    pub sources_revision: u64,
}

/// The toolbar.
#[function_component(Toolbar)]
pub fn toolbar(props: &Props) -> Html {
    let shared = use_shared();
    let paste_open = use_state(|| false);
    // Pastes are numbered for the page's life: each is its own source.
    let pastes = use_mut_ref(|| 0u32);

    let toggle_paste = {
        let paste_open = paste_open.clone();
        Callback::from(move |_| paste_open.set(!*paste_open))
    };
    let on_paste = {
        let (feed, paste_open) = (shared.feed(), paste_open.clone());
        Callback::from(move |text: String| {
            *pastes.borrow_mut() += 1;
            let origin = format!("paste {}", pastes.borrow());
            let feed = feed.clone();
            wasm_bindgen_futures::spawn_local(async move {
                loader::load_bytes(&feed, origin, text.into_bytes(), None).await;
            });
            paste_open.set(false);
        })
    };
    let on_clear = {
        let shared = shared.clone();
        Callback::from(move |_| shared.clear())
    };
    let on_theme = Callback::from(|_| theme::toggle());

    html! {
        <header class="toolbar">
            <h1 class="brand"><span class="logo">{"◆"}</span>{" gufo-err viewer"}</h1>
            <div class="actions">
                { open_files::view(&shared.feed()) }
                <button id="paste-button" onclick={toggle_paste}>{"Paste"}</button>
                <LoadRemote />
                <SourcesMenu sources_revision={props.sources_revision} />
                <button onclick={on_clear} title="Forget every loaded report">{"Clear"}</button>
                <button class="theme" onclick={on_theme} title="Light, dark or the system's theme">{"◐"}</button>
            </div>
            { progress_line::view(props.progress.as_ref()) }
            if *paste_open {
                <PastePanel on_load={on_paste} />
            }
        </header>
    }
}
