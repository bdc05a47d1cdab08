//! Runs the built `nianbao` binary on the fixtures of tests/fixtures and on broken input, checking the
//! contract of spec/report-file.md: output formats and exit statuses 0, 1 and 2.

mod common;

use common::{fixture, nianbao, stderr, stdout};

#[test]
fn a_clean_report_exits_0() {
    let output = nianbao(&[
        "check",
        "--previous",
        &fixture("suqian-city-2023.json"),
        &fixture("suqian-city-2024.json"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).ends_with("1 file checked: 0 errors, 0 warnings, 0 notes\n"));
}

#[test]
fn warnings_alone_exit_0_and_errors_exit_1() {
    let shuyang = nianbao(&["check", &fixture("shuyang-fgj-2023.json")]);
    assert_eq!(shuyang.status.code(), Some(0));
    assert!(stdout(&shuyang).contains("0 errors, 125 warnings"));

    let hongze = nianbao(&["check", &fixture("hongze-2023.json")]);
    assert_eq!(hongze.status.code(), Some(1));
    let text = stdout(&hongze);
    assert!(text.contains(
        "hongze-2023.json: error[appeals.total] appeals.review.total: 行政复议：结果维持 10 + 结果纠正 1 + 其他结果 0 + 尚未审结 0 = 11，总计填了 0。"
    ));
    assert!(text.ends_with("1 file checked: 2 errors, 14 warnings, 0 notes\n"));
}

#[test]
fn json_output_is_one_array_of_files_and_findings() {
    let hongze_2024 = fixture("hongze-2024.json");
    let output = nianbao(&[
        "check",
        "--format",
        "json",
        "--previous",
        &fixture("hongze-2023.json"),
        &hongze_2024,
        &fixture("suqian-city-2023.json"),
    ]);
    assert_eq!(output.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    let files = value.as_array().expect("an array");
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["file"], hongze_2024.as_str());
    let findings = files[0]["findings"].as_array().expect("findings");
    // 14 blank （六） sub-row cells and the prose's 17 applications against table 三's 95.
    assert_eq!(findings.len(), 15);
    // The prose finding is anchored at 一、本年新收, before the blank （六） cells.
    assert_eq!(findings[0]["rule"], "narrative.table_mismatch");
    assert_eq!(findings[0]["span"]["section"], "overview");
    let first = &findings[1];
    assert_eq!(first["rule"], "cell.blank");
    assert_eq!(first["severity"], "warning");
    assert_eq!(first["cells"][0], "requests.other.no_correction.natural");
    assert!(
        first.get("expected").is_none(),
        "absent, not null, when there is none"
    );
    // `--previous` applies to every file, but only to reports of the following year.
    assert_eq!(files[1]["findings"].as_array().map(Vec::len), Some(0));
}

#[test]
fn english_messages_on_request() {
    let output = nianbao(&["check", "--lang", "en", &fixture("hongze-2023.json")]);
    assert!(stdout(&output).contains(
        "行政复议: 结果维持 10 + 结果纠正 1 + 其他结果 0 + 尚未审结 0 = 11, but 总计 is 0."
    ));
}

#[test]
fn malformed_files_exit_2_naming_file_line_and_column() {
    let dir = std::env::temp_dir().join(format!("nianbao-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        "{\"format\": \"nianbao/report\", \"version\": 1, \"template\": \"gov-2021\",\n\"year\": 2023, \"figures\": {\"requests.new.total\": true}}\n",
    )
    .expect("write");
    let bad = bad.to_string_lossy().into_owned();
    let output = nianbao(&["check", &bad, &fixture("suqian-city-2023.json")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains(&format!("{bad}:2:49: figures.requests.new.total: invalid type: true, expected a number, a string or null")),
        "{}",
        stderr(&output)
    );
    // The readable file is still checked.
    assert!(stdout(&output).contains("1 file checked"));

    let newer = dir.join("newer.json");
    std::fs::write(&newer, "{\"format\": \"nianbao/report\", \"version\": 7}").expect("write");
    let output = nianbao(&["check", &newer.to_string_lossy()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("newer version"));

    let output = nianbao(&["check", &dir.join("missing.json").to_string_lossy()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("missing.json"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn usage_help_and_version() {
    let help = nianbao(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    for command in ["check", "render", "import", "sum"] {
        assert!(stdout(&help).contains(command), "{command}");
        // Every subcommand has its own help, with examples.
        let sub = nianbao(&[command, "--help"]);
        assert_eq!(sub.status.code(), Some(0));
        assert!(stdout(&sub).contains(&format!("Usage: nianbao {command}")));
        assert!(stdout(&sub).contains(&format!("Examples:\n  nianbao {command} ")));
    }
    let version = nianbao(&["--version"]);
    assert_eq!(
        stdout(&version),
        format!("nianbao {}\n", env!("CARGO_PKG_VERSION"))
    );
    let wrong = nianbao(&["check", "--format", "xml", "x.json"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(stderr(&wrong).contains("invalid value 'xml' for '--format <FORMAT>'"));
    assert!(stderr(&wrong).contains("[possible values: text, json, csv]"));
    assert_eq!(nianbao(&["check"]).status.code(), Some(2));
}

#[test]
fn typos_get_suggestions() {
    let typo = nianbao(&["chekc", &fixture("hongze-2023.json")]);
    assert_eq!(typo.status.code(), Some(2));
    assert!(stderr(&typo).contains("a similar subcommand exists: 'check'"));
    let option = nianbao(&["check", "--previus", "a.json", "b.json"]);
    assert_eq!(option.status.code(), Some(2));
    assert!(
        stderr(&option).contains("--previous"),
        "{}",
        stderr(&option)
    );
}

#[test]
fn import_writes_the_report_and_lists_what_it_did_not_recognise() {
    let dir = std::env::temp_dir().join(format!("nianbao-import-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let out = dir.join("hongze-2024.json");
    let output = nianbao(&[
        "import",
        &fixture("hongze-2024.md"),
        "-o",
        out.to_str().expect("UTF-8 path"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("未识别"),
        "the notes after the report are listed"
    );
    let written = std::fs::read_to_string(&out).expect("the report file is written");
    let report = report::from_json(&written).expect("a valid report file");
    assert_eq!(report.year, 2024);
    assert_eq!(report.cell_raw("requests.new.total").as_deref(), Some("95"));
    let missing = nianbao(&["import", &dir.join("missing.txt").to_string_lossy()]);
    assert_eq!(missing.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn wrong_arguments_exit_2_and_say_what_is_wrong() {
    let unknown = nianbao(&["check", "-x", &fixture("hongze-2023.json")]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("unexpected argument '-x' found"));
    let no_value = nianbao(&["check", "--format"]);
    assert_eq!(no_value.status.code(), Some(2));
    assert!(stderr(&no_value).contains("a value is required for '--format <FORMAT>'"));
    let two_inputs = nianbao(&["import", "a.txt", "b.txt"]);
    assert_eq!(two_inputs.status.code(), Some(2));
    assert!(stderr(&two_inputs).contains("unexpected argument 'b.txt' found"));
    // After `--`, a name starting with a dash is a file, not an option.
    let dashed = nianbao(&["check", "--format=json", "--", "-missing.json"]);
    assert_eq!(dashed.status.code(), Some(2));
    assert!(stderr(&dashed).contains("-missing.json"));
}

#[test]
fn acknowledged_findings_are_counted_apart_unless_asked_for() {
    let text = std::fs::read_to_string(fixture("hongze-2023.json")).expect("fixture");
    let mut report = report::from_json(&text).expect("report");
    let blank = report::validate(&report, None, report::Lang::Zh)
        .into_iter()
        .find(|f| f.rule == report::Rule::CellBlank)
        .expect("a blank cell");
    report::acknowledge(&mut report, &blank, "本单位无此类申请人").expect("a warning");
    let dir = std::env::temp_dir().join(format!("nianbao-ack-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("acknowledged.json");
    std::fs::write(&file, report::to_json(&report)).expect("written");
    let path = file.display().to_string();

    let plain = stdout(&nianbao(&["check", &path]));
    assert!(plain.ends_with(
        "1 file checked: 2 errors, 13 warnings, 0 notes (1 acknowledged, not shown: --show-acknowledged lists them)\n"
    ), "{plain}");
    let shown = stdout(&nianbao(&["check", "--show-acknowledged", &path]));
    assert!(
        shown.contains("(已核实 acknowledged: 本单位无此类申请人)"),
        "{shown}"
    );
    assert!(
        shown.ends_with("1 file checked: 2 errors, 14 warnings, 0 notes\n"),
        "{shown}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
