//! Validation: every table and cross-year rule of `spec/report-file.md`, and the prose
//! `narrative.*` rules (in `narrative`, called from here). `validate` never fails and never
//! panics; a cell that cannot be read is reported once, and the rules that would read it stay
//! silent instead of guessing. Messages say what is wrong, by how much and where, in the official labels.

use crate::figure::{CellKind, Figure, FigureError};
use crate::finding::{Finding, Lang, Rule};
use crate::formula::{Formula, formulas};
use crate::model::{CellValue, Report};
use crate::template::{CellSpec, Template, TemplateId};

/// Checks a report, and with `previous` (last year's report, i.e. of `report.year - 1`) the
/// cross-year rules too.
/// Findings come in a stable order: those about the whole report first, then by the template
/// position of the cell they are anchored to, then by rule.
///
/// The editor, which checks after every edit, uses [`crate::Checker`] instead: the same
/// findings, re-reading only what changed.
pub fn validate(report: &Report, previous: Option<&Report>, lang: Lang) -> Vec<Finding> {
    let cells = read_cells(report);
    let sheet = Sheet {
        report,
        cells: &cells,
    };
    let mut tables = |findings: &mut Vec<Finding>| {
        let mut add_cell_findings = |findings: &mut Vec<Finding>| {
            findings.extend(cell_findings(report, sheet.cells, lang).flatten());
        };
        let mut formula_findings = |_: usize, formula: &Formula, findings: &mut Vec<Finding>| {
            check_formula(report.template(), &sheet, formula, lang, findings);
        };
        check_tables(
            &sheet,
            lang,
            &mut add_cell_findings,
            &mut formula_findings,
            findings,
        );
    };
    let mut prose = |findings: &mut Vec<Finding>| {
        crate::narrative::check(report, previous, lang, findings);
    };
    run(&sheet, previous, lang, &mut tables, &mut prose)
}

/// Every rule, in the order [`validate`] reports them, on cells already read (`sheet`);
/// `tables` adds the findings of [`check_tables`], and `prose` those of the prose rules
/// (`narrative`). Shared by [`validate`] and the checker, which keeps those two parts
/// between edits.
pub(crate) fn run(
    sheet: &Sheet<'_>,
    previous: Option<&Report>,
    lang: Lang,
    tables: &mut dyn FnMut(&mut Vec<Finding>),
    prose: &mut dyn FnMut(&mut Vec<Finding>),
) -> Vec<Finding> {
    let report = sheet.report;
    let template = report.template();
    let mut findings = Vec::new();
    check_template_year(report, lang, &mut findings);
    check_title_year(report, lang, &mut findings);
    tables(&mut findings);
    // Cross-year rules compare with *last year's* report; a report of any other year (e.g.
    // one `--previous` given for several files) is not a basis for them.
    if let Some(previous) = previous.filter(|previous| previous.year == report.year - 1) {
        check_carry_over(report, sheet, previous, lang, &mut findings);
        check_in_force(report, sheet, previous, lang, &mut findings);
        check_same_as_last_year(report, previous, lang, &mut findings);
    }
    prose(&mut findings);
    crate::collection::check_source_gaps(report, lang, &mut findings);
    let unknown_rank = template.cells().len();
    // Each finding's rank is looked up once (a template lookup by key), not at every
    // comparison of the sort: the editor's checker runs this after every keystroke.
    findings.sort_by_cached_key(|finding| {
        let rank = match finding.anchor() {
            None => 0,
            Some(key) => template.cell_index(key).unwrap_or(unknown_rank) + 1,
        };
        (rank, finding.rule)
    });
    crate::acknowledge::apply(report, &mut findings);
    findings
}

/// The rules of this year's tables alone: `cell_findings` adds the finding of
/// [`cell_finding`] for every template cell in order; then `cell.unknown`; then
/// `formula_findings` adds those of [`check_formula`] for each of the template's formulas in
/// order. They read nothing but the figures, the template, the auto-totals setting and
/// `lang`; a formula's, only its own cells of those figures (`formula_findings` is given its
/// position among the template's formulas, for the checker to keep its findings).
pub(crate) fn check_tables(
    sheet: &Sheet<'_>,
    lang: Lang,
    cell_findings: &mut dyn FnMut(&mut Vec<Finding>),
    formula_findings: &mut dyn FnMut(usize, &Formula, &mut Vec<Finding>),
    findings: &mut Vec<Finding>,
) {
    let report = sheet.report;
    let template = report.template();
    cell_findings(findings);
    check_unknown_keys(report, lang, findings);
    for (index, formula) in formulas(template).iter().enumerate() {
        formula_findings(index, formula, findings);
    }
}

