//! The entries of the report library index: what the library screen lists about each stored
//! report without loading it. Where and how the index is stored is the app's business.

use serde::{Deserialize, Serialize};

use crate::finding::Finding;
use crate::model::Report;
use crate::template::TemplateId;

/// The version of the library index layout.
pub const INDEX_VERSION: u32 = 1;

/// The stored library index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LibraryIndex {
    /// [`INDEX_VERSION`].
    pub version: u32,
    /// One entry per stored report, in creation order.
    pub entries: Vec<LibraryEntry>,
}

impl Default for LibraryIndex {
    fn default() -> LibraryIndex {
        LibraryIndex {
            version: INDEX_VERSION,
            entries: Vec::new(),
        }
    }
}

/// One report of the library.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LibraryEntry {
    /// The id under which the report is stored.
    pub id: String,
    /// The title shown in the library: the report's own title or the customary one.
    pub title: String,
    /// 机关名称.
    pub agency: String,
    /// The report year.
    pub year: i32,
    /// The template.
    pub template: TemplateId,
    /// When it was last saved, in milliseconds since 1970 (the caller's clock).
    pub saved_at: f64,
    /// Error findings when last saved.
    pub errors: usize,
    /// Warning findings when last saved, blank cells apart.
    pub warnings: usize,
    /// Cells still blank when last saved (待填); an index written before this was counted
    /// reads 0 and the blank cells among its warnings, until the report is saved again.
    #[serde(default)]
    pub pending: usize,
    /// The id of last year's report this one continues, for the cross-year checks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    /// In the recycle bin.
    #[serde(default)]
    pub deleted: bool,
    /// The example report (a real published report with its errors), shown marked 示例.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub example: bool,
    /// Its findings are not counted yet (`errors`, `warnings` and `pending` read 0): it was
    /// listed without the checker, whose code the app's start screen leaves out, and is
    /// counted by [`crate::count_unchecked`] once that code is loaded.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unchecked: bool,
}

/// The report file key that marks the example report (kept like any key the file format
/// does not define).
pub const EXAMPLE_KEY: &str = "example";

impl LibraryEntry {
    /// A fresh entry describing `report` as saved at `saved_at` with `findings`.
    pub fn describe(id: &str, report: &Report, findings: &[Finding], saved_at: f64) -> Self {
        let tally = crate::progress::Tally::of(findings);
        LibraryEntry {
            errors: tally.errors,
            warnings: tally.warnings,
            pending: tally.pending,
            unchecked: false,
            ..LibraryEntry::listed(id, report, saved_at)
        }
    }

    /// The entry of `report`, stored under `id`, with its findings not counted yet
    /// ([`LibraryEntry::unchecked`]).
    pub fn listed(id: &str, report: &Report, saved_at: f64) -> Self {
        LibraryEntry {
            id: id.to_string(),
            title: report_title(report),
            agency: report.agency.clone(),
            year: report.year,
            template: report.template,
            saved_at,
            errors: 0,
            warnings: 0,
            pending: 0,
            previous: None,
            deleted: false,
            example: report
                .extra
                .get(EXAMPLE_KEY)
                .and_then(|value| value.as_bool())
                .unwrap_or(false),
            unchecked: true,
        }
    }

    /// Updates the description after a save, keeping the id, link and recycle state.
    pub fn refresh(&mut self, report: &Report, findings: &[Finding], saved_at: f64) {
        let fresh = LibraryEntry::describe(&self.id, report, findings, saved_at);
        *self = LibraryEntry {
            previous: self.previous.take(),
            deleted: self.deleted,
            ..fresh
        };
    }
}

/// The library index checked against the report keys actually stored.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IndexRepair {
    /// The entries to show and store: one per id, each with a stored report.
    pub entries: Vec<LibraryEntry>,
    /// Entries whose stored report is missing: keep a record of them, they cannot be opened.
    pub missing: Vec<LibraryEntry>,
    /// Whether `entries` differ from the index as read, so the index must be written again.
    pub changed: bool,
}

