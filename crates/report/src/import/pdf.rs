//! Text that came out of a PDF (pdftotext plain or `-layout`, or copied from a PDF viewer):
//! page furniture removed (page numbers, form feeds, running headers), lines wrapped by the
//! page joined back into paragraphs, and table figures read in the order the official table
//! prints them, when the labels and values of a table no longer share lines.

use crate::figure::{CellKind, Figure, parse_figure};
use crate::formula::formulas;
use crate::model::Report;
use crate::template::{TableSpec, Template};

/// The lines of `text` without page furniture: form feeds, page-number lines (`-3-`,
/// `— 3 —`, `- 3 -`, `第3页`, `第 3 页 共 8 页`) and a running header or footer (the same
/// short line at a page edge on three or more pages). Also the indices of the lines that
/// open a page: a sentence broken there continues on them.
pub(super) fn clean_lines(text: &str) -> (Vec<String>, Vec<usize>) {
    let mut lines: Vec<String> = Vec::new();
    // Indices of the lines at a page edge (first or last non-blank line of a page).
    let mut edges: Vec<usize> = Vec::new();
    let mut page_starts = Vec::new();
    for (page_index, page) in text.split('\u{c}').enumerate() {
        let mut page_start = true;
        let mut broken = page_index > 0;
        for raw in page.split('\n') {
            let line = raw.trim_end_matches('\r');
            if is_page_number(line) {
                if let Some(last) = last_non_blank(&lines) {
                    edges.push(last);
                }
                page_start = true;
                broken = true;
                lines.push(String::new());
                continue;
            }
            if !line.trim().is_empty() {
                if page_start {
                    edges.push(lines.len());
                    page_start = false;
                }
                if broken {
                    page_starts.push(lines.len());
                    broken = false;
                }
            }
            lines.push(line.to_string());
        }
    }
    drop_running_headers(&mut lines, &edges);
    (lines, page_starts)
}

fn last_non_blank(lines: &[String]) -> Option<usize> {
    lines.iter().rposition(|line| !line.trim().is_empty())
}

/// `-3-`, `- 3 -`, `— 3 —`, `－3－`, `第3页`, `第 3 页 共 8 页`, `3 / 8` style page numbers.
pub(super) fn is_page_number(line: &str) -> bool {
    let text: String = line.chars().filter(|ch| !ch.is_whitespace()).collect();
    if text.is_empty() {
        return false;
    }
    let dashes = |ch: char| matches!(ch, '-' | '—' | '–' | '－' | '‒' | '―' | '~' | '〜');
    let inner = text.trim_matches(dashes);
    if inner.len() < text.len()
        && text.starts_with(dashes)
        && text.ends_with(dashes)
        && !inner.is_empty()
        && inner.len() <= 4
        && inner.chars().all(|ch| ch.is_ascii_digit())
    {
        return true;
    }
    if let Some(rest) = text.strip_prefix('第') {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() && digits.len() <= 4 {
            let after = &rest[digits.len()..];
            if after == "页" {
                return true;
            }
            if let Some(total) = after
                .strip_prefix("页共")
                .and_then(|total| total.strip_suffix('页'))
            {
                return !total.is_empty() && total.chars().all(|ch| ch.is_ascii_digit());
            }
        }
    }
    false
}

/// Removes a line that stands at a page edge on three or more pages with the same text (the
/// agency's name or the report title printed on every page). Headings are never in this
/// position three times, so nothing of the report goes.
fn drop_running_headers(lines: &mut [String], edges: &[usize]) {
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for &edge in edges {
        let text = lines[edge].trim().to_string();
        let words = text.chars().filter(|ch| is_cjk(*ch)).count();
        // A page-edge figure or label of a table is not a header: only short lines of words.
        if words >= 2 && text.chars().count() <= 40 && !is_figure_token(&text) {
            *counts.entry(text).or_default() += 1;
        }
    }
    for &edge in edges {
        let text = lines[edge].trim();
        if counts.get(text).is_some_and(|count| *count >= 3) {
            lines[edge].clear();
        }
    }
}

/// Whether a prose line ends a sentence (so the next line starts a new paragraph).
pub(super) fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .chars()
        .last()
        .is_some_and(|ch| "。！？!?；;：:…".contains(ch))
}

