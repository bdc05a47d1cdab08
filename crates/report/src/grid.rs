//! A table as the keyboard sees it: the navigation grid of cell keys, moving around it,
//! selecting a rectangle of cells, copying it out as Excel reads it, and pasting a block
//! copied from Excel or WPS from the focused cell.
//!
//! Values are kept as typed (trimmed): `1,234` and full-width digits are read by `figure`
//! like anything else the clerk types. Nothing here touches a report.

use crate::template::TableSpec;

/// Why a pasted block cannot be placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasteError {
    /// The clipboard held no cells.
    Empty,
    /// The focused cell is not in this table.
    UnknownCell,
    /// The block needs `rows` × `columns` from the focused cell, which overflows the table.
    Overflow {
        /// Rows of the pasted block.
        rows: usize,
        /// Columns of the pasted block (its widest row).
        columns: usize,
    },
}

/// Splits clipboard text into rows of cells: rows by line breaks (`\r\n`, `\n` or `\r`),
/// cells by tabs, one trailing line break ignored, each cell trimmed. Excel and WPS quote a
/// cell holding a tab, a line break or a double quote (`"a\tb"`, `"say ""x"""`); such a cell
/// is read whole, so its tab or line break never shifts the cells after it. A quote that is
/// never closed is an ordinary character.
pub fn parse_paste(text: &str) -> Vec<Vec<String>> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.strip_suffix('\n').unwrap_or(&text);
    if text.trim().is_empty() {
        return Vec::new();
    }
    let mut rows = vec![Vec::new()];
    let mut rest = text;
    loop {
        let (cell, after) = next_cell(rest);
        if let Some(row) = rows.last_mut() {
            row.push(cell.trim().to_string());
        }
        match after.chars().next() {
            Some('\t') => rest = &after[1..],
            Some('\n') => {
                rows.push(Vec::new());
                rest = &after[1..];
            }
            _ => break,
        }
    }
    rows
}

/// One cell from the start of `text`: its value and the text after it, which starts with the
/// separator (tab or line break) or is empty.
fn next_cell(text: &str) -> (String, &str) {
    let raw_end = text.find(['\t', '\n']).unwrap_or(text.len());
    let Some(quoted) = text.strip_prefix('"') else {
        return (text[..raw_end].to_string(), &text[raw_end..]);
    };
    let mut value = String::new();
    let mut chars = quoted.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c != '"' {
            value.push(c);
            continue;
        }
        if chars.peek().is_some_and(|(_, next)| *next == '"') {
            chars.next();
            value.push('"');
            continue;
        }
        // The closing quote; anything up to the separator is kept as typed.
        let after = &quoted[at + 1..];
        let end = after.find(['\t', '\n']).unwrap_or(after.len());
        value.push_str(&after[..end]);
        return (value, &after[end..]);
    }
    // Never closed: not a quoted cell after all.
    (text[..raw_end].to_string(), &text[raw_end..])
}

/// The cell keys of a table laid out for keyboard navigation and pasting: one line per data
/// row, cells in printed order. A table printed on a single row (table 四) is one line of
/// all its cells, as a clerk copies it from the printed form.
pub fn nav_grid(table: &TableSpec) -> Vec<Vec<String>> {
    let mut lines: Vec<Vec<String>> = Vec::new();
    for block in table.blocks {
        for row in block.rows {
            let keys = block
                .columns
                .iter()
                .map(|column| format!("{}.{}.{}", table.id, row.key, column.key));
            lines.push(keys.collect());
        }
    }
    if table.layout == crate::template::TableLayout::SingleRow {
        return vec![lines.concat()];
    }
    lines
}

/// Where a cell sits on a navigation grid: (line, position).
pub fn grid_position(grid: &[Vec<String>], key: &str) -> Option<(usize, usize)> {
    grid.iter().enumerate().find_map(|(line, keys)| {
        keys.iter()
            .position(|k| k == key)
            .map(|position| (line, position))
    })
}

