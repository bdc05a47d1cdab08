//! The open report's state, shared by the editor's components: the report signal (the single
//! source of truth), last year's report, the derived findings, undo history, the section on
//! screen and the save status. Every edit goes through [`EditorCtx::edit`], or for a
//! keystroke through [`EditorCtx::type_cell`] and [`EditorCtx::type_section_text`].

use std::collections::{BTreeMap, HashMap};

use leptos::prelude::*;
use report::{
    Checker, Finding, History, Lang, Report, Severity, Tally, TemplateId, apply_auto_totals,
    apply_auto_totals_after, validate,
};

use crate::clock::{Debounce, now_ms};

/// The section key of the metadata (封面信息) screen.
pub const META: &str = "meta";

/// Where saving stands.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    /// Nothing changed since the report was opened.
    Unchanged,
    /// A change waits to be written.
    Saving,
    /// Written at this time (ms).
    Saved(f64),
    /// Writing failed, with the reason; the report stays in memory.
    Failed(String),
}

/// Why the editor shows a report without letting it change.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadOnly {
    /// Another tab holds the edit lock.
    OtherTab,
    /// The stored report was written by a newer version (its file version).
    Newer(u64),
    /// Migrated from an older version while storage could not keep the original: saving
    /// would replace the only copy of it. It can still be downloaded.
    OriginalNotKept(report::StoreError),
}

/// The worst severity among a cell's findings and their messages.
pub type CellMark = (Severity, String);

/// The editor's shared state.
#[derive(Debug, Clone, Copy)]
pub struct EditorCtx {
    /// The storage id of the report.
    pub id: StoredValue<String>,
    /// The report being edited.
    pub report: RwSignal<Report>,
    /// Last year's report, when linked (changing the link re-checks the report).
    pub previous: RwSignal<Option<Report>>,
    /// The library's earlier reports of the same agency (`report::history_ids`), read once
    /// when the report is opened: the 图解's trends.
    pub earlier: StoredValue<Vec<Report>>,
    /// Every finding. They follow the report in a task of their own, once per burst of
    /// edits (see [`EditorCtx::new`]); an action that must see the latest (print, download,
    /// save) calls [`EditorCtx::check_now`] first.
    pub findings: Memo<Vec<Finding>>,
    /// Wakes the findings: notified one task after the report changes, or by `check_now`.
    check: Trigger,
    /// The wait for that task, once per burst of edits.
    check_due: Debounce,
    /// The wait before a keystroke is announced to what reads the report (see
    /// [`EditorCtx::type_cell`]).
    announce_due: Debounce,
    /// Cell key → worst severity and messages.
    pub marks: Memo<HashMap<String, CellMark>>,
    /// The counts shown: errors, warnings (blank cells apart), notes, cells to fill.
    pub tally: Memo<Tally>,
    /// The counts of each section's findings (`None`: the cover fields), for the section
    /// list's badges: one walk of the findings per edit, and a badge wakes only when its
    /// section's counts change.
    pub section_tallies: Memo<BTreeMap<Option<String>, Tally>>,
    /// The report's format: read by several parts of the screen, which a keystroke then
    /// does not wake (the format changes only from the cover fields).
    pub template: Memo<TemplateId>,
    /// Each cell's text, mark and computed state in signals of their own.
    pub cells: super::cells::CellStates,
    /// Undo and redo.
    pub history: RwSignal<History>,
    /// The section on screen ([`META`] or a section id).
    pub section: RwSignal<String>,
    /// The save status.
    pub save: RwSignal<SaveStatus>,
    /// The stored revision this tab loaded or last wrote; a newer one in storage means
    /// another tab saved, and this tab's writes are refused.
    pub revision: StoredValue<u64>,
    /// Set when the report may not be changed here, with the reason.
    pub read_only: RwSignal<Option<ReadOnly>>,
    /// A save was refused because another tab saved a newer revision.
    pub conflict: RwSignal<bool>,
    /// Whether the last change was typing (an edit with a tag, which coalesces keystrokes)
    /// rather than one action (a paste, an undo, a click): what may wait for a pause in
    /// typing ([`crate::clock::settled`]) follows an action at once.
    pub typing: StoredValue<bool>,
}

