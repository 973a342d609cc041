//! The detail's head: the kind, what failed and where (with the source there), and the
//! actions on the report (copy, download).

use std::rc::Rc;

use err::model::{ErrorInfo, Kind};
use yew::prelude::*;

use crate::components::source_view::SourceView;
use crate::web::dom;

/// The head of `info`.
pub fn view(info: &Rc<ErrorInfo>, sources_revision: u64) -> Html {
    // The JSON is made when it is asked for: a report can have thousands of frames.
    let on_copy = {
        let info = Rc::clone(info);
        Callback::from(move |_| dom::copy(&err::codec::to_json_pretty(&info)))
    };
    let on_download = {
        let (info, name) = (Rc::clone(info), format!("{}.json", info.fingerprint));
        Callback::from(move |_| {
            dom::download(
                &name,
                &err::codec::to_json_pretty(&info),
                "application/json",
            )
        })
    };
    let summary = info.exception.summary();
    html! {
        <header class="detail-head">
            <div class="badges">
                <span class={classes!("kind", format!("kind-{}", info.kind.as_str()))}>{info.kind.as_str()}</span>
                if info.secondary { <span class="badge">{"secondary"}</span> }
            </div>
            <h2 id="detail-title">{summary.clone()}</h2>
            if !info.message.is_empty() && !summary.contains(info.message.as_str()) {
                <p class="message">{&info.message}</p>
            }
            if let Some(location) = &info.location {
                <div class="location">
                    <span class="label">{ if info.kind == Kind::Panic { "panicked at " } else { "at " } }</span><code id="panic-location">{location.to_string()}</code>
                    <SourceView file={Some(AttrValue::from(location.file.clone()))} line={Some(location.line)}
                        carried={location.source.clone()} {sources_revision} />
                </div>
            }
            <div class="detail-actions">
                <button onclick={on_copy}>{"Copy JSON"}</button>
                <button id="download" onclick={on_download}>{"Download"}</button>
            </div>
        </header>
    }
}
