//! One stack frame, as parsed, normalized and analyzed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What kind of code a frame runs.
///
/// ```
/// use err::model::FrameKind;
/// assert_eq!(serde_json::to_string(&FrameKind::Wasm).unwrap(), "\"wasm\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum FrameKind {
    /// JavaScript with a URL, line and column.
    Js,
    /// A WebAssembly function (`wasm-function[N]`).
    Wasm,
    /// Native machine code (a Rust backtrace frame).
    Native,
    /// Code run by `eval` or `new Function`.
    Eval,
    /// An engine built-in (`native`, `[native code]`, `<anonymous>`).
    Builtin,
    /// Anything else, kept with its raw text.
    #[default]
    Unknown,
}

/// Source lines around a frame's current line (Gufo Err's `source`).
///
/// ```
/// use err::model::SourceContext;
/// let s = SourceContext {
///     file_name: "src/lib.rs".into(),
///     first_line: 9,
///     current_line: 10,
///     lines: vec!["fn f() {".into(), "    panic!()".into()],
/// };
/// assert_eq!(s.current(), Some("    panic!()"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceContext {
    /// The file the lines come from.
    pub file_name: String,
    /// The number of `lines[0]` (1-based).
    pub first_line: u32,
    /// The number of the line being executed (1-based).
    pub current_line: u32,
    /// The lines, without line ends.
    pub lines: Vec<String>,
}

impl SourceContext {
    /// The lines around `line` (1-based; 0 is taken as 1) of a file's text, `context` on each
    /// side; `None` when the text has no such line.
    ///
    /// ```
    /// use err::model::SourceContext;
    /// let c = SourceContext::from_text("src/a.rs", "one\ntwo\nthree\nfour", 2, 1).unwrap();
    /// assert_eq!((c.first_line, c.lines.len(), c.current()), (1, 3, Some("two")));
    /// assert!(SourceContext::from_text("src/a.rs", "one", 5, 1).is_none());
    /// ```
    pub fn from_text(file_name: &str, text: &str, line: u32, context: u32) -> Option<Self> {
        let line = line.max(1);
        let first = line.saturating_sub(context).max(1);
        let last = line.saturating_add(context);
        let skip = usize::try_from(first - 1).ok()?;
        let take = usize::try_from(last - first + 1).ok()?;
        let lines: Vec<String> = text
            .lines()
            .skip(skip)
            .take(take)
            .map(str::to_owned)
            .collect();
        if lines.len() < usize::try_from(line - first + 1).ok()? {
            return None;
        }
        Some(SourceContext {
            file_name: file_name.to_owned(),
            first_line: first,
            current_line: line,
            lines,
        })
    }

    /// The text of the current line, when it is among `lines`.
    ///
    /// ```
    /// # use err::model::SourceContext;
    /// let s = SourceContext { file_name: "a".into(), first_line: 1, current_line: 5, lines: vec![] };
    /// assert_eq!(s.current(), None);
    /// ```
    pub fn current(&self) -> Option<&str> {
        let index = self.current_line.checked_sub(self.first_line)?;
        self.lines
            .get(usize::try_from(index).ok()?)
            .map(String::as_str)
    }
}

/// One frame of a stack.
///
/// `name`, `module`, `locals` and `source` keep their Gufo Err 1.0 meaning (the callable's
/// own name, the module path it lives in, its variables, source around the current line);
/// the rest is what a web stack adds. Build one with [`Frame::new`]:
///
/// ```
/// use err::model::Frame;
/// let f = Frame::new("app::cart::total");
/// assert_eq!(f.name, "total");
/// assert_eq!(f.module.as_deref(), Some("app::cart"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Frame {
    /// The callable's own name, the last path segment of `function`.
    pub name: String,
    /// The module path of the callable, when it has one.
    pub module: Option<String>,
    /// Variables of the frame (Python reports carry them; Rust and JS frames do not).
    #[serde(default)]
    pub locals: BTreeMap<String, serde_json::Value>,
    /// Source lines around the current line, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceContext>,
    /// The full function name: demangled, without hashes, disambiguators or glue suffixes.
    #[serde(default)]
    pub function: String,
    /// What kind of code the frame runs.
    #[serde(default)]
    pub frame_kind: FrameKind,
    /// The file or URL of the code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// 1-based line in `file`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// 1-based column in `file`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// The wasm function index (`wasm-function[N]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wasm_function: Option<u32>,
    /// The byte offset in the wasm module (`:0x1a2b`), as V8 and SpiderMonkey give it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wasm_offset: Option<u64>,
    /// Whether the frame belongs to the application rather than a library or the runtime.
    #[serde(default)]
    pub in_app: bool,
    /// The line of the stack this frame was parsed from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
}

