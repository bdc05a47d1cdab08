//! The prose rules: `narrative.parts_exceed`, `narrative.table_mismatch`, `narrative.empty`,
//! `narrative.same_as_last_year`, `narrative.stale_year`, `narrative.fee_mismatch`,
//! `narrative.yoy_mismatch`,
//! `narrative.problems_thin` and `narrative.heading_order`. Each finding points at the sentence (or section) it is
//! about through `Finding::span`, in byte offsets of the section text as stored.
//!
//! Prose is read conservatively: a rule fires only where the text leaves one reading, since
//! a false alarm on a correct report costs the user more than a missed one. Nothing here
//! changes the report, and nothing panics on any text.

mod fees;
mod mismatch;
pub(crate) mod numbers;
mod parts;
mod pieces;
pub(crate) mod similarity;
mod structure;
mod years;
mod yoy;

use crate::finding::{Finding, Lang, Rule, TextSpan};
use crate::model::{Report, Section};
use crate::template::TemplateId;
pub(crate) use mismatch::TableReadings;
pub(crate) use numbers::{Text, format_value, normalise as normalise_char};
pub(crate) use pieces::Follow;
use pieces::{Basis, Pieces, Slot};

#[cfg(test)]
pub(crate) use numbers::{SIMPLIFIED as SIMPLIFIED_TABLE, parse_chinese};
pub(crate) use similarity::{THRESHOLD as SIMILARITY_THRESHOLD, Tally, mask, similarity};

/// Sections shorter than this many characters (after masking figures) are not compared with
/// last year's: one-sentence formulas such as “全年收取信息处理费 0 元” recur because the fact
/// recurs, not because the text was copied.
pub(crate) const MIN_COMPARED_CHARS: usize = 80;

/// Sections a gov-format report must fill.
const REQUIRED: &[&str] = &["overview", "problems"];

/// Runs every prose rule; `previous` is last year's report, if any (of `report.year - 1`).
///
/// This runs on every keystroke, so each section is normalised, split into sentences and
/// scanned for figures once, and the rules share that reading.
pub(crate) fn check(
    report: &Report,
    previous: Option<&Report>,
    lang: Lang,
    findings: &mut Vec<Finding>,
) {
    let readings: Vec<Reading> = report
        .sections
        .iter()
        .map(|section| Reading::new(section, report.template, report.year))
        .collect();
    let mut alike = |_: usize, reading: &Reading, _: usize, last: &Section| {
        reading.similarity_with(&mask(&last.text))
    };
    let readings: Vec<&Reading> = readings.iter().collect();
    let mut known = TableReadings::default();
    check_read(
        report, previous, &readings, &mut alike, &mut known, lang, findings,
    );
}

/// What the prose rules read from one section's text before looking at any figure: the
/// text as pieces (its sentences, see `pieces`), each normalised with its figures and each
/// rule's candidates. It depends on nothing but its [`Reading::new`] arguments (the section,
/// the template and the year), so the editor's checker keeps it while they are unchanged,
/// re-checks only the figures, and after an edit of the text reads again only the pieces the
/// edit touched ([`Reading::update`]).
#[derive(Debug)]
pub(crate) struct Reading {
    /// `None` for a blank section, which no rule reads.
    prose: Option<Prose>,
    /// Whether the text is thin, were it 五 (`narrative.problems_thin`).
    thin: bool,
    /// Its sentences about 信息处理费, were it 六 (`narrative.fee_mismatch`).
    fee_statements: Vec<fees::Statement>,
}

/// A [`Reading`] of a section that is not blank.
#[derive(Debug)]
struct Prose {
    pieces: Pieces,
    /// Sub-headings out of order: they read the starts of lines, which pieces do not follow
    /// (a few comparisons per line, so read whole each time).
    heading_slips: Vec<structure::HeadingSlip>,
    /// The template it was read for (the 同比 rates are read with it).
    template: TemplateId,
}

impl Reading {
    /// Reads `section` of a report of `template` and `year`.
    pub(crate) fn new(section: &Section, template: TemplateId, year: i32) -> Reading {
        Reading::read(section, template, year, None, &mut Follow::default())
    }

