//! `narrative.table_mismatch`: a figure the prose attributes to a table quantity (收到申请,
//! 办结/答复, 予以公开, 不予公开, 行政复议, and in the 2021 form 规章/规范性文件 制发, 废止, 现行有效 …)
//! that no accepted reading of the tables gives.
//!
//! A figure is attributed only when the words right before it, in its own clause and outside
//! parentheses, name exactly one quantity (or several joined by 及/和/与, read as their sum)
//! and nothing that narrows or shifts it (an applicant type, a result such as 维持, a change
//! such as 同比增长). The accepted readings are the common conventions: 收到/受理 is 新收 or
//! 新收 + 上年结转; a group such as 不予公开 is the sum of its sub-rows; 行政诉讼 is
//! 直接起诉 + 复议后起诉. A table cell that is blank or unreadable silences the comparison.

use super::numbers::{
    Letters, Quantity, SCALE, Sentence, Text, Words, format_value, holds, is_case_unit, letters_of,
};
use crate::model::Report;
use crate::template::TemplateId;

/// A table quantity prose talks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Received,
    Granted,
    Partial,
    Withheld,
    Unavailable,
    Rejected,
    OtherHandling,
    CarriedIn,
    CarriedOut,
    /// Applications answered (办结, 答复, 办理完毕): （七）总计, or loosely 新收 or
    /// 新收 + 上年结转.
    Answered,
    Review,
    Suit,
    /// Table 二 of the 2021 form: 规章 and 规范性文件 issued, repealed, in force.
    RegulationsIssued,
    RegulationsRepealed,
    RegulationsInForce,
    NormativeIssued,
    NormativeRepealed,
    NormativeInForce,
}

/// The documents table 二 counts, as prose names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Document {
    Regulations,
    Normative,
}

/// The last document type named in `lead` (规章制度 is an internal rule book, not 规章).
fn document_in(lead: &str) -> Option<Document> {
    let normative = lead.rfind("规范性文件");
    let regulations = lead
        .match_indices("规章")
        .filter(|(at, _)| !lead[*at..].starts_with("规章制度"))
        .map(|(at, _)| at)
        .last();
    match (normative, regulations) {
        (Some(n), Some(r)) => Some(if n > r {
            Document::Normative
        } else {
            Document::Regulations
        }),
        (Some(_), None) => Some(Document::Normative),
        (None, Some(_)) => Some(Document::Regulations),
        (None, None) => None,
    }
}

/// Where a sentence names 规范性文件 or 规章 (not 规章制度), in order.
fn documents_in(text: &Text, start: usize, end: usize) -> Vec<(usize, Document)> {
    let mut found: Vec<(usize, Document)> = text
        .find_all(start, end, "规范性文件")
        .map(|at| (at, Document::Normative))
        .chain(
            text.find_all(start, end, "规章")
                .filter(|&at| !text.matches(at, "规章制度"))
                .map(|at| (at, Document::Regulations)),
        )
        .collect();
    found.sort_unstable_by_key(|(at, _)| *at);
    found
}

/// A table 二 figure: an action (制发, 废止, 现行有效) on a document type named in the lead or,
/// for a clause like “废止3件”, earlier in the sentence. Review, filing and revision counts
/// (审查, 备案, 清理, 修订) are other measures.
fn active_kind(lead: &str, sentence_document: Option<Document>) -> Option<Kind> {
    const OTHER_MEASURES: Words<6> = Words::new(["审查", "备案", "清理", "修订", "修改", "解读"]);
    let letters = Letters::of(lead);
    if letters.any(lead, &OTHER_MEASURES) || letters.any(lead, &SHIFTERS) {
        return None;
    }
    let document = document_in(lead).or(sentence_document)?;
    let action = if holds(lead, "现行有效") {
        2
    } else if holds(lead, "废止") {
        1
    } else if ["制发", "印发", "出台", "制定", "发布"]
        .iter()
        .any(|word| holds(lead, word))
    {
        0
    } else {
        return None;
    };
    Some(match (document, action) {
        (Document::Regulations, 0) => Kind::RegulationsIssued,
        (Document::Regulations, 1) => Kind::RegulationsRepealed,
        (Document::Regulations, _) => Kind::RegulationsInForce,
        (Document::Normative, 0) => Kind::NormativeIssued,
        (Document::Normative, 1) => Kind::NormativeRepealed,
        (Document::Normative, _) => Kind::NormativeInForce,
    })
}

