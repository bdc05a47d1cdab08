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
    // 23 row totals (（七） and 四 come from their columns), （七） and 四 per column, 表四.
    assert_eq!(computed.len(), 23 + 7 + 7 + 3);
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
fn blank_parts_give_blank_totals_and_carry_over_can_go_negative() {
    // hongze has no （六）1/2 rows: （七） cannot be computed, nor 四 from it.
    let mut report = fixture("hongze-2023.json");
    apply_auto_totals(&mut report);
    assert!(report.cell_raw("requests.handled_total.natural").is_none());
    assert!(report.cell_raw("requests.carried_out.natural").is_none());

    let mut report = fixture("suqian-city-2024.json");
    report.set_cell("requests.new.natural", "0");
    report.set_cell("requests.carried_in.natural", "0");
    apply_auto_totals(&mut report);
    let handled = report
        .cell_raw("requests.handled_total.natural")
        .map(|raw| raw.into_owned());
    assert_eq!(handled.as_deref(), Some("3440"));
    assert_eq!(
        report.cell_raw("requests.carried_out.natural").as_deref(),
        Some("-3440")
    );
    let negative: Vec<_> = validate(&report, None, Lang::Zh)
        .into_iter()
        .filter(|f| f.rule == Rule::CellNegative)
        .collect();
    assert_eq!(
        negative
            .iter()
            .map(|f| f.cells[0].as_str())
            .collect::<Vec<_>>(),
        ["requests.carried_out.natural", "requests.carried_out.total"]
    );
}
