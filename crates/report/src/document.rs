//! The printable document: what a report looks like on paper, as a plain value.
//!
//! `render` turns a [`Report`] into a [`Document`] (title, headings, paragraphs, the official
//! tables with their merged cells, an optional 落款), and every exporter (`export::html`,
//! `markdown`, `csv`, `docx`) and the app's preview read only the `Document`, so the
//! preview, the print-out and every download show the same thing.
//!
//! The document is not a layout: it knows nothing of fonts, pages or markup (that is
//! `export`), and it never interprets a figure: cells print exactly what was typed (trimmed),
//! so a wrong or unparsable figure is visible on paper rather than silently "fixed".

use crate::infographic::Infographic;
use crate::model::{CellValue, Report, Section};
use crate::template::{HeaderCell, RowSpec, TableLayout, TableSpec, TemplateId};

/// A report laid out as a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The title: the report's own, else `<agency><year>年政府信息公开工作年度报告`.
    pub title: String,
    /// The body, in reading order.
    pub blocks: Vec<Block>,
    /// Figures kept outside the tables (the 信息处理费 of section 六: label, value as typed),
    /// for the data exports; the printed report states them in its prose.
    pub loose_figures: Vec<(String, String)>,
}

/// One block of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading: `一、总体情况` (level 1) or `（一）主动公开` (level 2).
    Heading {
        /// Which level of GB/T 9704 heading it is.
        level: HeadingLevel,
        /// The heading as printed, numbering included.
        text: String,
    },
    /// A paragraph of prose, one line of the section text.
    Paragraph(String),
    /// One of the official tables.
    Table(Table),
    /// The 图解 page (issue 17), added on request after the report: the figures as pictures.
    Infographic(Box<Infographic>),
    /// The closing 落款: the agency and the date, set right.
    Signature {
        /// The agency, possibly empty in a draft.
        agency: String,
        /// The date as printed, e.g. `2025年1月20日`.
        date: String,
    },
}

/// The heading levels a report uses (GB/T 9704 §7.3.3: 一、 黑体, （一） 楷体).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HeadingLevel {
    /// `一、…`, a section of the report.
    Section,
    /// `（一）…`, a sub-heading inside a section's prose.
    Subsection,
}

/// A printed table: a grid of rows of cells with HTML-style merges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The template's table id (`active`, `requests`, `appeals`).
    pub id: String,
    /// The width of the grid in columns, label and data columns together.
    pub columns: u8,
    /// The header rows, to repeat at the top of every page the table runs onto.
    pub head: Vec<Row>,
    /// The other rows: data rows, and for table 二 its block captions and block headers.
    pub body: Vec<Row>,
}

impl Table {
    /// Whether `row` is a block caption of table 二 (`第二十条第（一）项`): one label across
    /// the whole grid.
    pub fn is_caption(&self, row: &Row) -> bool {
        matches!(&row.cells[..], [cell] if cell.is_header && cell.colspan == self.columns)
    }
}

/// One printed row: the cells that *start* on it, left to right. A cell spanning down from an
/// earlier row is not repeated, as in HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The cells, left to right.
    pub cells: Vec<Cell>,
}

/// One printed cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// What is printed: a label, or a figure exactly as typed (trimmed); blank stays empty.
    pub text: String,
    /// Rows spanned (1 = none).
    pub rowspan: u8,
    /// Columns spanned (1 = none).
    pub colspan: u8,
    /// A header or label cell, as opposed to a figure.
    pub is_header: bool,
    /// A figure cell (set right or centred, in tabular digits).
    pub numeric: bool,
    /// The cell key of a figure cell (`requests.new.natural`), for linking findings.
    pub key: Option<String>,
}

impl Cell {
    fn label(header: &HeaderCell) -> Cell {
        Cell {
            text: header.label.to_string(),
            rowspan: header.rowspan.max(1),
            colspan: header.colspan.max(1),
            is_header: true,
            numeric: false,
            key: None,
        }
    }

