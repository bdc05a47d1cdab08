//! How far the tables are filled in, and the counts the interface shows. A blank cell of a
//! report being drafted is work still to do (待填), not an alarm: the interface shows it as
//! progress per table (“表三已填 120/175”) and keeps it out of the warning counts, while the
//! final check before printing or publishing still counts every blank cell. The findings
//! themselves are unchanged: the CLI and the report file see `cell.blank` warnings as ever.

use crate::finding::{Finding, Rule, Severity};
use std::collections::BTreeMap;

use crate::template::Template;

/// How far one table is filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableProgress {
    /// The table id (`active`, `requests`, `appeals`), which is also its section id.
    pub table: &'static str,
    /// The numeral of the section the table is printed in (`二`, `三`, `四`), which is how
    /// clerks name the tables (表三).
    pub numeral: &'static str,
    /// Cells that must hold a figure and do (a figure that does not read is filled, and an
    /// error of its own).
    pub filled: usize,
    /// Cells that must hold a figure.
    pub total: usize,
    /// The blank cells, in template order.
    pub blank: Vec<String>,
}

impl TableProgress {
    /// Whether every cell is filled.
    pub fn is_complete(&self) -> bool {
        self.filled == self.total
    }
}

/// Whether a finding is work still to do (a blank cell) rather than a problem; a blank the
/// clerk checked and accepted (已核实) is not.
pub fn is_pending(finding: &Finding) -> bool {
    finding.rule == Rule::CellBlank && finding.acknowledged.is_none()
}

/// The progress of each table of `template`, counted from the findings of one validation so
/// that the progress and the findings can never disagree.
pub fn fill_progress(template: &Template, findings: &[Finding]) -> Vec<TableProgress> {
    // A set: a new report has two hundred blank cells, looked up once per cell.
    let blank: std::collections::HashSet<&str> = findings
        .iter()
        .filter(|f| is_pending(f))
        .filter_map(|f| f.cells.first().map(String::as_str))
        .collect();
    template
        .sections
        .iter()
        .filter_map(|section| {
            let table = section.table?;
            let numeral = section.heading.split('、').next().unwrap_or_default();
            let required: Vec<&str> = template
                .cells()
                .iter()
                .filter(|cell| !cell.optional && cell.table.is_some_and(|t| t.id == table))
                .map(|cell| cell.key.as_str())
                .collect();
            let blank: Vec<String> = required
                .iter()
                .filter(|key| blank.contains(*key))
                .map(|key| key.to_string())
                .collect();
            Some(TableProgress {
                table,
                numeral,
                filled: required.len() - blank.len(),
                total: required.len(),
                blank,
            })
        })
        .collect()
}

/// The counts the interface shows for a list of findings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Errors.
    pub errors: usize,
    /// Warnings other than blank cells.
    pub warnings: usize,
    /// Notes.
    pub notes: usize,
    /// Blank cells still to fill.
    pub pending: usize,
    /// Warnings and notes the clerk checked and accepted (已核实): counted apart.
    pub acknowledged: usize,
}

impl std::ops::AddAssign for Tally {
    fn add_assign(&mut self, other: Tally) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.notes += other.notes;
        self.pending += other.pending;
        self.acknowledged += other.acknowledged;
    }
}

impl Tally {
    /// Counts `findings`.
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Tally {
        let mut tally = Tally::default();
        for finding in findings {
            tally.add(finding);
        }
        tally
    }

    /// Counts one more finding.
    fn add(&mut self, finding: &Finding) {
        if finding.acknowledged.is_some() {
            self.acknowledged += 1;
        } else if is_pending(finding) {
            self.pending += 1;
        } else {
            match finding.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.notes += 1,
            }
        }
    }

    /// Whether printing or publishing should ask first: errors, or cells still blank.
    pub fn blocks_publishing(&self) -> bool {
        self.errors > 0 || self.pending > 0
    }
}

/// The section a finding belongs to: its text span's section, else its first cell's table
/// (the 信息处理费 cells sit in 六, `other`); `None` for a finding about the cover fields
/// (agency, year, date), which belong to no section.
pub fn finding_section(finding: &Finding) -> Option<&str> {
    if let Some(span) = &finding.span {
        return Some(span.section.as_str());
    }
    match finding.anchor().and_then(|cell| cell.split('.').next()) {
        Some("info_fee") => Some("other"),
        Some(table) => Some(table),
        None => None,
    }
}