impl Frame {
    /// A frame for the function `function`, with `name` and `module` split from it.
    ///
    /// Rust paths split at the last `::` outside of `<...>`; JS names at the last `.`.
    ///
    /// ```
    /// # use err::model::Frame;
    /// let f = Frame::new("<app::Cart as core::ops::Drop>::drop");
    /// assert_eq!(f.name, "drop");
    /// assert_eq!(f.module.as_deref(), Some("<app::Cart as core::ops::Drop>"));
    /// let js = Frame::new("Cart.total");
    /// assert_eq!((js.name.as_str(), js.module.as_deref()), ("total", Some("Cart")));
    /// ```
    pub fn new(function: impl Into<String>) -> Self {
        let function = function.into();
        let (module, name) = split_function(&function);
        Self {
            name: name.to_owned(),
            module: module.map(str::to_owned),
            locals: BTreeMap::new(),
            source: None,
            function,
            frame_kind: FrameKind::Unknown,
            file: None,
            line: None,
            column: None,
            wasm_function: None,
            wasm_offset: None,
            in_app: false,
            raw: None,
        }
    }

    /// Replaces the function name, keeping `name` and `module` in step.
    ///
    /// ```
    /// # use err::model::Frame;
    /// let mut f = Frame::new("a::b");
    /// f.set_function("c::d::e");
    /// assert_eq!((f.name.as_str(), f.module.as_deref()), ("e", Some("c::d")));
    /// ```
    pub fn set_function(&mut self, function: impl Into<String>) {
        let function = function.into();
        let (module, name) = split_function(&function);
        self.name = name.to_owned();
        self.module = module.map(str::to_owned);
        self.function = function;
    }

    /// A short place for people: `file:line:column`, or the wasm function and offset.
    ///
    /// ```
    /// # use err::model::Frame;
    /// let mut f = Frame::new("f");
    /// f.wasm_function = Some(12);
    /// f.wasm_offset = Some(0x1a2b);
    /// assert_eq!(f.place(), "wasm-function[12]:0x1a2b");
    /// ```
    pub fn place(&self) -> String {
        match (&self.file, self.line, self.wasm_function) {
            (Some(file), Some(line), _) => match self.column {
                Some(column) => format!("{file}:{line}:{column}"),
                None => format!("{file}:{line}"),
            },
            (_, _, Some(index)) => match self.wasm_offset {
                Some(offset) => format!("wasm-function[{index}]:{offset:#x}"),
                None => format!("wasm-function[{index}]"),
            },
            (Some(file), None, None) => file.clone(),
            (None, _, None) => String::from("<unknown>"),
        }
    }
}

/// Splits `a::b::c` into (`a::b`, `c`), `A.b` into (`A`, `b`), ignoring separators inside
/// `<...>`, `(...)` and `{...}`.
fn split_function(function: &str) -> (Option<&str>, &str) {
    let bytes = function.as_bytes();
    let mut depth = 0i32;
    let mut split: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' | b'(' | b'{' | b'[' => depth += 1,
            b'>' | b')' | b'}' | b']' => depth -= 1,
            b':' if depth == 0 && bytes.get(i + 1) == Some(&b':') => {
                split = Some((i, i + 2));
                i += 1;
            }
            b'.' if depth == 0 && !function.contains("::") => split = Some((i, i + 1)),
            _ => {}
        }
        i += 1;
    }
    match split {
        Some((end, start)) if end > 0 && start < function.len() => {
            (Some(&function[..end]), &function[start..])
        }
        _ => (None, function),
    }
}
