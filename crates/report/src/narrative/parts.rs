//! `narrative.parts_exceed`: prose that gives a total and then its parts (after 其中, in a
//! parenthesised list right after the total, or as short clauses after 共… in the same
//! sentence) whose parts add up to more than the total.
//!
//! Precision comes first. Only figures with the same unit as the total count as its parts;
//! approximate figures (余, 约 …) make the breakdown uncheckable. After 其中 a report may give
//! several breakdowns of the same total one after another, separated by ；(Suqian 2023: by
//! applicant, then by outcome), so the parts are read both ways — as one list and as one
//! list per ；-segment — and the rule fires only when the smaller reading still exceeds.

use super::numbers::{
    Letters, Quantity, Sentence, Text, Words, format_value, holds, holds_any, unit_factor,
};

/// A total and parts that exceed it, in one sentence.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Excess {
    /// The sentence (character range).
    pub(crate) sentence: (usize, usize),
    /// Where the total stands (character index), for quoting a long sentence around it:
    /// before the text's start (negative) when the total is in the sentence before.
    pub(crate) at: isize,
    /// The total as written, e.g. `103件`.
    pub(crate) total: String,
    /// The sum of the parts, e.g. `105件`.
    pub(crate) sum: String,
}

/// The sentence before a text's first one, which a 其中 opening that sentence reads its
/// total from: its figures, and how many characters its text starts before this text (the
/// positions of its figures are counted from its own start).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Before<'a> {
    pub(crate) quantities: &'a [Quantity],
    pub(crate) distance: usize,
}

/// Words that open a new statement rather than continue a breakdown.
const BREAK_WORDS: Words<9> = Words::new([
    "同比",
    "共",
    "合计",
    "总计",
    "累计",
    "另外",
    "此外",
    "全年",
    "较上年",
]);

/// Every total in `text` whose parts exceed it; `sentences` are the text's, with their
/// figures, and `before` the sentence before the first. Also whether it read `before` (a 其中
/// in the first sentence may take its total from there): otherwise the findings depend on
/// `text` alone.
pub(crate) fn find(text: &Text, sentences: &[Sentence], before: Before<'_>) -> (Vec<Excess>, bool) {
    let mut read_before = false;
    let mut found: Vec<Excess> = Vec::new();
    // Findings already made, for a duplicate check that stays linear in long texts (a
    // finding names its sentence, so only one sentence's can be the same).
    let mut seen: std::collections::HashSet<Excess> = std::collections::HashSet::new();
    for (position, sentence) in sentences.iter().enumerate() {
        let (start, end) = sentence.range;
        let quantities = &sentence.quantities[..];
        let previous = match position
            .checked_sub(1)
            .and_then(|index| sentences.get(index))
        {
            Some(sentence) => Before {
                quantities: &sentence.quantities[..],
                distance: 0,
            },
            None => before,
        };
        let mut push = |excess: Option<Excess>| {
            if let Some(excess) = excess
                && seen.insert(excess.clone())
            {
                found.push(excess);
            }
        };
        for marker in text.find_all(start, end, "其中") {
            read_before |= position == 0;
            for excess in after_qizhong(text, (start, end), marker, quantities, previous) {
                push(Some(excess));
            }
        }
        for quantity in quantities {
            push(parenthesised(text, (start, end), quantity, quantities));
        }
        push(gong_clauses(text, (start, end), quantities));
    }
    (found, read_before)
}

fn is_part(quantity: &Quantity) -> bool {
    !quantity.unit.is_empty() && quantity.unit != "%"
}

/// 其中 at `marker`: the parts follow it, the total is the nearest figure of the same unit
/// before it (outside deeper parentheses), or in the previous sentence when 其中 opens one.
/// Each unit is its own breakdown (`1件，收取420元` lists cases and amounts side by side).
fn after_qizhong(
    text: &Text,
    sentence: (usize, usize),
    marker: usize,
    quantities: &[Quantity],
    previous: Before<'_>,
) -> Vec<Excess> {
    let depth = text.depth(marker);
    let parts = parts_after(text, marker + 2, sentence.1, depth, quantities);
    let mut measures: Vec<&'static str> = Vec::new();
    for (part, _) in &parts {
        if !measures.contains(&part.measure()) {
            measures.push(part.measure());
        }
    }
    measures
        .into_iter()
        .filter_map(|measure| {
            let parts: Vec<_> = parts
                .iter()
                .filter(|(part, _)| part.measure() == measure)
                .cloned()
                .collect();
            unit_excess(
                sentence, marker, depth, measure, &parts, quantities, previous,
            )
        })
        .collect()
}

