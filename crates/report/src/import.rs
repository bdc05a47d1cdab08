//! Import from text: a report pasted or saved as plain text, HTML or markdown becomes a
//! `Report`, with every line or table row that could not be placed listed with the reason.
//!
//! Sections split at the headings 一、… (official wording and the variants of
//! official-format.md §A.2); agency and year come from the title line. For gov-format reports
//! the table figures are read from the pasted rows (tab-separated, markdown `|` rows, or HTML
//! `<tr>`), rows matched by distinctive words of their labels so that label variants
//! (规范性文件, “行政止公开”, ，for 、, missing quotes) still match. Values are kept as typed.
//! Nothing here reads files; the caller passes the text in.

use crate::model::{Report, Section};
use crate::narrative::Text;
use crate::template::{TableSpec, TemplateId};

mod docx;
mod pdf;
mod title;

/// The report file key under which an import keeps what it could not place (kept and
/// written back like any key this version does not read).
pub const UNRECOGNISED_KEY: &str = "import_unrecognised";

/// What an import produced.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportResult {
    /// The report read.
    pub report: Report,
    /// Lines and table rows that were not recognised, each with the reason.
    pub unrecognised: Vec<String>,
    /// What makes the import incomplete and needs the clerk: a gov-format report whose
    /// tables gave no figures, a table whose values could not be placed. Empty when the
    /// import is whole.
    pub errors: Vec<String>,
}

/// Reads an HTML page: tags stripped, each table row one line of tab-separated cells.
pub fn import_html(html: &str) -> ImportResult {
    import_text(&html_to_text(html))
}

/// What a review of an import shows before anything is saved: what was recognised (agency,
/// year, format, each section with its length, each table with its filled cells) and what
/// was not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    /// 机关名称 as read (empty when none was found).
    pub agency: String,
    /// The report year, 0 when none was found.
    pub year: i32,
    /// The format decided.
    pub template: TemplateId,
    /// Each section: its heading and how many characters of text it holds.
    pub sections: Vec<(String, usize)>,
    /// Each table: its title, the cells filled and the cells it has.
    pub tables: Vec<(String, usize, usize)>,
    /// What makes the import incomplete.
    pub errors: Vec<String>,
    /// What could not be placed.
    pub unrecognised: Vec<String>,
}

/// The review of an import.
pub fn summarise(result: &ImportResult) -> ImportSummary {
    let report = &result.report;
    let template = report.template();
    let sections = report
        .sections
        .iter()
        .map(|section| {
            let heading = match report.section_heading(section) {
                "" => "前言".to_string(),
                heading => heading.to_string(),
            };
            (heading, section.text.chars().count())
        })
        .collect();
    let tables = template
        .tables()
        .iter()
        .map(|table| {
            let prefix = format!("{}.", table.id);
            let keys: Vec<&str> = template
                .cell_keys()
                .filter(|key| key.starts_with(&prefix))
                .collect();
            let filled = keys
                .iter()
                .filter(|key| report.cell_raw(key).is_some())
                .count();
            (table.title.to_string(), filled, keys.len())
        })
        .collect();
    ImportSummary {
        agency: report.agency.clone(),
        year: report.year,
        template: report.template,
        sections,
        tables,
        errors: result.errors.clone(),
        unrecognised: result.unrecognised.clone(),
    }
}

/// Reads a Word file (.docx): its paragraphs and tables, as [`import_text`] reads text.
/// `Err` says, in the clerk's words, why the file is not a readable Word document.
pub fn import_docx(bytes: &[u8]) -> Result<ImportResult, String> {
    docx_text(bytes).map(|text| import_text(&text))
}

/// The text [`import_docx`] reads from a Word file (a paragraph a line, a table row a line
/// of tab-separated cells), for showing the source beside what was recognised.
pub fn docx_text(bytes: &[u8]) -> Result<String, String> {
    docx::docx_text(bytes)
}

