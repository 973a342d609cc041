//! Reading source files for frames: what [`crate::sources`] plans, fetched or read from the
//! picked folder.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_file::File;

use super::feed::{Event, Feed};
use crate::sources::{Fetch, FileState, Plan};

/// The sources of the page: picked files are gloo-file handles.
pub type Sources = crate::sources::Sources<File>;

/// Asks for a file's source once; `feed` hears [`Event::SourcesChanged`] when it is known.
pub fn request(sources: &Rc<RefCell<Sources>>, file: &str, feed: &Feed) {
    let plan = sources
        .borrow_mut()
        .plan(file, super::location::same_origin);
    let fetch = match plan {
        Plan::Known => return,
        Plan::Changed => {
            feed.send(Event::SourcesChanged);
            return;
        }
        Plan::Fetch(fetch) => fetch,
    };
    let (sources, feed) = (Rc::clone(sources), feed.clone());
    let file = file.to_owned();
    wasm_bindgen_futures::spawn_local(async move {
        let result = match fetch {
            Fetch::Url(url) => super::http::get_bytes(&url)
                .await
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .map_err(|e| format!("{url} {e}")),
            Fetch::File(f) => super::files::read_text(&f).await.map_err(|e| e.to_string()),
        };
        let state = match result {
            Ok(text) => FileState::Ready(Rc::from(text)),
            Err(reason) => FileState::Missing(reason),
        };
        sources.borrow_mut().arrived(file, state);
        feed.send(Event::SourcesChanged);
    });
}
