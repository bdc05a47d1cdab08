//! The prose rules on sentences written for them: each rule, units, Chinese numerals,
//! traditional script, the reporting conventions, and sentences that must not fire.

use proptest::prelude::*;

use super::report_with;
use crate::{Finding, Lang, Report, Rule, validate};

/// A gov-2021 report whose table 三/四 totals are those given, with `overview` as text.
fn report(overview: &str) -> Report {
    let mut report = report_with(&[
        ("requests.new.total", "95"),
        ("requests.carried_in.total", "5"),
        ("requests.granted.total", "50"),
        ("requests.partial.total", "9"),
        ("requests.withheld.state_secret.total", "1"),
        ("requests.withheld.law_forbidden.total", "0"),
        ("requests.withheld.security_stability.total", "1"),
        ("requests.withheld.third_party.total", "1"),
        ("requests.withheld.internal_affairs.total", "0"),
        ("requests.withheld.process_info.total", "0"),
        ("requests.withheld.enforcement_file.total", "0"),
        ("requests.withheld.admin_query.total", "0"),
        ("requests.carried_out.total", "4"),
        ("requests.handled_total.total", "96"),
        ("appeals.review.total", "2"),
        ("appeals.suit_direct.total", "1"),
        ("appeals.suit_after_review.total", "3"),
    ]);
    report.set_section_text("overview", overview);
    report.set_section_text("problems", "个别部门答复文书规范性有待提升。");
    report
}

fn prose_findings(report: &Report, rule: Rule) -> Vec<Finding> {
    validate(report, None, Lang::Zh)
        .into_iter()
        .filter(|finding| finding.rule == rule)
        .collect()
}

#[track_caller]
fn fires(rule: Rule, overview: &str) -> Finding {
    let findings = prose_findings(&report(overview), rule);
    assert_eq!(findings.len(), 1, "{overview}: {findings:#?}");
    findings.into_iter().next().expect("one finding")
}

#[track_caller]
fn silent(rule: Rule, overview: &str) {
    let findings = prose_findings(&report(overview), rule);
    assert!(findings.is_empty(), "{overview}: {findings:#?}");
}

#[test]
fn parts_exceed_after_qizhong_quotes_the_sentence_and_points_at_it() {
    let overview = "全年工作有序推进。全年共收到申请103件，其中自然人申请55件，法人申请50件。";
    let finding = fires(Rule::NarrativePartsExceed, overview);
    assert_eq!(
        finding.message,
        "“全年共收到申请103件，其中自然人申请55件，法人申请50件。”：分项之和 105件 大于总数 103件。"
    );
    let span = finding.span.expect("a span");
    assert_eq!(span.section, "overview");
    assert_eq!(
        &overview[span.start..span.end],
        "全年共收到申请103件，其中自然人申请55件，法人申请50件。"
    );
    assert!(finding.cells.is_empty());
}

#[test]
fn parts_exceed_in_every_form_and_unit() {
    for overview in [
        "共办理191件，单位申请188件，个人申请5件。",
        "办理申请合计191件，单位申请188件，个人申请5件。",
        "全年总计受理191件，单位申请188件，个人申请5件。",
        "发布信息120条（政策文件80条、解读50条）。",
        "开展培训12场次，其中线上7场次，线下6场次。",
        "制作政策问答三十五期，其中市级二十期、县级十六期。",
        "收到申请一百零二件，其中自然人申请一百件，法人申请两件，其他申请一件。",
        "收到申请１０３件，其中自然人申请５５件，法人申请５０件。",
        "共收到申請103件，其中自然人申請55件，法人申請50件。",
        "全年收取信息处理费2950元。其中，甲局1件，收取2000元；乙局1件，收取1000元。",
    ] {
        let _ = fires(Rule::NarrativePartsExceed, overview);
    }
}

#[test]
fn parts_that_fit_the_total_do_not_fire() {
    for overview in [
        // Suqian 2023: two breakdowns of the same 3607 after 其中, by applicant and by outcome.
        "全市全年共收办政府信息公开申请案件3607件（市政府349件、市各有关部门933件、沭阳县477件、泗阳县301件、泗洪县874件、宿豫区216件、宿城区348件、宿迁经济技术开发区55件、市湖滨新区26件、苏州宿迁工业园区12件、市洋河新区16件），同比增长70.3%，其中，自然人申请3493件，法人或其他组织申请114件；予以公开1191件、部分公开328件、不予公开142件、无法提供1078件、不予处理406件、作其他处理（含申请人主动撤回申请）341件、转下年度办理121件。",
        "全年共审核发布各类公开政府信息249条，其中：行政公文9条；人事任免信息7条；重点工作39条；财政预决算信息6条；年度报告1条；指南1条；网站信息185条；制度1条。",
        "共收到申请26件，办结26件，按时办结26件。",
        "发布信息18万余条，其中政策文件9万条、解读10万条。",
        "共发布信息200条，其中政策文件100条，同比增长300条。",
        "收到申请二十件，其中自然人申请十二件，一是规范办理，二是及时答复。",
        "2023年，我局共发布信息10条，公开电话0517-87222589。",
        // 计 without 合 or 总 before it names no total.
        "统计办理191件，单位申请188件，个人申请5件。",
        "办理191件，单位申请188件，个人申请5件。",
    ] {
        silent(Rule::NarrativePartsExceed, overview);
    }
}

