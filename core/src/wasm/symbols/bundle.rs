//! Symbol bundles (`.errsym`): what a browser needs to symbolicate wasm frames offline.
//!
//! `err bundle --wasm app.debug.wasm --src . -o app.errsym` writes one from the module's
//! DWARF: the line table over the module's code (as module byte offsets, the offsets V8 and
//! SpiderMonkey print), the function bodies (for frames that have only a function index),
//! and the text of the source files found under `--src`. The viewer loads it next to reports
//! and places every wasm frame, with its source, without a server.
//!
//! The format is JSON (gzip-compressed by `err bundle`):
//!
//! ```text
//! { "$type": "errsym", "$version": "1.0",
//!   "module": "app_bg.wasm",                       the module's file name
//!   "files": ["/ci/app/src/cart.rs", …],            file table
//!   "rows": [Δoffset, file, line, column, …],      line table: 4 numbers a row, offsets
//!                                                  ascending, each the distance from the
//!                                                  row before; a row covers up to the next
//!   "functions": {"12": [start, end], …},          function bodies by function index
//!   "sources": {"/ci/app/src/cart.rs": "…", …},    texts, by the file table's names
//!   "names": ["core::slice::index::…", …],         function names of the inline chains
//!   "callers": [name, file, line, column, outer, …],
//!                                                  the places code was inlined at, 5
//!                                                  numbers each: the function's name
//!                                                  (index + 1, or 0), file index, line,
//!                                                  column, and the place its function was
//!                                                  itself inlined at (index + 1), or 0 for
//!                                                  the wasm function's own
//!   "inline_runs": [Δrow, name, caller, …] }       runs of rows in one inlined function,
//!                                                  3 numbers each: the first row (the
//!                                                  distance from the last run's), the
//!                                                  inlined function (name index + 1) and
//!                                                  the place it was inlined at (index + 1);
//!                                                  0, 0 for the function's own code. A run
//!                                                  lasts until the next
//! ```
//!
//! Callers are shared by every row inlined through them. `names`, `callers` and `inline_runs`
//! may be absent (a module without inlining, or a bundle of an older writer).
//!
//! ```
//! use err::wasm::symbols::Bundle;
//! let bundle = Bundle::from_slice(br#"{"$type":"errsym","$version":"1.0","module":"app_bg.wasm",
//!     "files":["src/cart.rs"],"rows":[100,0,88,9, 20,0,89,5],"functions":{"3":[90,200]},"sources":{}}"#).unwrap();
//! assert_eq!(bundle.lookup(110), Some(("src/cart.rs", 88, 9)));
//! assert_eq!(bundle.lookup(120), Some(("src/cart.rs", 89, 5)));
//! assert_eq!(bundle.lookup(50), None);
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{symbolicate, Place, Symbols};
use crate::model::ErrorInfo;

/// The `$type` of a bundle.
pub const TYPE: &str = "errsym";
/// The `$version` written and read.
pub const VERSION: &str = "1.0";

/// Why a bundle cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    /// Not JSON, or not a bundle's shape.
    #[error("not a symbol bundle: {0}")]
    Json(#[from] serde_json::Error),
    /// Another document.
    #[error("not a symbol bundle: $type is {0:?}, not \"errsym\"")]
    BadType(String),
    /// A version this reader does not know.
    #[error("symbol bundle version {0:?} is not supported (1.0 is)")]
    BadVersion(String),
    /// The line table is not rows of four, or names a file the table lacks.
    #[error("the bundle's line table is malformed")]
    BadRows,
    /// An inline chain is not places of four, or names a function or file the tables lack.
    #[error("the bundle's inline chains are malformed")]
    BadInlined,
    /// Gzip that does not inflate.
    #[error("the bundle's gzip cannot be read: {0}")]
    Gzip(String),
}

