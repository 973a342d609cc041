//! The viewer's state, in one place (as Yew's function_todomvc example lifts it): the
//! [`Model`] that re-renders, the [`Action`]s its reducer applies, and what every component
//! reaches through a context ([`Shared`]: the catalog and the sources, in `RefCell`s since
//! they are large and change a piece at a time, and the dispatcher).
//!
//! The browser I/O (`web`) reports through a [`Feed`]; [`Shared::feed`] turns its events into
//! changes of the catalog, the sources and the model.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::catalog::Catalog;
use crate::ingest::{LoadError, Progress};
use crate::route::Route;
use crate::web::sources::Sources;
use crate::web::{self, Event, Feed};

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

impl Model {
    /// The model of a page opened at `route`.
    pub fn at(route: Route) -> Self {
        Self {
            route,
            ..Self::default()
        }
    }
}

/// Changes to the [`Model`].
#[derive(Debug)]
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
        web::location::set_hash(&route.to_hash(), route.view != from.view);
        self.dispatch.dispatch(Action::Route(route));
    }

    /// Where the browser I/O reports: each event lands in the catalog, the sources or the
    /// model.
    pub fn feed(&self) -> Feed {
        let shared = self.clone();
        Feed::new(move |event| shared.apply(event))
    }

    fn apply(&self, event: Event) {
        match event {
            Event::Entries(entries) => self.catalog.borrow_mut().extend(entries),
            Event::Loaded(errors) => self.dispatch.dispatch(Action::Loaded(errors)),
            Event::Progress(progress) => self.dispatch.dispatch(Action::Progress(progress)),
            Event::Bundle(bundle) => {
                self.sources.borrow_mut().add_bundle(*bundle);
                self.dispatch.dispatch(Action::SourcesChanged);
            }
            Event::SourcesChanged => self.dispatch.dispatch(Action::SourcesChanged),
            Event::Route(route) => self.dispatch.dispatch(Action::Route(route)),
        }
    }

    /// Asks for a file's source (once); the page re-renders when it arrives.
    pub fn request_source(&self, file: &str) {
        web::sources::request(&self.sources, file, &self.feed());
    }

    /// Changes the source root with `change` and re-renders.
    pub fn change_sources(&self, change: impl FnOnce(&mut Sources)) {
        change(&mut self.sources.borrow_mut());
        self.dispatch.dispatch(Action::SourcesChanged);
    }

    /// Forgets every report and load error, and goes back to the unfiltered list.
    pub fn clear(&self) {
        self.catalog.borrow_mut().clear();
        self.dispatch.dispatch(Action::DismissErrors);
        self.dispatch.dispatch(Action::Loaded(Vec::new()));
        self.navigate(&Route::default(), Route::default());
    }
}
