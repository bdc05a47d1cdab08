//! The two-year view: this year's report beside last year's. Every table cell the two
//! formats share, with both years' figures, the difference and the 同比 change computed
//! exactly (rounded to one decimal as reports write it, and no percentage where none makes
//! sense); and each prose section read sentence by sentence against last year's report: what
//! was copied word for word, what was copied with only its numbers updated, what is new, and
//! what of last year's section was dropped.

use crate::figure::Figure;
use crate::model::Report;
use crate::narrative::numbers::normalise;
use crate::narrative::similarity::mask;

/// A change from last year to this year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearOnYear {
    /// Up or down by this many tenths of a percent (`703` is 70.3 %), rounded half away
    /// from zero; never zero (that is [`YearOnYear::Same`]).
    Percent(i128),
    /// The same figure both years (与上年持平).
    Same,
    /// Last year was zero and this year is not: a percentage would be meaningless.
    FromZero,
    /// One of the years has no figure in this cell (blank or not a number).
    Missing,
}

impl YearOnYear {
    /// The change between two figures.
    pub fn between(previous: Option<Figure>, current: Option<Figure>) -> YearOnYear {
        let (Some(previous), Some(current)) = (previous, current) else {
            return YearOnYear::Missing;
        };
        if previous == current {
            return YearOnYear::Same;
        }
        let scale = previous.scale().max(current.scale());
        let at = |figure: Figure| figure.scaled() * 10i128.pow(u32::from(scale - figure.scale()));
        let (before, after) = (at(previous), at(current));
        if before == 0 {
            return YearOnYear::FromZero;
        }
        let (_, mut tenths) = percent_change(before, after, 1);
        if tenths == 0 {
            // A change too small to show at one decimal is still not 持平.
            tenths = if (after > before) == (before > 0) {
                1
            } else {
                -1
            };
        }
        YearOnYear::Percent(tenths)
    }

    /// As the report's prose would say it: `增长70.3%`, `下降12.5%`, `与上年持平`,
    /// `上年为0`, or empty when a year has no figure.
    pub fn words(self) -> String {
        match self {
            YearOnYear::Percent(tenths) => percent(tenths, "增长", "下降"),
            YearOnYear::Same => "与上年持平".to_string(),
            YearOnYear::FromZero => "上年为0".to_string(),
            YearOnYear::Missing => String::new(),
        }
    }

    /// The short form for a table column: `+70.3%`, `−12.5%`, `持平`, `上年为0`, `—`.
    pub fn short(self) -> String {
        match self {
            YearOnYear::Percent(tenths) => percent(tenths, "+", "−"),
            YearOnYear::Same => "持平".to_string(),
            YearOnYear::FromZero => "上年为0".to_string(),
            YearOnYear::Missing => "—".to_string(),
        }
    }
}

/// The change from `before` to `after` in percent, with `decimals` places, as a whole number
/// of the last place: cut (towards zero) and rounded (halves away from zero). `before` is not
/// zero.
pub(crate) fn percent_change(before: i128, after: i128, decimals: u32) -> (i128, i128) {
    let numerator = (after - before) * 100 * 10i128.pow(decimals);
    let cut = numerator / before;
    let remainder = numerator % before;
    let rounded = if remainder.abs() * 2 >= before.abs() {
        // Away from zero: the quotient's sign.
        cut + if (numerator < 0) == (before < 0) {
            1
        } else {
            -1
        }
    } else {
        cut
    };
    (cut, rounded)
}

/// `tenths` of a percent with one decimal, after the word for up or down.
fn percent(tenths: i128, up: &str, down: &str) -> String {
    let sign = if tenths > 0 { up } else { down };
    format!("{sign}{}.{}%", tenths.abs() / 10, tenths.abs() % 10)
}

/// One cell in both years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellChange {
    /// The cell key.
    pub key: String,
    /// The row's label (with its group, e.g. `（三）不予公开 4.保护第三方合法权益`).
    pub row: String,
    /// The column's label.
    pub column: &'static str,
    /// Last year's value as written, if any.
    pub previous: Option<String>,
    /// This year's value as written, if any.
    pub current: Option<String>,
    /// This year minus last year (`+12`, `−3`, `0`), when both are figures.
    pub difference: Option<String>,
    /// The 同比 change.
    pub change: YearOnYear,
}

impl CellChange {
    /// Whether the two years differ (or only one has a value).
    pub fn differs(&self) -> bool {
        self.change != YearOnYear::Same && (self.previous.is_some() || self.current.is_some())
    }
}

/// One table in both years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableChanges {
    /// The table's id (`active`, `requests`, `appeals`).
    pub id: &'static str,
    /// Its heading.
    pub title: &'static str,
    /// Every cell both formats have, in this year's printed order.
    pub cells: Vec<CellChange>,
}

/// How a sentence of this year's prose stands to last year's report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provenance {
    /// Word for word in last year's report.
    Copied,
    /// Last year's sentence with only its numbers (and years) changed.
    NumbersUpdated,
    /// Not in last year's report.
    New,
}

/// A sentence of this year's section (its text keeps its own whitespace and line breaks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The sentence as written, with what follows it up to the next sentence.
    pub text: String,
    /// Where it comes from.
    pub provenance: Provenance,
}

/// One prose section in both years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionChanges {
    /// The section id.
    pub id: String,
    /// Its heading.
    pub heading: String,
    /// This year's text, sentence by sentence.
    pub sentences: Vec<Sentence>,
    /// Sentences of last year's same section with no counterpart this year.
    pub dropped: Vec<String>,
}

