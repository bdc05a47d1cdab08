//! Import of reports as clerks really have them (`tests/fixtures/published/`: web page text,
//! text from a PDF in plain and `-layout` form), and of the forms those stand for: page
//! furniture, wrapped lines, titles over several lines, tables whose values lost their labels,
//! and imports that must say they are incomplete rather than exit quietly.

use serde_json::Value;

use super::fixtures_dir;
use crate::{ImportResult, TemplateId, import_text};

/// Compares an import with `NAME.expected-figures.json`: template, year, agency, every cell.
fn differences(name: &str) -> Vec<String> {
    let dir = fixtures_dir().join("published");
    let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).expect("text");
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join(format!("{name}.expected-figures.json")))
            .expect("expected figures"),
    )
    .expect("JSON");
    let imported = import_text(&text);
    let report = &imported.report;
    let mut out = Vec::new();
    if report.template.as_str() != expected["template"] {
        out.push(format!("template {:?}", report.template));
    }
    if i64::from(report.year) != expected["year"].as_i64().unwrap_or_default() {
        out.push(format!("year {}", report.year));
    }
    if report.agency != expected["agency"] {
        out.push(format!("agency {:?}", report.agency));
    }
    let figures = expected["figures"].as_object().expect("figures");
    for (key, value) in figures {
        let have = report.cell_raw(key);
        if have.as_deref() != value.as_str() {
            out.push(format!("{key}: expected {value}, got {have:?}"));
        }
    }
    for key in report.figures.keys() {
        if !figures.contains_key(key) {
            out.push(format!("unexpected {key}"));
        }
    }
    if !imported.errors.is_empty() {
        out.push(format!("errors {:?}", imported.errors));
    }
    out.into_iter()
        .map(|line| format!("{name}: {line}"))
        .collect()
}

