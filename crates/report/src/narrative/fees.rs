//! `narrative.fee_mismatch` (format note N4): section 六 says no 信息处理费 was charged while
//! the 信息处理费 figures, or table 三's （六）2 (逾期未按收费通知要求缴纳费用), say fees were
//! charged or noticed; or 六 states an amount charged while the figures say 0. Only sentences
//! that name 信息处理费 are read, and a blank figure says nothing.

use crate::figure::Figure;
use crate::finding::{Finding, Lang, Rule, TextSpan};
use crate::model::Report;
use crate::template::TemplateId;

/// Words that say nothing was charged.
const NONE: &[&str] = &[
    "未收取",
    "没有收取",
    "未发生",
    "无收取",
    "不存在收取",
    "未产生",
    "没有产生",
    "均未收取",
    "未向",
    "免收",
    "不收取",
];

/// What a sentence about 信息处理费 says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Says {
    /// Nothing was charged (未收取, or an amount of 0 元).
    Nothing,
    /// An amount above zero was charged.
    Charged,
}

/// The amount in 元 a sentence states (the first `N元` / `N 元`), if any.
fn amount(sentence: &str) -> Option<f64> {
    let chars: Vec<char> = sentence.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c != '元' {
            continue;
        }
        let mut j = i;
        while j > 0 && chars[j - 1] == ' ' {
            j -= 1;
        }
        let end = j;
        while j > 0 && (chars[j - 1].is_ascii_digit() || chars[j - 1] == '.' || chars[j - 1] == ',')
        {
            j -= 1;
        }
        if j < end {
            let digits: String = chars[j..end].iter().filter(|c| **c != ',').collect();
            if let Ok(value) = digits.parse::<f64>() {
                return Some(value);
            }
        }
    }
    None
}

fn says(sentence: &str) -> Option<Says> {
    if !sentence.contains("信息处理费") {
        return None;
    }
    if NONE.iter().any(|word| sentence.contains(word)) || sentence.contains("零元") {
        return Some(Says::Nothing);
    }
    match amount(sentence) {
        Some(0.0) => Some(Says::Nothing),
        Some(_) if sentence.contains("收取") => Some(Says::Charged),
        _ => None,
    }
}

/// A figure's value when it is filled and reads as a figure (as every rule reads cells).
fn figure(report: &Report, key: &str) -> Option<Figure> {
    report.cell_figure(key).ok()
}

/// A sentence of 六 about 信息处理费: where it stands (bytes of the text as stored), what it
/// says, and the sentence trimmed for quoting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Statement {
    start: usize,
    end: usize,
    said: Says,
    quoted: String,
}

/// The sentences of a section's text that say whether 信息处理费 was charged. Reads nothing
/// but the text.
pub(crate) fn statements(text: &str) -> Vec<Statement> {
    let mut found = Vec::new();
    let mut offset = 0;
    for sentence in text.split_inclusive(['。', '；', '\n']) {
        let start = offset;
        offset += sentence.len();
        let Some(said) = says(sentence) else { continue };
        found.push(Statement {
            start,
            end: offset,
            said,
            quoted: sentence.trim().to_string(),
        });
    }
    found
}

/// `narrative.fee_mismatch` for section 六 of a gov-format report.
#[cfg(test)]
pub(super) fn check(report: &Report, lang: Lang, findings: &mut Vec<Finding>) {
    let statements = |index: usize| statements(&report.sections[index].text);
    report_fees(report, statements, lang, findings);
}

