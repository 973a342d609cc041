//! The frames of a report, outermost first: in-app frames highlighted, library runs folded,
//! a recursion collapsed after its first cycle; each frame opens to its source.

mod frame_row;

use std::collections::HashSet;

use err::model::ErrorInfo;
use yew::prelude::*;

use crate::components::Shown;
use crate::layout::{blocks, Block};
use frame_row::FrameRow;

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
