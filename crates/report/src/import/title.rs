//! Who published the report and for which year: from the title (also when it is split over
//! lines, the agency on one and the year on the next, or broken mid-word), else from the
//! 落款 (the agency and date at the end) or the opening sentence (本报告由…编制).

use super::Line;
use super::pdf::{ends_sentence, is_cjk};

/// What the title gave: the agency (may be empty), the year and the lines it occupies.
pub(super) struct Title {
    pub(super) agency: String,
    pub(super) year: Option<i32>,
    pub(super) lines: Vec<usize>,
}

/// The longest a title line is; longer lines are prose.
const TITLE_LINE: usize = 48;

/// Reads the title among the first lines of the text, then the agency from the 落款 or the
/// opening sentence when the title has none.
pub(super) fn read(lines: &[Line]) -> Title {
    let mut title = from_title(lines).unwrap_or(Title {
        agency: String::new(),
        year: None,
        lines: Vec::new(),
    });
    if title.agency.is_empty() {
        title.agency = from_signature(lines)
            .or_else(|| from_opening(lines))
            .unwrap_or_default();
    }
    title
}

/// The prose lines that can hold a title: short, no full stop, among the first 12 non-empty.
fn candidates(lines: &[Line]) -> Vec<(usize, String)> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, line)| line.cells.is_none() && !line.text.is_empty())
        .take(12)
        .map(|(index, line)| (index, normalise(&line.text)))
        .collect()
}

fn normalise(text: &str) -> String {
    text.chars()
        .map(crate::narrative::normalise_char)
        .filter(|ch| !ch.is_whitespace())
        .collect()
}

/// The title: the first title-like line holding 报告, with as few lines before it as make
/// up the year (a title broken mid-word), and the agency from the line above when the title
/// starts at the year.
fn from_title(lines: &[Line]) -> Option<Title> {
    let candidates = candidates(lines);
    let title_like = |text: &str| text.chars().count() <= TITLE_LINE && !text.ends_with('。');
    for end in 0..candidates.len() {
        let (_, last) = &candidates[end];
        if !title_like(last) || !(last.contains("报告") || last.contains("報告")) {
            continue;
        }
        for start in (end.saturating_sub(2)..=end).rev() {
            let window = &candidates[start..=end];
            if !window.iter().all(|(_, text)| title_like(text)) {
                break;
            }
            let joined: String = window.iter().map(|(_, text)| text.as_str()).collect();
            let Some((year_at, year)) = year_in(&joined) else {
                continue;
            };
            let mut used: Vec<usize> = window.iter().map(|(index, _)| *index).collect();
            let mut agency = clean_agency(&joined[..year_at]);
            // The agency on the line above the year: “淮安市人民政府” / “2024年…年度报告”.
            if agency.is_empty()
                && start > 0
                && let Some((index, above)) = candidates.get(start - 1)
                && above.chars().count() <= 30
                && !ends_sentence(above)
                && !above.contains("报告")
                && above.chars().any(is_cjk)
            {
                agency = clean_agency(above);
                used.insert(0, *index);
            }
            return Some(Title {
                agency,
                year: Some(year),
                lines: used,
            });
        }
    }
    None
}

/// The byte offset and value of the first `YYYY年` (not part of a longer number).
fn year_in(text: &str) -> Option<(usize, i32)> {
    let bytes = text.as_bytes();
    for (at, _) in text.char_indices() {
        let Some(digits) = text.get(at..at + 4) else {
            continue;
        };
        if !digits.bytes().all(|b| b.is_ascii_digit()) || (at > 0 && bytes[at - 1].is_ascii_digit())
        {
            continue;
        }
        if text[at + 4..].starts_with('年') {
            let year: i32 = digits.parse().ok()?;
            if (1990..=2100).contains(&year) {
                return Some((at, year));
            }
        }
    }
    None
}

/// The agency as printed before the year: after any “标题：” label, without “关于” and quotes.
fn clean_agency(text: &str) -> String {
    let text = text.rsplit(['：', ':']).next().unwrap_or("");
    let text = text.trim_end_matches("关于");
    text.chars()
        .filter(|ch| !ch.is_whitespace() && !matches!(ch, '/' | '《' | '》' | '“' | '”' | '"'))
        .collect()
}

/// The 落款: a short line of words just before the date line near the end
/// (“淮安市人民政府” / “2025年1月20日”).
fn from_signature(lines: &[Line]) -> Option<String> {
    let tail: Vec<&str> = lines
        .iter()
        .rev()
        .filter(|line| line.cells.is_none() && !line.text.trim().is_empty())
        .take(6)
        .map(|line| line.text.trim())
        .collect();
    for pair in tail.windows(2) {
        let (date, above) = (normalise(pair[0]), normalise(pair[1]));
        if is_date(&date)
            && above.chars().count() <= 30
            && !ends_sentence(&above)
            && above.chars().filter(|ch| is_cjk(*ch)).count() >= 3
        {
            return Some(clean_agency(&above));
        }
    }
    None
}

fn is_date(text: &str) -> bool {
    year_in(text).is_some_and(|(at, _)| at == 0)
        && text.ends_with('日')
        && text.contains('月')
        && text.chars().count() <= 12
}

/// The opening sentence: “本报告由淮安市人民政府办公室根据……编制” names the office that
/// compiled it; a government's report is the government's, so its 办公室/办公厅 is dropped.
fn from_opening(lines: &[Line]) -> Option<String> {
    let text: String = lines
        .iter()
        .filter(|line| line.cells.is_none())
        .take(20)
        .map(|line| normalise(&line.text))
        .collect();
    let start = text.find("本报告由")? + "本报告由".len();
    let rest = &text[start..];
    let end = ["根据", "依据", "按照", "编制", "编写"]
        .iter()
        .filter_map(|word| rest.find(word))
        .min()?;
    let agency = &rest[..end];
    if agency.is_empty() || agency.chars().count() > 30 {
        return None;
    }
    let agency = ["人民政府办公室", "人民政府办公厅"]
        .iter()
        .find_map(|office| agency.strip_suffix(office).map(|a| format!("{a}人民政府")))
        .unwrap_or_else(|| agency.to_string());
    Some(agency)
}