#[test]
fn every_published_report_imports_exactly() {
    let failures: Vec<String> = [
        "pingtan-2019",
        "pingtan-2020",
        "pingtan-2022",
        "huaian-2024",
        "huaian-2024-layout",
    ]
    .iter()
    .flat_map(|name| differences(name))
    .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn pdf_text_keeps_its_paragraphs_and_loses_its_page_furniture() {
    let text =
        std::fs::read_to_string(fixtures_dir().join("published/huaian-2024.txt")).expect("text");
    let report = import_text(&text).report;
    let problems = report.section_text("problems").expect("五");
    // “还有一些需要加强和改进的 / -5- / 地方。” is one sentence again.
    assert!(problems.starts_with("对照上级新要求和公众新期待，还有一些需要加强和改进的地方。"));
    assert!(!problems.contains("-5-"));
    assert_eq!(problems.lines().count(), 2, "{problems}");
    let overview = report.section_text("overview").expect("一");
    assert!(
        overview.contains("（三）政府信息管理情况。在政府网站、政务新媒体、政府公报等公开平台")
    );
    for (_, text) in report.sections.iter().map(|s| (&s.id, &s.text)) {
        assert!(!text.contains("-2-") && !text.contains('\u{c}'));
    }
    // The sections that hold tables keep no table debris.
    for id in ["active", "requests", "appeals"] {
        assert_eq!(report.section_text(id), Some(""), "{id}");
    }
}

/// A small gov-2021 report as a PDF gives it, with `body` as the lines of table 四.
fn pdf_report(title: &str, appeals: &str) -> String {
    format!(
        "{title}\n\n本报告由某县人民政府办公室根据条例编制。\n一、总体情况\n全年收到申请3件。\n\
         -1-\n\u{c}\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n\
         四、政府信息公开行政复议、行政诉讼情况\n{appeals}\n五、存在的主要问题及改进情况\n无。\n\
         六、其他需要报告的事项\n无。\n"
    )
}

#[test]
fn titles_are_found_however_they_are_broken() {
    for (title, agency) in [
        (
            "某县人民政府\n2024 年政府信息公开工作年度报告",
            "某县人民政府",
        ),
        (
            "某县人民政府2024年政府信息公开工作年\n度报告",
            "某县人民政府",
        ),
        (
            "某县人民政府\n２０２４年度政府信息\n公开工作年度报告",
            "某县人民政府",
        ),
        (
            "某市生态环境局关于2024年政府信息公开工作年度报告",
            "某市生态环境局",
        ),
        (
            "标题：某区教育局2024年政府信息公开工作年度报告",
            "某区教育局",
        ),
        // No agency in the title: the opening sentence names the government's office.
        ("2024年政府信息公开工作年度报告", "某县人民政府"),
    ] {
        let report = import_text(&pdf_report(title, "")).report;
        assert_eq!(
            (report.agency.as_str(), report.year),
            (agency, 2024),
            "{title}"
        );
        assert!(
            report.sections.iter().all(|s| !s.text.contains("年度报告")),
            "{title}: the title is not prose"
        );
    }
    // The 落款 names the agency when the title does not.
    let text = "2024年政府信息公开工作年度报告\n一、总体情况\n有。\n二、主动公开政府信息情况\n\
                三、收到和处理政府信息公开申请情况\n六、其他需要报告的事项\n无。\n某市审计局\n2025年1月20日\n";
    assert_eq!(import_text(text).report.agency, "某市审计局");
}

#[test]
fn page_numbers_in_every_form_are_dropped() {
    for page in [
        "-3-",
        "- 3 -",
        "— 3 —",
        "－3－",
        "第3页",
        "第 3 页 共 8 页",
        "  -12-  ",
    ] {
        let text = format!(
            "某县2024年政府信息公开工作年度报告\n一、总体情况\n全年共收到政府信息公开申请\n{page}\n\n120件，全部按时答复。\n\
             二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
        );
        let report = import_text(&text).report;
        assert_eq!(
            report.section_text("overview"),
            Some("全年共收到政府信息公开申请120件，全部按时答复。"),
            "{page}"
        );
    }
    // A number alone on a line is a figure, not a page number.
    let text = "某县2024年政府信息公开工作年度报告\n一、总体情况\n全年共收到申请\n3\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n";
    assert!(
        import_text(text)
            .report
            .section_text("overview")
            .is_some_and(|t| t.contains('3'))
    );
}

#[test]
fn a_running_header_on_every_page_is_dropped_but_headings_stay() {
    let text = [
        "某县2024年政府信息公开工作年度报告\n一、总体情况\n全年共收到申请3件。",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "五、存在的主要问题及改进情况\n无。",
    ]
    .iter()
    .enumerate()
    .map(|(n, body)| format!("某县人民政府文件\n{body}\n-{}-\n", n + 1))
    .collect::<Vec<_>>()
    .join("\u{c}");
    let imported = import_text(&text);
    let all: String = imported
        .report
        .sections
        .iter()
        .map(|s| s.text.clone())
        .collect();
    assert!(!all.contains("某县人民政府文件"), "{all}");
    assert_eq!(imported.report.section_text("problems"), Some("无。"));
    assert_eq!(
        imported.report.section_text("overview"),
        Some("全年共收到申请3件。")
    );
}

#[test]
fn table_values_without_labels_fill_the_table_in_printed_order() {
    let values = "行政复议\n结果维持\n结果纠正\n其他结果\n尚未审结\n总计\n1\n0\n0\n0\n1\n\n2\n0\n0\n0\n2\n0\n0\n0\n0\n0\n";
    let imported = import_text(&pdf_report("某县2024年政府信息公开工作年度报告", values));
    let report = &imported.report;
    assert_eq!(report.template, TemplateId::Gov2021);
    assert_eq!(
        report.cell_raw("appeals.review.upheld").as_deref(),
        Some("1")
    );
    assert_eq!(
        report.cell_raw("appeals.review.total").as_deref(),
        Some("1")
    );
    assert_eq!(
        report.cell_raw("appeals.suit_direct.upheld").as_deref(),
        Some("2")
    );
    assert_eq!(
        report
            .cell_raw("appeals.suit_after_review.total")
            .as_deref(),
        Some("0")
    );
    // Tables 二 and 三 had no values: that is said, as an error, not passed over.
    assert!(
        imported.errors.iter().any(|e| e.contains("表二"))
            && imported.errors.iter().any(|e| e.contains("表三")),
        "{:?}",
        imported.errors
    );
}

#[test]
fn a_table_with_a_value_missing_is_an_error_and_fills_nothing() {
    // 14 of table 四's 15 values: one blank cell in the PDF.
    let values = "1\n0\n0\n0\n1\n2\n0\n0\n0\n2\n0\n0\n0\n0\n";
    let imported = import_text(&pdf_report("某县2024年政府信息公开工作年度报告", values));
    assert_appeals_refused(&imported, 14);
}

#[test]
fn a_gov_report_with_no_table_figures_says_so() {
    let imported: ImportResult = import_text(&pdf_report("某县2024年政府信息公开工作年度报告", ""));
    assert!(
        imported
            .errors
            .first()
            .is_some_and(|e| e.contains("没有读到任何统计表数值")),
        "{:?}",
        imported.errors
    );
    // A complete one has no errors.
    let text =
        std::fs::read_to_string(fixtures_dir().join("published/pingtan-2022.txt")).expect("text");
    assert_eq!(import_text(&text).errors, Vec::<String>::new());
}

#[test]
fn web_text_paragraphs_are_never_joined() {
    let text = "某县2024年政府信息公开工作年度报告\n一、总体情况\n（一）主动公开\n2024年，本县主动公开信息1200条，其中政策文件30件\n（二）依申请公开\n全年收到申请12件。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n";
    let report = import_text(text).report;
    assert_eq!(
        report.section_text("overview"),
        Some(
            "（一）主动公开\n2024年，本县主动公开信息1200条，其中政策文件30件\n（二）依申请公开\n全年收到申请12件。"
        )
    );
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let text = "\u{feff}某县2024年政府信息公开工作年度报告\n一、总体情况\n有。\n";
    let report = import_text(text).report;
    assert_eq!((report.agency.as_str(), report.year), ("某县", 2024));
}

#[test]
fn a_line_above_the_title_is_not_the_agency_when_the_title_names_it() {
    let text = "附件1\n某市审计局2024年政府信息公开工作年度报告\n一、总体情况\n有。\n";
    let report = import_text(text).report;
    assert_eq!((report.agency.as_str(), report.year), ("某市审计局", 2024));
}

#[test]
fn web_pages_decode_character_references_and_merged_cells() {
    let html = "\u{feff}<html><head><script>var a='<td>9</td>';</script><style>td{}</style></head><body>\
        <!-- <h2>一、注释里的标题</h2> -->\
        <h1>某县&#20154;&#x6C11;政府2024年政府信息公开工作年度报告</h1>\
        <h2>一、总体情况</h2><p>全年&ldquo;一网通办&rdquo;申请&nbsp;3&nbsp;件&#12290;</p>\
        <h2>二、主动公开政府信息情况</h2>\
        <table><tr><td colspan=\"4\">第二十条第（一）项</td></tr>\
        <tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>\
        <tr><td>规章</td><td>1</td><td>0</td><td>5</td></tr></table>\
        <h2>三、收到和处理政府信息公开申请情况</h2><table>\
        <tr><td rowspan=\"2\" colspan=\"2\">（三）不予公开</td><td>1.属于国家秘密</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>\
        <tr><td>2.其他法律行政法规禁止公开</td><td>2</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>2</td></tr>\
        </table><h2>四、政府信息公开行政复议、行政诉讼情况</h2><h2>五、存在的主要问题及改进情况</h2><p>无。</p></body></html>";
    let imported = crate::import_html(html);
    let report = &imported.report;
    assert_eq!(
        (report.agency.as_str(), report.year),
        ("某县人民政府", 2024)
    );
    assert_eq!(
        report.section_text("overview"),
        Some("全年“一网通办”申请 3 件。")
    );
    assert_eq!(
        report.cell_raw("active.regulations.in_force").as_deref(),
        Some("5")
    );
    assert_eq!(
        report
            .cell_raw("requests.withheld.state_secret.total")
            .as_deref(),
        Some("1")
    );
    assert_eq!(
        report
            .cell_raw("requests.withheld.law_forbidden.total")
            .as_deref(),
        Some("2")
    );
    assert!(
        report
            .figures
            .values()
            .all(|value| value.raw().as_deref() != Some("9")),
        "the script is not text"
    );
}

#[test]
fn headings_are_matched_by_meaning_not_by_number() {
    // No table 四 section: the rest is renumbered; numerals full-width, spaced or 第…部分.
    let text = "某县2024年政府信息公开工作年度报告\n第一部分 总体情况\n有。\n二 、主动公开政府信息情况\n\
                三．收到和处理政府信息公开申请情况\n四、存在的主要问题及改进情况\n问题。\n五、其他需要报告的事项\n无。\n";
    let report = import_text(text).report;
    assert_eq!(report.template, TemplateId::Gov2021);
    assert_eq!(report.section_text("overview"), Some("有。"));
    assert_eq!(report.section_text("problems"), Some("问题。"));
    assert_eq!(report.section_text("other"), Some("无。"));
    // A sentence that opens with a numeral is not a heading; nor is a row label of table 三.
    let text = "某县2024年政府信息公开工作年度报告\n一、总体情况\n一、坚持问题导向，改进工作。\n一、本年新收政府信息公开申请数量\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n";
    let report = import_text(text).report;
    assert!(
        report
            .section_text("overview")
            .is_some_and(|t| t.contains("坚持问题导向"))
    );
}

#[test]
fn the_format_follows_the_tables_when_they_say_so() {
    // A 2021 report still on the 2019 form (its table 二 has 本年新制作数量).
    let text = std::fs::read_to_string(fixtures_dir().join("published/pingtan-2020.txt"))
        .expect("text")
        .replace("2020年", "2021年");
    let report = import_text(&text).report;
    assert_eq!((report.year, report.template), (2021, TemplateId::Gov2019));
}

#[test]
fn pathological_pages_are_read_in_one_pass() {
    // Each would take minutes with a scan per tag; the benches measure them (benches/core.rs).
    let scripts = "<script>x</script>".repeat(50_000) + "<p>某县2024年政府信息公开工作年度报告</p>";
    assert_eq!(crate::import_html(&scripts).report.year, 2024);
    let spaces = format!(
        "某县2024年政府信息公开工作年度报告\n{}\n",
        " ".repeat(2_000_000)
    );
    assert_eq!(import_text(&spaces).report.year, 2024);
    let sentence = format!(
        "某县2024年政府信息公开工作年度报告\n一、总体情况\n{}。\n",
        "公开".repeat(500_000)
    );
    let report = import_text(&sentence).report;
    assert!(
        report
            .sections
            .iter()
            .any(|section| section.text.len() > 2_000_000)
    );
}

#[test]
fn what_is_not_a_word_file_says_so() {
    for bytes in [
        &b""[..],
        b"PK\x03\x04 broken",
        b"{\"format\": \"nianbao/report\"}",
    ] {
        let error = crate::import_docx(bytes).expect_err("not a .docx");
        assert!(error.contains("不是 Word 文档"), "{error}");
    }
}

#[test]
fn the_review_summary_says_what_was_recognised_and_what_was_not() {
    let text =
        std::fs::read_to_string(fixtures_dir().join("published/huaian-2024.txt")).expect("text");
    let summary = crate::summarise(&import_text(&text));
    assert_eq!(
        (summary.agency.as_str(), summary.year, summary.template),
        ("淮安市人民政府", 2024, TemplateId::Gov2021)
    );
    let headings: Vec<&str> = summary.sections.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(
        headings,
        [
            "前言",
            "一、总体情况",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项"
        ]
    );
    assert!(summary.sections[1].1 > 1000, "一 has its text");
    let tables: Vec<(usize, usize)> = summary.tables.iter().map(|(_, f, n)| (*f, *n)).collect();
    assert_eq!(tables, [(10, 10), (175, 175), (15, 15)]);
    assert!(summary.errors.is_empty());
    assert!(
        summary.unrecognised.iter().any(|u| u.contains("表四")),
        "the reordering note"
    );
}

#[test]
fn nothing_is_dropped_legacy_tables_stay_as_text_and_the_rest_is_kept_in_the_file() {
    let text = "某市统计局2012年政府信息公开工作年度报告\n一、概述\n全年主动公开信息100条。\n\
                二、统计表\n项目\t数量\n主动公开\t100\n";
    let imported = import_text(text);
    let all: String = imported
        .report
        .sections
        .iter()
        .map(|s| s.text.clone())
        .collect();
    assert!(all.contains("主动公开 | 100"), "{all}");
    // A gov report's row that fits no table row is listed and kept in the file.
    let text = "某县2024年政府信息公开工作年度报告\n一、总体情况\n有。\n二、主动公开政府信息情况\n\
                三、收到和处理政府信息公开申请情况\n（九）奇怪的行\t4\t0\n";
    let imported = import_text(text);
    assert!(imported.unrecognised.iter().any(|u| u.contains("奇怪的行")));
    let kept = &imported.report.extra[crate::UNRECOGNISED_KEY];
    assert!(kept.to_string().contains("奇怪的行"), "{kept}");
    let written = crate::to_json(&imported.report);
    assert!(
        crate::from_json(&written).is_ok_and(|r| r.extra.contains_key(crate::UNRECOGNISED_KEY))
    );
}

#[test]
fn pdf_converted_to_markdown_keeps_captions_items_and_tables_inside_their_sections() {
    let text = "# 某县人民政府2024年政府信息公开工作年度报告\n\n## 一、总体情况\n\n### （一）主动公开\n\n全年公开信息100条。\n\n\
                ## 二、主动公开政府信息情况\n\n### 第二十条第（一）项\n\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| --- | --- | --- | --- |\n\
                | 规章 | 1 | 0 | 5 |\n| ' |\n| 行政规范性文件 | 2 | 0 | 9 |\n\n\
                ## 三、收到和处理政府信息公开申请情况\n\n## 五、存在的主要问题及改进情况\n\n问题。\n\n## 附：图解\n\n图。\n";
    let imported = import_text(text);
    let report = &imported.report;
    assert_eq!(report.template, TemplateId::Gov2021);
    assert_eq!(
        report.section_text("overview"),
        Some("（一）主动公开\n全年公开信息100条。")
    );
    assert_eq!(
        report.cell_raw("active.regulations.in_force").as_deref(),
        Some("5")
    );
    assert_eq!(
        report.cell_raw("active.normative_docs.in_force").as_deref(),
        Some("9")
    );
    assert_eq!(report.section_text("problems"), Some("问题。"));
    // A heading after the body that is no section is listed, not taken as prose.
    assert!(
        imported.unrecognised.iter().any(|u| u.contains("图。")),
        "{:?}",
        imported.unrecognised
    );
}

/// A web page copied with its table cells separated by ` | ` and no leading pipe (as some
/// sites' text versions are, e.g. 深圳市龙岗区 2024), including a truncated table 三: every
/// row present is read by its label; the missing section 四 is said.
#[test]
fn pipe_rows_without_a_leading_pipe_are_table_rows() {
    let text = "某局2024年政府信息公开工作年度报告\n一、总体情况\n有。\n二、主动公开政府信息情况\n\
                第二十条第(一)项 |\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n\
                规章 | 0 | 0 | 0 |\n行政规范性文件 | 5 | 1 | 25 |\n\
                三、收到和处理政府信息公开申请情况\n\
                (本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 |\n\
                自然人 | 法人或其他组织 | 总计 |\n\
                一、本年新收政府信息公开申请数量 | 58 | 7 | 0 | 0 | 1 | 0 | 66 |\n\
                三、本年度办理结果 | (一)予以公开 | 2 | 1 | 0 | 0 | 0 | 0 | 3 |\n\
                (三)不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
                五、存在的主要问题及改进情况\n问题。\n";
    let imported = import_text(text);
    let report = &imported.report;
    assert_eq!(
        report.cell_raw("active.normative_docs.in_force").as_deref(),
        Some("25")
    );
    assert_eq!(report.cell_raw("requests.new.total").as_deref(), Some("66"));
    assert_eq!(
        report.cell_raw("requests.granted.business").as_deref(),
        Some("1")
    );
    assert_eq!(
        report
            .cell_raw("requests.withheld.state_secret.total")
            .as_deref(),
        Some("0")
    );
    assert_eq!(report.section_text("overview"), Some("有。"));
    assert!(
        imported.errors.iter().any(|e| e.starts_with("表四")),
        "{:?}",
        imported.errors
    );
}

/// Web text whose paragraphs keep a leading tab (广元市统计局 2024 as copied): the tab is an
/// indent, not a table, so headings and paragraphs stay what they are.
#[test]
fn a_leading_tab_is_an_indent_not_a_table() {
    let text = "广元市统计局2024年政府信息公开工作年度报告\n\t一、总体情况 \n\t(一)主动公开信息情况。2024年，我局公开政府信息276条。 \n\
                \t二、主动公开政府信息情况\n\t三、收到和处理政府信息公开申请情况\n\t五、存在的主要问题及改进情况\n\t问题。\n";
    let report = import_text(text).report;
    assert_eq!(report.template, TemplateId::Gov2021);
    assert_eq!(
        report.section_text("overview"),
        Some("(一)主动公开信息情况。2024年，我局公开政府信息276条。")
    );
    assert_eq!(report.section_text("problems"), Some("问题。"));
}

#[test]
fn a_recent_report_cut_short_is_an_error_not_a_quiet_free_form_import() {
    // The first page of a 2024 report: the title, the preamble and the start of 一, no more.
    let cut = "淮安市人民政府\n2024年政府信息公开工作年度报告\n本报告由淮安市人民政府办公室根据《中华人民共和国政府信息公开条例》编制。\n一、总体情况\n2024年，我市坚持公开为常态。\n";
    let imported = import_text(cut);
    assert_eq!(imported.report.template, TemplateId::Legacy);
    assert!(
        imported
            .errors
            .iter()
            .any(|e| e.contains("2024年的报告应使用统一格式") && e.contains("统计表未导入")),
        "{:?}",
        imported.errors
    );
    // A report from before the unified format is free-form by right: no error.
    let old = "某县人民政府\n2017年政府信息公开工作年度报告\n一、概述\n2017年，我县认真贯彻落实条例。\n二、主动公开政府信息情况\n全年主动公开信息1200条。\n";
    let imported = import_text(old);
    assert_eq!(imported.report.template, TemplateId::Legacy);
    assert!(imported.errors.is_empty(), "{:?}", imported.errors);
}

/// Table 四 was refused with `found` of its 15 values, and none of them was written.
#[track_caller]
fn assert_appeals_refused(imported: &ImportResult, found: usize) {
    let said = format!("表四：找到 {found} 个数值，表格应有 15 个");
    assert!(
        imported.errors.iter().any(|e| e.contains(&said)),
        "{:?}",
        imported.errors
    );
    assert!(
        imported
            .report
            .figures
            .keys()
            .all(|key| !key.starts_with("appeals."))
    );
}

/// Table 四 laid out as `pdftotext -layout` prints it: its headings, then one row of values
/// under them (`None` a blank cell). Columns are ten text columns apart; a Chinese character
/// takes two.
fn appeals_laid_out(values: [Option<&str>; 15]) -> String {
    let width = |text: &str| {
        text.chars()
            .map(|c| if c.is_ascii() { 1 } else { 2 })
            .sum::<usize>()
    };
    let pad_to = |line: &mut String, column: usize| {
        while width(line) < column {
            line.push(' ');
        }
    };
    let mut headings = String::new();
    let mut row = String::new();
    for (i, value) in values.iter().enumerate() {
        let label = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"][i % 5];
        pad_to(&mut headings, i * 10 + 5 - width(label) / 2);
        headings.push_str(label);
        if let Some(value) = value {
            pad_to(&mut row, i * 10 + 5 - value.len() / 2);
            row.push_str(value);
        }
    }
    format!("行政复议  行政诉讼\n未经复议直接起诉  复议后起诉\n{headings}\n{row}")
}

#[test]
fn blank_cells_in_a_row_printed_across_blocks_are_refused_not_shifted() {
    // Table 四 prints 行政复议 and both kinds of 行政诉讼 on one line; with two cells blank the
    // values cannot be told apart by block, so the table is refused (the positive case, a
    // table 三 with blank columns, is the LibreOffice PDF in crates/pdf-text/tests/import.rs).
    let mut values = [Some("0"); 15];
    values[0] = Some("2");
    values[1] = Some("1");
    values[2] = None;
    values[3] = None;
    values[4] = Some("3");
    let text = pdf_report(
        "某县人民政府\n2024年政府信息公开工作年度报告",
        &appeals_laid_out(values),
    );
    let imported = import_text(&text);
    assert_appeals_refused(&imported, 13);
    // Complete, the same layout reads in order.
    let imported = import_text(&pdf_report(
        "某县人民政府\n2024年政府信息公开工作年度报告",
        &appeals_laid_out([Some("1"); 15]),
    ));
    assert_eq!(
        imported
            .report
            .cell_raw("appeals.suit_after_review.total")
            .as_deref(),
        Some("1")
    );
}

#[test]
fn values_that_cannot_be_placed_under_headings_are_refused_not_shifted() {
    // The same row with its values pushed together: positions no longer tell the columns.
    let mut values = [Some("0"); 15];
    values[2] = None;
    let laid_out = appeals_laid_out(values);
    let squeezed: String = laid_out
        .lines()
        .map(|line| {
            if line.trim_start().starts_with('0') {
                line.split_whitespace().collect::<Vec<_>>().join(" ")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let imported = import_text(&pdf_report(
        "某县人民政府\n2024年政府信息公开工作年度报告",
        &squeezed,
    ));
    assert_appeals_refused(&imported, 14);
    // And with no headings at all, nothing says where a value belongs.
    let headless: String = laid_out.lines().skip(3).collect();
    let imported = import_text(&pdf_report(
        "某县人民政府\n2024年政府信息公开工作年度报告",
        &headless,
    ));
    assert!(
        imported.errors.iter().any(|e| e.contains("表四")),
        "{:?}",
        imported.errors
    );
}
