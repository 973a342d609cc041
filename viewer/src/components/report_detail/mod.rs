//! One report: what failed and where, the frames with their source, the details of the
//! run, the report in every format, the raw stack and the JSON, with copy and download.

mod decode;
mod head;
mod meta;
mod tabs;

use err::codec::Summary;
use uuid::Uuid;
use yew::prelude::*;

use crate::components::use_shared;
use crate::ingest::Body;
use crate::route::Route;
use decode::{use_report, Decoding};
use tabs::Tab;

/// Props of [`ReportDetail`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The report's fingerprint.
    pub fingerprint: Uuid,
    /// The current route.
    pub route: Route,
    /// The catalog's revision.
    pub revision: u64,
    /// The source files' revision.
    pub sources_revision: u64,
}

/// What the catalog knows of the open group.
struct Found {
    /// The latest occurrence's full text.
    body: Option<Body>,
    /// The sources of its occurrences, each with its own count.
    origins: Vec<String>,
    /// The merged summary.
    summary: Summary,
}

/// The detail pane.
#[function_component(ReportDetail)]
pub fn report_detail(props: &Props) -> Html {
    let shared = use_shared();
    // Kept from one report to the next.
    let tab = use_state(Tab::default);
    let found = shared
        .catalog
        .borrow()
        .find(&props.fingerprint)
        .map(|group| {
            let latest = group
                .occurrences
                .iter()
                .max_by_key(|o| o.summary.last_seen.or(o.summary.timestamp));
            Found {
                body: latest.map(|o| o.body.clone()),
                // Each source with what it counted: the group's count takes an occurrence
                // two sources share (one event id) once.
                origins: group
                    .occurrences
                    .iter()
                    .map(|o| format!("{} ({})", o.origin, o.summary.count))
                    .collect(),
                summary: group.summary.clone(),
            }
        });
    let report = use_report(
        found.as_ref().and_then(|f| f.body.clone()),
        props.sources_revision,
    );
    let on_select = {
        let tab = tab.setter();
        use_callback((), move |t: Tab, _| tab.set(t))
    };
    let close = {
        let (shared, route) = (shared.clone(), props.route.clone());
        Callback::from(move |_| shared.navigate(&route, route.list()))
    };
    let close_button = html! { <button class="close" onclick={close} title="Back to the list (Esc)">{"×"}</button> };
    let Some(found) = found else {
        return html! {
            <section class="detail-pane">{close_button}
                <p class="detail-missing">{format!("No report with fingerprint {} is loaded.", props.fingerprint)}</p>
            </section>
        };
    };
    let info = match report {
        Decoding::Ready(info) => info,
        Decoding::Failed(reason) => {
            return html! {
                <section class="detail-pane">{close_button}
                    <p class="detail-missing">{format!("The report cannot be read: {reason}")}</p>
                </section>
            };
        }
        Decoding::Pending => {
            return html! { <section class="detail-pane">{close_button}<p>{"Loading…"}</p></section> }
        }
    };
    html! {
        <section class="detail-pane" aria-label="Report">
            {close_button}
            { head::view(&info, props.sources_revision) }
            { meta::view(&info, &found.summary, &found.origins) }
            { tabs::view(&info, *tab, &on_select, props.sources_revision) }
        </section>
    }
}
