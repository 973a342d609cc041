//! What the browser I/O tells the app: [`Event`]s through a [`Feed`], so that the I/O needs
//! nothing of the app's state and the app decides what each event changes.

use std::rc::Rc;

use crate::ingest::{Entry, LoadError, Progress};
use crate::route::Route;

/// Something the I/O read or heard.
#[derive(Debug)]
pub enum Event {
    /// Reports read from a source, for the catalog (the page re-renders at the next
    /// [`Event::Loaded`], once per slice of loading).
    Entries(Vec<Entry>),
    /// A slice of loading is done; these items or sources failed.
    Loaded(Vec<LoadError>),
    /// The source being read, or none when reading is over.
    Progress(Option<Progress>),
    /// A symbol bundle was read (an `.errsym` source).
    Bundle(Box<err::wasm::symbols::Bundle>),
    /// Source files arrived (or failed to).
    SourcesChanged,
    /// The location's hash changed.
    Route(Route),
}

/// Where the I/O sends its [`Event`]s; cheap to clone.
#[derive(Clone)]
pub struct Feed(Rc<dyn Fn(Event)>);

impl Feed {
    /// A feed that hands every event to `f`.
    pub fn new(f: impl Fn(Event) + 'static) -> Self {
        Self(Rc::new(f))
    }

    /// Sends one event.
    pub fn send(&self, event: Event) {
        (self.0)(event);
    }

    /// Reports that `origin` could not be loaded, because of `reason`.
    pub fn failed(&self, origin: impl Into<String>, reason: impl Into<String>) {
        self.send(Event::Loaded(vec![LoadError::new(origin, reason)]));
    }
}

impl std::fmt::Debug for Feed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Feed")
    }
}
