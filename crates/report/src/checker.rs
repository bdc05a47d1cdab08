//! The editor's checker: exactly the findings of [`validate`](crate::validate), after every
//! edit, re-reading only what the edit changed.
//!
//! The editor checks the report after every keystroke. Nearly all of a full check is reading
//! text and cells that did not change: the prose (normalised, split into sentences, its figures
//! and each rule's candidates found), last year's prose masked for the similarity rule, and
//! every cell parsed. [`Checker`] keeps those readings and, on each call, finds by content
//! what differs from what it read before: a cell edit re-reads that cell and compares the
//! prose's claims with the tables again; a prose edit re-reads the sentences of that section
//! the edit touched (`Reading::update`), and updates the section's bigram counts against
//! last year's by those sentences' bigrams (a [`Tally`]) rather than counting the section
//! again. Every cache is keyed on the content it was read from (never on a version number
//! the caller could forget to bump), so a stale reading cannot be used: correctness comes
//! before speed.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::finding::{Finding, Lang};
use crate::formula::{Formula, formulas};
use crate::model::{AutoTotals, CellValue, Report, Section};
use crate::narrative::{Follow, Reading, TableReadings, Tally, check_read, mask};
use crate::rules::{
    CellRead, Sheet, cell_finding, cell_findings, check_formula, check_tables, read_cell,
    read_cells, run,
};
use crate::template::TemplateId;

/// Checks a report after each edit, keeping what it read between calls.
///
/// [`Checker::check`] takes the same arguments as [`validate`](crate::validate) and returns
/// the same findings, in the same order, for any report and any sequence of calls: the app
/// swaps one for the other. One checker follows one editor; any report may be passed at any
/// time (another report only costs a full reading).
///
/// ```text
/// let mut checker = Checker::new();
/// let findings = checker.check(&report, previous.as_ref(), Lang::Zh);
/// report.set_cell("requests.new.total", "12");
/// let findings = checker.check(&report, previous.as_ref(), Lang::Zh); // re-reads one cell
/// ```
#[derive(Debug, Default)]
pub struct Checker {
    /// The template and language the cells below were read for.
    basis: Option<(TemplateId, Lang)>,
    /// The figures as last read, to find the cells an edit changed.
    figures: BTreeMap<String, CellValue>,
    /// Every template cell read, by template position.
    cells: Vec<CellRead>,
    /// The finding of each template cell (`cell.blank`, `cell.invalid` …), by position.
    cell_findings: Vec<Option<Finding>>,
    /// The findings of this year's tables (cells, unknown keys, formulas) for the cells
    /// above and `auto_totals`; `None` once a cell changed.
    tables: Option<Vec<Finding>>,
    /// The auto-totals setting `tables` was checked with (its messages say which totals were
    /// computed).
    auto_totals: Option<AutoTotals>,
    /// The findings of each of the template's formulas (by position) for the cells above and
    /// `auto_totals`, once checked; a cell edit forgets those of the formulas reading it.
    formulas: Vec<Option<Vec<Finding>>>,
    /// The table values the prose names, read for the cells above.
    table_readings: TableReadings,
    /// One per section of the report as last checked, in order.
    sections: Vec<SectionEntry>,
    /// The similarity of each section (same positions as `sections`) with last year's,
    /// once compared.
    alike: Vec<Option<Likeness>>,
    /// Last year's prose, masked as compared.
    previous: Option<PreviousProse>,
    /// Generations handed out to `previous`, so a score is never taken for another year's text.
    generations: u64,
    stats: CheckerStats,
}

/// A section's reading with what it was read from.
#[derive(Debug)]
struct SectionEntry {
    section: Section,
    template: TemplateId,
    year: i32,
    reading: Reading,
}

impl SectionEntry {
    /// Whether this is the reading of `section` in `report`: the same section (text, id,
    /// heading) of a report of the same template and year.
    fn reads(&self, section: &Section, report: &Report) -> bool {
        self.template == report.template && self.year == report.year && self.section == *section
    }