#[test]
fn table_mismatch_names_the_quantity_and_the_cells() {
    let finding = fires(
        Rule::NarrativeTableMismatch,
        "2024 年，区政府办代表区政府受理政府信息公开申请 17 件，均已在法定期限内予以答复。",
    );
    assert_eq!(
        finding.cells,
        ["requests.new.total", "requests.carried_in.total"]
    );
    assert!(finding.message.contains("17"), "{}", finding.message);
    assert!(finding.message.contains("95"), "{}", finding.message);
    assert_eq!(
        finding.span.map(|span| span.section).as_deref(),
        Some("overview")
    );

    let withheld = fires(Rule::NarrativeTableMismatch, "不予公开35件。");
    assert_eq!(withheld.cells.len(), 8);
    assert_eq!(withheld.expected.as_deref(), Some("3"));
    let _ = fires(Rule::NarrativeTableMismatch, "予以公开及部分公开58件。");
    let _ = fires(Rule::NarrativeTableMismatch, "被申请行政复议3件。");
    let _ = fires(Rule::NarrativeTableMismatch, "行政訴訟案件5件。");
    let _ = fires(Rule::NarrativeTableMismatch, "予以公開四十件。");
    let _ = fires(
        Rule::NarrativeTableMismatch,
        "全年共收到依申請公開申請99件。",
    );
}

#[test]
fn table_mismatch_knows_the_conventions() {
    for overview in [
        // 新收 alone, and 新收 + 上年结转 (收办).
        "全年共收到政府信息公开申请95件。",
        "全年共收办政府信息公开申请案件100件。",
        "受理政府信息公開申請九十五件。",
        // Group sums and joined quantities.
        "予以公开50件、部分公开9件、不予公开3件，结转下年度4件。",
        "予以公开及部分公开59件。",
        // 行政诉讼 = 直接起诉 + 复议后起诉.
        "发生行政复议2件，行政诉讼4件。",
        "行政複議两件。",
        // Figures that are not the table's quantity: applicants, changes, rates, results.
        "其中，自然人申请90件，法人或其他组织申请5件。",
        "收到申请同比增长20件。",
        "行政复议结果维持1件。",
        "予以公开率52.6%。",
        "收到公众意见382条。",
        "受理网络问政182件。",
    ] {
        silent(Rule::NarrativeTableMismatch, overview);
    }
}

#[test]
fn answered_applications_are_checked_against_the_results_total() {
    // （七）总计 96; 新收 95; 新收 + 上年结转 100.
    let answered = fires(
        Rule::NarrativeTableMismatch,
        "全年共办结政府信息公开申请90件。",
    );
    assert_eq!(answered.cells, ["requests.handled_total.total"]);
    let _ = fires(Rule::NarrativeTableMismatch, "均已按时答复，答复申请97件。");
    for overview in [
        "全年办结96件，结转下年度4件。",
        "已全部答复95件。",
        "办理完毕100件。",
        // A slogan in words, not a count.
        "努力做到“办结一件申请、解决一个问题、温暖一颗民心”。",
        // Other measures than applications answered.
        "答复率100%。",
        "办结群众留言382条，同比增长12件。",
        "办结人大代表建议12件、政协提案8件。",
        "共办理12345热线工单47件，已全部办结。",
        "答复群众咨询150件。",
    ] {
        silent(Rule::NarrativeTableMismatch, overview);
    }
}

#[test]
fn table_mismatch_is_silent_when_a_cell_is_blank() {
    let mut report = Report::new("测试机关", 2023);
    report.set_section_text("overview", "全年共收到政府信息公开申请17件。");
    report.set_section_text("problems", "有待提升。");
    assert!(prose_findings(&report, Rule::NarrativeTableMismatch).is_empty());
}

#[test]
fn empty_required_sections_are_reported_in_gov_formats_only() {
    let mut report = report("总体情况良好。");
    report.set_section_text("problems", " 无。 ");
    let findings = prose_findings(&report, Rule::NarrativeEmpty);
    assert_eq!(findings.len(), 1);
    assert_eq!(
        findings[0].message,
        "「五、存在的主要问题及改进情况」没有内容（空白或只写了“无”）。"
    );
    report.sections.retain(|section| section.id != "overview");
    assert_eq!(prose_findings(&report, Rule::NarrativeEmpty).len(), 2);

    let legacy = Report::new("测试机关", 2015);
    assert!(prose_findings(&legacy, Rule::NarrativeEmpty).is_empty());
    assert!(prose_findings(&report_with(&[]), Rule::NarrativeEmpty).len() == 2);
}

