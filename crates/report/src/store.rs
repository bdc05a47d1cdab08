//! How reports are kept in key-value storage (the browser's local storage): the stored
//! envelope with its revision counter, decoding a stored entry into a report, a report to
//! quarantine or a report from a newer version, and the edit lock that keeps two tabs from
//! editing the same report. Text and numbers in, text and decisions out: reading and writing
//! storage, clocks and tab ids are the caller's business.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::backup::ReportJson;
use crate::file::{LoadError, from_json};
use crate::model::{CURRENT_VERSION, FORMAT, Report};

/// The `format` of a stored entry.
pub const STORED_FORMAT: &str = "nianbao/stored";

/// The layout of the stored entry this code writes. Layout 0 is a bare report file, as the
/// first versions of the app stored it.
pub const STORED_LAYOUT: u64 = 1;

/// A heartbeat older than this (ms) frees the edit lock: its tab crashed or was closed.
pub const LOCK_STALE_MS: f64 = 8_000.0;

/// What a stored entry holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Stored {
    /// A report this version can edit.
    Report {
        /// The report, migrated to the current file version when it was older.
        report: Report,
        /// The revision counter: how many saves made it.
        revision: u64,
        /// When it was last saved (ms), 0 when unknown.
        saved_at: f64,
        /// Written by an older version: the stored text differs from what will be saved.
        migrated: bool,
    },
    /// Written by a newer version: show read-only, never write over it.
    Newer {
        /// The report file version (or layout) found.
        version: u64,
        /// The revision counter, when the envelope was readable.
        revision: u64,
        /// The report read as well as this version can, for a read-only view.
        preview: Option<Report>,
    },
    /// Unreadable (bad JSON, wrong shape): move it aside, keep the raw text.
    Quarantine {
        /// Why it cannot be read, in plain words.
        reason: String,
    },
}

/// The stored text of `report` at `revision`, saved at `saved_at` (ms). The report is
/// embedded as its compact file text, so figures keep the digits they were written with.
pub fn encode_stored(report: &Report, revision: u64, saved_at: f64) -> String {
    encode_stored_json(&ReportJson::from_report(report), revision, saved_at)
}

/// The stored text of a report file's JSON text (as a backup holds it) at `revision`.
pub fn encode_stored_json(report: &ReportJson, revision: u64, saved_at: f64) -> String {
    #[derive(Serialize)]
    struct Envelope<'a> {
        format: &'a str,
        layout: u64,
        revision: u64,
        saved_at: f64,
        report: &'a RawValue,
    }
    let report: &RawValue =
        serde_json::from_str(report.text()).expect("a ReportJson always holds one JSON value");
    serde_json::to_string(&Envelope {
        format: STORED_FORMAT,
        layout: STORED_LAYOUT,
        revision,
        saved_at: if saved_at.is_finite() { saved_at } else { 0.0 },
        report,
    })
    .expect("the envelope has string keys and finite numbers")
}

/// Reads a stored entry. Never fails: what cannot be read becomes [`Stored::Quarantine`].
/// The report inside is read from its own text, never through a JSON value, so no figure
/// is rounded on the way.
pub fn decode_stored(text: &str) -> Stored {
    let object: BTreeMap<String, Box<RawValue>> = match serde_json::from_str(text) {
        Ok(object) => object,
        Err(error) if error.is_data() => {
            return Stored::Quarantine {
                reason: "not a JSON object".into(),
            };
        }
        Err(error) => {
            return Stored::Quarantine {
                reason: format!("not valid JSON: {error}"),
            };
        }
    };
    let field = |name: &str| {
        object
            .get(name)
            .and_then(|raw| serde_json::from_str::<Value>(raw.get()).ok())
    };
    match field("format").as_ref().and_then(Value::as_str) {
        Some(STORED_FORMAT) => {}
        // Layout 0: the bare report file.
        Some(FORMAT) => return decode_report(text, 0, 0.0, true),
        Some(other) => {
            return Stored::Quarantine {
                reason: format!("unknown format \"{other}\""),
            };
        }
        None => {
            return Stored::Quarantine {
                reason: "no \"format\" field".into(),
            };
        }
    }
    let revision = field("revision").as_ref().and_then(Value::as_u64);
    let layout = field("layout").as_ref().and_then(Value::as_u64);
    let saved_at = field("saved_at")
        .as_ref()
        .and_then(Value::as_f64)
        .unwrap_or(0.0);
    match (layout, revision) {
        (Some(layout), revision) if layout > STORED_LAYOUT => Stored::Newer {
            version: layout,
            revision: revision.unwrap_or(0),
            preview: None,
        },
        (Some(STORED_LAYOUT), Some(revision)) => match object.get("report") {
            Some(report) => decode_report(report.get(), revision, saved_at, false),
            None => Stored::Quarantine {
                reason: "no \"report\" in the stored entry".into(),
            },
        },
        _ => Stored::Quarantine {
            reason: "the stored entry has no valid \"layout\" or \"revision\"".into(),
        },
    }
}

