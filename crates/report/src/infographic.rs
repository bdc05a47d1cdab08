//! 图解 (“一图读懂”): the report's tables as one page of pictures, and the ready 同比
//! sentences a clerk can insert into the prose.
//!
//! [`Infographic::new`] reads the figures into a plain value (big numbers, bar charts, the
//! 主动公开 block, trends across years) and [`Infographic::to_svg`] draws it as one A4 page of
//! SVG written here, so the app, print, the HTML and Word downloads and the command line draw
//! the same picture. Nothing is invented: a blank or invalid cell is never drawn as 0; the
//! quantities it feeds print “—” and the page names the cell. The page is sober and
//! print-safe: one ink, every value written beside its bar, so it reads in black and white
//! and does not depend on telling colours apart.

use std::fmt::Write as _;

use crate::compare::YearOnYear;
use crate::document::{break_title, title};
use crate::export::escape_markup as escape;
use crate::figure::Figure;
use crate::model::Report;
use crate::template::{TableSpec, TemplateId};

/// One big number of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tile {
    /// What it counts: `新收申请`.
    pub label: &'static str,
    /// The number as printed (`3511`), or `—` when a cell it needs is blank or invalid.
    pub value: String,
    /// Its unit (`件`).
    pub unit: &'static str,
    /// A line under it: `占办结的85.2%`, `纠正2件，占已审结的25.0%`.
    pub detail: Option<String>,
    /// The change from last year as reports write it (`同比增长70.3%`), when last year's
    /// report is at hand and a percentage makes sense.
    pub yoy: Option<String>,
}

/// One bar of a chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// The category.
    pub label: String,
    /// The value, `None` when a cell it needs is blank or invalid (no bar is drawn).
    pub value: Option<Figure>,
    /// Its share of the chart's base, `96.9%`, when there is one.
    pub share: Option<String>,
}

/// A chart of labelled horizontal bars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// The chart's title.
    pub title: String,
    /// The bars, in the official order.
    pub bars: Vec<Bar>,
}

/// One line of the 主动公开 block: a row of table 二 and its figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActiveLine {
    /// The row (`规章`).
    pub label: &'static str,
    /// Each column's heading and value as printed (`—` when blank or invalid).
    pub items: Vec<(&'static str, String)>,
}

/// One quantity across the years of an agency's reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trend {
    /// What is counted.
    pub title: &'static str,
    /// Year by year, oldest first; `None` where that year's figure is missing.
    pub points: Vec<(i32, Option<Figure>)>,
}

/// The report as one page of pictures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Infographic {
    /// The report's title.
    pub title: String,
    /// The big numbers.
    pub tiles: Vec<Tile>,
    /// New applications by applicant type.
    pub applicants: Chart,
    /// How the applications handled were answered.
    pub outcomes: Chart,
    /// The reasons for 不予公开.
    pub withheld: Chart,
    /// The 主动公开 block (table 二).
    pub active: Vec<ActiveLine>,
    /// Trends when several years of the agency's reports are at hand (at least two years).
    pub trends: Vec<Trend>,
    /// The cells that are blank or not numbers, by their labels: what could not be drawn.
    pub gaps: Vec<String>,
}

/// The applicant columns of table 三, in order.
const APPLICANTS: [(&str, &str); 6] = [
    ("natural", "自然人"),
    ("business", "商业企业"),
    ("research", "科研机构"),
    ("nonprofit", "社会公益组织"),
    ("legal", "法律服务机构"),
    ("other", "其他"),
];

/// The outcome groups of table 三: the row key (or prefix of its sub-rows) and the name.
const OUTCOMES: [(&str, &str); 6] = [
    ("granted", "予以公开"),
    ("partial", "部分公开"),
    ("withheld", "不予公开"),
    ("unavailable", "无法提供"),
    ("rejected", "不予处理"),
    ("other", "其他处理"),
];

/// The key quantities: the table they come from, their name, and how to read them.
const KEYS: [(&str, &str, Pick); 6] = [
    ("requests", "新收申请", |k| k.new),
    ("requests", "办结申请", |k| k.handled),
    ("requests", "予以公开", |k| k.granted),
    ("requests", "部分公开", |k| k.partial),
    ("appeals", "行政复议", |k| k.review),
    ("appeals", "行政诉讼", |k| k.suits),
];

/// How many years a trend shows at most.
const TREND_YEARS: usize = 6;

/// Reads figures and remembers every cell that could not be read.
struct Reader<'a> {
    report: &'a Report,
    gaps: Vec<String>,
}

