//! The downloads: HTML, Markdown, CSV and Word (.docx), each written from a
//! [`Document`](crate::Document) so they all show what the preview shows.
//!
//! Exporters return bytes or text and never touch files: saving is the app's or the CLI's
//! job. They never fail and never panic, whatever text the report holds: every text is
//! escaped for its format, and characters a format cannot carry (XML control characters)
//! are dropped.
//!
//! This module holds what the exporters share: the download file name and the placement of
//! merged cells on the grid, which CSV (to flatten labels) and DOCX (to write `vMerge`
//! continuation cells) both need.

mod csv;
mod docx;
mod html;
mod markdown;
mod zip;

pub(crate) use csv::push_line as push_csv_line;
pub use csv::to_csv;
pub use docx::{to_docx, to_docx_with_picture};
pub use html::{DOCUMENT_CSS, to_html, to_html_fragment};
pub use markdown::to_markdown;

use crate::document::{Cell, Table};
use crate::model::Report;

/// The download file name: `<agency><year>年政府信息公开工作年度报告.<ext>`, with characters
/// that Windows, macOS or Linux refuse in a file name replaced by `_`.
pub fn file_name(report: &Report, ext: &str) -> String {
    file_name_with_stem(&crate::document::title(report), ext)
}

/// `stem.ext` made safe as a file name on every system.
pub(crate) fn file_name_with_stem(stem: &str, ext: &str) -> String {
    let stem: String = stem
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    // Windows also refuses a name ending in a dot or space; the stem never does (it ends in
    // 报告), but a leading dot would hide the file on Unix.
    let stem = stem.trim_start_matches(['.', ' ']);
    let ext: String = ext
        .trim_start_matches('.')
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    if ext.is_empty() {
        stem.to_string()
    } else {
        format!("{stem}.{ext}")
    }
}

/// Escapes text for HTML and XML content and quoted attributes. Tabs and line ends become
/// spaces (a run or a cell holds one line), and what XML 1.0 cannot carry (control
/// characters, U+FFFE, U+FFFF) is dropped, so the output is well-formed whatever was typed.
pub(crate) fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(' '),
            '\u{FFFE}' | '\u{FFFF}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A cell of a table placed on the grid.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Placed<'a> {
    pub(crate) cell: &'a Cell,
    /// The printed row the cell starts on (head rows first, then body rows).
    pub(crate) row: usize,
    /// The first grid column.
    pub(crate) column: usize,
}

impl Placed<'_> {
    /// The grid columns the cell covers.
    pub(crate) fn columns(&self) -> std::ops::Range<usize> {
        self.column..self.column + usize::from(self.cell.colspan.max(1))
    }
}

/// Where every cell of a table sits, as the HTML table algorithm places them: each cell
/// takes the first free column of its row, skipping columns covered by a rowspan from above.
#[derive(Debug)]
pub(crate) struct Grid<'a> {
    /// The cells, in row order.
    pub(crate) placed: Vec<Placed<'a>>,
    /// For each printed row and grid column, the index in `placed` of the cell covering it.
    pub(crate) covering: Vec<Vec<Option<usize>>>,
}

impl<'a> Grid<'a> {
    pub(crate) fn new(table: &'a Table) -> Grid<'a> {
        let rows: Vec<_> = table.head.iter().chain(&table.body).collect();
        // A malformed table (spans past the grid) must not panic: the grid widens to fit.
        let width = rows
            .iter()
            .map(|row| {
                row.cells
                    .iter()
                    .map(|cell| usize::from(cell.colspan.max(1)))
                    .sum::<usize>()
            })
            .max()
            .unwrap_or(0)
            .max(usize::from(table.columns));
        let mut covering = vec![vec![None; width]; rows.len()];
        let mut placed = Vec::new();
        for (row_idx, row) in rows.iter().enumerate() {
            let mut column = 0;
            for cell in &row.cells {
                while covering[row_idx].get(column).is_some_and(Option::is_some) {
                    column += 1;
                }
                let index = placed.len();
                let cell_placed = Placed {
                    cell,
                    row: row_idx,
                    column,
                };
                let row_end = (row_idx + usize::from(cell.rowspan.max(1))).min(rows.len());
                for covered_row in &mut covering[row_idx..row_end] {
                    for covered_column in cell_placed.columns() {
                        if covered_column >= covered_row.len() {
                            covered_row.resize(covered_column + 1, None);
                        }
                        covered_row[covered_column] = Some(index);
                    }
                }
                column = cell_placed.columns().end;
                placed.push(cell_placed);
            }
        }
        Grid { placed, covering }
    }
}
