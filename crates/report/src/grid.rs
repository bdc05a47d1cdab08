//! A table as the keyboard sees it: the navigation grid of cell keys, moving around it, and
//! pasting a block copied from Excel or WPS from the focused cell.
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
/// cells by tabs, one trailing line break ignored, each cell trimmed. Excel quotes a cell
/// holding a tab or a line break in double quotes; such quotes are removed.
pub fn parse_paste(text: &str) -> Vec<Vec<String>> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.strip_suffix('\n').unwrap_or(&text);
    if text.trim().is_empty() {
        return Vec::new();
    }
    text.split('\n')
        .map(|line| line.split('\t').map(clean_cell).collect())
        .collect()
}

fn clean_cell(cell: &str) -> String {
    let cell = cell.trim();
    let unquoted = cell
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
        .unwrap_or(cell);
    unquoted.replace("\"\"", "\"").trim().to_string()
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
    };
    let keys = grid.get(line)?;
    let position = match step {
        GridMove::Up | GridMove::Down => position.min(keys.len().saturating_sub(1)),
        _ => position,
    };
    keys.get(position).cloned()
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