/// Reads a report from plain text, markdown or text extracted from a PDF.
pub fn import_text(text: &str) -> ImportResult {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (cleaned, page_starts) = pdf::clean_lines(text);
    let lines: Vec<Line> = cleaned.iter().map(|line| Line::read(line)).collect();
    let mut unrecognised = Vec::new();
    let mut errors = Vec::new();
    let title = title::read(&lines);
    if title.year.is_none() {
        unrecognised.push(
            "标题：未找到“XX20XX年政府信息公开工作年度报告”形式的标题，年份无法确定".to_string(),
        );
    }
    let gov_headings = lines
        .iter()
        .filter(|line| gov_heading(line).is_some())
        .count();
    let year = title.year.unwrap_or(0);
    let mut report = Report::new(title.agency.clone(), year);
    // The tables say which format was used (some bodies kept the 2019 form in 2021, a few
    // used the new one early); the year decides only when they say nothing.
    let by_tables = format_of_tables(&cleaned);
    let gov = gov_headings >= 3 && (report.template != TemplateId::Legacy || by_tables.is_some());
    if let Some(template) = by_tables.filter(|_| gov) {
        report.template = template;
    }
    if !gov {
        // A report of a year that must use the unified format, read as free-form: the
        // source is cut short or lost its headings, and its tables would be dropped quietly.
        if report.template != TemplateId::Legacy {
            errors.push(format!(
                "{year}年的报告应使用统一格式，但只找到 {gov_headings} 个统一格式的部分标题（一、总体情况 至 六、其他需要报告的事项），已按自由格式导入，统计表未导入：来源可能不完整，请核对"
            ));
        }
        report.template = TemplateId::Legacy;
    }
    report.sections.clear();
    let prose: Vec<&str> = lines
        .iter()
        .filter(|line| line.cells.is_none())
        .map(|line| line.text.as_str())
        .collect();
    let full_width = pdf::full_width(&prose);
    let mut current = Section {
        id: "preamble".to_string(),
        heading: None,
        text: String::new(),
    };
    // The raw lines of each gov section, for tables whose labels and values do not share
    // lines (text from a PDF).
    let mut section_lines: Vec<(String, Vec<usize>)> = Vec::new();
    let mut in_appendix = false;
    let mut group = String::new();
    let mut legacy_count = 0;
    // The previous prose line does not end a sentence, and whether it filled the line.
    let mut open_sentence = false;
    let mut continues = false;
    let mut last_prose = 0;
    for (index, line) in lines.iter().enumerate() {
        if title.lines.contains(&index) {
            continue;
        }
        let heading = if gov {
            gov_heading(line)
        } else {
            legacy_heading(line)
        };
        if let Some(id) = heading {
            push_section(&mut report, std::mem::take(&mut current.text), &current);
            in_appendix = false;
            continues = false;
            open_sentence = false;
            group.clear();
            current = if gov {
                section_lines.push((id.to_string(), Vec::new()));
                Section {
                    id: id.to_string(),
                    heading: None,
                    text: String::new(),
                }
            } else {
                legacy_count += 1;
                Section {
                    id: format!("s{legacy_count}"),
                    heading: Some(line.text.clone()),
                    text: String::new(),
                }
            };
            continue;
        }
        if let Some((_, indices)) = section_lines.last_mut() {
            indices.push(index);
        }
        match line {
            Line {
                cells: Some(cells), ..
            } => {
                continues = false;
                open_sentence = false;
                if cells
                    .iter()
                    .all(|cell| cell.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
                {
                    continue;
                }
                if !gov && !in_appendix {
                    // A legacy report's 统计表 is part of its text: kept there as written.
                    if !current.text.is_empty() {
                        current.text.push('\n');
                    }
                    current.text.push_str(&cells.join(" | "));
                    continue;
                }
                if in_appendix {
                    unrecognised.push(format!("表格行不在表格所属的节中：{}", cells.join(" | ")));
                    continue;
                }
                if let Err(reason) = read_row(&mut report, &current.id, cells, &mut group) {
                    unrecognised.push(format!("{reason}：{}", cells.join(" | ")));
                }
            }
            Line {
                text,
                markdown_heading,
                ..
            } => {
                // A blank line inside a wrapped sentence is a page break, not a paragraph end.
                if text.is_empty() || text.chars().all(|ch| matches!(ch, '-' | '*' | '_')) {
                    continue;
                }
                if *markdown_heading
                    && current.id != "preamble"
                    && !is_inner_heading(text, &report, &current.id)
                {
                    in_appendix = true;
                }
                if in_appendix {
                    unrecognised.push(format!("报告正文之后的内容：{text}"));
                    continue;
                }
                // A sentence broken by the page's width or by a page break goes on here.
                let page_break = page_starts
                    .iter()
                    .any(|&start| start > last_prose && start <= index);
                last_prose = index;
                if (continues || (open_sentence && page_break)) && !pdf::opens_item(text) {
                    let joins_words = current
                        .text
                        .ends_with(|ch: char| ch.is_ascii_alphanumeric())
                        && text.starts_with(|ch: char| ch.is_ascii_alphanumeric());
                    if joins_words {
                        current.text.push(' ');
                    }
                } else if !current.text.is_empty() {
                    current.text.push('\n');
                }
                current.text.push_str(text);
                open_sentence = !*markdown_heading && !pdf::ends_sentence(text);
                continues =
                    open_sentence && text.chars().count() * 10 >= full_width.saturating_mul(8);
            }
        }
    }
    push_section(&mut report, std::mem::take(&mut current.text), &current);
    if gov {
        read_tables_in_printed_order(
            &mut report,
            &lines,
            &cleaned,
            &section_lines,
            &mut unrecognised,
            &mut errors,
        );
    }
    if report.template == TemplateId::Gov2021 {
        read_info_fee(&mut report);
    }
    // What fits no field stays in the report file, for the clerk to review.
    if !unrecognised.is_empty() {
        report.extra.insert(
            UNRECOGNISED_KEY.to_string(),
            serde_json::Value::from(unrecognised.clone()),
        );
    }
    ImportResult {
        report,
        unrecognised,
        errors,
    }
}

/// The format the table headers name: 本年制发件数 / 现行有效件数 are the 2021 form's,
/// 本年新制作数量 / 对外公开总数量 / 上一年项目数量 the 2019 form's.
fn format_of_tables(lines: &[String]) -> Option<TemplateId> {
    let mut found = None;
    for line in lines {
        let text: String = line.chars().filter(|ch| !ch.is_whitespace()).collect();
        if text.contains("本年制发件数") || text.contains("现行有效件数") {
            return Some(TemplateId::Gov2021);
        }
        if text.contains("本年新制作数量")
            || text.contains("对外公开总数量")
            || text.contains("上一年项目数量")
        {
            found = Some(TemplateId::Gov2019);
        }
    }
    found
}

/// A markdown heading inside a section that is part of it: a sub-item (（一）…), a table
/// caption or a row label (text from a PDF converted to markdown marks those as headings).
fn is_inner_heading(text: &str, report: &Report, section: &str) -> bool {
    if pdf::opens_item(text) {
        return true;
    }
    let label = normalise_label(text);
    let template = report.template();
    let in_table = template
        .section(section)
        .and_then(|spec| spec.table)
        .and_then(|id| template.table(id))
        .is_some_and(|table| {
            table.title.contains(&label)
                || table.blocks.iter().any(|block| {
                    normalise_label(block.caption) == label
                        || block
                            .rows
                            .iter()
                            .any(|row| normalise_label(row.label) == label)
                })
        });
    in_table
        || ["第二十条", "信息内容", "申请人情况", "行政复议", "行政诉讼"]
            .iter()
            .any(|word| label.starts_with(word))
}

/// For each table that got no figures from rows of cells, reads its section's text in
/// printed order (text from a PDF; `raw` are the lines as laid out, `lines` as read). The
/// section keeps only its prose before the table.
fn read_tables_in_printed_order(
    report: &mut Report,
    lines: &[Line],
    raw: &[String],
    section_lines: &[(String, Vec<usize>)],
    notes: &mut Vec<String>,
    errors: &mut Vec<String>,
) {
    let template = report.template();
    let mut any_figure = false;
    for spec in template.sections {
        let Some(table) = spec.table.and_then(|id| template.table(id)) else {
            continue;
        };
        let prefix = format!("{}.", table.id);
        if report.figures.keys().any(|key| key.starts_with(&prefix)) {
            any_figure = true;
            continue;
        }
        let Some((_, indices)) = section_lines.iter().find(|(id, _)| id == spec.id) else {
            errors.push(format!(
                "表{}：没有找到“{}”这一节，表格未导入",
                table_number(table),
                spec.heading
            ));
            continue;
        };
        let texts: Vec<&str> = indices
            .iter()
            .map(|&index| lines[index].text.as_str())
            .collect();
        // As laid out, leading spaces kept: where a value stands tells its column when cells
        // are blank.
        let laid_out: Vec<&str> = indices
            .iter()
            .map(|&index| raw.get(index).map_or("", |line| line.trim_end()))
            .collect();
        match pdf::fill_in_printed_order(report, table, &laid_out) {
            Ok(filled) => {
                any_figure = true;
                match filled {
                    pdf::Filled::InOrder => {}
                    pdf::Filled::Reordered => notes.push(format!(
                        "表{}：PDF 文字中数值的顺序与表格不同，已按各行合计关系排列，请对照原文核对",
                        table_number(table)
                    )),
                    pdf::Filled::Blanks { cells, rows } => notes.push(format!(
                        "表{}：PDF 中有 {cells} 个单元格没有数值{}，已按行标题和列位置对应，这些单元格留空，请对照原文核对",
                        table_number(table),
                        if rows.is_empty() {
                            String::new()
                        } else {
                            format!("（整行空白：{}）", rows.join("、"))
                        }
                    )),
                    pdf::Filled::Ambiguous => errors.push(format!(
                        "表{}：PDF 文字中数值的顺序与表格不同，且不止一种排列能使合计成立；已按文字顺序填入，请对照原文逐格核对",
                        table_number(table)
                    )),
                }
                // The table's own lines are now figures; the prose before it stays.
                let before: Vec<&str> = texts
                    .iter()
                    .take_while(|text| pdf::figure_tokens(text).is_empty() && !is_inner_heading(text, report, spec.id))
                    .filter(|text| !text.is_empty())
                    .copied()
                    .collect();
                report.set_section_text(spec.id, before.join("\n"));
            }
            Err((0, _)) => errors.push(format!(
                "表{}：这一节中没有找到表格的数值，表格未导入",
                table_number(table)
            )),
            Err((found, wanted)) => errors.push(format!(
                "表{}：找到 {found} 个数值，表格应有 {wanted} 个，无法逐格对应（可能有空白单元格），表格未导入",
                table_number(table)
            )),
        }
    }
    if !any_figure {
        errors.insert(
            0,
            "这是统一格式的年度报告，但没有读到任何统计表数值：请检查来源文本是否包含表格"
                .to_string(),
        );
    }
}

fn push_section(report: &mut Report, text: String, section: &Section) {
    if section.id == "preamble" && text.is_empty() {
        return;
    }
    report.sections.push(Section {
        id: section.id.clone(),
        heading: section.heading.clone(),
        text,
    });
}

/// One input line: either prose (markdown markers removed) or a table row.
struct Line {
    text: String,
    cells: Option<Vec<String>>,
    markdown_heading: bool,
}

impl Line {
    fn read(raw: &str) -> Line {
        let trimmed = raw.trim();
        // Pipe tables, also as web pages copy them without the leading pipe
        // (“规章 | 0 | 0 | 0 |”).
        if trimmed.starts_with('|') || trimmed.ends_with('|') || trimmed.matches('|').count() >= 2 {
            let inner = trimmed.trim_start_matches('|').trim_end_matches('|');
            let cells = inner.split('|').map(clean_cell).collect();
            return Line {
                text: String::new(),
                cells: Some(cells),
                markdown_heading: false,
            };
        }
        // Cells separated by tabs; a tab only before or after the text is indentation (web
        // pages copied with their paragraph indents).
        if trimmed.contains('\t') {
            let cells = trimmed.split('\t').map(clean_cell).collect();
            return Line {
                text: String::new(),
                cells: Some(cells),
                markdown_heading: false,
            };
        }
        let markdown_heading = trimmed.starts_with('#');
        let text = trimmed
            .trim_start_matches('#')
            .trim_start_matches('>')
            .trim()
            .replace("**", "");
        Line {
            text,
            cells: None,
            markdown_heading,
        }
    }
}

fn clean_cell(cell: &str) -> String {
    cell.trim().replace("**", "").trim().to_string()
}

/// The gov section a heading line opens, by what it says rather than its number: a
/// report that leaves out a section renumbers the rest (四、存在的主要问题…), numerals may be
/// full-width or spaced (二 、), and some write 第二部分 or 二. for 二、.
fn gov_heading(line: &Line) -> Option<&'static str> {
    let text: String = line
        .text
        .chars()
        .map(crate::narrative::normalise_char)
        .filter(|ch| !ch.is_whitespace())
        .collect();
    if line.cells.is_some() || text.chars().count() > 40 || text.ends_with('。') {
        return None;
    }
    let rest = strip_section_number(&text)?;
    // Table 三's row labels are numbered the same way (一、本年新收…申请数量).
    const ROW_LABELS: [&str; 4] = ["本年新收", "上年结转", "结转下年", "办理结果"];
    if ROW_LABELS.iter().any(|label| rest.contains(label)) {
        return None;
    }
    // Most specific first: the appeals heading also says 申请, the other-matters one 其他.
    const MEANINGS: &[(&[&str], &str)] = &[
        (&["复议", "诉讼"], "appeals"),
        (&["主动公开"], "active"),
        (&["收到和处理", "依申请", "申请"], "requests"),
        (&["总体情况", "基本情况", "概述"], "overview"),
        (&["其他需要报告", "其他事项", "其他需报告"], "other"),
        (&["问题", "不足", "改进"], "problems"),
    ];
    MEANINGS
        .iter()
        .find(|(words, _)| words.iter().any(|word| rest.contains(word)))
        .map(|(_, id)| *id)
}

