//! Every decision about keeping reports in key-value storage (the browser's local storage, or
//! an in-memory store in tests), behind the small [`KeyValue`] trait: scanning and repairing
//! the library, opening (migrating, keeping the original), saving with revisions, setting
//! unreadable entries aside, the edit lock, backups out and in, how full storage is, and what
//! an open editor does when its stored entry changes under it.
//!
//! The store does no wording: failures are typed ([`StoreError`], [`OpenError`],
//! [`SaveError`]) and the app words them in the interface language. Time and new ids come
//! from the caller, so every function here is a plain function of the store's contents.
//!
//! Keys: the library index (`nianbao.index`), one key per report (`nianbao.report.<id>`, the
//! envelope of `store`), entries set aside as unreadable (`nianbao.quarantine.<id>.<stamp>`),
//! originals kept while a migration is unsaved (`nianbao.original.<id>`), edit locks
//! (`nianbao.lock.<id>`) and the last backup's mark (`nianbao.backup-mark`).

mod memory;

pub use memory::MemoryStore;

use serde::{Deserialize, Serialize};

use crate::store::SetAside;

use crate::backup::{Backup, BackupItem, BackupMark, MergeAction, ReportJson, merge_backup};
use crate::finding::Lang;
use crate::library::{LibraryEntry, LibraryIndex, parse_index, repair_index};
use crate::model::Report;
use crate::rules::validate;
use crate::store::{
    LockHolder, Stored, decode_lock, decode_stored, encode_lock, encode_stored, encode_stored_json,
    lock_holder, may_write, newer_unreadable, stored_report_json,
};

/// The library index.
pub const INDEX_KEY: &str = "nianbao.index";
/// The prefix of report keys.
pub const REPORT_PREFIX: &str = "nianbao.report.";
/// The prefix of entries set aside.
pub const QUARANTINE_PREFIX: &str = "nianbao.quarantine.";
/// The prefix of originals kept while a migrated report is unsaved.
pub const ORIGINAL_PREFIX: &str = "nianbao.original.";
/// The prefix of edit locks.
pub const LOCK_PREFIX: &str = "nianbao.lock.";
/// The mark of the last backup.
pub const BACKUP_MARK_KEY: &str = "nianbao.backup-mark";

/// What local storage holds in the browsers clerks use: 5 MiB of UTF-16 text (Chrome, Edge
/// and Firefox count keys and values, two bytes per code unit).
pub const LOCAL_STORAGE_QUOTA_BYTES: usize = 5 * 1024 * 1024;

/// Why storage refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The quota is used up.
    Full,
    /// Storage is switched off (private mode, policy) or gone.
    Unavailable,
    /// A write read back differently: something else wrote at the same moment, or storage is
    /// failing.
    NotVerified,
    /// Anything else, with the browser's own message.
    Other(String),
}

/// Key-value text storage: the browser's local storage, or a store made for tests.
pub trait KeyValue {
    /// The text under `key`, if any.
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    /// Writes `value` under `key` (use [`put`], which reads it back).
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Removes `key`; removing an absent key is fine.
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
    /// Every key, in no particular order.
    fn keys(&self) -> Result<Vec<String>, StoreError>;
    /// The length of the text under `key` in UTF-16 code units, as browsers count their
    /// storage quota, if there is one. A store that can tell without handing over the text
    /// says so (the browser's: counting the whole library's usage would otherwise copy every
    /// report into the app).
    fn len_utf16(&self, key: &str) -> Result<Option<usize>, StoreError> {
        Ok(self.get(key)?.map(|value| value.encode_utf16().count()))
    }
}

/// Writes `value` under `key`, then reads it back and compares: a write is only trusted once
/// it is seen in storage.
pub fn put(store: &mut impl KeyValue, key: &str, value: &str) -> Result<(), StoreError> {
    store.set(key, value)?;
    match store.get(key)? {
        Some(back) if back == value => Ok(()),
        _ => Err(StoreError::NotVerified),
    }
}

/// Every key starting with `prefix`, without the prefix, sorted.
pub fn keys_with(store: &impl KeyValue, prefix: &str) -> Vec<String> {
    suffixes(&store.keys().unwrap_or_default(), prefix)
}

/// Of `keys`, those starting with `prefix`, without the prefix, sorted: for a caller that
/// looks for several prefixes in one listing of the storage's keys.
fn suffixes(keys: &[String], prefix: &str) -> Vec<String> {
    let mut found: Vec<String> = keys
        .iter()
        .filter_map(|key| key.strip_prefix(prefix).map(str::to_string))
        .collect();
    found.sort();
    found
}

fn report_key(id: &str) -> String {
    format!("{REPORT_PREFIX}{id}")
}

// ---- The index ------------------------------------------------------------------------------

/// The library entries as stored; `Err` with the raw text when the index is unreadable. An
/// absent index (or storage that cannot be read) is an empty library.
pub fn load_index(store: &impl KeyValue) -> Result<Vec<LibraryEntry>, String> {
    match store.get(INDEX_KEY) {
        Ok(None) | Err(_) => Ok(Vec::new()),
        Ok(Some(text)) => parse_index(&text).ok_or(text),
    }
}

/// Writes the library index.
pub fn save_index(store: &mut impl KeyValue, entries: &[LibraryEntry]) -> Result<(), StoreError> {
    let index = LibraryIndex {
        entries: entries.to_vec(),
        ..LibraryIndex::default()
    };
    let json = serde_json::to_string(&index).map_err(|err| StoreError::Other(err.to_string()))?;
    put(store, INDEX_KEY, &json)
}