    /// Reads `section` of a report of `template` and `year`; `old` is the reading of the
    /// same section (id, template and year) when its text was the one given, if any: the
    /// pieces the edit from that text left alone are kept. `follow` is told what was read
    /// and what changed. The result is exactly [`Reading::new`]'s.
    pub(crate) fn update(
        old: Option<(Reading, &str)>,
        section: &Section,
        template: TemplateId,
        year: i32,
        follow: &mut Follow<'_>,
    ) -> Reading {
        Reading::read(section, template, year, old, follow)
    }

    fn read(
        section: &Section,
        template: TemplateId,
        year: i32,
        old: Option<(Reading, &str)>,
        follow: &mut Follow<'_>,
    ) -> Reading {
        let old = old.and_then(|(reading, before)| Some((reading.prose?.pieces, before)));
        let prose = if section.text.trim().is_empty() {
            if let Some((pieces, _)) = old {
                pieces.forget(follow);
            }
            None
        } else {
            let basis = Basis {
                template,
                year,
                section: &section.id,
            };
            Some(Prose {
                pieces: Pieces::read(&section.text, basis, old, follow),
                heading_slips: structure::heading_slips(&section.text),
                template,
            })
        };
        Reading {
            prose,
            thin: section.id == "problems" && structure::is_thin(&section.text),
            fee_statements: if section.id == "other" {
                fees::statements(&section.text)
            } else {
                Vec::new()
            },
        }
    }

    /// The length of the text masked for `narrative.same_as_last_year` (0 for a blank
    /// section).
    pub(crate) fn masked_len(&self) -> usize {
        self.prose
            .as_ref()
            .map_or(0, |prose| prose.pieces.masked_len())
    }

    /// The text masked for `narrative.same_as_last_year` ([`mask`] of the section text).
    pub(crate) fn masked(&self) -> Vec<char> {
        self.prose
            .as_ref()
            .map_or_else(Vec::new, |prose| prose.pieces.masked())
    }

    /// The bigrams of the masked text compared with `last_masked`, a section of last year's
    /// masked ([`mask`]), counted: what [`Reading::score`] reads, and what the checker keeps
    /// up to date through [`Follow`] as the text changes.
    pub(crate) fn tally_with(&self, last_masked: &[char]) -> Tally {
        let mut tally = Tally::new(last_masked, self.masked_len());
        if let Some(prose) = &self.prose {
            prose.pieces.count(&mut tally);
        }
        tally
    }

    /// How alike this section is with the section of last year's that `tally` counts
    /// ([`Reading::tally_with`] of it, `last_masked`): [`similarity`] of the masked texts.
    pub(crate) fn score(&self, tally: &Tally, last_masked: &[char]) -> f64 {
        let own = self.masked_len();
        if own < 2 || tally.last_len() < 2 {
            // Too short for a bigram: only the same text counts (never a section compared,
            // which is longer than `MIN_COMPARED_CHARS`).
            return similarity(&self.masked(), last_masked);
        }
        tally.dice(own)
    }

    /// How alike this section is with a section of last year's, given masked ([`mask`]):
    /// 0 for a blank section.
    pub(crate) fn similarity_with(&self, last_masked: &[char]) -> f64 {
        self.score(&self.tally_with(last_masked), last_masked)
    }
}

/// How alike a section (by position, with its reading) is with the section of last year's
/// report it pairs with (by position, and the section): [`similarity`] of their masked
/// texts, which the caller may keep.
pub(crate) type Alike<'a> = dyn FnMut(usize, &Reading, usize, &Section) -> f64 + 'a;

