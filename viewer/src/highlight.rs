//! A small, line-by-line syntax highlighter for Rust, JavaScript and Python source lines.
//!
//! It colors keywords, strings, comments, numbers and Rust macros; it is a reading aid, not
//! a parser (a block comment spanning lines is colored on its first line only). Tokens are
//! slices of the line, rendered as text by the components, never as HTML.
//!
//! ```
//! use gufo_err_viewer::highlight::{highlight, Language, Token};
//! let tokens = highlight("let x = vec![1]; // one", Language::Rust);
//! assert_eq!(tokens[0], (Token::Keyword, "let"));
//! assert!(tokens.contains(&(Token::Macro, "vec!")));
//! assert_eq!(tokens.last(), Some(&(Token::Comment, "// one")));
//! ```

/// What a piece of a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    /// Anything else.
    Plain,
    /// A language keyword.
    Keyword,
    /// A string or character literal.
    String,
    /// A comment, to the end of the line.
    Comment,
    /// A number.
    Number,
    /// A Rust macro call (`panic!`).
    Macro,
}

impl Token {
    /// The CSS class of the token.
    ///
    /// ```
    /// assert_eq!(gufo_err_viewer::highlight::Token::Keyword.class(), "tok-kw");
    /// ```
    pub fn class(self) -> &'static str {
        match self {
            Token::Plain => "",
            Token::Keyword => "tok-kw",
            Token::String => "tok-str",
            Token::Comment => "tok-com",
            Token::Number => "tok-num",
            Token::Macro => "tok-mac",
        }
    }
}

/// The language of a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// `.rs`
    Rust,
    /// `.js`, `.mjs`, `.ts`
    Js,
    /// `.py`
    Python,
    /// Anything else: no colors.
    Plain,
}

impl Language {
    /// The language of a file name or URL.
    ///
    /// ```
    /// use gufo_err_viewer::highlight::Language;
    /// assert_eq!(Language::of("src/main.rs"), Language::Rust);
    /// assert_eq!(Language::of("http://x/app.mjs?v=1"), Language::Js);
    /// assert_eq!(Language::of("README"), Language::Plain);
    /// ```
    pub fn of(file: &str) -> Language {
        let path = file.split(['?', '#']).next().unwrap_or_default();
        match path.rsplit_once('.').map(|(_, ext)| ext) {
            Some("rs") => Language::Rust,
            Some("js" | "mjs" | "cjs" | "ts" | "tsx" | "jsx") => Language::Js,
            Some("py") => Language::Python,
            _ => Language::Plain,
        }
    }

    fn keywords(self) -> &'static [&'static str] {
        match self {
            Language::Rust => &[
                "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else",
                "enum", "extern", "false", "fn", "for", "if", "impl", "in", "let", "loop", "match",
                "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct",
                "super", "trait", "true", "type", "unsafe", "use", "where", "while",
            ],
            Language::Js => &[
                "async",
                "await",
                "break",
                "case",
                "catch",
                "class",
                "const",
                "continue",
                "default",
                "delete",
                "do",
                "else",
                "export",
                "extends",
                "false",
                "finally",
                "for",
                "function",
                "if",
                "import",
                "in",
                "instanceof",
                "let",
                "new",
                "null",
                "return",
                "super",
                "switch",
                "this",
                "throw",
                "true",
                "try",
                "typeof",
                "undefined",
                "var",
                "void",
                "while",
                "yield",
            ],
            Language::Python => &[
                "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
                "del", "elif", "else", "except", "False", "finally", "for", "from", "global", "if",
                "import", "in", "is", "lambda", "None", "nonlocal", "not", "or", "pass", "raise",
                "return", "True", "try", "while", "with", "yield",
            ],
            Language::Plain => &[],
        }
    }

    fn line_comment(self) -> Option<&'static str> {
        match self {
            Language::Rust | Language::Js => Some("//"),
            Language::Python => Some("#"),
            Language::Plain => None,
        }
    }
}