/// A move of the keyboard focus in a grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GridMove {
    /// Arrow up, Shift+Enter.
    Up,
    /// Arrow down, Enter.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
    /// Tab: right, then the start of the next line.
    Next,
    /// Shift+Tab: left, then the end of the previous line.
    Prev,
    /// Home: the first cell of the line.
    LineStart,
    /// End: the last cell of the line.
    LineEnd,
    /// Ctrl+Home: the first cell of the table.
    First,
    /// Ctrl+End: the last cell of the table.
    Last,
}

/// The cell the focus moves to from `key`, or `None` at the edge of the grid. Moving up or
/// down into a shorter line lands on its last cell.
pub fn grid_step(grid: &[Vec<String>], key: &str, step: GridMove) -> Option<String> {
    let (line, position) = grid_position(grid, key)?;
    let (line, position) = match step {
        GridMove::Up => (line.checked_sub(1)?, position),
        GridMove::Down => (line + 1, position),
        GridMove::Left => (line, position.checked_sub(1)?),
        GridMove::Right => (line, position + 1),
        GridMove::Next if position + 1 < grid[line].len() => (line, position + 1),
        GridMove::Next => (line + 1, 0),
        GridMove::Prev if position > 0 => (line, position - 1),
        GridMove::Prev => {
            let line = line.checked_sub(1)?;
            (line, grid[line].len().saturating_sub(1))
        }
        GridMove::LineStart => (line, 0),
        GridMove::LineEnd => (line, grid[line].len().saturating_sub(1)),
        GridMove::First => (0, 0),
        GridMove::Last => {
            let line = grid.len().checked_sub(1)?;
            (line, grid[line].len().saturating_sub(1))
        }
    };
    let keys = grid.get(line)?;
    let position = match step {
        GridMove::Up | GridMove::Down => position.min(keys.len().saturating_sub(1)),
        _ => position,
    };
    keys.get(position).cloned()
}

/// A rectangle of cells selected in a grid: lines and positions, both inclusive. On a
/// ragged grid (table 二's blocks of different widths) a line holds only the positions it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GridRange {
    /// First and last line.
    pub lines: (usize, usize),
    /// First and last position on a line.
    pub positions: (usize, usize),
}

impl GridRange {
    /// The rectangle spanned by two cells (the anchor, where the selection started, and the
    /// cell that has the focus), or `None` when either is not in the grid.
    pub fn between(grid: &[Vec<String>], anchor: &str, focus: &str) -> Option<GridRange> {
        let (line_a, position_a) = grid_position(grid, anchor)?;
        let (line_b, position_b) = grid_position(grid, focus)?;
        Some(GridRange {
            lines: (line_a.min(line_b), line_a.max(line_b)),
            positions: (position_a.min(position_b), position_a.max(position_b)),
        })
    }

    /// Whether the cell at (`line`, `position`) is inside.
    pub fn contains(&self, line: usize, position: usize) -> bool {
        (self.lines.0..=self.lines.1).contains(&line)
            && (self.positions.0..=self.positions.1).contains(&position)
    }

    /// The keys inside, line by line; a line shorter than the rectangle gives what it has.
    pub fn keys(&self, grid: &[Vec<String>]) -> Vec<Vec<String>> {
        grid.iter()
            .enumerate()
            .filter(|(line, _)| (self.lines.0..=self.lines.1).contains(line))
            .map(|(_, keys)| {
                keys.iter()
                    .enumerate()
                    .filter(|(position, _)| {
                        (self.positions.0..=self.positions.1).contains(position)
                    })
                    .map(|(_, key)| key.clone())
                    .collect::<Vec<_>>()
            })
            .filter(|line| !line.is_empty())
            .collect()
    }

    /// How many cells are inside.
    pub fn count(&self, grid: &[Vec<String>]) -> usize {
        self.keys(grid).iter().map(Vec::len).sum()
    }

