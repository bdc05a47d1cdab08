//! Import from text: each fixture's published text (NAME.md, tables in markdown) gives back
//! the fixture's figures exactly; HTML tables and label variants are read; nothing panics.

use proptest::prelude::*;

use super::{fixture, fixtures_dir};
use crate::{TemplateId, import_html, import_text};

#[test]
fn every_fixture_text_gives_the_fixture_figures() {
    let mut failures = Vec::new();
    for name in [
        "hongze-2023",
        "hongze-2024",
        "shuyang-fgj-2023",
        "suqian-city-2023",
        "suqian-city-2024",
    ] {
        let text = std::fs::read_to_string(fixtures_dir().join(format!("{name}.md"))).expect("md");
        let imported = import_text(&text);
        let expected = fixture(&format!("{name}.json"));
        let report = &imported.report;
        if report.year != expected.year || report.template != expected.template {
            failures.push(format!(
                "{name}: year/template {} {:?}",
                report.year, report.template
            ));
        }
        for key in expected.figures.keys() {
            let want = expected.cell_figure(key);
            let have = report.cell_figure(key);
            if want != have {
                failures.push(format!("{name}: {key} expected {want:?}, got {have:?}"));
            }
        }
        for key in report.figures.keys() {
            if !expected.figures.contains_key(key) {
                failures.push(format!("{name}: unexpected {key}"));
            }
        }
        for id in ["overview", "problems", "other"] {
            if report.section_text(id).is_none_or(str::is_empty) {
                failures.push(format!("{name}: no {id} section"));
            }
        }
        // The notes after the report body are listed, not silently dropped or taken as prose.
        if text.contains("## Consistency findings") && imported.unrecognised.is_empty() {
            failures.push(format!("{name}: appendix not listed"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn html_tables_and_label_variants_are_read() {
    let html = "<h1>某县审计局2023年政府信息公开工作年度报告</h1><p>根据条例编制。</p>\
        <h2>一、总体情况</h2><p>全年共收到申请3件。</p>\
        <h2>二、主动公开政府信息情况</h2><table><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>\
        <tr><td>规范性文件</td><td>１２</td><td>0</td><td>30</td></tr></table>\
        <h2>三、收到和处理政府信息公开申请情况</h2><table>\
        <tr><td>（三）不予公开</td><td>2.其他法律行政止公开</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>\
        <tr><td>3.危及&ldquo;三安全一稳定&rdquo;</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>\
        <tr><td>（六）其他处理</td><td>1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请</td><td>2</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>2</td></tr>\
        <tr><td>3.其他</td><td>4</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>4</td></tr>\
        <tr><td>（九）奇怪的行</td><td>4</td><td>0</td></tr></table>\
        <h2>四、政府信息公开行政复议、行政诉讼情况</h2><h2>五、存在的主要问题及改进情况</h2><p>有待提升。</p>\
        <h2>六、其他需要报告的事项</h2><p>无。</p>";
    let imported = import_html(html);
    let report = &imported.report;
    assert_eq!(
        (report.agency.as_str(), report.year, report.template),
        ("某县审计局", 2023, TemplateId::Gov2021)
    );
    assert_eq!(
        report.cell_raw("active.normative_docs.issued").as_deref(),
        Some("１２")
    );
    assert_eq!(
        report
            .cell_raw("requests.withheld.law_forbidden.total")
            .as_deref(),
        Some("1")
    );
    assert_eq!(
        report
            .cell_raw("requests.withheld.security_stability.natural")
            .as_deref(),
        Some("0")
    );
    assert_eq!(
        report
            .cell_raw("requests.other.no_correction.total")
            .as_deref(),
        Some("2")
    );
    assert_eq!(
        report.cell_raw("requests.other.other.total").as_deref(),
        Some("4")
    );
    assert_eq!(report.section_text("overview"), Some("全年共收到申请3件。"));
    assert_eq!(
        imported.unrecognised.len(),
        1,
        "{:?}",
        imported.unrecognised
    );
    assert!(imported.unrecognised[0].contains("奇怪的行"));
}

#[test]
fn old_reports_become_legacy_reports_with_their_own_headings() {
    let text = "某市统计局2012年政府信息公开工作年度报告\n本报告依据条例编制。\n一、概述\n全年主动公开信息100条。\n二、主动公开政府信息情况\n公开信息100条。\n四、依申请公开及收费情况\n未收费。\n";
    let report = import_text(text).report;
    assert_eq!(report.template, TemplateId::Legacy);
    let headings: Vec<_> = report
        .sections
        .iter()
        .map(|section| section.heading.clone())
        .collect();
    assert_eq!(
        headings,
        [
            None,
            Some("一、概述".into()),
            Some("二、主动公开政府信息情况".into()),
            Some("四、依申请公开及收费情况".into())
        ]
    );
    assert!(import_text("没有标题的文字").unrecognised[0].contains("标题"));
}

proptest! {
    #[test]
    fn import_never_panics(text in "\\PC{0,300}", seeded in prop::sample::select(vec![
        "|", "\t", "<tr><td>", "</td>", "三、收到和处理政府信息公开申请情况\n", "一、总体情况\n", "2023年政府信息公开工作年度报告\n", "（六）其他处理", "１２", "<", "&", "信息处理费5元",
    ]), position in 0usize..300) {
        let mut text = text;
        let at = text.char_indices().map(|(index, _)| index).nth(position).unwrap_or(text.len());
        text.insert_str(at, seeded);
        let _ = import_text(&text);
        let _ = import_html(&text);
    }
}