/// The counts of each section's findings (`None`: the cover fields), counted in one pass so
/// that the section list's badges cost one walk of the findings, not one per section.
pub fn section_tallies(findings: &[Finding]) -> BTreeMap<Option<String>, Tally> {
    let mut tallies: BTreeMap<Option<String>, Tally> = BTreeMap::new();
    for finding in findings {
        tallies
            .entry(finding_section(finding).map(str::to_string))
            .or_default()
            .add(finding);
    }
    tallies
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Lang, Report, validate};

    fn fixture(name: &str) -> Report {
        // Compiled in: the core does no I/O, not even in its tests.
        let text = match name {
            "suqian-city-2024" => include_str!("../../../tests/fixtures/suqian-city-2024.json"),
            "hongze-2023" => include_str!("../../../tests/fixtures/hongze-2023.json"),
            other => panic!("no fixture {other}"),
        };
        crate::from_json(text).expect("report")
    }

    #[test]
    fn a_new_report_is_all_to_do_and_has_no_warnings() {
        let blank = Report::new("某局", 2024);
        let findings = validate(&blank, None, Lang::Zh);
        let progress = fill_progress(blank.template(), &findings);
        let names: Vec<_> = progress.iter().map(|p| (p.numeral, p.table)).collect();
        assert_eq!(
            names,
            [("二", "active"), ("三", "requests"), ("四", "appeals")]
        );
        assert!(progress.iter().all(|p| p.filled == 0 && p.total > 0));
        let requests = &progress[1];
        assert_eq!(requests.blank.len(), requests.total);
        let tally = Tally::of(&findings);
        let cells: usize = progress.iter().map(|p| p.total).sum();
        assert_eq!(tally.pending, cells);
        assert!(
            findings
                .iter()
                .filter(|f| f.severity == Severity::Warning)
                .count()
                >= cells
        );
        assert!(tally.blocks_publishing());
    }

    #[test]
    fn filling_cells_moves_the_progress_and_the_tally() {
        let mut draft = Report::new("某局", 2024);
        draft.set_cell("requests.new.natural", "5");
        draft.set_cell("requests.new.legal", "x");
        let findings = validate(&draft, None, Lang::Zh);
        let progress = fill_progress(draft.template(), &findings);
        let requests = progress.iter().find(|p| p.table == "requests").expect("三");
        assert_eq!(
            requests.filled, 2,
            "an unreadable figure is filled, not blank"
        );
        assert!(!requests.blank.contains(&"requests.new.natural".to_string()));
        let tally = Tally::of(&findings);
        assert!(tally.errors >= 1, "the unreadable figure is an error");
        assert_eq!(
            tally.pending,
            progress.iter().map(|p| p.total - p.filled).sum::<usize>()
        );
    }

    #[test]
    fn published_reports_count_their_blank_cells() {
        let full = fixture("suqian-city-2024");
        let findings = validate(&full, None, Lang::Zh);
        let progress = fill_progress(full.template(), &findings);
        assert!(progress.iter().all(TableProgress::is_complete));
        assert_eq!(Tally::of(&findings).pending, 0);
        // 洪泽区 2023 left 14 cells of its tables blank; they are pending, not warnings.
        let partial = fixture("hongze-2023");
        let findings = validate(&partial, None, Lang::Zh);
        let progress = fill_progress(partial.template(), &findings);
        let blank: usize = progress.iter().map(|p| p.blank.len()).sum();
        assert_eq!(blank, 14);
        let tally = Tally::of(&findings);
        assert_eq!(tally.pending, 14);
        let warnings = findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count();
        assert_eq!(tally.warnings, warnings - 14);
    }

    #[test]
    fn section_tallies_count_each_section_as_filtering_would() {
        for report in [fixture("hongze-2023"), fixture("suqian-city-2024")] {
            let findings = validate(&report, None, Lang::Zh);
            let tallies = section_tallies(&findings);
            let mut sections: Vec<Option<&str>> = findings.iter().map(finding_section).collect();
            sections.push(Some("no-such-section"));
            for section in sections {
                let filtered = Tally::of(findings.iter().filter(|f| finding_section(f) == section));
                let counted = tallies
                    .get(&section.map(str::to_string))
                    .copied()
                    .unwrap_or_default();
                assert_eq!(counted, filtered, "{section:?}");
            }
            let all: usize = tallies
                .values()
                .map(|t| t.errors + t.warnings + t.notes + t.pending + t.acknowledged)
                .sum();
            assert_eq!(all, findings.len());
        }
    }
}