/// Keywords, most specific first; each names one quantity.
const KEYWORDS: [(&str, Kind); 15] = [
    ("上年结转", Kind::CarriedIn),
    ("结转下年", Kind::CarriedOut),
    ("转下年", Kind::CarriedOut),
    ("转入下年", Kind::CarriedOut),
    ("部分公开", Kind::Partial),
    ("不予公开", Kind::Withheld),
    ("予以公开", Kind::Granted),
    ("无法提供", Kind::Unavailable),
    ("不予处理", Kind::Rejected),
    ("其他处理", Kind::OtherHandling),
    ("行政复议", Kind::Review),
    ("行政诉讼", Kind::Suit),
    ("办理完毕", Kind::Answered),
    ("办结", Kind::Answered),
    ("答复", Kind::Answered),
];

/// The letters of each of [`KEYWORDS`].
const KEYWORD_LETTERS: [u128; KEYWORDS.len()] = {
    let mut letters = [0; KEYWORDS.len()];
    let mut index = 0;
    while index < KEYWORDS.len() {
        letters[index] = letters_of(KEYWORDS[index].0);
        index += 1;
    }
    letters
};

/// Things answered other than the applications of table 三 (建议提案, 留言, 热线 …).
const ANSWERED_OTHER: Words<15> = Words::new([
    "建议", "提案", "留言", "来信", "来电", "咨询", "热线", "投诉", "信访", "诉求", "问题", "事项",
    "工单", "意见", "12345",
]);

/// Words that make a receipt figure a subset or another measure.
const RECEIPT_NARROWERS: Words<11> = Words::new([
    "自然人",
    "法人",
    "企业",
    "组织",
    "个人",
    "单位",
    "其中",
    "当面",
    "网上",
    "信函",
    "邮寄",
]);

/// Words that make any figure a change, a rate, a sub-result or another measure rather than
/// the quantity. 备案 counts cases filed for the record during the year, which table 四 (by
/// result, pending ones included) does not (Suqian 2024: 备案 134 vs 170 is left alone).
const SHIFTERS: Words<20> = Words::new([
    "同比",
    "增长",
    "增加",
    "减少",
    "下降",
    "上升",
    "较上年",
    "比上年",
    "维持",
    "纠正",
    "撤销",
    "审结",
    "败诉",
    "胜诉",
    "驳回",
    "结果",
    "率",
    "平均",
    "每",
    "涉及",
]);

/// One contradiction between a sentence and the tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mismatch {
    /// The sentence (character range).
    pub(crate) sentence: (usize, usize),
    /// Where the figure stands (character index).
    pub(crate) at: usize,
    /// The figure as written.
    pub(crate) stated: String,
    /// What the prose calls it, in official words.
    pub(crate) label_zh: String,
    /// The same in English.
    pub(crate) label_en: String,
    /// The table cells read, first reading.
    pub(crate) cells: Vec<String>,
    /// The table value(s) that would have matched, first the plain one.
    pub(crate) table: Vec<i128>,
}

/// A figure the prose attributes to table quantities: what [`claims`] reads from the text
/// alone (and the template), to be compared with the tables by [`contradicted`]. The editor's checker keeps
/// these per section and compares them again after each cell edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Claim {
    /// The sentence (character range).
    sentence: (usize, usize),
    /// The figure.
    quantity: Quantity,
    /// The quantities it is attributed to (several read as their sum).
    kinds: Vec<Kind>,
}

#[cfg(test)]
impl Claim {
    /// The same claim `by` characters further on (as read in a longer text).
    pub(crate) fn moved(&self, by: usize) -> Claim {
        Claim {
            sentence: (self.sentence.0 + by, self.sentence.1 + by),
            quantity: self.quantity.moved(by),
            kinds: self.kinds.clone(),
        }
    }
}

