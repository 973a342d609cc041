//! The status line of the source being read.

use yew::prelude::*;

use crate::ingest::Progress;

/// "Loading list.json: 1200 reports, 40%" (nothing when no source is being read).
pub fn view(progress: Option<&Progress>) -> Html {
    let Some(p) = progress else {
        return Html::default();
    };
    html! {
        <div class="progress" role="status">
            {format!("Loading {}", p.origin)}
            if p.done > 0 { {format!(": {} reports, {}%", p.done, p.percent)} }
        </div>
    }
}
