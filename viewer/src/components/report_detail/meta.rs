//! The details of the run: service, kind, engine, runtime, how often and when it was seen,
//! the build, page and user agent, the recursion, and where the report was loaded from.

use err::codec::Summary;
use err::model::ErrorInfo;
use yew::prelude::*;

use crate::components::when;

/// The details `info` has; `summary` is its group's (counts and times merged over every
/// source), `origins` the sources the group was loaded from.
pub fn view(info: &ErrorInfo, summary: &Summary, origins: &[String]) -> Html {
    let rows = [
        ("Fingerprint", Some(info.fingerprint.to_string())),
        ("Service", Some(format!("{} {}", info.name, info.version))),
        ("Kind", Some(info.kind.as_str().to_owned())),
        ("Engine", info.engine.map(|e| e.as_str().to_owned())),
        (
            "Runtime",
            info.runtime
                .and_then(|r| serde_json::to_value(r).ok())
                .and_then(|v| v.as_str().map(str::to_owned)),
        ),
        (
            "Seen",
            Some(match summary.count {
                1 => String::from("once"),
                n => format!("{n} times"),
            }),
        ),
        ("First seen", Some(when(summary.timestamp))),
        ("Last seen", Some(when(summary.last_seen))),
        ("Build", info.build_id.clone()),
        ("Page", info.page_url.clone()),
        ("User agent", info.user_agent.clone()),
        ("Root module", info.root_module.clone()),
        (
            "Recursion",
            info.recursion
                .as_ref()
                .map(|r| format!("{} ({})", r, r.cycle.join(" → "))),
        ),
        ("Loaded from", Some(origins.join(", "))),
    ];
    html! {
        <dl class="meta">
            { for rows.into_iter().filter_map(|(k, v)| v.map(|v| html! { <><dt>{k}</dt><dd>{v}</dd></> })) }
        </dl>
    }
}