/// Runs every prose rule on `readings`, one per section of `report` (in order, each read
/// from that section, the report's template and year). `alike` gives the similarity of a
/// section with last year's; `known` holds table values already read for `report`.
pub(crate) fn check_read(
    report: &Report,
    previous: Option<&Report>,
    readings: &[&Reading],
    alike: &mut Alike<'_>,
    known: &mut TableReadings,
    lang: Lang,
    findings: &mut Vec<Finding>,
) {
    let reading = |index: usize| readings.get(index).copied();
    check_empty(report, lang, findings);
    fees::report_fees(
        report,
        |index| reading(index).map_or(&[][..], |reading| &reading.fee_statements[..]),
        lang,
        findings,
    );
    structure::report_problems(
        report,
        |index| reading(index).is_some_and(|reading| reading.thin),
        lang,
        findings,
    );
    structure::check_legacy_headings(report, lang, findings);
    // Last year's report, when it is the year before (its tables for 同比).
    let last_year = previous.filter(|previous| {
        previous.year == report.year - 1 && previous.template != TemplateId::Legacy
    });
    for (section, reading) in report.sections.iter().zip(readings) {
        let Some(prose) = &reading.prose else {
            continue;
        };
        // Most pieces have nothing for a rule: they are skipped before any work, as this
        // runs over every piece of every section after each edit.
        let slots = &prose.pieces.slots;
        for slot in slots.iter().filter(|slot| !slot.stale_years.is_empty()) {
            let found = (slot.start, &slot.stale_years[..]);
            years::report_stale(report, section, found, lang, findings);
        }
        structure::report_headings(report, section, &prose.heading_slips, lang, findings);
        for slot in slots.iter().filter(|slot| !slot.excesses.is_empty()) {
            check_parts(section, At::of(slot), &slot.excesses, lang, findings);
        }
        if report.template != TemplateId::Legacy {
            for slot in slots.iter().filter(|slot| !slot.piece.claims.is_empty()) {
                let claims = &slot.piece.claims;
                check_tables(report, section, At::of(slot), claims, known, lang, findings);
            }
            if let Some(previous) = last_year {
                for slot in slots {
                    let rates = slot.piece.rates(prose.template);
                    if !rates.is_empty() {
                        check_yoy(
                            report,
                            previous,
                            section,
                            At::of(slot),
                            rates,
                            lang,
                            findings,
                        );
                    }
                }
            }
        }
    }
    if let Some(previous) = previous.filter(|previous| previous.year == report.year - 1) {
        check_same_as_last_year(report, readings, previous, alike, lang, findings);
    }
}

/// A piece of a section's text where a finding points: where it starts in the section text
/// (bytes) and its normalised text, whose character positions the rules give.
#[derive(Clone, Copy)]
struct At<'a> {
    start: usize,
    text: &'a Text,
}

