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
//!   "sources": {"/ci/app/src/cart.rs": "…", …} }   texts, by the file table's names
//! ```
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
    /// The decoded line table: (offset, file, line, column).
    #[serde(skip)]
    decoded: Vec<(u64, u32, u32, u32)>,
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
            decoded,
        }
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
        Ok(bundle)
    }

    /// The JSON of the bundle.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The place of a module byte offset: the row at or before it (`None` before the first
    /// row, or where the row has no line).
    pub fn lookup(&self, offset: u64) -> Option<(&str, u32, u32)> {
        let at = self
            .decoded
            .partition_point(|r| r.0 <= offset)
            .checked_sub(1)?;
        let (_, file, line, column) = self.decoded[at];
        (line > 0).then(|| (self.files[file as usize].as_str(), line, column))
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
    /// The bundle's line table knows no inlining: one place at most.
    fn places(&self, offset: u64) -> Vec<Place> {
        self.lookup(offset).map(place).into_iter().collect()
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