/// Applies `change` to the index as stored now (another tab may have changed it since this
/// one read it) and writes it; an unreadable index is set aside and rebuilt from the reports
/// first, never overwritten. Returns the entries written.
pub fn commit_index(
    store: &mut impl KeyValue,
    now: f64,
    change: impl FnOnce(&mut Vec<LibraryEntry>),
) -> Result<Vec<LibraryEntry>, StoreError> {
    let mut entries = match load_index(store) {
        Ok(entries) => entries,
        Err(_) => scan(store, now),
    };
    change(&mut entries);
    save_index(store, &entries)?;
    Ok(entries)
}

// ---- Setting aside --------------------------------------------------------------------------

/// One entry of the recovery area, with where it is kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecoveryItem {
    /// Its storage key.
    pub key: String,
    /// The entry.
    #[serde(flatten)]
    pub entry: SetAside,
}

/// Keeps `raw` with `reason` in the recovery area under a key of its own, and returns it.
/// The same text already kept for `id` (another tab set it aside first) is not kept twice.
/// Keys never collide: the stamp is `now`, moved on while a key with it exists.
pub fn set_aside(
    store: &mut impl KeyValue,
    id: &str,
    raw: &str,
    reason: &str,
    now: f64,
) -> Result<String, StoreError> {
    let prefix = format!("{QUARANTINE_PREFIX}{id}.");
    let taken = keys_with(store, &prefix);
    for stamp in &taken {
        let key = format!("{prefix}{stamp}");
        let kept = store
            .get(&key)
            .ok()
            .flatten()
            .and_then(|text| serde_json::from_str::<SetAside>(&text).ok());
        if kept.is_some_and(|kept| kept.raw == raw) {
            return Ok(key);
        }
    }
    let mut stamp = if now.is_finite() && now > 0.0 {
        now as u64
    } else {
        0
    };
    while taken.contains(&stamp.to_string()) {
        stamp += 1;
    }
    let key = format!("{prefix}{stamp}");
    let record = SetAside {
        id: id.to_string(),
        reason: reason.to_string(),
        raw: raw.to_string(),
    };
    let text = serde_json::to_string(&record).map_err(|err| StoreError::Other(err.to_string()))?;
    put(store, &key, &text)?;
    // Two tabs can set the same text aside at once, each having found no record of it before
    // writing its own (a tab starting up scans what the other is rewriting). The first record
    // in key order stays and the others go, so the recovery area lists the text once: every
    // tab checks after it wrote, so the last to check sees every record and leaves one.
    let same: Vec<String> = keys_with(store, &prefix)
        .into_iter()
        .map(|stamp| format!("{prefix}{stamp}"))
        .filter(|other| {
            store
                .get(other)
                .ok()
                .flatten()
                .and_then(|text| serde_json::from_str::<SetAside>(&text).ok())
                .is_some_and(|other| other.raw == raw)
        })
        .collect();
    match same.split_first() {
        Some((first, others)) => {
            for other in others {
                let _ = store.remove(other);
            }
            Ok(first.clone())
        }
        None => Ok(key),
    }
}

/// Moves the unreadable entry of report `id` aside: keeps its text in the recovery area
/// (verified), and only then removes it from its place, and only if it still holds that
/// text (another tab may have written a good report there in between).
pub fn move_aside(
    store: &mut impl KeyValue,
    id: &str,
    raw: &str,
    reason: &str,
    now: f64,
) -> Result<(), StoreError> {
    set_aside(store, id, raw, reason, now)?;
    if store.get(&report_key(id))?.as_deref() == Some(raw) {
        store.remove(&report_key(id))?;
    }
    Ok(())
}

/// The recovery area: entries set aside (oldest key first), then reports of a newer version
/// this one cannot read at all, kept in place and listed with their text, then the originals
/// of migrated reports. Reads every stored report to find the newer ones.
pub fn recovery_items(store: &impl KeyValue) -> Vec<RecoveryItem> {
    let newer: Vec<RecoveryItem> = keys_with(store, REPORT_PREFIX)
        .into_iter()
        .filter_map(|id| {
            let raw = store.get(&report_key(&id)).ok().flatten()?;
            let version = newer_unreadable(&raw)?;
            Some(newer_item(id, raw, version))
        })
        .collect();
    recovery_items_with(store, &newer)
}

/// [`recovery_items`] with the reports of a newer version already known (`newer`, as
/// [`verify_report`] found them): only the recovery area's own keys and those of `newer` are
/// read, and of `newer` the ones still stored as they were are listed. The app brings the
/// recovery area up to date after every save and every report it reads, where reading every
/// stored report again each time cost a large library's every autosave and every opening
/// (issue 15); a report only becomes a newer version's by another tab's write, after which
/// the app verifies that report again ([`Verification::verify`]).
pub fn recovery_items_with(store: &impl KeyValue, newer: &[RecoveryItem]) -> Vec<RecoveryItem> {
    // One listing of the keys for both prefixes: this runs at every save.
    let keys = store.keys().unwrap_or_default();
    let mut items: Vec<RecoveryItem> = suffixes(&keys, QUARANTINE_PREFIX)
        .into_iter()
        .filter_map(|suffix| {
            let key = format!("{QUARANTINE_PREFIX}{suffix}");
            let text = store.get(&key).ok().flatten()?;
            let entry = serde_json::from_str::<SetAside>(&text).unwrap_or_else(|_| SetAside {
                id: suffix.split('.').next().unwrap_or_default().to_string(),
                reason: String::new(),
                raw: text,
            });
            Some(RecoveryItem { key, entry })
        })
        .collect();
    // The same text of the same report set aside twice is listed once (the first record):
    // two tabs can each set it aside before they see each other's write, as local storage
    // reaches other tabs a moment later.
    let mut seen = std::collections::HashSet::new();
    items.retain(|item| seen.insert((item.entry.id.clone(), item.entry.raw.clone())));
    items.extend(
        newer
            .iter()
            .filter(|item| store.get(&item.key).ok().flatten().as_ref() == Some(&item.entry.raw))
            .cloned(),
    );
    for id in suffixes(&keys, ORIGINAL_PREFIX) {
        let key = format!("{ORIGINAL_PREFIX}{id}");
        if let Ok(Some(raw)) = store.get(&key) {
            items.push(RecoveryItem {
                key,
                entry: SetAside {
                    id,
                    reason: "the original of a migrated report, kept until it is saved".into(),
                    raw,
                },
            });
        }
    }
    items
}