/// The heading text after its section number (一、 一. 第一部分 第一、), or `None` when the line
/// does not open with one.
fn strip_section_number(text: &str) -> Option<&str> {
    const NUMERALS: &str = "一二三四五六七八九十";
    let (text, ordinal) = match text.strip_prefix('第') {
        Some(rest) => (rest, true),
        None => (text, false),
    };
    let numeral_len: usize = text
        .chars()
        .take_while(|ch| NUMERALS.contains(*ch))
        .map(char::len_utf8)
        .sum();
    if numeral_len == 0 || numeral_len > 6 {
        return None;
    }
    let after = &text[numeral_len..];
    if ordinal && let Some(rest) = after.strip_prefix("部分") {
        return Some(rest.trim_start_matches(['、', '：', ':', '.', '．']));
    }
    after
        .strip_prefix('、')
        .or_else(|| after.strip_prefix('.'))
        .or_else(|| after.strip_prefix('．'))
}

/// A legacy heading: a short line opening with a Chinese numeral and 、.
fn legacy_heading(line: &Line) -> Option<&'static str> {
    let text = line.text.trim();
    let numeral: String = text
        .chars()
        .take_while(|ch| "一二三四五六七八九十".contains(*ch))
        .collect();
    (line.cells.is_none()
        && !numeral.is_empty()
        && text[numeral.len()..].starts_with('、')
        && text.chars().count() <= 40)
        .then_some("legacy")
}

