//! Tests of the validation rules on small hand-made reports, one behaviour each.

use super::{fixture, report_with};
use crate::{Finding, Lang, Report, Rule, TemplateId, apply_auto_totals, validate};

fn findings_of(report: &Report, rule: Rule) -> Vec<Finding> {
    validate(report, None, Lang::Zh)
        .into_iter()
        .filter(|finding| finding.rule == rule)
        .collect()
}

/// A complete, consistent gov-2021 report: every cell 0 except a few, totals computed.
fn consistent_report() -> Report {
    let mut report = Report::new("测试机关", 2023);
    let template = report.template();
    for cell in template.cells().iter().filter(|cell| !cell.optional) {
        report.set_cell(&cell.key, "0");
    }
    report.set_cell("requests.new.natural", "10");
    report.set_cell("requests.granted.natural", "7");
    report.set_cell("requests.withheld.third_party.natural", "2");
    report.set_cell("appeals.review.upheld", "3");
    // 结转下年度 is typed by the clerk: 10 received, 9 handled.
    report.set_cell("requests.carried_out.natural", "1");
    report.set_auto_totals(true);
    apply_auto_totals(&mut report);
    // The two sections narrative.empty requires.
    report.set_section_text("overview", "全年共收到政府信息公开申请10件。");
    report.set_section_text("problems", "答复文书的规范性有待提升。");
    report
}

#[test]
fn a_consistent_report_has_no_findings() {
    let report = consistent_report();
    assert_eq!(
        report.cell_raw("requests.carried_out.total").as_deref(),
        Some("1"),
        "the row's 总计 is a sum, so it is computed"
    );
    assert_eq!(validate(&report, None, Lang::Zh), []);
}

#[test]
fn row_total_message_says_what_by_how_much_and_where() {
    let mut report = consistent_report();
    // With auto-totals on, a total's message never says it was typed (实填).
    report.set_cell("requests.granted.total", "6");
    let computed = findings_of(&report, Rule::RequestsRowTotal);
    assert!(computed[0].message.contains("自动合计为 6") && !computed[0].message.contains("实填"));
    report.set_auto_totals(false);
    let found = findings_of(&report, Rule::RequestsRowTotal);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].message,
        "「（一）予以公开」行：总计应为 7（自然人至其他六列之和），实填 6，相差 1。"
    );
    assert_eq!(found[0].cells.len(), 7);
    assert_eq!(found[0].cells[0], "requests.granted.total");
    assert_eq!(
        (found[0].expected.as_deref(), found[0].actual.as_deref()),
        (Some("7"), Some("6"))
    );
    // The same 6 also breaks （七） in the 总计 column.
    let handled = findings_of(&report, Rule::RequestsHandledTotal);
    assert_eq!(handled.len(), 1);
    assert_eq!(handled[0].cells[0], "requests.handled_total.total");
    assert_eq!(
        handled[0].cells.len(),
        1 + 21,
        "（七） reads the 21 outcome rows of gov-2021"
    );
}

#[test]
fn balance_is_checked_per_column() {
    let mut report = consistent_report();
    report.set_cell("requests.carried_out.natural", "3");
    report.set_cell("requests.carried_out.total", "3");
    let found = findings_of(&report, Rule::RequestsBalance);
    assert_eq!(found.len(), 2);
    assert_eq!(
        found[0].message,
        "「自然人」列：本年新收 10 + 上年结转 0 = 10，而办理结果总计 9 + 结转下年度 3 = 12，两边相差 2。若其他数字无误，结转下年度应为 1。"
    );
    assert_eq!(found[0].cells[0], "requests.carried_out.natural");
    let english = validate(&report, None, Lang::En);
    assert!(english.iter().any(|f| {
        f.message
            .starts_with("Column 自然人: 新收 10 + 上年结转 0 = 10")
    }));
}