/// What validation read from one template cell.
#[derive(Debug, Clone, Copy)]
enum Read {
    Blank,
    Unreadable,
    Value(Figure),
}

/// One template cell as validation reads it: the figure, or why there is none.
#[derive(Debug, Clone)]
pub(crate) struct CellRead {
    read: Read,
    error: Option<FigureError>,
}

/// Reads one cell of kind `spec.kind` holding `value` (`None`: the report has no such key).
pub(crate) fn read_cell(spec: &CellSpec, value: Option<&CellValue>) -> CellRead {
    let (read, error) = match value.map(|value| value.figure(spec.kind)) {
        None | Some(Err(FigureError::Blank)) => (Read::Blank, None),
        Some(Ok(figure)) => (Read::Value(figure), None),
        Some(Err(error)) => (Read::Unreadable, Some(error)),
    };
    CellRead { read, error }
}

/// Every template cell of a report, read, by template position.
pub(crate) fn read_cells(report: &Report) -> Vec<CellRead> {
    report
        .template()
        .cells()
        .iter()
        .map(|spec| read_cell(spec, report.figures.get(&spec.key)))
        .collect()
}

/// Every template cell of a report, read once, by template position.
pub(crate) struct Sheet<'a> {
    pub(crate) report: &'a Report,
    /// What [`read_cells`] gives for the report (or the same, kept up to date by the checker).
    pub(crate) cells: &'a [CellRead],
}

impl<'a> Sheet<'a> {
    fn value(&self, index: usize) -> Option<Figure> {
        match self.cells.get(index) {
            Some(CellRead {
                read: Read::Value(figure),
                ..
            }) => Some(*figure),
            _ => None,
        }
    }

    fn spec(&self, index: usize) -> Option<&'static CellSpec> {
        self.report.template().cells().get(index)
    }

    fn key(&self, index: usize) -> String {
        self.spec(index)
            .map(|spec| spec.key.clone())
            .unwrap_or_default()
    }

    /// The value of the cell with this key, if the template has it and it reads.
    fn value_of(&self, key: &str) -> Option<Figure> {
        self.report
            .template()
            .cell_index(key)
            .and_then(|index| self.value(index))
    }
}

/// `template.year`: the template does not fit the report year.
/// “2023 年度报告应使用 2021 版格式（国办公开办函〔2021〕30号）。”
fn check_template_year(report: &Report, lang: Lang, findings: &mut Vec<Finding>) {
    let expected = TemplateId::for_year(report.year);
    if expected == report.template {
        return;
    }
    let year = report.year;
    let (want, have) = (
        template_name(expected, lang),
        template_name(report.template, lang),
    );
    let message = match lang {
        Lang::Zh => format!("{year} 年度报告应使用 {want}，本报告用的是 {have}。"),
        Lang::En => format!("A report for {year} should use {want}; this one uses {have}."),
    };
    findings.push(
        Finding::new(Rule::TemplateYear, Vec::new(), message).with_values(
            expected.as_str().to_string(),
            report.template.as_str().to_string(),
        ),
    );
}