/// A loaded bundle.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Bundle {
    /// `errsym`.
    #[serde(rename = "$type")]
    pub kind: String,
    /// `1.0`.
    #[serde(rename = "$version")]
    pub version: String,
    /// The module's file name (`app_bg.wasm`).
    pub module: String,
    /// The file table.
    pub files: Vec<String>,
    /// The line table, delta-encoded (see the module documentation).
    pub rows: Vec<u64>,
    /// Function bodies by function index: `[start, end)` module offsets.
    pub functions: BTreeMap<u32, (u64, u64)>,
    /// Source texts by file name.
    pub sources: BTreeMap<String, String>,
    /// The module's build id ([`crate::wasm::build_id`]), when it has one: reports of another
    /// build are left alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub build_id: Option<String>,
    /// Function names the inline chains point into.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
    /// The places code was inlined at, 5 numbers each (see the module documentation).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub callers: Vec<u64>,
    /// Runs of rows in one inlined function, 3 numbers each (see the module documentation);
    /// empty when no row is inlined code.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inline_runs: Vec<u64>,
    /// The decoded line table: (offset, file, line, column).
    #[serde(skip)]
    decoded: Vec<(u64, u32, u32, u32)>,
    /// The decoded runs: (first row, inlined function, caller).
    #[serde(skip)]
    runs: Vec<(usize, u64, u64)>,
}

impl Bundle {
    /// A bundle from its rows `(module offset, file name, line, column)` (any order),
    /// function bodies and sources.
    ///
    /// ```
    /// use err::wasm::symbols::Bundle;
    /// let b = Bundle::new("m.wasm", vec![(30, "a.rs".into(), 2, 1), (10, "a.rs".into(), 1, 1)], Default::default(), Default::default());
    /// assert_eq!(b.rows, [10, 0, 1, 1, 20, 0, 2, 1]);
    /// ```
    pub fn new(
        module: impl Into<String>,
        mut rows: Vec<(u64, String, u32, u32)>,
        functions: BTreeMap<u32, (u64, u64)>,
        sources: BTreeMap<String, String>,
    ) -> Self {
        rows.sort_by_key(|r| r.0);
        let mut files: Vec<String> = Vec::new();
        let mut index: BTreeMap<String, u64> = BTreeMap::new();
        let mut encoded = Vec::with_capacity(rows.len() * 4);
        let mut decoded = Vec::with_capacity(rows.len());
        let mut last = 0;
        for (offset, file, line, column) in rows {
            let f = *index.entry(file.clone()).or_insert_with(|| {
                files.push(file);
                files.len() as u64 - 1
            });
            encoded.extend([offset - last, f, u64::from(line), u64::from(column)]);
            decoded.push((offset, f as u32, line, column));
            last = offset;
        }
        Bundle {
            kind: TYPE.to_owned(),
            version: VERSION.to_owned(),
            module: module.into(),
            files,
            rows: encoded,
            functions,
            sources,
            build_id: None,
            names: Vec::new(),
            callers: Vec::new(),
            inline_runs: Vec::new(),
            decoded,
            runs: Vec::new(),
        }
    }