/// The recovery area's entry for report `id`, stored as `raw` by version `version`.
fn newer_item(id: String, raw: String, version: u64) -> RecoveryItem {
    RecoveryItem {
        key: report_key(&id),
        entry: SetAside {
            id,
            reason: format!("written by a newer version (version {version}); kept unchanged"),
            raw,
        },
    }
}

/// Why an index entry was moved to the recovery area.
const MISSING_REASON: &str = "listed in the library index, but its stored report is missing";

// ---- Scanning the library -------------------------------------------------------------------

/// The index as stored, repaired: an unreadable index set aside and rebuilt from the report
/// keys, reports missing from it (a rebuilt index, or two tabs writing it at once) read and
/// added back (an unreadable one set aside), and entries whose report is missing recorded in
/// the recovery area. Run at start-up and whenever another tab changes the library. Storage
/// that refuses writes still gives the list it could read.
///
/// A report the index lists is not read: its entry says what the list shows, and reading
/// every report before drawing the list was most of a large library's start-up. Whether
/// those still read is [`verify_report`]'s work, called for each of [`report_ids`] once the
/// list is shown (an unreadable one is set aside then, and dropped from the index by the next
/// scan); opening one reads it anyway.
pub fn scan(store: &mut impl KeyValue, now: f64) -> Vec<LibraryEntry> {
    let index = match load_index(store) {
        Ok(entries) => entries,
        Err(raw) => {
            let _ = set_aside(store, "index", &raw, "the library index is unreadable", now);
            Vec::new()
        }
    };
    // A report the index lists keeps its entry (its counts were taken when it was saved);
    // one the index lacks is listed with its findings not counted yet (`count_unchecked`
    // counts them), so start-up validates nothing and the start screen's code holds no
    // checker.
    let listed: std::collections::HashSet<String> = index.iter().map(|e| e.id.clone()).collect();
    let mut stored = Vec::new();
    for id in keys_with(store, REPORT_PREFIX) {
        if listed.contains(&id) {
            stored.push((id, None));
            continue;
        }
        let Ok(Some(text)) = store.get(&report_key(&id)) else {
            continue;
        };
        let (report, saved_at) = match decode_stored(&text) {
            Stored::Quarantine { reason } => {
                let _ = move_aside(store, &id, &text, &reason, now);
                continue;
            }
            Stored::Report {
                report, saved_at, ..
            } => (report, saved_at),
            Stored::Newer {
                preview: Some(report),
                ..
            } => (report, 0.0),
            // Kept where it is, untouched; the recovery area lists it.
            Stored::Newer { preview: None, .. } => {
                stored.push((id, None));
                continue;
            }
        };
        let at = if saved_at > 0.0 { saved_at } else { now };
        stored.push((id.clone(), Some(LibraryEntry::listed(&id, &report, at))));
    }
    let repair = repair_index(index, &stored);
    for entry in &repair.missing {
        // A report set aside already has its record: its index entry adds nothing.
        if !keys_with(store, &format!("{QUARANTINE_PREFIX}{}.", entry.id)).is_empty() {
            continue;
        }
        let text = serde_json::to_string(entry).unwrap_or_else(|_| entry.title.clone());
        let _ = set_aside(store, &entry.id, &text, MISSING_REASON, now);
    }
    if repair.changed {
        let _ = save_index(store, &repair.entries);
    }
    repair.entries
}

/// The id of every stored report, in key order: what [`verify_report`] goes through.
pub fn report_ids(store: &impl KeyValue) -> Vec<String> {
    keys_with(store, REPORT_PREFIX)
}

/// What [`verify_report`] found.
#[derive(Debug, Clone, PartialEq)]
pub enum Verified {
    /// It reads, at this revision.
    Reads {
        /// The revision stored.
        revision: u64,
    },
    /// Written by a newer version in a layout this one cannot read at all: kept where it
    /// is, and listed in the recovery area as `item` ([`recovery_items_with`]).
    Newer {
        /// The revision stored.
        revision: u64,
        /// Its entry in the recovery area, as [`recovery_items`] lists it.
        item: RecoveryItem,
    },
    /// It did not read and was set aside.
    SetAside,
    /// Nothing is stored under the id, storage would not give it, or it did not read and
    /// storage would not let it be set aside (it stays where it is).
    Left,
}

/// Reads report `id` as stored and sets it aside when it does not read (as opening it
/// would). A report of a newer version stays where it is.
pub fn verify_report(store: &mut impl KeyValue, id: &str, now: f64) -> Verified {
    let Ok(Some(text)) = store.get(&report_key(id)) else {
        return Verified::Left;
    };
    let stored = decode_stored(&text);
    if let Stored::Newer {
        version,
        revision,
        preview: None,
    } = stored
    {
        return Verified::Newer {
            revision,
            item: newer_item(id.to_string(), text, version),
        };
    }
    if let Some(revision) = trusted_revision(&stored) {
        return Verified::Reads { revision };
    }
    let reason = match stored {
        Stored::Quarantine { reason } => reason,
        Stored::Report { .. } | Stored::Newer { .. } => return Verified::Left,
    };
    match move_aside(store, id, &text, &reason, now) {
        Ok(()) => Verified::SetAside,
        Err(_) => Verified::Left,
    }
}