fn unit_excess(
    sentence: (usize, usize),
    marker: usize,
    depth: u16,
    measure: &str,
    parts: &[(Quantity, usize)],
    quantities: &[Quantity],
    previous: Before<'_>,
) -> Option<Excess> {
    if parts.iter().any(|(part, _)| part.approx) {
        return None;
    }
    // Quantities are in text order: those before the marker are a prefix.
    let prefix = quantities.partition_point(|quantity| quantity.start < marker);
    let before = quantities[..prefix]
        .iter()
        .filter(|quantity| quantity.end <= marker && quantity.depth <= depth)
        .filter(|quantity| quantity.unit != "%" && !quantity.unit.is_empty());
    let (total, at) = match before.clone().next_back() {
        Some(_) => {
            let total = before
                .clone()
                .rfind(|quantity| quantity.measure() == measure)?;
            (total, total.start as isize)
        }
        None => {
            let total = previous
                .quantities
                .iter()
                .rfind(|quantity| quantity.depth == 0 && quantity.measure() == measure)?;
            (total, total.start as isize - previous.distance as isize)
        }
    };
    if total.approx {
        return None;
    }
    let all: i128 = parts.iter().map(|(part, _)| part.base_value()).sum();
    let mut segments: Vec<(usize, i128)> = Vec::new();
    for (part, segment) in parts {
        match segments.last_mut() {
            Some((index, sum)) if index == segment => *sum += part.base_value(),
            _ => segments.push((*segment, part.base_value())),
        }
    }
    let one_part_each = segments.len() == parts.len();
    let reading = if one_part_each {
        all
    } else {
        let widest = segments.iter().map(|(_, sum)| *sum).max().unwrap_or(all);
        all.min(widest)
    };
    excess(sentence, total, at, reading)
}

/// The finding when the parts (`sum`, in the measure's base unit) exceed `total` (which
/// stands at `at`); the sum is written in the total's unit.
fn excess(sentence: (usize, usize), total: &Quantity, at: isize, sum: i128) -> Option<Excess> {
    (sum > total.base_value()).then(|| Excess {
        sentence,
        at,
        total: format!("{}{}", format_value(total.value), total.unit),
        sum: format!(
            "{}{}",
            format_value(sum / unit_factor(total.unit)),
            total.unit
        ),
    })
}

/// The figures of a breakdown starting at `from`: clause after clause (split at ，、；：) as
/// long as each holds a figure and opens no new statement, each with its ；-segment number.
fn parts_after(
    text: &Text,
    from: usize,
    end: usize,
    depth: u16,
    quantities: &[Quantity],
) -> Vec<(Quantity, usize)> {
    let mut parts = Vec::new();
    let mut segment = 0;
    let mut clause_start = from;
    let mut clause_has_part = false;
    let mut index = from;
    // The first quantity not yet passed: clauses move forward, so does this.
    let mut cursor = quantities.partition_point(|quantity| quantity.start < from);
    let clause_quantities = |cursor: usize, clause_start: usize, index: usize| {
        quantities[cursor..]
            .iter()
            .take_while(move |quantity| quantity.start < index)
            .filter(move |quantity| quantity.start >= clause_start && quantity.end <= index)
    };
    // One buffer for every clause: the loop visits each separator of the sentence.
    let mut clause = String::new();
    while index <= end {
        let at_end = index == end;
        let ch = text.chars.get(index).copied().unwrap_or('。');
        let separator =
            text.depth(index) <= depth && matches!(ch, '，' | ',' | '、' | '；' | ';' | '：' | ':');
        // 、 inside a label (“政策、规范性文件类信息60条”) joins words, not parts: it
        // separates only once the clause holds a figure.
        let joins_words =
            ch == '、' && !clause_quantities(cursor, clause_start, index).any(is_part);
        if at_end || (separator && !joins_words) {
            text.slice_at_depth_into(clause_start, index, depth, &mut clause);
            // Another 其中 opens another breakdown (read from its own marker).
            let opens_new =
                Letters::of(&clause).any(&clause, &BREAK_WORDS) || holds(&clause, "其中");
            let mut in_clause = clause_quantities(cursor, clause_start, index)
                .filter(|quantity| quantity.depth == depth && is_part(quantity))
                .peekable();
            if opens_new || (in_clause.peek().is_none() && !clause.trim().is_empty()) {
                break;
            }
            for quantity in in_clause {
                parts.push((quantity.clone(), segment));
                clause_has_part = true;
            }
            if matches!(ch, '；' | ';') && clause_has_part {
                // The next segment with a 其中 of its own is another total's breakdown
                // (“…；办结79件，其中予以公开50件…”): this one ends here.
                let next_end = (index + 1..end)
                    .find(|&at| {
                        text.depth(at) <= depth && matches!(text.chars.get(at), Some('；' | ';'))
                    })
                    .unwrap_or(end);
                if text.find_all(index + 1, next_end, "其中").next().is_some() {
                    break;
                }
                segment += 1;
                clause_has_part = false;
            }
            clause_start = index + 1;
            cursor += quantities[cursor..]
                .iter()
                .take_while(|quantity| quantity.start < clause_start)
                .count();
        }
        index += 1;
    }
    parts
}