impl Reader<'_> {
    /// A cell's figure; a blank or invalid cell is noted once and gives `None`.
    fn get(&mut self, key: &str) -> Option<Figure> {
        match self.report.cell_figure(key) {
            Ok(figure) => Some(figure),
            Err(_) => {
                let label = self
                    .report
                    .template()
                    .cell_spec(key)
                    .map_or_else(|| key.to_string(), |spec| spec.label.clone());
                if !self.gaps.contains(&label) {
                    self.gaps.push(label);
                }
                None
            }
        }
    }

    /// The exact sum of cells, `None` when any of them is missing (every missing one noted).
    fn sum<S: AsRef<str>>(&mut self, keys: &[S]) -> Option<Figure> {
        let figures: Vec<Option<Figure>> = keys.iter().map(|key| self.get(key.as_ref())).collect();
        figures.into_iter().sum::<Option<Figure>>()
    }
}

/// The table 三 rows of one outcome group: the row itself or its numbered sub-rows.
fn group_rows(requests: &TableSpec, group: &str) -> Vec<String> {
    requests
        .blocks
        .iter()
        .flat_map(|block| block.rows.iter())
        .filter(|row| {
            row.key == group
                || row
                    .key
                    .strip_prefix(group)
                    .is_some_and(|rest| rest.starts_with('.'))
        })
        .map(|row| format!("requests.{}.total", row.key))
        .collect()
}

/// `part` as a percentage of `whole` with one decimal, halves away from zero (`85.2%`),
/// `不足0.1%` for a part above zero that would round to nothing; `None` when the whole is zero
/// or negative.
fn share(part: Figure, whole: Figure) -> Option<String> {
    let scale = part.scale().max(whole.scale());
    let at = |figure: Figure| figure.scaled() * 10i128.pow(u32::from(scale - figure.scale()));
    let (part, whole) = (at(part), at(whole));
    if whole <= 0 {
        return None;
    }
    let numerator = part * 1000 * 2;
    let tenths = (numerator + whole * numerator.signum()) / (whole * 2);
    if tenths == 0 && part > 0 {
        // 1 of 3525 is not “0.0%”: a share that exists but rounds away says so.
        return Some("不足0.1%".to_string());
    }
    let sign = if tenths < 0 { "-" } else { "" };
    let tenths = tenths.abs();
    Some(format!("{sign}{}.{}%", tenths / 10, tenths % 10))
}

/// What the page prints for a figure it does not have.
const MISSING: &str = "—";

/// A figure as printed, `—` when missing.
fn shown(figure: Option<Figure>) -> String {
    figure.map_or_else(|| MISSING.to_string(), |figure| figure.to_string())
}

/// `同比增长70.3%`, `与上年持平`, `上年为0`; nothing when a year has no figure.
fn yoy_words(previous: Option<Figure>, current: Option<Figure>) -> Option<String> {
    match YearOnYear::between(previous, current) {
        YearOnYear::Missing => None,
        change @ YearOnYear::Percent(_) => Some(format!("同比{}", change.words())),
        other => Some(other.words()),
    }
}

/// The key quantities of one report, for tiles, 同比 and trends.
#[derive(Debug, Clone, Copy)]
struct Key {
    new: Option<Figure>,
    handled: Option<Figure>,
    granted: Option<Figure>,
    partial: Option<Figure>,
    review: Option<Figure>,
    suits: Option<Figure>,
}

impl Key {
    fn read(reader: &mut Reader) -> Key {
        Key {
            new: reader.get("requests.new.total"),
            handled: reader.get("requests.handled_total.total"),
            granted: reader.get("requests.granted.total"),
            partial: reader.get("requests.partial.total"),
            review: reader.get("appeals.review.total"),
            suits: reader.sum(&[
                "appeals.suit_direct.total",
                "appeals.suit_after_review.total",
            ]),
        }
    }

    /// Read quietly (last year's report: its gaps are not this page's).
    fn of(report: &Report) -> Key {
        Key::read(&mut Reader {
            report,
            gaps: Vec::new(),
        })
    }
}

