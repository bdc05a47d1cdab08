//! Drafting helpers for the editor: the customary preamble built from agency and year, the
//! suggested sub-headings of the official format, and starting next year's report from this
//! year's one. Pure functions; the app decides when to use them.

use crate::model::{Report, Section};
use crate::template::{Template, TemplateId};

/// The customary preamble (前言) for `agency` and `year`, following the wording most
/// provinces use (`spec/official-format.md` §A.2).
pub fn preamble_text(agency: &str, year: i32, template: TemplateId) -> String {
    let agency = if agency.trim().is_empty() {
        "本机关"
    } else {
        agency.trim()
    };
    let format_notice = match template {
        TemplateId::Gov2021 => {
            "和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）"
        }
        TemplateId::Gov2019 => {
            "和《中华人民共和国政府信息公开工作年度报告格式（试行）》（国办公开办函〔2019〕60号）"
        }
        TemplateId::Legacy => "",
    };
    format!(
        "根据《中华人民共和国政府信息公开条例》（国务院令第711号，以下简称《条例》）{format_notice}要求，\
         结合{year}年{agency}政府信息公开工作实际，编制发布本报告。\
         本报告内容包括：总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、\
         政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。\
         报告中所列数据统计期限自{year}年1月1日起至{year}年12月31日止。\
         如对本报告有疑问，请与{agency}联系。"
    )
}

/// The sub-headings the official format suggests for a section, for one-click inserts.
pub fn suggested_subheadings(section_id: &str) -> &'static [&'static str] {
    match section_id {
        "overview" => &[
            "（一）主动公开",
            "（二）依申请公开",
            "（三）政府信息管理",
            "（四）政府信息公开平台建设",
            "（五）监督保障",
        ],
        "problems" => &["（一）存在的主要问题", "（二）改进情况"],
        "other" => &[
            "（一）依据《政府信息公开信息处理费管理办法》收取信息处理费的情况",
            "（二）落实上级年度政务公开工作要点情况",
            "（三）人大代表建议和政协提案办理结果公开情况",
            "（四）年度政务公开工作创新情况",
        ],
        _ => &[],
    }
}

/// Inserts a sub-heading at `at` (a char offset, clamped) on a line of its own, and leaves
/// the caret at the start of the next line, where the text under the heading goes.
/// Returns the new text and that char offset.
pub fn insert_subheading(text: &str, at: usize, heading: &str) -> (String, usize) {
    let at = at.min(text.chars().count());
    let byte = text.char_indices().nth(at).map_or(text.len(), |(b, _)| b);
    let (before, after) = text.split_at(byte);
    let lead = if before.is_empty() || before.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    let inserted = format!("{lead}{heading}\n");
    let cursor = before.chars().count() + inserted.chars().count();
    let after = after.strip_prefix('\n').unwrap_or(after);
    (format!("{before}{inserted}{after}"), cursor)
}

/// The sections a new `legacy` report starts with: the six matters article 32 of the 2007
/// 条例 asks the annual report to cover, after an overview, as most reports of 2008–2018 were
/// laid out. Legacy sections print only their own headings, so each carries one; the ids
/// follow the `s1`, `s2`, … of imported legacy reports and never clash with official ids when
/// the report later switches to a `gov-*` format.
const LEGACY_SECTIONS: &[(&str, &str)] = &[
    ("s1", "一、概述"),
    ("s2", "二、主动公开政府信息情况"),
    ("s3", "三、依申请公开政府信息和不予公开政府信息情况"),
    ("s4", "四、政府信息公开的收费及减免情况"),
    ("s5", "五、因政府信息公开申请行政复议、提起行政诉讼情况"),
    ("s6", "六、政府信息公开工作存在的主要问题及改进情况"),
    ("s7", "七、其他需要报告的事项"),
];