/// `title.year`: the cover page's own title names a year that is not the report year
/// (typically left over after copying last year's report), or the 前言's statistics period
/// (自 X 年 1 月 1 日至 Y 年 12 月 31 日) is not the report year.
fn check_title_year(report: &Report, lang: Lang, findings: &mut Vec<Finding>) {
    let year = report.year;
    let title = report
        .extra
        .get("title")
        .and_then(|value| value.as_str())
        .unwrap_or("");
    if let Some(other) = years_in(title).into_iter().find(|found| *found != year) {
        let message = match lang {
            Lang::Zh => format!("报告标题写的是 {other} 年，报告年度是 {year} 年。"),
            Lang::En => format!("The report title says {other}; the report year is {year}."),
        };
        findings.push(
            Finding::new(Rule::TitleYear, Vec::new(), message)
                .with_values(year.to_string(), other.to_string()),
        );
    }
    let preamble = report.section_text("preamble").unwrap_or("");
    let compact: String = preamble.chars().filter(|ch| !ch.is_whitespace()).collect();
    for (at, _) in compact.match_indices("1月1日") {
        let rest = &compact[at + "1月1日".len()..];
        if !(rest.starts_with('至') || rest.starts_with("起至") || rest.starts_with("到")) {
            continue;
        }
        let before = years_in(&compact[..at]).last().copied();
        let after = years_in(rest).first().copied();
        let period = [before, after]
            .into_iter()
            .flatten()
            .find(|found| *found != year);
        if let Some(other) = period {
            let message = match lang {
                Lang::Zh => format!("前言中的统计期限是 {other} 年，报告年度是 {year} 年。"),
                Lang::En => format!(
                    "The statistics period in the preamble is {other}; the report year is {year}."
                ),
            };
            findings.push(
                Finding::new(Rule::TitleYear, Vec::new(), message)
                    .with_values(year.to_string(), other.to_string()),
            );
            break;
        }
    }
}

/// The years written `YYYY年` in `text`, in order.
fn years_in(text: &str) -> Vec<i32> {
    let bytes = text.as_bytes();
    text.match_indices('年')
        .filter_map(|(at, _)| {
            let digits = text.get(at.checked_sub(4)?..at)?;
            let clean = digits.bytes().all(|b| b.is_ascii_digit())
                && (at < 5 || !bytes[at - 5].is_ascii_digit());
            clean.then(|| digits.parse().ok()).flatten()
        })
        .collect()
}

fn template_name(id: TemplateId, lang: Lang) -> &'static str {
    match (id, lang) {
        (TemplateId::Gov2021, Lang::Zh) => "2021 版格式（国办公开办函〔2021〕30号）",
        (TemplateId::Gov2019, Lang::Zh) => "2019 版试行格式（国办公开办函〔2019〕60号）",
        (TemplateId::Legacy, Lang::Zh) => "2007 年条例时期的自由格式",
        (TemplateId::Gov2021, Lang::En) => "the 2021 format (国办公开办函〔2021〕30号)",
        (TemplateId::Gov2019, Lang::En) => "the 2019 trial format (国办公开办函〔2019〕60号)",
        (TemplateId::Legacy, Lang::En) => "the free form of the 2007 regulations",
    }
}

/// The [`cell_finding`] of every template cell of `report` (read as `cells`), in template
/// order.
pub(crate) fn cell_findings<'a>(
    report: &'a Report,
    cells: &'a [CellRead],
    lang: Lang,
) -> impl Iterator<Item = Option<Finding>> + 'a {
    report
        .template()
        .cells()
        .iter()
        .zip(cells)
        .map(move |(spec, cell)| cell_finding(report, spec, cell, lang))
}

