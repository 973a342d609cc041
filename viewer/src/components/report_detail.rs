//! One report: what failed and where, the frames with their source, the details of the
//! run, the report in every format, the raw stack and the JSON, with copy and download.

use std::rc::Rc;

use err::format::{render, Format};
use err::model::{ErrorInfo, Kind};
use uuid::Uuid;
use yew::prelude::*;

use super::frames::Frames;
use super::source_view::SourceView;
use super::{use_shared, when, Shown};
use crate::ingest::Body;
use crate::route::Route;
use crate::web;

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

#[derive(Clone, Copy, PartialEq)]
enum Tab {
    Frames,
    Terse,
    Extend,
    Json,
    Raw,
}

impl Tab {
    const ALL: [Tab; 5] = [Tab::Frames, Tab::Terse, Tab::Extend, Tab::Json, Tab::Raw];

    fn label(self) -> &'static str {
        match self {
            Tab::Frames => "Frames",
            Tab::Terse => "Terse",
            Tab::Extend => "Extend",
            Tab::Json => "JSON",
            Tab::Raw => "Raw stack",
        }
    }
}

/// A decoded report, or why it could not be, for one body.
type Decoded = (String, Result<Rc<ErrorInfo>, String>);

/// The detail pane.
#[function_component(ReportDetail)]
pub fn report_detail(props: &Props) -> Html {
    let shared = use_shared();
    let decoded = use_state(|| None::<Decoded>);
    let tab = use_state(|| Tab::Frames);
    let found = shared
        .catalog
        .borrow()
        .find(&props.fingerprint)
        .map(|group| {
            let latest = group
                .occurrences
                .iter()
                .max_by_key(|o| o.summary.last_seen.or(o.summary.timestamp));
            let origins: Vec<String> = group
                .occurrences
                .iter()
                .map(|o| o.origin.to_string())
                .collect();
            (
                latest.map(|o| o.body.clone()),
                origins,
                group.summary.clone(),
            )
        });
    let body = found.as_ref().and_then(|(body, _, _)| body.clone());
    let key = match &body {
        Some(Body::Bytes { bytes, range }) => format!("{:p}:{}", bytes.as_ptr(), range.start),
        Some(Body::Remote(url)) => url.clone(),
        None => String::new(),
    };
    // The key whose report is wanted now: a slow fetch for an earlier one must not overwrite it.
    let wanted = use_mut_ref(String::new);
    {
        let decoded = decoded.clone();
        let wanted = wanted.clone();
        use_effect_with(key.clone(), move |key| {
            let key = key.clone();
            *wanted.borrow_mut() = key.clone();
            match body {
                Some(Body::Bytes { .. }) => {
                    let slice = body.as_ref().and_then(Body::slice).unwrap_or_default();
                    let result = err::codec::from_slice(slice)
                        .map(Rc::new)
                        .map_err(|e| e.to_string());
                    decoded.set(Some((key, result)));
                }
                Some(Body::Remote(url)) => {
                    wasm_bindgen_futures::spawn_local(async move {
                        let result = match web::http::get_bytes(&url).await {
                            Ok(bytes) => err::codec::from_slice(&bytes)
                                .map(Rc::new)
                                .map_err(|e| e.to_string()),
                            Err(e) => Err(format!("{url} {e}")),
                        };
                        if *wanted.borrow() == key {
                            decoded.set(Some((key, result)));
                        }
                    });
                }
                None => {}
            }
        });
    }
    let decoded_info = match decoded.as_ref() {
        Some((k, Ok(info))) if *k == key => Some(Rc::clone(info)),
        _ => None,
    };
    // Symbol bundles place wasm frames at their Rust lines (recomputed when bundles change).
    let placed = {
        let bundles = shared.sources.borrow().bundles().to_vec();
        use_memo(
            (key.clone(), props.sources_revision, decoded_info.is_some()),
            move |_| {
                decoded_info.map(|info| {
                    if bundles.is_empty() {
                        return info;
                    }
                    let mut copy = (*info).clone();
                    for bundle in &bundles {
                        bundle.symbolicate(&mut copy);
                    }
                    Rc::new(copy)
                })
            },
        )
    };
    let close = {
        let (shared, route) = (shared.clone(), props.route.clone());
        Callback::from(move |_| shared.navigate(&route, route.list()))
    };
    let close_button = html! { <button class="close" onclick={close} title="Back to the list (Esc)">{"×"}</button> };
    let Some((_, origins, summary)) = found else {
        return html! {
            <section class="detail-pane">{close_button}
                <p class="detail-missing">{format!("No report with fingerprint {} is loaded.", props.fingerprint)}</p>
            </section>
        };
    };
    let info = match decoded.as_ref() {
        Some((k, Ok(_))) if *k == key => match placed.as_ref() {
            Some(info) => Rc::clone(info),
            None => {
                return html! { <section class="detail-pane">{close_button}<p>{"Loading…"}</p></section> }
            }
        },
        Some((k, Err(reason))) if *k == key => {
            return html! {
                <section class="detail-pane">{close_button}
                    <p class="detail-missing">{format!("The report cannot be read: {reason}")}</p>
                </section>
            };
        }
        _ => {
            return html! { <section class="detail-pane">{close_button}<p>{"Loading…"}</p></section> }
        }
    };

    let tabs = Tab::ALL.into_iter().map(|t| {
        let select = {
            let tab = tab.clone();
            Callback::from(move |_| tab.set(t))
        };
        html! {
            <button role="tab" class={classes!("tab", (*tab == t).then_some("active"))}
                aria-selected={(*tab == t).to_string()} onclick={select}>{t.label()}</button>
        }
    });
    // The JSON is made when it is asked for: a report can have thousands of frames.
    let on_copy = {
        let info = Rc::clone(&info);
        Callback::from(move |_| web::copy(&err::codec::to_json_pretty(&info)))
    };
    let on_download = {
        let (info, name) = (Rc::clone(&info), format!("{}.json", info.fingerprint));
        Callback::from(move |_| {
            web::download(
                &name,
                &err::codec::to_json_pretty(&info),
                "application/json",
            )
        })
    };
    let body = match *tab {
        Tab::Frames => {
            html! { <Frames report={Shown(Rc::clone(&info))} sources_revision={props.sources_revision} /> }
        }
        Tab::Terse => html! { <pre class="rendered">{render(&info, Format::Terse)}</pre> },
        Tab::Extend => html! { <pre class="rendered">{render(&info, Format::Extend)}</pre> },
        Tab::Json => html! { <pre class="rendered json">{err::codec::to_json_pretty(&info)}</pre> },
        Tab::Raw => {
            html! { <pre class="rendered raw">{info.raw_stack.clone().unwrap_or_else(|| String::from("(the report has no raw stack)"))}</pre> }
        }
    };
    let meta = [
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
        <section class="detail-pane" aria-label="Report">
            {close_button}
            <header class="detail-head">
                <div class="badges">
                    <span class={classes!("kind", format!("kind-{}", info.kind.as_str()))}>{info.kind.as_str()}</span>
                    if info.secondary { <span class="badge">{"secondary"}</span> }
                </div>
                <h2 id="detail-title">{info.exception.summary()}</h2>
                if !info.message.is_empty() && !info.exception.summary().contains(info.message.as_str()) {
                    <p class="message">{&info.message}</p>
                }
                if let Some(location) = &info.location {
                    <div class="location">
                        <span class="label">{ if info.kind == Kind::Panic { "panicked at " } else { "at " } }</span><code id="panic-location">{location.to_string()}</code>
                        <SourceView file={Some(AttrValue::from(location.file.clone()))} line={Some(location.line)}
                            carried={location.source.clone()} sources_revision={props.sources_revision} />
                    </div>
                }
                <div class="detail-actions">
                    <button onclick={on_copy}>{"Copy JSON"}</button>
                    <button id="download" onclick={on_download}>{"Download"}</button>
                </div>
            </header>
            <dl class="meta">
                { for meta.into_iter().filter_map(|(k, v)| v.map(|v| html! { <><dt>{k}</dt><dd>{v}</dd></> })) }
            </dl>
            <nav class="tabs" role="tablist">{ for tabs }</nav>
            <div class="tab-body">{body}</div>
        </section>
    }
}