/// `narrative.fee_mismatch`, with `statements` giving the [`statements`] of the text of the
/// section at that position.
pub(super) fn report_fees<S: std::ops::Deref<Target = [Statement]>>(
    report: &Report,
    statements: impl FnOnce(usize) -> S,
    lang: Lang,
    findings: &mut Vec<Finding>,
) {
    if report.template == TemplateId::Legacy {
        return;
    }
    let Some((index, section)) =
        (report.sections.iter().enumerate()).find(|(_, s)| s.id == "other")
    else {
        return;
    };
    for statement in statements(index).iter() {
        let (start, offset, said) = (statement.start, statement.end, statement.said);
        let cases = figure(report, "info_fee.cases");
        let amount_yuan = figure(report, "info_fee.amount_yuan");
        let unpaid = figure(report, "requests.other.no_fee.total");
        let (cells, why_zh, why_en): (Vec<&str>, String, String) = match said {
            Says::Nothing
                if cases.is_some_and(|n| n.scaled() > 0)
                    || amount_yuan.is_some_and(|n| n.scaled() > 0) =>
            {
                (
                    vec!["info_fee.cases", "info_fee.amount_yuan"],
                    format!(
                        "信息处理费填的是 {} 件、{} 元",
                        cases.map_or("—".into(), |n| n.to_string()),
                        amount_yuan.map_or("—".into(), |n| n.to_string())
                    ),
                    format!(
                        "the 信息处理费 figures say {} cases, {} 元",
                        cases.map_or("—".into(), |n| n.to_string()),
                        amount_yuan.map_or("—".into(), |n| n.to_string())
                    ),
                )
            }
            Says::Nothing if unpaid.is_some_and(|n| n.scaled() > 0) => (
                vec!["requests.other.no_fee.total"],
                format!(
                    "表三（六）2“申请人逾期未按收费通知要求缴纳费用”为 {}，说明发出过收费通知",
                    unpaid.map(|n| n.to_string()).unwrap_or_default()
                ),
                format!(
                    "table 三 （六）2 (fee notices not paid) is {}, so fee notices were sent",
                    unpaid.map(|n| n.to_string()).unwrap_or_default()
                ),
            ),
            Says::Charged
                if cases.is_some_and(|n| n.scaled() == 0)
                    && amount_yuan.is_some_and(|n| n.scaled() == 0) =>
            {
                (
                    vec!["info_fee.cases", "info_fee.amount_yuan"],
                    "信息处理费填的是 0 件、0 元".to_string(),
                    "the 信息处理费 figures say 0 cases, 0 元".to_string(),
                )
            }
            _ => continue,
        };
        let quoted = &statement.quoted;
        let message = match (said, lang) {
            (Says::Nothing, Lang::Zh) => {
                format!("「六、其他需要报告的事项」说未收取信息处理费：「{quoted}」，但{why_zh}。")
            }
            (Says::Nothing, Lang::En) => format!(
                "“六、其他需要报告的事项” says no 信息处理费 was charged: “{quoted}”, but {why_en}."
            ),
            (Says::Charged, Lang::Zh) => {
                format!("「六、其他需要报告的事项」说收取了信息处理费：「{quoted}」，但{why_zh}。")
            }
            (Says::Charged, Lang::En) => format!(
                "“六、其他需要报告的事项” says 信息处理费 was charged: “{quoted}”, but {why_en}."
            ),
        };
        let mut finding = Finding::new(
            Rule::NarrativeFeeMismatch,
            cells.into_iter().map(str::to_string).collect(),
            message,
        );
        finding.span = Some(TextSpan {
            section: section.id.clone(),
            start,
            end: offset,
        });
        findings.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, cells: &[(&str, &str)]) -> usize {
        let mut report = Report::new("某局", 2024);
        report.set_section_text("other", text);
        for (key, value) in cells {
            report.set_cell(key, *value);
        }
        let mut findings = Vec::new();
        check(&report, Lang::Zh, &mut findings);
        findings.len()
    }

    #[test]
    fn prose_and_figures_that_disagree_are_flagged() {
        let none = "（一）依据《政府信息公开信息处理费管理办法》，本机关2024年未收取信息处理费。";
        assert_eq!(found(none, &[("info_fee.amount_yuan", "300")]), 1);
        assert_eq!(found(none, &[("info_fee.cases", "2")]), 1);
        assert_eq!(found(none, &[("requests.other.no_fee.total", "1")]), 1);
        assert_eq!(
            found(
                "全年收取政府信息公开信息处理费 0 元。",
                &[("info_fee.amount_yuan", "150")]
            ),
            1
        );
        let charged = "2024年对25件申请收取了信息处理费2950元。";
        assert_eq!(
            found(
                charged,
                &[("info_fee.cases", "0"), ("info_fee.amount_yuan", "0")]
            ),
            1
        );
    }

    #[test]
    fn agreeing_or_silent_figures_are_not_flagged() {
        let none =
            "严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费 0 元。";
        assert_eq!(found(none, &[]), 0, "blank figures say nothing");
        assert_eq!(
            found(
                none,
                &[("info_fee.cases", "0"), ("info_fee.amount_yuan", "0")]
            ),
            0
        );
        assert_eq!(found(none, &[("requests.other.no_fee.total", "0")]), 0);
        let charged = "2023年对25件政府信息公开申请案件收取了信息处理费2950元。";
        assert_eq!(
            found(
                charged,
                &[("info_fee.cases", "25"), ("info_fee.amount_yuan", "2950")]
            ),
            0
        );
        assert_eq!(found(charged, &[]), 0);
        // Sentences that do not name the fee.
        assert_eq!(
            found("本年度未收取任何费用。", &[("info_fee.amount_yuan", "10")]),
            0
        );
        assert_eq!(found("无。", &[("info_fee.amount_yuan", "10")]), 0);
    }
}
