//! The frames of a report, outermost first: in-app frames highlighted, library runs folded,
//! a recursion collapsed after its first cycle; each frame opens to its source.

use std::collections::HashSet;

use err::model::ErrorInfo;
use yew::prelude::*;

use super::source_view::SourceView;
use super::Shown;
use crate::layout::{blocks, Block};

/// Props of [`Frames`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The report.
    pub report: Shown,
    /// The source files' revision.
    pub sources_revision: u64,
}

/// The frames.
#[function_component(Frames)]
pub fn frames(props: &Props) -> Html {
    let expanded = use_state(HashSet::<usize>::new);
    {
        let expanded = expanded.clone();
        use_effect_with(props.report.0.fingerprint, move |_| {
            expanded.set(HashSet::new())
        });
    }
    let info: &ErrorInfo = &props.report.0;
    let toggle = |block: usize| {
        let expanded = expanded.clone();
        Callback::from(move |_| {
            let mut next = (*expanded).clone();
            if !next.remove(&block) {
                next.insert(block);
            }
            expanded.set(next);
        })
    };
    let row = |index: usize| {
        html! { <FrameRow key={index} report={props.report.clone()} {index} sources_revision={props.sources_revision} /> }
    };
    let items = blocks(info).into_iter().enumerate().map(|(b, block)| {
        let open = expanded.contains(&b);
        match block {
            Block::Frame(i) => row(i),
            Block::Folded(range) => {
                let n = range.len();
                html! {
                    <>
                    <button class="fold" onclick={toggle(b)} aria-expanded={open.to_string()}>
                        {format!("{} {n} library frames", if open { "▾" } else { "▸" })}
                    </button>
                    if open { { for range.map(row) } }
                    </>
                }
            }
            Block::Recursion { range, cycle, repeats } => {
                let first_cycle = range.start..(range.start + cycle).min(range.end);
                let rest = first_cycle.end..range.end;
                let noun = if cycle == 1 { "frame" } else { "frames" };
                html! {
                    <div class="recursion">
                    { for first_cycle.map(row) }
                    <button class="fold recursion-fold" onclick={toggle(b)} aria-expanded={open.to_string()}>
                        {format!("{} {cycle} {noun} repeated {repeats} times", if open { "▾" } else { "▸" })}
                    </button>
                    if open { { for rest.map(row) } }
                    </div>
                }
            }
        }
    });
    html! { <div class="frames">{ for items }</div> }
}

/// Props of [`FrameRow`].
#[derive(Properties, PartialEq)]
pub struct RowProps {
    /// The report.
    pub report: Shown,
    /// The frame's index in the stack.
    pub index: usize,
    /// The source files' revision.
    pub sources_revision: u64,
}

/// One frame: name, place, badges; in-app and failing frames show their source.
#[function_component(FrameRow)]
pub fn frame_row(props: &RowProps) -> Html {
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