impl SectionChanges {
    /// How many characters (whitespace aside) are copied, updated and new.
    pub fn shares(&self) -> [usize; 3] {
        let mut shares = [0; 3];
        for sentence in &self.sentences {
            let chars = sentence.text.chars().filter(|c| !c.is_whitespace()).count();
            shares[match sentence.provenance {
                Provenance::Copied => 0,
                Provenance::NumbersUpdated => 1,
                Provenance::New => 2,
            }] += chars;
        }
        shares
    }
}

/// Both years side by side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TwoYears {
    /// The tables, in this year's order; a table last year's format lacks has no cells.
    pub tables: Vec<TableChanges>,
    /// The prose sections of this year (tables' sections too, for the text around them).
    pub sections: Vec<SectionChanges>,
}

/// This year's `report` against last year's `previous`.
pub fn compare(report: &Report, previous: &Report) -> TwoYears {
    let template = report.template();
    let previous_keys: std::collections::HashSet<&str> = previous.template().cell_keys().collect();
    let tables = template
        .tables()
        .iter()
        .map(|table| {
            let cells = template
                .cells()
                .iter()
                .filter(|cell| cell.table.is_some_and(|t| t.id == table.id))
                .filter(|cell| previous_keys.contains(cell.key.as_str()))
                .filter_map(|cell| {
                    let row = cell.row?;
                    let figure = |r: &Report| r.cell_figure(&cell.key).ok();
                    let raw = |r: &Report| {
                        r.cell_raw(&cell.key)
                            .map(|v| v.trim().to_string())
                            .filter(|v| !v.is_empty())
                    };
                    let (before, after) = (figure(previous), figure(report));
                    let difference = before.zip(after).map(|(b, a)| signed(a - b));
                    Some(CellChange {
                        key: cell.key.clone(),
                        row: match row.group {
                            Some(group) => format!("{group} {}", row.label),
                            None => row.label.to_string(),
                        },
                        column: cell.column.map_or("", |c| c.label),
                        previous: raw(previous),
                        current: raw(report),
                        difference,
                        change: YearOnYear::between(before, after),
                    })
                })
                .collect();
            TableChanges {
                id: table.id,
                title: table.title,
                cells,
            }
        })
        .collect();
    let last_year = Sentences::of_report(previous);
    let sections = report
        .sections
        .iter()
        .filter(|section| !section.text.trim().is_empty())
        .map(|section| {
            let heading = section.heading.clone().unwrap_or_else(|| {
                template
                    .section(&section.id)
                    .map_or_else(|| section.id.clone(), |spec| spec.heading.to_string())
            });
            let sentences: Vec<Sentence> = split(&section.text)
                .into_iter()
                .map(|text| Sentence {
                    provenance: last_year.provenance(&text),
                    text,
                })
                .collect();
            let this_year = Sentences::of_text(&section.text);
            let dropped = previous
                .section_text(&section.id)
                .map(split)
                .unwrap_or_default()
                .into_iter()
                .filter(|old| this_year.provenance(old) == Provenance::New)
                .map(|old| old.trim().to_string())
                .filter(|old| !old.is_empty())
                .collect();
            SectionChanges {
                id: section.id.clone(),
                heading,
                sentences,
                dropped,
            }
        })
        .collect();
    TwoYears { tables, sections }
}

/// A figure with its sign: `+12`, `−3`, `0`.
fn signed(figure: Figure) -> String {
    let text = figure.to_string();
    match text.strip_prefix('-') {
        Some(rest) => format!("−{rest}"),
        None if figure.scaled() == 0 => text,
        None => format!("+{text}"),
    }
}

/// The sentences of a text, each with the whitespace that follows it, so joining them gives
/// the text back. A sentence ends at 。！？；!? or a line break.
fn split(text: &str) -> Vec<String> {
    let mut sentences = Vec::new();
    let mut current = String::new();
    let mut ended = false;
    for ch in text.chars() {
        if ended && !ch.is_whitespace() {
            sentences.push(std::mem::take(&mut current));
            ended = false;
        }
        current.push(ch);
        if matches!(ch, '。' | '！' | '？' | '；' | '!' | '?' | '\n') {
            ended = true;
        }
    }
    if !current.is_empty() {
        sentences.push(current);
    }
    sentences
}

/// Sentences as compared: whitespace dropped and characters normalised (full-width digits),
/// exactly and with their numbers masked.
struct Sentences {
    exact: std::collections::HashSet<String>,
    masked: std::collections::HashSet<Vec<char>>,
}

impl Sentences {
    fn of_report(report: &Report) -> Sentences {
        let mut all = Sentences::of_text("");
        for section in &report.sections {
            all.add(&section.text);
        }
        all
    }

    fn of_text(text: &str) -> Sentences {
        let mut sentences = Sentences {
            exact: std::collections::HashSet::new(),
            masked: std::collections::HashSet::new(),
        };
        sentences.add(text);
        sentences
    }

    fn add(&mut self, text: &str) {
        for sentence in split(text) {
            let key = key(&sentence);
            // A bare ending or a one-word line says nothing about copying.
            if key.chars().count() >= 4 {
                self.masked.insert(mask(&key));
                self.exact.insert(key);
            }
        }
    }

    fn provenance(&self, sentence: &str) -> Provenance {
        let key = key(sentence);
        if key.chars().count() < 4 {
            return Provenance::New;
        }
        if self.exact.contains(&key) {
            Provenance::Copied
        } else if self.masked.contains(&mask(&key)) {
            Provenance::NumbersUpdated
        } else {
            Provenance::New
        }
    }
}

fn key(sentence: &str) -> String {
    sentence
        .chars()
        .filter(|ch| !ch.is_whitespace())
        .map(normalise)
        .collect()
}
