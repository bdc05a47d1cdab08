//! Browser local storage: the interface language, the library index (`nianbao.index`), one
//! key per report (`nianbao.report.<id>`, the stored envelope of `report::store` with its
//! revision), entries moved aside as unreadable (`nianbao.quarantine.<id>.<ms>`), originals
//! kept while a migration is unsaved (`nianbao.original.<id>`) and edit locks
//! (`nianbao.lock.<id>`).
//!
//! Every write is read back and compared; failures come back as plain messages (quota
//! exceeded, storage unavailable), never unwrapped. What a stored entry means is decided by
//! `report::store`; who may write is decided by the callers (revision and lock checks).

use gloo_storage::{LocalStorage, Storage};
use report::{LibraryEntry, LibraryIndex, Report, Stored};

use crate::i18n::{Lang, Text, lang_code, tr};

const LANG_KEY: &str = "nianbao.lang";
/// The library index.
pub const INDEX_KEY: &str = "nianbao.index";
/// The prefix of report keys.
pub const REPORT_PREFIX: &str = "nianbao.report.";
/// The prefix of entries moved aside.
pub const QUARANTINE_PREFIX: &str = "nianbao.quarantine.";
const ORIGINAL_PREFIX: &str = "nianbao.original.";

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

fn say(text: Text) -> String {
    tr(load_lang(), text).to_string()
}

fn local() -> Result<web_sys::Storage, String> {
    match web_sys::window().map(|window| window.local_storage()) {
        Some(Ok(Some(storage))) => Ok(storage),
        _ => Err(say(Text::StorageUnavailable)),
    }
}

/// A storage exception in the user's words: a full quota is named as such.
fn js_message(err: wasm_bindgen::JsValue) -> String {
    let name = js_sys::Reflect::get(&err, &"name".into())
        .ok()
        .and_then(|name| name.as_string());
    if matches!(
        name.as_deref(),
        Some("QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED")
    ) {
        return say(Text::StorageFull);
    }
    crate::dom::js_error_message(&err)
}

/// The text under `key`, if any.
pub fn read(key: &str) -> Result<Option<String>, String> {
    local()?.get_item(key).map_err(js_message)
}

/// Writes `value` under `key`, then reads it back and compares.
pub fn write(key: &str, value: &str) -> Result<(), String> {
    let storage = local()?;
    storage.set_item(key, value).map_err(js_message)?;
    match storage.get_item(key).map_err(js_message)? {
        Some(back) if back == value => Ok(()),
        _ => Err(say(Text::StorageNotVerified)),
    }
}

/// Removes `key`.
pub fn remove(key: &str) -> Result<(), String> {
    local()?.remove_item(key).map_err(js_message)
}

/// Every key starting with `prefix`, without the prefix.
pub fn keys_with(prefix: &str) -> Vec<String> {
    let Ok(storage) = local() else {
        return Vec::new();
    };
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter_map(|key| key.strip_prefix(prefix).map(str::to_string))
        .collect()
}

/// The library entries as stored; `Err` with the raw text when the index is unreadable.
pub fn load_index() -> Result<Vec<LibraryEntry>, String> {
    match read(INDEX_KEY) {
        Ok(None) | Err(_) => Ok(Vec::new()),
        Ok(Some(text)) => report::parse_index(&text).ok_or(text),
    }
}

/// Writes the library index.
pub fn save_index(entries: &[LibraryEntry]) -> Result<(), String> {
    let index = LibraryIndex {
        entries: entries.to_vec(),
        ..LibraryIndex::default()
    };
    let json = serde_json::to_string(&index).map_err(|err| err.to_string())?;
    write(INDEX_KEY, &json)
}

/// The raw stored text of report `id`.
pub fn report_text(id: &str) -> Result<Option<String>, String> {
    read(&format!("{REPORT_PREFIX}{id}"))
}

/// Reads report `id` as stored: a report, a newer one, or one to quarantine.
pub fn load_stored(id: &str) -> Result<(Stored, String), String> {
    let text = report_text(id)?.ok_or_else(|| format!("no stored report {id}"))?;
    Ok((report::decode_stored(&text), text))
}