    fn figure(text: &impl Fn(&str) -> String, key: String) -> Cell {
        Cell {
            text: text(&key),
            rowspan: 1,
            colspan: 1,
            is_header: false,
            numeric: true,
            key: Some(key),
        }
    }
}

impl Document {
    /// The title as printed: on one line when it fits the 156 mm type area at 22 pt (20
    /// characters), otherwise broken after the agency, as published reports do
    /// (“淮安市洪泽区人民政府” / “2023年政府信息公开工作年度报告”), so that no line ends with a
    /// stray “告”.
    pub fn title_lines(&self) -> Vec<&str> {
        break_title(&self.title, 20)
    }

    /// Adds the 图解 page at the end, after the 落款, as published reports attach it.
    pub fn add_infographic(&mut self, page: Infographic) {
        self.blocks.push(Block::Infographic(Box::new(page)));
    }

    /// Every table of the document, in order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|block| match block {
            Block::Table(table) => Some(table),
            _ => None,
        })
    }
}

/// `title` on one line when it has at most `fits` characters, else broken after the agency
/// (before the year), so that no line ends with a stray “告”.
pub(crate) fn break_title(title: &str, fits: usize) -> Vec<&str> {
    let suffix = "年政府信息公开工作年度报告";
    if title.chars().count() <= fits || !title.ends_with(suffix) {
        return vec![title];
    }
    let head = &title[..title.len() - suffix.len()];
    let year_start = head
        .char_indices()
        .rev()
        .take_while(|(_, ch)| ch.is_ascii_digit())
        .last()
        .map_or(head.len(), |(index, _)| index);
    match title.split_at(year_start) {
        ("", _) => vec![title],
        (agency, rest) => vec![agency, rest],
    }
}

/// The title printed, exported and used for file names: the report's own title as the clerk
/// typed it on the cover page, else the standard `<agency><year>年政府信息公开工作年度报告`
/// (the agency may be empty).
pub(crate) fn title(report: &Report) -> String {
    match report.extra.get("title").and_then(|value| value.as_str()) {
        Some(own) if !own.trim().is_empty() => own.trim().to_string(),
        _ => format!(
            "{}{}年政府信息公开工作年度报告",
            report.agency.trim(),
            report.year
        ),
    }
}

/// The contact line as printed at the end of the 前言 (as reports customarily close it), or
/// `None` when there is none or the 前言 already gives it.
fn contact_paragraph(report: &Report) -> Option<String> {
    let contact = report
        .contact
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())?;
    let preamble = report.section_text("preamble").unwrap_or("");
    if preamble.contains(contact) {
        return None;
    }
    Some(format!("联系方式：{contact}"))
}

/// Lays a report out as a document. Never fails: whatever the report holds is printed.
///
/// For `gov-*` templates the sections follow the template's order, each with its heading
/// (the report's own heading when it has one, else the official one; the preamble has none),
/// its prose, then its table; sections the report lacks still print their heading and table,
/// and sections the template does not know come last rather than being dropped. `legacy`
/// reports print their own headed sections in the report's order.
pub fn render(report: &Report) -> Document {
    let template = report.template();
    // A summed report (汇总) says first which reports it sums.
    let mut blocks: Vec<Block> = crate::collection::contributors_paragraph(report)
        .map(Block::Paragraph)
        .into_iter()
        .collect();
    let contact = contact_paragraph(report);
    if template.id == TemplateId::Legacy || template.sections.is_empty() {
        for section in &report.sections {
            push_section(&mut blocks, report, section, None);
        }
        // A free-form report has no 前言 of its own: the contact closes it.
        if let Some(contact) = &contact {
            blocks.push(Block::Paragraph(contact.clone()));
        }
    } else {
        for spec in template.sections {
            let table = spec.table.and_then(|id| template.table(id));
            match report.sections.iter().find(|section| section.id == spec.id) {
                Some(section) => {
                    push_section(&mut blocks, report, section, table);
                    if spec.id == "preamble"
                        && let Some(contact) = &contact
                    {
                        blocks.push(Block::Paragraph(contact.clone()));
                    }
                }
                None => {
                    if spec.id == "preamble"
                        && let Some(contact) = &contact
                    {
                        blocks.push(Block::Paragraph(contact.clone()));
                    }
                    push_heading(&mut blocks, HeadingLevel::Section, spec.heading);
                    if let Some(table) = table {
                        blocks.push(Block::Table(render_table(report, table)));
                    }
                }
            }
        }
        for section in &report.sections {
            if template.section(&section.id).is_none() {
                push_section(&mut blocks, report, section, None);
            }
        }
    }
    if let Some(date) = report.publish_date.as_deref().map(str::trim)
        && !date.is_empty()
    {
        blocks.push(Block::Signature {
            agency: report.agency.trim().to_string(),
            date: chinese_date(date),
        });
    }
    let loose_figures = template
        .loose_cells
        .iter()
        .map(|cell| (cell.label.to_string(), figure_text(report, cell.key)))
        .collect();
    Document {
        title: title(report),
        blocks,
        loose_figures,
    }
}

