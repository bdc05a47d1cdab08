//! `nianbao check --summary` and `nianbao sum` (汇总) on a folder as a county office gets it:
//! departments' reports with a malformed file, one of another year, a legacy report and the
//! same agency twice among them.

mod common;

use std::path::{Path, PathBuf};

use common::{fixture, nianbao, stderr, stdout};

/// An empty temporary folder of this test process.
fn fresh_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// A fresh folder holding the collection: two good 2024 reports, a copy of one under another
/// file name, last year's 洪泽 report, a legacy report, a malformed file and a JSON file that
/// is not a report.
fn collection(name: &str) -> PathBuf {
    let dir = fresh_dir(name);
    std::fs::create_dir_all(dir.join("dept")).expect("temp dir");
    let copy = |from: &str, to: &str| {
        std::fs::copy(fixture(from), dir.join(to)).expect("copied");
    };
    copy("suqian-city-2024.json", "a-suqian.json");
    copy("hongze-2024.json", "b-hongze.json");
    copy("suqian-city-2024.json", "dept/c-suqian-again.json");
    copy("hongze-2023.json", "d-hongze-2023.json");
    let legacy = report::Report::new("某县档案局", 2015);
    std::fs::write(dir.join("e-legacy.json"), report::to_json(&legacy)).expect("written");
    std::fs::write(
        dir.join("f-bad.json"),
        "{\"format\": \"nianbao/report\", \"version\": 1, \"template\": \"gov-2021\",\n\"year\": 2024, \"figures\": {\"requests.new.total\": true}}\n",
    )
    .expect("written");
    std::fs::write(dir.join("settings.json"), "{\"theme\": \"dark\"}").expect("written");
    dir
}

fn path(dir: &Path, name: &str) -> String {
    dir.join(name).to_string_lossy().into_owned()
}