impl<'a> At<'a> {
    fn of(slot: &'a Slot) -> At<'a> {
        At {
            start: slot.start,
            text: &slot.piece.text,
        }
    }

    /// The byte offset in the section text of character `index` of the piece.
    fn byte(&self, index: usize) -> usize {
        self.start + self.text.byte(index)
    }
}

fn span(section: &Section, at: At<'_>, (start, end): (usize, usize)) -> TextSpan {
    TextSpan {
        section: section.id.clone(),
        start: at.byte(start),
        end: at.byte(end),
    }
}

/// The sentence a finding is about, as the message quotes it: whole when it is short; a
/// long one (a run-on sentence of a PDF, a pasted table) cut to the words around `focus`
/// (a character index, before the piece's start when the figure is in the sentence
/// before), so each message stays short and many findings in one huge sentence do not each
/// copy it.
fn quote(section: &Section, at: At<'_>, (start, end): (usize, usize), focus: isize) -> String {
    const WHOLE: usize = 160;
    const BEFORE: isize = 40;
    const AFTER: isize = 60;
    let byte = |index: usize| at.byte(index);
    if end - start <= WHOLE {
        return section
            .text
            .get(byte(start)..byte(end))
            .unwrap_or("")
            .to_string();
    }
    let from = (focus - BEFORE).max(start as isize) as usize;
    let to = (focus + AFTER).min(end as isize);
    // A focus far before the sentence leaves nothing of it around the focus.
    let words = match usize::try_from(to) {
        Ok(to) if to > from => section.text.get(byte(from)..byte(to)).unwrap_or(""),
        _ => "",
    };
    format!(
        "{}{}{}",
        if from > start { "…" } else { "" },
        words,
        if to < end as isize { "…" } else { "" }
    )
}

fn heading(report: &Report, section_id: &str) -> String {
    report
        .sections
        .iter()
        .find(|section| section.id == section_id)
        .map(|section| report.section_heading(section).to_string())
        .filter(|heading| !heading.is_empty())
        .or_else(|| {
            report
                .template()
                .section(section_id)
                .map(|spec| spec.heading.to_string())
        })
        .unwrap_or_else(|| section_id.to_string())
}

/// 五 and 一 must say something: N5 of the format notes (“第五部分存在问题及改进情况空缺”).
fn check_empty(report: &Report, lang: Lang, findings: &mut Vec<Finding>) {
    if report.template == TemplateId::Legacy {
        return;
    }
    for &id in REQUIRED {
        let section = report.sections.iter().find(|section| section.id == id);
        let text = section.map_or("", |section| section.text.trim());
        let text = text.trim_end_matches(['。', '.', '！']).trim();
        // `normalise` maps one character to one, so a text of five characters or more is
        // none of the words below; that spares normalising a whole section to learn it.
        if text.chars().nth(4).is_some() {
            continue;
        }
        let only_none = text.chars().map(numbers::normalise).collect::<String>();
        if !matches!(only_none.as_str(), "" | "无" | "暂无" | "无此情况") {
            continue;
        }
        let heading = heading(report, id);
        let message = match (lang, section.is_some()) {
            (Lang::Zh, false) => format!("缺少「{heading}」一节。"),
            (Lang::Zh, true) => format!("「{heading}」没有内容（空白或只写了“无”）。"),
            (Lang::En, false) => format!("The section “{heading}” is missing."),
            (Lang::En, true) => format!("The section “{heading}” is empty or only says 无 (none)."),
        };
        let mut finding = Finding::new(Rule::NarrativeEmpty, Vec::new(), message);
        finding.span = section.map(|section| TextSpan {
            section: section.id.clone(),
            start: 0,
            end: section.text.len(),
        });
        findings.push(finding);
    }
}

fn check_parts(
    section: &Section,
    at: At<'_>,
    excesses: &[parts::Excess],
    lang: Lang,
    findings: &mut Vec<Finding>,
) {
    for excess in excesses {
        let span = span(section, at, excess.sentence);
        let sentence = quote(section, at, excess.sentence, excess.at);
        let message = match lang {
            Lang::Zh => format!(
                "“{sentence}”：分项之和 {} 大于总数 {}。",
                excess.sum, excess.total
            ),
            Lang::En => format!(
                "“{sentence}”: the parts add up to {}, more than the total {}.",
                excess.sum, excess.total
            ),
        };
        let mut finding = Finding::new(Rule::NarrativePartsExceed, Vec::new(), message)
            .with_values(&excess.total, &excess.sum);
        finding.span = Some(span);
        findings.push(finding);
    }
}

fn check_tables(
    report: &Report,
    section: &Section,
    at: At<'_>,
    claims: &[mismatch::Claim],
    known: &mut TableReadings,
    lang: Lang,
    findings: &mut Vec<Finding>,
) {
    let template = report.template();
    for mismatch in mismatch::contradicted(claims, report, known) {
        let span = span(section, at, mismatch.sentence);
        let sentence = quote(section, at, mismatch.sentence, mismatch.at as isize);
        let plain_cells = if mismatch.table.len() > 1 {
            &mismatch.cells[..mismatch.cells.len() - 1]
        } else {
            &mismatch.cells[..]
        };
        let cell_labels = plain_cells
            .iter()
            .map(|key| {
                template
                    .cell_spec(key)
                    .map_or(key.clone(), |spec| spec.label.clone())
            })
            .collect::<Vec<_>>()
            .join(" + ");
        let plain = format_value(mismatch.table[0]);
        let with_carried = mismatch.table.get(1).map(|value| format_value(*value));
        let message = match lang {
            Lang::Zh => format!(
                "“{sentence}”：正文{}为 {}，表格中{cell_labels}为 {plain}{}。",
                mismatch.label_zh,
                mismatch.stated,
                with_carried
                    .as_ref()
                    .map_or(String::new(), |value| format!("（加上年结转为 {value}）")),
            ),
            Lang::En => format!(
                "“{sentence}”: the text gives {} {} ({}), but the tables give {plain} ({cell_labels}){}.",
                mismatch.stated,
                mismatch.label_en,
                mismatch.label_zh,
                with_carried.as_ref().map_or(String::new(), |value| format!(
                    ", or {value} with those carried in"
                )),
            ),
        };
        let mut finding = Finding::new(
            Rule::NarrativeTableMismatch,
            mismatch.cells.clone(),
            message,
        )
        .with_values(
            plain,
            mismatch
                .stated
                .trim_end_matches(|ch: char| !ch.is_ascii_digit()),
        );
        finding.span = Some(span);
        findings.push(finding);
    }
}

/// `narrative.yoy_mismatch`: a 同比 rate in the prose that the two years' tables contradict.
fn check_yoy(
    report: &Report,
    previous: &Report,
    section: &Section,
    at: At<'_>,
    rates: &[yoy::Claim],
    lang: Lang,
    findings: &mut Vec<Finding>,
) {
    for mismatch in yoy::contradicted(rates, report, previous) {
        let sentence = quote(section, at, mismatch.sentence, mismatch.at as isize);
        let (before, after) = (
            format_value(mismatch.years.0),
            format_value(mismatch.years.1),
        );
        let (label_zh, label_en) = mismatch.label;
        let actual = mismatch.actual.words();
        let message = match lang {
            Lang::Zh => format!(
                "“{sentence}”：正文写{label_zh}{}，统计表中上年为 {before}、本年为 {after}，应为{actual}。",
                mismatch.stated
            ),
            Lang::En => format!(
                "“{sentence}”: the text says {label_en} ({label_zh}) {}, but the tables give {before} last year and {after} this year: {actual}.",
                mismatch.stated
            ),
        };
        let mut finding = Finding::new(Rule::NarrativeYoyMismatch, mismatch.cells, message)
            .with_values(actual, mismatch.stated);
        finding.span = Some(span(section, at, mismatch.sentence));
        findings.push(finding);
    }
}

/// 内容雷同 (国办公开办函〔2021〕30号 （四）明确责任): a section (nearly) copied from last
/// year's report. The preamble is exempt (front matter repeats by design), as are texts
/// shorter than [`MIN_COMPARED_CHARS`]. Gov sections pair by id, legacy ones by heading.
/// `readings` are the report's sections as [`check_read`] takes them; `alike` scores a pair.
fn check_same_as_last_year(
    report: &Report,
    readings: &[&Reading],
    previous: &Report,
    alike: &mut Alike<'_>,
    lang: Lang,
    findings: &mut Vec<Finding>,
) {
    for (index, (section, reading)) in report.sections.iter().zip(readings).enumerate() {
        if section.id == "preamble" {
            continue;
        }
        // A blank section masks to nothing, which is below any minimum.
        if reading.masked_len() < MIN_COMPARED_CHARS {
            continue;
        }
        let last = previous
            .sections
            .iter()
            .position(|last| match report.template {
                TemplateId::Legacy => last.heading.is_some() && last.heading == section.heading,
                _ => last.id == section.id,
            });
        let Some(last) = last else { continue };
        let score = alike(index, reading, last, &previous.sections[last]);
        if score < SIMILARITY_THRESHOLD {
            continue;
        }
        let heading = report.section_heading(section);
        let percent = (score * 100.0).floor();
        let message = match lang {
            Lang::Zh => format!("「{heading}」与上年报告几乎相同（相似度 {percent}%）。"),
            Lang::En => {
                format!("“{heading}” is nearly the same as last year's ({percent}% similar).")
            }
        };
        let mut finding = Finding::new(Rule::NarrativeSameAsLastYear, Vec::new(), message);
        finding.span = Some(TextSpan {
            section: section.id.clone(),
            start: 0,
            end: section.text.len(),
        });
        findings.push(finding);
    }
}

#[cfg(test)]
impl Reading {
    /// Everything read, written out (the 同比 rates read first), to compare two readings.
    pub(crate) fn dump(&self) -> String {
        if let Some(prose) = &self.prose {
            for slot in &prose.pieces.slots {
                slot.piece.rates(prose.template);
            }
        }
        format!("{self:#?}")
    }

    /// How its pieces differ from the whole text read at once (nothing, when right).
    pub(crate) fn differences_from_whole(&self, text: &str) -> Vec<String> {
        self.prose
            .as_ref()
            .map_or_else(Vec::new, |prose| prose.pieces.differences_from_whole(text))
    }
}

/// `narrative.stale_year` for one section, read as [`check`] reads it.
#[cfg(test)]
pub(crate) fn check_stale_years(
    report: &Report,
    section: &Section,
    lang: Lang,
    findings: &mut Vec<Finding>,
) {
    let reading = Reading::new(section, report.template, report.year);
    for slot in reading.prose.iter().flat_map(|prose| &prose.pieces.slots) {
        let found = (slot.start, &slot.stale_years[..]);
        years::report_stale(report, section, found, lang, findings);
    }
}