fn push_section(
    blocks: &mut Vec<Block>,
    report: &Report,
    section: &Section,
    table: Option<&'static TableSpec>,
) {
    push_heading(
        blocks,
        HeadingLevel::Section,
        report.section_heading(section),
    );
    push_prose(blocks, &section.text);
    if let Some(table) = table {
        blocks.push(Block::Table(render_table(report, table)));
    }
}

fn push_heading(blocks: &mut Vec<Block>, level: HeadingLevel, text: &str) {
    let text = text.trim();
    if !text.is_empty() {
        blocks.push(Block::Heading {
            level,
            text: text.to_string(),
        });
    }
}

/// One paragraph per non-blank line. Leading spaces (clerks often type two full-width spaces
/// as an indent) are dropped because every exporter indents paragraphs itself.
fn push_prose(blocks: &mut Vec<Block>, text: &str) {
    for line in text.lines().map(str::trim).filter(|line| !line.is_empty()) {
        if is_subheading(line) {
            push_heading(blocks, HeadingLevel::Subsection, line);
        } else {
            blocks.push(Block::Paragraph(line.to_string()));
        }
    }
}

/// The longest line still read as a sub-heading, in characters.
const SUBHEADING_MAX_CHARS: usize = 30;

/// Whether a line of prose is a `（一）` sub-heading: it opens with a Chinese numeral in
/// full-width parentheses, is short, and is a title rather than a sentence (no comma,
/// semicolon or colon, and no full stop except at the very end). Real reports also write
/// run-in headings (`（一）主动公开方面。坚持公开为常态……`): those stay paragraphs, since
/// splitting a sentence in two would misprint it.
fn is_subheading(line: &str) -> bool {
    let Some(rest) = line.strip_prefix('（') else {
        return false;
    };
    let Some((numeral, title)) = rest.split_once('）') else {
        return false;
    };
    let is_numeral =
        !numeral.is_empty() && numeral.chars().all(|c| "一二三四五六七八九十".contains(c));
    let body = title.strip_suffix('。').unwrap_or(title);
    is_numeral
        && !body.is_empty()
        && line.chars().count() <= SUBHEADING_MAX_CHARS
        && !body.contains(['，', '；', '：', '。', ',', ';', ':'])
}

/// `2025-01-20` (or `2025/1/20`, `2025.1.20`) → `2025年1月20日`, as GB/T 9704 writes dates
/// (Arabic numerals, no leading zeros); anything else is printed as written.
fn chinese_date(date: &str) -> String {
    let parts: Vec<&str> = date.split(['-', '/', '.']).collect();
    let numbers: Option<Vec<u32>> = parts
        .iter()
        .map(|part| {
            (!part.is_empty() && part.len() <= 4 && part.chars().all(|c| c.is_ascii_digit()))
                .then(|| part.parse().ok())
                .flatten()
        })
        .collect();
    match numbers.as_deref() {
        Some(&[year, month, day])
            if year >= 1000 && (1..=12).contains(&month) && (1..=31).contains(&day) =>
        {
            format!("{year}年{month}月{day}日")
        }
        _ => date.to_string(),
    }
}