/// The values of the table quantities the prose names, each read from the tables once: a
/// report's prose names the same quantity many times, in several sections. Valid for one
/// state of the report's figures and template (the checker forgets the values read from a
/// cell that changed, and all of them when the template does).
#[derive(Debug, Default)]
pub(crate) struct TableReadings(Vec<(Kind, Vec<i128>)>);

impl TableReadings {
    /// Forgets every value read.
    pub(crate) fn clear(&mut self) {
        self.0.clear();
    }

    /// Forgets the values read from any of the `changed` cells (keys) of a report of
    /// `template`, keeping the rest: a cell edit changes only the quantities reading that
    /// cell, and re-reading every quantity was a quarter of a check after a cell edit.
    pub(crate) fn forget_cells(&mut self, template: TemplateId, changed: &[String]) {
        self.0.retain(|(kind, _)| {
            !reading_keys(template, *kind).any(|key| changed.iter().any(|c| c == key))
        });
    }
}

/// The claims that the tables of `report` contradict, in order: every contradiction in the
/// text the claims were read from. `known` holds the table values read for `report`.
pub(crate) fn contradicted(
    claims: &[Claim],
    report: &Report,
    known: &mut TableReadings,
) -> Vec<Mismatch> {
    claims
        .iter()
        .filter_map(|claim| {
            compare(
                report,
                claim.sentence,
                &claim.quantity,
                &claim.kinds,
                &mut known.0,
            )
        })
        .collect()
}

/// Every figure of `text` attributed to table quantities of a report of `template`;
/// `sentences` are the text's, with their figures. Reads nothing but the text.
pub(crate) fn claims(text: &Text, sentences: &[Sentence], template: TemplateId) -> Vec<Claim> {
    let mut found = Vec::new();
    for sentence in sentences {
        let (start, end) = sentence.range;
        // Where 备案 first stands: it precedes a figure when it ends by the figure's start.
        let filed = text.find_all(start, end, "备案").next();
        let mut previous_end = start;
        let documents = documents_in(text, start, end);
        let mut next_document = 0;
        let mut sentence_document = None;
        let mut buffer = String::new();
        for quantity in &sentence.quantities {
            let lead_start = previous_end;
            previous_end = quantity.end;
            if quantity.depth != 0 || quantity.approx || !is_case_unit(quantity.unit) {
                continue;
            }
            // 备案 governs the whole enumeration that follows it in the sentence.
            if filed.is_some_and(|index| index + 2 <= quantity.start) {
                continue;
            }
            let lead = clause_lead(text, lead_start, quantity, &mut buffer);
            let kinds = match attributed(lead) {
                Some(kinds) => kinds,
                None if template == TemplateId::Gov2021 => {
                    // The document type named last before this figure in the sentence.
                    while let Some(&(at, document)) = documents.get(next_document)
                        && at < quantity.start
                    {
                        sentence_document = Some(document);
                        next_document += 1;
                    }
                    match active_kind(lead, sentence_document) {
                        Some(kind) => vec![kind],
                        None => continue,
                    }
                }
                None => continue,
            };
            if kinds.contains(&Kind::Answered) && !in_digits(text, quantity) {
                continue;
            }
            found.push(Claim {
                sentence: (start, end),
                quantity: quantity.clone(),
                kinds,
            });
        }
    }
    found
}

/// Whether a figure is written in digits (办结 in words, “办结一件申请、解决一个问题”, is a
/// slogan, not a count).
fn in_digits(text: &Text, quantity: &Quantity) -> bool {
    text.chars[quantity.start..quantity.number_end]
        .iter()
        .all(|c| c.is_ascii_digit() || ('０'..='９').contains(c) || *c == ',')
}

/// The words before a figure in its clause (from the last ，；：、 or the previous figure),
/// without parenthesised asides; read into `buffer`, which the caller reuses across a
/// sentence's figures.
fn clause_lead<'b>(
    text: &Text,
    from: usize,
    quantity: &Quantity,
    buffer: &'b mut String,
) -> &'b str {
    text.slice_at_depth_into(from, quantity.start, 0, buffer);
    buffer
        .rsplit(['，', '；', '：', '、', ',', ';', ':'])
        .next()
        .unwrap_or("")
        .trim()
}

