//! Acknowledged findings (已核实): a clerk accepts a warning or a note with a short reason
//! (“收到申请含上年结转，口径如此”). The acknowledgement is kept in the report file and holds
//! only while what the finding concerned is unchanged: its rule, its cells and their values
//! as typed, and the sentence it quoted. Change any of them and the finding comes back as it
//! was. Errors cannot be acknowledged: they are wrong, not a matter of judgement.

use crate::finding::{Finding, Severity};
use crate::model::{Acknowledgement, Report};

/// Why an acknowledgement was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcknowledgeError {
    /// Errors are never acknowledged.
    IsError,
    /// A reason is required.
    NoReason,
}

/// FNV-1a, 64 bits: small, stable across platforms and versions, enough to notice a change.
fn fnv(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// What `finding` concerns in `report`, hashed: rule, cells, their values, quoted text.
pub fn fingerprint(report: &Report, finding: &Finding) -> String {
    let values: Vec<String> = finding
        .cells
        .iter()
        .map(|key| {
            report
                .cell_raw(key)
                .map(|v| v.into_owned())
                .unwrap_or_default()
        })
        .collect();
    let text = finding
        .span
        .as_ref()
        .and_then(|span| {
            let section = report.sections.iter().find(|s| s.id == span.section)?;
            let text = section.text.as_str();
            // The whole sentence around the span: a finding about one word of it (a year)
            // concerns what the sentence says.
            let ends = ['。', '！', '？', '；', '\n'];
            let start = text.get(..span.start)?.rfind(ends).map_or(0, |at| {
                at + text[at..].chars().next().map_or(1, char::len_utf8)
            });
            let end = text
                .get(span.end..)?
                .find(ends)
                .map_or(text.len(), |at| span.end + at);
            text.get(start..end).map(str::to_string)
        })
        .unwrap_or_default();
    let mut parts = vec![finding.rule.id()];
    parts.extend(finding.cells.iter().map(String::as_str));
    parts.extend(values.iter().map(String::as_str));
    parts.push(&text);
    fnv(&parts)
}

/// Marks `finding` as checked and accepted, with `reason`; replaces an earlier
/// acknowledgement of the same finding.
pub fn acknowledge(
    report: &mut Report,
    finding: &Finding,
    reason: &str,
) -> Result<(), AcknowledgeError> {
    if finding.severity == Severity::Error {
        return Err(AcknowledgeError::IsError);
    }
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AcknowledgeError::NoReason);
    }
    let fingerprint = fingerprint(report, finding);
    withdraw(report, finding);
    report.acknowledged.push(Acknowledgement {
        rule: finding.rule.id().to_string(),
        cells: finding.cells.clone(),
        fingerprint,
        reason: reason.to_string(),
    });
    Ok(())
}

/// Takes back the acknowledgement of `finding`, if any.
pub fn withdraw(report: &mut Report, finding: &Finding) {
    let rule = finding.rule.id();
    report
        .acknowledged
        .retain(|ack| !(ack.rule == rule && ack.cells == finding.cells));
}

/// Marks the findings the report acknowledges, while what they concern is unchanged.
pub(crate) fn apply(report: &Report, findings: &mut [Finding]) {
    if report.acknowledged.is_empty() {
        return;
    }
    for finding in findings.iter_mut() {
        if finding.severity == Severity::Error {
            continue;
        }
        let rule = finding.rule.id();
        let candidates = report
            .acknowledged
            .iter()
            .filter(|ack| ack.rule == rule && ack.cells == finding.cells);
        let mut fingerprint = None;
        for ack in candidates {
            let now = fingerprint.get_or_insert_with(|| self::fingerprint(report, finding));
            if *now == ack.fingerprint {
                finding.acknowledged = Some(ack.reason.clone());
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Lang, Rule, from_json, to_json, validate};

    fn draft() -> Report {
        let text = include_str!("../../../tests/fixtures/hongze-2023.json");
        from_json(text).expect("fixture")
    }

    fn first(report: &Report, rule: Rule) -> Finding {
        validate(report, None, Lang::Zh)
            .into_iter()
            .find(|f| f.rule == rule)
            .expect("the fixture has it")
    }

    #[test]
    fn an_acknowledged_warning_round_trips_and_comes_back_when_its_figures_change() {
        let mut report = draft();
        let blank = first(&report, Rule::CellBlank);
        acknowledge(&mut report, &blank, "本单位无此类申请人，按惯例留空").expect("a warning");
        // Through the file and back.
        let reread = from_json(&to_json(&report)).expect("reads");
        assert_eq!(reread.acknowledged, report.acknowledged);
        let findings = validate(&reread, None, Lang::Zh);
        let marked: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.acknowledged.is_some())
            .collect();
        assert_eq!(marked.len(), 1);
        assert_eq!(marked[0].cells, blank.cells);
        assert_eq!(
            marked[0].acknowledged.as_deref(),
            Some("本单位无此类申请人，按惯例留空")
        );
        // The figure changes: the finding is no longer the one accepted.
        let mut changed = reread.clone();
        changed.set_cell(&blank.cells[0], "x");
        changed.set_cell(&blank.cells[0], "");
        assert_eq!(
            validate(&changed, None, Lang::Zh)
                .iter()
                .filter(|f| f.acknowledged.is_some())
                .count(),
            1,
            "back to the same value: still accepted"
        );
        let mut other = reread;
        let total = first(&other, Rule::AppealsTotal);
        other.set_cell(&total.cells[1], "7");
        assert!(
            validate(&other, None, Lang::Zh)
                .iter()
                .all(|f| f.acknowledged.is_none() || f.cells == blank.cells)
        );
        // Withdrawn: plain again.
        withdraw(&mut other, &blank);
        assert!(
            validate(&other, None, Lang::Zh)
                .iter()
                .all(|f| f.acknowledged.is_none())
        );
    }

    #[test]
    fn errors_and_empty_reasons_are_refused() {
        let mut report = draft();
        let error = validate(&report, None, Lang::Zh)
            .into_iter()
            .find(|f| f.severity == Severity::Error)
            .expect("the fixture has errors");
        assert_eq!(
            acknowledge(&mut report, &error, "就是这样"),
            Err(AcknowledgeError::IsError)
        );
        let warning = first(&report, Rule::CellBlank);
        assert_eq!(
            acknowledge(&mut report, &warning, "  "),
            Err(AcknowledgeError::NoReason)
        );
        assert!(report.acknowledged.is_empty());
    }

    #[test]
    fn a_prose_finding_comes_back_when_its_sentence_changes() {
        let mut report = Report::new("某局", 2024);
        report.set_section_text("overview", "2023年，我局共收到申请12件。");
        let stale = first(&report, Rule::NarrativeStaleYear);
        acknowledge(&mut report, &stale, "引用上年数据作对比").expect("a warning");
        assert!(
            first(&report, Rule::NarrativeStaleYear)
                .acknowledged
                .is_some()
        );
        report.set_section_text("overview", "2023年，我局共收到申请13件。");
        assert!(
            first(&report, Rule::NarrativeStaleYear)
                .acknowledged
                .is_none()
        );
    }
}