/// A total followed directly by a parenthesised list of parts: `3607件（市政府349件、…）`.
fn parenthesised(
    text: &Text,
    sentence: (usize, usize),
    total: &Quantity,
    quantities: &[Quantity],
) -> Option<Excess> {
    if !is_part(total) || total.approx {
        return None;
    }
    let open = total.end;
    if !matches!(text.chars.get(open), Some('（' | '(')) {
        return None;
    }
    let inner_depth = total.depth + 1;
    let close = (open + 1..sentence.1)
        .find(|&index| text.depth(index) < inner_depth)
        .unwrap_or(sentence.1);
    // 其中 inside the parentheses is read by the 其中 rule.
    if text.matches(open + 1, "其中") {
        return None;
    }
    let first = quantities.partition_point(|quantity| quantity.start <= open);
    let parts: Vec<_> = quantities[first..]
        .iter()
        .take_while(|quantity| quantity.start < close)
        .filter(|quantity| quantity.end <= close)
        .filter(|quantity| quantity.depth == inner_depth && quantity.measure() == total.measure())
        .collect();
    if parts.len() < 2 || parts.iter().any(|part| part.approx) {
        return None;
    }
    let sum: i128 = parts.iter().map(|part| part.base_value()).sum();
    excess(sentence, total, total.start as isize, sum)
}

/// `共办理191件，单位申请188件，个人申请3件`: a total after 共/合计/总计 and then short
/// clauses of one figure each in the same unit. A part equal to the total means the clauses
/// restate it (办结 26 件) rather than break it down, so that does not count.
fn gong_clauses(text: &Text, sentence: (usize, usize), quantities: &[Quantity]) -> Option<Excess> {
    // Most sentences hold no 共, 合计 or 总计 at all: one look at the sentence instead of one
    // at the words before each of its figures.
    let chars = text.chars.get(sentence.0..sentence.1).unwrap_or(&[]);
    if !chars.contains(&'共')
        && !chars
            .windows(2)
            .any(|pair| matches!(pair, ['合' | '总', '计']))
    {
        return None;
    }
    // One buffer for the words before each figure (and then each gap between parts).
    let mut lead = String::new();
    let (total_index, total) = quantities.iter().enumerate().find(|(_, quantity)| {
        quantity.depth == 0 && is_part(quantity) && !quantity.approx && {
            // The words before it in its own sentence: a 共 ending the sentence before
            // (“…合计。3件，…”) is another statement's.
            let from = quantity.start.saturating_sub(12).max(sentence.0);
            text.slice_into(from, quantity.start, &mut lead);
            let clause = lead
                .rsplit(['，', '；', '：', ',', ';'])
                .next()
                .unwrap_or("");
            holds_any(clause, &["共", "合计", "总计"])
        }
    })?;
    let mut parts = Vec::new();
    let mut clause_start = total.end;
    for quantity in quantities.iter().skip(total_index + 1) {
        text.slice_into(clause_start, quantity.start, &mut lead);
        let Some(label) = lead.strip_prefix(['，', ',']) else {
            break;
        };
        if quantity.depth != 0 || quantity.measure() != total.measure() || quantity.approx {
            break;
        }
        if label.chars().count() > 10
            || holds(label, "其中")
            || Letters::of(label).any(label, &BREAK_WORDS)
            || label.contains(['，', '；', '。'])
        {
            break;
        }
        parts.push(quantity.base_value());
        clause_start = quantity.end;
    }
    let total_value = total.base_value();
    // A part as large as the total restates it (办结 26 件); a part larger than it means the
    // first figure was one item of a plain list (共发布甲类信息40条，乙类121条，…), not a total.
    if parts.len() < 2 || parts.iter().any(|part| *part >= total_value) {
        return None;
    }
    let sum: i128 = parts.iter().sum();
    excess(sentence, total, total.start as isize, sum)
}
