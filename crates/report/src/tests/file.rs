//! Tests of the report file: lossless round trips, errors with line and column, the
//! synthetic version 0 migration and the refusal of newer versions.

use super::{fixture, fixtures_dir};
use crate::{CellValue, LoadError, Report, from_json, to_json};

#[test]
fn every_fixture_round_trips_losslessly() {
    for name in [
        "hongze-2023.json",
        "shuyang-fgj-2023.json",
        "suqian-city-2024.json",
    ] {
        let report = fixture(name);
        let text = to_json(&report);
        assert_eq!(from_json(&text).as_ref(), Ok(&report), "{name}");
        // Writing is stable: the same report gives the same text.
        assert_eq!(
            to_json(&from_json(&text).expect("reads back")),
            text,
            "{name}"
        );
    }
}

#[test]
fn figures_keep_numbers_as_numbers_and_strings_as_typed() {
    let report = fixture("suqian-city-2024.json");
    assert!(matches!(
        report.figures.get("requests.new.natural"),
        Some(CellValue::Number(_))
    ));
    assert_eq!(
        report.figures.get("active.fees.amount_wan"),
        Some(&CellValue::Text("72701.2578".to_string()))
    );
    let text = to_json(&report);
    assert!(text.contains("\"active.fees.amount_wan\": \"72701.2578\""));
}

#[test]
fn unknown_top_level_keys_survive_and_key_order_is_stable() {
    // hongze carries a `title` this version does not know.
    let report = fixture("hongze-2023.json");
    assert!(report.extra.contains_key("title"));
    let text = to_json(&report);
    let position = |needle: &str| text.find(needle).unwrap_or(usize::MAX);
    let order = [
        "\"format\"",
        "\"version\"",
        "\"template\"",
        "\"agency\"",
        "\"year\"",
        "\"sections\"",
        "\"figures\"",
        "\"title\"",
    ];
    let positions: Vec<usize> = order.iter().map(|key| position(key)).collect();
    assert!(
        positions.windows(2).all(|pair| pair[0] < pair[1]),
        "{positions:?}"
    );
    // Figures are written in template order: table 二 before table 三 before table 四.
    assert!(position("active.regulations.issued") < position("requests.new.natural"));
    assert!(position("requests.carried_out.total") < position("appeals.review.upheld"));
}

#[test]
fn errors_name_line_column_and_field() {
    let text = "{\n  \"format\": \"nianbao/report\",\n  \"version\": 1,\n  \"template\": \"gov-2021\",\n  \"year\": 2023,\n  \"figures\": {\n    \"requests.new.total\": [1]\n  }\n}";
    let error = from_json(text).expect_err("an array is not a figure");
    assert_eq!(
        error.to_string(),
        "line 7, column 27: figures.requests.new.total: invalid type: [1], expected a number, a string or null"
    );
    let error = from_json("{\"format\": \"nianbao/report\", \"version\": 1, \"template\": \"gov-2030\", \"year\": 2030}")
        .expect_err("no such template");
    assert!(
        matches!(&error, LoadError::Invalid { path, position: Some((1, _)), .. } if path == "template"),
        "{error:?}"
    );
    let error = from_json("{\"format\": \"nianbao/report\",").expect_err("truncated");
    assert!(matches!(
        error,
        LoadError::Invalid {
            position: Some((1, _)),
            ..
        }
    ));
    assert!(matches!(
        from_json("[1, 2]"),
        Err(LoadError::NotAReport { found: None })
    ));
    assert!(matches!(from_json("3"), Err(LoadError::Invalid { .. })));
    assert_eq!(
        from_json("{\"format\": \"other\", \"version\": 1}"),
        Err(LoadError::NotAReport {
            found: Some("other".to_string())
        })
    );
    assert_eq!(from_json("{}"), Err(LoadError::NotAReport { found: None }));
}

#[test]
fn newer_versions_are_refused_clearly() {
    let error = from_json("{\"format\": \"nianbao/report\", \"version\": 2, \"whatever\": []}")
        .expect_err("version 2 is from the future");
    assert_eq!(error, LoadError::NewerVersion { version: 2 });
    assert!(error.to_string().contains("newer version"));
}