/// A cell value: `Some(Some(raw))` a figure, `Some(None)` blank, `None` text (a label).
fn value(cell: &str) -> Option<Option<String>> {
    let trimmed = cell.trim();
    if matches!(
        trimmed,
        "" | "（空）" | "(空)" | "空" | "/" | "-" | "—" | "／"
    ) {
        return Some(None);
    }
    let normal: String = trimmed
        .chars()
        .map(crate::narrative::normalise_char)
        .collect();
    let body = normal
        .trim_end_matches(['件', '元'])
        .replace([',', ' '], "");
    let body = body.strip_prefix('-').unwrap_or(&body);
    let numeric = !body.is_empty()
        && body.chars().all(|ch| ch.is_ascii_digit() || ch == '.')
        && body.chars().filter(|ch| *ch == '.').count() <= 1;
    numeric.then(|| Some(trimmed.to_string()))
}

/// Places one table row; `Err` with the reason when it cannot.
fn read_row(
    report: &mut Report,
    section: &str,
    cells: &[String],
    group: &mut String,
) -> Result<(), String> {
    let last_label = cells.iter().rposition(|cell| value(cell).is_none());
    let label: String = last_label
        .map(|last| {
            cells[..=last]
                .iter()
                .filter(|cell| value(cell).is_none())
                .cloned()
                .collect::<Vec<_>>()
                .concat()
        })
        .unwrap_or_default();
    let mut values: Vec<Option<String>> = cells[last_label.map_or(0, |last| last + 1)..]
        .iter()
        .map(|cell| value(cell).flatten())
        .collect();
    if values.iter().all(Option::is_none) {
        return Ok(()); // a header row
    }
    let template = report.template();
    let Some(table) = template
        .sections
        .iter()
        .find(|spec| spec.id == section)
        .and_then(|spec| spec.table)
        .and_then(|id| template.table(id))
    else {
        return Err("表格行不在表格所属的节中".to_string());
    };
    let label = normalise_label(&label);
    let row_key = match table.id {
        "requests" => requests_row(&label, group, report.template),
        "active" => active_row(&label),
        _ => (label.is_empty() || label.contains("复议")).then_some(""),
    };
    let Some(row_key) = row_key else {
        return Err(format!("表{}中未识别的行", table_number(table)));
    };
    let keys: Vec<String> = if table.id == "appeals" {
        template
            .cell_keys()
            .filter(|key| key.starts_with("appeals."))
            .map(str::to_string)
            .collect()
    } else {
        let block = table
            .blocks
            .iter()
            .find(|block| block.rows.iter().any(|row| row.key == row_key));
        let Some(block) = block else {
            return Err(format!("本格式的表{}没有这一行", table_number(table)));
        };
        block
            .columns
            .iter()
            .map(|column| format!("{}.{row_key}.{}", table.id, column.key))
            .collect()
    };
    while values.len() > keys.len() && values.last().is_some_and(Option::is_none) {
        values.pop();
    }
    if values.len() != keys.len() {
        return Err(format!(
            "有 {} 个数值，这一行应有 {} 个",
            values.len(),
            keys.len()
        ));
    }
    for (key, value) in keys.iter().zip(values) {
        if let Some(raw) = value {
            report.set_cell(key, raw);
        }
    }
    Ok(())
}

