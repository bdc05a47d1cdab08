//! 汇总 (issue 18): the summary of a collection of reports, the checks across it and the sum
//! of their tables, on the shared fixtures and on reports made wrong on purpose.

mod common;

use common::fixture;
use report::{
    CollectionRule, Lang, RefusalReason, Report, Rule, SumSource, Summary, SummaryRow, TemplateId,
    check_collection, collection_year, contributors, sum, validate,
};

fn suqian() -> Report {
    fixture("suqian-city-2024.json")
}

fn hongze() -> Report {
    fixture("hongze-2024.json")
}

/// The sources as the command line gives them: each report under its file name.
fn sources<'a>(reports: &'a [(&'a str, Report)]) -> Vec<SumSource<'a>> {
    reports
        .iter()
        .map(|(file, report)| SumSource::Report { file, report })
        .collect()
}

/// A department's report: 宿迁 2024's figures under another name.
fn department(agency: &str) -> Report {
    let mut report = suqian();
    report.agency = agency.to_string();
    report
}

fn raw(report: &Report, key: &str) -> Option<String> {
    report.cell_raw(key).map(|raw| raw.into_owned())
}

#[test]
fn two_reports_of_2024_sum_to_the_totals_worked_out_by_hand() {
    let (suqian, hongze) = (suqian(), hongze());
    // The figures the hand sums below start from, as the published reports print them.
    let read = |report: &Report, key: &str| raw(report, key).expect(key);
    assert_eq!(read(&suqian, "active.fees.amount_wan"), "72701.2578");
    assert_eq!(read(&hongze, "active.fees.amount_wan"), "7545");
    assert_eq!(read(&suqian, "requests.new.total"), "3525");
    assert_eq!(read(&hongze, "requests.new.total"), "95");
    assert_eq!(read(&suqian, "requests.new.natural"), "3440");
    assert_eq!(read(&hongze, "requests.new.natural"), "95");
    assert_eq!(read(&suqian, "appeals.review.total"), "170");
    assert_eq!(read(&hongze, "appeals.review.total"), "2");
    assert_eq!(read(&suqian, "active.licensing.decisions"), "1573179");
    assert_eq!(read(&hongze, "active.licensing.decisions"), "9487");

    let reports = [("suqian.json", suqian), ("hongze.json", hongze)];
    let summed = sum(&sources(&reports), Lang::Zh);
    assert!(summed.refused.is_empty(), "{:?}", summed.refused);
    let total = summed.report.expect("a sum");
    assert_eq!((total.year, total.template), (2024, TemplateId::Gov2021));
    // 72701.2578 + 7545 万元, to the 0.0001: no float on the way.
    assert_eq!(
        raw(&total, "active.fees.amount_wan").as_deref(),
        Some("80246.2578")
    );
    assert_eq!(raw(&total, "requests.new.total").as_deref(), Some("3620"));
    assert_eq!(raw(&total, "requests.new.natural").as_deref(), Some("3535"));
    assert_eq!(raw(&total, "appeals.review.total").as_deref(), Some("172"));
    assert_eq!(
        raw(&total, "active.licensing.decisions").as_deref(),
        Some("1582666")
    );
    let names: Vec<_> = summed
        .contributors
        .iter()
        .map(|c| (c.agency.as_str(), c.year, c.file.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("宿迁市人民政府", 2024, "suqian.json"),
            ("淮安市洪泽区人民政府", 2024, "hongze.json")
        ]
    );
}

#[test]
fn every_cell_is_the_exact_sum_and_the_sums_of_totals_stay_totals() {
    let reports = [
        ("a.json", department("甲局")),
        ("b.json", department("乙局")),
    ];
    let summed = sum(&sources(&reports), Lang::Zh);
    let total = summed.report.expect("a sum");
    assert!(summed.gaps.is_empty(), "宿迁 2024 fills every cell");
    for spec in total
        .template()
        .cells()
        .iter()
        .filter(|c| c.table.is_some())
    {
        let one = reports[0].1.cell_figure(&spec.key).expect(&spec.key);
        assert_eq!(total.cell_figure(&spec.key), Ok(one + one), "{}", spec.key);
    }
    // Computed totals are summed like any cell, so the sum's arithmetic holds as the
    // sources' did: no row, column or balance rule fires.
    let findings = validate(&total, None, Lang::Zh);
    assert!(
        findings
            .iter()
            .all(|f| f.severity != report::Severity::Error),
        "{findings:#?}"
    );
    // With 洪泽's blank （六） sub-rows the totals still hold: the gaps are warnings of their own.
    let reports = [("suqian.json", suqian()), ("hongze.json", hongze())];
    let total = sum(&sources(&reports), Lang::Zh).report.expect("a sum");
    let findings = validate(&total, None, Lang::Zh);
    assert!(
        findings
            .iter()
            .all(|f| f.severity != report::Severity::Error)
    );
}

#[test]
fn another_year_a_legacy_report_a_duplicate_and_an_unreadable_file_are_refused() {
    let mut legacy = Report::new("某县档案局", 2015);
    legacy.set_section_text("overview", "本年度共收到申请 3 件。");
    assert_eq!(legacy.template, TemplateId::Legacy);
    let mut copy = suqian();
    copy.agency = " 宿迁市人民政府 ".to_string();
    let reports = [
        ("suqian.json", suqian()),
        ("hongze-2023.json", fixture("hongze-2023.json")),
        ("legacy.json", legacy),
        ("hongze.json", hongze()),
        ("copy.json", copy),
    ];
    let mut offered = sources(&reports);
    offered.push(SumSource::Unreadable {
        file: "bad.json",
        reason: "bad.json:2:49: figures.requests.new.total: invalid type",
    });
    let summed = sum(&offered, Lang::Zh);
    let refused: Vec<_> = summed
        .refused
        .iter()
        .map(|r| (r.file.as_str(), r.reason.clone()))
        .collect();
    assert_eq!(
        refused,
        [
            (
                "hongze-2023.json",
                RefusalReason::OtherYear {
                    year: 2023,
                    expected: 2024
                }
            ),
            ("legacy.json", RefusalReason::Legacy),
            (
                "copy.json",
                RefusalReason::Duplicate {
                    first: "suqian.json".to_string()
                }
            ),
            ("bad.json", RefusalReason::Unreadable),
        ]
    );
    let messages: Vec<&str> = summed.refused.iter().map(|r| r.message.as_str()).collect();
    assert_eq!(
        messages[0],
        "hongze-2023.json（淮安市洪泽区人民政府）：是 2023 年度报告，本次汇总的是 2024 年度，未计入汇总。"
    );
    assert!(messages[1].contains("没有统计表"), "{}", messages[1]);
    assert!(
        messages[2].contains("已从 suqian.json 计入"),
        "{}",
        messages[2]
    );
    assert!(messages[3].starts_with("bad.json:2:49:"), "{}", messages[3]);
    // A reason that does not name its file (the app's reader) is given the file's name.
    let unnamed = [SumSource::Unreadable {
        file: "broken.json",
        reason: "第 4 行第 1 列：expected value",
    }];
    let refused = sum(&unnamed, Lang::Zh).refused;
    assert_eq!(
        refused[0].message,
        "broken.json：第 4 行第 1 列：expected value；无法读取，未计入汇总。"
    );
    // The rest is summed as if the refused were not there.
    let total = summed.report.expect("a sum");
    let alone = sum(
        &sources(&[("suqian.json", suqian()), ("hongze.json", hongze())]),
        Lang::Zh,
    )
    .report
    .expect("a sum");
    assert_eq!(total.figures, alone.figures);
    assert_eq!(summed.contributors.len(), 2);
}

#[test]
fn a_report_on_another_format_is_refused_and_the_year_is_the_most_common() {
    let mut old_format = department("丙局");
    old_format.template = TemplateId::Gov2019;
    let reports = [
        ("a.json", department("甲局")),
        ("c.json", old_format),
        ("b.json", department("乙局")),
    ];
    let summed = sum(&sources(&reports), Lang::En);
    assert_eq!(
        summed.refused[0].reason,
        RefusalReason::OtherTemplate {
            template: TemplateId::Gov2019,
            expected: TemplateId::Gov2021
        }
    );
    assert!(summed.refused[0].message.contains("whose cells differ"));
    // Nothing to sum: no report, and every source said why.
    let legacy = [("old.json", Report::new("某局", 2012))];
    let nothing = sum(&sources(&legacy), Lang::Zh);
    assert!(nothing.report.is_none());
    assert_eq!(nothing.refused[0].reason, RefusalReason::Legacy);
    assert!(sum(&[], Lang::Zh).report.is_none());
}

#[test]
fn blank_and_invalid_source_cells_are_named_and_become_findings_of_the_sum() {
    let mut a = department("甲局");
    a.set_cell("requests.new.business", "");
    a.set_cell("active.fees.amount_wan", "约3万");
    let mut b = department("乙局");
    b.set_cell("requests.new.business", " ");
    let reports = [("a.json", a), ("b.json", b)];
    let summed = sum(&sources(&reports), Lang::Zh);
    let gaps: Vec<_> = summed
        .gaps
        .iter()
        .map(|g| {
            (
                g.file.as_str(),
                g.cell.as_str(),
                g.label.as_str(),
                g.typed.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        gaps,
        [
            (
                "a.json",
                "active.fees.amount_wan",
                "行政事业性收费 · 本年收费金额（单位：万元）",
                Some("约3万")
            ),
            (
                "a.json",
                "requests.new.business",
                "一、本年新收政府信息公开申请数量 · 商业企业",
                None
            ),
            (
                "b.json",
                "requests.new.business",
                "一、本年新收政府信息公开申请数量 · 商业企业",
                None
            ),
        ]
    );
    let total = summed.report.expect("a sum");
    // Blank in every source: blank in the sum, never 0.
    assert_eq!(raw(&total, "requests.new.business"), None);
    // One source unreadable: the other's figure, with the gap said.
    assert_eq!(
        raw(&total, "active.fees.amount_wan").as_deref(),
        Some("72701.2578")
    );
    let findings = validate(&total, None, Lang::Zh);
    let gap_findings: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == Rule::SumSourceGap)
        .collect();
    assert_eq!(gap_findings.len(), 3);
    let fee = gap_findings
        .iter()
        .find(|f| f.anchor() == Some("active.fees.amount_wan"))
        .expect("the fee's gap");
    assert_eq!(
        fee.message,
        "汇总来源 a.json（甲局）的「行政事业性收费 · 本年收费金额（单位：万元）」填写为「约3万」，不是有效数字，合计未计入该单位此格。"
    );
    assert_eq!(fee.severity, report::Severity::Warning);
    assert_eq!(
        summed.gaps[1].message,
        "汇总来源 a.json（甲局）的「一、本年新收政府信息公开申请数量 · 商业企业」未填写，合计未计入该单位此格。"
    );
    // The blank sum cell is also a blank cell of the sum.
    assert!(
        findings
            .iter()
            .any(|f| f.rule == Rule::CellBlank && f.anchor() == Some("requests.new.business"))
    );
    let english = validate(&total, None, Lang::En);
    assert!(english.iter().any(|f| f.rule == Rule::SumSourceGap
        && f.message.contains("a.json (甲局)")
        && f.message.contains("“约3万”")));
}

#[test]
fn contributors_and_gaps_are_kept_in_the_file_and_printed() {
    let reports = [("suqian.json", suqian()), ("hongze.json", hongze())];
    let summed = sum(&sources(&reports), Lang::Zh);
    let mut total = summed.report.expect("a sum");
    total.agency = "某市".to_string();
    let text = report::to_json(&total);
    let read = report::from_json(&text).expect("the summed report reads");
    assert_eq!(read, total);
    assert_eq!(contributors(&read), summed.contributors);
    // 洪泽 2024 left its 14 （六） sub-row cells blank: each gap is found again after saving.
    let gaps = validate(&read, None, Lang::Zh)
        .into_iter()
        .filter(|f| f.rule == Rule::SumSourceGap)
        .count();
    assert_eq!((summed.gaps.len(), gaps), (14, 14));
    let document = report::render(&read);
    assert_eq!(
        document.blocks.first(),
        Some(&report::Block::Paragraph(
            "本报告表格数字由以下 2 个单位的年度报告汇总：宿迁市人民政府、淮安市洪泽区人民政府。"
                .to_string()
        ))
    );
    // A report that is not a sum prints no such paragraph.
    let plain = report::render(&hongze());
    let listed = |block: &report::Block| matches!(block, report::Block::Paragraph(text) if text.starts_with("本报告表格数字由以下"));
    assert!(!plain.blocks.iter().any(listed));
}

#[test]
fn a_sum_of_sums_adds_up_and_carries_the_gaps_of_its_sources() {
    let first = sum(
        &sources(&[("suqian.json", suqian()), ("hongze.json", hongze())]),
        Lang::Zh,
    )
    .report
    .expect("a sum");
    let second = sum(&sources(&[("a.json", department("甲局"))]), Lang::Zh)
        .report
        .expect("a sum");
    let summed = sum(
        &sources(&[("town-1.json", first), ("town-2.json", second)]),
        Lang::Zh,
    );
    let total = summed.report.expect("a sum of sums");
    // 72701.2578 + 7545 + 72701.2578
    assert_eq!(
        raw(&total, "active.fees.amount_wan").as_deref(),
        Some("152947.5156")
    );
    assert_eq!(summed.gaps.len(), 14);
    assert!(summed.gaps[0].file.starts_with("town-1.json › hongze.json"));
    assert!(
        summed.gaps[0]
            .message
            .starts_with("汇总来源 town-1.json › hongze.json（淮安市洪泽区人民政府）")
    );
}

#[test]
fn a_summary_row_counts_as_the_interface_does_and_quotes_errors_first() {
    let hongze_2023 = fixture("hongze-2023.json");
    let findings = validate(&hongze_2023, None, Lang::Zh);
    let row = SummaryRow::new("hongze-2023.json", &hongze_2023, &findings);
    assert_eq!(
        (row.agency.as_str(), row.year, row.template),
        ("淮安市洪泽区人民政府", 2023, TemplateId::Gov2021)
    );
    assert_eq!((row.errors, row.warnings, row.blank), (2, 0, 14));
    assert_eq!(row.top.len(), 3);
    assert!(row.top[0].starts_with("行政复议："), "{:?}", row.top);
    assert!(
        row.top[1].starts_with("行政诉讼·复议后起诉："),
        "{:?}",
        row.top
    );
    assert!(
        row.top[2].contains("此格为空"),
        "blank cells last: {:?}",
        row.top
    );
    // 洪泽 2024: its one warning before its blank cells.
    let hongze = hongze();
    let findings = validate(&hongze, None, Lang::Zh);
    let row = SummaryRow::new("hongze.json", &hongze, &findings);
    assert_eq!((row.errors, row.warnings, row.blank), (0, 1, 14));
    assert!(row.top[0].contains("正文收到申请为 17件"), "{:?}", row.top);
}

#[test]
fn the_summary_prints_as_text_csv_and_json() {
    let (suqian, hongze_2023) = (suqian(), fixture("hongze-2023.json"));
    let mut formula = department("=HYPERLINK(\"x\")");
    formula.year = 2024;
    let findings: Vec<_> = [&suqian, &hongze_2023, &formula]
        .iter()
        .map(|r| validate(r, None, Lang::Zh))
        .collect();
    let members = [
        ("suqian.json", &suqian, findings[0].as_slice()),
        ("hongze-2023.json", &hongze_2023, findings[1].as_slice()),
        ("x,y.json", &formula, findings[2].as_slice()),
    ];
    let mut summary = Summary::new(&members, &[], Lang::Zh);
    summary.unreadable.push(report::Unreadable {
        file: "bad.json".to_string(),
        reason: "bad.json:1:1: expected value".to_string(),
    });
    assert_eq!(summary.year, Some(2024));
    assert!(summary.has_errors());

    let text = summary.to_text(Lang::Zh);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "文件              机关                  年度  格式      错误  警告  待填"
    );
    assert_eq!(
        lines[1],
        "suqian.json       宿迁市人民政府        2024  gov-2021     0     0     0"
    );
    assert_eq!(
        lines[2],
        "hongze-2023.json  淮安市洪泽区人民政府  2023  gov-2021     2     0    14"
    );
    assert!(lines[3].starts_with("    · 行政复议："));
    assert!(text.contains("无法读取的文件：\n  bad.json:1:1: expected value\n"));
    assert!(text.contains("汇总检查：\n  warning[collection.other_year] hongze-2023.json（淮安市洪泽区人民政府）是 2023 年度报告，本次汇总的是 2024 年度。\n"));
    assert!(text.ends_with(
        "共 3 份报告（2024 年度）：错误 2 个，警告 0 个，待填 14 格；1 个文件无法读取；汇总检查 1 条。\n"
    ));
    let english = summary.to_text(Lang::En);
    assert!(english.starts_with("file  "));
    assert!(english.ends_with("3 reports (2024): 2 errors, 0 warnings, 14 blank cells; 1 files unreadable; 1 collection findings.\n"));

    let csv = summary.to_csv(Lang::Zh);
    assert!(csv.starts_with("\u{FEFF}各单位报告\r\n文件,机关,年度,格式,错误,警告,待填,已核实,主要问题1,主要问题2,主要问题3\r\n"));
    assert!(csv.contains("\r\nsuqian.json,宿迁市人民政府,2024,gov-2021,0,0,0,0,,,\r\n"));
    // Quoted where a comma is, and a formula typed as an agency is defused.
    assert!(
        csv.contains("\r\n\"x,y.json\",\"'=HYPERLINK(\"\"x\"\")\",2024,"),
        "{csv}"
    );
    assert!(
        csv.contains(
            "\r\n无法读取的文件\r\n文件,原因\r\nbad.json,bad.json:1:1: expected value\r\n"
        )
    );
    assert!(csv.contains(
        "\r\n汇总检查\r\n检查,文件,机关,说明\r\ncollection.other_year,hongze-2023.json,"
    ));

    let page = summary.to_html("某县 <政务公开办>", Lang::Zh);
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    assert!(page.contains("<h1>2024年度政府信息公开工作年度报告汇总检查表</h1>"));
    assert!(
        page.contains("<p class=\"office\">某县 &lt;政务公开办&gt;</p>"),
        "escaped"
    );
    assert!(page.contains("@page{size:A4 landscape"));
    assert_eq!(page.matches("<tr").count(), 4, "a header and three reports");
    assert!(page.contains("<tr class=\"has-errors\"><td class=\"n\">2</td><td>hongze-2023.json</td><td>淮安市洪泽区人民政府</td><td class=\"n\">2023</td><td>gov-2021</td><td class=\"n\">2</td><td class=\"n\">0</td><td class=\"n\">14</td><td><ul><li>行政复议："));
    assert!(page.contains("<li><strong>bad.json</strong>：bad.json:1:1: expected value</li>"));
    assert!(page.contains(
        "<li><code>collection.other_year</code> hongze-2023.json（淮安市洪泽区人民政府）"
    ));
    assert!(
        page.contains("<td>=HYPERLINK(&quot;x&quot;)</td>")
            || page.contains("<td>=HYPERLINK(\"x\")</td>")
    );
    assert!(page.contains("共 3 份报告（2024 年度）"));
    let english = summary.to_html("", Lang::En);
    assert!(english.contains("<h1>Annual reports 2024: checking summary</h1>"));
    assert!(
        !english.contains("class=\"office\""),
        "no empty office line"
    );

    let json = serde_json::to_value(&summary).expect("serialises");
    assert_eq!(json["year"], 2024);
    assert_eq!(json["reports"][1]["file"], "hongze-2023.json");
    assert_eq!(json["reports"][1]["template"], "gov-2021");
    assert_eq!(json["reports"][1]["errors"], 2);
    assert_eq!(json["reports"][1]["blank"], 14);
    assert_eq!(json["unreadable"][0]["file"], "bad.json");
    assert_eq!(json["findings"][0]["rule"], "collection.other_year");
    assert_eq!(json["findings"][0]["severity"], "warning");
    assert_eq!(json["findings"][0]["files"][0], "hongze-2023.json");
}

#[test]
fn the_same_agency_twice_another_year_and_last_years_figures_are_found() {
    let mut copy = suqian();
    copy.agency = "宿迁市人民政府\u{3000}".to_string();
    let (suqian, hongze, hongze_2023) = (suqian(), hongze(), fixture("hongze-2023.json"));
    let reports = [
        ("suqian.json", &suqian),
        ("hongze.json", &hongze),
        ("copy.json", &copy),
        ("hongze-2023.json", &hongze_2023),
    ];
    // Last year's 宿迁 report carrying this year's figures: copied, as a clerk might.
    let mut stale = fixture("suqian-city-2023.json");
    stale.figures = suqian.figures.clone();
    let last_year = [("2023/suqian.json", &stale)];
    let findings = check_collection(&reports, &last_year, Lang::Zh);
    let found: Vec<_> = findings
        .iter()
        .map(|f| (f.rule, f.files.join(" ")))
        .collect();
    assert_eq!(
        found,
        [
            (
                CollectionRule::DuplicateAgency,
                "suqian.json copy.json".to_string()
            ),
            (CollectionRule::OtherYear, "hongze-2023.json".to_string()),
            (
                CollectionRule::SameAsLastYear,
                "suqian.json 2023/suqian.json".to_string()
            ),
            (
                CollectionRule::SameAsLastYear,
                "copy.json 2023/suqian.json".to_string()
            ),
        ]
    );
    assert_eq!(
        findings[0].message,
        "「宿迁市人民政府」的 2024 年度报告有 2 份（suqian.json、copy.json），请确认是否重复报送；汇总时只计入第一份。"
    );
    assert_eq!(
        findings[2].message,
        "「宿迁市人民政府」（suqian.json）的表格数字与其 2023 年度报告（2023/suqian.json）完全相同，请确认是否误用了上年数据。"
    );
    assert!(
        findings
            .iter()
            .all(|f| f.severity == report::Severity::Warning)
    );
    let english = check_collection(&reports, &last_year, Lang::En);
    assert!(
        english[1]
            .message
            .contains("is a report for 2023; this collection is of 2024")
    );
}

#[test]
fn what_is_not_a_finding_across_the_collection() {
    let (suqian, hongze, hongze_2023) = (suqian(), hongze(), fixture("hongze-2023.json"));
    let suqian_2023 = fixture("suqian-city-2023.json");
    // The same agency in two years is two reports, not a duplicate; one of a single year says
    // nothing at all.
    let two_years = [("a.json", &suqian), ("b.json", &suqian_2023)];
    let findings = check_collection(&two_years, &[], Lang::Zh);
    assert!(
        findings
            .iter()
            .all(|f| f.rule != CollectionRule::DuplicateAgency)
    );
    // On a tie the latest year is the collection's: the 2023 report is the odd one.
    assert_eq!(collection_year([&suqian, &suqian_2023]), Some(2024));
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].files, ["b.json"]);
    assert!(check_collection(&[("a.json", &suqian)], &[], Lang::Zh).is_empty());
    assert_eq!(collection_year(std::iter::empty::<&Report>()), None);

    // Two reports with no agency are not the same agency.
    let (blank_a, blank_b) = (Report::new("", 2024), Report::new(" ", 2024));
    let unnamed = [("x.json", &blank_a), ("y.json", &blank_b)];
    assert!(check_collection(&unnamed, &[], Lang::Zh).is_empty());

    let department = |name: &str, year: i32| {
        let mut report = suqian.clone();
        report.agency = name.to_string();
        report.year = year;
        report
    };
    let this_year = [("a.json", &suqian), ("b.json", &hongze)];
    // Last year's real reports: figures that changed.
    let last_year = [("a-2023.json", &suqian_2023), ("b-2023.json", &hongze_2023)];
    assert!(check_collection(&this_year, &last_year, Lang::Zh).is_empty());
    // The same figures, but another agency's, or the same agency's two years before, or
    // a report of the same year given as last year's.
    let other_agency = department("宿豫区人民政府", 2023);
    let two_years_before = department("宿迁市人民政府", 2022);
    let same_year = department("宿迁市人民政府", 2024);
    for (name, earlier) in [
        ("other agency", &other_agency),
        ("two years before", &two_years_before),
        ("same year", &same_year),
    ] {
        let findings = check_collection(&this_year, &[("old.json", earlier)], Lang::Zh);
        assert!(findings.is_empty(), "{name}: {findings:?}");
    }
    // Two empty forms, a year apart, are not a copy.
    let (empty_now, empty_then) = (Report::new("某局", 2024), Report::new("某局", 2023));
    let findings = check_collection(
        &[("now.json", &empty_now)],
        &[("then.json", &empty_then)],
        Lang::Zh,
    );
    assert!(findings.is_empty(), "{findings:?}");
    // Figures written differently but equal are a copy; one cell changed is not.
    let mut rewritten = department("宿迁市人民政府", 2023);
    rewritten.set_cell("requests.new.total", "3,525");
    let copied = check_collection(
        &[("now.json", &suqian)],
        &[("then.json", &rewritten)],
        Lang::Zh,
    );
    assert_eq!(copied.len(), 1);
    rewritten.set_cell("requests.new.total", "3526");
    assert!(
        check_collection(
            &[("now.json", &suqian)],
            &[("then.json", &rewritten)],
            Lang::Zh
        )
        .is_empty()
    );
}
