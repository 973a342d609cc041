//! The top bar: every way to load reports, the source root, clearing, and the theme.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::use_shared;
use crate::app::{Action, Progress};
use crate::route::Route;
use crate::web::{self, files, loader, store};

/// Props of [`Toolbar`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The source being loaded.
    pub progress: Option<Progress>,
    /// The source root's revision (the Sources menu names the root).
    pub sources_revision: u64,
}

fn input_of(e: &Event) -> Option<web_sys::HtmlInputElement> {
    e.target().and_then(|t| t.dyn_into().ok())
}

/// The toolbar.
#[function_component(Toolbar)]
pub fn toolbar(props: &Props) -> Html {
    let shared = use_shared();
    let paste_open = use_state(|| false);
    let pastes = use_mut_ref(|| 0u32);
    let paste_ref = use_node_ref();
    let url_ref = use_node_ref();
    let prefix_ref = use_node_ref();

    let on_files = {
        let shared = shared.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = input_of(&e) {
                if let Some(list) = input.files() {
                    files::load_files(&shared, &list);
                }
                input.set_value("");
            }
        })
    };
    let on_paste = {
        let (shared, paste_ref, paste_open) =
            (shared.clone(), paste_ref.clone(), paste_open.clone());
        Callback::from(move |_| {
            let Some(area) = paste_ref.cast::<web_sys::HtmlTextAreaElement>() else {
                return;
            };
            let text = area.value();
            if text.trim().is_empty() {
                return;
            }
            *pastes.borrow_mut() += 1;
            let origin = format!("paste {}", pastes.borrow());
            let shared = shared.clone();
            wasm_bindgen_futures::spawn_local(async move {
                loader::load_bytes(&shared, origin, text.into_bytes(), None).await;
            });
            area.set_value("");
            paste_open.set(false);
        })
    };
    let toggle_paste = {
        let paste_open = paste_open.clone();
        Callback::from(move |_| paste_open.set(!*paste_open))
    };
    let on_store = {
        let shared = shared.clone();
        Callback::from(move |_| store::load(&shared, false))
    };
    let on_collector = {
        let shared = shared.clone();
        Callback::from(move |_| loader::load_url(&shared, web::COLLECTOR.to_owned(), false))
    };
    let on_url = {
        let (shared, url_ref) = (shared.clone(), url_ref.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(input) = url_ref.cast::<web_sys::HtmlInputElement>() {
                let url = input.value();
                if !url.trim().is_empty() {
                    loader::load_url(&shared, url.trim().to_owned(), false);
                    input.set_value("");
                }
            }
        })
    };
    let on_prefix = {
        let (shared, prefix_ref) = (shared.clone(), prefix_ref.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(input) = prefix_ref.cast::<web_sys::HtmlInputElement>() {
                shared.sources.borrow_mut().set_url(input.value());
                shared.dispatch.dispatch(Action::SourcesChanged);
            }
        })
    };
    let on_folder = {
        let shared = shared.clone();
        Callback::from(move |e: Event| {
            let Some(list) = input_of(&e).and_then(|i| i.files()) else {
                return;
            };
            let picked: Vec<(String, web_sys::File)> = (0..list.length())
                .filter_map(|i| list.get(i))
                .map(|f| {
                    let path = js_sys::Reflect::get(&f, &"webkitRelativePath".into())
                        .ok()
                        .and_then(|p| p.as_string())
                        .filter(|p| !p.is_empty())
                        .unwrap_or_else(|| f.name());
                    (path, f)
                })
                .collect();
            shared.sources.borrow_mut().set_folder(picked);
            shared.dispatch.dispatch(Action::SourcesChanged);
        })
    };
    let on_clear = {
        let shared = shared.clone();
        Callback::from(move |_| {
            shared.catalog.borrow_mut().clear();
            shared.dispatch.dispatch(Action::DismissErrors);
            shared.dispatch.dispatch(Action::Loaded(Vec::new()));
            shared.navigate(&Route::default(), Route::default());
        })
    };
    let on_theme = Callback::from(|_| web::toggle_theme());
    let source_root = shared.sources.borrow().describe();

    html! {
        <header class="toolbar">
            <h1 class="brand"><span class="logo">{"◆"}</span>{" gufo-err viewer"}</h1>
            <div class="actions">
                <label class="button" title="Open report files (.json, .json.gz) or stack traces">
                    {"Open files"}
                    <input id="file-input" type="file" multiple=true class="hidden-input"
                        accept=".json,.gz,.txt,application/json,application/gzip" onchange={on_files} />
                </label>
                <button id="paste-button" onclick={toggle_paste}>{"Paste"}</button>
                <button id="store-button" onclick={on_store} title="Reports stored in this origin's IndexedDB">{"Browser store"}</button>
                <button id="collector-button" onclick={on_collector} title="Reports received by err serve">{"Collector"}</button>
                <form class="inline" onsubmit={on_url}>
                    <input id="url-input" ref={url_ref} type="url" placeholder="Report, list or collector URL" aria-label="Load from URL" />
                    <button type="submit">{"Load"}</button>
                </form>
                <details class="sources">
                    <summary id="sources-toggle">{"Sources"}{source_root.map(|s| format!(": {s}")).unwrap_or_default()}</summary>
                    <div class="sources-panel">
                        <form class="inline" onsubmit={on_prefix}>
                            <input id="source-prefix" ref={prefix_ref} type="text" placeholder="URL prefix of the source tree" aria-label="Source URL prefix" />
                            <button type="submit">{"Use"}</button>
                        </form>
                        <label class="button">{"Pick a source folder"}
                            <input id="source-folder" type="file" webkitdirectory=true multiple=true class="hidden-input" onchange={on_folder} />
                        </label>
                    </div>
                </details>
                <button onclick={on_clear} title="Forget every loaded report">{"Clear"}</button>
                <button class="theme" onclick={on_theme} title="Light, dark or the system's theme">{"◐"}</button>
            </div>
            if let Some(p) = &props.progress {
                <div class="progress" role="status">
                    {format!("Loading {}", p.origin)}
                    if p.done > 0 { {format!(": {} reports, {}%", p.done, p.percent)} }
                </div>
            }
            if *paste_open {
                <div class="paste-panel">
                    <textarea id="paste-area" ref={paste_ref} rows="8"
                        placeholder="Paste a report (JSON) or a stack trace of any engine" />
                    <button id="paste-load" onclick={on_paste}>{"Load pasted text"}</button>
                </div>
            }
        </header>
    }
}