fn table_number(table: &TableSpec) -> &'static str {
    match table.id {
        "active" => "二",
        "requests" => "三",
        _ => "四",
    }
}

fn normalise_label(label: &str) -> String {
    label
        .chars()
        .map(crate::narrative::normalise_char)
        .filter(|ch| !ch.is_whitespace() && !matches!(ch, '“' | '”' | '"' | '\'' | '｜' | '|'))
        .map(|ch| if ch == '，' { '、' } else { ch })
        .collect()
}

/// The row of table 三 a label names. `group` remembers the last （三）…（六） seen, for rows
/// printed under a merged group cell.
fn requests_row(label: &str, group: &mut String, template: TemplateId) -> Option<&'static str> {
    for marker in ["（三）", "（四）", "（五）", "（六）"] {
        if label.contains(marker) {
            *group = marker.to_string();
        }
    }
    const ROWS: &[(&str, &str)] = &[
        ("本年新收", "new"),
        ("上年结转", "carried_in"),
        ("结转下年", "carried_out"),
        ("部分公开", "partial"),
        ("予以公开", "granted"),
        ("国家秘密", "withheld.state_secret"),
        ("其他法律行政", "withheld.law_forbidden"),
        ("三安全", "withheld.security_stability"),
        ("第三方", "withheld.third_party"),
        ("内部事务", "withheld.internal_affairs"),
        ("过程性", "withheld.process_info"),
        ("执法案卷", "withheld.enforcement_file"),
        ("行政查询", "withheld.admin_query"),
        ("不掌握", "unavailable.not_held"),
        ("另行制作", "unavailable.needs_creation"),
        ("不明确", "unavailable.unclear"),
        ("信访", "rejected.petition"),
        ("重复申请", "rejected.duplicate"),
        ("出版物", "rejected.publication"),
        ("大量反复", "rejected.excessive"),
        ("重新出具", "rejected.confirmation"),
        ("不补正", "other.no_correction"),
        ("收费通知", "other.no_fee"),
        ("缴纳费用", "other.no_fee"),
        ("总计", "handled_total"),
    ];
    if let Some((_, key)) = ROWS.iter().find(|(word, _)| label.contains(word)) {
        return Some(key);
    }
    let in_other = label.contains("其他处理") || group == "（六）";
    if in_other && label.ends_with("其他") {
        return Some("other.other");
    }
    // The 2019 single row （六）其他处理: in a gov-2021 report its figures are 3.其他.
    if label.contains("其他处理") {
        return Some(if template == TemplateId::Gov2019 {
            "other"
        } else {
            "other.other"
        });
    }
    None
}

