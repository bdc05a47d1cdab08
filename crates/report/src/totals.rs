//! Auto-totals (自动合计): filling every total cell from its parts, in the order the parts
//! become known: the 总计 of each row of table 三 (结转下年度's too), then （七）总计 per
//! column, then the 总计 of table 四. Only sums: 四、结转下年度 itself is never computed, so the
//! form's balance (一 + 二 = 三 + 四) is always the clerk's figures checked against each
//! other and a typo in 一 cannot vanish into a computed carry-over. Cells the user overrode
//! are left as typed. A total whose parts are not all readable becomes blank rather than
//! guessed.

use crate::figure::Figure;
use crate::formula::formulas;
use crate::model::{CellValue, Report};

/// What auto-totals would put in each computed cell, in computation order: `None` when a part
/// is blank or unreadable. Overridden cells are listed too (with what they would be) and their
/// typed value is used by the totals computed after them, as the UI shows it.
pub fn computed_totals(report: &Report) -> Vec<(String, Option<Figure>)> {
    let mut scratch = report.clone();
    compute(&mut scratch, false)
}

/// Fills every computed total of the report except the overridden ones. Returns the keys
/// whose value changed.
pub fn apply_auto_totals(report: &mut Report) -> Vec<String> {
    let before = report.figures.clone();
    compute(report, true);
    let mut changed: Vec<String> = report
        .figures
        .iter()
        .filter(|(key, value)| before.get(*key) != Some(*value))
        .map(|(key, _)| key.clone())
        .collect();
    changed.extend(
        before
            .keys()
            .filter(|key| !report.figures.contains_key(*key))
            .cloned(),
    );
    changed
}

/// Evaluates the computing formulas in order, writing each result into `report` so later
/// formulas read it. Overridden cells keep their value; with `only_write` false they are
/// still reported with what they would be.
fn compute(report: &mut Report, only_write: bool) -> Vec<(String, Option<Figure>)> {
    let template = report.template();
    let mut results = Vec::new();
    for formula in formulas(template).iter().filter(|formula| formula.computes) {
        let Some(total) = template.cells().get(formula.total) else {
            continue;
        };
        let read = |indices: &[usize], report: &Report| -> Option<Figure> {
            let parts: Option<Vec<Figure>> = indices
                .iter()
                .map(|&index| {
                    let spec = template.cells().get(index)?;
                    report.cell_figure(&spec.key).ok()
                })
                .collect();
            parts.map(Figure::sum)
        };
        let value = match (read(&formula.plus, report), read(&formula.minus, report)) {
            (Some(plus), Some(minus)) => Some(plus - minus),
            _ => None,
        };
        if !report.is_overridden(&total.key) {
            match value.and_then(|figure| figure.as_whole()) {
                Some(whole) => {
                    report
                        .figures
                        .insert(total.key.clone(), CellValue::whole(whole));
                }
                None => {
                    report.figures.remove(&total.key);
                }
            }
        }
        if !only_write {
            results.push((total.key.clone(), value));
        }
    }
    results
}
