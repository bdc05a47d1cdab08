//! The two-year view on the fixtures' two years (宿迁市 2023→2024, 洪泽区 2023→2024): 同比
//! against hand-computed values (zero and equal cases included), and the prose read
//! sentence by sentence as copied, updated or new.

use super::{fixture, report_with};
use crate::{CellKind, Provenance, Report, YearOnYear, compare, parse_figure};

fn change(report: &Report, previous: &Report, key: &str) -> (Option<String>, YearOnYear) {
    let two = compare(report, previous);
    let cell = two
        .tables
        .iter()
        .flat_map(|t| &t.cells)
        .find(|c| c.key == key)
        .unwrap_or_else(|| panic!("{key} is compared"));
    (cell.difference.clone(), cell.change)
}

#[test]
fn year_on_year_matches_hand_computed_values() {
    let (before, after) = (
        fixture("suqian-city-2023.json"),
        fixture("suqian-city-2024.json"),
    );
    // (key, difference, 同比 in tenths of a percent), computed by hand from the two files.
    for (key, difference, tenths) in [
        ("requests.granted.total", "+240", 202), // 1191 → 1431: 20.15 %
        ("requests.handled_total.total", "+35", 10), // 3486 → 3521: 1.004 %
        ("appeals.review.total", "−270", -614),  // 440 → 170: −61.36 %
        ("active.fees.amount_wan", "+13464.0129", 227), // 59237.2449 → 72701.2578: 22.73 %
        ("active.licensing.decisions", "−235416", -130), // 1808595 → 1573179: −13.02 %
    ] {
        assert_eq!(
            change(&after, &before, key),
            (Some(difference.to_string()), YearOnYear::Percent(tenths)),
            "{key}"
        );
    }
    let (before, after) = (fixture("hongze-2023.json"), fixture("hongze-2024.json"));
    for (key, difference, expected) in [
        ("requests.granted.total", "+50", YearOnYear::FromZero),
        ("appeals.review.total", "+2", YearOnYear::FromZero),
        ("requests.carried_in.total", "0", YearOnYear::Same),
        (
            "requests.handled_total.total",
            "+74",
            YearOnYear::Percent(3524),
        ),
        (
            "active.fees.amount_wan",
            "−185.28",
            YearOnYear::Percent(-24),
        ),
        (
            "active.licensing.decisions",
            "+8937",
            YearOnYear::Percent(16249),
        ),
    ] {
        assert_eq!(
            change(&after, &before, key),
            (Some(difference.to_string()), expected),
            "{key}"
        );
    }
}

#[test]
fn year_on_year_reads_as_reports_write_it() {
    let figure = |text: &str| parse_figure(text, CellKind::Amount).ok();
    let between = |a: &str, b: &str| YearOnYear::between(figure(a), figure(b));
    assert_eq!(between("1191", "1431").words(), "增长20.2%");
    assert_eq!(between("440", "170").words(), "下降61.4%");
    assert_eq!(between("440", "170").short(), "−61.4%");
    assert_eq!(between("37", "37").words(), "与上年持平");
    assert_eq!(between("37.0", "37").words(), "与上年持平");
    assert_eq!(between("0", "5").words(), "上年为0");
    assert_eq!(between("5", "0").words(), "下降100.0%");
    assert_eq!(between("1", "2").words(), "增长100.0%");
    // Halves round away from zero: 1/8 = 12.5 %, 1/16 = 6.25 % → 6.3 %.
    assert_eq!(between("8", "9").words(), "增长12.5%");
    assert_eq!(between("16", "17").words(), "增长6.3%");
    assert_eq!(between("16", "15").words(), "下降6.3%");
    // Too small to show at one decimal, yet not 持平.
    assert_eq!(between("100000", "100001").words(), "增长0.1%");
    assert_eq!(YearOnYear::between(None, figure("3")), YearOnYear::Missing);
    assert_eq!(YearOnYear::Missing.words(), "");
}

#[test]
fn blank_cells_have_no_change_and_only_shared_cells_are_compared() {
    let before = report_with(&[("requests.granted.natural", "3")]);
    let after = report_with(&[("requests.granted.natural", "")]);
    let (difference, yoy) = change(&after, &before, "requests.granted.natural");
    assert_eq!((difference, yoy), (None, YearOnYear::Missing));
    // gov-2021 this year against a gov-2019 report: only the cells both formats have.
    let mut old = Report::new("测试机关", 2020);
    old.template = crate::TemplateId::Gov2019;
    let two = compare(&fixture("suqian-city-2024.json"), &old);
    let keys: Vec<&str> = two
        .tables
        .iter()
        .flat_map(|t| &t.cells)
        .map(|c| c.key.as_str())
        .collect();
    assert!(!keys.is_empty());
    assert!(
        !keys.contains(&"active.normative_docs.in_force"),
        "2019 has no 现行有效件数"
    );
    assert!(
        keys.iter()
            .all(|key| old.template().cell_keys().any(|k| k == *key))
    );
}

