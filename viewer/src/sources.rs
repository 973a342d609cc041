//! Source files for frames whose report carries no lines: what is known of each file asked
//! for, and where it is read from — a symbol bundle, a URL prefix, a folder the user picked,
//! or a script's own URL (on the viewer's origin) when nothing else is given.
//!
//! The reading itself is the browser's (`web::sources`); `F` is a picked file's handle.
//!
//! ```
//! use gufo_err_viewer::sources::{Fetch, Plan, Sources};
//! let mut sources = Sources::<()>::default();
//! sources.set_url("https://example.com/src".into());
//! let Plan::Fetch(Fetch::Url(url)) = sources.plan("/app/src/lib.rs", |_| false) else { panic!() };
//! assert_eq!(url, "https://example.com/src/app/src/lib.rs");
//! assert!(matches!(sources.plan("/app/src/lib.rs", |_| false), Plan::Known));
//! ```

use std::collections::HashMap;
use std::rc::Rc;

use err::wasm::symbols::Bundle;

use crate::source_path::{join_url, relative_path, LocalTree};

/// Where source files come from.
enum Root<F> {
    /// Nowhere but scripts' own `http(s)` URLs.
    None,
    /// `{prefix}/{relative path}`.
    Url(String),
    /// A folder the user picked: its files by relative path.
    Folder {
        /// The relative paths, searchable.
        tree: LocalTree,
        /// The files by relative path.
        files: HashMap<String, F>,
    },
}

/// One source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileState {
    /// Being fetched or read.
    Loading,
    /// Its text.
    Ready(Rc<str>),
    /// Why it is not there.
    Missing(String),
}

/// Where to read one file from.
#[derive(Debug, PartialEq, Eq)]
pub enum Fetch<F> {
    /// A URL.
    Url(String),
    /// A file of the picked folder.
    File(F),
}

/// What asking for a file needs done.
#[derive(Debug, PartialEq, Eq)]
pub enum Plan<F> {
    /// Nothing: it was asked for before, or there is nowhere to ask.
    Known,
    /// Its state is settled now (from a symbol bundle, or missing from the folder): show it.
    Changed,
    /// Read it from there, then hand the result to [`Sources::arrived`].
    Fetch(Fetch<F>),
}

/// The source root, the symbol bundles, and the files read from them, by the report's file
/// name.
pub struct Sources<F> {
    root: Root<F>,
    files: HashMap<String, FileState>,
    bundles: Vec<Rc<Bundle>>,
}

impl<F> Default for Sources<F> {
    fn default() -> Self {
        Self {
            root: Root::None,
            files: HashMap::new(),
            bundles: Vec::new(),
        }
    }
}

impl<F: Clone> Sources<F> {
    /// What the root and the bundles are, for people.
    ///
    /// ```
    /// let mut sources = gufo_err_viewer::sources::Sources::default();
    /// assert_eq!(sources.describe(), None);
    /// sources.set_folder(vec![("src/lib.rs".to_owned(), ())]);
    /// assert_eq!(sources.describe().as_deref(), Some("a folder of 1 files"));
    /// ```
    pub fn describe(&self) -> Option<String> {
        let root = match &self.root {
            Root::None => None,
            Root::Url(prefix) => Some(prefix.clone()),
            Root::Folder { tree, .. } => Some(format!("a folder of {} files", tree.len())),
        };
        let bundles = match self.bundles.as_slice() {
            [] => None,
            [one] => Some(format!("symbols of {}", one.module)),
            many => Some(format!("{} symbol bundles", many.len())),
        };
        match (root, bundles) {
            (Some(r), Some(b)) => Some(format!("{r}; {b}")),
            (r, b) => r.or(b),
        }
    }

    /// Adds a symbol bundle (a newer one for the same module replaces it); files missing so
    /// far are asked for again.
    pub fn add_bundle(&mut self, bundle: Bundle) {
        self.bundles.retain(|b| b.module != bundle.module);
        self.bundles.push(Rc::new(bundle));
        self.files
            .retain(|_, state| !matches!(state, FileState::Missing(_)));
    }

    /// The symbol bundles loaded.
    pub fn bundles(&self) -> &[Rc<Bundle>] {
        &self.bundles
    }

