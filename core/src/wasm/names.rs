//! Function names from a wasm module's `name` custom section.
//!
//! Engines print wasm frames with the names in this section; JavaScriptCore sometimes
//! prints only the function index (`589@<?>:wasm-function[589]`). The section maps the
//! indices back to names. The reader is bounded and never panics on bad input; it is
//! hand-written (a few LEB128 reads) to keep the browser hook small.
//!
//! ```
//! use err::wasm::names::FunctionNames;
//! // A module with a name section naming function 3 `app::run`.
//! let mut module = b"\0asm\x01\0\0\0".to_vec();
//! let mut payload = b"\x04name".to_vec();
//! let sub = [&[1u8, 3, 8][..], b"app::run"].concat();
//! payload.extend([1u8, sub.len() as u8]);
//! payload.extend(&sub);
//! module.extend([0u8, payload.len() as u8]);
//! module.extend(&payload);
//! let names = FunctionNames::from_module(&module).unwrap();
//! assert_eq!(names.get(3), Some("app::run"));
//! assert_eq!(names.get(4), None);
//! ```

use std::collections::HashMap;

use super::leb128::{Reader, Truncated};

/// Why a module or name section could not be read.
///
/// ```
/// let e = err::wasm::names::FunctionNames::from_module(b"not wasm").unwrap_err();
/// assert_eq!(e.to_string(), "not a wasm module (bad magic number)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameSectionError {
    /// The bytes do not start with `\0asm`.
    #[error("not a wasm module (bad magic number)")]
    NotWasm,
    /// The module has no `name` section (built with `strip = true`, or `wasm-opt` without `-g`).
    #[error("the module has no name section")]
    Missing,
    /// The data ends in the middle of a field.
    #[error("truncated at byte {0}")]
    Truncated(usize),
}

impl From<Truncated> for NameSectionError {
    fn from(Truncated(at): Truncated) -> Self {
        NameSectionError::Truncated(at)
    }
}

/// Wasm function index to name, and the module's own name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FunctionNames {
    functions: HashMap<u32, String>,
    module: Option<String>,
}

impl FunctionNames {
    /// Reads the names from a whole module's bytes.
    pub fn from_module(module: &[u8]) -> Result<Self, NameSectionError> {
        if !module.starts_with(b"\0asm") || module.len() < 8 {
            return Err(NameSectionError::NotWasm);
        }
        let mut reader = Reader::from(module, 8);
        while !reader.done() {
            let id = reader.byte()?;
            let size = reader.length()?;
            let section = reader.take(size)?;
            if id != 0 {
                continue;
            }
            let mut custom = Reader::new(section);
            let name_len = custom.length()?;
            if custom.take(name_len)? == b"name" {
                return Self::from_name_section(&section[custom.position()..]);
            }
        }
        Err(NameSectionError::Missing)
    }

    /// Reads the names from the payload of a `name` custom section (what
    /// `WebAssembly.Module.customSections(module, "name")` returns).
    ///
    /// ```
    /// let names = err::wasm::names::FunctionNames::from_name_section(&[1, 4, 1, 0, 1, b'f']).unwrap();
    /// assert_eq!(names.get(0), Some("f"));
    /// ```
    pub fn from_name_section(payload: &[u8]) -> Result<Self, NameSectionError> {
        let mut reader = Reader::new(payload);
        let mut names = HashMap::new();
        let mut module = None;
        while !reader.done() {
            let id = reader.byte()?;
            let size = reader.length()?;
            let subsection = reader.take(size)?;
            let mut sub = Reader::new(subsection);
            if id == 0 {
                let len = sub.length()?;
                module = Some(String::from_utf8_lossy(sub.take(len)?).into_owned());
                continue;
            }
            if id != 1 {
                continue;
            }
            let count = sub.length()?;
            for _ in 0..count {
                let index = sub.u32()?;
                let len = sub.length()?;
                let name = String::from_utf8_lossy(sub.take(len)?).into_owned();
                names.insert(index, name);
            }
        }
        Ok(Self {
            functions: names,
            module,
        })
    }

    /// The name of function `index`.
    pub fn get(&self, index: u32) -> Option<&str> {
        self.functions.get(&index).map(String::as_str)
    }

    /// The module's own name (subsection 0), when the section has one.
    ///
    /// ```
    /// let names = err::wasm::names::FunctionNames::from_name_section(&[0, 4, 3, b'a', b'p', b'p']).unwrap();
    /// assert_eq!(names.module(), Some("app"));
    /// ```
    pub fn module(&self) -> Option<&str> {
        self.module.as_deref()
    }

    /// How many functions are named.
    ///
    /// ```
    /// assert_eq!(err::wasm::names::FunctionNames::default().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.functions.len()
    }

    /// Whether no function is named.
    ///
    /// ```
    /// assert!(err::wasm::names::FunctionNames::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.functions.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncated_sections_are_errors_not_panics() {
        assert_eq!(
            FunctionNames::from_name_section(&[1, 9, 1]),
            Err(NameSectionError::Truncated(2))
        );
        assert_eq!(
            FunctionNames::from_module(b"\0asm\x01\0\0\0\0\xff"),
            Err(NameSectionError::Truncated(10))
        );
        assert_eq!(
            FunctionNames::from_module(b"\0asm\x01\0\0\0"),
            Err(NameSectionError::Missing)
        );
    }
}
