//! The CSV export of the three tables (and the 信息处理费 figures of section 六), for
//! spreadsheets and statistics offices.
//!
//! UTF-8 with a byte order mark (Excel on Windows reads BOM-less UTF-8 as the ANSI code page
//! and garbles Chinese), CRLF line ends and RFC 4180 quoting. One block per table: a line
//! with the table's section heading, a header line, the data lines, and an empty line.
//! Merged labels are flattened with ` / ` (`三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密`,
//! `申请人情况 / 法人或其他组织 / 商业企业`); table 二 gets a header line per 第二十条 block
//! since its blocks have different columns. Figures are written as typed, so a spreadsheet
//! sees exactly what will be published.
//!
//! The flattening reads only the document's grid (which cells cover which rows and columns),
//! not the template, so CSV follows the document wherever it goes.

use crate::document::{Block, Document, Table};
use crate::export::Grid;

/// The tables of the document as CSV text, starting with U+FEFF.
pub fn to_csv(document: &Document) -> String {
    let mut out = String::from('\u{FEFF}');
    let mut heading = "";
    for block in &document.blocks {
        match block {
            Block::Heading {
                level: crate::HeadingLevel::Section,
                text,
            } => heading = text,
            Block::Table(table) => {
                let title = if heading.is_empty() {
                    table.id.as_str()
                } else {
                    heading
                };
                push_line(&mut out, &[title.to_string()]);
                push_table(&mut out, table);
                out.push_str("\r\n");
            }
            _ => {}
        }
    }
    // The 信息处理费 figures of section 六: a block of label, value lines after the tables.
    if !document.loose_figures.is_empty() {
        push_line(&mut out, &["六、其他需要报告的事项".to_string()]);
        for (label, value) in &document.loose_figures {
            push_line(&mut out, &[label.clone(), value.clone()]);
        }
        out.push_str("\r\n");
    }
    out
}

fn push_table(out: &mut String, table: &Table) {
    let grid = Grid::new(table);
    let n_rows = grid.covering.len();
    // The rows of labels above the current data rows: the table's head, or for table 二 the
    // caption and block header just above each block.
    let mut header_rows: Vec<usize> = Vec::new();
    let mut header_written = false;
    for row_idx in 0..n_rows {
        let starts: Vec<usize> = (0..grid.placed.len())
            .filter(|&index| grid.placed[index].row == row_idx)
            .collect();
        let values: Vec<usize> = starts
            .iter()
            .copied()
            .filter(|&index| grid.placed[index].cell.numeric)
            .collect();
        if values.is_empty() {
            if header_written {
                header_rows.clear();
                header_written = false;
            }
            header_rows.push(row_idx);
            continue;
        }
        let value_columns: Vec<std::ops::Range<usize>> = values
            .iter()
            .map(|&index| grid.placed[index].columns())
            .collect();
        let first_value_column = value_columns.first().map_or(0, |range| range.start);
        if !header_written {
            let mut line = Vec::new();
            if first_value_column > 0 {
                line.push(labels(&grid, &header_rows, 0..first_value_column, true));
            }
            for range in &value_columns {
                line.push(labels(&grid, &header_rows, range.clone(), false));
            }
            push_line(out, &line);
            header_written = true;
        }
        let mut line = Vec::new();
        if first_value_column > 0 {
            line.push(labels(&grid, &[row_idx], 0..first_value_column, true));
        }
        line.extend(
            values
                .iter()
                .map(|&index| grid.placed[index].cell.text.clone()),
        );
        push_line(out, &line);
    }
}

/// The distinct label texts covering `columns` in `rows`, top to bottom and left to right,
/// joined with ` / `. A caption spanning the whole table is kept only in the label column
/// (`with_full_width`), so it heads the block once instead of prefixing every column.
fn labels(
    grid: &Grid<'_>,
    rows: &[usize],
    columns: std::ops::Range<usize>,
    with_full_width: bool,
) -> String {
    let width = grid.covering.iter().map(Vec::len).max().unwrap_or(0);
    let mut seen: Vec<usize> = Vec::new();
    for &row_idx in rows {
        let Some(row) = grid.covering.get(row_idx) else {
            continue;
        };
        for column in columns.clone() {
            let Some(Some(index)) = row.get(column) else {
                continue;
            };
            let placed = grid.placed[*index];
            let full_width = placed.columns().len() >= width && width > 1;
            if placed.cell.numeric || seen.contains(index) || (full_width && !with_full_width) {
                continue;
            }
            seen.push(*index);
        }
    }
    seen.iter()
        .map(|&index| grid.placed[index].cell.text.as_str())
        .filter(|text| !text.is_empty())
        .collect::<Vec<_>>()
        .join(" / ")
}

/// One CSV record (RFC 4180): fields with a comma, quote or line break are quoted, quotes
/// doubled; formulas defused.
pub(crate) fn push_line(out: &mut String, fields: &[String]) {
    for (position, field) in fields.iter().enumerate() {
        if position > 0 {
            out.push(',');
        }
        let field = &defuse_formula(field);
        if field.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
}

/// A field a spreadsheet would run as a formula (`=HYPERLINK(…)`, `@SUM(…)`, `+cmd…`) gets a
/// leading `'` (OWASP's advice against CSV injection). Signed numbers such as `-3` (the 2019
/// 本年增/减 column) are data and stay as they are.
fn defuse_formula(field: &str) -> std::borrow::Cow<'_, str> {
    let risky = match field.chars().next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => !field[1..]
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ','),
        _ => false,
    };
    if risky {
        format!("'{field}").into()
    } else {
        field.into()
    }
}