/// The quantities a clause lead names, or `None` when it names none clearly.
fn attributed(lead: &str) -> Option<Vec<Kind>> {
    // The lead's letters hold those of `rest` below too (it only loses words and gains `|`).
    let letters = Letters::of(lead);
    if letters.any(lead, &SHIFTERS) {
        return None;
    }
    let mut kinds = Vec::new();
    let mut rest = lead.to_string();
    for ((word, kind), &word_letters) in KEYWORDS.iter().zip(&KEYWORD_LETTERS) {
        if letters.has(&rest, word, word_letters) {
            if !kinds.contains(kind) {
                kinds.push(*kind);
            }
            rest = rest.replace(word, "|");
        }
    }
    // 诉讼 and 复议 alone ("复议案件3件") name the same things.
    for (word, kind) in [("复议", Kind::Review), ("诉讼", Kind::Suit)] {
        if letters.found(&rest, word) && !kinds.contains(&kind) {
            kinds.push(kind);
            rest = rest.replace(word, "|");
        }
    }
    const RECEIPTS: Words<6> = Words::new(["收到", "受理", "收办", "新收", "接收", "共收"]);
    let receipt = letters.any(&rest, &RECEIPTS);
    if kinds.is_empty() {
        if receipt && letters.found(&rest, "申请") && !letters.any(lead, &RECEIPT_NARROWERS) {
            return Some(vec![Kind::Received]);
        }
        return None;
    }
    // 办结/答复 of something else than the applications of table 三.
    if kinds.contains(&Kind::Answered) && letters.any(lead, &ANSWERED_OTHER) {
        return None;
    }
    if kinds.len() > 1 {
        // Several quantities read as one sum only when the lead joins them (予以公开及部分公开);
        // otherwise the figure's owner is unclear.
        let inner: Vec<&str> = between_keywords(lead);
        if !inner
            .iter()
            .all(|piece| matches!(*piece, "及" | "和" | "与" | "以及"))
        {
            return None;
        }
    }
    Some(kinds)
}

/// The texts between consecutive quantity keywords of a lead.
fn between_keywords(lead: &str) -> Vec<&str> {
    let mut positions: Vec<(usize, usize)> = Vec::new();
    for (word, _) in KEYWORDS
        .iter()
        .chain([("复议", Kind::Review), ("诉讼", Kind::Suit)].iter())
    {
        for (index, _) in lead.match_indices(word) {
            let end = index + word.len();
            if !positions
                .iter()
                .any(|&(start, stop)| index < stop && end > start)
            {
                positions.push((index, end));
            }
        }
    }
    positions.sort_unstable();
    positions
        .windows(2)
        .map(|pair| lead.get(pair[0].1..pair[1].0).unwrap_or("?"))
        .collect()
}

/// The values the tables give for `kind` under the accepted readings, the plain one first
/// (empty when a cell it needs is blank or unreadable): 办结 is written for the results'
/// total, and loosely for what was received (新收, or 新收 + 上年结转); 收到 for 新收 or
/// 新收 + 上年结转.
pub(super) fn readings(report: &Report, kind: Kind) -> Vec<i128> {
    let Some(plain) = table_sum(report, total_keys(report.template, kind)) else {
        return Vec::new();
    };
    let mut readings = vec![plain];
    let carried = table_sum(report, &[CARRIED_IN_TOTAL]);
    if kind == Kind::Answered
        && let Some(new) = table_sum(report, &[NEW_TOTAL])
    {
        readings.push(new);
        if let Some(carried_in) = carried {
            readings.push(new + carried_in);
        }
    }
    if kind == Kind::Received
        && let Some(carried_in) = carried
    {
        readings.push(plain + carried_in);
    }
    readings
}