impl Infographic {
    /// The 图解 of `report`, with 同比 from `previous` (the report linked as last year's,
    /// used when it is of the year before) and trends from it and every earlier report of the
    /// same agency in `others` (any order; other agencies and later years are ignored).
    /// `None` for the free legacy format, which has no statistical tables to draw.
    pub fn new(
        report: &Report,
        previous: Option<&Report>,
        others: &[&Report],
    ) -> Option<Infographic> {
        if report.template == TemplateId::Legacy {
            return None;
        }
        let template = report.template();
        let requests = template.table("requests")?;
        let mut reader = Reader {
            report,
            gaps: Vec::new(),
        };
        let key = Key::read(&mut reader);
        let earlier =
            |other: &&Report| other.template != TemplateId::Legacy && other.year < report.year;
        let previous = previous.filter(earlier);
        // The linked report first: it is the clerk's choice for its year.
        let history: Vec<&Report> = previous
            .into_iter()
            .chain(
                others
                    .iter()
                    .copied()
                    .filter(|other| earlier(other) && other.agency.trim() == report.agency.trim()),
            )
            .collect();
        let previous = previous
            .filter(|other| other.year == report.year - 1)
            .map(Key::of);
        let last = |pick: Pick, current: Option<Figure>| {
            previous.and_then(|previous| yoy_words(pick(&previous), current))
        };

        let decided = |reader: &mut Reader, rows: &[&str]| {
            let totals: Vec<String> = rows
                .iter()
                .map(|row| format!("appeals.{row}.total"))
                .collect();
            let pending: Vec<String> = rows
                .iter()
                .map(|row| format!("appeals.{row}.pending"))
                .collect();
            let corrected: Vec<String> = rows
                .iter()
                .map(|row| format!("appeals.{row}.corrected"))
                .collect();
            let total = reader.sum(&totals);
            let pending = reader.sum(&pending);
            let corrected = reader.sum(&corrected);
            match (total, pending, corrected) {
                (Some(total), Some(pending), Some(corrected)) => {
                    let rate = share(corrected, total - pending).map_or_else(
                        || "，无已审结案件".to_string(),
                        |rate| format!("，占已审结的{rate}"),
                    );
                    Some(format!("纠正{corrected}件{rate}"))
                }
                _ => None,
            }
        };
        let review_detail = decided(&mut reader, &["review"]);
        let suits_detail = decided(&mut reader, &["suit_direct", "suit_after_review"]);
        let carried_in = reader.get("requests.carried_in.total");
        let carried_out = reader.get("requests.carried_out.total");
        let of_handled = |part: Option<Figure>| {
            part.zip(key.handled)
                .and_then(|(part, handled)| share(part, handled))
                .map(|rate| format!("占办结的{rate}"))
        };
        let details = [
            carried_in.map(|n| format!("另有上年结转{n}件")),
            carried_out.map(|n| format!("结转下年度{n}件")),
            of_handled(key.granted),
            of_handled(key.partial),
            review_detail,
            suits_detail,
        ];
        let tiles = KEYS
            .iter()
            .zip(details)
            .map(|((_, label, pick), detail)| Tile {
                label,
                value: shown(pick(&key)),
                unit: "件",
                detail,
                yoy: last(*pick, pick(&key)),
            })
            .collect();

        let applicants = Chart {
            title: "本年新收申请：按申请人".to_string(),
            bars: APPLICANTS
                .iter()
                .map(|(column, label)| {
                    let value = reader.get(&format!("requests.new.{column}"));
                    Bar {
                        label: (*label).to_string(),
                        value,
                        share: value.zip(key.new).and_then(|(v, all)| share(v, all)),
                    }
                })
                .collect(),
        };
        let outcomes = Chart {
            title: "办理结果".to_string(),
            bars: OUTCOMES
                .iter()
                .map(|(group, label)| {
                    let value = reader.sum(&group_rows(requests, group));
                    Bar {
                        label: (*label).to_string(),
                        value,
                        share: value.zip(key.handled).and_then(|(v, all)| share(v, all)),
                    }
                })
                .collect(),
        };
        let withheld_total = outcomes.bars.get(2).and_then(|bar| bar.value);
        let withheld = Chart {
            title: "不予公开的理由".to_string(),
            bars: requests
                .blocks
                .iter()
                .flat_map(|block| block.rows.iter())
                .filter(|row| row.key.starts_with("withheld."))
                .map(|row| {
                    let value = reader.get(&format!("requests.{}.total", row.key));
                    Bar {
                        label: row
                            .label
                            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
                            .to_string(),
                        value,
                        share: value.zip(withheld_total).and_then(|(v, all)| share(v, all)),
                    }
                })
                .collect(),
        };
        let active = template
            .table("active")
            .map(|table| {
                table
                    .blocks
                    .iter()
                    .flat_map(|block| block.rows.iter().map(move |row| (block, row)))
                    .map(|(block, row)| ActiveLine {
                        label: row.label,
                        items: block
                            .columns
                            .iter()
                            .map(|column| {
                                // As typed (a unit such as 元 kept), once it reads as a
                                // figure; “—” otherwise, as everywhere on the page.
                                let key = format!("active.{}.{}", row.key, column.key);
                                let value = reader.get(&key).and_then(|_| {
                                    report.cell_raw(&key).map(|raw| raw.trim().to_string())
                                });
                                (column.label, value.unwrap_or_else(|| MISSING.to_string()))
                            })
                            .collect(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let trends = trends(report, key, history.into_iter());
        Some(Infographic {
            title: title(report),
            tiles,
            applicants,
            outcomes,
            withheld,
            active,
            trends,
            gaps: reader.gaps,
        })
    }

    /// The page described in words, for screen readers and as the picture's text alternative.
    pub fn description(&self) -> String {
        let mut out = format!("{}图解。", self.title);
        for tile in &self.tiles {
            let unit = if tile.value == MISSING { "" } else { tile.unit };
            let _ = write!(out, "{}{}{unit}", tile.label, tile.value);
            for extra in [&tile.detail, &tile.yoy].into_iter().flatten() {
                let _ = write!(out, "，{extra}");
            }
            out.push('；');
        }
        for chart in [&self.applicants, &self.outcomes, &self.withheld] {
            let _ = write!(out, "{}：", chart.title);
            let bars: Vec<String> = chart
                .bars
                .iter()
                .map(|bar| match (bar.value, &bar.share) {
                    (Some(value), Some(share)) => format!("{}{value}件（{share}）", bar.label),
                    (Some(value), None) => format!("{}{value}件", bar.label),
                    (None, _) => format!("{}{MISSING}", bar.label),
                })
                .collect();
            let _ = write!(out, "{}；", bars.join("，"));
        }
        out.push_str("主动公开：");
        let lines: Vec<String> = self
            .active
            .iter()
            .map(|line| {
                let items: Vec<String> = line
                    .items
                    .iter()
                    .map(|(label, value)| format!("{label}{value}"))
                    .collect();
                format!("{}{}", line.label, items.join("、"))
            })
            .collect();
        let _ = write!(out, "{}。", lines.join("；"));
        for trend in &self.trends {
            let points: Vec<String> = trend
                .points
                .iter()
                .map(|(year, value)| format!("{year}年{}", shown(*value)))
                .collect();
            let _ = write!(out, "{}历年：{}。", trend.title, points.join("，"));
        }
        if !self.gaps.is_empty() {
            let _ = write!(out, "未填或不是数字的单元格：{}。", self.gaps.join("、"));
        }
        out
    }
}

/// Applications, results and appeals year by year, when at least two years are at hand.
fn trends<'a>(report: &Report, key: Key, earlier: impl Iterator<Item = &'a Report>) -> Vec<Trend> {
    let mut years: Vec<(i32, Key)> = Vec::new();
    for other in earlier {
        // One report per year: the first one given for a year wins.
        if !years.iter().any(|(year, _)| *year == other.year) {
            years.push((other.year, Key::of(other)));
        }
    }
    years.sort_by_key(|(year, _)| *year);
    years.push((report.year, key));
    let start = years.len().saturating_sub(TREND_YEARS);
    let years = &years[start..];
    if years.len() < 2 {
        return Vec::new();
    }
    let series = |title: &'static str, pick: fn(&Key) -> Option<Figure>| Trend {
        title,
        points: years.iter().map(|(year, key)| (*year, pick(key))).collect(),
    };
    vec![
        series("新收申请", |k| k.new),
        series("予以公开", |k| k.granted),
        series("行政复议和行政诉讼", |k| {
            match (k.review, k.suits) {
                (Some(review), Some(suits)) => Some(review + suits),
                _ => None,
            }
        }),
    ]
}

/// Picks one key quantity of a report.
type Pick = fn(&Key) -> Option<Figure>;

/// The report-file key (kept among the report's own fields) that asks for the 图解 page in
/// the preview, the print-out and the HTML, Markdown and Word downloads.
const CHOSEN: &str = "infographic";

/// Whether the clerk asked for the 图解 page with this report.
pub fn infographic_chosen(report: &Report) -> bool {
    report
        .extra
        .get(CHOSEN)
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false)
}

/// Asks for the 图解 page with this report, or stops asking.
pub fn choose_infographic(report: &mut Report, chosen: bool) {
    if chosen {
        report.extra.insert(CHOSEN.into(), true.into());
    } else {
        report.extra.remove(CHOSEN);
    }
}

/// The document the preview, print and downloads show: [`crate::render`], with the 图解 page
/// after the report when the clerk chose it and the format has tables to draw.
pub fn render_publication(
    report: &Report,
    previous: Option<&Report>,
    others: &[&Report],
) -> crate::Document {
    let mut document = crate::render(report);
    if infographic_chosen(report)
        && let Some(page) = Infographic::new(report, previous, others)
    {
        document.add_infographic(page);
    }
    document
}

/// The file name of the 图解 picture alone: `<title>（图解）.svg`.
pub fn picture_file_name(report: &Report, ext: &str) -> String {
    let stem = crate::export::file_name(report, "");
    crate::export::file_name_with_stem(&format!("{stem}（图解）"), ext)
}

/// One key quantity of a table with its change from last year, for the line beside the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyChange {
    /// The table it belongs to (`requests`, `appeals`).
    pub table: &'static str,
    /// Its name (`新收申请`).
    pub label: &'static str,
    /// This year's figure, `—` when blank or invalid.
    pub value: String,
    /// `同比增长0.4%`, `与上年持平`, `上年为0`, or `—` when a year has no figure.
    pub change: String,
}

/// The key quantities' 同比 against last year's report (empty for the legacy format):
/// cheap enough to follow every keystroke.
pub fn key_changes(report: &Report, previous: &Report) -> Vec<KeyChange> {
    if report.template == TemplateId::Legacy || previous.template == TemplateId::Legacy {
        return Vec::new();
    }
    let (now, before) = (Key::of(report), Key::of(previous));
    KEYS.iter()
        .map(|(table, label, pick)| KeyChange {
            table,
            label,
            value: shown(pick(&now)),
            change: yoy_words(pick(&before), pick(&now)).unwrap_or_else(|| MISSING.to_string()),
        })
        .collect()
}

/// A ready sentence with its 同比 figure, for the clerk to insert into a prose section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadySentence {
    /// The section it belongs in (`requests`, `appeals`).
    pub section: &'static str,
    /// The sentence, ending with 。.
    pub text: String,
}

