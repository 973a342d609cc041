//! Aligned text columns, with colors only where wanted.

use std::io::IsTerminal;

/// Whether to color output, from `--color`.
pub fn use_color(choice: &str) -> bool {
    match choice {
        "always" => true,
        "never" => false,
        _ => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

/// Pads or cuts `text` to `width` characters (`…` marks a cut at the end).
pub fn col(text: &str, width: usize) -> String {
    let n = text.chars().count();
    if n <= width {
        format!("{text}{}", " ".repeat(width - n))
    } else {
        let kept: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{kept}…")
    }
}

/// Like [`col`], cutting at the start (for paths, whose end matters).
pub fn rcol(text: &str, width: usize) -> String {
    let n = text.chars().count();
    if n <= width {
        format!("{text}{}", " ".repeat(width - n))
    } else {
        let kept: String = text.chars().skip(n - width.saturating_sub(1)).collect();
        format!("…{kept}")
    }
}

/// Wraps `text` in an ANSI style when colors are on.
pub fn paint(text: &str, style: &str, color: bool) -> String {
    if color {
        format!("\x1b[{style}m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_pad_and_cut() {
        assert_eq!(col("abc", 5), "abc  ");
        assert_eq!(col("abcdef", 4), "abc…");
        assert_eq!(rcol("src/a/b.rs:9", 8), "…/b.rs:9");
        assert_eq!(paint("x", "1", false), "x");
    }
}