#[test]
fn unreadable_cells_are_reported_instead_of_the_rules_that_read_them() {
    let mut report = consistent_report();
    report.set_cell("requests.granted.business", "12a");
    report.set_cell("requests.partial.natural", "-1");
    report.set_cell("requests.unavailable.unclear.natural", "0.5");
    report.set_cell("requests.new.legal", " ");
    let rules: Vec<(Rule, String)> = validate(&report, None, Lang::Zh)
        .into_iter()
        .map(|finding| (finding.rule, finding.cells[0].clone()))
        .collect();
    assert_eq!(
        rules,
        [
            (Rule::CellBlank, "requests.new.legal".to_string()),
            (Rule::CellInvalid, "requests.granted.business".to_string()),
            (Rule::CellNegative, "requests.partial.natural".to_string()),
            (
                Rule::CellFraction,
                "requests.unavailable.unclear.natural".to_string()
            ),
        ]
    );
    let invalid = findings_of(&report, Rule::CellInvalid);
    assert_eq!(
        invalid[0].message,
        "「（一）予以公开 · 商业企业」：「12a」不是数字（可写作 12 或 12件）。"
    );
}

#[test]
fn unknown_keys_are_reported_and_kept() {
    let report = report_with(&[("requests.foo.natural", "3")]);
    let found = findings_of(&report, Rule::CellUnknown);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].cells, ["requests.foo.natural"]);
    assert_eq!(
        report.cell_raw("requests.foo.natural").as_deref(),
        Some("3")
    );
}

#[test]
fn optional_fee_cells_are_not_blank_findings() {
    let report = consistent_report();
    assert!(report.cell_raw("info_fee.cases").is_none());
    assert!(findings_of(&report, Rule::CellBlank).is_empty());
}

#[test]
fn template_must_fit_the_year() {
    let mut report = consistent_report();
    report.template = TemplateId::Gov2019;
    let found = findings_of(&report, Rule::TemplateYear);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].message,
        "2023 年度报告应使用 2021 版格式（国办公开办函〔2021〕30号），本报告用的是 2019 版试行格式（国办公开办函〔2019〕60号）。"
    );
    // gov-2021 figures under a gov-2019 template: the 2021-only keys become unknown.
    assert!(
        findings_of(&report, Rule::CellUnknown)
            .iter()
            .any(|f| f.cells[0] == "requests.other.no_fee.total")
    );
}

#[test]
fn cross_year_rules_use_last_years_report() {
    let last_year = fixture("suqian-city-2023.json");
    let mut report = fixture("suqian-city-2024.json");
    assert!(validate(&report, Some(&last_year), Lang::Zh).is_empty());

    report.set_cell("requests.carried_in.natural", "117");
    report.set_cell("active.regulations.in_force", "13");
    let findings = validate(&report, Some(&last_year), Lang::Zh);
    let carry: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == Rule::CarryOver)
        .collect();
    assert_eq!(carry.len(), 1);
    assert_eq!(carry[0].cells, ["requests.carried_in.natural"]);
    assert_eq!(
        carry[0].message,
        "「自然人」列：上年结转应与 2023 年报告的「结转下年度」一致：上年为 118，本年填 117。"
    );
    let in_force: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == Rule::ActiveInForce)
        .collect();
    assert_eq!(in_force.len(), 1);
    assert_eq!(
        in_force[0].cells,
        [
            "active.regulations.in_force",
            "active.regulations.issued",
            "active.regulations.repealed"
        ]
    );
    assert_eq!(in_force[0].expected.as_deref(), Some("12"));
}

#[test]
fn identical_figures_to_last_year_are_flagged() {
    let last_year = fixture("suqian-city-2023.json");
    let mut copy = last_year.clone();
    copy.year = 2024;
    let found: Vec<_> = validate(&copy, Some(&last_year), Lang::Zh)
        .into_iter()
        .filter(|f| f.rule == Rule::FiguresSameAsLastYear)
        .collect();
    assert_eq!(found.len(), 1);
    assert!(found[0].cells.is_empty());
    // One figure differing is enough to be a new year's data.
    copy.set_cell("requests.new.natural", "3403");
    assert!(
        validate(&copy, Some(&last_year), Lang::Zh)
            .iter()
            .all(|f| f.rule != Rule::FiguresSameAsLastYear)
    );
}