/// A new report for `agency` and `year` on `template`, or on the format that fits the year
/// when none is chosen. The sections are always those of the format, whatever the year: a
/// `gov-*` report gets the official 前言 and 一 … 六 (so 二、三、四 come with their tables) and
/// the customary preamble; a `legacy` report gets headed free sections. Starting from the
/// year's sections and only relabelling the format would leave a 2017 report on the 2021
/// format without its tables, and a 2023 legacy report with seven sections all shown as 前言.
pub fn new_report(agency: &str, year: i32, template: Option<TemplateId>) -> Report {
    let id = template.unwrap_or_else(|| TemplateId::for_year(year));
    let mut report = Report::new(agency.trim(), year);
    report.template = id;
    report.sections = match id {
        TemplateId::Legacy => LEGACY_SECTIONS
            .iter()
            .map(|&(id, heading)| Section {
                id: id.to_string(),
                heading: Some(heading.to_string()),
                text: String::new(),
            })
            .collect(),
        TemplateId::Gov2021 | TemplateId::Gov2019 => {
            crate::model::official_sections(Template::get(id))
        }
    };
    if id != TemplateId::Legacy {
        let text = preamble_text(&report.agency, year, id);
        report.set_section_text("preamble", text);
    }
    report
}

/// A draft of next year's report started from `last`: same agency, contact and prose (the
/// preamble's year moved on), the template of the new year, 上年结转 copied from last year's
/// 结转下年度, last year's 现行有效件数 as the base of this year's, auto-totals as they were.
pub fn next_year(last: &Report) -> Report {
    let year = last.year + 1;
    let mut next = Report::new(last.agency.clone(), year);
    next.contact = last.contact.clone();
    next.auto_totals = last.auto_totals.clone();
    if next.template == TemplateId::Legacy {
        next.sections = last.sections.clone();
    } else if last.template != TemplateId::Legacy {
        for section in &last.sections {
            let text = if section.id == "preamble" {
                section
                    .text
                    .replace(&last.year.to_string(), &year.to_string())
            } else {
                section.text.clone()
            };
            next.set_section_text(&section.id, text);
        }
    }
    // 上年结转 of every column of table 三, as the template lists them.
    let columns = next
        .template()
        .table("requests")
        .into_iter()
        .flat_map(|table| table.blocks.iter().flat_map(|block| block.columns.iter()));
    for column in columns.map(|column| column.key) {
        if let Some(raw) = last.cell_raw(&format!("requests.carried_out.{column}")) {
            let raw = raw.into_owned();
            next.set_cell(&format!("requests.carried_in.{column}"), raw);
        }
    }
    if next.template == TemplateId::Gov2021 && last.template == TemplateId::Gov2021 {
        for row in ["regulations", "normative_docs"] {
            let key = format!("active.{row}.in_force");
            if let Some(raw) = last.cell_raw(&key) {
                let raw = raw.into_owned();
                next.set_cell(&key, raw);
            }
        }
    }
    next
}

/// Adds a headed section at the end (legacy reports, whose sections are free).
pub fn add_section(report: &mut Report, id: &str, heading: &str) {
    report.sections.push(crate::model::Section {
        id: id.to_string(),
        heading: Some(heading.to_string()),
        text: String::new(),
    });
}

/// Renames a section's heading.
pub fn set_section_heading(report: &mut Report, id: &str, heading: &str) {
    if let Some(section) = report.sections.iter_mut().find(|s| s.id == id) {
        section.heading = Some(heading.to_string());
    }
}

/// Moves a section one place up (`-1`) or down (`1`); nothing at the ends.
pub fn move_section(report: &mut Report, id: &str, delta: isize) {
    let Some(at) = report.sections.iter().position(|s| s.id == id) else {
        return;
    };
    let Some(to) = at.checked_add_signed(delta) else {
        return;
    };
    if to < report.sections.len() {
        report.sections.swap(at, to);
    }
}

/// Removes a section.
pub fn remove_section(report: &mut Report, id: &str) {
    report.sections.retain(|s| s.id != id);
}