impl EditorCtx {
    /// The state of a freshly opened report.
    pub fn new(id: String, report: Report, previous: Option<Report>, lang: RwSignal<Lang>) -> Self {
        let report = RwSignal::new(report);
        let previous = RwSignal::new(previous);
        // The checker keeps what the last check read, so a keystroke re-reads only the
        // edited cell or section; its findings are `validate`'s, always.
        let checker = StoredValue::new(Checker::new());
        // The check and what shows its results (the cells' marks, the counts, the section
        // badges, the findings list) run in a task after the keystroke's, not in it: the
        // browser shows the typed character first, and a burst of keys queued on a slow PC
        // is checked once (issue 15). Last year's report and the language are read
        // tracked: changing them re-checks at once.
        let check = Trigger::new();
        let check_due = Debounce::new();
        let findings = Memo::new(move |_| {
            check.track();
            let lang = lang.get();
            report.with_untracked(|r| {
                previous.with(|p| {
                    checker
                        .try_update_value(|checker| checker.check(r, p.as_ref(), lang))
                        .unwrap_or_else(|| validate(r, p.as_ref(), lang))
                })
            })
        });
        let marks = Memo::new(move |_| findings.with(|all| cell_marks(all)));
        let tally = Memo::new(move |_| findings.with(|all| Tally::of(all)));
        let section_tallies = Memo::new(move |_| findings.with(|all| report::section_tallies(all)));
        let template = Memo::new(move |_| report.with(|r| r.template));
        let cells = super::cells::CellStates::new(report, marks);
        let ctx = EditorCtx {
            id: StoredValue::new(id),
            report,
            previous,
            earlier: StoredValue::new(Vec::new()),
            findings,
            check,
            check_due,
            announce_due: Debounce::new(),
            marks,
            tally,
            section_tallies,
            template,
            cells,
            history: RwSignal::new(History::new()),
            section: RwSignal::new(META.to_string()),
            save: RwSignal::new(SaveStatus::Unchanged),
            revision: StoredValue::new(0),
            read_only: RwSignal::new(None),
            conflict: RwSignal::new(false),
            typing: StoredValue::new(false),
        };
        // Syncs the findings with the report: schedules their check after each change.
        Effect::new(move |first: Option<()>| {
            report.track();
            if first.is_some() {
                ctx.check_soon();
            }
        });
        ctx
    }

    /// Schedules the check in a task after this one (pushed back by each call meanwhile).
    fn check_soon(&self) {
        let check = self.check;
        self.check_due
            .push(std::time::Duration::ZERO, move || check.notify());
    }

    /// Says there is a change to write, waking the save status's readers only when it did
    /// not say so already (once per burst of edits).
    pub fn note_unsaved(&self) {
        if self
            .save
            .with_untracked(|status| *status != SaveStatus::Saving)
        {
            self.save.set(SaveStatus::Saving);
        }
    }

    /// The document the preview, print and downloads show: the report, and its 图解 page
    /// when the clerk chose it (with 同比 from last year's report and trends from the
    /// library's earlier years).
    pub fn document(&self, report: &Report) -> report::Document {
        self.previous.with_untracked(|previous| {
            self.earlier.with_value(|earlier| {
                let earlier: Vec<&Report> = earlier.iter().collect();
                report::render_publication(report, previous.as_ref(), &earlier)
            })
        })
    }

    /// The 图解 page of `report`, `None` for the legacy format (nothing to draw).
    pub fn infographic(&self, report: &Report) -> Option<report::Infographic> {
        self.previous.with_untracked(|previous| {
            self.earlier.with_value(|earlier| {
                let earlier: Vec<&Report> = earlier.iter().collect();
                report::Infographic::new(report, previous.as_ref(), &earlier)
            })
        })
    }

    /// Brings the findings up to date with the report now, for an action that reads them
    /// right after an edit (the check itself re-reads only what changed since the last).
    pub fn check_now(&self) {
        self.check_due.cancel();
        self.check.notify();
    }