/// What reading the stored reports found, kept between readings: each report that reads,
/// with its revision (for the backup reminder), and the reports of a newer version (for the
/// recovery area, [`recovery_items_with`]). Built by verifying every stored report once; then
/// a report another tab writes is verified alone ([`Verification::verify`]), where verifying
/// the whole library again after each of that tab's autosaves made every other open tab
/// read every stored report at each of them (issue 15).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Verification {
    /// Each report that reads (or is kept as a newer version's), with its stored revision.
    pub revisions: Vec<(String, u64)>,
    /// The reports of a newer version, as the recovery area lists them.
    pub newer: Vec<RecoveryItem>,
}

impl Verification {
    /// Verifies report `id` again, as stored now ([`verify_report`]), and records what was
    /// found in place of what was known of it; whether it was set aside (then the index
    /// needs repairing, as [`scan`] does).
    pub fn verify(&mut self, store: &mut impl KeyValue, id: &str, now: f64) -> bool {
        self.revisions.retain(|(known, _)| known != id);
        let key = report_key(id);
        self.newer.retain(|item| item.key != key);
        match verify_report(store, id, now) {
            Verified::Reads { revision } => self.revisions.push((id.to_string(), revision)),
            Verified::Newer { revision, item } => {
                self.revisions.push((id.to_string(), revision));
                self.newer.push(item);
            }
            Verified::SetAside => return true,
            Verified::Left => {}
        }
        false
    }

    /// Forgets the reports no longer stored (another tab removed or purged them).
    pub fn keep_stored(&mut self, store: &impl KeyValue) {
        // Sorted, as `keys_with` gives them.
        let stored = report_ids(store);
        let is_stored = |id: &str| stored.binary_search_by(|s| s.as_str().cmp(id)).is_ok();
        self.revisions.retain(|(id, _)| is_stored(id));
        self.newer.retain(|item| is_stored(&item.entry.id));
    }
}

/// What a library screen reads again when another tab changed local storage (a `storage`
/// event for `key`, `written` when it holds a value now, not removed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LibraryChange {
    /// Nothing the library shows.
    Nothing,
    /// The index, the recovery area, the backup mark or a report removed: list them again
    /// and work out whether a backup is due.
    Listing,
    /// Report `id` was written: list again and verify that report alone
    /// ([`Verification::verify`]): it may not read, or be missing from the index.
    Report(String),
    /// Storage was cleared (no key): list again and verify every report.
    Everything,
}

/// See [`LibraryChange`].
pub fn library_change(key: &str, written: bool) -> LibraryChange {
    if key.is_empty() {
        return LibraryChange::Everything;
    }
    if let Some(id) = key.strip_prefix(REPORT_PREFIX) {
        return match written {
            true => LibraryChange::Report(id.to_string()),
            // A report of a newer version removed leaves the recovery area.
            false => LibraryChange::Listing,
        };
    }
    // The backup mark: another tab's backup may make the reminder here go away.
    if key == INDEX_KEY
        || key == BACKUP_MARK_KEY
        || key.starts_with(QUARANTINE_PREFIX)
        || key.starts_with(ORIGINAL_PREFIX)
    {
        return LibraryChange::Listing;
    }
    LibraryChange::Nothing
}

// ---- Opening --------------------------------------------------------------------------------

/// Why a report cannot be opened.
#[derive(Debug, Clone, PartialEq)]
pub enum OpenError {
    /// No report is stored under the id.
    Missing,
    /// Written by a newer version in a layout this one cannot read at all.
    Newer {
        /// The version found.
        version: u64,
    },
    /// Unreadable: it was set aside in the recovery area.
    Unreadable {
        /// Why.
        reason: String,
    },
    /// Storage refused.
    Store(StoreError),
}

impl From<StoreError> for OpenError {
    fn from(error: StoreError) -> OpenError {
        OpenError::Store(error)
    }
}

/// Why an opened report may only be read.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadOnlyReason {
    /// Written by a newer version (its file version): never written over.
    Newer(u64),
    /// Migrated from an older version, but storage could not keep the original (full): it is
    /// shown and can be exported, but saving would replace the only copy of the original.
    OriginalNotKept(StoreError),
}

/// A report opened for the editor.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    /// The report.
    pub report: Report,
    /// The revision it was stored at.
    pub revision: u64,
    /// Why it may only be read, if so.
    pub read_only: Option<ReadOnlyReason>,
}

/// Opens report `id`: a report of a newer version read-only, a migrated one with its original
/// kept until the migrated copy is saved (read-only when the original cannot be kept), an
/// unreadable one moved aside and refused.
pub fn open_report(store: &mut impl KeyValue, id: &str, now: f64) -> Result<Opened, OpenError> {
    let text = store.get(&report_key(id))?.ok_or(OpenError::Missing)?;
    match decode_stored(&text) {
        Stored::Report {
            report,
            revision,
            migrated,
            ..
        } => {
            let mut read_only = None;
            if migrated {
                let key = format!("{ORIGINAL_PREFIX}{id}");
                let kept = match store.get(&key) {
                    Ok(Some(_)) => Ok(()),
                    Ok(None) => put(store, &key, &text),
                    Err(error) => Err(error),
                };
                read_only = kept.err().map(ReadOnlyReason::OriginalNotKept);
            }
            Ok(Opened {
                report,
                revision,
                read_only,
            })
        }
        Stored::Newer {
            version,
            revision,
            preview: Some(report),
        } => Ok(Opened {
            report,
            revision,
            read_only: Some(ReadOnlyReason::Newer(version)),
        }),
        Stored::Newer { version, .. } => Err(OpenError::Newer { version }),
        Stored::Quarantine { reason } => {
            move_aside(store, id, &text, &reason, now)?;
            Err(OpenError::Unreadable { reason })
        }
    }
}