    /// Adds the inline chains: for a row's start offset, its places innermost first (as
    /// DWARF gives them; the first is the row's own place), kept where there is more than
    /// one.
    ///
    /// ```
    /// use err::wasm::symbols::{Bundle, Place, Symbols};
    /// let b = Bundle::new("m.wasm", vec![(10, "a.rs".into(), 7, 1)], Default::default(), Default::default());
    /// let at = |function: &str, line, column| Place { function: Some(function.into()), file: Some("a.rs".into()), line: Some(line), column };
    /// let b = b.with_inlined([(10, vec![at("len", 7, Some(1)), at("app::run", 3, None)])].into_iter().collect());
    /// assert_eq!(b.places(12), [at("len", 7, Some(1)), at("app::run", 3, None)]);
    /// ```
    pub fn with_inlined(mut self, chains: BTreeMap<u64, Vec<Place>>) -> Self {
        let mut names: BTreeMap<String, u64> = BTreeMap::new();
        let mut files: BTreeMap<String, u64> = self
            .files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.clone(), i as u64))
            .collect();
        let mut known: BTreeMap<[u64; 5], u64> = BTreeMap::new();
        let mut row_inline = vec![(0, 0); self.decoded.len()];
        for (offset, chain) in chains.into_iter().filter(|(_, c)| c.len() > 1) {
            let Some(row) = self.row_at(offset).filter(|&r| self.decoded[r].0 == offset) else {
                continue;
            };
            let mut name_of = |name: &Option<String>| {
                name.as_ref().map_or(0, |n| {
                    let next = self.names.len() as u64;
                    let index = *names.entry(n.clone()).or_insert(next);
                    if index == next {
                        self.names.push(n.clone());
                    }
                    index + 1
                })
            };
            let inner = name_of(&chain[0].function);
            // From the wasm function's own place inward, each caller once.
            let mut outer = 0;
            for place in chain[1..].iter().rev() {
                let name = name_of(&place.function);
                let file = place.file.clone().unwrap_or_default();
                let next_file = self.files.len() as u64;
                let file_index = *files.entry(file.clone()).or_insert(next_file);
                if file_index == next_file {
                    self.files.push(file);
                }
                let node = [
                    name,
                    file_index,
                    u64::from(place.line.unwrap_or(0)),
                    u64::from(place.column.unwrap_or(0)),
                    outer,
                ];
                let next = (self.callers.len() / 5) as u64;
                let index = *known.entry(node).or_insert(next);
                if index == next {
                    self.callers.extend(node);
                }
                outer = index + 1;
            }
            row_inline[row] = (inner, outer);
        }
        let mut last = (0, 0);
        let mut last_row = 0;
        for (row, &value) in row_inline.iter().enumerate() {
            if value != last {
                self.inline_runs
                    .extend([(row - last_row) as u64, value.0, value.1]);
                self.runs.push((row, value.0, value.1));
                last = value;
                last_row = row;
            }
        }
        self
    }

    /// Reads a bundle (JSON, or gzip-compressed JSON).
    pub fn from_slice(bytes: &[u8]) -> Result<Self, BundleError> {
        let text;
        let json = if crate::codec::is_gzip(bytes) {
            text = crate::codec::gunzip(bytes).map_err(|e| BundleError::Gzip(e.to_string()))?;
            text.as_bytes()
        } else {
            bytes
        };
        let mut bundle: Bundle = serde_json::from_slice(json)?;
        if bundle.kind != TYPE {
            return Err(BundleError::BadType(bundle.kind));
        }
        if bundle.version != VERSION {
            return Err(BundleError::BadVersion(bundle.version));
        }
        if bundle.rows.len() % 4 != 0 {
            return Err(BundleError::BadRows);
        }
        let mut offset = 0u64;
        let mut decoded = Vec::with_capacity(bundle.rows.len() / 4);
        for row in bundle.rows.chunks_exact(4) {
            offset = offset.checked_add(row[0]).ok_or(BundleError::BadRows)?;
            let file = u32::try_from(row[1]).map_err(|_| BundleError::BadRows)?;
            if file as usize >= bundle.files.len() {
                return Err(BundleError::BadRows);
            }
            let small = |v: u64| u32::try_from(v).map_err(|_| BundleError::BadRows);
            decoded.push((offset, file, small(row[2])?, small(row[3])?));
        }
        bundle.decoded = decoded;
        let names = bundle.names.len() as u64;
        let callers = (bundle.callers.len() / 5) as u64;
        let callers_fit = bundle.callers.len() % 5 == 0
            && bundle.callers.chunks_exact(5).enumerate().all(|(i, c)| {
                c[0] <= names
                    && c[1] < bundle.files.len() as u64
                    && u32::try_from(c[2]).is_ok()
                    && u32::try_from(c[3]).is_ok()
                    // An outer place comes before the places inlined into it: no cycle.
                    && c[4] <= i as u64
            });
        if !callers_fit || bundle.inline_runs.len() % 3 != 0 {
            return Err(BundleError::BadInlined);
        }
        let mut row = 0usize;
        let mut runs = Vec::with_capacity(bundle.inline_runs.len() / 3);
        for run in bundle.inline_runs.chunks_exact(3) {
            row = usize::try_from(run[0])
                .ok()
                .and_then(|d| row.checked_add(d))
                .filter(|&r| r < bundle.decoded.len())
                .ok_or(BundleError::BadInlined)?;
            if run[1] > names || run[2] > callers {
                return Err(BundleError::BadInlined);
            }
            runs.push((row, run[1], run[2]));
        }
        bundle.runs = runs;
        Ok(bundle)
    }

    /// The JSON of the bundle.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The place of a module byte offset: the row at or before it (`None` before the first
    /// row, or where the row has no line).
    pub fn lookup(&self, offset: u64) -> Option<(&str, u32, u32)> {
        let (_, file, line, column) = self.decoded[self.row_at(offset)?];
        (line > 0).then(|| (self.files[file as usize].as_str(), line, column))
    }

    /// The index of the row at or before a module byte offset.
    fn row_at(&self, offset: u64) -> Option<usize> {
        self.decoded
            .partition_point(|r| r.0 <= offset)
            .checked_sub(1)
    }

    /// The inline chain of the row at or before `offset`, innermost first, when it has one.
    fn chain(&self, offset: u64) -> Option<Vec<Place>> {
        let row = self.row_at(offset)?;
        let run = self.runs.partition_point(|r| r.0 <= row).checked_sub(1)?;
        let (_, inner, mut caller) = self.runs[run];
        if caller == 0 {
            return None;
        }
        let text = |table: &[String], i: u64| table.get(usize::try_from(i).ok()?).cloned();
        let name = |i: u64| i.checked_sub(1).and_then(|i| text(&self.names, i));
        let (_, file, line, column) = self.decoded[row];
        let mut places = vec![Place {
            function: name(inner),
            file: text(&self.files, u64::from(file)),
            line: (line > 0).then_some(line),
            column: (column > 0).then_some(column),
        }];
        // Each caller's outer place comes before it (checked on reading): this ends.
        while let Some(c) = caller
            .checked_sub(1)
            .and_then(|i| self.callers.get(usize::try_from(i).ok()? * 5..)?.get(..5))
        {
            places.push(Place {
                function: name(c[0]),
                file: text(&self.files, c[1]).filter(|f| !f.is_empty()),
                line: u32::try_from(c[2]).ok().filter(|l| *l > 0),
                column: u32::try_from(c[3]).ok().filter(|c| *c > 0),
            });
            caller = c[4];
        }
        Some(places)
    }

    /// A function's first line: the first row inside its body.
    pub fn function_place(&self, index: u32) -> Option<(&str, u32, u32)> {
        let (start, end) = *self.functions.get(&index)?;
        let at = self.decoded.partition_point(|r| r.0 < start);
        let (_, file, line, column) = *self.decoded[at..]
            .iter()
            .take_while(|r| r.0 < end)
            .find(|r| r.2 > 0)?;
        Some((self.files[file as usize].as_str(), line, column))
    }

    /// The text of a source file the bundle carries.
    pub fn source(&self, file: &str) -> Option<&str> {
        self.sources.get(file).map(String::as_str)
    }

    /// Places the wasm frames of `info` that come from this bundle's module (or from an
    /// unnamed one): by byte offset, else at their function's first line. Returns how many
    /// (none when the report's build id says it came from another build).
    pub fn symbolicate(&self, info: &mut ErrorInfo) -> usize {
        if let (Some(ours), Some(theirs)) = (&self.build_id, &info.build_id) {
            if crate::wasm::build_id::conflicts(theirs, ours) {
                return 0;
            }
        }
        symbolicate(info, self).placed()
    }
}