    /// The top-left cell, where a paste into the selection starts.
    pub fn origin(&self, grid: &[Vec<String>]) -> Option<String> {
        self.keys(grid)
            .first()
            .and_then(|line| line.first().cloned())
    }
}

/// Rows of values as Excel and WPS put a block on the clipboard: cells separated by tabs,
/// rows ended by CRLF; a value holding a tab, a line break or a double quote is quoted,
/// with its quotes doubled. [`parse_paste`] reads it back unchanged.
pub fn copy_block(rows: &[Vec<String>]) -> String {
    let mut text = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|value| {
                if value.contains(['\t', '\n', '\r', '"']) {
                    format!("\"{}\"", value.replace('"', "\"\""))
                } else {
                    value.clone()
                }
            })
            .collect();
        text.push_str(&cells.join("\t"));
        text.push_str("\r\n");
    }
    text
}

/// Pairs each pasted value with the cell it lands in, starting at `start`, or refuses the
/// whole block when any part of it falls outside the table.
pub fn place_block(
    grid: &[Vec<String>],
    start: &str,
    block: &[Vec<String>],
) -> Result<Vec<(String, String)>, PasteError> {
    if block.is_empty() {
        return Err(PasteError::Empty);
    }
    let (line, position) = grid_position(grid, start).ok_or(PasteError::UnknownCell)?;
    let overflow = PasteError::Overflow {
        rows: block.len(),
        columns: block.iter().map(Vec::len).max().unwrap_or(0),
    };
    let mut placed = Vec::new();
    for (offset, values) in block.iter().enumerate() {
        let keys = grid.get(line + offset).ok_or_else(|| overflow.clone())?;
        for (column, value) in values.iter().enumerate() {
            let key = keys
                .get(position + column)
                .ok_or_else(|| overflow.clone())?;
            placed.push((key.clone(), value.clone()));
        }
    }
    Ok(placed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Template;

    #[test]
    fn reads_excel_text() {
        let block = parse_paste("1,234\t５\t\r\n\"7\"\t 8 \r\n");
        assert_eq!(block, vec![vec!["1,234", "５", ""], vec!["7", "8"]]);
        assert!(parse_paste("\n").is_empty());
    }

    #[test]
    fn a_quoted_cell_is_read_whole() {
        // A line break inside a quoted cell does not start a row; a tab does not split it.
        assert_eq!(
            parse_paste("\"12\n(含结转)\"\t5\r\n3\t\"4\t\"\r\n"),
            vec![vec!["12\n(含结转)", "5"], vec!["3", "4"]]
        );
        // A quote never closed is text like any other.
        assert_eq!(
            parse_paste("\"abc\t5\n6"),
            vec![vec!["\"abc", "5"], vec!["6"]]
        );
        // Quotes inside an unquoted cell stay.
        assert_eq!(
            parse_paste("5\"\t\"\"\"7\"\"\""),
            vec![vec!["5\"", "\"7\""]]
        );
    }

    #[test]
    fn places_from_the_focused_cell_or_refuses() {
        let table = Template::for_year(2023).table("requests").expect("table");
        let grid = nav_grid(table);
        assert_eq!(grid.len(), 25);
        let block = parse_paste("1\t2\n3\t4");
        let placed = place_block(&grid, "requests.new.other", &block).expect("fits");
        assert_eq!(placed[1], ("requests.new.total".into(), "2".into()));
        assert_eq!(placed[2].0, "requests.carried_in.other");
        let refused = place_block(&grid, "requests.new.total", &block);
        assert_eq!(
            refused,
            Err(PasteError::Overflow {
                rows: 2,
                columns: 2
            })
        );
        let refused = place_block(&grid, "requests.carried_out.natural", &block);
        assert!(refused.is_err());
    }

    #[test]
    fn moves_around_a_ragged_grid() {
        let table = Template::for_year(2023).table("active").expect("table");
        let grid = nav_grid(table);
        let at = |key: &str, step| grid_step(&grid, key, step);
        assert_eq!(
            at("active.normative_docs.in_force", GridMove::Down).as_deref(),
            Some("active.licensing.decisions")
        );
        assert_eq!(
            at("active.regulations.in_force", GridMove::Next).as_deref(),
            Some("active.normative_docs.issued")
        );
        assert_eq!(
            at("active.normative_docs.issued", GridMove::Prev).as_deref(),
            Some("active.regulations.in_force")
        );
        assert_eq!(at("active.regulations.issued", GridMove::Up), None);
        assert_eq!(at("active.regulations.issued", GridMove::Left), None);
        assert_eq!(at("active.fees.amount_wan", GridMove::Next), None);
        assert_eq!(
            at("active.normative_docs.repealed", GridMove::LineStart).as_deref(),
            Some("active.normative_docs.issued")
        );
        assert_eq!(
            at("active.normative_docs.issued", GridMove::LineEnd).as_deref(),
            Some("active.normative_docs.in_force")
        );
        assert_eq!(
            at("active.licensing.decisions", GridMove::First).as_deref(),
            Some("active.regulations.issued")
        );
        assert_eq!(
            at("active.regulations.issued", GridMove::Last).as_deref(),
            Some("active.fees.amount_wan")
        );
    }

    #[test]
    fn selects_a_rectangle_either_way() {
        let table = Template::for_year(2023).table("requests").expect("table");
        let grid = nav_grid(table);
        let range = GridRange::between(
            &grid,
            "requests.carried_in.business",
            "requests.new.natural",
        )
        .expect("both in the grid");
        assert_eq!(range.lines, (0, 1));
        assert_eq!(range.positions, (0, 1));
        assert_eq!(
            range.keys(&grid),
            vec![
                vec!["requests.new.natural", "requests.new.business"],
                vec![
                    "requests.carried_in.natural",
                    "requests.carried_in.business"
                ],
            ]
        );
        assert_eq!(range.count(&grid), 4);
        assert_eq!(range.origin(&grid).as_deref(), Some("requests.new.natural"));
        assert!(range.contains(1, 1));
        assert!(!range.contains(2, 0));
        let one =
            GridRange::between(&grid, "requests.new.total", "requests.new.total").expect("in");
        assert_eq!(one.count(&grid), 1);
        assert_eq!(
            GridRange::between(&grid, "requests.new.total", "appeals.review.total"),
            None
        );
    }

    #[test]
    fn a_range_on_a_ragged_grid_holds_only_real_cells() {
        let table = Template::for_year(2023).table("active").expect("table");
        let grid = nav_grid(table);
        // From 规章 · 现行有效件数 (third of three) down to 行政许可 (a one-cell line).
        let range = GridRange::between(
            &grid,
            "active.regulations.in_force",
            "active.licensing.decisions",
        )
        .expect("in");
        let keys = range.keys(&grid);
        assert_eq!(keys.len(), 3);
        assert_eq!(keys[2], vec!["active.licensing.decisions"]);
        assert_eq!(range.count(&grid), 7);
    }

    #[test]
    fn a_copied_block_pastes_back_unchanged() {
        let rows = vec![
            vec!["1,234".to_string(), "".to_string(), "0.5".to_string()],
            vec!["a\tb".to_string(), "say \"x\"".to_string(), "7".to_string()],
        ];
        let text = copy_block(&rows);
        assert_eq!(text, "1,234\t\t0.5\r\n\"a\tb\"\t\"say \"\"x\"\"\"\t7\r\n");
        assert_eq!(
            parse_paste(&text),
            vec![vec!["1,234", "", "0.5"], vec!["a\tb", "say \"x\"", "7"],]
        );
    }

    #[test]
    fn table_four_is_one_line() {
        let table = Template::for_year(2023).table("appeals").expect("table");
        let grid = nav_grid(table);
        assert_eq!(grid.len(), 1);
        assert_eq!(grid[0].len(), 15);
        assert_eq!(grid[0][5], "appeals.suit_direct.upheld");
    }
}