/// The version of a stored entry written by a newer version in a layout this one cannot
/// read at all: what [`decode_stored`] gives as [`Stored::Newer`] without a preview, and
/// `None` for anything else. The recovery area lists those, and looks at every stored report
/// for them; this reads only the entry's header fields (one pass over the text, the report
/// itself not read), and decodes the entry only when those say it may be newer, so that the
/// answer is always `decode_stored`'s.
pub(crate) fn newer_unreadable(text: &str) -> Option<u64> {
    #[derive(Deserialize)]
    struct Header {
        format: Option<Value>,
        layout: Option<Value>,
        /// A bare report file's (layout 0).
        version: Option<Value>,
        report: Option<ReportHeader>,
    }
    #[derive(Deserialize)]
    struct ReportHeader {
        version: Option<Value>,
    }
    // `from_json` reads versions 0 and 1 and refuses any other number as newer.
    let newer_version = |version: &Option<Value>| {
        version
            .as_ref()
            .and_then(Value::as_u64)
            .is_some_and(|version| version > u64::from(CURRENT_VERSION))
    };
    let exactly = || match decode_stored(text) {
        Stored::Newer {
            version,
            preview: None,
            ..
        } => Some(version),
        _ => None,
    };
    // Anything the header does not read plainly (not an object, a repeated field, a report
    // that is not an object) is decoded in full.
    let Ok(header) = serde_json::from_str::<Header>(text) else {
        return exactly();
    };
    let maybe_newer = match header.format.as_ref().and_then(Value::as_str) {
        Some(STORED_FORMAT) => {
            header
                .layout
                .as_ref()
                .and_then(Value::as_u64)
                .is_some_and(|layout| layout > STORED_LAYOUT)
                || header
                    .report
                    .as_ref()
                    .is_some_and(|report| newer_version(&report.version))
        }
        Some(FORMAT) => newer_version(&header.version),
        // Unknown formats and entries without one are set aside, never newer.
        _ => false,
    };
    if maybe_newer { exactly() } else { None }
}

fn decode_report(report: &str, revision: u64, saved_at: f64, bare: bool) -> Stored {
    #[derive(Deserialize)]
    struct Version {
        version: Option<Value>,
    }
    let older = serde_json::from_str::<Version>(report)
        .ok()
        .and_then(|probe| probe.version)
        .and_then(|version| version.as_u64())
        .is_some_and(|version| version < u64::from(CURRENT_VERSION));
    match from_json(report) {
        Ok(parsed) => Stored::Report {
            report: parsed,
            revision,
            saved_at,
            migrated: bare || older,
        },
        Err(LoadError::NewerVersion { version }) => Stored::Newer {
            version,
            revision,
            preview: preview_of_newer(report),
        },
        Err(error) => Stored::Quarantine {
            reason: error.to_string(),
        },
    }
}

/// A newer report read as if it were the current version: what this version understands of
/// it, for a read-only view. Unknown fields are kept in `extra` and never written back.
fn preview_of_newer(report: &str) -> Option<Report> {
    let mut object: BTreeMap<String, Box<RawValue>> = serde_json::from_str(report).ok()?;
    object.insert(
        "version".into(),
        RawValue::from_string(CURRENT_VERSION.to_string()).ok()?,
    );
    from_json(&serde_json::to_string(&object).ok()?).ok()
}

/// The report file's JSON text inside a stored entry (or the bare report file of layout 0),
/// as written; `None` when the entry is not readable JSON or holds no report.
pub fn stored_report_json(text: &str) -> Option<ReportJson> {
    let object: BTreeMap<String, Box<RawValue>> = serde_json::from_str(text).ok()?;
    match object.get("report") {
        Some(report) => ReportJson::from_text(report.get()),
        None => ReportJson::from_text(text),
    }
}

/// The revision recorded in a stored text, without reading the report: 0 for a bare report
/// file, `None` when unreadable.
pub fn stored_revision(text: &str) -> Option<u64> {
    #[derive(Deserialize)]
    struct Head {
        format: Option<String>,
        revision: Option<u64>,
    }
    let head: Head = serde_json::from_str(text).ok()?;
    match head.format.as_deref() {
        Some(STORED_FORMAT) => head.revision,
        Some(FORMAT) => Some(0),
        _ => None,
    }
}

/// Whether a save made from `base` (the revision this tab loaded or last wrote) may replace
/// what storage holds now (`stored`, `None` when the entry is absent). A newer stored
/// revision means another tab saved in between: the write is stale and refused.
pub fn may_write(base: u64, stored: Option<u64>) -> bool {
    stored.is_none_or(|stored| stored <= base)
}

/// An entry set aside as unreadable (or kept as a migrated report's original), as kept in
/// storage and in backups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetAside {
    /// The report id it was stored under (`index` for the library index).
    pub id: String,
    /// Why it was set aside.
    pub reason: String,
    /// The text exactly as it was stored.
    pub raw: String,
}

/// Who edits a report: the tab holding the lock, refreshed by its heartbeat.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditLock {
    /// The id of the tab that holds it.
    pub tab_id: String,
    /// Its last heartbeat (ms).
    pub heartbeat_ms: f64,
}

/// Where the edit lock stands for one tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockHolder {
    /// Nobody holds it (absent or stale): this tab may take it.
    Free,
    /// This tab holds it.
    Mine,
    /// Another live tab holds it: open read-only.
    Other(String),
}

/// Who holds `lock` as seen by tab `me` at `now` (ms).
pub fn lock_holder(lock: Option<&EditLock>, me: &str, now: f64) -> LockHolder {
    match lock {
        None => LockHolder::Free,
        Some(lock) if lock.tab_id == me => LockHolder::Mine,
        Some(lock) if now - lock.heartbeat_ms > LOCK_STALE_MS => LockHolder::Free,
        Some(lock) => LockHolder::Other(lock.tab_id.clone()),
    }
}

/// Reads a stored lock; an unreadable one counts as absent (it guards nothing).
pub fn decode_lock(text: &str) -> Option<EditLock> {
    serde_json::from_str(text).ok()
}

/// The stored text of a lock held by `tab_id` at `now`.
pub fn encode_lock(tab_id: &str, now: f64) -> String {
    serde_json::to_string(&EditLock {
        tab_id: tab_id.to_string(),
        heartbeat_ms: now,
    })
    .expect("a lock always serialises")
}