    /// Applies one edit; `tag` (a cell key or section id) lets typing coalesce into one
    /// undo step. Auto-totals are recomputed when on. Nothing happens if nothing changed.
    pub fn edit(&self, tag: Option<&str>, change: impl FnOnce(&mut Report)) {
        if self.read_only.get_untracked().is_some() {
            return;
        }
        // One copy: the edited one; the current report becomes the undo step as it is.
        let mut after = self.report.get_untracked();
        apply(&mut after, change);
        if self.report.with_untracked(|before| *before == after) {
            return;
        }
        self.typing.set_value(tag.is_some());
        let before = self
            .report
            .try_update_untracked(|current| std::mem::replace(current, after));
        let Some(before) = before else {
            return;
        };
        self.record(before, tag, now_ms());
        self.report.notify();
    }

    /// Types `text` into cell `key`: one keystroke, which joins the cell's undo step.
    ///
    /// A keystroke that joins the typing changes the report at once, but what reads it
    /// reactively (the cells, their totals, autosave, the section list, the title) is woken
    /// in a task after the key's, once for the keys typed meanwhile: the field typed in
    /// already shows the character, and waking those readers was a fifth of a keystroke's
    /// work in a long section and a third of a digit's at 4× (issue 15), done before the
    /// browser could draw it. A move of the grid's input shows the cell it leaves at once
    /// ([`EditorCtx::show_typed`]); the input's blur wakes them all ([`EditorCtx::announce_now`]).
    pub fn type_cell(&self, key: &str, text: String) {
        if self.report.with_untracked(|r| r.cell_holds(key, &text)) {
            return;
        }
        self.type_change(key, |r, joined| {
            if !joined {
                apply(r, |r| r.set_cell(key, text));
                return;
            }
            // A key joining this cell's typing follows one that brought every total up to
            // date, and nothing else changed since (anything else starts a new step): only
            // the totals this cell feeds can move. Evaluating every formula at every digit
            // was most of a digit's JavaScript at 4× CPU throttling (issue 15).
            r.set_cell(key, text);
            if r.auto_totals_enabled() {
                apply_auto_totals_after(r, key);
            }
        });
    }

    /// Types `text` into section `id` (under the undo tag `tag`): one keystroke, announced
    /// as [`EditorCtx::type_cell`]'s are. A section's text feeds no total, so auto-totals are
    /// not run again for it.
    pub fn type_section_text(&self, tag: &str, id: &str, text: String) {
        if self
            .report
            .with_untracked(|r| r.section_text(id) == Some(text.as_str()))
        {
            return;
        }
        self.type_change(tag, |r, _| r.set_section_text(id, text));
    }

    /// Wakes what reads the report now if keystrokes wait to be announced: before a move
    /// shows the cell just typed in as text.
    pub fn announce_now(&self) {
        if self.announce_due.waiting() {
            self.announce_due.cancel();
            self.report.notify();
        }
    }

    /// Shows in cell `key`'s text what was typed into it, if keystrokes wait to be
    /// announced: a move of the grid's input uncovers the cell it leaves. Only that cell is
    /// woken; the other readers (the totals, autosave, the title) wake with the announcement,
    /// a task later, as they do while typing. Waking all of them in the move's task was a
    /// tenth of a Tab at 4× CPU throttling (issue 15).
    pub fn show_typed(&self, key: &str) {
        if !self.announce_due.waiting() {
            return;
        }
        self.cells.show_now(key, self.report);
    }

    /// A keystroke known to change the report. When it joins the undo step being typed,
    /// that step already holds the report as it was before the typing began, so the report
    /// is changed in place: copying it for [`EditorCtx::edit`] and dropping the copy again
    /// was a third of a keystroke's handler in a long section (issue 15). The first key of a
    /// step copies it once, as the step's undo.
    ///
    /// Either way, what reads the report wakes a task later. The first digit typed into a
    /// cell woke them in its own task, and at 4× CPU throttling it was the slowest digit of
    /// every cell (9–12 ms in a task whose other digits took 5, BENCHMARKS.md).
    ///
    /// `change` is made as given, told whether the key joins the step being typed: a caller
    /// whose change can move a total brings the totals up to date in it.
    fn type_change(&self, tag: &str, change: impl FnOnce(&mut Report, bool)) {
        if self.read_only.get_untracked().is_some() {
            return;
        }
        let now = now_ms();
        let joined = self.history.with_untracked(|h| h.joins(Some(tag), now));
        if joined {
            // Joining changes neither whether there is a step to undo nor one to redo
            // (joining needs a step just typed, and typing clears redo): the buttons are not
            // woken.
            self.history.update_untracked(|h| h.extend(tag, now));
        } else {
            let Some(before) = self.report.try_get_untracked() else {
                return;
            };
            self.record(before, Some(tag), now);
        }
        self.typing.set_value(true);
        self.report
            .try_update_untracked(|report| change(report, joined));
        // Closing the page before the readers wake must still write the text: the status
        // that saving reads says so now.
        self.note_unsaved();
        let report = self.report;
        self.announce_due
            .push(std::time::Duration::ZERO, move || report.notify());
        // The check is due in the task after the key's, as after any edit; its timer is set
        // after the announcement's, so it runs after the readers have woken (their effect
        // that schedules the check then finds it scheduled).
        self.check_soon();
    }