#[test]
fn version_0_is_migrated() {
    // Version 0 is synthetic (see `file::migrate_v0`): figures nested per table.
    let text = r#"{
        "format": "nianbao/report", "version": 0, "template": "gov-2021",
        "agency": "测试机关", "year": 2023, "notes": "kept",
        "tables": {"requests": {"new.natural": 3, "new.total": "3"}, "appeals": {"review.total": null}}
    }"#;
    let report = from_json(text).expect("version 0 migrates");
    assert_eq!(report.version, 1);
    assert_eq!(
        report.cell_raw("requests.new.natural").as_deref(),
        Some("3")
    );
    assert_eq!(report.cell_raw("requests.new.total").as_deref(), Some("3"));
    assert_eq!(
        report.figures.get("appeals.review.total"),
        Some(&CellValue::Null)
    );
    // What the cell shows for editing: the text typed, and nothing for a blank cell.
    assert_eq!(report.cell_text("requests.new.total"), "3");
    assert_eq!(report.cell_text("appeals.review.total"), "");
    assert!(report.extra.contains_key("notes") && !report.extra.contains_key("tables"));
    let bad = from_json(r#"{"format": "nianbao/report", "version": 0, "tables": {"requests": 3}}"#);
    assert!(matches!(bad, Err(LoadError::Invalid { path, .. }) if path == "tables.requests"));
}

#[test]
fn version_0_with_a_flat_figures_map_keeps_every_figure_as_written() {
    // The flat map must never be replaced by the empty map of a file without `tables`, and
    // no figure goes through a binary float on the way (1.50 stays 1.50).
    let text = r#"{
        "format": "nianbao/report", "version": 0, "template": "gov-2021",
        "agency": "测试机关", "year": 2023,
        "figures": {"requests.new.natural": 3, "active.fees.amount_wan": 1.50,
                    "requests.new.total": 12345678901234567890}
    }"#;
    let report = from_json(text).expect("version 0 migrates");
    assert_eq!(
        report.cell_raw("requests.new.natural").as_deref(),
        Some("3")
    );
    assert_eq!(
        report.cell_raw("active.fees.amount_wan").as_deref(),
        Some("1.50")
    );
    assert_eq!(
        report.cell_raw("requests.new.total").as_deref(),
        Some("12345678901234567890")
    );
    // Both layouts at once: the nested figures join the flat ones.
    let both = from_json(
        r#"{"format": "nianbao/report", "version": 0, "template": "gov-2021", "agency": "a",
            "year": 2023, "figures": {"requests.new.natural": 3},
            "tables": {"appeals": {"review.total": 2}}}"#,
    )
    .expect("migrates");
    assert_eq!(both.cell_raw("requests.new.natural").as_deref(), Some("3"));
    assert_eq!(both.cell_raw("appeals.review.total").as_deref(), Some("2"));
    // A figures value that is not a map is refused (the stored entry is then set aside
    // intact), never loaded empty.
    let bad = from_json(r#"{"format": "nianbao/report", "version": 0, "figures": [1, 2]}"#);
    assert!(matches!(bad, Err(LoadError::Invalid { path, .. }) if path == "figures"));
}

#[test]
fn the_editing_api_sets_and_clears_cells_and_sections() {
    let mut report = Report::new("某县人民政府办公室", 2024);
    assert_eq!(report.template().id.as_str(), "gov-2021");
    report.set_cell("requests.new.natural", "１，２３４");
    assert_eq!(
        report.cell_raw("requests.new.natural").as_deref(),
        Some("１，２３４")
    );
    assert_eq!(
        report
            .cell_figure("requests.new.natural")
            .map(|f| f.to_string()),
        Ok("1234".to_string())
    );
    report.set_cell("requests.new.natural", "\u{3000}");
    assert!(report.cell_raw("requests.new.natural").is_none());
    assert!(report.figures.is_empty());

    report.set_section_text("problems", "一是……");
    assert_eq!(report.section_text("problems"), Some("一是……"));
    let problems = &report.sections[5];
    assert_eq!(
        report.section_heading(problems),
        "五、存在的主要问题及改进情况"
    );
    let mut sparse = from_json(
        &std::fs::read_to_string(fixtures_dir().join("suqian-city-2024.json")).expect("fixture"),
    )
    .expect("parses");
    sparse.set_section_text("preamble", "根据……");
    assert_eq!(sparse.sections[0].id, "preamble");
    sparse.set_section_text("appeals", "本年度……");
    let ids: Vec<&str> = sparse.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        ["preamble", "overview", "appeals", "problems", "other"]
    );
}

/// A report file whose figures are JSON numbers written in ways a binary float would change.
fn exact_numbers_file() -> String {
    r#"{
  "format": "nianbao/report",
  "version": 1,
  "template": "gov-2021",
  "agency": "测试机关",
  "year": 2024,
  "figures": {
    "active.fees.amount_wan": 1234567890123.4567,
    "requests.new.natural": 1e400,
    "requests.new.total": 3.10,
    "requests.carried_in.total": 1.5e3,
    "requests.new.legal_other": -0
  }
}
"#
    .to_string()
}

