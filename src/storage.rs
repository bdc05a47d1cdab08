//! Browser local storage for interface preferences. Failures are reported, never unwrapped.

use gloo_storage::{LocalStorage, Storage};

use crate::i18n::{Lang, lang_code};

const LANG_KEY: &str = "nianbao.lang";

/// The language chosen last time in this browser, or the default.
pub fn load_lang() -> Lang {
    LocalStorage::get::<String>(LANG_KEY)
        .ok()
        .and_then(|code| Lang::parse(&code))
        .unwrap_or_default()
}

/// Remembers the interface language. Storage may be disabled (private mode, policy):
/// the choice then lasts for this page only, which is harmless.
pub fn save_lang(lang: Lang) -> Result<(), String> {
    LocalStorage::set(LANG_KEY, lang_code(lang)).map_err(|err| err.to_string())
}
