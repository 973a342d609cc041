//! The Sources menu: where source files come from (a URL prefix or a picked folder), and
//! what the root and the symbol bundles are.

use gloo_file::File;
use yew::prelude::*;

use crate::components::{input_of, use_shared};

/// Props of [`SourcesMenu`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The source root's revision (the menu names the root).
    pub sources_revision: u64,
}

/// A picked file's path inside the picked folder (its name when the browser gives none).
fn relative_path(file: &web_sys::File) -> String {
    js_sys::Reflect::get(file, &"webkitRelativePath".into())
        .ok()
        .and_then(|p| p.as_string())
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| file.name())
}

/// The menu.
#[function_component(SourcesMenu)]
pub fn sources_menu(_props: &Props) -> Html {
    let shared = use_shared();
    let prefix_ref = use_node_ref();
    let on_prefix = {
        let (shared, prefix_ref) = (shared.clone(), prefix_ref.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(input) = prefix_ref.cast::<web_sys::HtmlInputElement>() {
                shared.change_sources(|sources| sources.set_url(input.value()));
            }
        })
    };
    let on_folder = {
        let shared = shared.clone();
        Callback::from(move |e: Event| {
            let Some(list) = input_of(&e).and_then(|i| i.files()) else {
                return;
            };
            let picked: Vec<(String, File)> = (0..list.length())
                .filter_map(|i| list.get(i))
                .map(|f| (relative_path(&f), File::from(f)))
                .collect();
            shared.change_sources(|sources| sources.set_folder(picked));
        })
    };
    let root = shared.sources.borrow().describe();
    html! {
        <details class="sources">
            <summary id="sources-toggle">{"Sources"}{root.map(|s| format!(": {s}")).unwrap_or_default()}</summary>
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
    }
}
