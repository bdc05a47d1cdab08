//! Benchmarks of the report core on a real, full gov-2021 report (宿迁市 2024): validation
//! (the app re-runs it on every keystroke, so it must stay well under 100 µs), reading and
//! writing the file. The prose rules are the costly part of validation, so `validate` also
//! runs on a copy of the report whose prose sections are emptied: the difference between
//! the two is the cost of the `narrative.*` rules (and, with last year's report, of the
//! similarity of each section with last year's).
//! The editor's `Checker` is timed after one edit of a cell and of the prose.
//! The 汇总 of 1,000 departments' reports (summary and sum) is timed too.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

const REPORT: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/suqian-city-2024.json"
));
const PREVIOUS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/suqian-city-2023.json"
));

/// The checker after one edit: a checker that has read `report` once, then `edit` applied
/// (made and undone on alternate runs, `true` then `false`) and the report checked again.
fn bench_edit(
    c: &mut Criterion,
    name: &str,
    report: &report::Report,
    previous: &report::Report,
    mut edit: impl FnMut(&mut report::Report, bool),
) {
    c.bench_function(name, |b| {
        let mut edited = report.clone();
        let mut checker = report::Checker::new();
        checker.check(&edited, Some(previous), report::Lang::Zh);
        let mut toggle = false;
        b.iter(|| {
            toggle = !toggle;
            edit(&mut edited, toggle);
            checker.check(black_box(&edited), Some(previous), report::Lang::Zh)
        })
    });
}

fn core(c: &mut Criterion) {
    let report = report::from_json(REPORT).expect("the fixture is a valid report");
    let previous = report::from_json(PREVIOUS).expect("the fixture is a valid report");
    c.bench_function("validate", |b| {
        b.iter(|| report::validate(black_box(&report), None, report::Lang::Zh))
    });
    c.bench_function("validate_with_previous", |b| {
        b.iter(|| report::validate(black_box(&report), Some(&previous), report::Lang::Zh))
    });
    // The editor's checker after one edit, with last year's report linked: a keystroke in a
    // cell of table 三 (3440 ↔ 3441 自然人 新收, so the row total and balance rules change
    // their verdict every other time), and one in the prose (the checker reads the edited
    // section again, whole).
    bench_edit(
        c,
        "validate_after_cell_edit",
        &report,
        &previous,
        |edited, toggle| {
            edited.set_cell("requests.new.natural", if toggle { "3441" } else { "3440" });
        },
    );
    // Typing a character in the middle of a section, then deleting it: in 一 (the longest,
    // about 3,400 characters) and in 五 (about 400).
    // The byte offset is found once: walking 1,000 characters to it on every run was a
    // tenth of what this measured.
    for (name, id, at) in [
        ("validate_after_prose_edit", "overview", 1_000),
        ("validate_after_prose_edit_short_section", "problems", 200),
    ] {
        let at = report
            .sections
            .iter()
            .find(|s| s.id == id)
            .and_then(|section| section.text.char_indices().nth(at))
            .map_or(0, |(at, _)| at);
        bench_edit(c, name, &report, &previous, |edited, toggle| {
            if let Some(section) = edited.sections.iter_mut().find(|s| s.id == id) {
                if toggle {
                    section.text.insert(at, '共');
                } else {
                    section.text.remove(at);
                }
            }
        });
    }
    let mut tables_only = report.clone();
    for section in &mut tables_only.sections {
        section.text.clear();
    }
    c.bench_function("validate_tables_only", |b| {
        b.iter(|| report::validate(black_box(&tables_only), None, report::Lang::Zh))
    });
    c.bench_function("validate_tables_only_with_previous", |b| {
        b.iter(|| report::validate(black_box(&tables_only), Some(&previous), report::Lang::Zh))
    });
    c.bench_function("from_json", |b| {
        b.iter(|| report::from_json(black_box(REPORT)))
    });
    c.bench_function("to_json", |b| {
        b.iter(|| report::to_json(black_box(&report)))
    });
    c.bench_function("apply_auto_totals", |b| {
        b.iter(|| {
            let mut copy = report.clone();
            report::apply_auto_totals(black_box(&mut copy))
        })
    });
    // What a keystroke into a cell of a report with auto-totals on costs (the copy is made
    // outside the timing), and the copy of the report the first key of an undo step makes.
    c.bench_function("apply_auto_totals_in_place", |b| {
        b.iter_batched_ref(
            || report.clone(),
            |copy| report::apply_auto_totals(black_box(copy)),
            criterion::BatchSize::SmallInput,
        )
    });
    c.bench_function("clone_report", |b| b.iter(|| black_box(&report).clone()));
    // A digit joining a cell's typing: only the totals that cell feeds are brought up to date.
    c.bench_function("apply_auto_totals_after_one_cell", |b| {
        b.iter_batched_ref(
            || {
                let mut copy = report.clone();
                report::apply_auto_totals(&mut copy);
                copy.set_cell("requests.new.natural", "7");
                copy
            },
            |copy| report::apply_auto_totals_after(black_box(copy), "requests.new.natural"),
            criterion::BatchSize::SmallInput,
        )
    });
}