/// `cell.blank`, `cell.invalid`, `cell.negative`, `cell.fraction`, `cell.precision`: the
/// finding of one cell of the template (`spec`, read as `cell`) when it is blank or does not
/// read as a figure of its kind. It depends on nothing but the cell, so the checker keeps it
/// while the cell is unchanged.
pub(crate) fn cell_finding(
    report: &Report,
    spec: &CellSpec,
    cell: &CellRead,
    lang: Lang,
) -> Option<Finding> {
    let (read, error) = (&cell.read, &cell.error);
    let label = &spec.label;
    if let Read::Value(figure) = read
        && spec.kind == CellKind::AmountWan
        && figure.scale() > CellKind::AmountWan.max_decimals()
    {
        let raw = report.cell_raw(&spec.key).unwrap_or_default();
        let message = match lang {
            Lang::Zh => format!(
                "「{label}」：「{raw}」有 {} 位小数，单位是万元时 6 位已精确到分，请核对单位。",
                figure.scale()
            ),
            Lang::En => format!(
                "{label}: “{raw}” has {} decimal places; in 万元, 6 places is already to the fen. Check the unit.",
                figure.scale()
            ),
        };
        return Some(Finding::new(
            Rule::CellPrecision,
            vec![spec.key.clone()],
            message,
        ));
    }
    if matches!(read, Read::Value(_)) || (matches!(read, Read::Blank) && spec.optional) {
        return None;
    }
    let raw = report.cell_raw(&spec.key).unwrap_or_default();
    let (rule, message) = match (read, error) {
        (Read::Blank, _) if spec.optional => return None,
        (Read::Blank, _) => (
            Rule::CellBlank,
            match lang {
                Lang::Zh => format!("「{label}」此格为空。格式要求填写数字，没有请填 0。"),
                Lang::En => format!(
                    "{label}: the cell is blank. The format expects a number; enter 0 if there is none."
                ),
            },
        ),
        (_, Some(FigureError::Negative(_))) => (
            Rule::CellNegative,
            match lang {
                Lang::Zh => format!("「{label}」不能为负数，实填「{raw}」。"),
                Lang::En => format!("{label}: cannot be negative, but is “{raw}”."),
            },
        ),
        (_, Some(FigureError::Fraction(_))) => (
            Rule::CellFraction,
            match lang {
                Lang::Zh => format!("「{label}」是件数，应为整数，实填「{raw}」。"),
                Lang::En => format!("{label}: a count must be a whole number, but is “{raw}”."),
            },
        ),
        (_, Some(FigureError::TooManyDecimals { max, .. })) => (
            Rule::CellInvalid,
            match lang {
                Lang::Zh => format!("「{label}」：「{raw}」小数位过多，最多 {max} 位。"),
                Lang::En => {
                    format!("{label}: “{raw}” has too many decimal places (at most {max}).")
                }
            },
        ),
        (Read::Unreadable, _) => (
            Rule::CellInvalid,
            not_a_number(label, &raw, spec.kind, lang),
        ),
        (Read::Value(_), _) => return None,
    };
    Some(Finding::new(rule, vec![spec.key.clone()], message))
}

fn not_a_number(label: &str, raw: &str, kind: CellKind, lang: Lang) -> String {
    let unit = kind.unit().unwrap_or("");
    match (lang, unit.is_empty()) {
        (Lang::Zh, true) => format!("「{label}」：「{raw}」不是数字。"),
        (Lang::Zh, false) => format!("「{label}」：「{raw}」不是数字（可写作 12 或 12{unit}）。"),
        (Lang::En, true) => format!("{label}: “{raw}” is not a number."),
        (Lang::En, false) => {
            format!("{label}: “{raw}” is not a number (write 12 or 12{unit}).")
        }
    }
}

/// `cell.unknown`: a figure under a key the template does not have. It is kept in the file.
fn check_unknown_keys(report: &Report, lang: Lang, findings: &mut Vec<Finding>) {
    let template = report.template();
    // Both key lists are sorted: walked in step, one comparison per key, where a lookup per
    // figure cost a third of a check after one edit.
    let mut known = template.sorted_cell_keys().peekable();
    for key in report.figures.keys() {
        while known.next_if(|known| *known < key.as_str()).is_some() {}
        if known.peek() == Some(&key.as_str()) {
            continue;
        }
        let name = template_name(template.id, lang);
        // A cell of another format (kept after switching formats) is named by its label, not
        // by its file key.
        let other = Template::all().into_iter().find_map(|other| {
            other
                .cell_spec(key)
                .map(|spec| (other.id, spec.label.clone()))
        });
        let message = match (lang, other) {
            (Lang::Zh, Some((from, label))) => format!(
                "「{label}」是{}的单元格，{name}没有这一格：检查时不使用，但会原样保留。",
                template_name(from, lang)
            ),
            (Lang::En, Some((from, label))) => format!(
                "{label} is a cell of {}, which {name} does not have; it is kept but not checked.",
                template_name(from, lang)
            ),
            (Lang::Zh, None) => {
                format!("「{key}」不是{name}中的单元格，检查时不使用，但会原样保留。")
            }
            (Lang::En, None) => {
                format!("“{key}” is not a cell of {name}; it is kept but not checked.")
            }
        };
        findings.push(Finding::new(Rule::CellUnknown, vec![key.clone()], message));
    }
}