    /// Whether its reading can be brought up to date with `section` of `report`, whose text
    /// differs: what the reading depends on besides the text (the section's id, the template
    /// and the year) is the same.
    fn updates_to(&self, section: &Section, report: &Report) -> bool {
        self.template == report.template
            && self.year == report.year
            && self.section.id == section.id
    }
}

/// A section's bigram counts against a section of last year's prose, kept up to date with
/// the section's reading, and the similarity they give.
#[derive(Debug, Clone)]
struct Likeness {
    /// The [`PreviousProse::generation`] it counts.
    generation: u64,
    /// The position of last year's section.
    last: usize,
    tally: Tally,
    /// The similarity, until the reading changes.
    value: Option<f64>,
}

/// Last year's sections, each masked when first compared.
#[derive(Debug)]
struct PreviousProse {
    sections: Vec<Section>,
    masked: Vec<OnceLock<Vec<char>>>,
    generation: u64,
}

/// What a [`Checker`] has read since it was made: how much of its caches it reused.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CheckerStats {
    /// Calls to [`Checker::check`].
    pub checks: u64,
    /// Template cells parsed (a new template or language reads them all).
    pub cells_read: u64,
    /// Table formulas checked (after a cell edit, those reading the edited cells).
    pub formulas_checked: u64,
    /// Sections of prose read, whole or (after an edit) in part.
    pub sections_read: u64,
    /// Pieces of prose (sentences) read: normalised, split, scanned for figures and claims.
    pub pieces_read: u64,
    /// Times last year's report was taken in anew (its prose changed, or another was linked).
    pub previous_read: u64,
    /// Similarities computed between a section and last year's.
    pub similarities: u64,
    /// Bigrams counted for those similarities (a section's counted whole, or those of the
    /// sentences an edit changed).
    pub bigrams_counted: u64,
}

impl Checker {
    /// A checker that has read nothing yet.
    pub fn new() -> Checker {
        Checker::default()
    }

    /// What it has read so far.
    pub fn stats(&self) -> CheckerStats {
        self.stats
    }

    /// The findings of [`validate`](crate::validate)`(report, previous, lang)`, reading
    /// again only what changed since the last call.
    pub fn check(
        &mut self,
        report: &Report,
        previous: Option<&Report>,
        lang: Lang,
    ) -> Vec<Finding> {
        self.stats.checks += 1;
        let auto_totals_changed = self.auto_totals != report.auto_totals;
        if auto_totals_changed {
            self.formulas.clear();
            self.auto_totals = report.auto_totals.clone();
        }
        if self.update_cells(report, lang) || auto_totals_changed {
            self.tables = None;
        }
        self.update_sections(report);
        // Last year's prose is read only by the similarity rule, which needs last year's
        // report to be of the year before; once brought up to date it is that report's.
        let last_year = previous.filter(|previous| previous.year == report.year - 1);
        if let Some(previous) = last_year {
            self.update_previous(previous);
        }
        let sheet = Sheet {
            report,
            cells: &self.cells,
        };
        let cell_findings = &self.cell_findings;
        let kept_tables = &mut self.tables;
        let kept_formulas = &mut self.formulas;
        let formulas_checked = std::cell::Cell::new(0);
        let mut tables = |findings: &mut Vec<Finding>| {
            let kept = kept_tables.get_or_insert_with(|| {
                let mut tables = Vec::new();
                let mut add_cell_findings = |findings: &mut Vec<Finding>| {
                    findings.extend(cell_findings.iter().flatten().cloned());
                };
                let mut formula_findings =
                    |index: usize, formula: &Formula, findings: &mut Vec<Finding>| {
                        if kept_formulas.len() <= index {
                            kept_formulas.resize(index + 1, None);
                        }
                        let Some(slot) = kept_formulas.get_mut(index) else {
                            return;
                        };
                        let kept = slot.get_or_insert_with(|| {
                            formulas_checked.set(formulas_checked.get() + 1);
                            let mut found = Vec::new();
                            check_formula(report.template(), &sheet, formula, lang, &mut found);
                            found
                        });
                        findings.extend(kept.iter().cloned());
                    };
                check_tables(
                    &sheet,
                    lang,
                    &mut add_cell_findings,
                    &mut formula_findings,
                    &mut tables,
                );
                tables
            });
            findings.extend(kept.iter().cloned());
        };
        let readings: Vec<&Reading> = self.sections.iter().map(|entry| &entry.reading).collect();
        let (likeness, stats, known) = (&mut self.alike, &mut self.stats, &mut self.table_readings);
        let last_prose = last_year.and(self.previous.as_ref());
        let mut alike = |index: usize, reading: &Reading, last: usize, last_section: &Section| {
            let masked = last_prose
                .and_then(|prose| prose.masked.get(last))
                .map(|masked| masked.get_or_init(|| mask(&last_section.text)));
            let (Some(prose), Some(masked), Some(slot)) =
                (last_prose, masked, likeness.get_mut(index))
            else {
                stats.similarities += 1;
                stats.bigrams_counted += reading.masked_len().saturating_sub(1) as u64;
                return reading.similarity_with(&mask(&last_section.text));
            };
            let kept = slot
                .as_mut()
                .filter(|kept| kept.generation == prose.generation && kept.last == last);
            if let Some(Likeness {
                value: Some(value), ..
            }) = kept
            {
                return *value;
            }
            stats.similarities += 1;
            let kept = match kept {
                Some(kept) => kept,
                None => {
                    stats.bigrams_counted += reading.masked_len().saturating_sub(1) as u64;
                    slot.insert(Likeness {
                        generation: prose.generation,
                        last,
                        tally: reading.tally_with(masked),
                        value: None,
                    })
                }
            };
            let value = reading.score(&kept.tally, masked);
            kept.value = Some(value);
            value
        };
        let mut prose = |findings: &mut Vec<Finding>| {
            check_read(
                report, previous, &readings, &mut alike, known, lang, findings,
            );
        };
        let findings = run(&sheet, previous, lang, &mut tables, &mut prose);
        self.stats.formulas_checked += formulas_checked.get();
        findings
    }

