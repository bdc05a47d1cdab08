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
    /// What the last verification pass found ([`LibraryCtx::verify_stored`]), kept up to
    /// date report by report as other tabs write them: the revisions, for the backup
    /// reminder, and the reports of a newer version, for the recovery area.
    verification: StoredValue<report::Verification>,
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
    /// Whether the latest pass is still reading: a report another tab writes meanwhile
    /// starts a new pass, as what the running one read of it may be out of date. Shown to
    /// the tests as `data-verifying` on the backup tools.
    pub pass_running: RwSignal<bool>,
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
            verification: StoredValue::new(report::Verification::default()),
            tab_id: StoredValue::new(new_id()),
            lang,
            counted: StoredValue::new(Vec::new()),
            verifying: StoredValue::new(0),
            pass_running: RwSignal::new(false),
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
        self.pass_running.set(true);
        let library = *self;
        let current = move || library.verifying.try_get_value() == Some(pass);
        leptos::task::spawn_local(async move {
            crate::clock::after_paint().await;
            let ids = report::report_ids(&local());
            let mut set_aside = false;
            let mut found = report::Verification::default();
            for batch in ids.chunks(VERIFIED_PER_TASK) {
                if !current() {
                    return;
                }
                let mut store = local();
                for id in batch {
                    set_aside |= found.verify(&mut store, id, now_ms());
                }
                crate::clock::pause().await;
            }
            if !current() {
                return;
            }
            if library.verification.try_set_value(found).is_some() {
                return;
            }
            library.pass_running.set(false);
            library.show_backup_due(&local());
            library.show_recovery(&local());
            if set_aside {
                library.reload();
            }
        });
    }

    /// Brings the library up to date with what another tab changed in storage: the
    /// listing, and a report it wrote verified alone (`report::library_change`). Each of
    /// that tab's autosaves writes its report and the index; verifying every stored report
    /// again after each (as at start-up) made every open tab read the whole library at every
    /// autosave of another (issue 15).
    pub fn stored_elsewhere(&self, key: &str, written: bool) {
        match report::library_change(key, written) {
            report::LibraryChange::Nothing => {}
            report::LibraryChange::Everything => self.reload(),
            report::LibraryChange::Listing => {
                let mut store = local();
                self.index.set(report::scan(&mut store, now_ms()));
                self.verification
                    .update_value(|found| found.keep_stored(&store));
                self.show_recovery(&store);
                self.show_backup_due(&store);
            }
            // What a running pass read of the report may be older than this write.
            report::LibraryChange::Report(_) if self.pass_running.get_untracked() => self.reload(),
            report::LibraryChange::Report(id) => {
                let mut store = local();
                self.verification
                    .update_value(|found| _ = found.verify(&mut store, &id, now_ms()));
                // Listed after the verification: a report set aside leaves the index.
                self.index.set(report::scan(&mut store, now_ms()));
                self.show_recovery(&store);
                self.show_backup_due(&store);
            }
        }
    }

    /// Works out whether a backup is due from the revisions the verification read, once a
    /// pass has read them all.
    fn show_backup_due(&self, store: &impl report::KeyValue) {
        if self.pass_running.get_untracked() || self.verifying.get_value() == 0 {
            return;
        }
        let due = self
            .verification
            .with_value(|found| !report::stored_backup_due_at(store, &found.revisions).is_empty());
        if self.backup_due.get_untracked() != Some(due) {
            self.backup_due.set(Some(due));
        }
    }

    /// Lists the recovery area as `store` holds it, with the reports of a newer version the
    /// last verification pass found (reading every stored report again for them at every
    /// save made a large library's autosave slow, issue 15).
    fn show_recovery(&self, store: &impl report::KeyValue) {
        let items = self
            .verification
            .with_value(|found| report::recovery_items_with(store, &found.newer));
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
        library.stored_elsewhere(&key, ev.new_value().is_some());
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
