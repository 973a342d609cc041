//! The detail's tabs: the frames, the report in Gufo Err's formats, the JSON and the raw
//! stack.

use std::rc::Rc;

use err::format::{render, Format};
use err::model::ErrorInfo;
use yew::prelude::*;

use crate::components::frames::Frames;
use crate::components::Shown;

/// One tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, strum::VariantArray, strum::EnumMessage)]
pub enum Tab {
    /// The frames with their source.
    #[default]
    #[strum(message = "Frames")]
    Frames,
    /// Gufo Err's terse format.
    #[strum(message = "Terse")]
    Terse,
    /// Gufo Err's extend format.
    #[strum(message = "Extend")]
    Extend,
    /// The report as JSON.
    #[strum(message = "JSON")]
    Json,
    /// The stack as the engine printed it.
    #[strum(message = "Raw stack")]
    Raw,
}

impl Tab {
    fn label(self) -> &'static str {
        strum::EnumMessage::get_message(&self).unwrap_or_default()
    }
}

/// The tab bar, `tab` shown (the detail keeps it from one report to the next; `on_select`
/// hears the tab picked), and the tab's body for `info`.
pub fn view(
    info: &Rc<ErrorInfo>,
    tab: Tab,
    on_select: &Callback<Tab>,
    sources_revision: u64,
) -> Html {
    let tabs = <Tab as strum::VariantArray>::VARIANTS.iter().map(|&t| {
        let active = tab == t;
        html! {
            <button role="tab" class={classes!("tab", active.then_some("active"))}
                aria-selected={active.to_string()} onclick={on_select.reform(move |_| t)}>{t.label()}</button>
        }
    });
    let body = match tab {
        Tab::Frames => {
            html! { <Frames report={Shown(Rc::clone(info))} {sources_revision} /> }
        }
        Tab::Terse => html! { <pre class="rendered">{render(info, Format::Terse)}</pre> },
        Tab::Extend => html! { <pre class="rendered">{render(info, Format::Extend)}</pre> },
        Tab::Json => html! { <pre class="rendered json">{err::codec::to_json_pretty(info)}</pre> },
        Tab::Raw => {
            html! { <pre class="rendered raw">{info.raw_stack.clone().unwrap_or_else(|| String::from("(the report has no raw stack)"))}</pre> }
        }
    };
    html! {
        <>
            <nav class="tabs" role="tablist">{ for tabs }</nav>
            <div class="tab-body">{body}</div>
        </>
    }
}