    /// Brings the cells and their findings up to date with `report`'s figures; whether
    /// anything changed (then the table values read for the prose from those cells are
    /// forgotten too).
    fn update_cells(&mut self, report: &Report, lang: Lang) -> bool {
        let template = report.template();
        if self.basis != Some((report.template, lang)) {
            self.basis = Some((report.template, lang));
            self.formulas.clear();
            self.figures = report.figures.clone();
            self.cells = read_cells(report);
            self.cell_findings = cell_findings(report, &self.cells, lang).collect();
            self.stats.cells_read += self.cells.len() as u64;
            self.table_readings.clear();
            return true;
        }
        let changed = changed_figures(&self.figures, &report.figures);
        if changed.is_empty() {
            return false;
        }
        self.table_readings.forget_cells(report.template, &changed);
        for key in changed {
            let value = report.figures.get(&key);
            let index = template.cell_index(&key);
            match value {
                Some(value) => self.figures.insert(key, value.clone()),
                None => self.figures.remove(&key),
            };
            let Some(index) = index else { continue };
            for (kept, formula) in self.formulas.iter_mut().zip(formulas(template)) {
                if formula.reads(index) {
                    *kept = None;
                }
            }
            let (Some(spec), Some(cell), Some(finding)) = (
                template.cells().get(index),
                self.cells.get_mut(index),
                self.cell_findings.get_mut(index),
            ) else {
                continue;
            };
            *cell = read_cell(spec, value);
            *finding = cell_finding(report, spec, cell, lang);
            self.stats.cells_read += 1;
        }
        true
    }

