//! The file input: reports, lists, stack traces and symbol bundles picked from disk.

use yew::prelude::*;

use crate::components::input_of;
use crate::web::{files, Feed};

/// "Open files": what is picked goes to `feed`.
pub fn view(feed: &Feed) -> Html {
    let on_files = {
        let feed = feed.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = input_of(&e) {
                if let Some(list) = input.files() {
                    files::load_files(&feed, list);
                }
                input.set_value("");
            }
        })
    };
    html! {
        <label class="button" title="Open report files (.json, .json.gz) or stack traces">
            {"Open files"}
            <input id="file-input" type="file" multiple=true class="hidden-input"
                accept=".json,.gz,.txt,application/json,application/gzip" onchange={on_files} />
        </label>
    }
}
