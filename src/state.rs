//! App-wide state: the library index and which report is open, with the library actions
//! (create, duplicate, rename, recycle, start next year). Each action goes through
//! `report::storage` (which writes storage first) and then updates the index signal, so the
//! screen never shows what was not saved. Failures are worded in the interface language.

use leptos::prelude::*;
use report::{LibraryEntry, RecoveryItem, Report};

use crate::clock::{new_id, now_ms};
use crate::i18n::Lang;
use crate::storage::{local, open_error, save_error, store_error};

/// The library, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct LibraryCtx {
    /// Every stored report, the recycled ones included.
    pub index: RwSignal<Vec<LibraryEntry>>,
    /// The id of the report open in the editor; `None` shows the library.
    pub open: RwSignal<Option<String>>,
    /// The collection (汇总) screen is shown instead of the library (an open report still
    /// comes first, and closing it returns here).
    pub collecting: RwSignal<bool>,
    /// The last library failure, shown loudly until the next action.
    pub failure: RwSignal<Option<String>>,
    /// The recovery area: entries set aside as unreadable, kept originals, newer reports.
    pub quarantined: RwSignal<Vec<RecoveryItem>>,
    /// The reports of a newer version the last verification pass found
    /// ([`LibraryCtx::verify_stored`]), for the recovery area.
    newer: StoredValue<Vec<RecoveryItem>>,
    /// This tab's id, for the edit locks.
    pub tab_id: StoredValue<String>,
    /// The interface language, for the words of failures.
    pub lang: RwSignal<Lang>,
    /// Entries whose findings this tab has counted or is counting (`count_unchecked`), so an
    /// entry that stays unchecked (its report became unreadable) is not tried again and
    /// again.
    counted: StoredValue<Vec<String>>,
    /// Which pass of [`LibraryCtx::verify_stored`] is the latest: an older one stops.
    verifying: StoredValue<u64>,
    /// Whether a backup is due (reports changed a lot since the last one): worked out by
    /// each verification pass from the revisions it read; `None` until the first ends.
    pub backup_due: RwSignal<Option<bool>>,
}

/// How many stored reports a verification pass reads in one task (about 5 ms on this
/// project's machine), between which the browser handles input and paints.
const VERIFIED_PER_TASK: usize = 10;

impl LibraryCtx {
    /// The library as stored in this browser, repaired at start-up.
    /// The stored reports are verified once the library screen has been shown
    /// ([`LibraryCtx::verify_stored`]).
    pub fn load(lang: RwSignal<Lang>) -> LibraryCtx {
        let mut store = local();
        LibraryCtx {
            index: RwSignal::new(report::scan(&mut store, now_ms())),
            open: RwSignal::new(None),
            collecting: RwSignal::new(false),
            failure: RwSignal::new(None),
            // The reports of a newer version are found by the verification pass.
            quarantined: RwSignal::new(report::recovery_items_with(&store, &[])),
            newer: StoredValue::new(Vec::new()),
            tab_id: StoredValue::new(new_id()),
            lang,
            counted: StoredValue::new(Vec::new()),
            verifying: StoredValue::new(0),
            backup_due: RwSignal::new(None),
        }
    }

    /// Reads every stored report, after the next paint and a few per task, and sets aside
    /// those that no longer read (`report::verify_report`), then lists the library again if
    /// any was: the scan lists the reports the index holds without reading them, so that a
    /// large library shows at once. Whether a backup is due is worked out from the revisions
    /// read, and the recovery area lists the reports of a newer version found. A newer pass
    /// (another tab changed the library) stops an older one.
    pub fn verify_stored(&self) {
        let pass = self.verifying.get_value() + 1;
        self.verifying.set_value(pass);
        let library = *self;
        let current = move || library.verifying.try_get_value() == Some(pass);
        leptos::task::spawn_local(async move {
            crate::clock::after_paint().await;
            let ids = report::report_ids(&local());
            let mut set_aside = false;
            let mut revisions = Vec::with_capacity(ids.len());
            let mut newer = Vec::new();
            for batch in ids.chunks(VERIFIED_PER_TASK) {
                if !current() {
                    return;
                }
                let mut store = local();
                for id in batch {
                    match report::verify_report(&mut store, id, now_ms()) {
                        report::Verified::Reads { revision } => {
                            revisions.push((id.clone(), revision))
                        }
                        report::Verified::Newer { revision, item } => {
                            revisions.push((id.clone(), revision));
                            newer.push(item);
                        }
                        report::Verified::SetAside => set_aside = true,
                        report::Verified::Left => {}
                    }
                }
                crate::clock::pause().await;
            }
            if !current() {
                return;
            }
            let due = !report::stored_backup_due_at(&local(), &revisions).is_empty();
            let _ = library.backup_due.try_set(Some(due));
            if library.newer.try_set_value(newer).is_some() {
                return;
            }
            library.show_recovery(&local());
            if set_aside {
                library.reload();
            }
        });
    }

