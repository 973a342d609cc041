//! The application: one place holds the state, components get it through a context.
//!
//! The catalog (every report loaded) lives in a shared `RefCell`, since it is large and
//! changed a chunk at a time; a small reducer [`Model`] carries what re-renders: the
//! catalog's revision, load errors, progress, the route and the source root's revision.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::catalog::Catalog;
use crate::components::{Filters, LoadErrors, ReportDetail, ReportList, Toolbar, Welcome};
use crate::ingest::LoadError;
use crate::route::{Route, View};
use crate::web::{self, sources::Sources};

/// Loading progress of one source.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// The source.
    pub origin: String,
    /// Items read.
    pub done: usize,
    /// The share of the source read, in percent.
    pub percent: u32,
}

/// What re-renders the app.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Model {
    /// Bumped whenever the catalog changes.
    pub revision: u64,
    /// Load failures not yet dismissed.
    pub errors: Rc<Vec<LoadError>>,
    /// The source being read.
    pub progress: Option<Progress>,
    /// The view and filter (the URL's hash).
    pub route: Route,
    /// Bumped whenever source files arrive or the source root changes.
    pub sources_revision: u64,
    /// The position of the selected row in the filtered list.
    pub selected: usize,
}

/// Changes to the [`Model`].
pub enum Action {
    /// The catalog changed; these items failed.
    Loaded(Vec<LoadError>),
    /// Progress of a source (none when it is done).
    Progress(Option<Progress>),
    /// Forget the load errors.
    DismissErrors,
    /// The route changed (hash change, or a filter or selection made here).
    Route(Route),
    /// Select a row.
    Select(usize),
    /// Source files or the source root changed.
    SourcesChanged,
}

impl Reducible for Model {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Loaded(errors) => {
                next.revision += 1;
                if !errors.is_empty() {
                    let mut all = (*next.errors).clone();
                    all.extend(errors);
                    next.errors = Rc::new(all);
                }
            }
            Action::Progress(progress) => next.progress = progress,
            Action::DismissErrors => next.errors = Rc::new(Vec::new()),
            Action::Route(route) => {
                if route.filter != next.route.filter {
                    next.selected = 0;
                }
                next.route = route;
            }
            Action::Select(index) => next.selected = index,
            Action::SourcesChanged => next.sources_revision += 1,
        }
        Rc::new(next)
    }
}

/// What every component can reach: the catalog, the sources and the dispatcher.
#[derive(Clone)]
pub struct Shared {
    /// Every report loaded.
    pub catalog: Rc<RefCell<Catalog>>,
    /// The source root and the files read from it.
    pub sources: Rc<RefCell<Sources>>,
    /// Changes the model.
    pub dispatch: UseReducerDispatcher<Model>,
}

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.catalog, &other.catalog)
    }
}

impl Shared {
    /// Shows `route`: a new history entry when the view changes, the same one when only the
    /// filter does (typing does not flood the history).
    pub fn navigate(&self, from: &Route, route: Route) {
        web::set_hash(&route.to_hash(), route.view != from.view);
        self.dispatch.dispatch(Action::Route(route));
    }
}

/// Mounts the app.
pub fn mount() {
    let root = gloo_root();
    match root {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}

fn gloo_root() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id("viewer")
}

/// The whole page.
#[function_component(App)]
pub fn app() -> Html {
    let model = use_reducer(|| Model {
        route: Route::parse(&web::hash()),
        ..Model::default()
    });
    let catalog = use_mut_ref(Catalog::default);
    let sources = use_mut_ref(Sources::default);
    let shared = Shared {
        catalog,
        sources,
        dispatch: model.dispatcher(),
    };

    {
        let shared = shared.clone();
        use_effect_with((), move |()| {
            web::start(shared);
        });
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
                let listener = web::keyboard(move |key| {
                    crate::components::keys::handle(&key, &shared, &route, selected, &hits)
                });
                move || drop(listener)
            },
        );
    }

    let on_drop = {
        let shared = shared.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(files) = e.data_transfer().and_then(|d| d.files()) {
                web::files::load_files(&shared, &files);
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
