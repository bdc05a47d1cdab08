//! 汇总 (issue 18): a county office collects dozens of departments' reports, checks them as a
//! set and sums their tables into one report.
//!
//! Three pieces, all pure (reports and findings in, values and text out; reading the files is
//! the caller's business):
//! - the summary ([`Summary`]): one row per report (agency, year, format, its counts as the
//!   interface counts them, its first few problems) as text, CSV or JSON;
//! - the checks across the set ([`check_collection`]): an agency sent twice, a report of
//!   another year, a department whose tables are last year's unchanged;
//! - the sum ([`sum`]): a new report whose table figures are the exact cell-by-cell sums.
//!
//! A sum never hides a problem: a blank or unreadable cell of a source is left out of the
//! total, named as a [`Gap`], and kept in the summed report (`source_gaps`) so that every
//! later check of it reports the gap again (`sum.source_gap`).

mod gather;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::figure::{CellKind, Figure, FigureError};
use crate::finding::{Finding, Lang, Rule, Severity};
use crate::model::{CellValue, Report, official_sections};
use crate::progress::{Tally, is_pending};
use crate::template::{Template, TemplateId};

pub use gather::{
    Gathered, Origin, RECORD_FORMAT, RECORD_VERSION, ReadSource, RowFilter, RowOrder,
    SourceProblem, order_rows, previous_of, read_published, read_source, unique_name,
};

/// The top-level key of a summed report that lists its sources.
pub const CONTRIBUTORS_KEY: &str = "contributors";

/// The top-level key of a summed report that lists the source cells left out of its sums.
pub const SOURCE_GAPS_KEY: &str = "source_gaps";

/// How many of a report's findings its summary row quotes.
const TOP_FINDINGS: usize = 3;

// ---- The summary ----

/// One report of a collection, as the summary lists it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct SummaryRow {
    /// The file (or any name the caller gives the report).
    pub file: String,
    /// The agency as written in the report.
    pub agency: String,
    /// The report year.
    pub year: i32,
    /// The format the report follows.
    pub template: TemplateId,
    /// Errors.
    pub errors: usize,
    /// Warnings and notes, blank cells not counted.
    pub warnings: usize,
    /// Blank cells (待填), counted apart as the interface counts them.
    pub blank: usize,
    /// Findings the clerk accepted (已核实), counted apart.
    pub acknowledged: usize,
    /// The messages of the first findings, errors first, blank cells last.
    pub top: Vec<String>,
}

impl SummaryRow {
    /// The row of `report`, read from the `findings` of its validation.
    pub fn new(file: &str, report: &Report, findings: &[Finding]) -> SummaryRow {
        let tally = Tally::of(findings);
        let mut ranked: Vec<&Finding> = findings
            .iter()
            .filter(|finding| finding.acknowledged.is_none())
            .collect();
        // Stable: within a severity the findings keep the validator's (template) order. A
        // blank cell is work to do, not a problem, so it is quoted only when nothing else is.
        ranked.sort_by_key(|finding| (is_pending(finding), finding.severity));
        SummaryRow {
            file: file.to_string(),
            agency: report.agency.trim().to_string(),
            year: report.year,
            template: report.template,
            errors: tally.errors,
            warnings: tally.warnings + tally.notes,
            blank: tally.pending,
            acknowledged: tally.acknowledged,
            top: ranked
                .into_iter()
                .take(TOP_FINDINGS)
                .map(|finding| finding.message.clone())
                .collect(),
        }
    }
}

/// A file of the collection that could not be read as a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unreadable {
    /// The file.
    pub file: String,
    /// Why, as the reader said it (with line and column when known).
    pub reason: String,
}

/// The checks across a collection, each identified by a stable id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CollectionRule {
    /// Two reports or more of the same agency and year.
    DuplicateAgency,
    /// A report of a year other than the collection's.
    OtherYear,
    /// A department whose table figures all equal its last year's report's.
    SameAsLastYear,
}

impl CollectionRule {
    /// The stable id: `collection.duplicate_agency`, `collection.other_year`,
    /// `collection.same_as_last_year`.
    pub fn id(self) -> &'static str {
        match self {
            CollectionRule::DuplicateAgency => "collection.duplicate_agency",
            CollectionRule::OtherYear => "collection.other_year",
            CollectionRule::SameAsLastYear => "collection.same_as_last_year",
        }
    }
}

impl Serialize for CollectionRule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

/// What a check across the collection found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CollectionFinding {
    /// Which check.
    pub rule: CollectionRule,
    /// Always a warning: the set may be right as it is (two offices of one name), but a clerk
    /// should look before summing.
    pub severity: Severity,
    /// The files concerned: this collection's first, then last year's.
    pub files: Vec<String>,
    /// The agency concerned.
    pub agency: String,
    /// What is wrong, naming the files.
    pub message: String,
}

