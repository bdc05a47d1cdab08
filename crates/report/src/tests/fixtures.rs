//! Every shared fixture: validating `NAME.json` (with last year's report when the expected
//! file names one) gives exactly the expected (rule, anchor) multiset, prose rules included,
//! with `doubtful` findings allowed either way. The expected files anchor `narrative.*`
//! findings to no cell (they point into the text), so those compare by rule alone.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{fixture, fixtures_dir};
use crate::{Lang, validate};

type Counts = BTreeMap<(String, String), i64>;

fn expected_counts(list: Option<&Value>) -> Counts {
    let mut counts = Counts::new();
    for item in list.and_then(Value::as_array).into_iter().flatten() {
        let rule = item["rule"].as_str().unwrap_or_default().to_string();
        let anchor = if rule.starts_with("narrative.") {
            String::new()
        } else {
            item["anchor"].as_str().unwrap_or_default().to_string()
        };
        *counts.entry((rule, anchor)).or_default() += 1;
    }
    counts
}

#[test]
fn every_fixture_gives_the_expected_findings() {
    let mut checked = 0;
    let mut entries: Vec<_> = std::fs::read_dir(fixtures_dir())
        .expect("the shared fixtures folder is readable")
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".expected.json"))
        .collect();
    entries.sort();
    let mut failures = Vec::new();
    for expected_name in entries {
        let name = expected_name.replace(".expected.json", ".json");
        let expected_text = std::fs::read_to_string(fixtures_dir().join(&expected_name))
            .expect("expected file is readable");
        let expected: Value = serde_json::from_str(&expected_text).expect("expected file is JSON");
        let report = fixture(&name);
        let previous = expected["previous"].as_str().map(fixture);
        let findings = validate(&report, previous.as_ref(), Lang::Zh);

        let mut actual = Counts::new();
        for finding in &findings {
            let rule = finding.rule.id().to_string();
            let anchor = if rule.starts_with("narrative.") {
                ""
            } else {
                finding.anchor().unwrap_or("")
            };
            let key = (rule, anchor.to_string());
            *actual.entry(key).or_default() += 1;
        }
        let wanted = expected_counts(expected.get("findings"));
        let doubtful = expected_counts(expected.get("doubtful"));
        for (key, &count) in &wanted {
            let have = actual.get(key).copied().unwrap_or(0);
            let allowed = doubtful.get(key).copied().unwrap_or(0);
            if have < count || have > count + allowed {
                failures.push(format!("{name}: {key:?} expected {count}, got {have}"));
            }
        }
        for (key, &have) in &actual {
            if !wanted.contains_key(key) && have > doubtful.get(key).copied().unwrap_or(0) {
                failures.push(format!("{name}: unexpected {key:?} ×{have}"));
            }
        }
        checked += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 5, "only {checked} fixtures found");
}

#[test]
fn hongze_2023_reports_the_appeal_totals_with_their_figures() {
    let report = fixture("hongze-2023.json");
    let findings = validate(&report, None, Lang::Zh);
    let review = findings
        .iter()
        .find(|finding| finding.anchor() == Some("appeals.review.total"))
        .expect("the 行政复议 total is wrong in the published report");
    assert_eq!(
        review.message,
        "行政复议：结果维持 10 + 结果纠正 1 + 其他结果 0 + 尚未审结 0 = 11，总计填了 0。"
    );
    assert_eq!(review.expected.as_deref(), Some("11"));
    assert_eq!(review.actual.as_deref(), Some("0"));
    assert_eq!(
        review.cells,
        [
            "appeals.review.total",
            "appeals.review.upheld",
            "appeals.review.corrected",
            "appeals.review.other",
            "appeals.review.pending"
        ]
    );
}

#[test]
fn shuyang_blank_cells_suppress_the_arithmetic_rules() {
    let report = fixture("shuyang-fgj-2023.json");
    let findings = validate(&report, None, Lang::Zh);
    assert_eq!(findings.len(), 125);
    assert!(
        findings
            .iter()
            .all(|finding| finding.rule.id() == "cell.blank")
    );
}
