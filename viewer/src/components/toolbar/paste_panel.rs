//! The paste panel: a report (JSON) or a stack trace of any engine, typed or pasted.

use yew::prelude::*;

/// Props of [`PastePanel`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// Called with the text when it is loaded (blank text is not).
    pub on_load: Callback<String>,
}

/// The panel.
#[function_component(PastePanel)]
pub fn paste_panel(props: &Props) -> Html {
    let area_ref = use_node_ref();
    let on_click = {
        let (area_ref, on_load) = (area_ref.clone(), props.on_load.clone());
        Callback::from(move |_| {
            let Some(area) = area_ref.cast::<web_sys::HtmlTextAreaElement>() else {
                return;
            };
            let text = area.value();
            if text.trim().is_empty() {
                return;
            }
            area.set_value("");
            on_load.emit(text);
        })
    };
    html! {
        <div class="paste-panel">
            <textarea id="paste-area" ref={area_ref} rows="8"
                placeholder="Paste a report (JSON) or a stack trace of any engine" />
            <button id="paste-load" onclick={on_click}>{"Load pasted text"}</button>
        </div>
    }
}