#[test]
fn json_numbers_are_kept_exactly_as_written() {
    let text = exact_numbers_file();
    let report = from_json(&text).expect("1e400 is a cell's problem, not the file's");
    let number = |key: &str| match report.figures.get(key) {
        Some(CellValue::Number(number)) => number.as_str(),
        other => panic!("{key}: {other:?}"),
    };
    assert_eq!(number("active.fees.amount_wan"), "1234567890123.4567");
    assert_eq!(number("requests.new.natural"), "1e400");
    assert_eq!(number("requests.new.total"), "3.10");
    // Written back digit for digit.
    let written = to_json(&report);
    for literal in ["1234567890123.4567", "1e400", "3.10", "1.5e3", "-0"] {
        assert!(
            written.contains(&format!(": {literal}")),
            "{literal} in\n{written}"
        );
    }
    assert_eq!(from_json(&written), Ok(report.clone()));
    // Read as exact decimals: the amount keeps its four places, the exponent is expanded.
    assert_eq!(
        report
            .cell_figure("active.fees.amount_wan")
            .map(|figure| figure.to_string()),
        Ok("1234567890123.4567".to_string())
    );
    assert_eq!(
        report
            .cell_figure("requests.carried_in.total")
            .map(|figure| figure.to_string()),
        Ok("1500".to_string())
    );
}

#[test]
fn a_number_out_of_any_range_is_an_invalid_cell_not_an_unreadable_file() {
    let report = from_json(&exact_numbers_file()).expect("readable");
    let findings = crate::validate(&report, None, crate::Lang::Zh);
    let invalid: Vec<_> = findings
        .iter()
        .filter(|finding| finding.rule == crate::Rule::CellInvalid)
        .flat_map(|finding| finding.cells.iter().map(String::as_str))
        .collect();
    assert_eq!(invalid, ["requests.new.natural"]);
    // 3.10 applications is read exactly, so it is a fraction of a count, not 3.1 or 3.
    let fraction: Vec<_> = findings
        .iter()
        .filter(|finding| finding.rule == crate::Rule::CellFraction)
        .flat_map(|finding| finding.cells.iter().map(String::as_str))
        .collect();
    assert_eq!(fraction, ["requests.new.total"]);
}

#[test]
fn storage_and_backups_keep_json_numbers_exactly() {
    let report = from_json(&exact_numbers_file()).expect("readable");
    let stored = crate::encode_stored(&report, 7, 1.0);
    assert!(stored.contains("1234567890123.4567") && stored.contains("1e400"));
    match crate::decode_stored(&stored) {
        crate::Stored::Report {
            report: read,
            revision,
            ..
        } => {
            assert_eq!(read, report);
            assert_eq!(revision, 7);
        }
        other => panic!("{other:?}"),
    }
    let json = crate::ReportJson::from_report(&report);
    assert_eq!(json.report(), Ok(report.clone()));
    let backup = crate::Backup::new(
        vec![crate::BackupItem {
            id: "r1".into(),
            revision: 7,
            saved_at: 1.0,
            previous: None,
            deleted: false,
            report: json,
        }],
        2.0,
    );
    let text = backup.to_json();
    assert!(text.contains("1234567890123.4567") && text.contains("1e400"));
    let back = crate::Backup::from_json(&text).expect("the backup reads back");
    assert_eq!(back.reports[0].report.report(), Ok(report.clone()));
    let restored = crate::encode_stored_json(&back.reports[0].report, 7, 1.0);
    assert!(
        matches!(crate::decode_stored(&restored), crate::Stored::Report { report: r, .. } if r == report)
    );
}

#[test]
fn exponent_numbers_are_read_exactly_when_they_fit() {
    let read = |text: &str| {
        CellValue::Number(text.into())
            .figure(crate::CellKind::Amount)
            .map(|figure| figure.to_string())
    };
    assert_eq!(read("1E2"), Ok("100".to_string()));
    assert_eq!(read("25e-2"), Ok("0.25".to_string()));
    assert_eq!(read("7.25e+1"), Ok("72.5".to_string()));
    assert_eq!(read("2e-3"), Ok("0.002".to_string()));
    assert!(read("1e400").is_err());
    assert!(read("1e-400").is_err());
    assert!(read("-1.5e1").is_err(), "an amount is never negative");
}