/// Reads one report this version can edit, with its revision (library actions: copy,
/// rename, next year). A report of a newer version is refused, even when it has a preview.
pub fn load_report(
    store: &mut impl KeyValue,
    id: &str,
    now: f64,
) -> Result<(Report, u64), OpenError> {
    let opened = open_report(store, id, now)?;
    match opened.read_only {
        Some(ReadOnlyReason::Newer(version)) => Err(OpenError::Newer { version }),
        _ => Ok((opened.report, opened.revision)),
    }
}

// ---- Saving ---------------------------------------------------------------------------------

/// Why a save did not happen.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveError {
    /// Another tab saved a newer revision (or a newer version wrote it): refused.
    Stale,
    /// Storage refused or lost the write.
    Store(StoreError),
}

impl From<StoreError> for SaveError {
    fn from(error: StoreError) -> SaveError {
        SaveError::Store(error)
    }
}

/// The revision storage holds for a report, trusted only from an entry that reads as one:
/// an unreadable entry's number means nothing (garbage claiming revision 999999 must not
/// block every later save).
fn trusted_revision(stored: &Stored) -> Option<u64> {
    match stored {
        Stored::Report { revision, .. } | Stored::Newer { revision, .. } => Some(*revision),
        Stored::Quarantine { .. } => None,
    }
}

/// Writes `report` as the revision after `base` (the revision this tab loaded or last
/// wrote), refusing when storage holds a newer one (another tab saved). Something unreadable
/// in its place is set aside first. Returns the new revision.
pub fn save_report_at(
    store: &mut impl KeyValue,
    id: &str,
    report: &Report,
    base: u64,
    now: f64,
) -> Result<u64, SaveError> {
    let key = report_key(id);
    let mut stored = None;
    if let Some(text) = store.get(&key)? {
        let decoded = decode_stored(&text);
        match &decoded {
            Stored::Newer { .. } => return Err(SaveError::Stale),
            Stored::Quarantine { reason } => {
                set_aside(store, id, &text, reason, now)?;
            }
            Stored::Report { .. } => {}
        }
        stored = trusted_revision(&decoded);
    }
    if !may_write(base, stored) {
        return Err(SaveError::Stale);
    }
    let revision = stored.unwrap_or(base).max(base) + 1;
    put(store, &key, &encode_stored(report, revision, now))?;
    // The migrated copy is saved and verified: the original is no longer needed.
    let _ = store.remove(&format!("{ORIGINAL_PREFIX}{id}"));
    Ok(revision)
}

/// Writes `report` over whatever revision is stored (library actions on a closed report).
pub fn save_report(
    store: &mut impl KeyValue,
    id: &str,
    report: &Report,
    now: f64,
) -> Result<u64, SaveError> {
    let base = store
        .get(&report_key(id))?
        .map(|text| trusted_revision(&decode_stored(&text)).unwrap_or(0))
        .unwrap_or(0);
    save_report_at(store, id, report, base, now)
}

/// Stores `report` as a new library entry under `id` (linked to `previous`) and lists it,
/// its findings not counted yet ([`count_unchecked`] or the editor's first save count them).
pub fn add_report(
    store: &mut impl KeyValue,
    id: &str,
    report: &Report,
    previous: Option<String>,
    now: f64,
) -> Result<Vec<LibraryEntry>, SaveError> {
    save_report(store, id, report, now)?;
    let mut entry = LibraryEntry::listed(id, report, now);
    entry.previous = previous;
    Ok(commit_index(store, now, |entries| {
        // Another tab may have listed it already (it saw the report key first).
        entries.retain(|e| e.id != entry.id);
        entries.push(entry);
    })?)
}

/// Counts the findings of every entry listed [`LibraryEntry::unchecked`] (checked as the
/// library shows them: on their own, in Chinese), and stores the index so. An entry whose
/// report cannot be read now stays unchecked (opening it says why). Returns the entries as
/// stored.
pub fn count_unchecked(
    store: &mut impl KeyValue,
    now: f64,
) -> Result<Vec<LibraryEntry>, StoreError> {
    let unchecked: Vec<String> = load_index(store)
        .unwrap_or_default()
        .into_iter()
        .filter(|entry| entry.unchecked)
        .map(|entry| entry.id)
        .collect();
    let mut counted = Vec::new();
    for id in unchecked {
        let Ok(Some(text)) = store.get(&report_key(&id)) else {
            continue;
        };
        let report = match decode_stored(&text) {
            Stored::Report { report, .. }
            | Stored::Newer {
                preview: Some(report),
                ..
            } => report,
            Stored::Newer { preview: None, .. } | Stored::Quarantine { .. } => continue,
        };
        counted.push((id, validate(&report, None, Lang::Zh), report));
    }
    commit_index(store, now, |entries| {
        for (id, findings, report) in &counted {
            if let Some(entry) = entries.iter_mut().find(|e| e.id == *id && e.unchecked) {
                let saved_at = entry.saved_at;
                entry.refresh(report, findings, saved_at);
            }
        }
    })
}

/// Removes one report for good.
pub fn remove_report(store: &mut impl KeyValue, id: &str) -> Result<(), StoreError> {
    store.remove(&report_key(id))
}

