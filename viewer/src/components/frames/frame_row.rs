//! One frame: name, place, badges; in-app and failing frames open to their source and
//! locals.

use yew::prelude::*;

use crate::components::source_view::SourceView;
use crate::components::Shown;

/// Props of [`FrameRow`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The report.
    pub report: Shown,
    /// The frame's index in the stack.
    pub index: usize,
    /// The source files' revision.
    pub sources_revision: u64,
}

/// One frame: name, place, badges; in-app and failing frames show their source.
#[function_component(FrameRow)]
pub fn frame_row(props: &Props) -> Html {
    let info = &props.report.0;
    let failing = props.index + 1 == info.stack.len();
    let toggled = use_state(|| None::<bool>);
    let Some(frame) = info.stack.get(props.index) else {
        return Html::default();
    };
    let open = toggled.unwrap_or(frame.in_app || failing);
    let on_toggle = {
        let toggled = toggled.clone();
        Callback::from(move |_| toggled.set(Some(!open)))
    };
    let name = if frame.function.is_empty() {
        "<anonymous>"
    } else {
        frame.function.as_str()
    };
    let file = frame
        .file
        .clone()
        .or_else(|| frame.source.as_ref().map(|s| s.file_name.clone()));
    // JavaScriptCore prints no byte offset: a symbol bundle (or `err symbolicate`) could only
    // place the frame at its function's first line.
    let approximate =
        frame.wasm_function.is_some() && frame.wasm_offset.is_none() && frame.line.is_some();
    let class = classes!(
        "frame",
        frame.in_app.then_some("in-app"),
        failing.then_some("failing")
    );
    html! {
        <div {class} data-index={props.index.to_string()}>
            <div class="frame-head" onclick={on_toggle} title={frame.raw.clone().unwrap_or_default()}>
                <span class="twisty">{ if open { "▾" } else { "▸" } }</span>
                <span class="fn">{name}</span>
                <span class="at">{frame.place()}</span>
                if approximate {
                    <span class="badge approx" title="The engine printed no byte offset (JavaScriptCore): this is the first line of the function, not the failing line.">{"function's first line"}</span>
                }
                if frame.in_app { <span class="badge app">{"app"}</span> }
            </div>
            if open {
                <SourceView file={file.map(AttrValue::from)} line={frame.line.or_else(|| frame.source.as_ref().map(|s| s.current_line))}
                    carried={frame.source.clone()} sources_revision={props.sources_revision} />
                if !frame.locals.is_empty() {
                    <table class="locals">
                        { for frame.locals.iter().map(|(k, v)| html! { <tr><th>{k}</th><td>{v.to_string()}</td></tr> }) }
                    </table>
                }
            }
        </div>
    }
}