/// Sentences stating this year's key figures with their change from last year, computed
/// exactly and written as reports write them; a quantity blank or invalid in either year gets
/// no sentence.
pub fn ready_sentences(report: &Report, previous: &Report) -> Vec<ReadySentence> {
    if report.template == TemplateId::Legacy || previous.template == TemplateId::Legacy {
        return Vec::new();
    }
    let (now, before) = (Key::of(report), Key::of(previous));
    let quantities: [(&str, &str, Pick); 4] = [
        ("requests", "本年新收政府信息公开申请", |k| {
            k.new
        }),
        ("requests", "本年办结政府信息公开申请", |k| {
            k.handled
        }),
        (
            "appeals",
            "本年因政府信息公开工作被申请行政复议",
            |k| k.review,
        ),
        (
            "appeals",
            "本年因政府信息公开工作被提起行政诉讼",
            |k| k.suits,
        ),
    ];
    quantities
        .iter()
        .filter_map(|(section, lead, pick)| {
            let (current, last) = (pick(&now)?, pick(&before)?);
            let change = match YearOnYear::between(Some(last), Some(current)) {
                change @ YearOnYear::Percent(_) => format!("，同比{}", change.words()),
                YearOnYear::Same => "，与上年持平".to_string(),
                YearOnYear::FromZero => "，上年为0件".to_string(),
                YearOnYear::Missing => return None,
            };
            Some(ReadySentence {
                section,
                text: format!("{lead}{current}件{change}。"),
            })
        })
        .collect()
}

