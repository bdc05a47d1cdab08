//! The entries of the report library index: what the library screen lists about each stored
//! report without loading it. Where and how the index is stored is the app's business.

use serde::{Deserialize, Serialize};

use crate::finding::{Finding, Severity};
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
    /// Warning findings when last saved.
    pub warnings: usize,
    /// The id of last year's report this one continues, for the cross-year checks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    /// In the recycle bin.
    #[serde(default)]
    pub deleted: bool,
}

impl LibraryEntry {
    /// A fresh entry describing `report` as saved at `saved_at` with `findings`.
    pub fn describe(id: &str, report: &Report, findings: &[Finding], saved_at: f64) -> Self {
        let count = |severity| findings.iter().filter(|f| f.severity == severity).count();
        LibraryEntry {
            id: id.to_string(),
            title: report_title(report),
            agency: report.agency.clone(),
            year: report.year,
            template: report.template,
            saved_at,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            previous: None,
            deleted: false,
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

/// The report's title: the `title` it carries, else `<agency><year>年政府信息公开工作年度报告`.
pub fn report_title(report: &Report) -> String {
    match report.extra.get("title").and_then(|value| value.as_str()) {
        Some(title) if !title.trim().is_empty() => title.to_string(),
        _ => format!("{}{}年政府信息公开工作年度报告", report.agency, report.year),
    }
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
}