/// The text of a figure cell: what was typed, trimmed; blank (missing, null, spaces) is empty.
fn figure_text(report: &Report, key: &str) -> String {
    match report.figures.get(key) {
        Some(CellValue::Number(number)) => number.to_string(),
        Some(CellValue::Text(text)) => text.trim().to_string(),
        Some(CellValue::Null) | None => String::new(),
    }
}

/// Lays out one official table from the template's merge structure and the report's figures.
pub fn render_table(report: &Report, spec: &TableSpec) -> Table {
    lay_out(spec, |key| figure_text(report, key))
}

/// The shape of one official table with its figure cells empty: what the editor's grid draws,
/// so the official table's merges and widths are laid out in one place for print and screen.
pub fn table_shape(spec: &TableSpec) -> Table {
    lay_out(spec, |_| String::new())
}

/// Lays out one official table, each figure cell printing `text(key)`.
fn lay_out(spec: &TableSpec, text: impl Fn(&str) -> String) -> Table {
    let text = &text;
    let columns = spec.grid_columns.max(1);
    let head: Vec<Row> = spec
        .header_rows
        .iter()
        .map(|cells| Row {
            cells: cells.iter().map(Cell::label).collect(),
        })
        .collect();
    let mut body = Vec::new();
    match spec.layout {
        TableLayout::Rows => {
            for block in spec.blocks {
                if !block.caption.is_empty() {
                    body.push(Row {
                        cells: vec![Cell {
                            colspan: columns,
                            ..Cell::label(&HeaderCell {
                                label: block.caption,
                                rowspan: 1,
                                colspan: 1,
                            })
                        }],
                    });
                }
                if !block.header.is_empty() {
                    let mut cells: Vec<Cell> = block.header.iter().map(Cell::label).collect();
                    fill_row(&mut cells, columns);
                    body.push(Row { cells });
                }
                for &row in block.rows {
                    let mut cells = label_cells(row);
                    cells.extend(block.columns.iter().map(|column| {
                        Cell::figure(text, format!("{}.{}.{}", spec.id, row.key, column.key))
                    }));
                    // Rows under a spanning label (table 三) are narrower by design: only
                    // blocks without merged labels (table 二) are widened to the grid.
                    if row.label_cells.is_empty() {
                        fill_row(&mut cells, columns);
                    }
                    body.push(Row { cells });
                }
            }
        }
        TableLayout::SingleRow => {
            let cells =
                spec.blocks
                    .iter()
                    .flat_map(|block| {
                        block.rows.iter().flat_map(move |row| {
                            block.columns.iter().map(move |column| {
                                format!("{}.{}.{}", spec.id, row.key, column.key)
                            })
                        })
                    })
                    .map(|key| Cell::figure(text, key))
                    .collect();
            body.push(Row { cells });
        }
    }
    Table {
        id: spec.id.to_string(),
        columns,
        head,
        body,
    }
}

/// The label cells a row starts: the template's merged ones, or just its label.
fn label_cells(row: &RowSpec) -> Vec<Cell> {
    if row.label_cells.is_empty() {
        vec![Cell::label(&HeaderCell {
            label: row.label,
            rowspan: 1,
            colspan: 1,
        })]
    } else {
        row.label_cells.iter().map(Cell::label).collect()
    }
}

/// Widens the last cell so the row fills the grid: the 2021 table 二 prints one value under
/// `本年处理决定数量` across three columns, and the 2019 (八)/(九) blocks have three columns
/// in a four-column grid.
fn fill_row(cells: &mut [Cell], columns: u8) {
    let width: u32 = cells.iter().map(|cell| u32::from(cell.colspan)).sum();
    if let Some(last) = cells.last_mut()
        && width < u32::from(columns)
    {
        let missing = u32::from(columns) - width;
        last.colspan = u8::try_from(u32::from(last.colspan) + missing).unwrap_or(u8::MAX);
    }
}
