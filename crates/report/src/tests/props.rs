//! Property tests: auto-computed totals never break the sum rules and never hide the
//! balance, files round-trip, and figure parsing never panics.

use proptest::prelude::*;

use crate::{
    CellKind, Lang, Report, Rule, apply_auto_totals, from_json, parse_figure, to_json, validate,
};

/// The rules auto-totals satisfies by construction: sums only.
const SUMS: [Rule; 3] = [
    Rule::RequestsRowTotal,
    Rule::RequestsHandledTotal,
    Rule::AppealsTotal,
];

/// A report of `year` with random parts (totals left to auto-totals).
fn report_from(year: i32, parts: &[u32]) -> Report {
    let mut report = Report::new("测试机关", year);
    let template = report.template();
    let inputs = template
        .cells()
        .iter()
        .filter(|cell| !crate::is_computed(template, &cell.key));
    for (cell, value) in inputs.zip(parts.iter().cycle()) {
        report.set_cell(&cell.key, value.to_string());
    }
    report
}

proptest! {
    #[test]
    fn auto_totals_satisfy_every_sum_and_never_hide_the_balance(
        year in prop_oneof![Just(2020), Just(2024)],
        parts in prop::collection::vec(0u32..5000, 1..250),
    ) {
        let mut report = report_from(year, &parts);
        let carried_out: Vec<(String, Option<String>)> = report
            .figures
            .keys()
            .filter(|key| key.starts_with("requests.carried_out."))
            .map(|key| (key.clone(), report.cell_raw(key).map(|raw| raw.into_owned())))
            .collect();
        report.set_auto_totals(true);
        apply_auto_totals(&mut report);
        let findings = validate(&report, None, Lang::Zh);
        prop_assert!(findings.iter().all(|f| !SUMS.contains(&f.rule)), "{findings:?}");
        // 结转下年度 stays as typed, and the balance is judged on the typed figures.
        for (key, typed) in &carried_out {
            prop_assert_eq!(report.cell_raw(key).map(|raw| raw.into_owned()), typed.clone());
        }
        let balanced = |column: &str| {
            let read = |row: &str| report.cell_figure(&format!("requests.{row}.{column}")).ok();
            match (read("new"), read("carried_in"), read("handled_total"), read("carried_out")) {
                (Some(a), Some(b), Some(c), Some(d)) => Some(a + b == c + d),
                _ => None,
            }
        };
        for column in ["natural", "business", "research", "nonprofit", "legal", "other"] {
            let flagged = findings.iter().any(|f| {
                f.rule == Rule::RequestsBalance && f.cells[0] == format!("requests.carried_out.{column}")
            });
            prop_assert_eq!(balanced(column).map(|ok| !ok), Some(flagged).filter(|_| balanced(column).is_some()));
        }
    }

    #[test]
    fn files_round_trip(
        parts in prop::collection::vec(0u32..100_000, 1..50),
        raw in "\\PC{0,12}",
        agency in "\\PC{0,20}",
    ) {
        let mut report = report_from(2023, &parts);
        report.agency = agency;
        report.set_cell("requests.new.natural", raw.clone());
        report.set_cell("unknown.key", raw);
        report.set_section_text("overview", "一、\n\"引号\"");
        let text = to_json(&report);
        prop_assert_eq!(from_json(&text), Ok(report));
    }

    #[test]
    fn parse_figure_never_panics(raw in "\\PC*|[0-9０-９,，.．\\-－ 件元万]{0,40}") {
        for kind in [CellKind::Count, CellKind::SignedCount, CellKind::AmountWan, CellKind::AmountYuan, CellKind::Amount] {
            let _ = parse_figure(&raw, kind);
        }
    }
}

proptest! {
    /// The prose rules' word test agrees with `str::contains` on any texts, mixed scripts
    /// included (a CJK character's bytes must never match inside another character).
    #[test]
    fn holds_is_contains(
        text in "[其中共计合总，、。a-c0-9年件]{0,12}",
        word in "[其中共计合总，、。a-c0-9年件]{0,3}",
    ) {
        prop_assert_eq!(crate::narrative::numbers::holds(&text, &word), text.contains(&word));
    }

    /// The word lists' letters, worked out at compile time, are those read from a text at
    /// run time, for any characters (one to four bytes of UTF-8).
    #[test]
    fn compile_time_letters_are_run_time_letters(word in "\\PC{0,6}") {
        use crate::narrative::numbers::{Letters, letters_of};
        prop_assert_eq!(letters_of(&word), Letters::of(&word).0);
    }
}

#[test]
fn holds_finds_words_and_never_a_character_split_across_others() {
    use crate::narrative::numbers::{holds, holds_any};
    assert!(holds("其中予以公开50件", "予以公开"));
    assert!(holds("共收到申请", "共"));
    assert!(holds("abc", ""));
    assert!(!holds("", "共"));
    assert!(!holds("共", "共计"));
    // 中 is E4 B8 AD and 丸 E4 B8 B8: the bytes of 中 followed by 丸's start never make a
    // match for a character ending with them.
    assert!(!holds("中丸", "\u{4E2D}\u{4E38}\u{4E38}"));
    assert!(holds_any("同比增长5%", &["合计", "同比"]));
    assert!(!holds_any("办结85件", &["合计", "同比"]));
}
