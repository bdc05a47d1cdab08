//! Backups: "export everything" (one JSON file with every report, the open report's unsaved
//! changes included when asked) and "import everything" (merged by `report::merge_backup`:
//! a report with the same id keeps the newer revision and the other version as a copy, never
//! overwritten silently), with a gentle reminder when reports changed a lot since the last
//! backup. The file format and the merge rules live in `report::backup`.

use leptos::prelude::*;
use report::{
    Backup, BackupItem, BackupMark, LibraryEntry, MergeAction, Report, ReportJson, Stored,
};
use serde_json::Value;
use wasm_bindgen::JsCast;

use crate::app::LangCtx;
use crate::clock::{new_id, now_ms};
use crate::i18n::{Text, tr};
use crate::state::LibraryCtx;
use crate::storage::{self, REPORT_PREFIX};

const MARK_KEY: &str = "nianbao.backup-mark";

/// Every stored report as backup items; `current` (id, in-memory report) replaces the stored
/// version of that report as one revision newer.
pub fn collect(current: Option<(String, Report)>) -> Vec<BackupItem> {
    // Every report key counts, listed in the index or not (an unreadable or stale index
    // must not leave a report out of the backup).
    let entries = storage::load_index().unwrap_or_default();
    let mut ids: Vec<String> = entries.iter().map(|e| e.id.clone()).collect();
    for id in storage::keys_with(REPORT_PREFIX) {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let mut items = Vec::new();
    for id in ids {
        let Ok(Some(text)) = storage::report_text(&id) else {
            continue;
        };
        let entry = entries.iter().find(|e| e.id == id);
        let envelope: Value = serde_json::from_str(&text).unwrap_or_default();
        let revision = report::stored_revision(&text).unwrap_or(0);
        let report = match report::decode_stored(&text) {
            Stored::Report { report, .. } => ReportJson::from_report(&report),
            Stored::Newer { .. } => match report::stored_report_json(&text) {
                Some(report) => report,
                None => continue,
            },
            Stored::Quarantine { .. } => continue,
        };
        let saved_at = envelope
            .get("saved_at")
            .and_then(Value::as_f64)
            .unwrap_or(0.0);
        items.push(BackupItem {
            revision,
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
        let value = ReportJson::from_report(&report);
        if item.report != value {
            item.report = value;
            item.revision += 1;
        }
    }
    items
}

/// Downloads every report as one backup file and remembers what it held.
pub fn download_everything(current: Option<(String, Report)>) -> Result<(), String> {
    let now = now_ms();
    let backup = Backup::new(collect(current), now);
    let name = format!(
        "nianbao-backup-{}.json",
        crate::clock::date_time(now).replace([' ', ':'], "-")
    );
    crate::download::save(&name, "application/json", backup.to_json().as_bytes())?;
    let mark = BackupMark {
        at: now,
        revisions: backup
            .reports
            .iter()
            .map(|i| (i.id.clone(), i.revision))
            .collect(),
    };
    if let Ok(text) = serde_json::to_string(&mark) {
        let _ = storage::write(MARK_KEY, &text);
    }
    Ok(())
}

/// The ids of reports that changed a lot since the last backup.
pub fn backup_due() -> Vec<String> {
    let mark: BackupMark = storage::read(MARK_KEY)
        .ok()
        .flatten()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    let current: Vec<(String, u64)> = storage::keys_with(REPORT_PREFIX)
        .into_iter()
        .filter_map(|id| {
            let text = storage::report_text(&id).ok().flatten()?;
            Some((id, report::stored_revision(&text)?))
        })
        .collect();
    report::backup_due(&mark, &current)
}

/// Writes `item` under `id` (a copy's title gets `suffix`) and returns its library entry.
fn store_item(item: &BackupItem, id: &str, suffix: Option<&str>) -> Result<LibraryEntry, String> {
    let mut value = item.report.clone();
    if let (Some(suffix), Ok(mut report)) = (suffix, value.report()) {
        let title = format!("{}{suffix}", report::report_title(&report));
        report::set_report_title(&mut report, &title);
        value = ReportJson::from_report(&report);
    }
    let text = report::encode_stored_json(&value, item.revision, item.saved_at);
    let report = match report::decode_stored(&text) {
        Stored::Report { report, .. }
        | Stored::Newer {
            preview: Some(report),
            ..
        } => report,
        _ => {
            return Err(format!(
                "{}: {}",
                item.id,
                tr(storage::load_lang(), Text::BackupItemUnreadable)
            ));
        }
    };
    storage::write(&format!("{REPORT_PREFIX}{id}"), &text)?;
    let findings = report::validate(&report, None, report::Lang::Zh);
    let mut entry = LibraryEntry::describe(id, &report, &findings, item.saved_at);
    entry.previous = item.previous.clone();
    entry.deleted = item.deleted;
    Ok(entry)
}

/// What importing a backup did: reports added, reports the library already held unchanged,
/// and the reports the backup holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportCount {
    /// Reports written (new ones, copies, replacements).
    pub added: usize,
    /// Reports the library held already, identical.
    pub same: usize,
    /// Reports in the backup.
    pub total: usize,
}

/// Merges a backup file's text into the library; says how many reports were added and why
/// the others were not.
pub fn import_everything(
    library: &LibraryCtx,
    text: &str,
    suffix: &str,
) -> Result<ImportCount, String> {
    let backup = Backup::from_json(text)?;
    let existing = collect(None);
    let plan = report::merge_backup(&existing, &backup.reports, new_id);
    let mut added = Vec::new();
    for action in &plan {
        match action {
            MergeAction::Same(_) => {}
            MergeAction::Add(item) => added.push(store_item(item, &item.id, None)?),
            MergeAction::Copy { item, copy_id } => {
                added.push(store_item(item, copy_id, Some(suffix))?)
            }
            MergeAction::Replace { item, copy_id } => {
                let ours = existing
                    .iter()
                    .find(|o| o.id == item.id)
                    .ok_or("lost report")?;
                added.push(store_item(ours, copy_id, Some(suffix))?);
                added.push(store_item(item, &item.id, None)?);
            }
        }
    }
    let count = ImportCount {
        added: added.len(),
        same: plan
            .iter()
            .filter(|action| matches!(action, MergeAction::Same(_)))
            .count(),
        total: backup.reports.len(),
    };
    library.commit(move |entries| {
        for entry in added {
            match entries.iter_mut().find(|e| e.id == entry.id) {
                Some(slot) => *slot = entry,
                None => entries.push(entry),
            }
        }
    })?;
    Ok(count)
}

/// The backup actions of the library: export everything, import everything, and the
/// reminder when a backup is due.
#[component]
pub fn BackupTools() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let library = expect_context::<LibraryCtx>();
    let t = move |text| tr(lang.get(), text);
    let message = RwSignal::new(None::<String>);
    let due = RwSignal::new(!backup_due().is_empty());
    let export = move |_| match download_everything(None) {
        Ok(()) => due.set(false),
        Err(err) => message.set(Some(err)),
    };
    let import = move |ev: web_sys::Event| {
        let input = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        let Some(file) = input
            .as_ref()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        if let Some(input) = input {
            input.set_value("");
        }
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
            let text = text.ok().and_then(|v| v.as_string()).unwrap_or_default();
            let suffix = t(Text::ImportedCopySuffix);
            message.set(Some(match import_everything(&library, &text, suffix) {
                Ok(count) if count.total == 0 => t(Text::BackupEmpty).to_string(),
                Ok(count) if count.added == 0 => {
                    t(Text::BackupAllPresent).replace("{n}", &count.same.to_string())
                }
                Ok(count) => t(Text::ImportDone).replace("{n}", &count.added.to_string()),
                // A single report's file chosen here instead of a backup: say where it goes.
                Err(_) if report::from_json(&text).is_ok() => t(Text::BackupIsReport).to_string(),
                Err(err) => format!("{}{err}", t(Text::BackupImportFailed)),
            }));
        });
    };
    view! {
        <div class="backup-tools" data-testid="backup-tools">
            <button type="button" class="button" on:click=export>{move || t(Text::ExportEverything)}</button>
            <label class="button">
                {move || t(Text::ImportEverything)}
                <input type="file" accept=".json,application/json" class="visually-hidden"
                    data-testid="import-everything" on:change=import />
            </label>
            <Show when=move || due.get()>
                <span class="muted" role="status" data-testid="backup-due">{move || t(Text::BackupDue)}</span>
            </Show>
            {move || message.get().map(|m| view! { <span role="status" data-testid="backup-message">{m}</span> })}
        </div>
    }
}