// ---- An open editor and its stored entry ----------------------------------------------------

/// What an editor does when its report's stored entry changed under it (another tab, another
/// program), decided from what is stored and whether its own text is all stored.
#[derive(Debug, Clone, PartialEq)]
pub enum StoredChange {
    /// Nothing to do.
    Nothing,
    /// Another tab saved a newer revision and this tab has nothing unsaved: show it.
    Follow(Box<Report>, u64),
    /// Another tab saved a newer revision while this tab holds text not yet stored: keep the
    /// text on screen (never replaced), and offer to keep it as a copy.
    Conflict,
    /// The entry is gone or unreadable while this tab holds the good version: write it back
    /// now (the unreadable text is set aside by the save).
    Rewrite,
}

/// See [`StoredChange`]. `editing`: this tab holds the edit lock (a read-only tab never
/// writes back).
pub fn on_stored_change(
    store: &impl KeyValue,
    id: &str,
    my_revision: u64,
    unsaved: bool,
    editing: bool,
) -> StoredChange {
    let Ok(text) = store.get(&report_key(id)) else {
        return StoredChange::Nothing;
    };
    let Some(text) = text else {
        return if editing {
            StoredChange::Rewrite
        } else {
            StoredChange::Nothing
        };
    };
    match decode_stored(&text) {
        Stored::Report {
            report, revision, ..
        } if revision > my_revision => {
            if unsaved {
                StoredChange::Conflict
            } else {
                StoredChange::Follow(Box::new(report), revision)
            }
        }
        Stored::Report { .. } | Stored::Newer { .. } => StoredChange::Nothing,
        Stored::Quarantine { .. } if editing => StoredChange::Rewrite,
        Stored::Quarantine { .. } => StoredChange::Nothing,
    }
}

/// What taking over editing from another tab did.
#[derive(Debug, Clone, PartialEq)]
pub struct TakeOver {
    /// The report to edit now, and its stored revision.
    pub report: Report,
    /// Its revision.
    pub revision: u64,
    /// The id of a new library entry holding this tab's unsaved text, when the other tab had
    /// saved a newer version in the meantime (both are kept).
    pub kept_copy: Option<String>,
}

/// Takes editing of `id` over in a tab that may hold `unsaved` text (made from revision
/// `base`): the text is saved when storage has not moved on; when another tab saved since, it
/// is kept as a copy (new entry `copy_id`, titled with `copy_suffix`) and the stored version
/// is loaded. Nothing typed is ever dropped: when storage refuses, the error comes back and
/// the text stays with the caller.
pub fn take_over(
    store: &mut impl KeyValue,
    id: &str,
    unsaved: Option<&Report>,
    base: u64,
    copy: (&str, &str),
    now: f64,
) -> Result<TakeOver, SaveError> {
    let (copy_id, copy_suffix) = copy;
    if let Some(ours) = unsaved {
        match save_report_at(store, id, ours, base, now) {
            Ok(revision) => {
                return Ok(TakeOver {
                    report: ours.clone(),
                    revision,
                    kept_copy: None,
                });
            }
            Err(SaveError::Stale) => {
                let mut copy = ours.clone();
                let title = format!("{}{copy_suffix}", crate::library::report_title(&copy));
                crate::library::set_report_title(&mut copy, &title);
                let previous = load_index(store)
                    .ok()
                    .and_then(|entries| entries.into_iter().find(|e| e.id == id))
                    .and_then(|entry| entry.previous);
                add_report(store, copy_id, &copy, previous, now)?;
                let (report, revision) = stored_for_takeover(store, id, now)?;
                return Ok(TakeOver {
                    report,
                    revision,
                    kept_copy: Some(copy_id.to_string()),
                });
            }
            Err(error) => return Err(error),
        }
    }
    let (report, revision) = stored_for_takeover(store, id, now)?;
    Ok(TakeOver {
        report,
        revision,
        kept_copy: None,
    })
}

/// The stored report a takeover edits; one this version may not edit counts as stale.
fn stored_for_takeover(
    store: &mut impl KeyValue,
    id: &str,
    now: f64,
) -> Result<(Report, u64), SaveError> {
    load_report(store, id, now).map_err(|error| match error {
        OpenError::Store(error) => SaveError::Store(error),
        _ => SaveError::Stale,
    })
}

// ---- The edit lock --------------------------------------------------------------------------

fn lock_key(id: &str) -> String {
    format!("{LOCK_PREFIX}{id}")
}

/// Who holds the edit lock of report `id`, seen from tab `tab` at `now`.
pub fn lock_holder_of(store: &impl KeyValue, id: &str, tab: &str, now: f64) -> LockHolder {
    let lock = store
        .get(&lock_key(id))
        .ok()
        .flatten()
        .and_then(|text| decode_lock(&text));
    lock_holder(lock.as_ref(), tab, now)
}

/// Claims (or refreshes) the edit lock of `id` for `tab` unless another live tab holds it;
/// returns whether this tab holds it afterwards, read back from storage, so that of two
/// tabs claiming at the same moment only the one whose write stayed goes on editing. A lock
/// that cannot be written guards nothing: the tab edits, and saving reports the problem.
pub fn claim_lock(store: &mut impl KeyValue, id: &str, tab: &str, now: f64) -> bool {
    if let LockHolder::Other(_) = lock_holder_of(store, id, tab, now) {
        return false;
    }
    match put(store, &lock_key(id), &encode_lock(tab, now)) {
        Ok(()) => true,
        Err(StoreError::NotVerified) => lock_holder_of(store, id, tab, now) == LockHolder::Mine,
        Err(_) => true,
    }
}

