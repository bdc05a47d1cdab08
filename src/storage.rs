//! Browser local storage: the interface language, the library index (`nianbao.index`) and
//! one key per report (`nianbao.report.<id>`, the report file JSON). Failures are returned
//! as messages, never unwrapped; multi-tab coordination is not handled here.

use gloo_storage::{LocalStorage, Storage};
use report::{LibraryEntry, LibraryIndex, Report};

use crate::i18n::{Lang, lang_code};

const LANG_KEY: &str = "nianbao.lang";
const INDEX_KEY: &str = "nianbao.index";
const REPORT_PREFIX: &str = "nianbao.report.";

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

fn local() -> Result<web_sys::Storage, String> {
    match web_sys::window().map(|window| window.local_storage()) {
        Some(Ok(Some(storage))) => Ok(storage),
        _ => Err("local storage is not available in this browser".into()),
    }
}

fn js_message(err: wasm_bindgen::JsValue) -> String {
    err.as_string()
        .or_else(|| {
            js_sys::Reflect::get(&err, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
        })
        .unwrap_or_else(|| format!("{err:?}"))
}

/// The library entries; an absent or unreadable index is an empty library.
pub fn load_index() -> Vec<LibraryEntry> {
    LocalStorage::get::<LibraryIndex>(INDEX_KEY)
        .map(|index| index.entries)
        .unwrap_or_default()
}

/// Writes the library index.
pub fn save_index(entries: &[LibraryEntry]) -> Result<(), String> {
    let index = LibraryIndex {
        entries: entries.to_vec(),
        ..LibraryIndex::default()
    };
    let json = serde_json::to_string(&index).map_err(|err| err.to_string())?;
    local()?.set_item(INDEX_KEY, &json).map_err(js_message)
}

/// Reads one report.
pub fn load_report(id: &str) -> Result<Report, String> {
    let text = local()?
        .get_item(&format!("{REPORT_PREFIX}{id}"))
        .map_err(js_message)?
        .ok_or_else(|| format!("no stored report {id}"))?;
    report::from_json(&text).map_err(|err| err.to_string())
}

/// Writes one report as its file JSON.
pub fn save_report(id: &str, report: &Report) -> Result<(), String> {
    let json = report::to_json(report);
    local()?
        .set_item(&format!("{REPORT_PREFIX}{id}"), &json)
        .map_err(js_message)
}

/// Removes one report for good.
pub fn remove_report(id: &str) -> Result<(), String> {
    local()?
        .remove_item(&format!("{REPORT_PREFIX}{id}"))
        .map_err(js_message)
}
