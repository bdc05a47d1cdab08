//! The shape of the prose: `narrative.problems_thin` (五 is there but says nothing real: a
//! few characters, or only boilerplate such as “不存在问题”), and `narrative.heading_order`
//! (sub-headings （一）（二）… at the start of lines run in order without gaps; a legacy
//! report's own headings 一、二、… likewise). Table rows are not prose and never count.

use crate::finding::{Finding, Lang, Rule, TextSpan};
use crate::model::{Report, Section};
use crate::template::TemplateId;

/// Fewer meaningful characters than this in 五 say nothing real.
const THIN_BELOW: usize = 10;

/// Sentences that fill 五 without saying anything.
const BOILERPLATE: &[&str] = &[
    "无",
    "暂无",
    "没有",
    "无问题",
    "不存在问题",
    "未发现问题",
    "无此情况",
    "本年度无",
    "暂未发现",
    "无明显问题",
    "不存在",
    "存在问题无",
];

/// The characters that carry meaning: no whitespace, punctuation or sub-heading marks.
fn meaningful(text: &str) -> String {
    // A `match`, not a search of a string of the marks per character: this ran for every
    // character of 五 on every keystroke there, and the search was most of that time.
    text.chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii_punctuation())
        .filter(|c| {
            !matches!(
                c,
                '，' | '。'
                    | '、'
                    | '；'
                    | '：'
                    | '！'
                    | '？'
                    | '“'
                    | '”'
                    | '‘'
                    | '’'
                    | '（'
                    | '）'
                    | '《'
                    | '》'
                    | '【'
                    | '】'
                    | '—'
                    | '…'
                    | '·'
            )
        })
        .collect()
}

/// Whether the text of 五 is thin: not empty nor only 无 (that is `narrative.empty`), but
/// a few characters or only boilerplate. Reads nothing but the text.
pub(crate) fn is_thin(text: &str) -> bool {
    let text = meaningful(text);
    // Empty or only 无: `narrative.empty` says so already.
    if matches!(text.as_str(), "" | "无" | "暂无" | "无此情况") {
        return false;
    }
    let boilerplate = BOILERPLATE.iter().any(|b| text == *b)
        || BOILERPLATE.iter().any(|b| {
            text.strip_suffix(b)
                .is_some_and(|rest| rest.chars().count() < 6)
        });
    text.chars().count() < THIN_BELOW || boilerplate
}

/// `narrative.problems_thin`: 五 present, not empty (that is `narrative.empty`), but thin.
#[cfg(test)]
pub(super) fn check_problems(report: &Report, lang: Lang, findings: &mut Vec<Finding>) {
    let thin = |index: usize| is_thin(&report.sections[index].text);
    report_problems(report, thin, lang, findings);
}

/// `narrative.problems_thin`, with `thin` telling whether the text of the section at that
/// position [`is_thin`].
pub(super) fn report_problems(
    report: &Report,
    thin: impl FnOnce(usize) -> bool,
    lang: Lang,
    findings: &mut Vec<Finding>,
) {
    if report.template == TemplateId::Legacy {
        return;
    }
    let Some((index, section)) =
        (report.sections.iter().enumerate()).find(|(_, s)| s.id == "problems")
    else {
        return;
    };
    if !thin(index) {
        return;
    }
    let heading = super::heading(report, "problems");
    let message = match lang {
        Lang::Zh => format!(
            "「{heading}」只有「{}」，没有写出具体问题和改进措施。",
            section.text.trim()
        ),
        Lang::En => format!(
            "“{heading}” only says “{}”: no actual problem or improvement is described.",
            section.text.trim()
        ),
    };
    let mut finding = Finding::new(Rule::NarrativeProblemsThin, Vec::new(), message);
    finding.span = Some(TextSpan {
        section: section.id.clone(),
        start: 0,
        end: section.text.len(),
    });
    findings.push(finding);
}

/// The value of a Chinese numeral from 一 to 九十九, as sub-headings number.
fn numeral(text: &str) -> Option<u32> {
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32)
    };
    let chars: Vec<char> = text.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c).filter(|&d| d > 0),
        ['十', c] => digit(*c).map(|d| 10 + d),
        [c, '十'] => digit(*c).map(|d| d * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

/// The sub-heading number a line opens with: `（三）`, `(三)`; with its byte range.
fn subheading(line: &str) -> Option<(u32, usize)> {
    let trimmed = line.trim_start();
    let rest = trimmed
        .strip_prefix('（')
        .or_else(|| trimmed.strip_prefix('('))?;
    let close = rest.find(['）', ')'])?;
    let number = numeral(&rest[..close])?;
    Some((number, line.len() - trimmed.len()))
}

/// A sub-heading out of order: where its line stands (bytes, from the heading's number to
/// the end of the line) and the numbers expected and found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HeadingSlip {
    start: usize,
    end: usize,
    expected: u32,
    found: u32,
}

/// The sub-headings of a section's text out of order. Reads nothing but the text.
pub(crate) fn heading_slips(text: &str) -> Vec<HeadingSlip> {
    let mut slips = Vec::new();
    let mut expected = 1;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let Some((number, indent)) = subheading(line) else {
            continue;
        };
        // A restart at （一） begins a new list (a sub-section's own items).
        if number == 1 || number == expected {
            expected = number + 1;
            continue;
        }
        slips.push(HeadingSlip {
            start: start + indent,
            end: offset,
            expected,
            found: number,
        });
        expected = number + 1;
    }
    slips
}