    /// Records `before` as the report before an edit with `tag`. The history's readers (the
    /// undo and redo buttons) only ask whether there is a step: they are woken when that
    /// changes, not on every keystroke typed into one step.
    fn record(&self, before: Report, tag: Option<&str>, now: f64) {
        let steps = |h: &History| (h.can_undo(), h.can_redo());
        let was = self.history.with_untracked(steps);
        self.history
            .update_untracked(|h| h.record(before, tag, now));
        if self.history.with_untracked(steps) != was {
            self.history.notify();
        }
    }

    /// Steps back one edit.
    pub fn undo(&self) {
        if self.read_only.get_untracked().is_some() {
            return;
        }
        let current = self.report.get_untracked();
        self.typing.set_value(false);
        if let Some(previous) = self.history.try_update(|h| h.undo(current)).flatten() {
            self.report.set(previous);
        }
    }

    /// Steps forward one undone edit.
    pub fn redo(&self) {
        if self.read_only.get_untracked().is_some() {
            return;
        }
        let current = self.report.get_untracked();
        self.typing.set_value(false);
        if let Some(next) = self.history.try_update(|h| h.redo(current)).flatten() {
            self.report.set(next);
        }
    }
}

/// Makes `change` to `report`, with the totals auto-totals computes brought up to date.
fn apply(report: &mut Report, change: impl FnOnce(&mut Report)) {
    change(report);
    if report.auto_totals_enabled() {
        apply_auto_totals(report);
    }
}

fn cell_marks(findings: &[Finding]) -> HashMap<String, CellMark> {
    let mut marks: HashMap<String, CellMark> = HashMap::new();
    // An accepted finding (已核实) no longer marks its cells.
    for finding in findings.iter().filter(|f| f.acknowledged.is_none()) {
        for cell in &finding.cells {
            let mark = marks
                .entry(cell.clone())
                .or_insert((finding.severity, String::new()));
            mark.0 = mark.0.min(finding.severity);
            if !mark.1.is_empty() {
                mark.1.push('\n');
            }
            mark.1.push_str(&finding.message);
        }
    }
    marks
}

/// The section a finding belongs to ([`META`] for the cover fields).
pub fn finding_section(finding: &Finding) -> String {
    report::finding_section(finding).unwrap_or(META).to_string()
}

/// Shows the section of a prose finding and selects its sentence in the text area.
pub fn go_to_text(ctx: EditorCtx, span: report::TextSpan) {
    ctx.section.set(span.section.clone());
    request_animation_frame(move || {
        let selector = format!("textarea[data-section-text=\"{}\"]", span.section);
        let area = document()
            .query_selector(&selector)
            .ok()
            .flatten()
            .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlTextAreaElement>(el).ok());
        let Some(area) = area else {
            return;
        };
        let _ = area.focus();
        if let Some((start, end)) = span.utf16_range(&area.value()) {
            let _ = area.set_selection_range(start, end);
        }
    });
}

/// Shows `section` and focuses the cell `key` (or the section's first field) once drawn.
pub fn go_to(ctx: EditorCtx, section: String, key: Option<String>) {
    ctx.section.set(section);
    request_animation_frame(move || match key {
        Some(key) => crate::dom::focus_cell(&key),
        None => crate::dom::focus("[data-section-body] textarea, [data-section-body] input"),
    });
}