/// Moves a report to another format without losing any text: sections keep their text and
/// get the heading they need in the new format. Figures are kept as they are; keys the new
/// format does not have are then reported as `cell.unknown`, so the clerk sees what to
/// re-enter (the 2019 and 2021 tables are not cell-for-cell convertible).
///
/// - to `legacy`: each section without a heading of its own gets the official heading it
///   had, since legacy sections print only their own headings;
/// - from `legacy` to a `gov-*` format: a section whose heading starts with an official
///   heading's number (“三、…”) takes that section's id, and keeps its own wording only when
///   it differs from the official heading; the official sections it lacks are added empty;
///   sections that match none are kept, after the official ones.
pub fn switch_template(report: &mut Report, to: TemplateId) {
    if report.template == to {
        return;
    }
    let from = report.template();
    let target = Template::get(to);
    if to == TemplateId::Legacy {
        for section in &mut report.sections {
            if section.heading.is_none()
                && let Some(spec) = from
                    .section(&section.id)
                    .filter(|spec| !spec.heading.is_empty())
            {
                section.heading = Some(spec.heading.to_string());
            }
        }
    } else if from.id == TemplateId::Legacy {
        for section in &mut report.sections {
            let heading = section.heading.clone().unwrap_or_default();
            let number = heading.trim().split('、').next().unwrap_or("");
            let official = target.sections.iter().find(|spec| {
                !spec.heading.is_empty()
                    && !number.is_empty()
                    && spec.heading.starts_with(&format!("{number}、"))
            });
            if let Some(spec) = official {
                section.id = spec.id.to_string();
                if heading.trim() == spec.heading {
                    section.heading = None;
                }
            }
        }
        let order = |id: &str| {
            target
                .sections
                .iter()
                .position(|spec| spec.id == id)
                .unwrap_or(usize::MAX)
        };
        for spec in target.sections {
            if !report.sections.iter().any(|section| section.id == spec.id) {
                report.sections.push(crate::model::Section {
                    id: spec.id.to_string(),
                    heading: None,
                    text: String::new(),
                });
            }
        }
        // Stable: sections matching no official one keep their relative order at the end.
        report.sections.sort_by_key(|section| order(&section.id));
    }
    report.template = to;
}

/// Whether the report's own title or its 前言 still speaks of `old` as the report year
/// (`2023年`) after the year was changed to another: the clerk is asked before they change.
pub fn has_year_references(report: &Report, old: i32) -> bool {
    if old == report.year {
        return false;
    }
    let needle = format!("{old}年");
    let title = report.extra.get("title").and_then(|value| value.as_str());
    title.is_some_and(|title| title.contains(&needle))
        || report
            .section_text("preamble")
            .is_some_and(|text| text.contains(&needle))
}

/// Changes `old年` to the report year in the report's own title and its 前言 (the title
/// and the statistics period that name the report year), with the clerk's consent.
pub fn update_year_references(report: &mut Report, old: i32) {
    let (from, to) = (format!("{old}年"), format!("{}年", report.year));
    if let Some(title) = report.extra.get("title").and_then(|value| value.as_str()) {
        let updated = title.replace(&from, &to);
        report.extra.insert("title".into(), updated.into());
    }
    if let Some(text) = report.section_text("preamble") {
        let updated = text.replace(&from, &to);
        report.set_section_text("preamble", updated);
    }
}

/// Fills every blank cell of the table `table_id` with 0 (the format's “没有请填 0”), except
/// the totals auto-totals computes; returns how many were filled.
pub fn fill_blank_cells(report: &mut Report, table_id: &str) -> usize {
    let prefix = format!("{table_id}.");
    let keys: Vec<String> = report
        .template()
        .cell_keys()
        .filter(|key| key.starts_with(&prefix))
        .map(str::to_string)
        .collect();
    fill_blank_cells_in(report, &keys)
}

/// Fills the blank cells among `keys` (a range the clerk selected) with 0, except optional
/// cells and the totals auto-totals computes; returns how many were filled.
pub fn fill_blank_cells_in(report: &mut Report, keys: &[String]) -> usize {
    let template = report.template();
    let auto = report.auto_totals_enabled();
    let blank: Vec<String> = keys
        .iter()
        .filter_map(|key| template.cell_spec(key))
        .filter(|cell| !cell.optional)
        .filter(|cell| !(auto && crate::formula::is_computed(template, &cell.key)))
        .filter(|cell| {
            report
                .figures
                .get(&cell.key)
                .is_none_or(|value| value.is_blank())
        })
        .map(|cell| cell.key.clone())
        .collect();
    for key in &blank {
        report.set_cell(key, "0");
    }
    blank.len()
}