/// The tokens of one line; together they are the whole line.
pub fn highlight(line: &str, language: Language) -> Vec<(Token, &str)> {
    if language == Language::Plain {
        return vec![(Token::Plain, line)];
    }
    let mut spans: Vec<(Token, std::ops::Range<usize>)> = Vec::new();
    let mut push = |token: Token, range: std::ops::Range<usize>| {
        if range.is_empty() {
            return;
        }
        match spans.last_mut() {
            // Consecutive plain text joins (fewer elements to render).
            Some((Token::Plain, last)) if token == Token::Plain => last.end = range.end,
            _ => spans.push((token, range)),
        }
    };
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &line[i..];
        if language.line_comment().is_some_and(|c| rest.starts_with(c))
            || (language != Language::Python && rest.starts_with("/*"))
        {
            push(Token::Comment, i..line.len());
            break;
        }
        let c = bytes[i];
        if c == b'"' || c == b'`' || (c == b'\'' && language != Language::Rust) {
            let end = string_end(bytes, i, c);
            push(Token::String, i..end);
            i = end;
        } else if c == b'\'' {
            // Rust: a char literal ('a', '\n') or a lifetime ('a).
            let end = rust_char_end(line, i);
            let token = if end > i + 1 && bytes[end - 1] == b'\'' {
                Token::String
            } else {
                Token::Plain
            };
            push(token, i..end);
            i = end;
        } else if c.is_ascii_digit() {
            let end = word_end(bytes, i);
            push(Token::Number, i..end);
            i = end;
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let end = word_end(bytes, i);
            let word = &line[i..end];
            if language == Language::Rust && bytes.get(end) == Some(&b'!') {
                push(Token::Macro, i..end + 1);
                i = end + 1;
                continue;
            }
            let token = if language.keywords().contains(&word) {
                Token::Keyword
            } else {
                Token::Plain
            };
            push(token, i..end);
            i = end;
        } else {
            let end = i + line[i..].chars().next().map_or(1, char::len_utf8);
            push(Token::Plain, i..end);
            i = end;
        }
    }
    spans
        .into_iter()
        .map(|(token, range)| (token, &line[range]))
        .collect()
}

fn word_end(bytes: &[u8], start: usize) -> usize {
    bytes[start..]
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
        .map_or(bytes.len(), |p| start + p)
}

fn string_end(bytes: &[u8], start: usize, quote: u8) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b if b == quote => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// The end of a Rust char literal (`'a'`, `'\n'`, `'ü'`) starting at `start`, or of the
/// lifetime (`'a`) that starts there.
fn rust_char_end(line: &str, start: usize) -> usize {
    let bytes = line.as_bytes();
    match bytes.get(start + 1) {
        Some(b'\\') => string_end(bytes, start, b'\''),
        Some(_) => {
            let width = line[start + 1..].chars().next().map_or(1, char::len_utf8);
            if bytes.get(start + 1 + width) == Some(&b'\'') {
                start + 2 + width
            } else {
                word_end(bytes, start + 1).max(start + 1)
            }
        }
        None => bytes.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(tokens: &[(Token, &str)]) -> String {
        tokens.iter().map(|(_, t)| *t).collect()
    }

    #[test]
    fn tokens_cover_the_whole_line_in_every_language() {
        for (line, language) in [
            ("fn f<'a>(x: &'a str) -> char { 'x' }", Language::Rust),
            (
                "fn g<'a, 'b>(c: char) -> bool { c == '\\'' }",
                Language::Rust,
            ),
            ("const s = `a${b}` + 'c\\'d'; /* x */", Language::Js),
            ("def f(): return \"é\" # done", Language::Python),
            ("unterminated \"string", Language::Rust),
            ("ünïcode ✓ 'ü'", Language::Rust),
        ] {
            let tokens = highlight(line, language);
            assert_eq!(joined(&tokens), line);
        }
    }

    #[test]
    fn rust_lifetimes_are_not_strings_but_chars_are() {
        let tokens = highlight("fn f<'a>(c: char) { 'x' }", Language::Rust);
        assert!(tokens.contains(&(Token::String, "'x'")));
        assert!(!tokens
            .iter()
            .any(|(t, s)| *t == Token::String && s.contains('a')));
    }
}
