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
        "line 7, column 27: figures.requests.new.total: invalid type: sequence, expected a number or a string"
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
    assert!(report.extra.contains_key("notes") && !report.extra.contains_key("tables"));
    let bad = from_json(r#"{"format": "nianbao/report", "version": 0, "tables": {"requests": 3}}"#);
    assert!(matches!(bad, Err(LoadError::Invalid { path, .. }) if path == "tables.requests"));
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
