//! What an empty viewer shows: how to load reports.

use yew::prelude::*;

/// The empty page.
#[function_component(Welcome)]
pub fn welcome() -> Html {
    html! {
        <div class="welcome">
            <h2>{"Drop reports here"}</h2>
            <p>{"gufo-err reports (.json, .json.gz; version 2.0 or Gufo Err 1.0), lists of them, or a raw stack trace of any engine."}</p>
            <ul>
                <li>{"Open files, or drag them onto the page."}</li>
                <li>{"Paste a report or a stack trace."}</li>
                <li>{"Read the browser store that err::init() and the npm package write on this origin, or the err serve collector."}</li>
                <li>{"Link a source: "}<code>{"?src=URL"}</code>{" (a report, a list, or a collector's /api/v1/errors)."}</li>
            </ul>
            <p class="keys">{"Keys: / filter · j k or ↓ ↑ move · Enter open · Esc close"}</p>
        </div>
    }
}
