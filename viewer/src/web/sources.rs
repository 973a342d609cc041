//! Source files for frames whose report carries no lines: from a URL prefix or a folder the
//! user picked, and a script's own URL (on the viewer's origin) when nothing else is given.

use std::collections::HashMap;
use std::rc::Rc;

use crate::app::{Action, Shared};
use crate::source_path::{join_url, relative_path, LocalTree};

/// Where source files come from.
#[derive(Default)]
pub enum Root {
    /// Nowhere but scripts' own `http(s)` URLs.
    #[default]
    None,
    /// `{prefix}/{relative path}`.
    Url(String),
    /// A folder the user picked: its files by relative path.
    Folder {
        /// The relative paths, searchable.
        tree: LocalTree,
        /// The files by relative path.
        files: HashMap<String, web_sys::File>,
    },
}

/// One source file.
#[derive(Debug, Clone)]
pub enum FileState {
    /// Being fetched or read.
    Loading,
    /// Its text.
    Ready(Rc<str>),
    /// Why it is not there.
    Missing(String),
}

/// The source root, the symbol bundles, and the files read from them, by the report's file
/// name.
#[derive(Default)]
pub struct Sources {
    root: Root,
    files: HashMap<String, FileState>,
    bundles: Vec<Rc<err::wasm::symbols::Bundle>>,
}

impl Sources {
    /// What the root and the bundles are, for people.
    pub fn describe(&self) -> Option<String> {
        let root = match &self.root {
            Root::None => None,
            Root::Url(prefix) => Some(prefix.clone()),
            Root::Folder { tree, .. } => Some(format!("a folder of {} files", tree.len())),
        };
        let bundles = match self.bundles.len() {
            0 => None,
            1 => Some(format!("symbols of {}", self.bundles[0].module)),
            n => Some(format!("{n} symbol bundles")),
        };
        match (root, bundles) {
            (Some(r), Some(b)) => Some(format!("{r}; {b}")),
            (r, b) => r.or(b),
        }
    }

    /// Adds a symbol bundle (a newer one for the same module replaces it).
    pub fn add_bundle(&mut self, bundle: err::wasm::symbols::Bundle) {
        self.bundles.retain(|b| b.module != bundle.module);
        self.bundles.push(Rc::new(bundle));
        self.files
            .retain(|_, state| !matches!(state, FileState::Missing(_)));
    }

    /// The symbol bundles loaded.
    pub fn bundles(&self) -> &[Rc<err::wasm::symbols::Bundle>] {
        &self.bundles
    }

    /// The state of a file, when it was asked for.
    pub fn get(&self, file: &str) -> Option<&FileState> {
        self.files.get(file)
    }

    /// Takes sources from under a URL prefix.
    pub fn set_url(&mut self, prefix: String) {
        self.root = if prefix.trim().is_empty() {
            Root::None
        } else {
            Root::Url(prefix.trim().to_owned())
        };
        self.files.clear();
    }

    /// Takes sources from a picked folder (files with their relative paths).
    pub fn set_folder(&mut self, files: Vec<(String, web_sys::File)>) {
        let tree = LocalTree::new(files.iter().map(|(path, _)| path.clone()));
        self.root = Root::Folder {
            tree,
            files: files.into_iter().collect(),
        };
        self.files.clear();
    }
}

enum Fetch {
    Url(String),
    File(web_sys::File),
}

/// Asks for a file's source once; the app re-renders when it arrives.
pub fn request(shared: &Shared, file: &str) {
    let fetch = {
        let mut sources = shared.sources.borrow_mut();
        if sources.files.contains_key(file) {
            return;
        }
        if let Some(text) = sources.bundles.iter().find_map(|b| b.source(file)) {
            let text = Rc::from(text);
            sources
                .files
                .insert(file.to_owned(), FileState::Ready(text));
            drop(sources);
            shared.dispatch.dispatch(Action::SourcesChanged);
            return;
        }
        // Without a root, only the page's own origin is asked: opening a report must not
        // make requests to hosts its data names.
        let same_origin = super::same_origin(file);
        let fetch = match &sources.root {
            Root::Url(prefix) => Some(Fetch::Url(join_url(prefix, &relative_path(file)))),
            Root::Folder { tree, files } => tree
                .find(file)
                .and_then(|path| files.get(path))
                .map(|f| Fetch::File(f.clone())),
            Root::None if same_origin => Some(Fetch::Url(file.to_owned())),
            Root::None => None,
        };
        let state = if fetch.is_some() {
            FileState::Loading
        } else {
            FileState::Missing(String::from("not in the source folder"))
        };
        if matches!(sources.root, Root::None) && fetch.is_none() {
            return;
        }
        sources.files.insert(file.to_owned(), state);
        fetch
    };
    let Some(fetch) = fetch else {
        shared.dispatch.dispatch(Action::SourcesChanged);
        return;
    };
    let shared = shared.clone();
    let file = file.to_owned();
    wasm_bindgen_futures::spawn_local(async move {
        let result = match fetch {
            Fetch::Url(url) => super::http::get_bytes(&url)
                .await
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .map_err(|e| format!("{url} {e}")),
            Fetch::File(f) => super::files::read_text(&f).await,
        };
        let state = match result {
            Ok(text) => FileState::Ready(Rc::from(text)),
            Err(reason) => FileState::Missing(reason),
        };
        shared.sources.borrow_mut().files.insert(file, state);
        shared.dispatch.dispatch(Action::SourcesChanged);
    });
}
