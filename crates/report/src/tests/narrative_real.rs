//! The prose rules on sentences from real published reports and their variants: measure
//! words, money units, line breaks from PDF text, labels holding 、, breakdowns in
//! parentheses, plain lists after 共, breakdowns joined by ；, table 二 figures, and the
//! sentences that must stay silent.

use super::report_with;
use crate::{Finding, Lang, Report, Rule, validate};

fn report(overview: &str) -> Report {
    let mut report = report_with(&[
        ("requests.new.total", "81"),
        ("requests.carried_in.total", "0"),
        ("active.regulations.issued", "2"),
        ("active.regulations.repealed", "1"),
        ("active.regulations.in_force", "30"),
        ("active.normative_docs.issued", "12"),
        ("active.normative_docs.repealed", "3"),
        ("active.normative_docs.in_force", "150"),
    ]);
    report.set_section_text("overview", overview);
    report.set_section_text("problems", "个别部门答复文书规范性有待提升。");
    report
}

fn findings(overview: &str, rule: Rule) -> Vec<Finding> {
    validate(&report(overview), None, Lang::Zh)
        .into_iter()
        .filter(|finding| finding.rule == rule)
        .collect()
}

#[track_caller]
fn fires(rule: Rule, overview: &str) {
    let found = findings(overview, rule);
    assert_eq!(found.len(), 1, "should fire once: {overview}\n{found:#?}");
}

#[track_caller]
fn silent(rule: Rule, overview: &str) {
    let found = findings(overview, rule);
    assert!(found.is_empty(), "should be silent: {overview}\n{found:#?}");
}

#[test]
fn measure_words_for_counted_things_are_one_unit() {
    fires(
        Rule::NarrativePartsExceed,
        "共收到留言120条，其中，咨询类45起，投诉类80起。",
    );
    fires(
        Rule::NarrativePartsExceed,
        "共受理群众诉求300件，其中咨询类120条，求助类100个，投诉类90件。",
    );
    silent(
        Rule::NarrativePartsExceed,
        "共收到留言120条，其中，咨询类45起，投诉类75起。",
    );
}

#[test]
fn money_converts_between_units() {
    fires(
        Rule::NarrativePartsExceed,
        "全年收取信息处理费1.2万元，其中市级8000元，县级5000元。",
    );
    silent(
        Rule::NarrativePartsExceed,
        "全年收取信息处理费1.2万元，其中市级8000元，县级4000元。",
    );
    fires(
        Rule::NarrativePartsExceed,
        "政府采购金额共计1.5亿元，其中货物类9000万元，服务类7000万元。",
    );
}

#[test]
fn people_percentages_issues_and_dates_never_mix_with_counts() {
    silent(
        Rule::NarrativePartsExceed,
        "共举办培训12场，其中参训人员300人，覆盖率100%。",
    );
    silent(
        Rule::NarrativePartsExceed,
        "发布政策解读20篇，其中图解15期，视频解读8期。",
    );
    silent(
        Rule::NarrativePartsExceed,
        "共收到申请81件，其中12月31日前答复79件。",
    );
    silent(
        Rule::NarrativePartsExceed,
        "接待来访群众50人次，其中现场咨询30件，电话咨询40人次。",
    );
}

#[test]
fn line_breaks_inside_a_sentence_do_not_hide_a_breakdown() {
    fires(
        Rule::NarrativePartsExceed,
        "全年共收到申请103件，其中自然人申请\n55件，法人申请50件。",
    );
    fires(
        Rule::NarrativePartsExceed,
        "全年共收到申请103\n件，其中自然人申请55件，法人\n申请50件。",
    );
}

#[test]
fn an_item_label_holding_a_dunhao_is_still_one_part() {
    fires(
        Rule::NarrativePartsExceed,
        "主动公开政府信息200条，其中政策、规范性文件类信息60条，人事类信息150条。",
    );
    silent(
        Rule::NarrativePartsExceed,
        "主动公开政府信息200条，其中政策、规范性文件类信息60条，人事类信息140条。",
    );
}

