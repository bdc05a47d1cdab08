//! App-wide state: the library index and which report is open, with the library actions
//! (create, duplicate, rename, recycle, start next year). Each action writes storage first and
//! then updates the index signal, so the screen never shows what was not saved.

use leptos::prelude::*;
use report::{LibraryEntry, Report, validate};

use crate::clock::{new_id, now_ms};
use crate::storage;

pub mod recovery;

pub use recovery::QuarantineItem;

/// The library, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct LibraryCtx {
    /// Every stored report, the recycled ones included.
    pub index: RwSignal<Vec<LibraryEntry>>,
    /// The id of the report open in the editor; `None` shows the library.
    pub open: RwSignal<Option<String>>,
    /// The last library failure, shown loudly until the next action.
    pub failure: RwSignal<Option<String>>,
    /// Stored entries moved aside as unreadable, for the recovery panel.
    pub quarantined: RwSignal<Vec<QuarantineItem>>,
    /// This tab's id, for the edit locks.
    pub tab_id: StoredValue<String>,
}

impl LibraryCtx {
    /// The library as stored in this browser.
    pub fn load() -> LibraryCtx {
        LibraryCtx {
            index: RwSignal::new(recovery::scan(now_ms())),
            open: RwSignal::new(None),
            failure: RwSignal::new(None),
            quarantined: RwSignal::new(recovery::quarantined()),
            tab_id: StoredValue::new(new_id()),
        }
    }

    /// Reads the index and the quarantine again, after another tab changed them.
    /// Repaired like at startup: an unreadable entry or index another tab wrote is moved
    /// aside, and reports the index lost are listed again.
    pub fn reload(&self) {
        self.index.set(recovery::scan(now_ms()));
        self.quarantined.set(recovery::quarantined());
    }

    /// The entry with `id`.
    pub fn entry(&self, id: &str) -> Option<LibraryEntry> {
        self.index
            .with_untracked(|entries| entries.iter().find(|e| e.id == id).cloned())
    }

    /// Applies `change` to the stored index and shows the result.
    pub fn commit(&self, change: impl FnOnce(&mut Vec<LibraryEntry>)) -> Result<(), String> {
        // Another tab may have written the index since: change what is stored, not our copy.
        // An unreadable index is kept aside and rebuilt from the reports, never overwritten.
        let mut entries = match storage::load_index() {
            Ok(entries) => entries,
            Err(_) => {
                let entries = recovery::scan(now_ms());
                self.quarantined.set(recovery::quarantined());
                entries
            }
        };
        change(&mut entries);
        storage::save_index(&entries)?;
        self.index.set(entries);
        Ok(())
    }

    fn report(&self, result: Result<(), String>) {
        self.failure.set(result.err());
    }

    /// Stores `report` as a new library entry (linked to `previous`) and returns its id.
    pub fn add(&self, report: &Report, previous: Option<String>) -> Result<String, String> {
        let id = new_id();
        storage::save_report(&id, report)?;
        let findings = validate(report, None, report::Lang::Zh);
        let mut entry = LibraryEntry::describe(&id, report, &findings, now_ms());
        entry.previous = previous;
        self.commit(|entries| {
            // Another tab may have listed it already (it saw the report key first).
            entries.retain(|e| e.id != entry.id);
            entries.push(entry);
        })?;
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

    /// A copy of a report as a new entry, titled as a copy.
    pub fn duplicate(&self, id: &str, copy_suffix: &str) {
        let result = storage::load_report(id).and_then(|mut report| {
            let title = format!("{}{copy_suffix}", report::report_title(&report));
            report::set_report_title(&mut report, &title);
            let previous = self.entry(id).and_then(|e| e.previous);
            self.add(&report, previous).map(|_| ())
        });
        self.report(result);
    }

    /// Gives a report its own title.
    pub fn rename(&self, id: &str, title: &str) {
        let result = storage::load_report(id).and_then(|mut report| {
            report::set_report_title(&mut report, title);
            storage::save_report(id, &report)?;
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
        let result = storage::remove_report(id)
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
        match storage::load_report(id) {
            Ok(last) => self.create_and_open(&report::next_year(&last), Some(id.to_string())),
            Err(err) => self.failure.set(Some(err)),
        }
    }
}