impl ReadySentence {
    /// Whether the section already says it, word for word.
    pub fn is_in(&self, report: &Report) -> bool {
        report
            .section_text(self.section)
            .is_some_and(|text| text.contains(&self.text))
    }

    /// Adds the sentence as a paragraph of its own at the end of its section, unless the
    /// section already says it; returns whether the report changed.
    pub fn insert_into(&self, report: &mut Report) -> bool {
        if self.is_in(report) {
            return false;
        }
        let text = report.section_text(self.section).unwrap_or("").trim_end();
        let joined = if text.is_empty() {
            self.text.clone()
        } else {
            format!("{text}\n{}", self.text)
        };
        report.set_section_text(self.section, joined);
        true
    }
}

// ---- Drawing ----

/// The page: A4 in quarter millimetres.
const WIDTH: i32 = 840;
const HEIGHT: i32 = 1188;
const MARGIN: i32 = 48;
/// The one ink: dark enough to print as black, and the grey for secondary text (7:1 on white).
const INK: &str = "#1f3f66";
const TEXT: &str = "#1a1a1a";
const GREY: &str = "#545454";
const RULE: &str = "#9aa9bb";
const FONTS: &str =
    "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC','SimHei',sans-serif";

/// An estimate of the drawn width of `text` at `size`: a CJK character is one em, a digit or
/// Latin letter a little over half of one. Used only to place units and to wrap lines.
fn text_width(text: &str, size: i32) -> i32 {
    let halves: i32 = text
        .chars()
        .map(|ch| if ch.is_ascii() { 11 } else { 20 })
        .sum();
    halves * size / 20
}