#[test]
fn cross_year_rules_need_the_report_of_the_year_before() {
    let two_years_ago = fixture("suqian-city-2023.json");
    let mut report = fixture("suqian-city-2024.json");
    report.year = 2025;
    report.set_cell("requests.carried_in.natural", "117");
    let findings = validate(&report, Some(&two_years_ago), Lang::Zh);
    assert!(
        findings.iter().all(|f| f.rule != Rule::CarryOver),
        "{findings:?}"
    );
}

#[test]
fn a_title_or_statistics_period_of_another_year_is_flagged_and_can_be_updated() {
    let mut report = consistent_report();
    report.set_section_text(
        "preamble",
        "本报告所列数据统计期限自2023年1月1日至2023年12月31日。",
    );
    crate::set_report_title(&mut report, "测试机关2023年政府信息公开工作年度报告");
    assert!(
        findings_of(&report, Rule::TitleYear).is_empty(),
        "2023 is the year"
    );
    // The report is copied and its year changed to 2024.
    report.year = 2024;
    let found = findings_of(&report, Rule::TitleYear);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(
        found[0].message,
        "报告标题写的是 2023 年，报告年度是 2024 年。"
    );
    assert_eq!(
        found[1].message,
        "前言中的统计期限是 2023 年，报告年度是 2024 年。"
    );
    assert!(crate::has_year_references(&report, 2023));
    crate::update_year_references(&mut report, 2023);
    assert_eq!(
        crate::report_title(&report),
        "测试机关2024年政府信息公开工作年度报告"
    );
    assert_eq!(
        report.section_text("preamble"),
        Some("本报告所列数据统计期限自2024年1月1日至2024年12月31日。")
    );
    assert!(findings_of(&report, Rule::TitleYear).is_empty());
    assert!(!crate::has_year_references(&report, 2023));
    // Other years in the 前言 (a publication date, a regulation's year) are not touched.
    report.set_section_text("preamble", "依据《条例》（2019年修订）编制。");
    assert!(findings_of(&report, Rule::TitleYear).is_empty());
}

#[test]
fn filling_blank_cells_with_zero_fills_only_the_blank_ones_of_that_table() {
    let mut report = report_with(&[("requests.new.natural", "7")]);
    let filled = crate::fill_blank_cells(&mut report, "requests");
    assert_eq!(filled, 174, "175 cells of table 三 less the typed one");
    assert_eq!(
        report.cell_raw("requests.new.natural").as_deref(),
        Some("7")
    );
    assert_eq!(
        report.cell_raw("requests.granted.total").as_deref(),
        Some("0")
    );
    assert!(
        report.cell_raw("appeals.review.total").is_none(),
        "other tables untouched"
    );
    assert_eq!(crate::fill_blank_cells(&mut report, "requests"), 0);
    // With auto-totals on, the computed totals are left to it.
    let mut report = report_with(&[]);
    report.set_auto_totals(true);
    let filled = crate::fill_blank_cells(&mut report, "appeals");
    assert_eq!(filled, 12, "15 cells less the three computed 总计");
}

#[test]
fn the_standard_preamble_of_another_year_is_flagged() {
    let mut report = consistent_report();
    let preamble = crate::preamble_text("测试机关", 2022, TemplateId::Gov2021);
    report.set_section_text("preamble", preamble);
    let found = findings_of(&report, Rule::TitleYear);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].message.contains("统计期限是 2022 年"));
}

#[test]
fn cells_of_another_format_are_named_by_their_label_not_their_key() {
    let mut report = report_with(&[("active.fees.amount_wan", "1.5")]);
    report.template = TemplateId::Gov2019;
    let found = findings_of(&report, Rule::CellUnknown);
    let message = &found
        .iter()
        .find(|f| f.cells[0] == "active.fees.amount_wan")
        .expect("the fee cell is unknown to gov-2019")
        .message;
    assert!(
        message.contains("「行政事业性收费 · 本年收费金额（单位：万元）」是2021 版格式"),
        "{message}"
    );
    assert!(!message.contains("active.fees"), "{message}");
}
