//! Tests of auto-totals on real reports: recomputing a correct report changes nothing,
//! recomputing a wrong one fixes it, overridden cells stay as typed.

use super::fixture;
use crate::{Lang, Rule, apply_auto_totals, computed_totals, validate};

#[test]
fn recomputing_a_correct_report_changes_nothing() {
    let mut report = fixture("suqian-city-2024.json");
    let before = report.clone();
    let changed = apply_auto_totals(&mut report);
    // JSON numbers come back as numbers of the same value: nothing to change.
    assert_eq!(changed, Vec::<String>::new());
    assert_eq!(report, before);
    let computed = computed_totals(&before);
    // 24 row totals (（七）'s comes from its column), （七） per column, 表四; never 四.
    assert_eq!(computed.len(), 24 + 7 + 3);
    assert!(
        computed
            .iter()
            .all(|(key, _)| !key.starts_with("requests.carried_out.")
                || key == "requests.carried_out.total")
    );
    assert!(computed.iter().all(|(_, value)| value.is_some()));
}

#[test]
fn recomputing_fixes_wrong_totals_except_overridden_ones() {
    let mut report = fixture("hongze-2023.json");
    let mut fixed = report.clone();
    let changed = apply_auto_totals(&mut fixed);
    assert!(changed.contains(&"appeals.review.total".to_string()));
    assert_eq!(
        fixed.cell_raw("appeals.review.total").as_deref(),
        Some("11")
    );
    assert!(
        validate(&fixed, None, Lang::Zh)
            .iter()
            .all(|f| f.rule != Rule::AppealsTotal)
    );

    report.set_overridden("appeals.review.total", true);
    assert!(report.is_overridden("appeals.review.total"));
    apply_auto_totals(&mut report);
    assert_eq!(
        report.cell_raw("appeals.review.total").as_deref(),
        Some("0")
    );
    let still: Vec<_> = validate(&report, None, Lang::Zh)
        .into_iter()
        .filter(|f| f.rule == Rule::AppealsTotal)
        .collect();
    assert_eq!(still.len(), 1, "the override stays flagged");
    report.set_overridden("appeals.review.total", false);
    assert!(!report.is_overridden("appeals.review.total"));
}

#[test]
fn blank_parts_give_blank_totals() {
    // hongze has no （六）1/2 rows: （七） cannot be computed.
    let mut report = fixture("hongze-2023.json");
    apply_auto_totals(&mut report);
    assert!(report.cell_raw("requests.handled_total.natural").is_none());
}

/// The reproduction of the bug: with auto-totals on, a typo in 一 used to become a computed
/// carry-over (“1 application carried over”) and the balance could never fail.
#[test]
fn a_typo_in_new_applications_is_caught_by_the_balance_with_auto_totals_on() {
    let mut report = fixture("suqian-city-2024.json");
    report.set_auto_totals(true);
    let carried_out = report
        .cell_raw("requests.carried_out.natural")
        .map(|raw| raw.into_owned());
    let typed = report
        .cell_figure("requests.new.natural")
        .expect("a figure");
    report.set_cell(
        "requests.new.natural",
        (typed + crate::Figure::whole(1)).to_string(),
    );
    apply_auto_totals(&mut report);
    assert_eq!(
        report
            .cell_raw("requests.carried_out.natural")
            .map(|raw| raw.into_owned()),
        carried_out,
        "结转下年度 is never computed"
    );
    let balance: Vec<_> = validate(&report, None, Lang::Zh)
        .into_iter()
        .filter(|f| f.rule == Rule::RequestsBalance)
        .collect();
    assert_eq!(balance.len(), 2, "自然人 and 总计 columns: {balance:?}");
    assert!(
        balance[0]
            .message
            .contains("若其他数字无误，结转下年度应为"),
        "{}",
        balance[0].message
    );
    // Turning auto-totals off changes nothing that was typed.
    report.set_auto_totals(false);
    assert_eq!(
        report
            .cell_raw("requests.carried_out.natural")
            .map(|raw| raw.into_owned()),
        carried_out
    );
}

#[test]
fn opening_a_report_with_a_computed_carry_over_keeps_its_figures() {
    // A report saved while 结转下年度 was still computed: loading recomputes nothing.
    let mut report = fixture("suqian-city-2024.json");
    report.set_auto_totals(true);
    report.set_cell("requests.carried_out.natural", "999");
    let text = crate::to_json(&report);
    let loaded = crate::from_json(&text).expect("reads");
    assert_eq!(
        loaded.cell_raw("requests.carried_out.natural").as_deref(),
        Some("999")
    );
    let mut edited = loaded.clone();
    apply_auto_totals(&mut edited);
    assert_eq!(
        edited.cell_raw("requests.carried_out.natural").as_deref(),
        Some("999")
    );
}
