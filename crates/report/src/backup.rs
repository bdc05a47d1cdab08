//! The backup file ("export everything"): every report of the library in one JSON file, and
//! the merge of an imported backup into the library, which never overwrites silently: when
//! both sides hold a different version of a report, the newer revision keeps the id and the
//! other is kept as a copy. Also when to remind the user that a backup is due.
//!
//! Pure data: reading files, writing storage and making new ids are the caller's business.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::file::{LoadError, from_json, to_json_compact};
use crate::model::Report;
use crate::store::SetAside;

/// The `format` of a backup file.
pub const BACKUP_FORMAT: &str = "nianbao/backup";

/// The backup file version this code writes and reads.
pub const BACKUP_VERSION: u32 = 1;

/// Revisions (saves) since the last backup after which the library suggests a new one.
pub const BACKUP_REMINDER_REVISIONS: u64 = 30;

/// A backup file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    /// Always [`BACKUP_FORMAT`].
    pub format: String,
    /// [`BACKUP_VERSION`].
    pub version: u32,
    /// When it was made (ms).
    pub exported_at: f64,
    /// The reports.
    pub reports: Vec<BackupItem>,
    /// The recovery area: entries that could not be read, and originals of migrated
    /// reports, kept as they were so nothing is lost with the browser's data.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recovery: Vec<SetAside>,
}

/// One report in a backup, as stored in the library.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupItem {
    /// The library id.
    pub id: String,
    /// The revision counter.
    pub revision: u64,
    /// When it was last saved (ms).
    #[serde(default)]
    pub saved_at: f64,
    /// The id of last year's report, when linked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    /// In the recycle bin.
    #[serde(default)]
    pub deleted: bool,
    /// The report file, kept as its JSON text so a report from a newer version survives the
    /// trip and no figure is rounded on the way.
    pub report: ReportJson,
}

/// A report file's JSON text, kept exactly as written (never parsed into a JSON value, whose
/// numbers are binary floats).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ReportJson(Box<RawValue>);

impl ReportJson {
    /// The file text of `report`, compact.
    pub fn from_report(report: &Report) -> ReportJson {
        ReportJson(
            RawValue::from_string(to_json_compact(report))
                .expect("to_json always writes one JSON object"),
        )
    }

    /// JSON text as it is; `None` when it is not one JSON value.
    pub fn from_text(text: &str) -> Option<ReportJson> {
        serde_json::from_str(text).ok().map(ReportJson)
    }

    /// The JSON text.
    pub fn text(&self) -> &str {
        self.0.get()
    }

    /// The report it holds, as [`from_json`] reads it.
    pub fn report(&self) -> Result<Report, LoadError> {
        from_json(self.text())
    }
}

/// Two texts hold the same report when they read as equal reports (however they are laid
/// out); texts this version cannot read are compared as JSON values, then as text.
impl PartialEq for ReportJson {
    fn eq(&self, other: &ReportJson) -> bool {
        match (self.report(), other.report()) {
            (Ok(ours), Ok(theirs)) => ours == theirs,
            _ => match (
                serde_json::from_str::<Value>(self.text()),
                serde_json::from_str::<Value>(other.text()),
            ) {
                (Ok(ours), Ok(theirs)) => ours == theirs,
                _ => self.text() == other.text(),
            },
        }
    }
}

impl Backup {
    /// A backup of `reports` made at `exported_at`.
    pub fn new(reports: Vec<BackupItem>, exported_at: f64) -> Backup {
        Backup {
            format: BACKUP_FORMAT.into(),
            version: BACKUP_VERSION,
            exported_at,
            reports,
            recovery: Vec::new(),
        }
    }

    /// The backup as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a backup always serialises")
    }

    /// Reads a backup file, with a plain message when it is not one.
    pub fn from_json(text: &str) -> Result<Backup, String> {
        let backup: Backup = serde_json::from_str(text).map_err(|error| error.to_string())?;
        if backup.format != BACKUP_FORMAT {
            return Err(format!(
                "not a Nianbao backup: \"format\" is \"{}\", expected \"{BACKUP_FORMAT}\"",
                backup.format
            ));
        }
        if backup.version > BACKUP_VERSION {
            return Err(format!(
                "written by a newer version of Nianbao (backup version {}; this version reads \
                 up to {BACKUP_VERSION})",
                backup.version
            ));
        }
        Ok(backup)
    }
}

/// What importing one report of a backup does.
#[derive(Debug, Clone, PartialEq)]
pub enum MergeAction {
    /// A report the library lacks: add it under its id.
    Add(BackupItem),
    /// The library holds the same report: nothing to do.
    Same(String),
    /// The incoming revision is newer: it takes the id, and the library's version is kept as
    /// a copy under `copy_id`.
    Replace {
        /// The incoming report.
        item: BackupItem,
        /// The new id of the library's older version.
        copy_id: String,
    },
    /// The incoming revision is not newer: it is added as a copy under `copy_id`.
    Copy {
        /// The incoming report.
        item: BackupItem,
        /// Its new id.
        copy_id: String,
    },
}

/// The actions importing `incoming` into a library holding `existing` takes, in order.
/// `new_id` makes the ids of the copies. Nothing is ever dropped: every report on either
/// side ends up in the library, under its id or as a copy.
pub fn merge_backup(
    existing: &[BackupItem],
    incoming: &[BackupItem],
    mut new_id: impl FnMut() -> String,
) -> Vec<MergeAction> {
    // What the library holds under each id, as the actions so far leave it: a backup holding
    // two items with the same id keeps both (the second meets the first, not the library).
    let mut holds: BTreeMap<String, &BackupItem> = existing
        .iter()
        .map(|item| (item.id.clone(), item))
        .collect();
    let mut actions = Vec::new();
    for item in incoming {
        let action = match holds.get(item.id.as_str()) {
            None => MergeAction::Add(item.clone()),
            Some(ours) if ours.report == item.report => MergeAction::Same(item.id.clone()),
            Some(ours) if item.revision > ours.revision => MergeAction::Replace {
                item: item.clone(),
                copy_id: new_id(),
            },
            Some(_) => MergeAction::Copy {
                item: item.clone(),
                copy_id: new_id(),
            },
        };
        if matches!(action, MergeAction::Add(_) | MergeAction::Replace { .. }) {
            holds.insert(item.id.clone(), item);
        }
        actions.push(action);
    }
    actions
}

/// The revision of each report at the last backup, as the app remembers it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BackupMark {
    /// When the last backup was made (ms).
    pub at: f64,
    /// Report id → revision included in it.
    pub revisions: BTreeMap<String, u64>,
}

/// The reports (ids) that changed a lot since the last backup: at least
/// [`BACKUP_REMINDER_REVISIONS`] saves since it, counting from 0 for reports it did not hold.
pub fn backup_due(mark: &BackupMark, current: &[(String, u64)]) -> Vec<String> {
    current
        .iter()
        .filter(|(id, revision)| {
            let base = mark.revisions.get(id).copied().unwrap_or(0);
            revision.saturating_sub(base) >= BACKUP_REMINDER_REVISIONS
        })
        .map(|(id, _)| id.clone())
        .collect()
}