/// Whether a line opens a heading or a numbered item (一、 （一） 1. 1、 第一部分 ①).
pub(super) fn opens_item(line: &str) -> bool {
    let text = line.trim_start();
    let mut chars = text.chars();
    match chars.next() {
        Some('（' | '(') => chars
            .next()
            .is_some_and(|ch| "一二三四五六七八九十".contains(ch) || ch.is_ascii_digit()),
        Some(ch) if "一二三四五六七八九十".contains(ch) => {
            text.chars()
                .find(|ch| !"一二三四五六七八九十".contains(*ch))
                .is_some_and(|ch| matches!(ch, '、' | '是' | '.' | '．'))
                && !text.starts_with("一是")
        }
        Some(ch) if ch.is_ascii_digit() => text
            .chars()
            .find(|ch| !ch.is_ascii_digit())
            .is_some_and(|ch| matches!(ch, '.' | '、' | '．' | ')' | '）')),
        Some('第') => text
            .chars()
            .nth(2)
            .is_some_and(|ch| ch == '部' || ch == '、'),
        Some(ch) => ('①'..='⑳').contains(&ch),
        None => false,
    }
}

/// The width of a full line of this text: the longest prose lines, ignoring a few outliers.
/// Text from a PDF wraps at about this many characters; a line this long that does not end
/// a sentence continues on the next.
pub(super) fn full_width(lines: &[&str]) -> usize {
    // Rows of a table laid out with spaces (`-layout`) are wider than the text: left out.
    let mut widths: Vec<usize> = lines
        .iter()
        .map(|line| line.trim())
        .filter(|line| !line.contains("  "))
        .map(|line| line.chars().count())
        .filter(|width| *width >= 8)
        .collect();
    if widths.len() < 5 {
        return usize::MAX;
    }
    widths.sort_unstable();
    widths[widths.len() * 9 / 10]
}

/// A figure token as tables print it: `3001`, `1,288`, `96171.6`, `75394432.52元`, `3件`;
/// not `1.` or `1、` (item numbers) nor a year in a caption (`2024年`).
pub(super) fn is_figure_token(token: &str) -> bool {
    let body = token
        .strip_suffix("万元")
        .or_else(|| token.strip_suffix('元'))
        .or_else(|| token.strip_suffix('件'))
        .unwrap_or(token);
    let (int, frac) = match body.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (body, None),
    };
    let int_ok = !int.is_empty()
        && (int.bytes().all(|b| b.is_ascii_digit())
            || (int.contains(',')
                && int.split(',').enumerate().all(|(i, group)| {
                    (if i == 0 {
                        (1..=3).contains(&group.len())
                    } else {
                        group.len() == 3
                    }) && group.bytes().all(|b| b.is_ascii_digit())
                })));
    let frac_ok =
        frac.is_none_or(|frac| !frac.is_empty() && frac.bytes().all(|b| b.is_ascii_digit()));
    int_ok && frac_ok
}

/// The figure tokens of a line of table text, in order; none from a line of prose (one with
/// a full stop), where numbers belong to sentences.
pub(super) fn figure_tokens(line: &str) -> Vec<&str> {
    if line.contains('。') {
        return Vec::new();
    }
    line.split_whitespace()
        .filter(|token| is_figure_token(token))
        .collect()
}

/// How a table was read from text in printed order.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Filled {
    /// Value after value, as printed.
    InOrder,
    /// The runs of values came out of the PDF in another order; the one order that makes
    /// the table's totals add up was taken (the clerk is told to check it).
    Reordered,
    /// The values came out of order and more than one arrangement adds up: taken as they
    /// stand, and the clerk is told.
    Ambiguous,
    /// Cells had no values in the source: each line of values was matched to the row whose
    /// label stands around it, and each value to the column heading above it; this many
    /// cells were left blank, among them these whole rows (their labels).
    Blanks {
        /// How many cells are blank.
        cells: usize,
        /// The rows blank from end to end.
        rows: Vec<&'static str>,
    },
}

