//! Function names: demangling and the removal of build- and engine-specific parts.

/// Suffixes wasm-bindgen and the engines add to glue functions.
const GLUE_SUFFIXES: [&str; 4] = [
    " externref shim",
    " multivalue shim",
    " command export",
    " shim",
];

/// Cleans one function name; see the [module docs](super).
///
/// ```
/// use err::normalize::normalize_function;
/// assert_eq!(normalize_function("app::f::{{closure}}::h0123456789abcdef"), "app::f::{closure}");
/// assert_eq!(normalize_function("app::f::{closure#0}"), "app::f::{closure#0}");
/// assert_eq!(normalize_function("<app::Cart as core::ops::drop::Drop>::drop::h0123456789abcdef"), "<app::Cart as core::ops::drop::Drop>::drop");
/// assert_eq!(normalize_function("app::main externref shim"), "app::main");
/// assert_eq!(normalize_function("HTMLButtonElement.onclick"), "HTMLButtonElement.onclick");
/// ```
pub fn normalize_function(raw: &str) -> String {
    let mut name = raw.trim();
    name = strip_wasm_module_prefix(name);
    for suffix in GLUE_SUFFIXES {
        if let Some(stripped) = name.strip_suffix(suffix) {
            name = stripped;
        }
    }
    #[cfg(feature = "demangle")]
    let demangled;
    #[cfg(feature = "demangle")]
    if looks_mangled(name) {
        demangled = format!("{:#}", rustc_demangle::demangle(name));
        name = &demangled;
    }
    let name = strip_hash(name);
    let name = strip_disambiguators(name);
    name.replace("{{closure}}", "{closure}")
}

/// `app_bg.wasm.app::f` → `app::f`; `app.wasm.$func12` → `` (an unnamed function).
fn strip_wasm_module_prefix(mut name: &str) -> &str {
    if let Some(at) = name.find(".wasm.") {
        let module = &name[..at];
        if !module.is_empty() && !module.contains(['<', ':', ' ']) {
            name = &name[at + ".wasm.".len()..];
        }
    }
    match name.strip_prefix("$func") {
        Some(index) if !index.is_empty() && index.bytes().all(|b| b.is_ascii_digit()) => "",
        _ => name,
    }
}

#[cfg(feature = "demangle")]
fn looks_mangled(name: &str) -> bool {
    (name.starts_with("_ZN") || name.starts_with("__ZN") || name.starts_with("_R"))
        && !name.contains("::")
}

/// Drops a trailing `::h<16 hex>`, and the `[N]` a module's name section adds after it when
/// two functions share a name (`…::{{closure}}::h0123456789abcdef[1]`).
fn strip_hash(name: &str) -> &str {
    let without_copy = match name.strip_suffix(']').and_then(|n| n.rsplit_once('[')) {
        Some((head, copy)) if !copy.is_empty() && copy.bytes().all(|b| b.is_ascii_digit()) => head,
        _ => name,
    };
    match without_copy.rsplit_once("::h") {
        Some((head, hash)) if hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()) => {
            head
        }
        _ => name,
    }
}

/// Drops `[<hex>]` crate disambiguators (`std[1a2b…]::x` → `std::x`), at least 8 hex digits.
fn strip_disambiguators(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(open) = rest.find('[') {
        let (head, tail) = rest.split_at(open);
        out.push_str(head);
        let after_ident = head
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        match tail[1..].find(']') {
            Some(close)
                if after_ident
                    && close >= 8
                    && tail[1..=close].bytes().all(|b| b.is_ascii_hexdigit()) =>
            {
                rest = &tail[close + 2..];
            }
            _ => {
                out.push('[');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The crates a Rust function name belongs to: the first path segment, and for
/// `<A as B>::f` the crates of both `A` and `B`. Empty for names that are not Rust paths.
///
/// ```
/// use err::normalize::crate_names;
/// assert_eq!(crate_names("app::cart::total"), ["app"]);
/// assert_eq!(crate_names("<alloc::boxed::Box<F> as core::ops::Fn<A>>::call"), ["alloc", "core"]);
/// assert_eq!(crate_names("<u32 as app::Price>::cents"), ["app"]);
/// assert!(crate_names("Cart.total").is_empty());
/// ```
pub fn crate_names(function: &str) -> Vec<&str> {
    let mut crates = Vec::new();
    if !function.contains("::") {
        return crates;
    }
    let (qualified_self, trait_part) = match function.strip_prefix('<') {
        Some(inner) => match top_level_as(inner) {
            Some(split) => (&inner[..split], Some(&inner[split + 4..])),
            None => (inner, None),
        },
        None => (function, None),
    };
    for part in [Some(qualified_self), trait_part].into_iter().flatten() {
        let part = part.trim_start_matches(['&', '*', '[', '(', ' ']);
        let part = part
            .strip_prefix("mut ")
            .or_else(|| part.strip_prefix("dyn "))
            .unwrap_or(part);
        if let Some((first, _)) = part.split_once("::") {
            if !first.is_empty() && first.chars().all(|c| c.is_alphanumeric() || c == '_') {
                crates.push(first);
            }
        }
    }
    crates
}

/// Finds ` as ` at angle-bracket depth 0 of a `<A as B>` qualifier's inside.
fn top_level_as(inner: &str) -> Option<usize> {
    let mut depth = 0i32;
    for (i, b) in inner.bytes().enumerate() {
        match b {
            b'<' => depth += 1,
            b'>' if depth == 0 => return None,
            b'>' => depth -= 1,
            b' ' if depth == 0 && inner[i..].starts_with(" as ") => return Some(i),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_hash_only_when_it_is_sixteen_hex_digits() {
        assert_eq!(normalize_function("a::hello"), "a::hello");
        assert_eq!(
            normalize_function("a::h0123456789abcdeg"),
            "a::h0123456789abcdeg"
        );
    }

    #[test]
    fn strips_the_copy_number_after_a_hash() {
        assert_eq!(
            normalize_function("app::f::{{closure}}::ha72a5254a95bcc83[1]"),
            "app::f::{closure}"
        );
        assert_eq!(
            normalize_function("<[u8; 4] as a::B>::c"),
            "<[u8; 4] as a::B>::c"
        );
        assert_eq!(normalize_function("a::f[1]"), "a::f[1]");
    }

    #[test]
    fn keeps_slices_and_arrays() {
        assert_eq!(normalize_function("<[u8] as a::B>::c"), "<[u8] as a::B>::c");
        assert_eq!(
            normalize_function("<[T; 4] as a::B>::c"),
            "<[T; 4] as a::B>::c"
        );
    }

    #[test]
    fn unnamed_wasm_function() {
        assert_eq!(normalize_function("app.wasm.$func12"), "");
    }

    #[test]
    #[cfg(feature = "demangle")]
    fn v0_mangling() {
        assert_eq!(
            normalize_function("_RNvCs1234_7mycrate3foo"),
            "mycrate::foo"
        );
    }
}
