//! Bundling the findings list for reading: many blank cells of one section become one
//! expandable line, so a fresh report opens on a short list instead of two hundred warnings.

use report::{Finding, Rule};

use super::ctx::finding_section;

/// A section with at least this many blank cells is shown as one bundle.
pub const BUNDLE_AT: usize = 4;

/// One line of the findings panel.
#[derive(Debug, Clone, PartialEq)]
pub enum PanelEntry {
    /// A finding on its own.
    One(Finding),
    /// The blank-cell findings of one section (first one's position in the list).
    Blanks {
        /// The section id the cells belong to.
        section: String,
        /// The findings bundled, in report order.
        findings: Vec<Finding>,
    },
}

/// Groups `findings` (already of one severity, in report order): the `cell.blank` findings of
/// a section with [`BUNDLE_AT`] or more of them become one bundle placed where the first was.
pub fn bundle(findings: &[Finding]) -> Vec<PanelEntry> {
    let blank_section = |f: &Finding| (f.rule == Rule::CellBlank).then(|| finding_section(f));
    let mut entries: Vec<PanelEntry> = Vec::new();
    for finding in findings {
        let Some(section) = blank_section(finding) else {
            entries.push(PanelEntry::One(finding.clone()));
            continue;
        };
        let count = findings
            .iter()
            .filter(|f| blank_section(f).as_ref() == Some(&section))
            .count();
        if count < BUNDLE_AT {
            entries.push(PanelEntry::One(finding.clone()));
            continue;
        }
        let existing = entries.iter_mut().find_map(|entry| match entry {
            PanelEntry::Blanks {
                section: s,
                findings,
            } if *s == section => Some(findings),
            _ => None,
        });
        match existing {
            Some(bundled) => bundled.push(finding.clone()),
            None => entries.push(PanelEntry::Blanks {
                section,
                findings: vec![finding.clone()],
            }),
        }
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings_of(json: &str) -> Vec<Finding> {
        let report = report::from_json(json).expect("test report parses");
        report::validate(&report, None, report::Lang::Zh)
    }

    #[test]
    fn many_blank_cells_of_a_section_become_one_bundle_and_others_stay() {
        let findings = findings_of(
            r#"{"format":"nianbao/report","version":1,"template":"gov-2021","year":2024,
               "figures":{"appeals.review.upheld":1,"appeals.review.corrected":0,"appeals.review.other":0,
               "appeals.review.pending":0,"appeals.review.total":0}}"#,
        );
        let warnings: Vec<Finding> = findings
            .iter()
            .filter(|f| f.severity == report::Severity::Warning)
            .cloned()
            .collect();
        let entries = bundle(&warnings);
        let bundles: Vec<(&str, usize)> = entries
            .iter()
            .filter_map(|e| match e {
                PanelEntry::Blanks { section, findings } => {
                    Some((section.as_str(), findings.len()))
                }
                PanelEntry::One(_) => None,
            })
            .collect();
        // Table 二 has 10 blank cells, table 三 175, table 四 the 10 not typed.
        assert_eq!(
            bundles,
            [("active", 10), ("requests", 175), ("appeals", 10)]
        );
        let bundled: usize = bundles.iter().map(|(_, n)| n).sum();
        let singles = entries
            .iter()
            .filter(|e| matches!(e, PanelEntry::One(_)))
            .count();
        assert_eq!(bundled + singles, warnings.len());

        let errors: Vec<Finding> = findings
            .iter()
            .filter(|f| f.severity == report::Severity::Error)
            .cloned()
            .collect();
        assert_eq!(
            bundle(&errors).len(),
            errors.len(),
            "only blank cells are bundled"
        );
    }
}
