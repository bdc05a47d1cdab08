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

/// Auto-totals as first written: each part looked up by key and parsed for every formula
/// reading it, each total written into the report at once for the formulas after it. Kept
/// as the reference that the faster [`apply_auto_totals`] must agree with.
fn auto_totals_by_lookup(report: &mut Report) -> Vec<(String, Option<crate::Figure>)> {
    let template = report.template();
    let mut results = Vec::new();
    for formula in crate::formula::formulas(template)
        .iter()
        .filter(|formula| formula.computes)
    {
        let total = &template.cells()[formula.total];
        let read = |indices: &[usize], report: &Report| -> Option<crate::Figure> {
            let parts: Option<Vec<crate::Figure>> = indices
                .iter()
                .map(|&index| report.cell_figure(&template.cells()[index].key).ok())
                .collect();
            parts.map(crate::Figure::sum)
        };
        let value = match (read(&formula.plus, report), read(&formula.minus, report)) {
            (Some(plus), Some(minus)) => Some(plus - minus),
            _ => None,
        };
        if !report.is_overridden(&total.key) {
            match value.and_then(|figure| figure.as_whole()) {
                Some(whole) => {
                    report
                        .figures
                        .insert(total.key.clone(), crate::CellValue::whole(whole));
                }
                None => {
                    report.figures.remove(&total.key);
                }
            }
        }
        results.push((total.key.clone(), value));
    }
    results
}

/// What a clerk may leave in a cell: blank, figures as typed in every way the parser reads,
/// and text it cannot.
const TYPED: [&str; 14] = [
    "",
    "0",
    "7",
    "12",
    "1,234",
    "１２",
    "3.5",
    "-4",
    "2件",
    "abc",
    "  ",
    "999999999999999999",
    "12.00",
    "1e3",
];

/// How the auto-totals tests fill a report's cells from [`TYPED`].
struct Filling {
    /// Every cell a readable figure (TYPED[1..=5]), so that totals are computed from totals
    /// before them.
    readable: bool,
    /// Plain figures as 18 digits, the most a cell holds: their sums hold more, which a
    /// cell cannot, so a total written from them reads back blank.
    large: bool,
    /// Plain figures stored as JSON numbers rather than typed text.
    numbers: bool,
}

/// A report of `year` with auto-totals on, its cells filled from `typed` (indices into
/// [`TYPED`], cycled) and its computed totals overridden where `overridden` says (cycled),
/// with those totals' keys.
fn filled_report(
    year: i32,
    typed: &[usize],
    overridden: &[bool],
    fill: Filling,
) -> (Report, Vec<String>) {
    let mut report = Report::new("测试机关", year);
    let template = report.template();
    for (cell, &choice) in template.cells().iter().zip(typed.iter().cycle()) {
        let choice = if fill.readable {
            choice % 5 + 1
        } else {
            choice
        };
        let plain = |raw: &str| !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit());
        let raw = match TYPED[choice] {
            raw if fill.large && plain(raw) => "999999999999999999",
            raw => raw,
        };
        if fill.numbers && plain(raw) {
            report
                .figures
                .insert(cell.key.clone(), crate::CellValue::Number(raw.to_string()));
        } else {
            report.set_cell(&cell.key, raw);
        }
    }
    report.set_auto_totals(true);
    let totals: Vec<String> = template
        .cells()
        .iter()
        .filter(|cell| crate::is_computed(template, &cell.key))
        .map(|cell| cell.key.clone())
        .collect();
    for (key, &on) in totals.iter().zip(overridden.iter().cycle()) {
        if on {
            report.set_overridden(key, true);
        }
    }
    (report, totals)
}

/// The totals among `totals` whose cell differs between `before` and `after`, sorted.
fn totals_changed(totals: Vec<String>, before: &Report, after: &Report) -> Vec<String> {
    let mut changed: Vec<String> = totals
        .into_iter()
        .filter(|key| before.figures.get(key) != after.figures.get(key))
        .collect();
    changed.sort();
    changed
}