/// Fills `table` from the figures of `lines` taken in printed order: the first figure is the
/// first cell of the first row, and so on (how the official table reads when each value
/// stands on a line of its own, or rows are aligned by spaces). Succeeds only when the count
/// is exactly the table's cell count, so a missing or extra value never shifts figures into
/// the wrong cells silently; `Err` says how many were found and how many the table has.
///
/// Plain PDF extraction sometimes emits a small table's columns in another order (table 四:
/// `72 64 178 37 | 12 1 1 6 | 351 | …`). When the values as they stand break the table's
/// totals and the table came in a few runs (values on consecutive lines), the runs are
/// rearranged to the order that makes every total add up; when several do, a run printed
/// right after one row's caption (`复议后起诉`) is kept in that row, and then the order
/// nearest the text wins; a tie still is reported, never guessed.
pub(super) fn fill_in_printed_order(
    report: &mut Report,
    table: &TableSpec,
    lines: &[&str],
) -> Result<Filled, (usize, usize)> {
    let mut keys: Vec<(String, &'static str)> = Vec::new();
    for block in table.blocks {
        for row in block.rows {
            for column in block.columns {
                keys.push((
                    format!("{}.{}.{}", table.id, row.key, column.key),
                    row.label,
                ));
            }
        }
    }
    let runs = runs_of(lines, table);
    let count: usize = runs.iter().map(|run| run.values.len()).sum();
    if count < keys.len()
        && let Some(rows) = fill_by_row_labels(report, table, lines)
    {
        return Ok(Filled::Blanks {
            cells: keys.len() - count,
            rows,
        });
    }
    if count != keys.len() {
        return Err((count, keys.len()));
    }
    let template = report.template();
    let adds_up = |order: &[usize]| {
        let values: Vec<&str> = order
            .iter()
            .flat_map(|&run| runs[run].values.iter().copied())
            .collect();
        totals_hold(template, &keys, &values)
    };
    let in_order: Vec<usize> = (0..runs.len()).collect();
    let (order, filled) = if adds_up(&in_order) || runs.len() > 8 {
        (in_order, Filled::InOrder)
    } else {
        let mut valid: Vec<Vec<usize>> = Vec::new();
        permutations(&mut in_order.clone(), 0, &mut |order| {
            if adds_up(order) {
                valid.push(order.to_vec());
            }
        });
        // Runs after one row's caption stay in that row; then the order nearest the text.
        let score = |order: &[usize]| {
            (
                caption_score(&runs, order, &keys),
                std::cmp::Reverse(inversions(order)),
            )
        };
        let best = valid.iter().map(|order| score(order)).max();
        let winners: Vec<&Vec<usize>> = valid
            .iter()
            .filter(|order| Some(score(order)) == best)
            .collect();
        match winners.as_slice() {
            [] => (in_order, Filled::InOrder),
            [only] => ((*only).clone(), Filled::Reordered),
            _ => (in_order, Filled::Ambiguous),
        }
    };
    let values = order
        .iter()
        .flat_map(|&run| runs[run].values.iter().copied());
    for ((key, _), value) in keys.iter().zip(values) {
        report.set_cell(key, value);
    }
    Ok(filled)
}

/// Fills `table` when whole rows are blank in the source: each line of values (a row as
/// `-layout` text prints it) is matched to a row of the table with as many columns, in
/// order, choosing the rows whose labels best match the words around each line (a label
/// printed over several lines sits before, beside and after its values). Rows no line is
/// matched to stay blank; their labels are returned. `None` when a line has a number of
/// values no row has, or the lines cannot be matched in order.
fn fill_by_row_labels<'a>(
    report: &mut Report,
    table: &TableSpec,
    lines: &[&'a str],
) -> Option<Vec<&'static str>> {
    // Each row with its block's columns and where those columns stand in the text.
    let first_values = lines
        .iter()
        .position(|line| !figure_tokens(line).is_empty())?;
    let centres: Vec<Option<Vec<usize>>> = table
        .blocks
        .iter()
        .map(|block| column_centres(&lines[..first_values], block.columns))
        .collect();
    let rows: Vec<PlacedRow<'_>> = table
        .blocks
        .iter()
        .zip(&centres)
        .flat_map(|(block, centres)| {
            block
                .rows
                .iter()
                .map(move |row| (*row, block.columns, centres.as_deref()))
        })
        .collect();
    let placed = |line: &'a str, row: usize| {
        let (_, columns, centres) = rows[row];
        placed(line, columns.len(), centres)
    };
    // Each line of values, with the words around it: the text lines since the previous line
    // of values, its own words, and the text lines up to the next.
    let value_lines: Vec<usize> = (0..lines.len())
        .filter(|&i| !figure_tokens(lines[i]).is_empty())
        .collect();
    if value_lines.is_empty() || value_lines.len() > rows.len() {
        return None;
    }
    let words = |i: usize| -> String {
        lines[i]
            .split_whitespace()
            .filter(|token| !is_figure_token(token))
            .collect()
    };
    // The words around each line of values, near (its own line, then the lines just before
    // and after it) and wide (every text line since the previous line of values and up to
    // the next): a row's label is nearest its values, and the nearer match counts more.
    let contexts: Vec<[String; 3]> = value_lines
        .iter()
        .enumerate()
        .map(|(n, &line)| {
            let start = if n == 0 { 0 } else { value_lines[n - 1] + 1 };
            let end = value_lines.get(n + 1).copied().unwrap_or(lines.len());
            let adjacent = (line.saturating_sub(1).max(start)..(line + 2).min(end))
                .map(words)
                .collect();
            [words(line), adjacent, (start..end).map(words).collect()]
        })
        .collect();
    let score = |n: usize, row: usize| -> Option<usize> {
        let (spec, _, _) = rows[row];
        placed(lines[value_lines[n]], row)?;
        let label: Vec<char> = spec
            .label
            .chars()
            .filter(|ch| !ch.is_whitespace())
            .collect();
        let pairs: Vec<String> = label.windows(2).map(|pair| pair.iter().collect()).collect();
        // Per mille of the label found, so long labels do not outweigh short ones.
        let found = |context: &str| {
            let hits = pairs
                .iter()
                .filter(|pair| context.contains(pair.as_str()))
                .count();
            hits * 1000 / pairs.len().max(1)
        };
        let [own, adjacent, wide] = &contexts[n];
        Some(4 * found(own) + 2 * found(adjacent) + found(wide))
    };
    // best[n][r]: the best total matching the first n lines within the first r rows.
    let (m, k) = (value_lines.len(), rows.len());
    let mut best = vec![vec![None::<usize>; k + 1]; m + 1];
    for cell in best[0].iter_mut() {
        *cell = Some(0);
    }
    for n in 1..=m {
        for r in 1..=k {
            let skip = best[n][r - 1];
            let take = best[n - 1][r - 1]
                .zip(score(n - 1, r - 1))
                .map(|(a, b)| a + b);
            best[n][r] = skip.max(take);
        }
    }
    best[m][k]?;
    // Walk back: which row each line went to.
    let mut assigned = vec![None; k];
    let (mut n, mut r) = (m, k);
    while n > 0 && r > 0 {
        // Taking the row when it gives the best total; otherwise the row stays blank.
        let take = best[n - 1][r - 1]
            .zip(score(n - 1, r - 1))
            .map(|(a, b)| a + b);
        if take.is_some() && take == best[n][r] {
            assigned[r - 1] = Some(value_lines[n - 1]);
            n -= 1;
        }
        r -= 1;
    }
    let mut blank = Vec::new();
    for (row, line) in assigned.iter().enumerate() {
        let (spec, columns, _) = rows[row];
        match line {
            Some(line) => {
                for (column, value) in placed(lines[*line], row)? {
                    let key = format!("{}.{}.{}", table.id, spec.key, columns[column].key);
                    report.set_cell(&key, value);
                }
            }
            None => blank.push(spec.label),
        }
    }
    Some(blank)
}