    /// Brings the sections' readings up to date with `report`'s sections: a section read
    /// before (same text, id and heading, same template and year) keeps its reading, wherever
    /// it moved; an edited one (another text, with the same id, template and year as a
    /// section read before and not kept) has that reading brought up to date, and its
    /// bigram counts with it; any other is read.
    fn update_sections(&mut self, report: &Report) {
        let unchanged = self.sections.len() == report.sections.len()
            && self
                .sections
                .iter()
                .zip(&report.sections)
                .all(|(entry, section)| entry.reads(section, report));
        if unchanged {
            return;
        }
        let mut old: Vec<Option<(SectionEntry, Option<Likeness>)>> =
            std::mem::take(&mut self.sections)
                .into_iter()
                .zip(std::mem::take(&mut self.alike))
                .map(Some)
                .collect();
        let kept: Vec<_> = report
            .sections
            .iter()
            .map(|section| {
                old.iter_mut()
                    .find(|slot| {
                        slot.as_ref()
                            .is_some_and(|(entry, _)| entry.reads(section, report))
                    })
                    .and_then(Option::take)
            })
            .collect();
        for (index, (section, kept)) in report.sections.iter().zip(kept).enumerate() {
            let (entry, likeness) = kept.unwrap_or_else(|| {
                self.stats.sections_read += 1;
                // The old section at the same place first, else the first of the same id.
                let edited = old
                    .get(index)
                    .filter(|slot| {
                        slot.as_ref()
                            .is_some_and(|(entry, _)| entry.updates_to(section, report))
                    })
                    .map(|_| index)
                    .or_else(|| {
                        old.iter().position(|slot| {
                            slot.as_ref()
                                .is_some_and(|(entry, _)| entry.updates_to(section, report))
                        })
                    })
                    .and_then(|index| old.get_mut(index))
                    .and_then(Option::take);
                let (old, before, mut likeness) = match edited {
                    Some((entry, likeness)) => (Some(entry.reading), entry.section.text, likeness),
                    None => (None, String::new(), None),
                };
                let mut follow = Follow {
                    tally: likeness.as_mut().map(|likeness| &mut likeness.tally),
                    ..Follow::default()
                };
                let old = old.map(|reading| (reading, before.as_str()));
                let reading =
                    Reading::update(old, section, report.template, report.year, &mut follow);
                self.stats.pieces_read += follow.pieces_read;
                self.stats.bigrams_counted += follow.bigrams;
                if let Some(likeness) = likeness.as_mut() {
                    likeness.value = None;
                }
                let entry = SectionEntry {
                    reading,
                    section: section.clone(),
                    template: report.template,
                    year: report.year,
                };
                (entry, likeness)
            });
            self.sections.push(entry);
            self.alike.push(likeness);
        }
    }

    /// Keeps last year's prose for `previous`, taking it in anew when its sections changed.
    fn update_previous(&mut self, previous: &Report) {
        if self
            .previous
            .as_ref()
            .is_some_and(|prose| prose.sections == previous.sections)
        {
            return;
        }
        self.generations += 1;
        self.stats.previous_read += 1;
        self.previous = Some(PreviousProse {
            sections: previous.sections.clone(),
            masked: previous.sections.iter().map(|_| OnceLock::new()).collect(),
            generation: self.generations,
        });
    }
}

/// The keys whose values differ between two figure maps (added, removed or changed), in key
/// order: both maps are walked in step, one comparison per key. The checker and the editor's
/// per-cell state use it to touch only the cells an edit changed.
pub fn changed_figures(
    before: &BTreeMap<String, CellValue>,
    now: &BTreeMap<String, CellValue>,
) -> Vec<String> {
    let mut changed = Vec::new();
    // Most edits (prose, or none) change no figure: the maps compared for equality first
    // (lengths, then each key and value as bytes) cost a third of finding what differs.
    if before == now {
        return changed;
    }
    let (mut before, mut now) = (before.iter().peekable(), now.iter().peekable());
    loop {
        match (before.peek(), now.peek()) {
            (None, None) => break,
            (Some((key, _)), None) => {
                changed.push((*key).clone());
                before.next();
            }
            (None, Some((key, _))) => {
                changed.push((*key).clone());
                now.next();
            }
            (Some((old_key, old_value)), Some((key, value))) => match old_key.cmp(key) {
                Ordering::Less => {
                    changed.push((*old_key).clone());
                    before.next();
                }
                Ordering::Greater => {
                    changed.push((*key).clone());
                    now.next();
                }
                Ordering::Equal => {
                    if old_value != value {
                        changed.push((*key).clone());
                    }
                    before.next();
                    now.next();
                }
            },
        }
    }
    changed
}