proptest! {
    /// Auto-totals read every cell once and write what changed; the result is the reference
    /// reading's, for any mix of figures, blanks, unreadable text, stale totals and overridden
    /// ones, in both formats (TYPED[1..=5] are readable figures).
    #[test]
    fn auto_totals_agree_with_the_reading_by_lookup(
        year in prop_oneof![Just(2020), Just(2024)],
        typed in prop::collection::vec(0..TYPED.len(), 200),
        overridden in prop::collection::vec(any::<bool>(), 40),
        numbers in any::<bool>(),
        large in any::<bool>(),
        readable in any::<bool>(),
    ) {
        let (mut report, totals) =
            filled_report(year, &typed, &overridden, Filling { readable, large, numbers });
        let mut expected = report.clone();
        let expected_totals = auto_totals_by_lookup(&mut expected);
        prop_assert_eq!(crate::computed_totals(&report), expected_totals);
        let before = report.clone();
        let mut changed = apply_auto_totals(&mut report);
        prop_assert_eq!(&report, &expected);
        changed.sort();
        prop_assert_eq!(changed, totals_changed(totals, &before, &report));
    }
}

/// A total of more digits than a cell holds is written, but reads back blank for the totals
/// computed from it, as it would from the report: for every total that a later one reads.
#[test]
fn a_total_past_the_digits_of_a_cell_is_blank_to_the_totals_after_it() {
    for year in [2020, 2024] {
        let mut base = Report::new("测试机关", year);
        let template = base.template();
        for cell in template.cells() {
            if !crate::is_computed(template, &cell.key) {
                base.set_cell(&cell.key, "1");
            }
        }
        base.set_auto_totals(true);
        let formulas = crate::formula::formulas(template);
        let mut tried = 0;
        for (at, formula) in formulas.iter().enumerate().filter(|(_, f)| f.computes) {
            let read_later = formulas[at + 1..]
                .iter()
                .any(|later| later.computes && later.plus.contains(&formula.total));
            let inputs: Vec<&str> = formula
                .plus
                .iter()
                .map(|&index| template.cells()[index].key.as_str())
                .filter(|key| !crate::is_computed(template, key))
                .collect();
            if !read_later || inputs.len() < 2 {
                continue;
            }
            let mut report = base.clone();
            for key in &inputs[..2] {
                report.set_cell(key, "999999999999999999");
            }
            let mut expected = report.clone();
            auto_totals_by_lookup(&mut expected);
            apply_auto_totals(&mut report);
            let total = &template.cells()[formula.total].key;
            assert!(
                report.cell_raw(total).is_some_and(|raw| raw.len() > 18),
                "{total}"
            );
            assert_eq!(report, expected, "{total}");
            tried += 1;
        }
        assert!(tried > 0, "{year}: no total read by a later one");
    }
}

proptest! {
    /// After one cell's edit in a report whose totals were up to date, bringing up to date
    /// the totals that cell feeds leaves the report as recomputing every total does, for
    /// any cell (totals and overridden ones included) and anything typed.
    #[test]
    fn totals_after_one_edit_are_those_of_a_full_recomputation(
        year in prop_oneof![Just(2020), Just(2024)],
        typed in prop::collection::vec(0..TYPED.len(), 200),
        overridden in prop::collection::vec(any::<bool>(), 40),
        readable in any::<bool>(),
        edited in any::<prop::sample::Index>(),
        value in 0..TYPED.len(),
    ) {
        let (mut report, totals) = filled_report(
            year,
            &typed,
            &overridden,
            Filling { readable, large: false, numbers: false },
        );
        let template = report.template();
        apply_auto_totals(&mut report);
        let key = template.cells()[edited.index(template.cells().len())].key.clone();
        report.set_cell(&key, TYPED[value]);
        let typed_in = report.clone();
        let mut expected = report.clone();
        apply_auto_totals(&mut expected);
        let mut changed = crate::apply_auto_totals_after(&mut report, &key);
        prop_assert_eq!(&report, &expected);
        changed.sort();
        prop_assert_eq!(changed, totals_changed(totals, &typed_in, &report));
    }
}