/// Checks the library index (`index`, empty when it was unreadable) against the stored
/// reports: `stored` lists every report key present, with a fresh description when the
/// report can be read (`None` for one that must be kept but cannot be described, such as a
/// newer layout). Duplicate ids keep their first entry; entries without a stored report move
/// to `missing`; described reports the index lacks (lost by two tabs writing the index at
/// once, or a rebuilt index) are added back in the order given. Nothing stored is dropped.
pub fn repair_index(
    index: Vec<LibraryEntry>,
    stored: &[(String, Option<LibraryEntry>)],
) -> IndexRepair {
    let mut repair = IndexRepair::default();
    for entry in index {
        if repair.entries.iter().any(|e| e.id == entry.id) {
            repair.changed = true;
        } else if stored.iter().any(|(id, _)| *id == entry.id) {
            repair.entries.push(entry);
        } else {
            repair.changed = true;
            repair.missing.push(entry);
        }
    }
    for (id, description) in stored {
        if let Some(description) = description
            && !repair.entries.iter().any(|e| e.id == *id)
        {
            let mut entry = description.clone();
            entry.id = id.clone();
            repair.entries.push(entry);
            repair.changed = true;
        }
    }
    repair
}

/// Reads a stored library index; `None` when the text is not one (keep it aside, rebuild).
pub fn parse_index(text: &str) -> Option<Vec<LibraryEntry>> {
    serde_json::from_str::<LibraryIndex>(text)
        .ok()
        .map(|index| index.entries)
}

/// The report's title: the `title` it carries, else `<agency><year>年政府信息公开工作年度报告`.
pub fn report_title(report: &Report) -> String {
    match report.extra.get("title").and_then(|value| value.as_str()) {
        Some(title) if !title.trim().is_empty() => title.to_string(),
        _ => format!("{}{}年政府信息公开工作年度报告", report.agency, report.year),
    }
}

/// How many earlier years the 图解's trends show at most.
const HISTORY_YEARS: usize = 5;

/// The library's earlier reports of the agency of `current` (entry `id`): not recycled, not
/// the example, of an earlier year, the most recently saved one per year, newest years first,
/// at most five years. Their figures make the 图解's trends.
pub fn history_ids(entries: &[LibraryEntry], id: &str) -> Vec<String> {
    let Some(current) = entries.iter().find(|entry| entry.id == id) else {
        return Vec::new();
    };
    let agency = current.agency.trim();
    let mut earlier: Vec<&LibraryEntry> = entries
        .iter()
        .filter(|entry| {
            entry.id != id
                && !entry.deleted
                && !entry.example
                && !agency.is_empty()
                && entry.agency.trim() == agency
                && entry.year < current.year
        })
        .collect();
    earlier.sort_by(|a, b| b.year.cmp(&a.year).then(b.saved_at.total_cmp(&a.saved_at)));
    earlier.dedup_by_key(|entry| entry.year);
    earlier
        .into_iter()
        .take(HISTORY_YEARS)
        .map(|entry| entry.id.clone())
        .collect()
}

