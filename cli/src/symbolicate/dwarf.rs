//! A wasm module's DWARF: module byte offsets (what V8 and SpiderMonkey print) to source
//! lines, with inlined frames.
//!
//! DWARF addresses in wasm count from the start of the Code section's contents, the engines'
//! offsets from the start of the module: the difference is the Code section's start
//! (read with wasmparser). A frame with no offset (JavaScriptCore prints none) is placed at
//! its function's first instruction: the function's first line.

use std::borrow::Cow;
use std::collections::HashMap;

use err::wasm::symbols::{Place, Symbols};
use wasmparser::{Parser, Payload};

/// Why a module cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum DwarfError {
    /// Not a wasm module, or a malformed one.
    #[error("not a readable wasm module: {0}")]
    Wasm(String),
    /// No `.debug_info` / `.debug_line`: built without debug information, or stripped.
    #[error("the module has no DWARF (.debug_line): build with `debug = \"line-tables-only\"` and keep it through wasm-bindgen (--keep-debug, or give the *_bg.debug.wasm of --split-debug-info) and wasm-opt (-g)")]
    NoDebugInfo,
    /// The DWARF is malformed.
    #[error("the module's DWARF cannot be read: {0}")]
    Dwarf(String),
}

type Reader = gimli::EndianRcSlice<gimli::RunTimeEndian>;

/// A module's code layout and DWARF.
pub struct Module {
    code_start: u64,
    code_end: u64,
    /// Module offsets of function bodies, by function index (imports have none).
    bodies: HashMap<u32, std::ops::Range<u64>>,
    context: addr2line::Context<Reader>,
    /// The module's `build_id` section, as hex ([`err::wasm::build_id`]).
    build_id: Option<String>,
}

impl Module {
    /// Reads a module's layout and DWARF.
    pub fn parse(bytes: &[u8]) -> Result<Self, DwarfError> {
        let mut sections: HashMap<String, Vec<u8>> = HashMap::new();
        let mut code_start = None;
        let mut code_end = 0;
        let mut imported = 0u32;
        let mut bodies = HashMap::new();
        let mut next_body = 0u32;
        let mut build_id = None;
        for payload in Parser::new(0).parse_all(bytes) {
            match payload.map_err(|e| DwarfError::Wasm(e.to_string()))? {
                Payload::ImportSection(imports) => {
                    for import in imports.into_imports() {
                        let import = import.map_err(|e| DwarfError::Wasm(e.to_string()))?;
                        if matches!(import.ty, wasmparser::TypeRef::Func(_)) {
                            imported += 1;
                        }
                    }
                }
                // DWARF addresses count from the section's contents (after its id and size).
                Payload::CodeSectionStart {
                    unchecked_range, ..
                } => {
                    code_start = Some(unchecked_range.start);
                    code_end = unchecked_range.end;
                }
                Payload::CodeSectionEntry(body) => {
                    bodies.insert(imported + next_body, body.range());
                    next_body += 1;
                }
                Payload::CustomSection(section) if section.name().starts_with(".debug_") => {
                    sections.insert(section.name().to_owned(), section.data().to_vec());
                }
                Payload::CustomSection(section)
                    if section.name() == err::wasm::build_id::SECTION =>
                {
                    build_id = err::wasm::build_id::decode(section.data());
                }
                _ => {}
            }
        }
        let code_start =
            code_start.ok_or_else(|| DwarfError::Wasm(String::from("no code section")))?;
        if !sections.contains_key(".debug_line") {
            return Err(DwarfError::NoDebugInfo);
        }
        let load = |id: gimli::SectionId| -> Result<Reader, gimli::Error> {
            let data = sections.get(id.name()).cloned().unwrap_or_default();
            Ok(gimli::EndianRcSlice::new(
                data.into(),
                gimli::RunTimeEndian::Little,
            ))
        };
        let dwarf = gimli::Dwarf::load(load).map_err(|e| DwarfError::Dwarf(e.to_string()))?;
        let context =
            addr2line::Context::from_dwarf(dwarf).map_err(|e| DwarfError::Dwarf(e.to_string()))?;
        Ok(Module {
            code_start,
            code_end,
            bodies,
            context,
            build_id,
        })
    }

    /// The module's build id (its `build_id` section, hex), when it has one.
    pub fn build_id(&self) -> Option<&str> {
        self.build_id.as_deref()
    }

    /// The places of a module byte offset, the innermost (inlined) first; empty when DWARF
    /// has no line for it.
    pub fn lookup(&self, module_offset: u64) -> Vec<Place> {
        let Some(address) = module_offset.checked_sub(self.code_start) else {
            return Vec::new();
        };
        let mut places = Vec::new();
        let Ok(mut frames) = self.context.find_frames(address).skip_all_loads() else {
            return places;
        };
        while let Ok(Some(frame)) = frames.next() {
            let function = frame
                .function
                .as_ref()
                .and_then(|f| f.demangle().ok())
                .map(Cow::into_owned);
            let location = frame.location.as_ref();
            places.push(Place {
                function,
                file: location.and_then(|l| l.file).map(str::to_owned),
                line: location.and_then(|l| l.line),
                column: location.and_then(|l| l.column),
            });
        }
        if places.iter().all(|p| p.line.is_none()) {
            if let Ok(Some(location)) = self.context.find_location(address) {
                places = vec![Place {
                    function: None,
                    file: location.file.map(str::to_owned),
                    line: location.line,
                    column: location.column,
                }];
            }
        }
        places
    }

    /// Every row of the line table over the Code section: (module offset, file, line,
    /// column), for a symbol bundle.
    pub fn line_rows(&self) -> Vec<(u64, String, u32, u32)> {
        let Ok(rows) = self
            .context
            .find_location_range(0, self.code_end.saturating_sub(self.code_start))
        else {
            return Vec::new();
        };
        rows.map(|(address, _, location)| {
            (
                address + self.code_start,
                location.file.unwrap_or_default().to_owned(),
                location.line.unwrap_or(0),
                location.column.unwrap_or(0),
            )
        })
        .collect()
    }

    /// The function bodies by function index: `[start, end)` module offsets.
    pub fn bodies(&self) -> std::collections::BTreeMap<u32, (u64, u64)> {
        self.bodies
            .iter()
            .map(|(index, range)| (*index, (range.start, range.end)))
            .collect()
    }

    /// A function's first line (the first line-table row inside its body), for frames that
    /// have no byte offset, when the function is defined in the module and DWARF covers it.
    pub fn function_place(&self, index: u32) -> Option<Place> {
        let body = self.bodies.get(&index)?;
        let low = body.start.checked_sub(self.code_start)?;
        let high = body.end.checked_sub(self.code_start)?;
        let (_, _, location) = self
            .context
            .find_location_range(low, high)
            .ok()?
            .find(|(_, _, l)| l.line.is_some())?;
        Some(Place {
            function: None,
            file: location.file.map(str::to_owned),
            line: location.line,
            column: location.column,
        })
    }
}

impl Symbols for Module {
    fn places(&self, offset: u64) -> Vec<Place> {
        self.lookup(offset)
    }

    fn function_place(&self, index: u32) -> Option<Place> {
        Module::function_place(self, index)
    }
}
