//! `narrative.stale_year`: a year in the prose that is not the report year, where the text
//! reports what happened (“2023年，我局共收到申请…” left in a 2024 report by copying last
//! year's). Years that compare (较2023年, 与2023年相比, 同比), count from a date (自2019年,
//! 截至, 以来), plan ahead (2025年将…, in 五), name a law's edition (2019年修订, 《…》) or
//! stand in a date range are read as meant and never flagged: a false alarm on a correct
//! report costs more than a missed leftover.

use crate::finding::{Finding, Lang, Rule, TextSpan};
use crate::model::{Report, Section};

/// Words just before a year that make it a comparison, a starting point or a reference.
const BEFORE: &[&str] = &[
    "较", "比", "与", "同", "自", "从", "截至", "截止", "至", "到", "于", "在", "对比", "相比",
    "上年", "去年", "《", "（", "(", "〔", "[", "第",
];

/// Words right after “YYYY年” (within a few characters) that make it a reference or a plan.
const AFTER: &[&str] = &[
    "以来",
    "相比",
    "同期",
    "修订",
    "修正",
    "版",
    "印发",
    "发布",
    "施行",
    "实施以来",
    "起施行",
    "起实施",
    "底",
    "末",
    "度报告",
    "年度报告",
    "工作年度报告",
    "制定",
    "出台",
    "将",
    "计划",
    "要点",
    "》",
    "）",
    ")",
];

/// Words anywhere in the sentence that make every year in it a comparison or a plan.
const SENTENCE: &[&str] = &[
    "同比",
    "相比",
    "对比",
    "比上年",
    "较上年",
    "增长",
    "下降",
    "减少",
    "增加",
    "持平",
    "下一步",
    "明年",
    "计划",
    "将继续",
    "将进一步",
    "以来",
    "累计",
    "连续",
];

/// A year written `2023年`, `２０２３年` or `二〇二三年`: (start char, end char, year).
fn years(chars: &[char]) -> Vec<(usize, usize, i32)> {
    let digit = |c: char| match c {
        '0'..='9' => Some(c as i32 - '0' as i32),
        '０'..='９' => Some(c as i32 - '０' as i32),
        '〇' | '零' | 'Ｏ' | 'O' | 'o' => Some(0),
        '一' => Some(1),
        '二' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i + 4 < chars.len() + 1 {
        if i + 4 < chars.len() && chars[i + 4] == '年' {
            let digits: Option<Vec<i32>> = chars[i..i + 4].iter().map(|&c| digit(c)).collect();
            let before_is_digit = i > 0 && digit(chars[i - 1]).is_some();
            if let (Some(digits), false) = (digits, before_is_digit) {
                let year = digits.iter().fold(0, |y, d| y * 10 + d);
                if (1990..=2100).contains(&year) {
                    found.push((i, i + 5, year));
                    i += 5;
                    continue;
                }
            }
        }
        i += 1;
    }
    found
}

/// The sentence around char `at`: from after the last 。！？；\n before it to the next one.
fn sentence(chars: &[char], at: usize) -> (usize, usize) {
    let ends = |c: &char| matches!(c, '。' | '！' | '？' | '；' | '\n' | '!' | '?' | ';');
    let start = chars[..at].iter().rposition(ends).map_or(0, |p| p + 1);
    let end = chars[at..]
        .iter()
        .position(ends)
        .map_or(chars.len(), |p| at + p + 1);
    (start, end)
}

fn text_of(chars: &[char]) -> String {
    chars.iter().collect()
}

/// Whether the year at `start..end` in `chars` is read as meant: compared, counted from,
/// planned, a reference, or part of a range. `chars` are one piece of the text (a sentence,
/// see `narrative::pieces`): the words after the year are read up to its end, and
/// `title_open` tells whether a 《 before it is still open.
fn meant(
    chars: &[char],
    (start, end): (usize, usize),
    year: i32,
    (report_year, title_open): (i32, bool),
    section: &str,
) -> bool {
    let before = text_of(&chars[start.saturating_sub(4)..start]);
    if BEFORE.iter().any(|word| before.ends_with(word)) {
        return true;
    }
    // Inside a title in 《》: a document's name, whatever its year.
    if open_title(&chars[..start], title_open) {
        return true;
    }
    // Budgets and final accounts are published for other years by design.
    let near = text_of(&chars[end..(end + 8).min(chars.len())]);
    if near.contains("预算") || near.contains("决算") {
        return true;
    }
    let after = text_of(&chars[end..(end + 8).min(chars.len())]);
    let after = after.trim_start_matches(['，', ',', ' ']);
    if AFTER.iter().any(|word| after.starts_with(word))
        || after.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
            && (after.contains('月') || after.contains('日'))
            && text_of(&chars[end..(end + 16).min(chars.len())]).contains('至')
    {
        return true;
    }
    let (from, to) = sentence(chars, start);
    let whole = text_of(&chars[from..to]);
    if SENTENCE.iter().any(|word| whole.contains(word)) {
        return true;
    }
    // The year after the report's: plans, which 五 (problems and improvements) is for.
    if year == report_year + 1 && (section == "problems" || whole.contains('将')) {
        return true;
    }
    // A sentence that names the report year too is about both (a range, a comparison).
    let own = format!("{report_year}年");
    whole.contains(&own)
        && whole.matches('年').count() > 1
        && year == report_year - 1
        && whole.contains('至')
}

/// A year in a section's text not read as meant: where it stands (bytes of the text as
/// stored) and the sentence around it, trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StaleYear {
    start: usize,
    end: usize,
    year: i32,
    quoted: String,
}