/// `requests.row_total`, `requests.handled_total`, `requests.balance`, `appeals.total`: the
/// formula's total differs from what its parts give. Silent when any cell does not read.
pub(crate) fn check_formula(
    template: &Template,
    sheet: &Sheet<'_>,
    formula: &Formula,
    lang: Lang,
    findings: &mut Vec<Finding>,
) {
    // Summed without collecting: this runs for every formula on every keystroke.
    let sum = |indices: &[usize]| -> Option<Figure> {
        indices.iter().try_fold(Figure::whole(0), |acc, &index| {
            Some(acc + sheet.value(index)?)
        })
    };
    let (Some(actual), Some(plus_sum), Some(minus_sum)) = (
        sheet.value(formula.total),
        sum(&formula.plus),
        sum(&formula.minus),
    ) else {
        return;
    };
    let expected = plus_sum - minus_sum;
    if expected == actual {
        return;
    }
    let values = |indices: &[usize]| -> Vec<Figure> {
        indices
            .iter()
            .filter_map(|&index| sheet.value(index))
            .collect()
    };
    let (plus, minus) = (values(&formula.plus), values(&formula.minus));
    let Some(total_spec) = template.cells().get(formula.total) else {
        return;
    };
    let diff = difference(expected, actual);
    let row = total_spec
        .row
        .map(|row| row.full_label())
        .unwrap_or_default();
    let column = total_spec.column.map_or("", |column| column.label);
    // A total auto-totals filled was not typed: say where its value came from.
    let report = sheet.report;
    let computed = report.auto_totals_enabled()
        && crate::formula::is_computed(template, &total_spec.key)
        && !report.is_overridden(&total_spec.key);
    let (typed_zh, typed_en) = if computed {
        ("自动合计为", "was computed as")
    } else {
        ("实填", "is")
    };
    let message = match (formula.rule, lang) {
        (Rule::RequestsRowTotal, Lang::Zh) => format!(
            "「{row}」行：总计应为 {expected}（自然人至其他六列之和），{typed_zh} {actual}，相差 {diff}。"
        ),
        (Rule::RequestsRowTotal, Lang::En) => format!(
            "Row {row}: 总计 should be {expected} (sum of the six applicant columns) but {typed_en} {actual} (off by {diff})."
        ),
        (Rule::RequestsHandledTotal, Lang::Zh) => format!(
            "「{column}」列：（七）总计应为 {expected}（（一）至（六）各项之和），{typed_zh} {actual}，相差 {diff}。"
        ),
        (Rule::RequestsHandledTotal, Lang::En) => format!(
            "Column {column}: （七）总计 should be {expected} (sum of outcomes （一） to （六）) but {typed_en} {actual} (off by {diff})."
        ),
        (Rule::RequestsBalance, _) => balance_message(&plus, &minus, actual, column, lang),
        (_, Lang::Zh) => format!(
            "{row}：{} = {expected}，总计填了 {actual}。",
            terms(template, &formula.plus, &plus)
        ),
        (_, Lang::En) => format!(
            "{row}: {} = {expected}, but 总计 is {actual}.",
            terms(template, &formula.plus, &plus)
        ),
    };
    let mut cells = vec![sheet.key(formula.total)];
    cells.extend(
        formula
            .plus
            .iter()
            .chain(&formula.minus)
            .map(|&index| sheet.key(index)),
    );
    findings.push(
        Finding::new(formula.rule, cells, message)
            .with_values(expected.to_string(), actual.to_string()),
    );
}