/// Import on the inputs that would be quadratic with a scan per tag or per line, and on the
/// real PDF text of 淮安 2024 for scale. Each should stay well under a second.
fn import(c: &mut Criterion) {
    const HUAIAN: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/published/huaian-2024.txt"
    ));
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.bench_function("huaian_pdf_text", |b| {
        b.iter(|| report::import_text(black_box(HUAIAN)))
    });
    let scripts = "<script>x</script>".repeat(50_000);
    group.bench_function("html_50000_scripts", |b| {
        b.iter(|| report::import_html(black_box(&scripts)))
    });
    let spaces = format!(
        "某县2024年政府信息公开工作年度报告\n{}\n",
        " ".repeat(4_000_000)
    );
    group.bench_function("text_4mb_of_spaces", |b| {
        b.iter(|| report::import_text(black_box(&spaces)))
    });
    let sentence = format!(
        "某县2024年政府信息公开工作年度报告\n一、总体情况\n{}。\n",
        "公开".repeat(1_700_000)
    );
    group.bench_function("text_10mb_sentence", |b| {
        b.iter(|| report::import_text(black_box(&sentence)))
    });
    group.finish();
}

/// 汇总 of 1,000 departments (the two 2024 fixtures repeated under distinct agencies): the
/// summary with its checks across the set, from findings already computed, and the sum.
fn collection(c: &mut Criterion) {
    const HONGZE: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/hongze-2024.json"
    ));
    let fixtures = [REPORT, HONGZE].map(|text| report::from_json(text).expect("a valid report"));
    let departments: Vec<(String, report::Report)> = (0..1_000)
        .map(|index| {
            let mut department = fixtures[index % 2].clone();
            department.agency = format!("部门{index}");
            (format!("dept-{index}.json"), department)
        })
        .collect();
    let findings: Vec<Vec<report::Finding>> = departments
        .iter()
        .map(|(_, department)| report::validate(department, None, report::Lang::Zh))
        .collect();
    let members: Vec<report::Member<'_>> = departments
        .iter()
        .zip(&findings)
        .map(|((file, department), findings)| (file.as_str(), department, findings.as_slice()))
        .collect();
    let sources: Vec<report::SumSource<'_>> = departments
        .iter()
        .map(|(file, report)| report::SumSource::Report { file, report })
        .collect();
    let mut group = c.benchmark_group("collection");
    group.sample_size(10);
    group.bench_function("summary_1000", |b| {
        b.iter(|| report::Summary::new(black_box(&members), &[], report::Lang::Zh))
    });
    group.bench_function("sum_1000", |b| {
        b.iter(|| report::sum(black_box(&sources), report::Lang::Zh))
    });
    group.finish();
}

criterion_group!(benches, core, import, collection);
criterion_main!(benches);
