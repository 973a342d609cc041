//! The theme (light, dark, or the system's), saved in localStorage.
//!
//! The setting is saved as a bare word (`light`, `dark`), as it always was, through
//! gloo-storage's handle on localStorage; its typed `get`/`set` would save JSON instead
//! (`"dark"`) and bring serde_json's machinery in for one word.

use gloo_storage::{LocalStorage, Storage};

/// The theme setting's key in localStorage.
const KEY: &str = "gufo-err-viewer:theme";

/// A theme the user chose (none: the system's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Theme {
    Light,
    Dark,
}

impl Theme {
    fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    fn from_word(word: &str) -> Option<Theme> {
        match word {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }
}

/// localStorage, when the page may use it (gloo-storage throws when it may not: a
/// sandboxed frame, storage turned off).
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .map(|_| LocalStorage::raw())
}

/// The saved setting, as saved.
fn saved(storage: &web_sys::Storage) -> Option<String> {
    storage.get_item(KEY).ok().flatten()
}

/// Applies the saved theme (`light`, `dark`, or the system's when none).
pub fn apply() {
    let theme = storage()
        .and_then(|s| saved(&s))
        .and_then(|word| Theme::from_word(&word));
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = match theme {
            Some(theme) => root.set_attribute("data-theme", theme.as_str()),
            None => root.remove_attribute("data-theme"),
        };
    }
}

/// Cycles the theme: system → light → dark → system (anything else saved counts as dark's
/// successor, back to the system's).
pub fn toggle() {
    let Some(storage) = storage() else {
        return;
    };
    let next = match saved(&storage) {
        None => Some(Theme::Light),
        Some(word) if Theme::from_word(&word) == Some(Theme::Light) => Some(Theme::Dark),
        Some(_) => None,
    };
    match next {
        Some(theme) => {
            let _ = storage.set_item(KEY, theme.as_str());
        }
        None => LocalStorage::delete(KEY),
    }
    apply();
}