fn active_row(label: &str) -> Option<&'static str> {
    const ROWS: &[(&str, &str)] = &[
        ("规范性文件", "normative_docs"),
        ("规章", "regulations"),
        ("行政许可", "licensing"),
        ("其他对外管理服务", "other_services"),
        ("行政处罚", "penalty"),
        ("行政强制", "coercion"),
        ("行政事业性收费", "fees"),
        ("集中采购", "procurement"),
    ];
    ROWS.iter()
        .find(|(word, _)| label.contains(word))
        .map(|(_, key)| *key)
}

/// The 信息处理费 figures of section 六: in the first sentence naming the fee with an amount
/// in 元 after it, that amount, and the nearest count of 件 before the amount (the cases
/// charged: “对25件…申请案件收取了信息处理费2950元”).
fn read_info_fee(report: &mut Report) {
    let Some(other) = report.section_text("other").map(str::to_string) else {
        return;
    };
    let text = Text::new(&other);
    for (start, end) in text.sentences() {
        let sentence = text.slice(start, end);
        let Some(position) = sentence.find("信息处理费") else {
            continue;
        };
        let fee_at = start + sentence[..position].chars().count();
        let quantities = text.quantities(start, end);
        let Some(amount) = quantities
            .iter()
            .find(|quantity| quantity.start > fee_at && quantity.unit == "元")
        else {
            continue;
        };
        report.set_cell(
            "info_fee.amount_yuan",
            crate::narrative::format_value(amount.value),
        );
        if let Some(cases) = quantities
            .iter()
            .rfind(|quantity| quantity.end <= amount.start && quantity.unit == "件")
        {
            report.set_cell(
                "info_fee.cases",
                crate::narrative::format_value(cases.value),
            );
        }
        return;
    }
}

