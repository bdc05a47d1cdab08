//! Browser local storage as the core's key-value store ([`report::KeyValue`]), the
//! interface language kept in it, and the words for the core's typed storage errors in the
//! current interface language. Every decision about what is stored (revisions, setting
//! aside, locks, backups) is `report::storage`'s; this module only reaches the browser.

use gloo_storage::{LocalStorage, Storage};
use report::{KeyValue, OpenError, SaveError, StoreError};

use crate::i18n::{Lang, Text, lang_code, tr};

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

/// The browser's local storage, reached afresh at each call (it can disappear under the page
/// when the user clears data).
#[derive(Debug, Clone, Copy, Default)]
pub struct LocalStore;

/// The store the app uses.
pub fn local() -> LocalStore {
    LocalStore
}

fn browser() -> Result<web_sys::Storage, StoreError> {
    match web_sys::window().map(|window| window.local_storage()) {
        Some(Ok(Some(storage))) => Ok(storage),
        _ => Err(StoreError::Unavailable),
    }
}

/// A storage exception as a typed error: a full quota is named as such.
fn typed(err: wasm_bindgen::JsValue) -> StoreError {
    let name = js_sys::Reflect::get(&err, &"name".into())
        .ok()
        .and_then(|name| name.as_string());
    match name.as_deref() {
        Some("QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED") => StoreError::Full,
        Some("SecurityError") => StoreError::Unavailable,
        _ => StoreError::Other(crate::dom::js_error_message(&err)),
    }
}

impl KeyValue for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        browser()?.get_item(key).map_err(typed)
    }

    fn len_utf16(&self, key: &str) -> Result<Option<usize>, StoreError> {
        use wasm_bindgen::JsCast;
        // `getItem` called as a JavaScript function gives the string itself: its length is
        // read there (in UTF-16 code units), the text never copied into the app's memory.
        let storage = browser()?;
        let get_item = js_sys::Reflect::get(&storage, &"getItem".into())
            .map_err(typed)?
            .dyn_into::<js_sys::Function>()
            .map_err(|_| StoreError::Unavailable)?;
        let value = get_item.call1(&storage, &key.into()).map_err(typed)?;
        Ok(value
            .dyn_ref::<js_sys::JsString>()
            .map(|text| text.length() as usize))
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        browser()?.set_item(key, value).map_err(typed)
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        browser()?.remove_item(key).map_err(typed)
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let storage = browser()?;
        let count = storage.length().map_err(typed)?;
        // Every key in one string (`Object.keys(localStorage).join("\0")`): asking for each
        // by its index crossed into JavaScript and back once per key, and the keys are
        // listed at every save (the recovery area), three times slower for a library of 100
        // (issue 15). A key named like a member of Storage (`length`, `getItem`…) is not
        // among Object.keys, and a key holding the separator splits in two: either way (each
        // checked alone, so that the two cannot make up for each other) each key is asked for.
        if count == 0 {
            return Ok(Vec::new());
        }
        let names = js_sys::Object::keys(&storage);
        if names.length() == count {
            let keys: Vec<String> = String::from(names.join("\0"))
                .split('\0')
                .map(str::to_string)
                .collect();
            if keys.len() == count as usize {
                return Ok(keys);
            }
        }
        Ok((0..count)
            .filter_map(|i| storage.key(i).ok().flatten())
            .collect())
    }
}

/// A storage failure in the user's words.
pub fn store_error(lang: Lang, error: &StoreError) -> String {
    match error {
        StoreError::Full => tr(lang, Text::StorageFull).to_string(),
        StoreError::Unavailable => tr(lang, Text::StorageUnavailable).to_string(),
        StoreError::NotVerified => tr(lang, Text::StorageNotVerified).to_string(),
        StoreError::Other(message) => message.clone(),
    }
}

/// Why a report did not open, in the user's words.
pub fn open_error(lang: Lang, error: &OpenError) -> String {
    match error {
        OpenError::Missing => tr(lang, Text::ReportGone).to_string(),
        OpenError::Newer { version } => {
            tr(lang, Text::NewerVersionBody).replace("{version}", &version.to_string())
        }
        OpenError::Unreadable { reason } => format!("{}{reason}", tr(lang, Text::Quarantined)),
        OpenError::Store(error) => store_error(lang, error),
    }
}

/// Why a save did not happen, in the user's words.
pub fn save_error(lang: Lang, error: &SaveError) -> String {
    match error {
        SaveError::Stale => tr(lang, Text::StaleWrite).to_string(),
        SaveError::Store(error) => store_error(lang, error),
    }
}