impl CollectionFinding {
    fn new(rule: CollectionRule, files: Vec<String>, agency: &str, message: String) -> Self {
        CollectionFinding {
            rule,
            severity: Severity::Warning,
            files,
            agency: agency.to_string(),
            message,
        }
    }
}

/// A collection as the summary shows it: a row per report, the files that could not be read
/// and what the checks across the set found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// The collection's year (see [`collection_year`]); `None` when no report was read.
    pub year: Option<i32>,
    /// One row per report, in the order given.
    pub reports: Vec<SummaryRow>,
    /// The files that could not be read (the caller adds them).
    pub unreadable: Vec<Unreadable>,
    /// What the checks across the set found.
    pub findings: Vec<CollectionFinding>,
}

/// One report of a collection with the findings of its validation.
pub type Member<'a> = (&'a str, &'a Report, &'a [Finding]);

impl Summary {
    /// The summary of `members` (file, report, findings), with `last_year`'s reports (file,
    /// report) for the check against last year; empty when there are none.
    pub fn new(members: &[Member<'_>], last_year: &[(&str, &Report)], lang: Lang) -> Summary {
        let reports: Vec<(&str, &Report)> = members
            .iter()
            .map(|(file, report, _)| (*file, *report))
            .collect();
        Summary {
            year: collection_year(reports.iter().map(|(_, report)| *report)),
            reports: members
                .iter()
                .map(|(file, report, findings)| SummaryRow::new(file, report, findings))
                .collect(),
            unreadable: Vec::new(),
            findings: check_collection(&reports, last_year, lang),
        }
    }

    /// Whether any report has an error.
    pub fn has_errors(&self) -> bool {
        self.reports.iter().any(|row| row.errors > 0)
    }

    /// The summary as a text table for a terminal: a line per report with its first
    /// problems indented below it, then the unreadable files, the checks across the set and
    /// a closing count. Every field is on one line (line breaks typed in a report become
    /// spaces); columns are padded for CJK characters taking two cells.
    pub fn to_text(&self, lang: Lang) -> String {
        let words = Words::of(lang);
        let mut table: Vec<[String; 7]> = vec![words.header.map(str::to_string)];
        for row in &self.reports {
            table.push([
                one_line(&row.file),
                one_line(&row.agency),
                row.year.to_string(),
                row.template.as_str().to_string(),
                row.errors.to_string(),
                row.warnings.to_string(),
                row.blank.to_string(),
            ]);
        }
        let widths: Vec<usize> = (0..7)
            .map(|column| {
                table
                    .iter()
                    .map(|line| columns(&line[column]))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut out = String::new();
        for (index, line) in table.iter().enumerate() {
            let mut text = String::new();
            for (column, field) in line.iter().enumerate() {
                let pad = " ".repeat(widths[column] - columns(field));
                // Text left, counts right, as a clerk reads a table.
                if column < 4 {
                    text.push_str(field);
                    text.push_str(&pad);
                } else {
                    text.push_str(&pad);
                    text.push_str(field);
                }
                text.push_str("  ");
            }
            out.push_str(text.trim_end());
            out.push('\n');
            if let Some(row) = index.checked_sub(1).and_then(|row| self.reports.get(row)) {
                for message in &row.top {
                    out.push_str(&format!("    · {}\n", one_line(message)));
                }
            }
        }
        if !self.unreadable.is_empty() {
            out.push_str(&format!("{}{}\n", words.unreadable, words.colon));
            for file in &self.unreadable {
                out.push_str(&format!("  {}\n", one_line(&file.reason)));
            }
        }
        if !self.findings.is_empty() {
            out.push_str(&format!("{}{}\n", words.checks, words.colon));
            for finding in &self.findings {
                out.push_str(&format!(
                    "  {}[{}] {}\n",
                    finding.severity.as_str(),
                    finding.rule.id(),
                    one_line(&finding.message)
                ));
            }
        }
        out.push_str(&self.closing_line(lang));
        out.push('\n');
        out
    }

    /// “共 3 份报告（2024 年度）：错误 2 个，警告 5 个，待填 14 格；1 个文件无法读取；汇总检查 1 条。”
    fn closing_line(&self, lang: Lang) -> String {
        let count = self.reports.len();
        let errors: usize = self.reports.iter().map(|row| row.errors).sum();
        let warnings: usize = self.reports.iter().map(|row| row.warnings).sum();
        let blank: usize = self.reports.iter().map(|row| row.blank).sum();
        let (unreadable, checks) = (self.unreadable.len(), self.findings.len());
        match lang {
            Lang::Zh => {
                let year = self
                    .year
                    .map(|year| format!("（{year} 年度）"))
                    .unwrap_or_default();
                let mut line = format!(
                    "共 {count} 份报告{year}：错误 {errors} 个，警告 {warnings} 个，待填 {blank} 格"
                );
                if unreadable > 0 {
                    line.push_str(&format!("；{unreadable} 个文件无法读取"));
                }
                if checks > 0 {
                    line.push_str(&format!("；汇总检查 {checks} 条"));
                }
                line + "。"
            }
            Lang::En => {
                let year = self
                    .year
                    .map(|year| format!(" ({year})"))
                    .unwrap_or_default();
                let mut line = format!(
                    "{count} reports{year}: {errors} errors, {warnings} warnings, {blank} blank cells"
                );
                if unreadable > 0 {
                    line.push_str(&format!("; {unreadable} files unreadable"));
                }
                if checks > 0 {
                    line.push_str(&format!("; {checks} collection findings"));
                }
                line + "."
            }
        }
    }

    /// The summary as CSV for a spreadsheet, written as the table export writes it (UTF-8
    /// with a byte order mark, CRLF, RFC 4180 quoting, formulas defused): a block of one row
    /// per report, then a block of the unreadable files and one of the checks across the set
    /// when there are any, each block after a line naming it.
    pub fn to_csv(&self, lang: Lang) -> String {
        let words = Words::of(lang);
        let mut out = String::from('\u{FEFF}');
        let line =
            |out: &mut String, fields: Vec<String>| crate::export::push_csv_line(out, &fields);
        line(&mut out, vec![words.reports.to_string()]);
        let mut header: Vec<String> = words.header.iter().map(|word| word.to_string()).collect();
        header.push(words.acknowledged.to_string());
        header.extend((1..=TOP_FINDINGS).map(|n| format!("{}{n}", words.problem)));
        let width = header.len();
        line(&mut out, header);
        for row in &self.reports {
            let mut fields = vec![
                row.file.clone(),
                row.agency.clone(),
                row.year.to_string(),
                row.template.as_str().to_string(),
                row.errors.to_string(),
                row.warnings.to_string(),
                row.blank.to_string(),
                row.acknowledged.to_string(),
            ];
            fields.extend(row.top.iter().cloned());
            // Every record as wide as the header (RFC 4180), however few problems it quotes.
            fields.resize(width, String::new());
            line(&mut out, fields);
        }
        if !self.unreadable.is_empty() {
            out.push_str("\r\n");
            line(&mut out, vec![words.unreadable.to_string()]);
            line(
                &mut out,
                words.unreadable_header.map(str::to_string).to_vec(),
            );
            for file in &self.unreadable {
                line(&mut out, vec![file.file.clone(), file.reason.clone()]);
            }
        }
        if !self.findings.is_empty() {
            out.push_str("\r\n");
            line(&mut out, vec![words.checks.to_string()]);
            line(&mut out, words.checks_header.map(str::to_string).to_vec());
            for finding in &self.findings {
                line(
                    &mut out,
                    vec![
                        finding.rule.id().to_string(),
                        finding.files.join(" "),
                        finding.agency.clone(),
                        finding.message.clone(),
                    ],
                );
            }
        }
        out
    }
}

impl Summary {
    /// The summary as a printable page (a whole HTML document, A4 landscape): the table of
    /// reports with their first problems, the unreadable files, the checks across the set and
    /// the closing count. `title` heads the page (the collecting office's name, for instance).
    pub fn to_html(&self, title: &str, lang: Lang) -> String {
        use crate::export::escape_markup as esc;
        let words = Words::of(lang);
        let heading = match (lang, self.year) {
            (Lang::Zh, Some(year)) => format!("{year}年度政府信息公开工作年度报告汇总检查表"),
            (Lang::Zh, None) => "政府信息公开工作年度报告汇总检查表".to_string(),
            (Lang::En, Some(year)) => format!("Annual reports {year}: checking summary"),
            (Lang::En, None) => "Annual reports: checking summary".to_string(),
        };
        let mut out = String::new();
        out.push_str(&format!(
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{SUMMARY_CSS}</style>\n</head>\n<body>\n",
            if lang == Lang::Zh { "zh-CN" } else { "en" },
            esc(&heading)
        ));
        out.push_str(&format!("<h1>{}</h1>\n", esc(&heading)));
        if !title.trim().is_empty() {
            out.push_str(&format!("<p class=\"office\">{}</p>\n", esc(title.trim())));
        }
        out.push_str(&format!(
            "<p class=\"count\">{}</p>\n",
            esc(&self.closing_line(lang))
        ));
        out.push_str("<table>\n<thead><tr><th>#</th>");
        for word in words.header {
            out.push_str(&format!("<th>{}</th>", esc(word)));
        }
        out.push_str(&format!(
            "<th>{}</th></tr></thead>\n<tbody>\n",
            esc(words.problem.trim())
        ));
        for (index, row) in self.reports.iter().enumerate() {
            let problems: Vec<String> = row
                .top
                .iter()
                .map(|message| format!("<li>{}</li>", esc(&one_line(message))))
                .collect();
            out.push_str(&format!(
                "<tr{}><td class=\"n\">{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>\n",
                if row.errors > 0 { " class=\"has-errors\"" } else { "" },
                index + 1,
                esc(&row.file),
                esc(&row.agency),
                row.year,
                row.template.as_str(),
                row.errors,
                row.warnings,
                row.blank,
                if problems.is_empty() { String::new() } else { format!("<ul>{}</ul>", problems.concat()) },
            ));
        }
        out.push_str("</tbody>\n</table>\n");
        if !self.unreadable.is_empty() {
            out.push_str(&format!("<h2>{}</h2>\n<ul>\n", esc(words.unreadable)));
            for file in &self.unreadable {
                out.push_str(&format!(
                    "<li><strong>{}</strong>{}{}</li>\n",
                    esc(&file.file),
                    words.colon,
                    esc(&one_line(&file.reason))
                ));
            }
            out.push_str("</ul>\n");
        }
        if !self.findings.is_empty() {
            out.push_str(&format!("<h2>{}</h2>\n<ul>\n", esc(words.checks)));
            for finding in &self.findings {
                out.push_str(&format!(
                    "<li><code>{}</code> {}</li>\n",
                    finding.rule.id(),
                    esc(&one_line(&finding.message))
                ));
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</body>\n</html>\n");
        out
    }
}

/// The printable summary's style: A4 landscape, a ruled table, errors marked by weight and a
/// left rule rather than colour alone (it is printed in black and white).
const SUMMARY_CSS: &str = "@page{size:A4 landscape;margin:15mm}\
body{font-family:\"SimSun\",\"Songti SC\",serif;font-size:10.5pt;color:#000;margin:0 auto;max-width:267mm}\
h1{font-family:\"SimHei\",\"Heiti SC\",sans-serif;font-size:16pt;text-align:center;margin:0 0 4mm}\
h2{font-family:\"SimHei\",\"Heiti SC\",sans-serif;font-size:12pt;margin:6mm 0 2mm}\
.office{text-align:center;margin:0 0 2mm}.count{margin:0 0 4mm}\
table{border-collapse:collapse;width:100%}thead{display:table-header-group}tr{break-inside:avoid}\
th,td{border:1px solid #000;padding:1mm 1.5mm;vertical-align:top;text-align:left}\
td.n{text-align:right;white-space:nowrap}tr.has-errors td:first-child{border-left:2.5px solid #000;font-weight:bold}\
td ul{margin:0;padding-left:4mm}code{font-family:monospace}";

/// The words of the summary's text and CSV.
struct Words {
    header: [&'static str; 7],
    reports: &'static str,
    acknowledged: &'static str,
    problem: &'static str,
    unreadable: &'static str,
    unreadable_header: [&'static str; 2],
    checks: &'static str,
    colon: &'static str,
    checks_header: [&'static str; 4],
}

impl Words {
    fn of(lang: Lang) -> Words {
        match lang {
            Lang::Zh => Words {
                header: ["文件", "机关", "年度", "格式", "错误", "警告", "待填"],
                reports: "各单位报告",
                acknowledged: "已核实",
                problem: "主要问题",
                unreadable: "无法读取的文件",
                unreadable_header: ["文件", "原因"],
                checks: "汇总检查",
                colon: "：",
                checks_header: ["检查", "文件", "机关", "说明"],
            },
            Lang::En => Words {
                header: [
                    "file", "agency", "year", "format", "errors", "warnings", "blank",
                ],
                reports: "Reports",
                acknowledged: "acknowledged",
                problem: "problem ",
                unreadable: "Unreadable files",
                unreadable_header: ["file", "reason"],
                checks: "Collection checks",
                colon: ":",
                checks_header: ["check", "files", "agency", "message"],
            },
        }
    }
}

/// `text` on one line: line breaks and tabs typed in a report become spaces.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|ch| {
            if matches!(ch, '\n' | '\r' | '\t') {
                ' '
            } else {
                ch
            }
        })
        .collect()
}

/// The terminal columns `text` takes: two for a CJK character (and any other non-ASCII one,
/// which in a report is nearly always CJK or full-width punctuation), one for ASCII.
fn columns(text: &str) -> usize {
    text.chars()
        .map(|ch| if ch.is_ascii() { 1 } else { 2 })
        .sum()
}

// ---- Checks across the collection ----

/// The year of a collection: the year most of its reports are of; on a tie the latest (a
/// county collecting 2024's reports holds a few late 2023 ones, rarely the reverse).
pub fn collection_year<'a>(reports: impl IntoIterator<Item = &'a Report>) -> Option<i32> {
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    for report in reports {
        *counts.entry(report.year).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(year, count)| (*count, *year))
        .map(|(year, _)| year)
}

/// The checks across a collection of `reports` (file, report): the same agency twice for a
/// year (`collection.duplicate_agency`), a report of another year than the collection's
/// (`collection.other_year`) and, with `last_year`'s collection, a department whose table
/// figures are all the same as in its report of the year before
/// (`collection.same_as_last_year`). Agencies are compared trimmed; a report with no agency
/// is never a duplicate (nothing says whose it is).
pub fn check_collection(
    reports: &[(&str, &Report)],
    last_year: &[(&str, &Report)],
    lang: Lang,
) -> Vec<CollectionFinding> {
    let mut findings = Vec::new();
    let mut groups: BTreeMap<(&str, i32), Vec<&str>> = BTreeMap::new();
    let mut order = Vec::new();
    for (file, report) in reports {
        let agency = report.agency.trim();
        if agency.is_empty() {
            continue;
        }
        let files = groups.entry((agency, report.year)).or_default();
        if files.is_empty() {
            order.push((agency, report.year));
        }
        files.push(file);
    }
    for key in order {
        let Some(files) = groups.get(&key).filter(|files| files.len() > 1) else {
            continue;
        };
        let ((agency, year), count) = (key, files.len());
        let list = files.join("、");
        let message = match lang {
            Lang::Zh => format!(
                "「{agency}」的 {year} 年度报告有 {count} 份（{list}），请确认是否重复报送；汇总时只计入第一份。"
            ),
            Lang::En => format!(
                "{agency} has {count} reports for {year} ({}); check whether one was sent twice. A sum counts only the first.",
                files.join(", ")
            ),
        };
        findings.push(CollectionFinding::new(
            CollectionRule::DuplicateAgency,
            files.iter().map(|file| file.to_string()).collect(),
            agency,
            message,
        ));
    }
    if let Some(expected) = collection_year(reports.iter().map(|(_, report)| *report)) {
        for (file, report) in reports.iter().filter(|(_, report)| report.year != expected) {
            let (agency, year) = (report.agency.trim(), report.year);
            let message = match lang {
                Lang::Zh => format!(
                    "{file}（{}）是 {year} 年度报告，本次汇总的是 {expected} 年度。",
                    agency_or_unnamed(agency, lang)
                ),
                Lang::En => format!(
                    "{file} ({}) is a report for {year}; this collection is of {expected}.",
                    agency_or_unnamed(agency, lang)
                ),
            };
            findings.push(CollectionFinding::new(
                CollectionRule::OtherYear,
                vec![file.to_string()],
                agency,
                message,
            ));
        }
    }
    for (file, report) in reports {
        let agency = report.agency.trim();
        let earlier = last_year.iter().find(|(_, previous)| {
            !agency.is_empty()
                && previous.agency.trim() == agency
                && previous.year == report.year - 1
        });
        let Some((previous_file, previous)) = earlier else {
            continue;
        };
        if !same_tables(report, previous) {
            continue;
        }
        let last = previous.year;
        let message = match lang {
            Lang::Zh => format!(
                "「{agency}」（{file}）的表格数字与其 {last} 年度报告（{previous_file}）完全相同，请确认是否误用了上年数据。"
            ),
            Lang::En => format!(
                "{agency} ({file}): every table figure is the same as in its {last} report ({previous_file}); check that last year's data was not reused by mistake."
            ),
        };
        findings.push(CollectionFinding::new(
            CollectionRule::SameAsLastYear,
            vec![file.to_string(), previous_file.to_string()],
            agency,
            message,
        ));
    }
    findings
}

fn agency_or_unnamed(agency: &str, lang: Lang) -> &str {
    match (agency.is_empty(), lang) {
        (false, _) => agency,
        (true, Lang::Zh) => "未填机关名称",
        (true, Lang::En) => "no agency given",
    }
}

/// Whether every table cell of `report` holds the same figure as in `previous` (however
/// written: `"1,234"` is `1234`), with at least one filled: two empty forms are not a copy.
fn same_tables(report: &Report, previous: &Report) -> bool {
    if report.template != previous.template {
        return false;
    }
    let mut filled = false;
    for spec in report.template().cells() {
        if spec.table.is_none() {
            continue;
        }
        let (now, then) = (
            report.cell_figure(&spec.key),
            previous.cell_figure(&spec.key),
        );
        let same = match (&now, &then) {
            (Ok(now), Ok(then)) => now == then,
            (Err(FigureError::Blank), Err(FigureError::Blank)) => true,
            _ => {
                report.cell_raw(&spec.key).map(|raw| raw.trim().to_string())
                    == previous
                        .cell_raw(&spec.key)
                        .map(|raw| raw.trim().to_string())
            }
        };
        if !same {
            return false;
        }
        filled |= now != Err(FigureError::Blank);
    }
    filled
}

// ---- The sum ----

/// One file offered to [`sum`].
#[derive(Debug, Clone, Copy)]
pub enum SumSource<'a> {
    /// A report that was read.
    Report {
        /// The file, as the sum will name it.
        file: &'a str,
        /// The report.
        report: &'a Report,
    },
    /// A file that could not be read as a report.
    Unreadable {
        /// The file.
        file: &'a str,
        /// Why, as the reader said it, naming the file.
        reason: &'a str,
    },
}

/// A report summed, as the summed report lists it under `contributors`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contributor {
    /// The agency, trimmed.
    pub agency: String,
    /// The report year.
    pub year: i32,
    /// The file it was read from.
    pub file: String,
}

/// Why a source was not summed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RefusalReason {
    /// The file could not be read as a report.
    Unreadable,
    /// The 2007 条例's free format has no tables to sum.
    Legacy,
    /// A report of another year than the sum's.
    OtherYear {
        /// The report's year.
        year: i32,
        /// The sum's year.
        expected: i32,
    },
    /// A report on another format than the sum's: its cells are not the same cells.
    OtherTemplate {
        /// The report's format.
        template: TemplateId,
        /// The sum's format.
        expected: TemplateId,
    },
    /// The same agency's report was already summed; counting it twice would double it.
    Duplicate {
        /// The file already summed.
        first: String,
    },
}

/// A source the sum left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refusal {
    /// The file.
    pub file: String,
    /// The agency, when the file was read.
    pub agency: String,
    /// Why.
    pub reason: RefusalReason,
    /// Why, in words.
    pub message: String,
}