#[test]
fn a_breakdown_in_parentheses_after_its_total_is_checked() {
    fires(
        Rule::NarrativePartsExceed,
        "全年主动公开政府信息2602条（其中政策文件1500条，工作动态1200条）。",
    );
    silent(
        Rule::NarrativePartsExceed,
        "全年主动公开政府信息2602条（其中政策文件1500条，工作动态1100条）。",
    );
}

#[test]
fn a_plain_list_after_gong_is_not_a_breakdown_of_its_first_figure() {
    silent(
        Rule::NarrativePartsExceed,
        "共发布甲类信息40条，乙类121条，丙类39条。",
    );
    silent(
        Rule::NarrativePartsExceed,
        "共发布政策文件解读40篇，图解121篇，视频39篇。",
    );
}

#[test]
fn breakdowns_joined_by_semicolons_are_checked_separately() {
    silent(
        Rule::NarrativePartsExceed,
        "收到申请81件，其中自然人60件，法人21件；办结79件，其中予以公开50件，部分公开29件。",
    );
    fires(
        Rule::NarrativePartsExceed,
        "收到申请81件，其中自然人60件，法人21件；办结79件，其中予以公开50件，部分公开30件。",
    );
}

#[test]
fn table_mismatch_covers_table_two_and_more_wordings() {
    fires(
        Rule::NarrativeTableMismatch,
        "全年接收政府信息公开申请共计80件。",
    );
    silent(
        Rule::NarrativeTableMismatch,
        "全年接收政府信息公开申请共计81件。",
    );
    fires(
        Rule::NarrativeTableMismatch,
        "本年制发规范性文件13件，废止3件。",
    );
    silent(
        Rule::NarrativeTableMismatch,
        "本年制发规范性文件12件，废止3件。",
    );
    fires(Rule::NarrativeTableMismatch, "现行有效规章31件。");
    silent(
        Rule::NarrativeTableMismatch,
        "现行有效规章30件，现行有效规范性文件150件。",
    );
}

/// Long prose the rules must read in linear time: one sentence of 10,000 clauses with 其中,
/// and 10,000 short sentences (the benches time them; here they must simply finish).
pub(crate) fn long_prose() -> [String; 2] {
    let clauses: String = (0..10_000)
        .map(|i| format!("收到申请{}件，其中自然人{}件、法人{}件，", 10 + i % 7, 5, 6))
        .collect();
    let sentences: String = (0..10_000)
        .map(|i| format!("收到申请{}件，其中自然人5件，法人6件。", 10 + i % 7))
        .collect();
    [clauses + "。", sentences]
}

#[test]
fn long_prose_is_read_without_stalling() {
    for text in long_prose() {
        let found = findings(&text, Rule::NarrativePartsExceed);
        // 10 收到 with 5 + 6 parts: those exceed, once per distinct sentence at most.
        assert!(!found.is_empty());
    }
}

#[test]
fn fees_in_wan_yuan_take_six_decimals_and_more_is_only_a_warning() {
    let validate_fee = |raw: &str| {
        let mut report = report("有。");
        report.set_cell("active.fees.amount_wan", raw);
        validate(&report, None, Lang::Zh)
            .into_iter()
            .filter(|f| {
                f.cells
                    .first()
                    .is_some_and(|c| c == "active.fees.amount_wan")
            })
            .map(|f| (f.rule, f.severity))
            .collect::<Vec<_>>()
    };
    assert_eq!(validate_fee("5949.088667"), []);
    assert_eq!(validate_fee("72701.2578"), []);
    assert_eq!(
        validate_fee("5949.0886671"),
        [(Rule::CellPrecision, crate::Severity::Warning)]
    );
    assert_eq!(
        validate_fee("abc"),
        [(Rule::CellInvalid, crate::Severity::Error)]
    );
}
