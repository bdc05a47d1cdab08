//! Startup recovery of the stored library: unreadable report entries are moved aside
//! (quarantined, never deleted), an unreadable index is moved aside and rebuilt from the
//! reports, and reports missing from the index are listed again. Also reads the list of
//! quarantined entries for the recovery panel.

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

/// The index as stored, repaired: unreadable report entries quarantined, an unreadable index
/// quarantined and rebuilt, readable reports missing from it added back.
pub fn scan(now: f64) -> Vec<LibraryEntry> {
    let mut entries = match storage::load_index() {
        Ok(entries) => entries,
        Err(raw) => {
            let _ = storage::quarantine_text("index", &raw, "the library index is unreadable");
            Vec::new()
        }
    };
    let mut changed = false;
    for id in storage::keys_with(REPORT_PREFIX) {
        let Ok((stored, text)) = storage::load_stored(&id) else {
            continue;
        };
        match stored {
            Stored::Quarantine { reason } => {
                let _ = storage::quarantine(&id, &text, &reason);
            }
            Stored::Report {
                report, saved_at, ..
            } if !entries.iter().any(|e| e.id == id) => {
                let findings = validate(&report, None, report::Lang::Zh);
                let at = if saved_at > 0.0 { saved_at } else { now };
                entries.push(LibraryEntry::describe(&id, &report, &findings, at));
                changed = true;
            }
            _ => {}
        }
    }
    // Entries of reports moved aside (or lost) cannot be opened: the recovery panel lists them.
    let before = entries.len();
    entries.retain(|entry| matches!(storage::report_text(&entry.id), Ok(Some(_))));
    if changed || entries.len() != before {
        let _ = storage::save_index(&entries);
    }
    entries
}

/// Every quarantined entry, oldest first.
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
    items
}