/// A cell of a summed source that is blank or does not read: left out of the total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    /// The source file (for a gap a summed source carried, `sum.json › dept.json`).
    pub file: String,
    /// The source's agency.
    pub agency: String,
    /// The cell key.
    pub cell: String,
    /// The cell's label.
    pub label: String,
    /// What was typed; `None` for a blank cell.
    pub typed: Option<String>,
    /// The gap, in words (the same as the summed report's `sum.source_gap` finding).
    pub message: String,
}

/// What [`sum`] made.
#[derive(Debug, Clone, PartialEq)]
pub struct Summed {
    /// The summed report; `None` when no source could be summed.
    pub report: Option<Report>,
    /// The reports summed, in the order given.
    pub contributors: Vec<Contributor>,
    /// The sources left out, in the order given.
    pub refused: Vec<Refusal>,
    /// The source cells left out of the totals, source by source in template order.
    pub gaps: Vec<Gap>,
}

/// A gap as the summed report keeps it; the label and the words are derived when read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct GapRecord {
    file: String,
    #[serde(default)]
    agency: String,
    cell: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    typed: Option<String>,
}

/// Sums the tables of `sources` into a new report: each table cell is the exact sum of that
/// cell in every report summed (decimals kept to the finest precision written, so the 万元
/// column stays exact), totals included, so the sum's totals are the sums of the totals. A
/// cell blank in every source stays blank. The sum is of the collection's year and the
/// format most of that year's reports follow (see [`collection_year`]); reports of another
/// year or format, legacy reports (no tables), a second report of an agency already summed
/// and unreadable files are refused, each with its reason. A source's blank or unreadable
/// cell is a [`Gap`]: left out of the total, listed, and kept in the summed report with the
/// contributors, so validating it reports every gap again (`sum.source_gap`), as do the
/// gaps a summed source carried. The `info_fee` figures of section 六 are not tables and are
/// left for the summing office to state. The summed report has no agency (the caller names
/// it) and the official sections with no text.
pub fn sum(sources: &[SumSource<'_>], lang: Lang) -> Summed {
    let tabled: Vec<&Report> = sources
        .iter()
        .filter_map(|source| match source {
            SumSource::Report { report, .. } if report.template != TemplateId::Legacy => {
                Some(*report)
            }
            _ => None,
        })
        .collect();
    let year = collection_year(tabled.iter().copied());
    let template = year.map(|year| {
        let of_year: Vec<TemplateId> = tabled
            .iter()
            .filter(|report| report.year == year)
            .map(|report| report.template)
            .collect();
        // The most common format of the year; on a tie the one the year should use.
        let count = |id: TemplateId| of_year.iter().filter(|other| **other == id).count();
        let fitting = TemplateId::for_year(year);
        of_year
            .iter()
            .copied()
            .max_by_key(|id| (count(*id), *id == fitting, std::cmp::Reverse(*id)))
            .unwrap_or(fitting)
    });
    let mut included: Vec<(&str, &Report)> = Vec::new();
    let mut refused = Vec::new();
    for source in sources {
        let (file, report) = match *source {
            SumSource::Report { file, report } => (file, report),
            SumSource::Unreadable { file, reason } => {
                refused.push(refusal(file, "", RefusalReason::Unreadable, reason, lang));
                continue;
            }
        };
        let agency = report.agency.trim();
        let first = included.iter().find(|(_, other)| {
            !agency.is_empty() && other.agency.trim() == agency && other.year == report.year
        });
        let reason = match (year, template) {
            _ if report.template == TemplateId::Legacy => Some(RefusalReason::Legacy),
            (Some(expected), _) if report.year != expected => Some(RefusalReason::OtherYear {
                year: report.year,
                expected,
            }),
            (_, Some(expected)) if report.template != expected => {
                Some(RefusalReason::OtherTemplate {
                    template: report.template,
                    expected,
                })
            }
            _ => first.map(|(first, _)| RefusalReason::Duplicate {
                first: first.to_string(),
            }),
        };
        match reason {
            Some(reason) => refused.push(refusal(file, agency, reason, "", lang)),
            None => included.push((file, report)),
        }
    }
    let (Some(year), Some(template), false) = (year, template, included.is_empty()) else {
        return Summed {
            report: None,
            contributors: Vec::new(),
            refused,
            gaps: Vec::new(),
        };
    };
    let spec = Template::get(template);
    let cells: Vec<_> = spec
        .cells()
        .iter()
        .filter(|cell| cell.table.is_some())
        .collect();
    let mut totals: Vec<Option<Figure>> = vec![None; cells.len()];
    let mut records = Vec::new();
    for (file, report) in &included {
        for (cell, total) in cells.iter().zip(&mut totals) {
            match report
                .figures
                .get(&cell.key)
                .map(|value| value.figure(cell.kind))
            {
                Some(Ok(figure)) => *total = Some(total.map_or(figure, |sum| sum + figure)),
                None | Some(Err(FigureError::Blank)) => records.push(GapRecord {
                    file: file.to_string(),
                    agency: report.agency.trim().to_string(),
                    cell: cell.key.clone(),
                    typed: None,
                }),
                Some(Err(_)) => records.push(GapRecord {
                    file: file.to_string(),
                    agency: report.agency.trim().to_string(),
                    cell: cell.key.clone(),
                    typed: report.cell_raw(&cell.key).map(|raw| raw.into_owned()),
                }),
            }
        }
        // A summed source's own gaps are gaps of this sum too: a sum of sums hides nothing.
        records.extend(gap_records(report).into_iter().map(|inner| GapRecord {
            file: format!("{file} › {}", inner.file),
            ..inner
        }));
    }
    let mut total = Report::new("", year);
    total.template = template;
    total.sections = official_sections(spec);
    for (cell, figure) in cells.iter().zip(totals) {
        if let Some(figure) = figure {
            // Counts as JSON numbers, amounts as text, as the published fixtures write them:
            // other readers of the file then see the 万元 decimals as written, never a float.
            let value = match cell.kind {
                CellKind::Count | CellKind::SignedCount => CellValue::Number(figure.to_string()),
                _ => CellValue::Text(figure.to_string()),
            };
            total.figures.insert(cell.key.clone(), value);
        }
    }
    let contributors: Vec<Contributor> = included
        .iter()
        .map(|(file, report)| Contributor {
            agency: report.agency.trim().to_string(),
            year: report.year,
            file: file.to_string(),
        })
        .collect();
    if let Ok(value) = serde_json::to_value(&contributors) {
        total.extra.insert(CONTRIBUTORS_KEY.to_string(), value);
    }
    if !records.is_empty()
        && let Ok(value) = serde_json::to_value(&records)
    {
        total.extra.insert(SOURCE_GAPS_KEY.to_string(), value);
    }
    let gaps = records
        .into_iter()
        .map(|record| gap(spec, record, lang))
        .collect();
    Summed {
        report: Some(total),
        contributors,
        refused,
        gaps,
    }
}

fn refusal(file: &str, agency: &str, reason: RefusalReason, said: &str, lang: Lang) -> Refusal {
    let who = agency_or_unnamed(agency, lang);
    // The command line's reader names the file in its words (file:line:column); the app's
    // does not, and a refusal must always say which file it is.
    let named = if said.starts_with(file) {
        said.to_string()
    } else {
        let colon = if lang == Lang::Zh { "：" } else { ": " };
        format!("{file}{colon}{said}")
    };
    let message = match (&reason, lang) {
        (RefusalReason::Unreadable, Lang::Zh) => format!("{named}；无法读取，未计入汇总。"),
        (RefusalReason::Unreadable, Lang::En) => format!("{named}; cannot be read, not summed."),
        (RefusalReason::Legacy, Lang::Zh) => {
            format!("{file}（{who}）：2007 年条例时期的自由格式没有统计表，未计入汇总。")
        }
        (RefusalReason::Legacy, Lang::En) => format!(
            "{file} ({who}): the free form of the 2007 regulations has no tables; not summed."
        ),
        (RefusalReason::OtherYear { year, expected }, Lang::Zh) => format!(
            "{file}（{who}）：是 {year} 年度报告，本次汇总的是 {expected} 年度，未计入汇总。"
        ),
        (RefusalReason::OtherYear { year, expected }, Lang::En) => {
            format!("{file} ({who}): a report for {year}; the sum is of {expected}. Not summed.")
        }
        (RefusalReason::OtherTemplate { template, expected }, Lang::Zh) => format!(
            "{file}（{who}）：使用的是 {} 格式，本次汇总的是 {} 格式，单元格不同，未计入汇总。",
            template.as_str(),
            expected.as_str()
        ),
        (RefusalReason::OtherTemplate { template, expected }, Lang::En) => format!(
            "{file} ({who}): on the {} format; the sum is on {}, whose cells differ. Not summed.",
            template.as_str(),
            expected.as_str()
        ),
        (RefusalReason::Duplicate { first }, Lang::Zh) => {
            format!("{file}（{who}）：该机关本年度的报告已从 {first} 计入，重复的一份未计入汇总。")
        }
        (RefusalReason::Duplicate { first }, Lang::En) => format!(
            "{file} ({who}): this agency's report for the year was already summed from {first}; the second is not."
        ),
    };
    Refusal {
        file: file.to_string(),
        agency: agency.to_string(),
        reason,
        message,
    }
}

fn gap(template: &Template, record: GapRecord, lang: Lang) -> Gap {
    let label = template
        .cell_spec(&record.cell)
        .map_or_else(|| record.cell.clone(), |spec| spec.label.clone());
    let message = gap_message(&record, &label, lang);
    Gap {
        file: record.file,
        agency: record.agency,
        cell: record.cell,
        label,
        typed: record.typed,
        message,
    }
}

/// “汇总来源 hongze.json（淮安市洪泽区人民政府）的「…」未填写，合计未计入该单位此格。”
fn gap_message(record: &GapRecord, label: &str, lang: Lang) -> String {
    let file = &record.file;
    let who = agency_or_unnamed(&record.agency, lang);
    match (&record.typed, lang) {
        (None, Lang::Zh) => {
            format!("汇总来源 {file}（{who}）的「{label}」未填写，合计未计入该单位此格。")
        }
        (Some(typed), Lang::Zh) => format!(
            "汇总来源 {file}（{who}）的「{label}」填写为「{typed}」，不是有效数字，合计未计入该单位此格。"
        ),
        (None, Lang::En) => format!(
            "Summed source {file} ({who}): {label} is blank; the total leaves this agency's cell out."
        ),
        (Some(typed), Lang::En) => format!(
            "Summed source {file} ({who}): {label} is “{typed}”, not a valid figure; the total leaves it out."
        ),
    }
}

/// The gaps a summed report keeps; what does not read as a list of gaps is ignored (the key
/// is an unknown top-level key to any other reader, so it may hold anything).
fn gap_records(report: &Report) -> Vec<GapRecord> {
    match report.extra.get(SOURCE_GAPS_KEY) {
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .filter_map(|item| serde_json::from_value(item.clone()).ok())
            .collect(),
        _ => Vec::new(),
    }
}

/// The contributors a summed report lists; what does not read is left out.
pub fn contributors(report: &Report) -> Vec<Contributor> {
    match report.extra.get(CONTRIBUTORS_KEY) {
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .filter_map(|item| serde_json::from_value(item.clone()).ok())
            .collect(),
        _ => Vec::new(),
    }
}

/// `sum.source_gap`: one warning per source cell a summed report's totals leave out, anchored
/// to the summed cell.
pub(crate) fn check_source_gaps(report: &Report, lang: Lang, findings: &mut Vec<Finding>) {
    let template = report.template();
    for record in gap_records(report) {
        let label = template
            .cell_spec(&record.cell)
            .map_or(record.cell.as_str(), |spec| spec.label.as_str());
        let message = gap_message(&record, label, lang);
        findings.push(Finding::new(
            Rule::SumSourceGap,
            vec![record.cell.clone()],
            message,
        ));
    }
}

/// The paragraph a summed report prints before its text: which reports it sums.
/// “本报告表格数字由以下 2 个单位的年度报告汇总：宿迁市人民政府、淮安市洪泽区人民政府。”
pub(crate) fn contributors_paragraph(report: &Report) -> Option<String> {
    let contributors = contributors(report);
    if contributors.is_empty() {
        return None;
    }
    let names: Vec<&str> = contributors
        .iter()
        .map(|contributor| {
            if contributor.agency.is_empty() {
                contributor.file.as_str()
            } else {
                contributor.agency.as_str()
            }
        })
        .collect();
    Some(format!(
        "本报告表格数字由以下 {} 个单位的年度报告汇总：{}。",
        names.len(),
        names.join("、")
    ))
}
