//! Finding a frame's source file under a root the user gives.
//!
//! Reports name files as the compiler or the engine did: `src/cart.rs`,
//! `/home/ci/shop/src/cart.rs`, `/rustc/<hash>/library/core/src/option.rs`, a cargo registry
//! path, or a script's URL. [`relative_path`] maps each to the path it most likely has in a
//! source tree; under a URL prefix that path is fetched ([`join_url`]), and in a folder the
//! user picked, [`LocalTree::find`] takes the file sharing the longest tail of path
//! components (so `--remap-path-prefix` and checkouts in other places still match).
//!
//! ```
//! use gufo_err_viewer::source_path::{relative_path, LocalTree};
//! assert_eq!(relative_path("/rustc/0123abcd/library/core/src/option.rs"), "library/core/src/option.rs");
//! let tree = LocalTree::new(["shop/src/lib.rs", "shop/src/cart.rs", "other/src/cart.rs"]);
//! assert_eq!(tree.find("/home/ci/work/shop/src/cart.rs"), Some("shop/src/cart.rs"));
//! ```

use std::cmp::Reverse;
use std::collections::HashMap;

/// The path a file most likely has inside a source tree.
///
/// - a URL's path (`http://host/pkg/app.js?v=1` → `pkg/app.js`), `file://` and `webpack://`
///   prefixes dropped;
/// - std's sources (`/rustc/<commit>/library/…`) → `library/…`;
/// - a cargo registry or git checkout → the crate folder (`serde-1.0.228/src/de.rs`);
/// - any other absolute path loses its leading `/`.
///
/// ```
/// use gufo_err_viewer::source_path::relative_path;
/// assert_eq!(relative_path("http://127.0.0.1:8080/pkg/app.js?v=2#x"), "pkg/app.js");
/// assert_eq!(relative_path("/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/serde-1.0.228/src/de.rs"), "serde-1.0.228/src/de.rs");
/// assert_eq!(relative_path("./src/main.rs"), "src/main.rs");
/// assert_eq!(relative_path("C:\\work\\shop\\src\\main.rs"), "work/shop/src/main.rs");
/// ```
pub fn relative_path(file: &str) -> String {
    let mut path = file.replace('\\', "/");
    for scheme in ["webpack:///", "webpack://", "file://"] {
        if let Some(rest) = path.strip_prefix(scheme) {
            path = rest.to_owned();
        }
    }
    if let Some(rest) = path
        .strip_prefix("http://")
        .or_else(|| path.strip_prefix("https://"))
    {
        let after_host = rest.find('/').map_or("", |i| &rest[i..]);
        let end = after_host.find(['?', '#']).unwrap_or(after_host.len());
        path = after_host[..end].to_owned();
    }
    if let Some(rest) = path.strip_prefix("/rustc/") {
        if let Some((_commit, inner)) = rest.split_once('/') {
            path = inner.to_owned();
        }
    }
    for marker in ["/.cargo/registry/src/", "/.cargo/git/checkouts/"] {
        if let Some(at) = path.find(marker) {
            // Skip the index (or repository) folder, and for git the revision folder too.
            let rest = &path[at + marker.len()..];
            let skip = if marker.contains("git") { 2 } else { 1 };
            path = rest.splitn(skip + 1, '/').last().unwrap_or(rest).to_owned();
        }
    }
    // A Windows drive.
    if path.len() > 2 && path.as_bytes()[1] == b':' && path.as_bytes()[2] == b'/' {
        path = path[3..].to_owned();
    }
    path.trim_start_matches("./")
        .trim_start_matches('/')
        .to_owned()
}

/// `prefix` and a relative path joined with one `/`.
///
/// ```
/// use gufo_err_viewer::source_path::join_url;
/// assert_eq!(join_url("http://h/src/", "/a/b.rs"), "http://h/src/a/b.rs");
/// assert_eq!(join_url("http://h/src", "a/b.rs"), "http://h/src/a/b.rs");
/// ```
pub fn join_url(prefix: &str, relative: &str) -> String {
    format!(
        "{}/{}",
        prefix.trim_end_matches('/'),
        relative.trim_start_matches('/')
    )
}

/// The files of a folder the user picked (their paths relative to it), searchable by a
/// report's file names.
#[derive(Debug, Default, Clone)]
pub struct LocalTree {
    paths: Vec<String>,
    by_name: HashMap<String, Vec<usize>>,
}

impl LocalTree {
    /// A tree of these relative paths.
    pub fn new<S: Into<String>>(paths: impl IntoIterator<Item = S>) -> Self {
        let mut tree = LocalTree::default();
        for path in paths {
            let path: String = path.into().replace('\\', "/");
            let name = path.rsplit('/').next().unwrap_or_default().to_owned();
            tree.by_name.entry(name).or_default().push(tree.paths.len());
            tree.paths.push(path);
        }
        tree
    }

    /// How many files the tree has.
    pub fn len(&self) -> usize {
        self.paths.len()
    }

    /// Whether the tree is empty.
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    /// The tree's file that is `file`: the one sharing the longest tail of path components
    /// with it (at least the file name); on a tie the shortest path, then the first in
    /// alphabetical order.
    ///
    /// ```
    /// use gufo_err_viewer::source_path::LocalTree;
    /// let tree = LocalTree::new(["a/src/lib.rs", "b/src/lib.rs", "b/tests/lib.rs"]);
    /// assert_eq!(tree.find("b/src/lib.rs"), Some("b/src/lib.rs"));
    /// assert_eq!(tree.find("src/main.rs"), None);
    /// ```
    pub fn find(&self, file: &str) -> Option<&str> {
        let wanted = relative_path(file);
        let wanted: Vec<&str> = wanted.split('/').filter(|c| !c.is_empty()).collect();
        let name = wanted.last()?;
        self.by_name
            .get(*name)?
            .iter()
            .map(|&i| {
                let path = self.paths[i].as_str();
                let shared = path
                    .split('/')
                    .rev()
                    .zip(wanted.iter().rev())
                    .take_while(|(a, b)| a == *b)
                    .count();
                (shared, Reverse(path.len()), Reverse(path))
            })
            .max()
            .map(|(_, _, Reverse(path))| path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn git_checkouts_and_webpack_urls_map_to_their_crate_paths() {
        assert_eq!(
            relative_path("/home/u/.cargo/git/checkouts/yew-1a2b/abc1234/packages/yew/src/lib.rs"),
            "packages/yew/src/lib.rs"
        );
        assert_eq!(relative_path("webpack:///./src/index.js"), "src/index.js");
        assert_eq!(
            relative_path("tests/panicker/src/lib.rs"),
            "tests/panicker/src/lib.rs"
        );
    }

    #[test]
    fn the_longest_shared_tail_wins_and_ties_take_the_shortest_path() {
        let tree = LocalTree::new(["x/src/cart.rs", "deep/x/src/cart.rs", "y/src/cart.rs"]);
        assert_eq!(tree.find("/ci/x/src/cart.rs"), Some("x/src/cart.rs"));
        assert_eq!(tree.find("cart.rs"), Some("x/src/cart.rs"));
        assert_eq!(tree.len(), 3);
    }
}