const PROBLEMS_2023: &str = "2023年，全区政府信息公开工作虽取得一定成绩，但对照上级要求和群众期盼，仍存在一些不足，主要是：个别部门对复杂申请件的研判能力不足，答复文书规范性有待提升，政策解读的形式还不够丰富。针对存在问题，2024年我们将切实抓好以下工作：一是扎实推进依申请公开工作，二是加强对典型案例的研究。";

#[test]
fn same_as_last_year_catches_light_rewording_but_not_rewrites() {
    let mut last = report("总体情况良好。");
    last.year = 2023;
    last.set_section_text("problems", PROBLEMS_2023);
    let mut this = report("总体情况良好。");
    this.year = 2024;
    let reworded = PROBLEMS_2023
        .replace("2024", "2025")
        .replace("2023", "2024")
        .replace("切实", "认真");
    this.set_section_text("problems", reworded);
    let findings: Vec<_> = validate(&this, Some(&last), Lang::En)
        .into_iter()
        .filter(|finding| finding.rule == Rule::NarrativeSameAsLastYear)
        .collect();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(
        findings[0].span.as_ref().map(|span| span.section.as_str()),
        Some("problems")
    );
    assert!(findings[0].message.contains("nearly the same"));

    this.set_section_text("problems", "2024年，依申请公开答复的规范性仍有不足，新媒体运维力量薄弱。下一步将完善制度、加强培训、健全考核，推动政务公开工作再上新台阶，更好服务群众和企业，确保各项改进措施落到实处。");
    assert!(
        validate(&this, Some(&last), Lang::Zh)
            .iter()
            .all(|finding| finding.rule != Rule::NarrativeSameAsLastYear)
    );
    // Only last year's report counts.
    last.year = 2022;
    this.set_section_text("problems", PROBLEMS_2023);
    assert!(
        validate(&this, Some(&last), Lang::Zh)
            .iter()
            .all(|finding| finding.rule != Rule::NarrativeSameAsLastYear)
    );
}

#[test]
fn chinese_numerals_read_in_their_common_forms() {
    use crate::narrative::parse_chinese;
    for (numeral, value) in [
        ("三十五", 35),
        ("一百零二", 102),
        ("两", 2),
        ("十二", 12),
        ("两千三百", 2300),
        ("三万五千", 35000),
        ("二〇二三", 2023),
    ] {
        assert_eq!(parse_chinese(numeral), Some(value), "{numeral}");
    }
}

proptest! {
    #[test]
    fn the_prose_rules_never_panic(text in "\\PC{0,200}", seeded in prop::sample::select(vec![
        "其中", "（", "）", "共", "１２", "三十", "件", "万", "余", "；", "。", "收到申请", "不予公开", "行政诉讼", ".5", ",", "\n",
    ]), position in 0usize..200) {
        let mut text = text;
        let at = text.char_indices().map(|(index, _)| index).nth(position).unwrap_or(text.len());
        text.insert_str(at, seeded);
        let mut report = report(&text);
        report.set_section_text("problems", text.repeat(2));
        let previous = report.clone();
        report.year += 1;
        let _ = validate(&report, Some(&previous), Lang::Zh);
    }
}

#[test]
fn cases_filed_for_the_record_are_another_measure() {
    silent(
        Rule::NarrativeTableMismatch,
        "全市全年备案政府信息依申请公开领域行政复议案件134件，行政诉讼案件57件。",
    );
}

/// The table `normalise` searches must stay sorted and free of duplicates.
#[test]
fn the_simplified_table_is_sorted() {
    use crate::narrative::SIMPLIFIED_TABLE;
    assert!(
        SIMPLIFIED_TABLE
            .windows(2)
            .all(|pair| pair[0].0 < pair[1].0)
    );
}

/// The similarity counts shared bigrams in its own hash table; it must give exactly what a
/// plain map of counts gives (the score decides a finding at the threshold).
fn reference_similarity(left: &[char], right: &[char]) -> f64 {
    if left == right {
        return 1.0;
    }
    if left.len() < 2 || right.len() < 2 {
        return 0.0;
    }
    let mut counts = std::collections::HashMap::<(char, char), i64>::new();
    for pair in left.windows(2) {
        *counts.entry((pair[0], pair[1])).or_default() += 1;
    }
    let mut shared = 0i64;
    for pair in right.windows(2) {
        if let Some(count) = counts.get_mut(&(pair[0], pair[1]))
            && *count > 0
        {
            *count -= 1;
            shared += 1;
        }
    }
    2.0 * shared as f64 / (left.len() - 1 + right.len() - 1) as f64
}

proptest! {
    #[test]
    fn similarity_counts_bigrams_like_a_map(
        left in "[甲乙丙丁a-c#，。\u{10FFFF}]{0,300}",
        right in "[甲乙丙丁a-c#，。\u{10FFFF}]{0,300}",
    ) {
        use crate::narrative::{mask, similarity};
        let (left, right) = (mask(&left), mask(&right));
        prop_assert_eq!(
            similarity(&left, &right).to_bits(),
            reference_similarity(&left, &right).to_bits()
        );
    }
}