/// `narrative.heading_order` for one section's text.
#[cfg(test)]
pub(super) fn check_headings(
    report: &Report,
    section: &Section,
    lang: Lang,
    findings: &mut Vec<Finding>,
) {
    report_headings(
        report,
        section,
        &heading_slips(&section.text),
        lang,
        findings,
    );
}

/// The findings of the slips [`heading_slips`] gave for `section`.
pub(super) fn report_headings(
    report: &Report,
    section: &Section,
    slips: &[HeadingSlip],
    lang: Lang,
    findings: &mut Vec<Finding>,
) {
    for slip in slips {
        let heading = super::heading(report, &section.id);
        let want = numeral_text(slip.expected);
        let got = numeral_text(slip.found);
        let message = match lang {
            Lang::Zh => format!("「{heading}」的小标题顺序不对：（{got}）前面应是（{want}）。"),
            Lang::En => format!(
                "The sub-headings of “{heading}” are out of order: （{got}） where （{want}） was expected."
            ),
        };
        let mut finding = Finding::new(Rule::NarrativeHeadingOrder, Vec::new(), message);
        finding.span = Some(TextSpan {
            section: section.id.clone(),
            start: slip.start,
            end: slip.end,
        });
        findings.push(finding);
    }
}

/// `narrative.heading_order` for a legacy report's own section headings (一、二、…).
pub(super) fn check_legacy_headings(report: &Report, lang: Lang, findings: &mut Vec<Finding>) {
    if report.template != TemplateId::Legacy {
        return;
    }
    let mut expected = 1;
    for section in &report.sections {
        let Some(heading) = section.heading.as_deref() else {
            continue;
        };
        let Some((number, _)) = heading.split_once('、') else {
            continue;
        };
        let Some(number) = numeral(number.trim()) else {
            continue;
        };
        if number != expected {
            let message = match lang {
                Lang::Zh => format!(
                    "章节标题「{heading}」的序号不对，这里应是「{}、」。",
                    numeral_text(expected)
                ),
                Lang::En => format!(
                    "The section heading “{heading}” is numbered out of order; “{}、” was expected.",
                    numeral_text(expected)
                ),
            };
            let mut finding = Finding::new(Rule::NarrativeHeadingOrder, Vec::new(), message);
            finding.span = Some(TextSpan {
                section: section.id.clone(),
                start: 0,
                end: 0,
            });
            findings.push(finding);
        }
        expected = number + 1;
    }
}

fn numeral_text(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n as usize].to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", DIGITS[(n - 10) as usize]),
        _ if n.is_multiple_of(10) => format!("{}十", DIGITS[(n / 10) as usize % 10]),
        _ => format!(
            "{}十{}",
            DIGITS[(n / 10) as usize % 10],
            DIGITS[(n % 10) as usize]
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn thin(text: &str) -> usize {
        let mut report = Report::new("某局", 2024);
        report.set_section_text("problems", text);
        let mut findings = Vec::new();
        check_problems(&report, Lang::Zh, &mut findings);
        findings.len()
    }

    fn disorder(text: &str) -> usize {
        let mut report = Report::new("某局", 2024);
        report.set_section_text("overview", text);
        let section = report
            .sections
            .iter()
            .find(|s| s.id == "overview")
            .cloned()
            .expect("一");
        let mut findings = Vec::new();
        check_headings(&report, &section, Lang::Zh, &mut findings);
        findings.len()
    }

    #[test]
    fn a_problems_section_that_says_nothing_real_is_flagged() {
        for text in [
            "不存在问题。",
            "暂未发现。",
            "工作有待加强。",
            "本年度不存在问题",
            "存在问题：无。",
        ] {
            assert_eq!(thin(text), 1, "should fire: {text}");
        }
        for text in [
            "",
            "无",
            "一是信息公开的及时性有待提高，部分栏目更新不够及时。下一步将建立栏目更新台账。",
            "（一）存在问题：政策解读形式较为单一。\n（二）改进措施：丰富图解、视频等解读形式。",
        ] {
            assert_eq!(thin(text), 0, "must not fire: {text}");
        }
    }

    #[test]
    fn sub_headings_out_of_order_are_flagged() {
        assert_eq!(disorder("（一）主动公开\n内容\n（三）政府信息管理\n"), 1);
        assert_eq!(
            disorder("（一）主动公开\n（二）依申请公开\n（二）政府信息管理\n"),
            1
        );
        assert_eq!(disorder("(一)主动公开\n(三)平台建设\n"), 1);
        for text in [
            "（一）主动公开\n（二）依申请公开\n（三）政府信息管理\n（四）平台建设\n（五）监督保障",
            // A new list inside a sub-section starts again at （一）.
            "（一）主动公开\n（二）依申请公开\n（一）受理情况\n（二）办理情况\n",
            // In a sentence, not at the start of a line: not a heading.
            "一是主动公开，详见下文（三）所述。\n（一）主动公开",
            "（十）其他\n",
        ] {
            assert_eq!(
                disorder(text),
                usize::from(text.starts_with("（十）")),
                "{text}"
            );
        }
    }

    #[test]
    fn punctuation_carries_no_meaning() {
        assert_eq!(meaningful("，。、；：！？“”‘’（）《》【】—…· \n!?."), "");
        assert_eq!(meaningful("（一）无。"), "一无");
    }

    #[test]
    fn numerals_read_and_written() {
        assert_eq!(numeral("十二"), Some(12));
        assert_eq!(numeral("二十"), Some(20));
        assert_eq!(numeral("二十一"), Some(21));
        assert_eq!(numeral("甲"), None);
        assert_eq!(numeral_text(12), "十二");
        assert_eq!(numeral_text(21), "二十一");
    }
}
