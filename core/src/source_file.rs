//! Source context read from a file, bounded: the one reader the native platform (a panic's
//! own sources) and the CLI (`err symbolicate --src`) share.

use std::path::Path;

use crate::model::SourceContext;

/// Files over this size are not read for context.
pub const MAX_SOURCE_BYTES: u64 = 4 << 20;

/// `context` lines on both sides of `line` of the file at `path`, named `name` in the
/// report; `None` when the file cannot be read, is over [`MAX_SOURCE_BYTES`], or is shorter.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("lib.rs");
/// std::fs::write(&path, "a\nb\nc\nd\n").unwrap();
/// let source = err::source_file::read_context(&path, "src/lib.rs", 2, 1).unwrap();
/// assert_eq!(source.file_name, "src/lib.rs");
/// assert_eq!(source.current_line, 2);
/// ```
pub fn read_context(path: &Path, name: &str, line: u32, context: u32) -> Option<SourceContext> {
    if std::fs::metadata(path).ok()?.len() > MAX_SOURCE_BYTES {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    SourceContext::from_text(name, &text, line, context)
}