/// Takes the lock of `id` for `tab` whoever holds it (接管编辑).
pub fn force_lock(store: &mut impl KeyValue, id: &str, tab: &str, now: f64) {
    let _ = put(store, &lock_key(id), &encode_lock(tab, now));
}

/// Gives the lock of `id` back, if `tab` holds it.
pub fn release_lock(store: &mut impl KeyValue, id: &str, tab: &str, now: f64) {
    if lock_holder_of(store, id, tab, now) == LockHolder::Mine {
        let _ = store.remove(&lock_key(id));
    }
}

// ---- Backups --------------------------------------------------------------------------------

/// Every stored report as backup items, listed in the index or not (an unreadable or stale
/// index must not leave a report out); `current` (id, in-memory report) replaces the stored
/// version of that report as one revision newer.
pub fn backup_items(store: &impl KeyValue, current: Option<(&str, &Report)>) -> Vec<BackupItem> {
    let entries = load_index(store).unwrap_or_default();
    let mut ids: Vec<String> = entries.iter().map(|e| e.id.clone()).collect();
    for id in keys_with(store, REPORT_PREFIX) {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let mut items = Vec::new();
    for id in ids {
        let Ok(Some(text)) = store.get(&report_key(&id)) else {
            continue;
        };
        let entry = entries.iter().find(|e| e.id == id);
        let decoded = decode_stored(&text);
        let (report, saved_at) = match &decoded {
            Stored::Report {
                report, saved_at, ..
            } => (ReportJson::from_report(report), *saved_at),
            Stored::Newer { .. } => match stored_report_json(&text) {
                Some(report) => (report, 0.0),
                None => continue,
            },
            Stored::Quarantine { .. } => continue,
        };
        items.push(BackupItem {
            revision: trusted_revision(&decoded).unwrap_or(0),
            saved_at: entry.map_or(saved_at, |e| e.saved_at),
            previous: entry.and_then(|e| e.previous.clone()),
            deleted: entry.is_some_and(|e| e.deleted),
            report,
            id,
        });
    }
    if let Some((id, report)) = current
        && let Some(item) = items.iter_mut().find(|item| item.id == id)
    {
        let value = ReportJson::from_report(report);
        if item.report != value {
            item.report = value;
            item.revision += 1;
        }
    }
    items
}

/// A backup of everything at `now`: every report (with `current`'s unsaved text), and the
/// recovery area, so a backup taken before clearing browser data carries everything.
pub fn make_backup(store: &impl KeyValue, current: Option<(&str, &Report)>, now: f64) -> Backup {
    let mut backup = Backup::new(backup_items(store, current), now);
    backup.recovery = recovery_items(store)
        .into_iter()
        .map(|item| item.entry)
        .collect();
    backup
}

/// Remembers what a downloaded backup held, for the reminder.
pub fn record_backup(store: &mut impl KeyValue, backup: &Backup) -> Result<(), StoreError> {
    let mark = BackupMark {
        at: backup.exported_at,
        revisions: backup
            .reports
            .iter()
            .map(|i| (i.id.clone(), i.revision))
            .collect(),
    };
    let text = serde_json::to_string(&mark).map_err(|err| StoreError::Other(err.to_string()))?;
    put(store, BACKUP_MARK_KEY, &text)
}

/// The ids of reports that changed a lot since the last backup.
pub fn backup_due(store: &impl KeyValue) -> Vec<String> {
    let current: Vec<(String, u64)> = keys_with(store, REPORT_PREFIX)
        .into_iter()
        .filter_map(|id| {
            let text = store.get(&report_key(&id)).ok().flatten()?;
            Some((id, trusted_revision(&decode_stored(&text))?))
        })
        .collect();
    backup_due_at(store, &current)
}

/// [`backup_due`] for the stored reports' revisions already read (`current`: each report
/// that reads, with its revision, as [`verify_report`] gives them), so that start-up reads
/// every report once.
pub fn backup_due_at(store: &impl KeyValue, current: &[(String, u64)]) -> Vec<String> {
    let mark: BackupMark = store
        .get(BACKUP_MARK_KEY)
        .ok()
        .flatten()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    crate::backup::backup_due(&mark, current)
}

/// Why a backup file was not imported at all.
#[derive(Debug, Clone, PartialEq)]
pub enum BackupError {
    /// Not a backup file (the reason in plain words).
    NotABackup(String),
    /// Storage refused; what was written before the failure was taken back.
    Store(StoreError),
}

/// What importing a backup did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BackupImport {
    /// Reports written (new ones, copies, replacements).
    pub added: usize,
    /// Reports the library held already, identical.
    pub same: usize,
    /// Reports in the backup.
    pub total: usize,
    /// Items that could not be read: (id, why), not imported; the rest were.
    pub skipped: Vec<(String, String)>,
    /// Entries of the backup's recovery area put back into this one.
    pub recovered: usize,
}

/// One planned write of a backup import.
struct Planned {
    id: String,
    text: String,
    entry: LibraryEntry,
}

/// Plans writing `item` under `id` (a copy's title gets `suffix`); `Err` with the reason when
/// the item cannot be read.
fn plan_item(item: &BackupItem, id: &str, suffix: Option<&str>) -> Result<Planned, String> {
    let mut value = item.report.clone();
    if let (Some(suffix), Ok(mut report)) = (suffix, value.report()) {
        let title = format!("{}{suffix}", crate::library::report_title(&report));
        crate::library::set_report_title(&mut report, &title);
        value = ReportJson::from_report(&report);
    }
    let text = encode_stored_json(&value, item.revision, item.saved_at);
    let report = match decode_stored(&text) {
        Stored::Report { report, .. }
        | Stored::Newer {
            preview: Some(report),
            ..
        } => report,
        Stored::Newer { version, .. } => {
            return Err(format!("written by a newer version (version {version})"));
        }
        Stored::Quarantine { reason } => return Err(reason),
    };
    let findings = validate(&report, None, Lang::Zh);
    let mut entry = LibraryEntry::describe(id, &report, &findings, item.saved_at);
    entry.previous = item.previous.clone();
    entry.deleted = item.deleted;
    Ok(Planned {
        id: id.to_string(),
        text,
        entry,
    })
}