/// A row of a table, its block's columns and where they stand in the text (when known).
type PlacedRow<'c> = (
    &'static crate::template::RowSpec,
    &'static [crate::template::ColumnSpec],
    Option<&'c [usize]>,
);

/// Which column each value of a line stands in: in order when the line is full, by position
/// under the column headings (`centres`) when some of its cells are blank.
fn placed<'a>(
    line: &'a str,
    columns: usize,
    centres: Option<&[usize]>,
) -> Option<Vec<(usize, &'a str)>> {
    let tokens = positioned_tokens(line);
    if tokens.len() == columns {
        return Some(
            tokens
                .into_iter()
                .map(|(token, _)| token)
                .enumerate()
                .collect(),
        );
    }
    place(&tokens, centres?)
}

/// How many columns of `-layout` text a string takes: two for a Chinese character.
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|ch| if ch.is_ascii() { 1 } else { 2 })
        .sum()
}

/// The figure tokens of a line with the text column at each one's centre.
fn positioned_tokens(line: &str) -> Vec<(&str, usize)> {
    if line.contains('。') {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut rest = line;
    let mut column = 0;
    while let Some(start) = rest.find(|ch: char| !ch.is_whitespace()) {
        column += display_width(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let token = &rest[..end];
        let width = display_width(token);
        if is_figure_token(token) {
            out.push((token, column + width / 2));
        }
        column += width;
        rest = &rest[end..];
    }
    out
}

/// Where each column's heading stands in the header lines above a table's values: the
/// centre of the first two characters of its label (headings wrap, so a label is seldom
/// whole on one line), taken left to right so each column is right of the one before.
/// `None` when a heading is not found.
fn column_centres(header: &[&str], columns: &[crate::template::ColumnSpec]) -> Option<Vec<usize>> {
    let mut centres = Vec::with_capacity(columns.len());
    let mut after = 0;
    for column in columns {
        let start: String = column
            .label
            .chars()
            .filter(|ch| !ch.is_whitespace())
            .take(2)
            .collect();
        let mut found: Option<usize> = None;
        for line in header {
            for (at, _) in line.match_indices(start.as_str()) {
                let centre = display_width(&line[..at]) + display_width(&start) / 2;
                if centre > after && found.is_none_or(|best| centre < best) {
                    found = Some(centre);
                }
            }
        }
        after = found?;
        centres.push(after);
    }
    Some(centres)
}

/// The column of each value by the nearest heading, when they stand in order, one per column.
fn place<'a>(tokens: &[(&'a str, usize)], centres: &[usize]) -> Option<Vec<(usize, &'a str)>> {
    let mut placed: Vec<(usize, &str)> = Vec::with_capacity(tokens.len());
    for &(token, at) in tokens {
        let column = (0..centres.len()).min_by_key(|&c| centres[c].abs_diff(at))?;
        if placed
            .last()
            .is_some_and(|&(previous, _)| previous >= column)
        {
            return None;
        }
        placed.push((column, token));
    }
    Some(placed)
}