/// Whether a title opened with 《 is still open after `chars`, given whether one was before
/// (normalising leaves 《 and 》 as they are, so normalised characters give the same).
pub(crate) fn open_title(chars: &[char], title_open: bool) -> bool {
    match chars.iter().rev().find(|&&c| c == '《' || c == '》') {
        Some(&mark) => mark == '《',
        None => title_open,
    }
}

/// The years of `text`, one piece of the text of section `section_id` (a sentence, see
/// `narrative::pieces`), that are not `report_year` nor read as meant, with their byte
/// offsets in the piece; `title_open` tells whether a title (《) is open before it. Reads
/// nothing but its arguments.
pub(crate) fn find(
    report_year: i32,
    section_id: &str,
    text: &str,
    title_open: bool,
) -> Vec<StaleYear> {
    // The preamble's statutory sentence cites the 条例 and the format by their years; and
    // most sentences name no year: the search for 年 is much quicker than reading them.
    if section_id == "preamble" || !text.contains('年') {
        return Vec::new();
    }
    let mut chars: Vec<char> = Vec::with_capacity(text.len() / 3 + 1);
    chars.extend(text.chars());
    let byte = |index: usize| -> usize { chars[..index].iter().map(|c| c.len_utf8()).sum() };
    let mut found = Vec::new();
    for (start, end, year) in years(&chars) {
        if year == report_year
            || meant(
                &chars,
                (start, end),
                year,
                (report_year, title_open),
                section_id,
            )
        {
            continue;
        }
        let (from, to) = sentence(&chars, start);
        let quoted = text_of(&chars[from..to]);
        found.push(StaleYear {
            start: byte(start),
            end: byte(end),
            year,
            quoted: quoted.trim().to_string(),
        });
    }
    found
}