    /// The state of a file, when it was asked for.
    pub fn get(&self, file: &str) -> Option<&FileState> {
        self.files.get(file)
    }

    /// Takes sources from under a URL prefix (none when blank).
    pub fn set_url(&mut self, prefix: String) {
        self.root = if prefix.trim().is_empty() {
            Root::None
        } else {
            Root::Url(prefix.trim().to_owned())
        };
        self.files.clear();
    }

    /// Takes sources from a picked folder (files with their relative paths).
    pub fn set_folder(&mut self, files: Vec<(String, F)>) {
        let tree = LocalTree::new(files.iter().map(|(path, _)| path.clone()));
        self.root = Root::Folder {
            tree,
            files: files.into_iter().collect(),
        };
        self.files.clear();
    }

    /// Asks for `file` (once): its text from a bundle, or where to read it. Without a root,
    /// only the page's own origin is asked (`same_origin`, asked only then): opening a report
    /// must not make requests to hosts its data names.
    pub fn plan(&mut self, file: &str, same_origin: impl FnOnce(&str) -> bool) -> Plan<F> {
        if self.files.contains_key(file) {
            return Plan::Known;
        }
        if let Some(text) = self.bundles.iter().find_map(|b| b.source(file)) {
            self.files
                .insert(file.to_owned(), FileState::Ready(Rc::from(text)));
            return Plan::Changed;
        }
        let fetch = match &self.root {
            Root::Url(prefix) => Some(Fetch::Url(join_url(prefix, &relative_path(file)))),
            Root::Folder { tree, files } => tree
                .find(file)
                .and_then(|path| files.get(path))
                .map(|f| Fetch::File(f.clone())),
            Root::None if same_origin(file) => Some(Fetch::Url(file.to_owned())),
            Root::None => return Plan::Known,
        };
        match fetch {
            Some(fetch) => {
                self.files.insert(file.to_owned(), FileState::Loading);
                Plan::Fetch(fetch)
            }
            None => {
                let missing = FileState::Missing(String::from("not in the source folder"));
                self.files.insert(file.to_owned(), missing);
                Plan::Changed
            }
        }
    }

    /// What reading a file gave.
    pub fn arrived(&mut self, file: String, state: FileState) {
        self.files.insert(file, state);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_root_only_the_pages_own_origin_is_asked() {
        let mut sources = Sources::<()>::default();
        let own = "http://127.0.0.1:8080/pkg/app.js";
        assert_eq!(
            sources.plan(own, |_| true),
            Plan::Fetch(Fetch::Url(own.to_owned()))
        );
        assert_eq!(sources.get(own), Some(&FileState::Loading));
        assert_eq!(
            sources.plan("https://evil.example/x.js", |_| false),
            Plan::Known
        );
        assert_eq!(sources.get("https://evil.example/x.js"), None);
    }

    #[test]
    fn a_folder_gives_its_file_by_the_longest_shared_tail_or_says_it_is_missing() {
        let mut sources = Sources::default();
        sources.set_folder(vec![
            ("src/lib.rs".to_owned(), 1),
            ("src/cases/mod.rs".to_owned(), 2),
        ]);
        assert_eq!(
            sources.plan("/build/app/src/cases/mod.rs", |_| true),
            Plan::Fetch(Fetch::File(2))
        );
        assert_eq!(
            sources.plan("/build/app/src/main.rs", |_| true),
            Plan::Changed
        );
        assert!(matches!(
            sources.get("/build/app/src/main.rs"),
            Some(FileState::Missing(_))
        ));
    }

    #[test]
    fn a_file_that_arrived_is_ready_until_the_root_changes() {
        let mut sources = Sources::<()>::default();
        sources.set_url("/src".into());
        let Plan::Fetch(Fetch::Url(url)) = sources.plan("src/lib.rs", |_| false) else {
            panic!("a URL root fetches");
        };
        assert_eq!(url, "/src/src/lib.rs");
        sources.arrived(
            "src/lib.rs".into(),
            FileState::Ready(Rc::from("fn main() {}")),
        );
        assert_eq!(
            sources.get("src/lib.rs"),
            Some(&FileState::Ready(Rc::from("fn main() {}")))
        );
        sources.set_url("  ".into());
        assert_eq!(sources.get("src/lib.rs"), None);
        assert_eq!(sources.describe(), None);
    }
}