    /// Lists the recovery area as `store` holds it, with the reports of a newer version the
    /// last verification pass found (reading every stored report again for them at every
    /// save made a large library's autosave slow, issue 15).
    fn show_recovery(&self, store: &impl report::KeyValue) {
        let items = self
            .newer
            .with_value(|newer| report::recovery_items_with(store, newer));
        if self.quarantined.with_untracked(|shown| *shown != items) {
            self.quarantined.set(items);
        }
    }

    fn lang(&self) -> Lang {
        self.lang.try_get_untracked().unwrap_or_default()
    }

    /// Reads the index and the recovery area again, after another tab changed them, repaired
    /// like at start-up.
    pub fn reload(&self) {
        let mut store = local();
        self.index.set(report::scan(&mut store, now_ms()));
        self.show_recovery(&store);
        self.verify_stored();
    }

    /// Counts the findings of the entries listed without them (`LibraryEntry::unchecked`: a
    /// new report, one another tab stored, one the index lacked) with the checker, whose code
    /// is fetched for it the first time, and shows the counts. The library screen calls it
    /// whenever its list changes; an entry is tried once per tab.
    pub fn count_unchecked(&self) {
        let fresh = self.index.with_untracked(|entries| {
            entries
                .iter()
                .filter(|e| e.unchecked)
                .any(|e| self.counted.with_value(|counted| !counted.contains(&e.id)))
        });
        if !fresh {
            return;
        }
        self.index.with_untracked(|entries| {
            let unchecked = entries.iter().filter(|e| e.unchecked).map(|e| e.id.clone());
            self.counted
                .update_value(|counted| counted.extend(unchecked));
        });
        let library = *self;
        leptos::task::spawn_local(async move {
            match crate::split::count_unchecked(library.lang()).await {
                Ok(entries) => library.index.set(entries),
                Err(err) => library.failure.set(Some(err)),
            }
        });
    }

    /// The entry with `id`.
    pub fn entry(&self, id: &str) -> Option<LibraryEntry> {
        self.index
            .with_untracked(|entries| entries.iter().find(|e| e.id == id).cloned())
    }

    /// Applies `change` to the stored index and shows the result.
    pub fn commit(&self, change: impl FnOnce(&mut Vec<LibraryEntry>)) -> Result<(), String> {
        let mut store = local();
        let entries = report::commit_index(&mut store, now_ms(), change)
            .map_err(|error| store_error(self.lang(), &error))?;
        self.index.set(entries);
        self.show_recovery(&store);
        Ok(())
    }

    fn report(&self, result: Result<(), String>) {
        self.failure.set(result.err());
    }

    /// Stores `report` as a new library entry (linked to `previous`) and returns its id.
    pub fn add(&self, report: &Report, previous: Option<String>) -> Result<String, String> {
        let id = new_id();
        let entries = report::add_report(&mut local(), &id, report, previous, now_ms())
            .map_err(|error| save_error(self.lang(), &error))?;
        self.index.set(entries);
        Ok(id)
    }

    /// Stores a new report and opens it.
    pub fn create_and_open(&self, report: &Report, previous: Option<String>) {
        match self.add(report, previous) {
            Ok(id) => {
                self.failure.set(None);
                self.open.set(Some(id));
            }
            Err(err) => self.failure.set(Some(err)),
        }
    }

    /// Refreshes an entry after the editor saved its report.
    pub fn saved(
        &self,
        id: &str,
        report: &Report,
        findings: &[report::Finding],
        at: f64,
    ) -> Result<(), String> {
        self.commit(|entries| {
            if let Some(entry) = entries.iter_mut().find(|e| e.id == id) {
                entry.refresh(report, findings, at);
            }
        })
    }