/// Values on consecutive lines (blank lines between them do not matter), and the row
/// captions of the table seen in the words just before them.
struct Run<'a> {
    values: Vec<&'a str>,
    captions: Vec<&'static str>,
}

fn runs_of<'a>(lines: &[&'a str], table: &TableSpec) -> Vec<Run<'a>> {
    let captions: Vec<&'static str> = table.rows().map(|row| row.label).collect();
    let mut runs: Vec<Run<'a>> = Vec::new();
    let mut words = String::new();
    let mut open = false;
    for line in lines {
        let tokens = figure_tokens(line);
        if tokens.is_empty() {
            if !line.trim().is_empty() {
                open = false;
                words.extend(line.chars().filter(|ch| !ch.is_whitespace()));
            }
            continue;
        }
        if !open {
            let seen = captions
                .iter()
                .copied()
                .filter(|caption| words.contains(caption))
                .collect();
            runs.push(Run {
                values: Vec::new(),
                captions: seen,
            });
            words.clear();
            open = true;
        }
        if let Some(run) = runs.last_mut() {
            run.values.extend(tokens);
        }
    }
    runs
}

/// Whether every total of the template that lies wholly inside `keys` holds for `values`.
fn totals_hold(template: &Template, keys: &[(String, &str)], values: &[&str]) -> bool {
    let cells = template.cells();
    let value_of = |position: usize| -> Option<Figure> {
        let key = &cells.get(position)?.key;
        let at = keys.iter().position(|(k, _)| k == key)?;
        parse_figure(values.get(at)?, CellKind::Amount).ok()
    };
    formulas(template).iter().all(|formula| {
        let total = value_of(formula.total);
        let plus: Option<Vec<Figure>> = formula.plus.iter().map(|&p| value_of(p)).collect();
        let minus: Option<Vec<Figure>> = formula.minus.iter().map(|&p| value_of(p)).collect();
        match (total, plus, minus) {
            (Some(total), Some(plus), Some(minus)) => {
                Figure::sum(plus) == total + Figure::sum(minus)
            }
            // A formula reaching outside this table says nothing about it.
            _ => true,
        }
    })
}

/// How many runs that follow exactly one row caption land wholly in that row.
fn caption_score(runs: &[Run<'_>], order: &[usize], keys: &[(String, &str)]) -> usize {
    let mut start = 0;
    let mut score = 0;
    for &run in order {
        let len = runs[run].values.len();
        if let [caption] = runs[run].captions.as_slice()
            && keys[start..start + len]
                .iter()
                .all(|(_, label)| label == caption)
        {
            score += 1;
        }
        start += len;
    }
    score
}

/// How many pairs of runs an order puts the other way round from the text.
fn inversions(order: &[usize]) -> usize {
    order
        .iter()
        .enumerate()
        .map(|(i, a)| order[i + 1..].iter().filter(|b| *b < a).count())
        .sum()
}

/// Calls `visit` with every ordering of `items[k..]` (Heap's algorithm, in place).
fn permutations(items: &mut Vec<usize>, k: usize, visit: &mut impl FnMut(&[usize])) {
    if k + 1 >= items.len() {
        visit(items);
        return;
    }
    for i in k..items.len() {
        items.swap(k, i);
        permutations(items, k + 1, visit);
        items.swap(k, i);
    }
}

pub(super) fn is_cjk(ch: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&ch) || ('\u{3400}'..='\u{4dbf}').contains(&ch)
}