/// The findings of the years [`find`] gave for the piece of `section` that starts at byte
/// `base`.
pub(super) fn report_stale(
    report: &Report,
    section: &Section,
    (base, found): (usize, &[StaleYear]),
    lang: Lang,
    findings: &mut Vec<Finding>,
) {
    for stale in found {
        let (year, quoted) = (stale.year, &stale.quoted);
        let heading = super::heading(report, &section.id);
        let message = match lang {
            Lang::Zh => format!(
                "「{heading}」写着 {year} 年：「{quoted}」，本报告是 {} 年度，是否沿用了往年的文字？",
                report.year
            ),
            Lang::En => format!(
                "“{heading}” says {year}: “{quoted}”, but this is the {} report. Is it text carried over from an earlier year?",
                report.year
            ),
        };
        let mut finding = Finding::new(Rule::NarrativeStaleYear, Vec::new(), message);
        finding.span = Some(TextSpan {
            section: section.id.clone(),
            start: base + stale.start,
            end: base + stale.end,
        });
        findings.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fired(year: i32, section: &str, text: &str) -> usize {
        let mut report = Report::new("某局", year);
        if let Some(s) = report.sections.iter_mut().find(|s| s.id == section) {
            s.text = text.to_string();
        }
        let section = report
            .sections
            .iter()
            .find(|s| s.id == section)
            .cloned()
            .expect("section");
        let mut findings = Vec::new();
        super::super::check_stale_years(&report, &section, Lang::Zh, &mut findings);
        findings
            .iter()
            .filter(|finding| finding.rule == Rule::NarrativeStaleYear)
            .count()
    }

    #[test]
    fn a_year_left_from_last_years_report_is_flagged() {
        for text in [
            "2023年，我局共收到政府信息公开申请12件。",
            "2023年我局主动公开政府信息356条。",
            "二〇二三年，全区政府信息公开工作取得新成效。",
            "２０２３年，本机关在门户网站发布信息。",
            "本年度，我局按照2022年政务公开工作要求推进各项工作，2022年共办理申请5件。",
        ] {
            assert!(fired(2024, "overview", text) >= 1, "should fire: {text}");
        }
    }

    #[test]
    fn years_read_as_meant_are_not_flagged() {
        for text in [
            "2024年，我局共收到政府信息公开申请12件。",
            "较2023年增加3件。",
            "与2023年相比，申请数量有所增长。",
            "收到申请12件，同比2023年增长20%。",
            "自2019年5月15日新《条例》施行以来，我局不断完善工作机制。",
            "截至2023年底，共有现行有效规范性文件45件。",
            "根据《中华人民共和国政府信息公开条例》（2019年修订）开展工作。",
            "统计期限为2024年1月1日至2024年12月31日。",
            "2025年，我局将进一步加强政务公开平台建设。",
            "按照国务院办公厅2024年政务公开工作要点，认真落实各项任务。",
            "本年度无因政府信息公开工作被申请行政复议情况。",
            "我局连续两年（2022年、2023年）获评先进单位。",
            "传达了《下达2019年中央农业生产发展资金的通知》《提前下达2025年省级资金的通知》等文件。",
            "公开2025年政府预算、2023年政府决算，公开率100%。",
            "公开2023年度部门决算。",
        ] {
            assert_eq!(fired(2024, "overview", text), 0, "must not fire: {text}");
        }
        // Sentences of real published reports (长春, 上海, 湛江), with their own years.
        assert_eq!(
            fired(
                2023,
                "overview",
                "截止2023年12月31日我局通过官方网站发布政务类信息34条,概况类信息150条。"
            ),
            0
        );
        assert_eq!(
            fired(
                2022,
                "overview",
                "本年度报告中所列数据统计期限为2022年1月1日至12月31日。2022年,上海市坚持以习近平新时代中国特色社会主义思想为指导。"
            ),
            0
        );
        assert_eq!(
            fired(
                2023,
                "overview",
                "所列数据统计期限自2023年1月1日起到2023年12月31日止。2023年,我办全年未收到行政许可申请。"
            ),
            0
        );
        // The same sentences a year later, copied unchanged, are what the rule is for.
        assert_eq!(
            fired(
                2024,
                "overview",
                "2023年,我办全年未收到行政许可申请;全年未接到信息公开申请。"
            ),
            1
        );
        // Plans in 五 name next year.
        assert_eq!(
            fired(2024, "problems", "2025年，重点做好以下工作：一是加强培训。"),
            0
        );
        // The preamble cites laws by year.
        assert_eq!(
            fired(2024, "preamble", "2021年印发的格式。2019年修订的条例。"),
            0
        );
        // Numbers that are not years.
        assert_eq!(fired(2024, "overview", "共发布信息12345年度条目。"), 0);
    }
}