    /// Reads one stored report for a library action, in the user's words when it fails.
    pub fn load_report(&self, id: &str) -> Result<Report, String> {
        let loaded = report::load_report(&mut local(), id, now_ms());
        self.show_recovery(&local());
        loaded
            .map(|(report, _)| report)
            .map_err(|error| open_error(self.lang(), &error))
    }

    /// A copy of a report as a new entry, titled as a copy.
    pub fn duplicate(&self, id: &str, copy_suffix: &str) {
        let result = self.load_report(id).and_then(|mut report| {
            let title = format!("{}{copy_suffix}", report::report_title(&report));
            report::set_report_title(&mut report, &title);
            let previous = self.entry(id).and_then(|e| e.previous);
            self.add(&report, previous).map(|_| ())
        });
        self.report(result);
    }

    /// Gives a report its own title.
    pub fn rename(&self, id: &str, title: &str) {
        let result = self.load_report(id).and_then(|mut report| {
            report::set_report_title(&mut report, title);
            report::save_report(&mut local(), id, &report, now_ms())
                .map_err(|error| save_error(self.lang(), &error))?;
            let title = report::report_title(&report);
            self.commit(|entries| {
                if let Some(entry) = entries.iter_mut().find(|e| e.id == id) {
                    entry.title = title;
                }
            })
        });
        self.report(result);
    }

    /// Moves a report to the recycle bin (`true`) or back.
    pub fn set_deleted(&self, id: &str, deleted: bool) {
        let result = self.commit(|entries| {
            if let Some(entry) = entries.iter_mut().find(|e| e.id == id) {
                entry.deleted = deleted;
            }
        });
        self.report(result);
    }

    /// Deletes a recycled report for good.
    pub fn purge(&self, id: &str) {
        let result = report::remove_report(&mut local(), id)
            .map_err(|error| store_error(self.lang(), &error))
            .and_then(|()| self.commit(|entries| entries.retain(|e| e.id != id)));
        self.report(result);
    }

    /// Makes `previous` the last-year report of `id` (for the cross-year checks).
    pub fn link_previous(&self, id: &str, previous: &str) -> Result<(), String> {
        self.commit(|entries| {
            if let Some(entry) = entries.iter_mut().find(|e| e.id == id) {
                entry.previous = Some(previous.to_string());
            }
        })
    }

    /// Starts next year's report from this one, linked to it, and opens it.
    pub fn start_next_year(&self, id: &str) {
        match self.load_report(id) {
            Ok(last) => self.create_and_open(&report::next_year(&last), Some(id.to_string())),
            Err(err) => self.failure.set(Some(err)),
        }
    }
}

/// Keeps the library list and the recovery area in step with other tabs: the browser fires
/// the `storage` event in every other tab of the origin when one writes.
pub fn install_library_sync(library: LibraryCtx) {
    let handle = window_event_listener(leptos::ev::storage, move |ev| {
        let key = ev.key().unwrap_or_default();
        // A report written (not removed: a purge rewrites the index right after) may be
        // unreadable or missing from the index: the reload repairs both.
        let report_written = key.starts_with(report::REPORT_PREFIX) && ev.new_value().is_some();
        if key.is_empty()
            || key == report::INDEX_KEY
            || key.starts_with(report::QUARANTINE_PREFIX)
            || report_written
        {
            library.reload();
        }
    });
    on_cleanup(move || handle.remove());
}

/// Downloads every report (with `current`, the open report's text on screen, as one revision
/// newer) and the recovery area as one backup file, and remembers what it held.
pub fn download_everything(current: Option<(String, Report)>) -> Result<(), String> {
    let now = now_ms();
    let mut store = local();
    let current = current.as_ref().map(|(id, report)| (id.as_str(), report));
    let backup = report::make_backup(&store, current, now);
    let name = format!(
        "nianbao-backup-{}.json",
        crate::clock::date_time(now).replace([' ', ':'], "-")
    );
    crate::download::save(&name, "application/json", backup.to_json().as_bytes())?;
    // The reminder is a courtesy: a mark that cannot be written only makes it come early.
    let _ = report::record_backup(&mut store, &backup);
    Ok(())
}
