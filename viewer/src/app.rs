//! The root component: it holds the state ([`crate::state`]), starts the browser I/O with the
//! state's feed, listens to the keyboard, takes dropped files and lays out the page.

use std::rc::Rc;

use yew::prelude::*;

use crate::catalog::Catalog;
use crate::components::{Filters, LoadErrors, ReportDetail, ReportList, Toolbar, Welcome};
use crate::route::{Route, View};
use crate::state::{Model, Shared};
use crate::web::{self, sources::Sources};

/// Mounts the app in the page's `<main id="viewer">`, or in `<body>` without one.
pub fn mount() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("viewer"));
    match root {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}

/// The whole page.
#[function_component(App)]
pub fn app() -> Html {
    let model = use_reducer(|| Model::at(Route::parse(&web::location::hash())));
    let catalog = use_mut_ref(Catalog::default);
    let sources = use_mut_ref(Sources::default);
    let shared = Shared {
        catalog,
        sources,
        dispatch: model.dispatcher(),
    };

    {
        let feed = shared.feed();
        use_effect_with((), move |()| web::start(&feed));
    }

    let hits = {
        let catalog = Rc::clone(&shared.catalog);
        use_memo(
            (model.revision, model.route.filter.clone()),
            move |(_, filter)| catalog.borrow().query(filter),
        )
    };

    // The open report is the selected row; otherwise the row moved to last.
    let selected = match model.route.view {
        View::Report(fingerprint) => {
            let catalog = shared.catalog.borrow();
            hits.iter()
                .position(|&i| catalog.get(i).map(|g| g.summary.fingerprint) == Some(fingerprint))
                .unwrap_or(model.selected)
        }
        View::List => model.selected,
    };
    {
        let shared = shared.clone();
        let hits = Rc::clone(&hits);
        let route = model.route.clone();
        use_effect_with(
            (route, selected, hits.len()),
            move |(route, selected, _)| {
                let (route, selected) = (route.clone(), *selected);
                let listener = web::listen::keyboard(move |key| {
                    crate::components::keys::handle(key, &shared, &route, selected, &hits)
                });
                move || drop(listener)
            },
        );
    }

    let on_drop = {
        let feed = shared.feed();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(files) = e.data_transfer().and_then(|d| d.files()) {
                web::files::load_files(&feed, files);
            }
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());

    let open = match model.route.view {
        View::Report(fingerprint) => Some(fingerprint),
        View::List => None,
    };
    let empty = shared.catalog.borrow().is_empty() && model.progress.is_none();
    let class = classes!("app", open.map(|_| "has-detail"));
    html! {
        <ContextProvider<Shared> context={shared.clone()}>
        <div {class} ondrop={on_drop} ondragover={on_drag_over}>
            <Toolbar progress={model.progress.clone()} sources_revision={model.sources_revision} />
            <LoadErrors errors={Rc::clone(&model.errors)} />
            if empty {
                <Welcome />
            } else {
                <div class="panes">
                    <section class="list-pane" aria-label="Reports">
                        <Filters route={model.route.clone()} shown={hits.len()} revision={model.revision} />
                        <ReportList hits={Rc::clone(&hits)} route={model.route.clone()}
                            {selected} revision={model.revision} />
                    </section>
                    if let Some(fingerprint) = open {
                        <ReportDetail {fingerprint} route={model.route.clone()}
                            revision={model.revision} sources_revision={model.sources_revision} />
                    }
                </div>
            }
        </div>
        </ContextProvider<Shared>>
    }
}