/// Reads one report this version can edit, with its revision. An unreadable entry is moved
/// aside; a newer one is refused with an explanation. A migrated entry's original text is
/// kept until the migrated copy is saved.
pub fn load_report_at(id: &str) -> Result<(Report, u64), String> {
    match load_stored(id)? {
        (
            Stored::Report {
                report,
                revision,
                migrated,
                ..
            },
            text,
        ) => {
            if migrated {
                let key = format!("{ORIGINAL_PREFIX}{id}");
                if read(&key)?.is_none() {
                    write(&key, &text)?;
                }
            }
            Ok((report, revision))
        }
        (Stored::Newer { version, .. }, _) => {
            Err(say(Text::NewerVersionBody).replace("{version}", &version.to_string()))
        }
        (Stored::Quarantine { reason }, text) => {
            quarantine(id, &text, &reason)?;
            Err(format!("{}{reason}", say(Text::Quarantined)))
        }
    }
}

/// Reads one report this version can edit.
pub fn load_report(id: &str) -> Result<Report, String> {
    load_report_at(id).map(|(report, _)| report)
}

/// Why a save did not happen.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveError {
    /// Another tab saved a newer revision: this write was refused.
    Stale,
    /// Storage refused or lost the write.
    Failed(String),
}

/// Writes `report` as the revision after `base`, refusing when storage holds a newer one
/// (another tab saved). Returns the new revision.
pub fn save_report_at(id: &str, report: &Report, base: u64, now: f64) -> Result<u64, SaveError> {
    let key = format!("{REPORT_PREFIX}{id}");
    let stored = read(&key).map_err(SaveError::Failed)?;
    if let Some(text) = &stored {
        match report::decode_stored(text) {
            Stored::Newer { .. } => return Err(SaveError::Stale),
            // Something unreadable took its place: keep it aside before writing over it.
            Stored::Quarantine { reason } => {
                quarantine_text(id, text, &reason).map_err(SaveError::Failed)?;
            }
            Stored::Report { .. } => {}
        }
    }
    let stored = stored.as_deref().and_then(report::stored_revision);
    if !report::may_write(base, stored) {
        return Err(SaveError::Stale);
    }
    let revision = stored.unwrap_or(base).max(base) + 1;
    write(&key, &report::encode_stored(report, revision, now)).map_err(SaveError::Failed)?;
    // The migrated copy is saved and verified: the original is no longer needed.
    let _ = remove(&format!("{ORIGINAL_PREFIX}{id}"));
    Ok(revision)
}

/// Writes `report` over whatever revision is stored (library actions on a closed report).
pub fn save_report(id: &str, report: &Report) -> Result<(), String> {
    let now = crate::clock::now_ms();
    let base = report_text(id)?
        .as_deref()
        .and_then(report::stored_revision)
        .unwrap_or(0);
    match save_report_at(id, report, base, now) {
        Ok(_) => Ok(()),
        Err(SaveError::Stale) => Err(say(Text::StaleWrite)),
        Err(SaveError::Failed(err)) => Err(err),
    }
}

/// Removes one report for good.
pub fn remove_report(id: &str) -> Result<(), String> {
    remove(&format!("{REPORT_PREFIX}{id}"))
}

/// Moves the unreadable entry of report `id` aside: copies its raw text with the reason to a
/// quarantine key (verified), and only then removes it from its place.
pub fn quarantine(id: &str, raw: &str, reason: &str) -> Result<(), String> {
    quarantine_text(id, raw, reason)?;
    remove_report(id)
}

/// Keeps `raw` with `reason` under a new quarantine key named after `id`.
/// The same text already kept for `id` (another tab moved it aside first) is not kept twice.
pub fn quarantine_text(id: &str, raw: &str, reason: &str) -> Result<(), String> {
    let kept = keys_with(&format!("{QUARANTINE_PREFIX}{id}."))
        .iter()
        .any(|stamp| {
            read(&format!("{QUARANTINE_PREFIX}{id}.{stamp}"))
                .ok()
                .flatten()
                .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
                .is_some_and(|record| record.get("raw").and_then(|r| r.as_str()) == Some(raw))
        });
    if kept {
        return Ok(());
    }
    let record = serde_json::json!({ "id": id, "reason": reason, "raw": raw });
    let key = format!("{QUARANTINE_PREFIX}{id}.{}", crate::clock::now_ms() as u64);
    write(&key, &record.to_string())
}