/// “「自然人」列：本年新收 3402 + 上年结转 91 = 3493，而办理结果总计 3375 + 结转下年度 120 = 3495，两边相差 2。”
fn balance_message(
    plus: &[Figure],
    minus: &[Figure],
    carried_out: Figure,
    column: &str,
    lang: Lang,
) -> String {
    let (new, carried_in) = (plus.first().copied(), plus.get(1).copied());
    let handled = minus.first().copied();
    let (Some(new), Some(carried_in), Some(handled)) = (new, carried_in, handled) else {
        return String::new();
    };
    let left = new + carried_in;
    let right = handled + carried_out;
    let diff = difference(left, right);
    // What 结转下年度 would balance, when that is a possible figure.
    let balancing = left - handled;
    match (lang, balancing.is_negative()) {
        (Lang::Zh, false) => format!(
            "「{column}」列：本年新收 {new} + 上年结转 {carried_in} = {left}，而办理结果总计 {handled} + 结转下年度 {carried_out} = {right}，两边相差 {diff}。若其他数字无误，结转下年度应为 {balancing}。"
        ),
        (Lang::Zh, true) => format!(
            "「{column}」列：本年新收 {new} + 上年结转 {carried_in} = {left}，而办理结果总计 {handled} + 结转下年度 {carried_out} = {right}，两边相差 {diff}。办理结果总计已超过收到的申请，请核对本年新收、上年结转和各项办理结果。"
        ),
        (Lang::En, false) => format!(
            "Column {column}: 新收 {new} + 上年结转 {carried_in} = {left}, but （七）总计 {handled} + 结转下年度 {carried_out} = {right} (off by {diff}). If the other figures are right, 结转下年度 should be {balancing}."
        ),
        (Lang::En, true) => format!(
            "Column {column}: 新收 {new} + 上年结转 {carried_in} = {left}, but （七）总计 {handled} + 结转下年度 {carried_out} = {right} (off by {diff}). More applications were handled than received: check 新收, 上年结转 and the outcomes."
        ),
    }
}

/// “结果维持 10 + 结果纠正 1 + 其他结果 0 + 尚未审结 0”.
fn terms(template: &Template, indices: &[usize], values: &[Figure]) -> String {
    let column_label = |index: usize| {
        template
            .cells()
            .get(index)
            .and_then(|spec| spec.column)
            .map_or("", |c| c.label)
    };
    indices
        .iter()
        .zip(values)
        .map(|(&index, value)| format!("{} {value}", column_label(index)))
        .collect::<Vec<_>>()
        .join(" + ")
}

fn difference(a: Figure, b: Figure) -> Figure {
    if a >= b { a - b } else { b - a }
}

/// The value of `key` in last year's report, read with last year's template.
fn previous_value(previous: &Report, key: &str) -> Option<Figure> {
    let spec = previous.template().cell_spec(key)?;
    previous.figures.get(key)?.figure(spec.kind).ok()
}

/// `carry_over`: 二、上年结转 ≠ last year's 四、结转下年度, column by column (X1).
/// “上年结转应与 2023 年报告的「结转下年度」一致：上年为 0，本年填 3。”
fn check_carry_over(
    report: &Report,
    sheet: &Sheet<'_>,
    previous: &Report,
    lang: Lang,
    findings: &mut Vec<Finding>,
) {
    let Some(requests) = report.template().table("requests") else {
        return;
    };
    let last_year = previous.year;
    // The keys are written into two buffers: this runs after every keystroke in the editor,
    // and two allocations per column were a tenth of a check after a prose edit.
    let (mut key, mut previous_key) = (String::new(), String::new());
    for column in requests.blocks.iter().flat_map(|block| block.columns) {
        key.clear();
        key.push_str("requests.carried_in.");
        key.push_str(column.key);
        previous_key.clear();
        previous_key.push_str("requests.carried_out.");
        previous_key.push_str(column.key);
        let (Some(actual), Some(expected)) = (
            sheet.value_of(&key),
            previous_value(previous, &previous_key),
        ) else {
            continue;
        };
        if actual == expected {
            continue;
        }
        let label = column.label;
        let message = match lang {
            Lang::Zh => format!(
                "「{label}」列：上年结转应与 {last_year} 年报告的「结转下年度」一致：上年为 {expected}，本年填 {actual}。"
            ),
            Lang::En => format!(
                "Column {label}: 上年结转 should equal 结转下年度 of the {last_year} report: {expected} last year, {actual} this year."
            ),
        };
        findings.push(
            Finding::new(Rule::CarryOver, vec![key.clone()], message)
                .with_values(expected.to_string(), actual.to_string()),
        );
    }
}

