//! One row of the list: kind, title, count; place, service, engine, when last seen.

use err::codec::Summary;
use uuid::Uuid;
use yew::prelude::*;

use super::ROW_HEIGHT;
use crate::components::when;

/// One row to show.
pub struct Row<'a> {
    /// The row's position in the filtered list.
    pub position: usize,
    /// The group's merged summary.
    pub summary: &'a Summary,
    /// Whether the row is selected.
    pub selected: bool,
    /// Whether its report is open.
    pub open: bool,
    /// Called with the position and the fingerprint when the row is clicked.
    pub on_open: &'a Callback<(usize, Uuid)>,
}

impl Row<'_> {
    /// The row, placed at its position in the list and keyed by its fingerprint.
    pub fn view(self) -> Html {
        let s = self.summary;
        let (position, fingerprint) = (self.position, s.fingerprint);
        let onclick = self.on_open.reform(move |_| (position, fingerprint));
        let class = classes!(
            "row",
            self.selected.then_some("selected"),
            self.open.then_some("open")
        );
        let style = format!("top:{}px", position as f64 * ROW_HEIGHT);
        let title = if s.message.is_empty() {
            s.class.clone()
        } else {
            format!("{}: {}", s.class, s.message)
        };
        html! {
            <div key={fingerprint.to_string()} {class} {style} {onclick} role="option"
                aria-selected={self.selected.to_string()} data-fingerprint={fingerprint.to_string()}>
                <div class="row-main">
                    <span class={classes!("kind", format!("kind-{}", s.kind.as_str()))}>{s.kind.as_str()}</span>
                    <span class="title">{title}</span>
                    <span class="count" title="Times seen">{format!("×{}", s.count)}</span>
                </div>
                <div class="row-meta">
                    <span class="place">{&s.place}</span>
                    <span class="service">{format!("{} {}", s.name, s.version)}</span>
                    if let Some(engine) = s.engine { <span class="engine">{engine.as_str()}</span> }
                    <span class="seen" title={format!("first seen {}", when(s.timestamp))}>{when(s.last_seen)}</span>
                </div>
            </div>
        }
    }
}