impl Symbols for Bundle {
    /// The row's inline chain where it has one, else the row's place.
    fn places(&self, offset: u64) -> Vec<Place> {
        self.chain(offset)
            .unwrap_or_else(|| self.lookup(offset).map(place).into_iter().collect())
    }

    fn function_place(&self, index: u32) -> Option<Place> {
        Bundle::function_place(self, index).map(place)
    }

    fn owns(&self, module: &str) -> bool {
        same_module(module, &self.module)
    }
}

fn place((file, line, column): (&str, u32, u32)) -> Place {
    Place {
        function: None,
        file: Some(file.to_owned()),
        line: Some(line),
        column: (column > 0).then_some(column),
    }
}

/// Whether a frame's module (a URL, or the module's own name as JavaScriptCore prints it)
/// is the bundle's: the same file name, `_bg` aside (wasm-bindgen serves `app_bg.wasm`, the
/// `name` section says `app.wasm`).
fn same_module(frame_module: &str, bundle_module: &str) -> bool {
    let stem = |name: &str| -> String {
        let file = name
            .split(['?', '#'])
            .next()
            .unwrap_or_default()
            .rsplit('/')
            .next()
            .unwrap_or_default();
        let file = file.strip_suffix(".wasm").unwrap_or(file);
        file.strip_suffix("_bg").unwrap_or(file).to_owned()
    };
    !bundle_module.is_empty() && stem(frame_module) == stem(bundle_module)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Frame, FrameKind, Kind};

    fn bundle() -> Bundle {
        let mut functions = BTreeMap::new();
        functions.insert(7, (100, 200));
        Bundle::new(
            "app_bg.wasm",
            vec![
                (100, "src/a.rs".into(), 0, 0),
                (104, "src/a.rs".into(), 10, 5),
                (150, "src/b.rs".into(), 3, 1),
            ],
            functions,
            BTreeMap::new(),
        )
    }

    #[test]
    fn a_round_trip_through_json_keeps_every_lookup() {
        let b = bundle();
        let read = Bundle::from_slice(b.to_json().as_bytes()).unwrap();
        for offset in [0, 100, 103, 104, 149, 150, 10_000] {
            assert_eq!(read.lookup(offset), b.lookup(offset), "{offset}");
        }
        assert_eq!(read.lookup(120), Some(("src/a.rs", 10, 5)));
        assert_eq!(read.lookup(101), None, "a row without a line");
        assert_eq!(read.function_place(7), Some(("src/a.rs", 10, 5)));
    }

    #[test]
    fn only_frames_of_its_module_are_placed() {
        let b = bundle();
        let mut info = ErrorInfo::new(Kind::Panic, "panic", "x");
        let mut ours = Frame::new("app::f");
        ours.frame_kind = FrameKind::Wasm;
        ours.file = Some("http://x/pkg/app_bg.wasm".into());
        ours.wasm_offset = Some(151);
        let mut other = ours.clone();
        other.file = Some("http://x/pkg/other_bg.wasm".into());
        let mut webkit = ours.clone();
        webkit.wasm_offset = None;
        webkit.wasm_function = Some(7);
        info.stack = vec![ours, other, webkit];
        assert_eq!(b.symbolicate(&mut info), 2);
        assert_eq!(info.stack[0].file.as_deref(), Some("src/b.rs"));
        assert_eq!(info.stack[1].line, None);
        assert_eq!(info.stack[2].line, Some(10));
    }

    #[test]
    fn modules_match_by_file_name_with_or_without_bg() {
        assert!(same_module("http://x/pkg/app_bg.wasm?v=2", "app_bg.wasm"));
        assert!(
            same_module("app.wasm", "app_bg.wasm"),
            "JavaScriptCore's name"
        );
        assert!(!same_module("http://x/pkg/other_bg.wasm", "app_bg.wasm"));
        assert!(!same_module("http://x/pkg/myapp_bg.wasm", "app_bg.wasm"));
    }

    #[test]
    fn reports_of_another_build_are_left_alone() {
        let mut b = bundle();
        b.build_id = Some("62b1381679e76cefa5c29a995f59813d".into());
        let read = Bundle::from_slice(b.to_json().as_bytes()).unwrap();
        assert_eq!(read.build_id, b.build_id, "kept through JSON");
        let mut info = ErrorInfo::new(Kind::Panic, "panic", "x");
        let mut frame = Frame::new("app::f");
        frame.frame_kind = FrameKind::Wasm;
        frame.wasm_offset = Some(151);
        info.stack = vec![frame];
        info.build_id = Some("00000000000000000000000000000000".into());
        assert_eq!(read.symbolicate(&mut info.clone()), 0, "another build");
        info.build_id = b.build_id.clone();
        assert_eq!(read.symbolicate(&mut info.clone()), 1, "this build");
        info.build_id = Some("http://x/app_bg.wasm".into());
        assert_eq!(read.symbolicate(&mut info), 1, "a URL says nothing");
    }

    #[test]
    fn malformed_bundles_say_why() {
        let bad = |json: &str| Bundle::from_slice(json.as_bytes()).unwrap_err().to_string();
        assert!(bad(r#"{"$type":"errorinfo","$version":"1.0","module":"m","files":[],"rows":[],"functions":{},"sources":{}}"#).contains("$type"));
        assert!(bad(r#"{"$type":"errsym","$version":"9","module":"m","files":[],"rows":[],"functions":{},"sources":{}}"#).contains("version"));
        assert!(bad(r#"{"$type":"errsym","$version":"1.0","module":"m","files":[],"rows":[1,0,1],"functions":{},"sources":{}}"#).contains("line table"));
        assert!(bad(r#"{"$type":"errsym","$version":"1.0","module":"m","files":[],"rows":[1,0,1,1],"functions":{},"sources":{}}"#).contains("line table"));
        assert!(bad("[").contains("not a symbol bundle"));
    }
}