/// The one table quantity (of tables 三 and 四) the words before `quantity` name, read as
/// [`claims`] reads them, with the cells of its plain reading; `from` is where the clause may
/// start (the end of the previous figure or the sentence's start).
pub(super) fn attributed_kinds(
    text: &Text,
    from: usize,
    quantity: &Quantity,
    template: TemplateId,
) -> Option<(Kind, Vec<String>)> {
    if quantity.depth != 0 || quantity.approx || !is_case_unit(quantity.unit) {
        return None;
    }
    let mut buffer = String::new();
    let lead = clause_lead(text, from, quantity, &mut buffer);
    if holds(lead, "备案") {
        return None;
    }
    let [kind] = attributed(lead)?[..] else {
        return None;
    };
    if kind == Kind::Answered && !in_digits(text, quantity) {
        return None;
    }
    let keys = total_keys(template, kind).iter().map(|key| key.to_string());
    Some((kind, keys.collect()))
}

/// The totals the looser readings of [`readings`] add: 上年结转 and 新收.
const CARRIED_IN_TOTAL: &str = "requests.carried_in.total";
const NEW_TOTAL: &str = "requests.new.total";

/// Every cell [`readings`] may read for `kind` (its total's cells, and the totals the
/// looser readings add, for every kind: more than it reads is safe, less would keep a stale
/// value).
fn reading_keys(template: TemplateId, kind: Kind) -> impl Iterator<Item = &'static str> {
    (total_keys(template, kind).iter().copied()).chain([CARRIED_IN_TOTAL, NEW_TOTAL])
}

/// Reads a table total: the sum of `keys`, `None` if any is blank or unreadable.
fn table_sum(report: &Report, keys: &[&str]) -> Option<i128> {
    keys.iter().try_fold(0i128, |sum, key| {
        let figure = report.cell_figure(key).ok()?;
        Some(sum + i128::from(figure.as_whole()?) * SCALE)
    })
}

/// The cells whose sum is `kind`'s plain reading, in a report of `template`.
fn total_keys(template: TemplateId, kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Received => &["requests.new.total"],
        Kind::CarriedIn => &["requests.carried_in.total"],
        Kind::CarriedOut => &["requests.carried_out.total"],
        Kind::Answered => &["requests.handled_total.total"],
        Kind::Granted => &["requests.granted.total"],
        Kind::Partial => &["requests.partial.total"],
        Kind::Withheld => &[
            "requests.withheld.state_secret.total",
            "requests.withheld.law_forbidden.total",
            "requests.withheld.security_stability.total",
            "requests.withheld.third_party.total",
            "requests.withheld.internal_affairs.total",
            "requests.withheld.process_info.total",
            "requests.withheld.enforcement_file.total",
            "requests.withheld.admin_query.total",
        ],
        Kind::Unavailable => &[
            "requests.unavailable.not_held.total",
            "requests.unavailable.needs_creation.total",
            "requests.unavailable.unclear.total",
        ],
        Kind::Rejected => &[
            "requests.rejected.petition.total",
            "requests.rejected.duplicate.total",
            "requests.rejected.publication.total",
            "requests.rejected.excessive.total",
            "requests.rejected.confirmation.total",
        ],
        Kind::OtherHandling if template == TemplateId::Gov2019 => &["requests.other.total"],
        Kind::OtherHandling => &[
            "requests.other.no_correction.total",
            "requests.other.no_fee.total",
            "requests.other.other.total",
        ],
        Kind::Review => &["appeals.review.total"],
        Kind::RegulationsIssued => &["active.regulations.issued"],
        Kind::RegulationsRepealed => &["active.regulations.repealed"],
        Kind::RegulationsInForce => &["active.regulations.in_force"],
        Kind::NormativeIssued => &["active.normative_docs.issued"],
        Kind::NormativeRepealed => &["active.normative_docs.repealed"],
        Kind::NormativeInForce => &["active.normative_docs.in_force"],
        Kind::Suit => &[
            "appeals.suit_direct.total",
            "appeals.suit_after_review.total",
        ],
    }
}

