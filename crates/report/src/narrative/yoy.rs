//! `narrative.yoy_mismatch`: a 同比 change the prose states for a table quantity that the two
//! years' tables contradict (“受理申请3119件，同比增长12.5%” when last year's table gives
//! another rate).
//!
//! Read as conservatively as `narrative.table_mismatch`: the figure before the rate must be
//! attributed to exactly that table quantity by the same reading, and must equal this year's
//! table (otherwise the figure itself is wrong, which that rule says); the rate must follow it
//! in the same clause as `同比/较上年/比上年 + 增长/增加/上升/提高/下降/减少/降低 + N%`.
//! The stated rate passes when it is the exact change rounded or cut to the decimals written,
//! or within 0.1 percentage points of it (宿迁市 2024's “同比增长1.05%” against 1.08 % from
//! the tables may rest on last year's figures as corrected: not unambiguous).

use super::mismatch::{Kind, attributed_kinds, readings};
use super::numbers::{SCALE, Sentence, Text};
use crate::compare::{YearOnYear, percent_change};
use crate::model::Report;
use crate::template::TemplateId;

/// Words that say the rate compares with last year.
const AGAINST_LAST_YEAR: &[&str] = &["同比", "较上年", "比上年", "较去年", "比去年", "较上一年"];
/// Words of a rise and of a fall.
const UP: &[&str] = &["增长", "增加", "上升", "提高"];
const DOWN: &[&str] = &["下降", "减少", "降低"];

/// One contradicted rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct YoyMismatch {
    /// The sentence (character range).
    pub(crate) sentence: (usize, usize),
    /// Where the rate stands (character index).
    pub(crate) at: usize,
    /// The rate as written, with its word (`增长12.5%`).
    pub(crate) stated: String,
    /// The quantity, in official words and in English.
    pub(crate) label: (&'static str, &'static str),
    /// The table cells read.
    pub(crate) cells: Vec<String>,
    /// Last year's and this year's table values (scaled by [`SCALE`]).
    pub(crate) years: (i128, i128),
    /// The change the tables give.
    pub(crate) actual: YearOnYear,
}

/// A 同比 rate stated after a figure attributed to a table quantity: what [`claims`] reads
/// from the text alone (and the template), to be checked against both years' tables by
/// [`contradicted`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Claim {
    /// The sentence (character range).
    sentence: (usize, usize),
    /// Where the rate stands (character index).
    at: usize,
    /// The quantity the figure is attributed to, and the cells of its plain reading.
    kind: Kind,
    cells: Vec<String>,
    /// The figure (scaled by [`SCALE`]).
    value: i128,
    /// The rate, negative for a fall (scaled by [`SCALE`]), and its decimals as written.
    stated: i128,
    decimals: usize,
    /// The rate as written, with its word (`增长12.5%`).
    words: String,
}

#[cfg(test)]
impl Claim {
    /// The same claim `by` characters further on (as read in a longer text).
    pub(crate) fn moved(&self, by: usize) -> Claim {
        Claim {
            sentence: (self.sentence.0 + by, self.sentence.1 + by),
            at: self.at + by,
            words: self.words.clone(),
            cells: self.cells.clone(),
            ..*self
        }
    }
}

/// Every figure of `text` followed by a 同比 rate, attributed to a table quantity of a report
/// of `template`; `sentences` are the text's, with their figures. Reads nothing but the text.
pub(crate) fn claims(text: &Text, sentences: &[Sentence], template: TemplateId) -> Vec<Claim> {
    let mut found = Vec::new();
    for sentence in sentences {
        let quantities = &sentence.quantities;
        let mut lead_start = sentence.range.0;
        for (index, quantity) in quantities.iter().enumerate() {
            let from = lead_start;
            lead_start = quantity.end;
            let Some(rate) = quantities.get(index + 1).filter(|rate| rate.unit == "%") else {
                continue;
            };
            if quantity.depth != 0 || quantity.approx || rate.depth != 0 || rate.approx {
                continue;
            }
            let Some(rising) = rate_words(&text.slice(quantity.end, rate.start)) else {
                continue;
            };
            let Some((kind, cells)) = attributed_kinds(text, from, quantity, template) else {
                continue;
            };
            let decimals = text.chars[rate.start..rate.number_end]
                .iter()
                .skip_while(|ch| **ch != '.')
                .skip(1)
                .count()
                .min(4);
            let words = text.slice(quantity.end, rate.end);
            found.push(Claim {
                sentence: sentence.range,
                at: rate.start,
                kind,
                cells,
                value: quantity.value,
                stated: if rising { rate.value } else { -rate.value },
                decimals,
                words: words.trim_start_matches(['，', ',', ' ']).to_string(),
            });
        }
    }
    found
}

/// The rates of `claims` that this year's tables (`report`) and last year's (`previous`)
/// contradict, in order.
pub(crate) fn contradicted(
    claims: &[Claim],
    report: &Report,
    previous: &Report,
) -> Vec<YoyMismatch> {
    let mut found = Vec::new();
    for claim in claims {
        // The reading of this year's tables the figure states, and last year's same one.
        let now = readings(report, claim.kind);
        let Some(reading) = now.iter().position(|value| *value == claim.value) else {
            continue;
        };
        let Some(&before) = readings(previous, claim.kind).get(reading) else {
            continue;
        };
        let after = claim.value;
        if agrees(before, after, claim.stated, claim.decimals) {
            continue;
        }
        found.push(YoyMismatch {
            sentence: claim.sentence,
            at: claim.at,
            stated: claim.words.clone(),
            label: super::mismatch::labels(claim.kind),
            cells: claim.cells.clone(),
            years: (before, after),
            actual: YearOnYear::between(figure(before), figure(after)),
        });
    }
    found
}

/// `Some(true)` for `，同比增长`, `Some(false)` for `较上年下降` …, `None` for anything else.
fn rate_words(between: &str) -> Option<bool> {
    let words: String = between.chars().filter(|ch| !ch.is_whitespace()).collect();
    let words = words.trim_start_matches(['，', ',']);
    let rest = AGAINST_LAST_YEAR
        .iter()
        .find_map(|lead| words.strip_prefix(lead))?;
    let rest = rest.trim_end_matches('了');
    if UP.contains(&rest) {
        Some(true)
    } else if DOWN.contains(&rest) {
        Some(false)
    } else {
        None
    }
}

/// Whether `stated` (a percentage scaled by [`SCALE`], negative for a fall, written with
/// `decimals` places) is the change from `before` to `after`, rounded or cut to those places,
/// or within 0.1 percentage points of it.
fn agrees(before: i128, after: i128, stated: i128, decimals: usize) -> bool {
    if before <= 0 {
        // From nothing no rate is meaningful; the rule says nothing.
        return true;
    }
    // The exact change in units of the last written place.
    let (cut, rounded) = percent_change(before, after, decimals as u32);
    let written = stated * 10i128.pow(decimals as u32) / SCALE;
    if written == rounded || written == cut {
        return true;
    }
    // A gap under 0.1 percentage points may come from another base (last year's figures as
    // corrected since): a finding must be unambiguous. In units of 10⁻⁴ %: the exact change
    // × 10⁴ against the stated one.
    let exact = (after - before) * 100 * SCALE / before;
    (exact - stated).abs() < SCALE / 10
}

fn figure(value: i128) -> Option<crate::figure::Figure> {
    crate::figure::parse_figure(&super::format_value(value), crate::figure::CellKind::Amount).ok()
}