/// `text` broken into lines no wider than `width` at `size`.
fn wrap(text: &str, size: i32, width: i32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for ch in text.chars() {
        let mut next = line.clone();
        next.push(ch);
        if text_width(&next, size) > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line.push(ch);
        } else {
            line = next;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// An SVG being written.
struct Svg(String);

impl Svg {
    fn text(&mut self, x: i32, y: i32, size: i32, style: &str, content: &str) {
        let _ = writeln!(
            self.0,
            r#"<text x="{x}" y="{y}" font-size="{size}"{style}>{}</text>"#,
            escape(content)
        );
    }

    fn rect(&mut self, x: i32, y: i32, width: i32, height: i32, attributes: &str) {
        let _ = writeln!(
            self.0,
            r#"<rect x="{x}" y="{y}" width="{width}" height="{height}"{attributes}/>"#
        );
    }

    fn line(&mut self, x1: i32, y1: i32, x2: i32, y2: i32) {
        let _ = writeln!(
            self.0,
            r#"<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{RULE}" stroke-width="1"/>"#
        );
    }

    /// A section heading with a rule under it.
    fn heading(&mut self, x: i32, y: i32, width: i32, content: &str) {
        self.text(
            x,
            y,
            17,
            &format!(r#" font-weight="bold" fill="{INK}""#),
            content,
        );
        self.line(x, y + 8, x + width, y + 8);
    }
}

/// How many gaps the page's foot names before it only counts the rest.
const NAMED_GAPS: usize = 8;

/// `value` thousandths as a decimal: `1234` → `1.234`.
fn thousandths(value: i64) -> String {
    let sign = if value < 0 { "-" } else { "" };
    let value = value.abs();
    format!("{sign}{}.{:03}", value / 1000, value % 1000)
}

/// The largest value among `values`, at least 1 unit at the finest scale.
fn scale_of(values: impl Iterator<Item = Figure>) -> (i128, u8) {
    let values: Vec<Figure> = values.collect();
    let scale = values
        .iter()
        .map(|figure| figure.scale())
        .max()
        .unwrap_or(0);
    let max = values
        .iter()
        .map(|figure| figure.scaled() * 10i128.pow(u32::from(scale - figure.scale())))
        .max()
        .unwrap_or(0);
    (max.max(1), scale)
}

/// The length of the bar for `value` when `max` (at `scale`) is drawn `full` long.
fn bar_length(value: Figure, (max, scale): (i128, u8), full: i32) -> i32 {
    let scaled = value.scaled() * 10i128.pow(u32::from(scale.saturating_sub(value.scale())));
    let length = scaled.max(0) * i128::from(full) / max;
    let length = i32::try_from(length).unwrap_or(full);
    // A value above zero always shows a sliver of bar.
    if scaled > 0 { length.max(2) } else { length }
}

impl Infographic {
    /// The page as a standalone SVG document (A4, 210 × 297 mm), with its title and its full
    /// description for screen readers.
    pub fn to_svg(&self) -> String {
        let mut svg = Svg(String::new());
        let _ = writeln!(
            svg.0,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{}" font-family="{FONTS}" fill="{TEXT}">"#,
            escape(&format!("{}图解", self.title))
        );
        let _ = writeln!(
            svg.0,
            "<title>{}</title>",
            escape(&format!("{}图解", self.title))
        );
        let _ = writeln!(svg.0, "<desc>{}</desc>", escape(&self.description()));
        svg.rect(0, 0, WIDTH, HEIGHT, r##" fill="#ffffff""##);
        let inner = WIDTH - 2 * MARGIN;

        // Title.
        svg.text(
            MARGIN,
            58,
            16,
            &format!(r#" fill="{INK}" letter-spacing="4""#),
            "一图读懂",
        );
        let mut y = 96;
        for line in break_title(&self.title, 28) {
            svg.text(MARGIN, y, 26, r#" font-weight="bold""#, line);
            y += 34;
        }
        let _ = writeln!(
            svg.0,
            r#"<rect x="{MARGIN}" y="{}" width="{inner}" height="4" fill="{INK}"/>"#,
            y - 20
        );
        y += 4;
        // The body is drawn apart, so that a page too full for its sheet can be scaled into
        // it whole (the 2019 format's long 主动公开 block with trends) rather than run off it.
        let head = std::mem::take(&mut svg.0);
        let top_of_body = y;

        // The big numbers: three tiles a row.
        let gap = 16;
        let tile_width = (inner - 2 * gap) / 3;
        let tile_height = 118;
        for (index, tile) in self.tiles.iter().enumerate() {
            let column = i32::try_from(index % 3).unwrap_or(0);
            let row = i32::try_from(index / 3).unwrap_or(0);
            let x = MARGIN + column * (tile_width + gap);
            let top = y + row * (tile_height + gap);
            svg.rect(
                x,
                top,
                tile_width,
                tile_height,
                &format!(r#" fill="none" stroke="{RULE}" stroke-width="1.5" rx="6""#),
            );
            svg.text(
                x + 14,
                top + 26,
                15,
                &format!(r#" fill="{GREY}""#),
                tile.label,
            );
            svg.text(
                x + 14,
                top + 66,
                36,
                &format!(r#" font-weight="bold" fill="{INK}""#),
                &tile.value,
            );
            if tile.value != MISSING {
                svg.text(
                    x + 18 + text_width(&tile.value, 36),
                    top + 66,
                    15,
                    "",
                    tile.unit,
                );
            }
            let mut line = top + 88;
            for extra in [&tile.detail, &tile.yoy].into_iter().flatten() {
                svg.text(x + 14, line, 13, &format!(r#" fill="{GREY}""#), extra);
                line += 18;
            }
        }
        let rows = i32::try_from(self.tiles.len().div_ceil(3)).unwrap_or(0);
        y += rows * (tile_height + gap) + 24;

        // Applicants and outcomes side by side.
        let half = (inner - 32) / 2;
        let left = draw_chart(&mut svg, &self.applicants, MARGIN, y, half);
        let right = draw_chart(&mut svg, &self.outcomes, MARGIN + half + 32, y, half);
        y = left.max(right) + 24;

        // The reasons for 不予公开 beside the 主动公开 block.
        let left = draw_chart(&mut svg, &self.withheld, MARGIN, y, half);
        let right = draw_active(&mut svg, &self.active, MARGIN + half + 32, y, half);
        y = left.max(right) + 24;

        if !self.trends.is_empty() {
            y = draw_trends(&mut svg, &self.trends, MARGIN, y, inner) + 16;
        }

        // Notes: how shares are computed, and what could not be drawn.
        let mut notes = vec![
            "说明：数字取自本报告的统计表。公开比例以办结总数为基数，纠正比例以已审结（总计减尚未审结）为基数，四舍五入保留一位小数。".to_string(),
        ];
        if !self.gaps.is_empty() {
            // A few by name; all of them are in the page's description.
            let named: Vec<&str> = self
                .gaps
                .iter()
                .take(NAMED_GAPS)
                .map(String::as_str)
                .collect();
            let more = match self.gaps.len() - named.len() {
                0 => String::new(),
                more => format!("等，另有{more}个"),
            };
            notes.push(format!(
                "以下单元格未填或不是数字，相关数字以“—”表示、未画出：{}{more}。",
                named.join("、")
            ));
        }
        let lines: Vec<String> = notes
            .iter()
            .flat_map(|note| wrap(note, 12, inner))
            .collect();
        let bottom = HEIGHT - MARGIN + 12;
        let mut line_y = bottom - 17 * i32::try_from(lines.len()).unwrap_or(0);
        let room = line_y - 16 - 8 - top_of_body;
        let body = std::mem::replace(&mut svg.0, head);
        let needed = y - top_of_body;
        if needed > room && needed > 0 {
            // Scaled about the top middle of the body, in thousandths.
            let k = i64::from(room.max(1)) * 1000 / i64::from(needed);
            let dx = i64::from(WIDTH) * (1000 - k) / 2;
            let dy = i64::from(top_of_body) * (1000 - k);
            let _ = writeln!(
                svg.0,
                r#"<g transform="translate({} {}) scale({})">"#,
                thousandths(dx),
                thousandths(dy),
                thousandths(k)
            );
            svg.0.push_str(&body);
            svg.0.push_str("</g>\n");
        } else {
            svg.0.push_str(&body);
            line_y = line_y.max(y);
        }
        svg.line(MARGIN, line_y - 16, MARGIN + inner, line_y - 16);
        for line in &lines {
            svg.text(MARGIN, line_y, 12, &format!(r#" fill="{GREY}""#), line);
            line_y += 17;
        }
        svg.0.push_str("</svg>\n");
        svg.0
    }
}

/// Draws a chart of labelled bars at (`x`, `y`), `width` wide; returns where it ends.
fn draw_chart(svg: &mut Svg, chart: &Chart, x: i32, y: i32, width: i32) -> i32 {
    svg.heading(x, y + 18, width, &chart.title);
    let label_width = chart
        .bars
        .iter()
        .map(|bar| text_width(&bar.label, 13))
        .max()
        .unwrap_or(0)
        .min(width / 2);
    let value_room = 96;
    let full = width - label_width - 10 - value_room;
    let max = scale_of(chart.bars.iter().filter_map(|bar| bar.value));
    let mut top = y + 40;
    for bar in &chart.bars {
        svg.text(
            x + label_width,
            top + 14,
            13,
            r#" text-anchor="end""#,
            &bar.label,
        );
        let start = x + label_width + 10;
        let length = bar.value.map_or(0, |value| bar_length(value, max, full));
        if length > 0 {
            svg.rect(start, top + 2, length, 16, &format!(r#" fill="{INK}""#));
        }
        let value = match (&bar.value, &bar.share) {
            (Some(value), Some(share)) => format!("{value}（{share}）"),
            (Some(value), None) => value.to_string(),
            (None, _) => MISSING.to_string(),
        };
        svg.text(start + length + 6, top + 15, 13, "", &value);
        top += 24;
    }
    top
}

/// Draws the 主动公开 block: one row of table 二 per line with its figures.
fn draw_active(svg: &mut Svg, lines: &[ActiveLine], x: i32, y: i32, width: i32) -> i32 {
    svg.heading(x, y + 18, width, "主动公开");
    let mut top = y + 54;
    for line in lines {
        svg.text(x, top, 13, r#" font-weight="bold""#, line.label);
        top += 18;
        let items: Vec<String> = line
            .items
            .iter()
            .map(|(label, value)| format!("{label} {value}"))
            .collect();
        for wrapped in wrap(&items.join("　"), 12, width) {
            svg.text(x, top, 12, &format!(r#" fill="{GREY}""#), &wrapped);
            top += 16;
        }
        top += 6;
    }
    top
}

/// Draws the trends: one small column chart per quantity, years along the bottom.
fn draw_trends(svg: &mut Svg, trends: &[Trend], x: i32, y: i32, width: i32) -> i32 {
    svg.heading(x, y + 18, width, "历年变化");
    let count = i32::try_from(trends.len()).unwrap_or(1).max(1);
    let gap = 24;
    let chart_width = (width - gap * (count - 1)) / count;
    let chart_height = 96;
    let top = y + 44;
    for (index, trend) in trends.iter().enumerate() {
        let left = x + i32::try_from(index).unwrap_or(0) * (chart_width + gap);
        svg.text(left, top + 12, 13, r#" font-weight="bold""#, trend.title);
        let base = top + 30 + chart_height;
        let max = scale_of(trend.points.iter().filter_map(|(_, value)| *value));
        let years = i32::try_from(trend.points.len()).unwrap_or(1).max(1);
        let slot = chart_width / years;
        let bar_width = (slot - 12).clamp(8, 40);
        for (at, (year, value)) in trend.points.iter().enumerate() {
            let center = left + i32::try_from(at).unwrap_or(0) * slot + slot / 2;
            let height = value.map_or(0, |value| bar_length(value, max, chart_height));
            if height > 0 {
                svg.rect(
                    center - bar_width / 2,
                    base - height,
                    bar_width,
                    height,
                    &format!(r#" fill="{INK}""#),
                );
            }
            svg.text(
                center,
                base - height - 5,
                12,
                r#" text-anchor="middle""#,
                &shown(*value),
            );
            svg.text(
                center,
                base + 16,
                12,
                &format!(r#" text-anchor="middle" fill="{GREY}""#),
                &year.to_string(),
            );
        }
        svg.line(left, base, left + chart_width, base);
    }
    top + 30 + chart_height + 24
}