/// Strips tags in one pass over the page: block elements become line breaks, each `<tr>`
/// one line of tab-separated cells (merged label cells repeated on the rows they span),
/// `<script>`, `<style>` and comments dropped, character references decoded.
fn html_to_text(html: &str) -> String {
    let html = html.strip_prefix('\u{feff}').unwrap_or(html);
    let mut page = HtmlText::default();
    let mut pos = 0;
    while let Some(found) = html[pos..].find('<') {
        let open = pos + found;
        page.text(&decode(&html[pos..open]));
        if html[open..].starts_with("<!--") {
            pos = html[open..]
                .find("-->")
                .map_or(html.len(), |end| open + end + 3);
            continue;
        }
        let Some(close) = html[open..].find('>') else {
            page.text(&decode(&html[open..]));
            pos = html.len();
            break;
        };
        let tag = &html[open + 1..open + close];
        pos = open + close + 1;
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|ch| ch.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if !closing && matches!(name.as_str(), "script" | "style" | "noscript" | "template") {
            // Skip to the end tag, scanning forward only: linear however many there are.
            pos = find_ascii_ci(html, pos, &format!("</{name}")).unwrap_or(html.len());
            continue;
        }
        page.tag(&name, closing, tag);
    }
    page.text(&decode(&html[pos..]));
    page.finish()
}

/// The byte offset of `needle` (ASCII) in `haystack` at or after `from`, ignoring ASCII case.
fn find_ascii_ci(haystack: &str, from: usize, needle: &str) -> Option<usize> {
    let bytes = haystack.as_bytes();
    let needle = needle.as_bytes();
    (from..=bytes.len().checked_sub(needle.len())?).find(|&at| {
        bytes[at..at + needle.len()]
            .iter()
            .zip(needle)
            .all(|(a, b)| a.eq_ignore_ascii_case(b))
    })
}

/// The text of a page being read, with the table being built.
#[derive(Default)]
struct HtmlText {
    out: String,
    /// Rows of the outermost open table; cells are (text, rowspan, colspan).
    rows: Vec<Vec<(String, usize, usize)>>,
    /// Open tables (nested ones are read as text inside the outer cell).
    depth: usize,
    cell: Option<(String, usize, usize)>,
}

impl HtmlText {
    fn text(&mut self, text: &str) {
        match &mut self.cell {
            Some((cell, _, _)) => {
                for ch in text.chars() {
                    cell.push(if ch == '\n' || ch == '\r' || ch == '\t' {
                        ' '
                    } else {
                        ch
                    });
                }
            }
            None if self.depth > 0 => {}
            None => self.out.push_str(text),
        }
    }