/// Gives the report its own title (rename); an empty title restores the customary one.
pub fn set_report_title(report: &mut Report, title: &str) {
    let title = title.trim();
    if title.is_empty() {
        report.extra.remove("title");
    } else {
        report.extra.insert("title".into(), title.into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_counts_blank_cells_apart_from_warnings() {
        let report = Report::new("某局", 2024);
        let findings = crate::validate(&report, None, crate::Lang::Zh);
        let entry = LibraryEntry::describe("n", &report, &findings, 1.0);
        let blank = findings
            .iter()
            .filter(|f| f.rule == crate::Rule::CellBlank)
            .count();
        assert!(blank > 100);
        assert_eq!(entry.pending, blank);
        assert!(
            entry.warnings < 10,
            "a new report is not two hundred warnings"
        );
        // An index written before `pending` existed still reads.
        let old = r#"{"id":"x","title":"t","agency":"a","year":2023,"template":"gov-2021","saved_at":1.0,"errors":0,"warnings":3}"#;
        let entry: LibraryEntry = serde_json::from_str(old).expect("reads");
        assert_eq!((entry.warnings, entry.pending), (3, 0));
    }

    #[test]
    fn titles_and_entries() {
        let mut report = Report::new("洪泽区人民政府", 2023);
        assert_eq!(
            report_title(&report),
            "洪泽区人民政府2023年政府信息公开工作年度报告"
        );
        set_report_title(&mut report, "  年报草稿 ");
        let mut entry = LibraryEntry::describe("a", &report, &[], 5.0);
        assert_eq!(entry.title, "年报草稿");
        entry.previous = Some("b".into());
        entry.deleted = true;
        set_report_title(&mut report, "");
        entry.refresh(
            &report,
            &crate::validate(&report, None, crate::Lang::Zh),
            9.0,
        );
        assert!(entry.title.starts_with("洪泽区"));
        assert_eq!(
            (entry.previous.as_deref(), entry.deleted, entry.saved_at),
            (Some("b"), true, 9.0)
        );
        assert!(entry.warnings > 0);
        let json = serde_json::to_string(&LibraryIndex {
            version: 1,
            entries: vec![entry.clone()],
        });
        let back: LibraryIndex = serde_json::from_str(&json.expect("json")).expect("index");
        assert_eq!(back.entries, vec![entry]);
    }
    #[test]
    fn history_is_the_agency_s_earlier_years_newest_save_per_year() {
        let at = |id: &str, agency: &str, year: i32, saved_at: f64| LibraryEntry {
            year,
            saved_at,
            ..entry(id, agency)
        };
        let mut entries = vec![
            at("now", "某局", 2024, 1.0),
            at("a", "某局 ", 2023, 1.0),
            at("b", "某局", 2023, 5.0),
            at("c", "某局", 2021, 1.0),
            at("later", "某局", 2025, 1.0),
            at("other", "别局", 2022, 1.0),
            at("gone", "某局", 2022, 1.0),
            at("example", "某局", 2020, 1.0),
        ];
        entries[6].deleted = true;
        entries[7].example = true;
        for year in 2010..2019 {
            entries.push(at(&format!("old{year}"), "某局", year, 1.0));
        }
        assert_eq!(
            history_ids(&entries, "now"),
            ["b", "c", "old2018", "old2017", "old2016"]
        );
        assert!(history_ids(&entries, "missing").is_empty());
    }

    fn entry(id: &str, agency: &str) -> LibraryEntry {
        LibraryEntry::describe(id, &Report::new(agency, 2024), &[], 1.0)
    }

    #[test]
    fn a_corrupt_index_is_rebuilt_from_the_stored_reports() {
        assert_eq!(parse_index("{\"version\":1,\"entries\":[损坏"), None);
        assert_eq!(parse_index("{\"version\":1,\"entries\":[]}"), Some(vec![]));
        let stored = vec![
            ("a".to_string(), Some(entry("a", "甲局"))),
            ("b".to_string(), Some(entry("b", "乙局"))),
        ];
        let repair = repair_index(Vec::new(), &stored);
        assert!(repair.changed);
        let ids: Vec<&str> = repair.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert!(repair.missing.is_empty());
    }

    #[test]
    fn an_entry_whose_report_is_missing_is_kept_aside() {
        let mut linked = entry("a", "甲局");
        linked.deleted = true;
        let index = vec![linked.clone(), entry("gone", "丢失局")];
        let repair = repair_index(index, &[("a".to_string(), Some(entry("a", "新描述")))]);
        assert!(repair.changed);
        // The index's own entry (title, recycle state) wins over a fresh description.
        assert_eq!(repair.entries, vec![linked]);
        assert_eq!(repair.missing.len(), 1);
        assert_eq!(repair.missing[0].id, "gone");
    }

    #[test]
    fn two_tabs_writing_the_index_at_once_lose_no_entry() {
        // Tab A stored report "a" and wrote [x, a]; tab B, reading [x] before that, stored
        // "b" and wrote [x, b] over it. Checking against the report keys brings "a" back.
        let last_write = vec![entry("x", "旧局"), entry("b", "乙局")];
        let stored = vec![
            ("x".to_string(), Some(entry("x", "旧局"))),
            ("a".to_string(), Some(entry("a", "甲局"))),
            ("b".to_string(), Some(entry("b", "乙局"))),
        ];
        let repair = repair_index(last_write, &stored);
        assert!(repair.changed);
        let ids: Vec<&str> = repair.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["x", "b", "a"]);
        // Repairing again changes nothing: tabs reloading on each other's writes settle.
        let again = repair_index(repair.entries.clone(), &stored);
        assert!(!again.changed);
        assert_eq!(again.entries, repair.entries);
    }

    #[test]
    fn duplicates_are_merged_and_undescribed_reports_are_not_listed() {
        let index = vec![entry("a", "甲局"), entry("a", "甲局"), entry("n", "新版局")];
        let stored = vec![
            ("a".to_string(), None),
            ("n".to_string(), None),
            ("z".to_string(), None),
        ];
        let repair = repair_index(index, &stored);
        assert!(repair.changed);
        let ids: Vec<&str> = repair.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["a", "n"]);
        assert!(repair.missing.is_empty());
    }
}
