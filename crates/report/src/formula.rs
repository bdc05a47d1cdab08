//! The arithmetic between cells (`spec/official-format.md` §B.1, B.2, R5) as data: each
//! formula says `total = Σ plus − Σ minus` over cell positions of a template. Validation
//! checks them; auto-totals evaluates the computable ones in order. Built once per template.

use std::sync::LazyLock;

use crate::finding::Rule;
use crate::template::{Template, TemplateId};

/// `total = Σ plus − Σ minus`, over positions in `Template::cells()`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Formula {
    /// The rule a mismatch is reported under.
    pub(crate) rule: Rule,
    /// The cell the formula determines.
    pub(crate) total: usize,
    /// Cells added.
    pub(crate) plus: Vec<usize>,
    /// Cells subtracted.
    pub(crate) minus: Vec<usize>,
    /// Whether auto-totals fills `total` from this formula: sums only. The row total of
    /// （七） is checked but not used to fill (its column formula fills it), and the balance
    /// (结转下年度) is only checked.
    pub(crate) computes: bool,
}

/// The requests rows that are not outcomes of 三、本年度办理结果.
const NON_OUTCOME_ROWS: [&str; 4] = ["new", "carried_in", "handled_total", "carried_out"];

/// The applicant columns of table 三 (every column but 总计).
const APPLICANT_COLUMNS: [&str; 6] = [
    "natural",
    "business",
    "research",
    "nonprofit",
    "legal",
    "other",
];

/// The four result columns of table 四 (every column but 总计).
const APPEAL_PARTS: [&str; 4] = ["upheld", "corrected", "other", "pending"];

/// The formulas of a template in evaluation order: row totals, then （七） per column, then
/// the balance (四) per column, then table 四.
pub(crate) fn formulas(template: &Template) -> &'static [Formula] {
    static GOV_2021: LazyLock<Vec<Formula>> =
        LazyLock::new(|| build(Template::get(TemplateId::Gov2021)));
    static GOV_2019: LazyLock<Vec<Formula>> =
        LazyLock::new(|| build(Template::get(TemplateId::Gov2019)));
    match template.id {
        TemplateId::Gov2021 => &GOV_2021,
        TemplateId::Gov2019 => &GOV_2019,
        TemplateId::Legacy => &[],
    }
}

impl Formula {
    /// Whether it reads the cell at template position `index`.
    pub(crate) fn reads(&self, index: usize) -> bool {
        self.total == index || self.plus.contains(&index) || self.minus.contains(&index)
    }
}

fn build(template: &Template) -> Vec<Formula> {
    let position = |key: String| template.cell_index(&key);
    let mut formulas = Vec::new();
    if let Some(requests) = template.table("requests") {
        let rows: Vec<&str> = requests.rows().map(|row| row.key).collect();
        let columns: Vec<&str> = requests
            .blocks
            .iter()
            .flat_map(|block| block.columns.iter().map(|column| column.key))
            .collect();
        let outcomes: Vec<&str> = rows
            .iter()
            .copied()
            .filter(|row| !NON_OUTCOME_ROWS.contains(row))
            .collect();
        for row in &rows {
            let parts = APPLICANT_COLUMNS
                .iter()
                .map(|column| format!("requests.{row}.{column}"));
            push(
                &mut formulas,
                Rule::RequestsRowTotal,
                format!("requests.{row}.total"),
                parts,
                [],
                // （七）总计's own 总计 comes from its column formula below.
                *row != "handled_total",
                &position,
            );
        }
        for column in &columns {
            let parts = outcomes
                .iter()
                .map(|row| format!("requests.{row}.{column}"));
            let total = format!("requests.handled_total.{column}");
            push(
                &mut formulas,
                Rule::RequestsHandledTotal,
                total,
                parts,
                [],
                true,
                &position,
            );
        }
        for column in &columns {
            let plus = ["new", "carried_in"].map(|row| format!("requests.{row}.{column}"));
            let minus = [format!("requests.handled_total.{column}")];
            let total = format!("requests.carried_out.{column}");
            // Checked, never computed: 结转下年度 is the clerk's to type, so the form's own
            // balance (一 + 二 = 三 + 四) can always fail and catch a typo in 一 or 二.
            push(
                &mut formulas,
                Rule::RequestsBalance,
                total,
                plus,
                minus,
                false,
                &position,
            );
        }
    }
    if let Some(appeals) = template.table("appeals") {
        for row in appeals.rows() {
            let parts = APPEAL_PARTS
                .iter()
                .map(|column| format!("appeals.{}.{column}", row.key));
            let total = format!("appeals.{}.total", row.key);
            push(
                &mut formulas,
                Rule::AppealsTotal,
                total,
                parts,
                [],
                true,
                &position,
            );
        }
    }
    formulas
}

/// Adds a formula when every cell it names exists in the template.
fn push(
    formulas: &mut Vec<Formula>,
    rule: Rule,
    total: String,
    plus: impl IntoIterator<Item = String>,
    minus: impl IntoIterator<Item = String>,
    computes: bool,
    position: &impl Fn(String) -> Option<usize>,
) {
    let positions = |keys: &mut dyn Iterator<Item = String>| -> Option<Vec<usize>> {
        keys.map(position).collect()
    };
    let (Some(total), Some(plus), Some(minus)) = (
        position(total),
        positions(&mut plus.into_iter()),
        positions(&mut minus.into_iter()),
    ) else {
        return;
    };
    formulas.push(Formula {
        rule,
        total,
        plus,
        minus,
        computes,
    });
}

/// Whether auto-totals computes this cell (so a UI can shade it and make it read-only).
pub fn is_computed(template: &Template, key: &str) -> bool {
    template.cell_index(key).is_some_and(|index| {
        formulas(template)
            .iter()
            .any(|f| f.computes && f.total == index)
    })
}
