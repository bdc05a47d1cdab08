//! Auto-totals (自动合计): filling every total cell from its parts, in the order the parts
//! become known: the 总计 of each row of table 三 (结转下年度's too), then （七）总计 per
//! column, then the 总计 of table 四. Only sums: 四、结转下年度 itself is never computed, so the
//! form's balance (一 + 二 = 三 + 四) is always the clerk's figures checked against each
//! other and a typo in 一 cannot vanish into a computed carry-over. Cells the user overrode
//! are left as typed. A total whose parts are not all readable becomes blank rather than
//! guessed.

use crate::figure::Figure;
use crate::formula::{Formula, formulas};
use crate::model::{CellValue, Report};
use std::io::Write;

/// What auto-totals would put in each computed cell, in computation order: `None` when a part
/// is blank or unreadable. Overridden cells are listed too (with what they would be) and their
/// typed value is used by the totals computed after them, as the UI shows it.
pub fn computed_totals(report: &Report) -> Vec<(String, Option<Figure>)> {
    compute(report, false)
        .into_iter()
        .map(|(key, value)| (key.to_string(), value))
        .collect()
}

/// Fills every computed total of the report except the overridden ones. Returns the keys
/// whose value changed.
pub fn apply_auto_totals(report: &mut Report) -> Vec<String> {
    let mut changed = Vec::new();
    for (key, value) in compute(report, true) {
        if write_total(report, key, value.and_then(|figure| figure.as_whole())) {
            changed.push(key.to_string());
        }
    }
    changed
}

/// Writes total `key` as auto-totals does: the whole number, or blank. Returns whether the
/// cell changed.
fn write_total(report: &mut Report, key: &str, whole: Option<i64>) -> bool {
    match whole {
        Some(whole) if holds_whole(report.figures.get(key), whole) => false,
        Some(whole) => {
            report
                .figures
                .insert(key.to_string(), CellValue::whole(whole));
            true
        }
        None => report.figures.remove(key).is_some(),
    }
}

/// What `formula` gives with each of its cells read by `part` (by template position):
/// `None` when one of them is blank or unreadable.
fn evaluate(formula: &Formula, part: impl Fn(usize) -> Option<Figure>) -> Option<Figure> {
    let sum = |indices: &[usize]| {
        indices
            .iter()
            .try_fold(Figure::whole(0), |sum, &index| part(index).map(|p| sum + p))
    };
    Some(sum(&formula.plus)? - sum(&formula.minus)?)
}

/// Whether a cell holds `whole` as auto-totals writes it ([`CellValue::whole`]), compared
/// without writing it out.
fn holds_whole(value: Option<&CellValue>, whole: i64) -> bool {
    let Some(CellValue::Number(text)) = value else {
        return false;
    };
    let mut buffer = [0u8; 24];
    let mut rest = &mut buffer[..];
    if write!(rest, "{whole}").is_err() {
        return false;
    }
    let unused = rest.len();
    text.as_bytes() == &buffer[..buffer.len() - unused]
}

/// Evaluates the computing formulas in order, each reading what the formulas before it
/// computed. With `only_write` it returns what to write into each total that is not
/// overridden (the report is not changed); without, every total with what it would be,
/// overridden ones included.
///
/// Every cell is read and parsed once, by its template position, the report's figures and
/// the template's keys walked in step (both are sorted), and nothing is allocated per
/// formula: looking each part up by key and parsing it again for every formula that reads
/// it, then copying all the figures to see what changed, was 109 µs natively (25 µs for
/// this), and it runs at every keystroke into a cell of a report with auto-totals on
/// (issue 15).
fn compute(report: &Report, only_write: bool) -> Vec<(&'static str, Option<Figure>)> {
    let template = report.template();
    let cells = template.cells();
    let mut figures: Vec<Option<Figure>> = vec![None; cells.len()];
    let mut known = template.sorted_cell_positions().peekable();
    for (key, value) in &report.figures {
        while known.next_if(|(known, _)| *known < key.as_str()).is_some() {}
        if let Some(&(_, index)) = known.peek().filter(|(known, _)| *known == key.as_str()) {
            figures[index] = value.figure(cells[index].kind).ok();
        }
    }
    let mut results = Vec::new();
    for formula in formulas(template).iter().filter(|formula| formula.computes) {
        let Some(total) = cells.get(formula.total) else {
            continue;
        };
        let value = evaluate(formula, |index| figures.get(index).copied().flatten());
        let overridden = report.is_overridden(&total.key);
        if !overridden {
            // What the formulas after it read: the total as written into the report (a whole
            // number, or blank) and read back from there.
            figures[formula.total] = value
                .and_then(|figure| figure.as_whole())
                .and_then(|whole| Figure::whole_as_read(whole, total.kind));
        }
        if !only_write || !overridden {
            results.push((total.key.as_str(), value));
        }
    }
    results
}

/// Brings up to date the totals that cell `key` feeds, directly or through other totals,
/// after an edit of that cell alone in a report whose totals were up to date before it (as
/// [`apply_auto_totals`] leaves them). Returns the keys whose value changed. The editor
/// runs it for the keys that join a cell's typing: evaluating every formula at every digit
/// was most of a digit's JavaScript at 4× CPU throttling with auto-totals on (issue 15).
pub fn apply_auto_totals_after(report: &mut Report, key: &str) -> Vec<String> {
    let template = report.template();
    let cells = template.cells();
    let Some(edited) = template.cell_index(key) else {
        return Vec::new();
    };
    // A computed total typed into without being overridden is computed again, from its parts.
    if crate::formula::is_computed(template, key) && !report.is_overridden(key) {
        return apply_auto_totals(report);
    }
    // The cells whose value may have changed: the one edited, then each total computed
    // from one of them (formulas come in the order they are computed).
    let mut moved = vec![edited];
    let mut changed = Vec::new();
    for formula in formulas(template).iter().filter(|formula| formula.computes) {
        let feeds = |indices: &[usize]| indices.iter().any(|index| moved.contains(index));
        if !feeds(&formula.plus) && !feeds(&formula.minus) {
            continue;
        }
        let Some(total) = cells.get(formula.total) else {
            continue;
        };
        if report.is_overridden(&total.key) {
            continue;
        }
        let value = evaluate(formula, |index| {
            let spec = cells.get(index)?;
            report.figures.get(&spec.key)?.figure(spec.kind).ok()
        });
        if write_total(
            report,
            &total.key,
            value.and_then(|figure| figure.as_whole()),
        ) {
            changed.push(total.key.clone());
            moved.push(formula.total);
        }
    }
    changed
}