/// Merges a backup file's text into the library. A report with the same id keeps the newer
/// revision and the other version as a copy; two items with the same id in the backup are
/// both kept; an unreadable item is skipped and listed while the rest are imported; the
/// backup's recovery area joins this one. Everything is planned before anything is written,
/// and a write refused half-way is taken back, so the library is never left half-imported.
pub fn import_backup(
    store: &mut impl KeyValue,
    text: &str,
    copy_suffix: &str,
    mut new_id: impl FnMut() -> String,
    now: f64,
) -> Result<BackupImport, BackupError> {
    let backup = Backup::from_json(text).map_err(BackupError::NotABackup)?;
    let existing = backup_items(store, None);
    let plan = merge_backup(&existing, &backup.reports, &mut new_id);
    let mut outcome = BackupImport {
        total: backup.reports.len(),
        ..BackupImport::default()
    };
    let mut writes = Vec::new();
    let mut note =
        |result: Result<Planned, String>, id: &str, writes: &mut Vec<Planned>| match result {
            Ok(planned) => writes.push(planned),
            Err(reason) => outcome.skipped.push((id.to_string(), reason)),
        };
    for action in &plan {
        match action {
            MergeAction::Same(_) => outcome.same += 1,
            MergeAction::Add(item) => note(plan_item(item, &item.id, None), &item.id, &mut writes),
            MergeAction::Copy { item, copy_id } => note(
                plan_item(item, copy_id, Some(copy_suffix)),
                &item.id,
                &mut writes,
            ),
            MergeAction::Replace { item, copy_id } => {
                let incoming = plan_item(item, &item.id, None);
                if incoming.is_ok()
                    && let Some(ours) = existing.iter().find(|o| o.id == item.id)
                {
                    note(
                        plan_item(ours, copy_id, Some(copy_suffix)),
                        &ours.id,
                        &mut writes,
                    );
                }
                note(incoming, &item.id, &mut writes);
            }
        }
    }
    // Write, remembering what each key held, to take it all back if storage refuses.
    let mut undo: Vec<(String, Option<String>)> = Vec::new();
    let mut failure = None;
    for planned in &writes {
        let key = report_key(&planned.id);
        let before = match store.get(&key) {
            Ok(before) => before,
            Err(error) => {
                failure = Some(error);
                break;
            }
        };
        undo.push((key.clone(), before));
        if let Err(error) = put(store, &key, &planned.text) {
            failure = Some(error);
            break;
        }
    }
    let committed = match failure {
        Some(error) => Err(error),
        None => commit_index(store, now, |entries| {
            for planned in &writes {
                match entries.iter_mut().find(|e| e.id == planned.id) {
                    Some(slot) => *slot = planned.entry.clone(),
                    None => entries.push(planned.entry.clone()),
                }
            }
        })
        .map(|_| ()),
    };
    if let Err(error) = committed {
        for (key, before) in undo.into_iter().rev() {
            let _ = match before {
                Some(text) => store.set(&key, &text),
                None => store.remove(&key),
            };
        }
        return Err(BackupError::Store(error));
    }
    outcome.added = writes.len();
    for entry in &backup.recovery {
        if set_aside(store, &entry.id, &entry.raw, &entry.reason, now).is_ok() {
            outcome.recovered += 1;
        }
    }
    Ok(outcome)
}

// ---- How full storage is --------------------------------------------------------------------

/// How full storage is, as the library shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    /// Bytes used (UTF-16: two per code unit of every key and value).
    pub used: usize,
    /// The quota assumed.
    pub quota: usize,
    /// Reports stored.
    pub reports: usize,
    /// The size of the largest stored report, the one a next report is likely to resemble.
    pub report_size: usize,
    /// How many more reports of that size fit, leaving room for their revisions to grow.
    pub more_reports: usize,
}

impl Usage {
    /// The share of the quota used, 0–100.
    pub fn percent(&self) -> usize {
        (self.used * 100)
            .checked_div(self.quota)
            .unwrap_or(100)
            .min(100)
    }

    /// Whether it is time to say so loudly: less than a fifth left, or room for fewer than
    /// five more reports.
    pub fn is_tight(&self) -> bool {
        self.used * 5 >= self.quota * 4 || (self.reports > 0 && self.more_reports < 5)
    }
}

/// How full `store` is, against `quota` bytes.
pub fn usage(store: &impl KeyValue, quota: usize) -> Usage {
    let mut used = 0;
    let mut reports = 0;
    let mut report_size = 0;
    for key in store.keys().unwrap_or_default() {
        let Ok(Some(length)) = store.len_utf16(&key) else {
            continue;
        };
        let bytes = 2 * (key.encode_utf16().count() + length);
        used += bytes;
        if key.starts_with(REPORT_PREFIX) {
            reports += 1;
            report_size = report_size.max(bytes);
        }
    }
    // A report with its entry in the index, and a third more for it to grow.
    let per_report = (report_size.max(2_000) * 4).div_ceil(3) + 600;
    Usage {
        used,
        quota,
        reports,
        report_size,
        more_reports: quota.saturating_sub(used) / per_report,
    }
}

#[cfg(test)]
mod tests;
