//! Source lines around a frame's line, the line itself marked: from the report when it
//! carries them, else from the source root (or a script's own URL).

use err::model::SourceContext;
use yew::prelude::*;

use super::use_shared;
use crate::highlight::{highlight, Language, Token};
use crate::sources::FileState;

/// Lines shown on each side of the current one, for sources read here.
const RADIUS: u32 = 5;
/// At most this many lines of a context a report carries are shown.
const MAX_LINES: usize = 200;

/// Props of [`SourceView`].
#[derive(Properties, PartialEq)]
pub struct Props {
    /// The frame's file or URL.
    pub file: Option<AttrValue>,
    /// The frame's line.
    pub line: Option<u32>,
    /// The lines the report carries.
    pub carried: Option<SourceContext>,
    /// The source files' revision.
    pub sources_revision: u64,
}

/// The source around one line.
#[function_component(SourceView)]
pub fn source_view(props: &Props) -> Html {
    let shared = use_shared();
    let wanted = props
        .file
        .clone()
        .filter(|_| props.carried.is_none() && props.line.is_some());
    {
        let shared = shared.clone();
        use_effect_with(
            (wanted.clone(), props.sources_revision),
            move |(file, _)| {
                if let Some(file) = file {
                    shared.request_source(file);
                }
            },
        );
    }
    if let Some(carried) = &props.carried {
        return render(carried, "report");
    }
    let (Some(file), Some(line)) = (wanted, props.line) else {
        return Html::default();
    };
    let sources = shared.sources.borrow();
    match sources.get(&file) {
        Some(FileState::Ready(text)) => {
            match SourceContext::from_text(&file, text.as_ref(), line, RADIUS) {
                Some(ctx) => render(&ctx, "source root"),
                None => html! { <p class="source-note">{format!("{file} has no line {line}")}</p> },
            }
        }
        Some(FileState::Loading) => {
            html! { <p class="source-note">{format!("Loading {file}…")}</p> }
        }
        Some(FileState::Missing(reason)) => {
            html! { <p class="source-note">{format!("No source for {file}: {reason}")}</p> }
        }
        None => Html::default(),
    }
}

fn render(ctx: &SourceContext, from: &'static str) -> Html {
    let language = Language::of(&ctx.file_name);
    let current = usize::try_from(ctx.current_line.saturating_sub(ctx.first_line)).unwrap_or(0);
    let skip = current.saturating_sub(MAX_LINES / 2);
    let lines = ctx
        .lines
        .iter()
        .enumerate()
        .skip(skip)
        .take(MAX_LINES)
        .map(|(i, text)| {
            let number = u64::from(ctx.first_line) + i as u64;
            let is_current = number == u64::from(ctx.current_line);
            let tokens = highlight(text, language).into_iter().map(|(token, piece)| {
                if token == Token::Plain {
                    html! { {piece} }
                } else {
                    html! { <span class={token.class()}>{piece}</span> }
                }
            });
            html! {
                <div class={classes!("src-line", is_current.then_some("current"))}>
                    <span class="ln">{number}</span>
                    <span class="marker">{ if is_current { "==>" } else { "" } }</span>
                    <code>{ for tokens }</code>
                </div>
            }
        });
    html! {
        <div class="source" data-from={from}>
            <div class="source-file">{&ctx.file_name}</div>
            <pre class="code">{ for lines }</pre>
        </div>
    }
}