/// Empties the cells among `keys` (Delete on a selected range), except the totals
/// auto-totals computes and the clerk has not overridden (they are not the clerk's to type);
/// returns how many held something.
pub fn clear_cells(report: &mut Report, keys: &[String]) -> usize {
    write_range(report, keys, "")
}

/// Writes `value` into every cell among `keys` the clerk may type in (one value pasted onto a
/// selected range, as in Excel): cells of the template, except the totals auto-totals
/// computes and the clerk has not overridden. Returns how many cells changed.
pub fn write_range(report: &mut Report, keys: &[String], value: &str) -> usize {
    let template = report.template();
    let auto = report.auto_totals_enabled();
    let changing: Vec<String> = keys
        .iter()
        .filter(|key| template.cell_spec(key).is_some())
        .filter(|key| {
            !(auto && crate::formula::is_computed(template, key) && !report.is_overridden(key))
        })
        .filter(|key| report.cell_raw(key).unwrap_or_default().trim() != value.trim())
        .cloned()
        .collect();
    for key in &changing {
        report.set_cell(key, value);
    }
    changing.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switching_to_legacy_and_back_keeps_every_text_and_heading() {
        let mut report = Report::new("审计局", 2024);
        report.set_section_text("overview", "总体情况的正文");
        report.set_section_text("problems", "问题与改进");
        switch_template(&mut report, TemplateId::Legacy);
        let overview = report.sections.iter().find(|s| s.id == "overview");
        assert_eq!(
            overview.and_then(|s| s.heading.as_deref()),
            Some("一、总体情况")
        );
        let preamble = report.sections.iter().find(|s| s.id == "preamble");
        assert_eq!(preamble.map(|s| s.heading.is_none()), Some(true));

        // A legacy report with a section of its own wording and an extra one.
        set_section_heading(&mut report, "problems", "五、存在的主要问题及整改措施");
        add_section(&mut report, "fees", "七、收费情况");
        switch_template(&mut report, TemplateId::Gov2021);
        let ids: Vec<&str> = report.sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "preamble", "overview", "active", "requests", "appeals", "problems", "other",
                "fees"
            ]
        );
        assert_eq!(report.section_text("overview"), Some("总体情况的正文"));
        assert_eq!(report.section_text("problems"), Some("问题与改进"));
        let problems = report.sections.iter().find(|s| s.id == "problems");
        assert_eq!(
            problems.and_then(|s| s.heading.as_deref()),
            Some("五、存在的主要问题及整改措施")
        );
        let overview = report.sections.iter().find(|s| s.id == "overview");
        assert_eq!(
            overview.map(|s| s.heading.is_none()),
            Some(true),
            "official wording is not repeated"
        );
    }

    #[test]
    fn switching_between_gov_formats_keeps_figures_for_the_clerk_to_see() {
        let mut report = Report::new("审计局", 2020);
        report.set_cell("requests.other.natural", "3");
        switch_template(&mut report, TemplateId::Gov2021);
        assert_eq!(report.template, TemplateId::Gov2021);
        assert_eq!(
            report.cell_raw("requests.other.natural").as_deref(),
            Some("3")
        );
        let findings = crate::validate(&report, None, crate::Lang::Zh);
        assert!(
            findings.iter().any(|f| f.rule == crate::Rule::CellUnknown
                && f.anchor() == Some("requests.other.natural"))
        );
    }

    #[test]
    fn a_selected_range_fills_and_clears_only_its_own_cells() {
        let mut report = Report::new("某局", 2024);
        report.set_auto_totals(true);
        report.set_cell("requests.new.natural", "3");
        let range: Vec<String> = [
            "requests.new.natural",
            "requests.new.business",
            "requests.new.total",
            "requests.carried_in.natural",
        ]
        .map(String::from)
        .to_vec();
        // 总计 is computed under auto-totals: not filled, not cleared.
        assert_eq!(fill_blank_cells_in(&mut report, &range), 2);
        assert_eq!(
            report.cell_raw("requests.new.business").as_deref(),
            Some("0")
        );
        assert_eq!(
            report.cell_raw("requests.new.natural").as_deref(),
            Some("3")
        );
        assert_eq!(report.cell_raw("requests.new.research"), None);
        report.set_cell("requests.new.total", "9");
        assert_eq!(clear_cells(&mut report, &range), 3);
        assert_eq!(report.cell_raw("requests.new.natural"), None);
        assert_eq!(report.cell_raw("requests.new.total").as_deref(), Some("9"));
        // An overridden total is the clerk's own figure: cleared like the others.
        report.set_overridden("requests.new.total", true);
        assert_eq!(clear_cells(&mut report, &range), 1);
        // One value onto the range: every cell the clerk may type in takes it.
        report.set_overridden("requests.new.total", false);
        assert_eq!(write_range(&mut report, &range, "0"), 3);
        assert_eq!(
            report.cell_raw("requests.carried_in.natural").as_deref(),
            Some("0")
        );
        assert_eq!(
            write_range(&mut report, &range, "0"),
            0,
            "nothing left to change"
        );
        // Keys outside the template are ignored, never written.
        assert_eq!(
            fill_blank_cells_in(&mut report, &["requests.nope.x".to_string()]),
            0
        );
        assert!(!report.figures.contains_key("requests.nope.x"));
    }

    /// The section ids, printed headings and table ids of a report, in order.
    fn outline(report: &Report) -> Vec<(String, String, Option<&'static str>)> {
        let template = report.template();
        report
            .sections
            .iter()
            .map(|section| {
                let table = template
                    .section(&section.id)
                    .and_then(|spec| spec.table)
                    .and_then(|id| template.table(id))
                    .map(|table| table.id);
                let heading = report.section_heading(section).to_string();
                (section.id.clone(), heading, table)
            })
            .collect()
    }

    #[test]
    fn a_new_report_has_the_sections_of_its_format_whatever_the_year() {
        let gov_ids = [
            "preamble", "overview", "active", "requests", "appeals", "problems", "other",
        ];
        let gov_headings = [
            "",
            "一、总体情况",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项",
        ];
        let gov_tables = [
            None,
            None,
            Some("active"),
            Some("requests"),
            Some("appeals"),
            None,
            None,
        ];
        for year in [2017, 2019, 2023] {
            for id in [TemplateId::Gov2021, TemplateId::Gov2019, TemplateId::Legacy] {
                let report = new_report(" 审计局 ", year, Some(id));
                let case = format!("{year} on {}", id.as_str());
                assert_eq!(report.template, id, "{case}");
                assert_eq!(report.year, year, "{case}");
                assert_eq!(report.agency, "审计局", "{case}");
                let outline = outline(&report);
                let ids: Vec<&str> = outline.iter().map(|(id, _, _)| id.as_str()).collect();
                let headings: Vec<&str> = outline.iter().map(|(_, h, _)| h.as_str()).collect();
                let tables: Vec<Option<&str>> = outline.iter().map(|(_, _, t)| *t).collect();
                if id == TemplateId::Legacy {
                    assert_eq!(ids, ["s1", "s2", "s3", "s4", "s5", "s6", "s7"], "{case}");
                    assert_eq!(headings[0], "一、概述", "{case}");
                    assert_eq!(headings[6], "七、其他需要报告的事项", "{case}");
                    // Every legacy section prints a heading of its own, each a different one.
                    assert!(headings.iter().all(|h| !h.is_empty()), "{case}");
                    let mut distinct = headings.clone();
                    distinct.sort_unstable();
                    distinct.dedup();
                    assert_eq!(distinct.len(), headings.len(), "{case}");
                    assert!(tables.iter().all(Option::is_none), "{case}");
                    assert!(report.sections.iter().all(|s| s.text.is_empty()), "{case}");
                } else {
                    assert_eq!(ids, gov_ids, "{case}");
                    assert_eq!(headings, gov_headings, "{case}");
                    assert_eq!(tables, gov_tables, "{case}");
                    // The tables shown are the ones of the chosen format, not of the year.
                    let active = report.template().table("active");
                    assert_eq!(
                        active.map(|t| std::ptr::eq(t, Template::get(id).tables[0])),
                        Some(true),
                        "{case}"
                    );
                    let preamble = report.section_text("preamble").unwrap_or_default();
                    assert!(preamble.contains(&format!("结合{year}年审计局")), "{case}");
                    let notice = match id {
                        TemplateId::Gov2021 => "国办公开办函〔2021〕30号",
                        _ => "国办公开办函〔2019〕60号",
                    };
                    assert!(preamble.contains(notice), "{case}");
                }
                // Nothing in a blank new report is unknown to its format.
                let findings = crate::validate(&report, None, crate::Lang::Zh);
                assert!(
                    !findings.iter().any(|f| f.rule == crate::Rule::CellUnknown),
                    "{case}"
                );
            }
        }
    }

    #[test]
    fn a_new_report_without_a_chosen_format_follows_the_year() {
        for (year, id) in [
            (2017, TemplateId::Legacy),
            (2019, TemplateId::Gov2019),
            (2020, TemplateId::Gov2019),
            (2023, TemplateId::Gov2021),
        ] {
            let chosen = new_report("机关", year, Some(id));
            assert_eq!(new_report("机关", year, None), chosen, "{year}");
        }
    }

    #[test]
    fn preamble_names_agency_and_year() {
        let text = preamble_text("洪泽区人民政府", 2024, TemplateId::Gov2021);
        assert!(text.contains("结合2024年洪泽区人民政府"));
        assert!(text.contains("自2024年1月1日起至2024年12月31日止"));
        assert!(text.contains("国办公开办函〔2021〕30号"));
    }

    #[test]
    fn inserts_headings_on_their_own_line() {
        // The caret goes to the line under the heading, where its text is written.
        assert_eq!(insert_subheading("", 0, "（一）"), ("（一）\n".into(), 4));
        assert_eq!(insert_subheading("甲乙", 1, "H"), ("甲\nH\n乙".into(), 4));
        assert_eq!(insert_subheading("甲\n乙", 1, "H"), ("甲\nH\n乙".into(), 4));
    }

    #[test]
    fn legacy_sections_are_managed() {
        let mut report = Report::new("机关", 2015);
        add_section(&mut report, "a", "一、概述");
        add_section(&mut report, "b", "二、情况");
        move_section(&mut report, "b", -1);
        move_section(&mut report, "b", -1);
        set_section_heading(&mut report, "a", "一、总体");
        remove_section(&mut report, "x");
        let headings: Vec<_> = report
            .sections
            .iter()
            .map(|s| report.section_heading(s))
            .collect();
        assert_eq!(headings, ["二、情况", "一、总体"]);
        remove_section(&mut report, "b");
        assert_eq!(report.sections.len(), 1);
    }

    #[test]
    fn next_year_carries_over() {
        let mut last = Report::new("机关", 2023);
        last.set_cell("requests.carried_out.natural", "12");
        last.set_cell("requests.carried_out.total", "1,2");
        last.set_cell("active.regulations.in_force", "7");
        last.set_section_text("preamble", "统计期限自2023年1月1日起");
        last.set_section_text("overview", "总体");
        let next = next_year(&last);
        assert_eq!(next.year, 2024);
        assert_eq!(
            next.cell_raw("requests.carried_in.natural").as_deref(),
            Some("12")
        );
        assert_eq!(
            next.cell_raw("requests.carried_in.total").as_deref(),
            Some("1,2")
        );
        assert_eq!(
            next.cell_raw("active.regulations.in_force").as_deref(),
            Some("7")
        );
        assert_eq!(next.cell_raw("requests.carried_out.natural"), None);
        assert_eq!(
            next.section_text("preamble"),
            Some("统计期限自2024年1月1日起")
        );
        assert_eq!(next.section_text("overview"), Some("总体"));
    }
}