#[test]
fn the_summary_lists_every_report_and_what_is_wrong_across_them() {
    let dir = collection("summary");
    let folder = dir.to_string_lossy().into_owned();
    let output = nianbao(&["check", "--summary", &folder]);
    // The malformed file makes it 2, as `check` without --summary.
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let (text, errors) = (stdout(&output), stderr(&output));
    let bad = path(&dir, "f-bad.json");
    assert!(
        errors.contains(&format!("{bad}:2:49: figures.requests.new.total")),
        "{errors}"
    );
    assert!(errors.contains("settings.json: skipped, not a Nianbao report file"));
    // One row per report read, the rest still summarised.
    for (file, row) in [
        (
            "a-suqian.json",
            "宿迁市人民政府        2024  gov-2021     0     0     0",
        ),
        (
            "b-hongze.json",
            "淮安市洪泽区人民政府  2024  gov-2021     0     1    14",
        ),
        (
            "d-hongze-2023.json",
            "淮安市洪泽区人民政府  2023  gov-2021     2     0    14",
        ),
        (
            "e-legacy.json",
            "某县档案局            2015  legacy       0",
        ),
    ] {
        let line = text
            .lines()
            .find(|line| line.starts_with(&path(&dir, file)))
            .unwrap_or_else(|| panic!("{file} in {text}"));
        assert!(line.contains(row), "{line}");
    }
    // Only the first problems of a report are quoted, errors first.
    assert!(text.contains("    · 行政复议：结果维持 10 + 结果纠正 1"));
    assert!(!text.contains("requests.new.total\": true"));
    assert!(
        text.contains(&format!("无法读取的文件：\n  {bad}:2:49:")),
        "{text}"
    );
    assert!(text.contains(&format!(
        "warning[collection.duplicate_agency] 「宿迁市人民政府」的 2024 年度报告有 2 份（{}、{}）",
        path(&dir, "a-suqian.json"),
        path(&dir, "dept/c-suqian-again.json")
    )));
    assert!(text.contains(&format!(
        "warning[collection.other_year] {}（淮安市洪泽区人民政府）是 2023 年度报告，本次汇总的是 2024 年度。",
        path(&dir, "d-hongze-2023.json")
    )));
    assert!(text.contains(&format!(
        "warning[collection.other_year] {}（某县档案局）是 2015 年度报告",
        path(&dir, "e-legacy.json")
    )));
    assert!(text.ends_with(
        "共 5 份报告（2024 年度）：错误 2 个，警告 1 个，待填 28 格；1 个文件无法读取；汇总检查 3 条。\n"
    ), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_summary_as_csv_and_json_and_its_exit_status() {
    let dir = collection("summary-formats");
    let folder = dir.to_string_lossy().into_owned();
    let csv = nianbao(&["check", "--summary", "--format", "csv", &folder]);
    assert_eq!(csv.status.code(), Some(2));
    let text = stdout(&csv);
    assert!(text.starts_with("\u{FEFF}各单位报告\r\n文件,机关,年度,格式,错误,警告,待填,已核实,"));
    assert!(text.contains("\r\n无法读取的文件\r\n"));
    assert!(text.contains("\r\n汇总检查\r\n检查,文件,机关,说明\r\ncollection.duplicate_agency,"));

    let json = nianbao(&[
        "check",
        "--summary",
        "--format",
        "json",
        "--lang",
        "en",
        &folder,
    ]);
    let value: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("JSON");
    assert_eq!(value["year"], 2024);
    assert_eq!(value["reports"].as_array().map(Vec::len), Some(5));
    assert_eq!(value["unreadable"][0]["file"], path(&dir, "f-bad.json"));
    assert_eq!(value["findings"][0]["rule"], "collection.duplicate_agency");
    assert!(
        value["findings"][1]["message"]
            .as_str()
            .is_some_and(|m| m.contains("is a report for 2023"))
    );

    // Without the malformed file: 1, for 洪泽 2023's errors; with only clean reports, 0.
    std::fs::remove_file(dir.join("f-bad.json")).expect("removed");
    let output = nianbao(&["check", "--summary", &folder]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let clean = nianbao(&[
        "check",
        "--summary",
        &fixture("suqian-city-2024.json"),
        &fixture("hongze-2024.json"),
    ]);
    assert_eq!(clean.status.code(), Some(0));
    assert!(
        stdout(&clean).ends_with("共 2 份报告（2024 年度）：错误 0 个，警告 1 个，待填 14 格。\n")
    );
    // CSV is the summary's format only.
    let wrong = nianbao(&["check", "--format", "csv", &fixture("hongze-2024.json")]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(stderr(&wrong).contains("add --summary"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn last_years_reports_name_a_department_that_copied_its_figures() {
    let dir = fresh_dir("last-year");
    // 宿迁's 2023 report, its figures replaced by 2024's: what a copied report looks like.
    let text = std::fs::read_to_string(fixture("suqian-city-2023.json")).expect("fixture");
    let mut stale = report::from_json(&text).expect("report");
    let text = std::fs::read_to_string(fixture("suqian-city-2024.json")).expect("fixture");
    stale.figures = report::from_json(&text).expect("report").figures;
    let stale_path = path(&dir, "suqian-2023.json");
    std::fs::write(&stale_path, report::to_json(&stale)).expect("written");
    let this_year = fixture("suqian-city-2024.json");
    let output = nianbao(&["check", "--summary", "--last-year", &stale_path, &this_year]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains(&format!(
        "warning[collection.same_as_last_year] 「宿迁市人民政府」（{this_year}）的表格数字与其 2023 年度报告（{stale_path}）完全相同"
    )));
    // The real 2023 report is not a copy.
    let real = nianbao(&[
        "check",
        "--summary",
        "--last-year",
        &fixture("suqian-city-2023.json"),
        &this_year,
    ]);
    assert!(!stdout(&real).contains("same_as_last_year"));
    assert_eq!(real.status.code(), Some(0));
    assert!(
        stdout(&real).contains("警告 0 个"),
        "宿迁 2024 carries 2023 over exactly: {}",
        stdout(&real)
    );
    // Each department is checked against its own last year's report: a 结转下年度 that does
    // not match this year's 上年结转 is found by the carry-over rule, which needs last year.
    let text = std::fs::read_to_string(fixture("suqian-city-2023.json")).expect("fixture");
    let mut other_carry = report::from_json(&text).expect("report");
    other_carry.figures.insert(
        "requests.carried_out.natural".to_string(),
        report::CellValue::whole(117),
    );
    let other_path = path(&dir, "suqian-2023-other.json");
    std::fs::write(&other_path, report::to_json(&other_carry)).expect("written");
    let alone = nianbao(&["check", "--summary", &this_year]);
    assert!(!stdout(&alone).contains("结转"), "{}", stdout(&alone));
    let compared = nianbao(&["check", "--summary", "--last-year", &other_path, &this_year]);
    assert!(
        stdout(&compared).contains("上年结转") && stdout(&compared).contains("警告 1 个"),
        "the carry-over is checked: {}",
        stdout(&compared)
    );
    // --last-year belongs to the summary.
    let alone = nianbao(&["check", "--last-year", &stale_path, &this_year]);
    assert_eq!(alone.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sum_writes_the_summed_report_and_says_what_it_left_out() {
    let dir = collection("sum");
    let folder = dir.to_string_lossy().into_owned();
    let out = path(&dir, "total.json");
    let output = nianbao(&["sum", &folder, "--agency", "某市人民政府", "-o", &out]);
    // Sources were left out: 1, and the sum is written all the same.
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let errors = stderr(&output);
    for said in [
        format!(
            "{}:2:49: figures.requests.new.total",
            path(&dir, "f-bad.json")
        ),
        format!(
            "{}（宿迁市人民政府）：该机关本年度的报告已从 {} 计入，重复的一份未计入汇总。",
            path(&dir, "dept/c-suqian-again.json"),
            path(&dir, "a-suqian.json")
        ),
        format!(
            "{}（淮安市洪泽区人民政府）：是 2023 年度报告，本次汇总的是 2024 年度，未计入汇总。",
            path(&dir, "d-hongze-2023.json")
        ),
        format!(
            "{}（某县档案局）：2007 年条例时期的自由格式没有统计表，未计入汇总。",
            path(&dir, "e-legacy.json")
        ),
        format!(
            "  汇总来源 {}（淮安市洪泽区人民政府）的「（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 · 自然人」未填写，合计未计入该单位此格。",
            path(&dir, "b-hongze.json")
        ),
        "nianbao: 已汇总 2 份 2024 年度报告（gov-2021 格式）；未计入 4 份；空缺 14 格。"
            .to_string(),
    ] {
        assert!(errors.contains(&said), "{said}\nnot in\n{errors}");
    }
    let written = std::fs::read_to_string(&out).expect("the sum is written");
    let total = report::from_json(&written).expect("a report file");
    assert_eq!(total.agency, "某市人民政府");
    assert_eq!(
        total.cell_raw("active.fees.amount_wan").as_deref(),
        Some("80246.2578")
    );
    assert_eq!(
        total.cell_raw("requests.new.total").as_deref(),
        Some("3620")
    );
    assert_eq!(report::contributors(&total).len(), 2);
    // Checking the sum names each gap of its sources.
    let check = nianbao(&["check", &out]);
    assert_eq!(check.status.code(), Some(0));
    assert_eq!(
        stdout(&check).matches("warning[sum.source_gap]").count(),
        14
    );

    // Summing the folder again does not count the last sum in it.
    std::fs::remove_file(dir.join("f-bad.json")).expect("removed");
    let again = nianbao(&["sum", &folder, "-o", &out]);
    assert!(
        stderr(&again).contains("total.json: skipped, it is this sum's output"),
        "{}",
        stderr(&again)
    );
    let total = report::from_json(&std::fs::read_to_string(&out).expect("written")).expect("ok");
    assert_eq!(
        total.cell_raw("requests.new.total").as_deref(),
        Some("3620")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sum_exits_0_when_clean_1_for_a_source_with_errors_and_2_with_nothing_to_sum() {
    let dir = fresh_dir("sum-exit");
    let out = path(&dir, "total.json");
    let clean = nianbao(&[
        "sum",
        &fixture("suqian-city-2024.json"),
        &fixture("hongze-2024.json"),
        "-o",
        &out,
    ]);
    assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));
    // To standard output without -o.
    let piped = nianbao(&["sum", &fixture("suqian-city-2024.json")]);
    assert_eq!(piped.status.code(), Some(0));
    assert!(report::from_json(&stdout(&piped)).is_ok());
    // 洪泽 2023 has two errors: summed, said, and exit 1.
    let with_errors = nianbao(&[
        "sum",
        "--lang",
        "en",
        &fixture("hongze-2023.json"),
        "-o",
        &out,
    ]);
    assert_eq!(with_errors.status.code(), Some(1));
    assert!(stderr(&with_errors).contains("hongze-2023.json: 2 errors, summed all the same"));
    // Nothing summable: no file written, exit 2.
    let legacy = path(&dir, "legacy.json");
    std::fs::write(&legacy, report::to_json(&report::Report::new("某局", 2012))).expect("ok");
    let nothing_out = path(&dir, "nothing.json");
    let nothing = nianbao(&["sum", &legacy, "-o", &nothing_out]);
    assert_eq!(nothing.status.code(), Some(2));
    assert!(stderr(&nothing).contains("没有可以汇总的报告"));
    assert!(!Path::new(&nothing_out).exists());
    let missing = nianbao(&["sum", &path(&dir, "missing.json"), "-o", &nothing_out]);
    assert_eq!(missing.status.code(), Some(2));
    // An output that cannot be written: 2.
    let unwritable = nianbao(&[
        "sum",
        &fixture("suqian-city-2024.json"),
        "-o",
        &path(&dir, "no/such/folder/total.json"),
    ]);
    assert_eq!(unwritable.status.code(), Some(2));
    assert!(stderr(&unwritable).contains("cannot write the output"));
    let _ = std::fs::remove_dir_all(&dir);
}