#[test]
fn prose_is_read_as_copied_updated_or_new() {
    let mut before = Report::new("测试机关", 2023);
    before.set_section_text(
        "overview",
        "我局高度重视政务公开工作。全年主动公开信息120条。加强平台建设。".to_string(),
    );
    before.set_section_text("problems", "公开内容不够全面。".to_string());
    let mut after = Report::new("测试机关", 2024);
    after.set_section_text(
        "overview",
        "我局高度重视政务公开工作。全年主动公开信息１３５条。新开设政策解读专栏。".to_string(),
    );
    after.set_section_text(
        "problems",
        "公开内容不够全面。\n我局高度重视政务公开工作。".to_string(),
    );
    let two = compare(&after, &before);
    let overview = two
        .sections
        .iter()
        .find(|s| s.id == "overview")
        .expect("一");
    let kinds: Vec<(&str, Provenance)> = overview
        .sentences
        .iter()
        .map(|s| (s.text.as_str(), s.provenance))
        .collect();
    assert_eq!(
        kinds,
        [
            ("我局高度重视政务公开工作。", Provenance::Copied),
            ("全年主动公开信息１３５条。", Provenance::NumbersUpdated),
            ("新开设政策解读专栏。", Provenance::New),
        ]
    );
    // Joined back, the sentences are the text as written.
    let joined: String = overview.sentences.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(Some(joined.as_str()), after.section_text("overview"));
    assert_eq!(overview.dropped, ["加强平台建设。"]);
    // Copied from another section of last year's report is still copied.
    let problems = two
        .sections
        .iter()
        .find(|s| s.id == "problems")
        .expect("五");
    assert!(
        problems
            .sentences
            .iter()
            .all(|s| s.provenance == Provenance::Copied)
    );
    assert!(problems.dropped.is_empty());
    assert_eq!(overview.shares(), [13, 13, 10]);
}

#[test]
fn the_real_two_years_of_suqian_are_mostly_rewritten_and_say_so() {
    let two = compare(
        &fixture("suqian-city-2024.json"),
        &fixture("suqian-city-2023.json"),
    );
    let overview = two
        .sections
        .iter()
        .find(|s| s.id == "overview")
        .expect("一");
    let [copied, updated, new] = overview.shares();
    assert!(new > copied + updated, "{copied} {updated} {new}");
    // 五 opens with last year's sentence, only the year changed.
    let problems = two
        .sections
        .iter()
        .find(|s| s.id == "problems")
        .expect("五");
    assert_eq!(problems.sentences[0].provenance, Provenance::NumbersUpdated);
    assert!(
        problems.sentences[0]
            .text
            .starts_with("2024年，我市政府信息公开工作取得了一定成绩")
    );
    assert_eq!(two.tables.len(), 3);
    assert_eq!(two.tables[1].cells.len(), 175);
}

/// The `narrative.yoy_mismatch` findings of 宿迁市 2024 with `sentence` as its 一, against 2023.
fn yoy_findings(sentence: &str, previous: Option<&Report>) -> Vec<String> {
    let mut report = fixture("suqian-city-2024.json");
    report.set_section_text("overview", sentence.to_string());
    crate::validate(&report, previous, crate::Lang::Zh)
        .into_iter()
        .filter(|f| f.rule == crate::Rule::NarrativeYoyMismatch)
        .map(|f| f.message)
        .collect()
}

#[test]
fn a_stated_year_on_year_rate_the_tables_contradict_is_a_finding() {
    // 宿迁市: 新收 3511 → 3525 (+0.40 %), 办结 3486 → 3521 (+1.00 %), 行政复议 440 → 170
    // (−61.36 %), computed by hand.
    let last = fixture("suqian-city-2023.json");
    for sentence in [
        "全年新收政府信息公开申请3525件，同比增长4.0%。",
        "办结3521件，较上年下降1.0%。",
        "行政复议170件，同比下降16.4%。",
        "全年新收政府信息公开申请3525件，比上年增加1%。",
        "收到申请3646件，同比增长1.25%。",
    ] {
        let found = yoy_findings(sentence, Some(&last));
        assert_eq!(found.len(), 1, "{sentence}: {found:?}");
    }
    let found = yoy_findings("行政复议170件，同比下降16.4%。", Some(&last));
    assert!(
        found[0].contains("统计表中上年为 440、本年为 170，应为下降61.4%"),
        "{found:?}"
    );
}

#[test]
fn rates_that_agree_or_are_not_about_a_table_quantity_are_left_alone() {
    let last = fixture("suqian-city-2023.json");
    for sentence in [
        // Rounded as written, or cut.
        "全年新收政府信息公开申请3525件，同比增长0.4%。",
        "行政复议170件，同比下降61.4%。",
        "行政复议170件，同比下降61.3%。",
        "行政诉讼77件，同比下降32%。",
        // 收到 read with 上年结转 (3607 → 3646: +1.08 %).
        "收到申请3646件，同比增长1.1%。",
        // 宿迁市's own sentence: 1.05 % against 1.08 %, within 0.1 points (another base).
        "全市全年共收办政府信息公开申请案件3646件，同比增长1.05%。",
        // The rate is about something else.
        "新收申请3525件，其中自然人申请同比增长9%。",
        "政务新媒体发布信息1200条，同比增长20%。",
        "新收申请3525件（同比增长9%）。",
        // The figure itself is wrong: narrative.table_mismatch says so, not this rule.
        "全年新收申请3500件，同比增长50%。",
        // Percentage points are not a rate of change.
        "公开率为95%，同比提高2个百分点。",
    ] {
        assert_eq!(
            yoy_findings(sentence, Some(&last)),
            Vec::<String>::new(),
            "{sentence}"
        );
    }
    // Without last year's report, or with its cell blank, nothing is known.
    assert!(yoy_findings("行政复议170件，同比下降16.4%。", None).is_empty());
    let mut blank = last.clone();
    blank.set_cell("appeals.review.total", "");
    assert!(yoy_findings("行政复议170件，同比下降16.4%。", Some(&blank)).is_empty());
}