/// `active.in_force` (gov-2021): 现行有效 ≠ last year's 现行有效 + 本年制发 − 本年废止 (X2).
/// A warning: revisions and clean-up reviews can legitimately re-base the count.
fn check_in_force(
    report: &Report,
    sheet: &Sheet<'_>,
    previous: &Report,
    lang: Lang,
    findings: &mut Vec<Finding>,
) {
    if report.template != TemplateId::Gov2021 {
        return;
    }
    let last_year = previous.year;
    // Each row's 现行有效, 制发 and 废止 cells.
    const ROWS: [(&str, [&str; 3]); 2] = [
        (
            "规章",
            [
                "active.regulations.in_force",
                "active.regulations.issued",
                "active.regulations.repealed",
            ],
        ),
        (
            "行政规范性文件",
            [
                "active.normative_docs.in_force",
                "active.normative_docs.issued",
                "active.normative_docs.repealed",
            ],
        ),
    ];
    for (label, keys) in ROWS {
        let [in_force_key, issued_key, repealed_key] = keys;
        let (Some(actual), Some(issued), Some(repealed), Some(before)) = (
            sheet.value_of(in_force_key),
            sheet.value_of(issued_key),
            sheet.value_of(repealed_key),
            previous_value(previous, in_force_key),
        ) else {
            continue;
        };
        let expected = before + issued - repealed;
        if expected == actual {
            continue;
        }
        let diff = difference(expected, actual);
        let message = match lang {
            Lang::Zh => format!(
                "「{label}」：现行有效件数应为 {expected}（{last_year} 年现行有效 {before} + 本年制发 {issued} − 本年废止 {repealed}），实填 {actual}，相差 {diff}。如有修订或清理，可忽略此提示。"
            ),
            Lang::En => format!(
                "{label}: 现行有效件数 should be {expected} ({before} in force in {last_year} + {issued} issued − {repealed} repealed) but is {actual} (off by {diff}). Revisions or a clean-up review can explain this."
            ),
        };
        findings.push(
            Finding::new(
                Rule::ActiveInForce,
                keys.map(str::to_string).to_vec(),
                message,
            )
            .with_values(expected.to_string(), actual.to_string()),
        );
    }
}

/// `figures.same_as_last_year`: every figure equals last year's (内容雷同, the failure the
/// 2021 format's （四）明确责任 names). Fires only when there is at least one figure.
fn check_same_as_last_year(
    report: &Report,
    previous: &Report,
    lang: Lang,
    findings: &mut Vec<Finding>,
) {
    // Walk both (sorted) figure maps in step and stop at the first difference, which in a
    // real new year's report comes within the first few cells.
    let (mut current, mut last) = (filled_cells(report), filled_cells(previous));
    let mut count = 0usize;
    loop {
        match (current.next(), last.next()) {
            (None, None) => break,
            (Some((key, value)), Some((last_key, last_value)))
                if key == last_key && same_figure(value, last_value) =>
            {
                count += 1;
            }
            _ => return,
        }
    }
    if count == 0 {
        return;
    }
    let last_year = previous.year;
    let message = match lang {
        Lang::Zh => {
            format!("全部 {count} 个数字与 {last_year} 年报告完全相同，请确认是否误用了上年数据。")
        }
        Lang::En => format!(
            "All {count} figures are the same as in the {last_year} report; check that last year's data was not reused by mistake."
        ),
    };
    findings.push(Finding::new(
        Rule::FiguresSameAsLastYear,
        Vec::new(),
        message,
    ));
}

/// Whether two cells hold the same figure: the same JSON, or the same value however written
/// (`"1,234"` and `1234`), or the same text when neither is a number.
fn same_figure(a: &CellValue, b: &CellValue) -> bool {
    if a == b {
        return true;
    }
    let read = |value: &CellValue| {
        value
            .figure(CellKind::SignedCount)
            .or_else(|_| value.figure(CellKind::Amount))
    };
    match (read(a), read(b)) {
        (Ok(x), Ok(y)) => x == y,
        (Err(_), Err(_)) => {
            a.raw().map(|raw| raw.trim().to_string()) == b.raw().map(|raw| raw.trim().to_string())
        }
        _ => false,
    }
}

/// The non-blank figures of a report, by key.
fn filled_cells(report: &Report) -> impl Iterator<Item = (&String, &CellValue)> {
    report.figures.iter().filter(|(_, value)| !value.is_blank())
}