    fn tag(&mut self, name: &str, closing: bool, tag: &str) {
        match (name, closing) {
            ("table", false) => {
                self.depth += 1;
                if self.depth == 1 {
                    self.rows.clear();
                }
            }
            ("table", true) if self.depth > 0 => {
                self.depth -= 1;
                if self.depth == 0 {
                    self.end_cell();
                    self.flush_table();
                }
            }
            ("tr", false) if self.depth == 1 => {
                self.end_cell();
                self.rows.push(Vec::new());
            }
            ("tr", true) if self.depth == 1 => self.end_cell(),
            ("td" | "th", false) if self.depth == 1 => {
                self.end_cell();
                if self.rows.is_empty() {
                    self.rows.push(Vec::new());
                }
                self.cell = Some((String::new(), span(tag, "rowspan"), span(tag, "colspan")));
            }
            ("td" | "th", true) if self.depth == 1 => self.end_cell(),
            (
                "p" | "div" | "br" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "section"
                | "article" | "header" | "footer" | "tbody",
                _,
            ) => {
                if self.cell.is_some() {
                    self.text(" ");
                } else if self.depth == 0 {
                    self.out.push('\n');
                }
            }
            _ => {}
        }
    }

    fn end_cell(&mut self) {
        if let Some((text, rowspan, colspan)) = self.cell.take()
            && let Some(row) = self.rows.last_mut()
        {
            row.push((text.trim().to_string(), rowspan, colspan));
        }
    }

    /// Writes the table, one line per row. A label cell merged over several rows is
    /// repeated on each (its rows then read on their own); a merged figure is written once.
    fn flush_table(&mut self) {
        // Label cells still spanning down: (column, rows left, text).
        let mut spanning: Vec<(usize, usize, String)> = Vec::new();
        self.out.push('\n');
        for row in std::mem::take(&mut self.rows) {
            let mut line: Vec<String> = Vec::new();
            let mut column = 0;
            let mut cells = row.into_iter().peekable();
            loop {
                if let Some(index) = spanning.iter().position(|(at, _, _)| *at == column) {
                    line.push(spanning[index].2.clone());
                    spanning[index].1 -= 1;
                    if spanning[index].1 == 0 {
                        spanning.remove(index);
                    }
                    column += 1;
                    continue;
                }
                let Some((text, rowspan, colspan)) = cells.next() else {
                    if spanning.iter().any(|(at, _, _)| *at > column) {
                        column += 1;
                        continue;
                    }
                    break;
                };
                if rowspan > 1 && value(&text).is_none() {
                    spanning.push((column, rowspan - 1, text.clone()));
                }
                line.push(text);
                column += colspan.max(1);
            }
            match line.as_slice() {
                [] => {}
                // A one-cell row (a caption across the table) is still a table row: written
                // as a pipe row, since a lone tab would read as indentation.
                [only] => {
                    self.out.push_str(&format!("| {only} |\n"));
                }
                _ => {
                    self.out.push_str(&line.join("\t"));
                    self.out.push('\n');
                }
            }
        }
    }

    fn finish(mut self) -> String {
        self.end_cell();
        if !self.rows.is_empty() {
            self.flush_table();
        }
        self.out
    }
}

/// `rowspan="3"` / `colspan=2` of a tag, 1 when absent or unreadable (at most 100).
fn span(tag: &str, attribute: &str) -> usize {
    let lower = tag.to_ascii_lowercase();
    let Some(at) = lower.find(attribute) else {
        return 1;
    };
    let rest = lower[at + attribute.len()..].trim_start();
    let Some(rest) = rest.strip_prefix('=') else {
        return 1;
    };
    let digits: String = rest
        .trim_start()
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().unwrap_or(1).clamp(1, 100)
}

/// Decodes character references: numeric (`&#20013;`, `&#x4E2D;`) and the named ones pages
/// use; an unknown or malformed one is kept as written.
fn decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..]
            .char_indices()
            .take(12)
            .find(|(_, ch)| *ch == ';')
            .map(|(index, _)| index + 1);
        let decoded = end.and_then(|end| entity(&rest[1..end]).map(|ch| (ch, end)));
        match decoded {
            Some((ch, end)) => {
                out.push(ch);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code).filter(|ch| *ch != '\0');
    }
    Some(match name {
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        "times" => '×',
        "divide" => '÷',
        "yen" => '¥',
        "deg" => '°',
        "plusmn" => '±',
        "laquo" => '«',
        "raquo" => '»',
        "bull" => '•',
        "copy" => '©',
        "reg" => '®',
        "permil" => '‰',
        _ => return None,
    })
}