pub(super) fn labels(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Received => ("收到申请", "applications received"),
        Kind::Granted => ("予以公开", "granted"),
        Kind::Partial => ("部分公开", "partly granted"),
        Kind::Withheld => ("不予公开", "withheld"),
        Kind::Unavailable => ("无法提供", "unavailable"),
        Kind::Rejected => ("不予处理", "not handled"),
        Kind::OtherHandling => ("其他处理", "otherwise handled"),
        Kind::CarriedIn => ("上年结转", "carried in"),
        Kind::CarriedOut => ("结转下年度", "carried forward"),
        Kind::Answered => ("办结（办理结果总计）", "answered (total of the results)"),
        Kind::Review => ("行政复议", "administrative reviews"),
        Kind::Suit => ("行政诉讼", "lawsuits"),
        Kind::RegulationsIssued => ("本年制发规章", "regulations issued"),
        Kind::RegulationsRepealed => ("本年废止规章", "regulations repealed"),
        Kind::RegulationsInForce => ("现行有效规章", "regulations in force"),
        Kind::NormativeIssued => ("本年制发规范性文件", "normative documents issued"),
        Kind::NormativeRepealed => ("本年废止规范性文件", "normative documents repealed"),
        Kind::NormativeInForce => ("现行有效规范性文件", "normative documents in force"),
    }
}

fn compare(
    report: &Report,
    sentence: (usize, usize),
    quantity: &Quantity,
    kinds: &[Kind],
    known: &mut Vec<(Kind, Vec<i128>)>,
) -> Option<Mismatch> {
    let keys = || -> Vec<&str> {
        kinds
            .iter()
            .flat_map(|kind| total_keys(report.template, *kind))
            .copied()
            .collect()
    };
    let plural;
    let readings: &[i128] = match kinds {
        [kind] => {
            let at = match known.iter().position(|(read, _)| read == kind) {
                Some(at) => at,
                None => {
                    known.push((*kind, readings(report, *kind)));
                    known.len() - 1
                }
            };
            &known[at].1
        }
        _ => {
            plural = [table_sum(report, &keys())?];
            &plural
        }
    };
    if readings.is_empty() || readings.contains(&quantity.value) {
        return None;
    }
    let mut cells: Vec<String> = keys().into_iter().map(str::to_string).collect();
    if kinds == [Kind::Received] && readings.len() > 1 {
        cells.push(CARRIED_IN_TOTAL.to_string());
    }
    let readings = readings.to_vec();
    let (label_zh, label_en): (Vec<_>, Vec<_>) = kinds.iter().map(|kind| labels(*kind)).unzip();
    Some(Mismatch {
        sentence,
        at: quantity.start,
        stated: format!("{}{}", format_value(quantity.value), quantity.unit),
        label_zh: label_zh.join("及"),
        label_en: label_en.join(" and "),
        cells,
        table: readings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const KINDS: [Kind; 18] = [
        Kind::Received,
        Kind::Granted,
        Kind::Partial,
        Kind::Withheld,
        Kind::Unavailable,
        Kind::Rejected,
        Kind::OtherHandling,
        Kind::CarriedIn,
        Kind::CarriedOut,
        Kind::Answered,
        Kind::Review,
        Kind::Suit,
        Kind::RegulationsIssued,
        Kind::RegulationsRepealed,
        Kind::RegulationsInForce,
        Kind::NormativeIssued,
        Kind::NormativeRepealed,
        Kind::NormativeInForce,
    ];

    /// The cells a quantity is read from are cells of the template: a misspelt key would
    /// read as blank and silence the comparison, and a cell edit would never forget it.
    #[test]
    fn every_key_a_reading_reads_is_a_template_cell() {
        for template in [TemplateId::Gov2019, TemplateId::Gov2021] {
            let spec = crate::template::Template::get(template);
            for kind in KINDS {
                let table_two = matches!(
                    kind,
                    Kind::RegulationsIssued
                        | Kind::RegulationsRepealed
                        | Kind::RegulationsInForce
                        | Kind::NormativeIssued
                        | Kind::NormativeRepealed
                        | Kind::NormativeInForce
                );
                if table_two && template == TemplateId::Gov2019 {
                    continue;
                }
                for key in reading_keys(template, kind) {
                    assert!(
                        spec.cell_index(key).is_some(),
                        "{template:?} {kind:?}: {key} is not a cell"
                    );
                }
            }
        }
    }
}
