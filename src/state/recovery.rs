//! Startup recovery of the stored library: unreadable report entries are moved aside
//! (quarantined, never deleted), an unreadable index is moved aside and rebuilt from the
//! reports, reports missing from the index are listed again, and index entries whose report
//! is missing are recorded. Also reads the list of quarantined entries for the recovery
//! panel, with the reports of a newer version this one cannot read, kept in place.

use report::{LibraryEntry, Stored, validate};

use crate::storage::{self, QUARANTINE_PREFIX, REPORT_PREFIX};

/// One entry moved aside.
#[derive(Debug, Clone, PartialEq)]
pub struct QuarantineItem {
    /// Its storage key.
    pub key: String,
    /// The report id it was stored under.
    pub id: String,
    /// Why it could not be read.
    pub reason: String,
    /// The text exactly as it was stored.
    pub raw: String,
}

/// The index as stored, repaired by `report::repair_index`: unreadable report entries
/// quarantined, an unreadable index quarantined and rebuilt from the report keys, readable
/// reports missing from it (a rebuilt index, or two tabs writing it at once) added back, and
/// entries whose report is missing recorded in the recovery area. Run at startup and whenever
/// another tab changes the library.
pub fn scan(now: f64) -> Vec<LibraryEntry> {
    let index = match storage::load_index() {
        Ok(entries) => entries,
        Err(raw) => {
            let _ = storage::quarantine_text("index", &raw, "the library index is unreadable");
            Vec::new()
        }
    };
    let mut stored = Vec::new();
    for id in storage::keys_with(REPORT_PREFIX) {
        let Ok((decoded, text)) = storage::load_stored(&id) else {
            continue;
        };
        let (report, saved_at) = match decoded {
            Stored::Quarantine { reason } => {
                let _ = storage::quarantine(&id, &text, &reason);
                continue;
            }
            Stored::Report {
                report, saved_at, ..
            } => (report, saved_at),
            Stored::Newer {
                preview: Some(report),
                ..
            } => (report, 0.0),
            // Kept where it is, untouched; the recovery panel lists it.
            Stored::Newer { preview: None, .. } => {
                stored.push((id, None));
                continue;
            }
        };
        let findings = validate(&report, None, report::Lang::Zh);
        let at = if saved_at > 0.0 { saved_at } else { now };
        let entry = LibraryEntry::describe(&id, &report, &findings, at);
        stored.push((id, Some(entry)));
    }
    let repair = report::repair_index(index, &stored);
    for entry in &repair.missing {
        // A report moved aside already has its record: its index entry adds nothing.
        if !storage::keys_with(&format!("{QUARANTINE_PREFIX}{}.", entry.id)).is_empty() {
            continue;
        }
        let text = serde_json::to_string(entry).unwrap_or_else(|_| entry.title.clone());
        let _ = storage::quarantine_text(&entry.id, &text, MISSING_REASON);
    }
    if repair.changed {
        let _ = storage::save_index(&repair.entries);
    }
    repair.entries
}

/// Why an index entry was moved to the recovery area.
const MISSING_REASON: &str = "listed in the library index, but its stored report is missing";

/// Reports written by a newer version in a layout this version cannot read at all: kept in
/// place, untouched, and listed with their raw text.
fn kept_newer() -> Vec<QuarantineItem> {
    storage::keys_with(REPORT_PREFIX)
        .into_iter()
        .filter_map(|id| {
            let (decoded, raw) = storage::load_stored(&id).ok()?;
            let Stored::Newer {
                version,
                preview: None,
                ..
            } = decoded
            else {
                return None;
            };
            Some(QuarantineItem {
                key: format!("{REPORT_PREFIX}{id}"),
                reason: format!("written by a newer version (version {version}); kept unchanged"),
                id,
                raw,
            })
        })
        .collect()
}

/// Every quarantined entry, oldest first, then the newer-version reports kept in place.
pub fn quarantined() -> Vec<QuarantineItem> {
    let mut items: Vec<QuarantineItem> = storage::keys_with(QUARANTINE_PREFIX)
        .into_iter()
        .filter_map(|suffix| {
            let key = format!("{QUARANTINE_PREFIX}{suffix}");
            let text = storage::read(&key).ok().flatten()?;
            let record: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
            let field = |name: &str| {
                record
                    .get(name)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            };
            Some(QuarantineItem {
                id: field("id").unwrap_or_else(|| suffix.clone()),
                reason: field("reason").unwrap_or_default(),
                raw: field("raw").unwrap_or(text),
                key,
            })
        })
        .collect();
    items.sort_by(|a, b| a.key.cmp(&b.key));
    items.extend(kept_newer());
    items
}
