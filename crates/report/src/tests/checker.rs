//! The editor's checker against `validate`: after every step of long random edit sequences on
//! the real fixtures (cells, prose as pasted and as typed key by key, metadata, sections, last
//! year's report, language), the checker that kept its readings gives exactly the findings a
//! full check gives; and it re-reads only what an edit changed (a keystroke in the prose: the
//! sentence it is in).

use crate::{
    CellValue, Checker, CheckerStats, Lang, Report, Rule, TemplateId, acknowledge, switch_template,
    validate,
};

use super::fixture;

/// The fixtures, each with last year's report when the set has it.
const PAIRS: &[(&str, Option<&str>)] = &[
    ("suqian-city-2024.json", Some("suqian-city-2023.json")),
    ("hongze-2024.json", Some("hongze-2023.json")),
    ("suqian-city-2023.json", None),
    ("hongze-2023.json", None),
    ("shuyang-fgj-2023.json", None),
];

/// A small deterministic generator (xorshift64*), so a failure replays with its seed; the
/// sentence-by-sentence reading's tests (`tests::pieces`) use it too.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// What clerks type into cells, right and wrong.
const CELL_INPUTS: &[&str] = &[
    "0",
    "1",
    "12",
    "3402",
    "91",
    "abc",
    "1,234",
    "１２３",
    "",
    "  ",
    "-3",
    "1.5",
    "12.3456789",
    "1e3",
    "３,５１１",
    "十二",
    "999999999999999999999",
];

/// Sentences with figures the prose rules read (totals and parts, table quantities, 同比
/// rates, years, fees, sub-headings).
const SENTENCES: &[&str] = &[
    "本年度共收到政府信息公开申请12件，其中予以公开5件、部分公开9件。",
    "全年新收政府信息公开申请3402件，同比增长12.5%。",
    "2023年，我局共办结申请100件。",
    "全年收取政府信息公开信息处理费 0 元。",
    "2024年对25件申请收取了信息处理费2950元。",
    "\n（三）政府信息管理\n",
    "\n（一）主动公开\n",
    "本年度未收取信息处理费。",
    "共办理191件，单位申请188件，个人申请3件。",
    "行政复议3件，行政诉讼2件。",
    "本年制发规范性文件4件，废止规范性文件1件，现行有效规范性文件45件。",
    "无。",
];

/// What a keystroke or a paste puts into the prose, among them what moves the boundaries
/// of its sentences (line breaks, blank lines, CRLF, sentence ends full-width and ASCII) and
/// what the rules read across them (digits, 《, 其中).
const KEYS: &[&str] = &[
    "共",
    "件",
    "3",
    "１",
    "。",
    "！",
    "？",
    "!",
    "?",
    "，",
    "；",
    "\n",
    "\r\n",
    "\n\n",
    " ",
    "\u{3000}",
    "《",
    "》",
    "（",
    "）",
    "年",
    "2023年",
    "其中",
    "\n（二）",
    "\n1、",
    "预算",
];

/// The char boundaries of `text`, end included.
fn boundaries(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(at, _)| at)
        .chain([text.len()])
        .collect()
}

/// One random edit of the report, its language or last year's report.
fn edit(
    rng: &mut Rng,
    report: &mut Report,
    previous: &mut Option<Report>,
    last_year: &Option<Report>,
    lang: &mut Lang,
) {
    // A legacy report has no cells: its edits go to a gov-2021 key, kept as unknown.
    let template_keys: Vec<String> = Some(report.template())
        .filter(|template| !template.cells().is_empty())
        .unwrap_or(crate::Template::get(TemplateId::Gov2021))
        .cells()
        .iter()
        .map(|spec| spec.key.clone())
        .collect();
    match rng.below(125) {
        // Cells: most edits, as in the editor.
        0..=39 => {
            let key = rng.pick(&template_keys).clone();
            report.set_cell(&key, *rng.pick(CELL_INPUTS));
        }
        40..=44 => {
            let key = rng.pick(&template_keys).clone();
            let value = match rng.below(3) {
                0 => CellValue::Null,
                1 => CellValue::Number(rng.pick(&["0", "7", "1e400", "2.50"]).to_string()),
                _ => CellValue::Text(rng.pick(CELL_INPUTS).to_string()),
            };
            report.figures.insert(key, value);
        }
        45..=46 => {
            let key = rng.pick(&["no.such.cell", "requests.other.total", "open.x"]);
            report.set_cell(key, *rng.pick(CELL_INPUTS));
        }
        // Prose: insert a sentence, cut one out, or replace a section's text.
        47..=61 => {
            if report.sections.is_empty() {
                return;
            }
            let index = rng.below(report.sections.len());
            let text = &mut report.sections[index].text;
            let at = *rng.pick(&boundaries(text));
            text.insert_str(at, SENTENCES[rng.below(SENTENCES.len())]);
        }
        62..=69 => {
            if report.sections.is_empty() {
                return;
            }
            let index = rng.below(report.sections.len());
            let text = &mut report.sections[index].text;
            let ends: Vec<usize> = text.match_indices('。').map(|(at, _)| at + 3).collect();
            if ends.len() >= 2 {
                let from = rng.below(ends.len() - 1);
                text.replace_range(ends[from]..ends[from + 1], "");
            } else {
                let cut = boundaries(text);
                let (a, b) = (*rng.pick(&cut), *rng.pick(&cut));
                text.replace_range(a.min(b)..a.max(b), "");
            }
        }
        70..=71 => {
            let index = rng.below(report.sections.len());
            if let Some(section) = report.sections.get_mut(index) {
                section.text = rng.pick(&["", "无", "不存在问题。"]).to_string();
            }
        }
        // Sections themselves.
        72 => {
            if report.sections.len() >= 2 {
                let (a, b) = (
                    rng.below(report.sections.len()),
                    rng.below(report.sections.len()),
                );
                report.sections.swap(a, b);
            }
        }
        73 => {
            if let Some(section) = report.sections.last().cloned() {
                report.sections.push(section);
            }
        }
        74 => {
            if !report.sections.is_empty() {
                let index = rng.below(report.sections.len());
                report.sections.remove(index);
            }
        }
        75 => {
            if let Some(section) = report.sections.get_mut(0) {
                section.heading = rng
                    .pick(&[None, Some("一、总体情况"), Some("三、其他")])
                    .map(str::to_string);
            }
        }
        // Metadata.
        76..=78 => report.year += if rng.below(2) == 0 { 1 } else { -1 },
        79 => {
            let to = *rng.pick(&[TemplateId::Gov2021, TemplateId::Gov2019, TemplateId::Legacy]);
            switch_template(report, to);
        }
        80 => report.template = *rng.pick(&[TemplateId::Gov2021, TemplateId::Gov2019]),
        81 => report.agency = rng.pick(&["宿迁市人民政府", "", "某局"]).to_string(),
        82 => {
            let enabled = !report.auto_totals_enabled();
            report.set_auto_totals(enabled);
        }
        83 => {
            let key = rng.pick(&template_keys).clone();
            report.set_overridden(&key, rng.below(2) == 0);
        }
        84 => {
            let title = format!(
                "宿迁市人民政府{}年政府信息公开工作年度报告",
                2022 + rng.below(4)
            );
            report
                .extra
                .insert("title".to_string(), serde_json::Value::String(title));
        }
        // Acknowledging a finding the report has now.
        85 => {
            let findings = validate(report, previous.as_ref(), *lang);
            if !findings.is_empty() {
                let finding = rng.pick(&findings).clone();
                let _ = acknowledge(report, &finding, "已核实");
            }
        }
        // Last year's report: linked, unlinked, edited, another year's.
        86..=89 => {
            *previous = match previous {
                Some(_) => None,
                None => last_year.clone(),
            }
        }
        90..=91 => {
            if let Some(section) = previous
                .as_mut()
                .and_then(|previous| previous.sections.first_mut())
            {
                section.text.push_str(SENTENCES[rng.below(SENTENCES.len())]);
            }
        }
        92 => {
            if let Some(previous) = previous {
                previous.year += 1;
            }
        }
        93 => {
            if let Some(previous) = previous {
                let key = rng.pick(&template_keys).clone();
                previous.set_cell(&key, *rng.pick(CELL_INPUTS));
            }
        }
        94 => {
            // Last year's report as a copy of this one (every figure the same).
            let mut copy = report.clone();
            copy.year = report.year - 1;
            *previous = Some(copy);
        }
        95..=96 => {
            *lang = match lang {
                Lang::Zh => Lang::En,
                Lang::En => Lang::Zh,
            }
        }
        // A 同比 rate after this year's own figure, right or wrong.
        97 => {
            let received = report
                .cell_raw("requests.new.total")
                .map(|raw| raw.to_string());
            if let (Some(received), Some(section)) = (received, report.sections.get_mut(0)) {
                let rate = rng.pick(&["12.5", "1.05", "0"]);
                section.text.push_str(&format!(
                    "全年收到政府信息公开申请{received}件，同比增长{rate}%。"
                ));
            }
        }
        // Keystrokes in the prose: a character or a paste typed, one deleted (often a line
        // break or sentence end, joining what it separated), line endings made CRLF.
        100..=121 => {
            if report.sections.is_empty() {
                return;
            }
            let index = rng.below(report.sections.len());
            let text = &mut report.sections[index].text;
            let cuts = boundaries(text);
            let seams: Vec<usize> = text
                .match_indices(['\n', '。', '！', '？', '!', '?'])
                .map(|(at, _)| at)
                .collect();
            match rng.below(10) {
                0..=4 => {
                    let at = *rng.pick(&cuts);
                    let key = *rng.pick(KEYS);
                    text.insert_str(at, key);
                }
                5..=7 => {
                    let at = match seams.is_empty() || rng.below(2) == 0 {
                        true => *rng.pick(&cuts),
                        false => *rng.pick(&seams),
                    };
                    if let Some(ch) = text.get(at..).and_then(|rest| rest.chars().next()) {
                        text.replace_range(at..at + ch.len_utf8(), "");
                    }
                }
                8 => *text = text.replace("\r\n", "\n").replace('\n', "\r\n"),
                _ => {
                    let at = *rng.pick(&cuts);
                    let sentence = *rng.pick(SENTENCES);
                    text.insert_str(at, sentence);
                }
            }
        }
        // A section grown past 5,000 characters (a report pasted whole into it).
        122 => {
            if let Some(section) = report.sections.get_mut(rng.below(3)) {
                let text = section.text.clone();
                while section.text.chars().count() < 5_000 {
                    section.text.push('\n');
                    section
                        .text
                        .push_str(if text.is_empty() { SENTENCES[0] } else { &text });
                }
            }
        }
        // A copy of last year's text as this year's (the similarity rule fires).
        _ => {
            if let (Some(last), Some(section)) = (previous.as_ref(), report.sections.get_mut(1))
                && let Some(text) = last.section_text(&section.id)
            {
                section.text = text.to_string();
            }
        }
    }
}

#[test]
fn the_checker_gives_validates_findings_after_every_edit() {
    // The rules that fired along the way: the edits must reach the rules the caches serve.
    let mut fired = std::collections::BTreeSet::new();
    for (round, (name, last)) in PAIRS.iter().enumerate() {
        let mut report = fixture(name);
        let last_year = last.map(fixture);
        let mut previous = last_year.clone();
        let mut lang = Lang::Zh;
        let mut checker = Checker::new();
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (round as u64 + 1));
        for step in 0..250 {
            let expected = validate(&report, previous.as_ref(), lang);
            let found = checker.check(&report, previous.as_ref(), lang);
            assert_eq!(
                found, expected,
                "{name}, step {step}: the checker differs from validate"
            );
            fired.extend(expected.iter().map(|finding| finding.rule));
            edit(&mut rng, &mut report, &mut previous, &last_year, &mut lang);
        }
    }
    eprintln!("{fired:?}");
    for rule in [
        Rule::CellBlank,
        Rule::CellInvalid,
        Rule::RequestsBalance,
        Rule::CarryOver,
        Rule::NarrativeEmpty,
        Rule::NarrativePartsExceed,
        Rule::NarrativeTableMismatch,
        Rule::NarrativeYoyMismatch,
        Rule::FiguresSameAsLastYear,
        Rule::NarrativeStaleYear,
        Rule::NarrativeHeadingOrder,
        Rule::NarrativeFeeMismatch,
        Rule::NarrativeProblemsThin,
        Rule::NarrativeSameAsLastYear,
    ] {
        assert!(fired.contains(&rule), "no edit made {rule:?} fire");
    }
}

#[test]
fn one_checker_follows_another_report() {
    // The app may open another report in the same editor: nothing of the first is reused
    // wrongly.
    let mut checker = Checker::new();
    for (name, last) in PAIRS.iter().chain(PAIRS.iter().rev()) {
        let report = fixture(name);
        let previous = last.map(fixture);
        assert_eq!(
            checker.check(&report, previous.as_ref(), Lang::Zh),
            validate(&report, previous.as_ref(), Lang::Zh),
            "{name}"
        );
    }
}

/// Every cell of every fixture edited in turn (another figure, then blank, then back): the
/// checker keeps the table values the prose was compared with across a cell edit unless the
/// edit touched a cell they read, and the findings stay `validate`'s. Some of those edits must
/// change what the prose-table comparison finds, or the test would not reach the kept values.
#[test]
fn each_cell_edit_in_turn_gives_validates_findings() {
    let mut moved_mismatches = 0;
    for (name, last) in PAIRS {
        let mut report = fixture(name);
        let previous = last.map(fixture);
        let keys: Vec<String> = report
            .template()
            .cells()
            .iter()
            .map(|spec| spec.key.clone())
            .collect();
        let mut checker = Checker::new();
        let mismatches = |findings: &[crate::Finding]| {
            findings
                .iter()
                .filter(|f| f.rule == Rule::NarrativeTableMismatch)
                .count()
        };
        let before = mismatches(&checker.check(&report, previous.as_ref(), Lang::Zh));
        for key in keys {
            let typed = report.cell_text(&key);
            let other = match typed.trim().parse::<i64>() {
                Ok(value) => (value + 1).to_string(),
                Err(_) => "5".to_string(),
            };
            for value in [other.as_str(), "", typed.as_str()] {
                report.set_cell(&key, value);
                let found = checker.check(&report, previous.as_ref(), Lang::Zh);
                assert_eq!(
                    found,
                    validate(&report, previous.as_ref(), Lang::Zh),
                    "{name}: {key} set to {value:?}"
                );
                if mismatches(&found) != before {
                    moved_mismatches += 1;
                }
            }
        }
    }
    assert!(
        moved_mismatches > 0,
        "no cell edit changed a prose-table mismatch"
    );
}

#[test]
fn a_cell_edit_reads_one_cell_and_no_prose() {
    let mut report = fixture("suqian-city-2024.json");
    let previous = fixture("suqian-city-2023.json");
    let mut checker = Checker::new();
    checker.check(&report, Some(&previous), Lang::Zh);
    let first = checker.stats();
    assert_eq!(first.sections_read, report.sections.len() as u64);
    assert_eq!(first.cells_read, report.template().cells().len() as u64);
    assert_eq!(first.previous_read, 1);
    let formulas = crate::formula::formulas(report.template());
    assert_eq!(first.formulas_checked, formulas.len() as u64);

    report.set_cell("requests.new.total", "3403");
    let findings = checker.check(&report, Some(&previous), Lang::Zh);
    assert_eq!(findings, validate(&report, Some(&previous), Lang::Zh));
    // Only the formulas reading the cell: its row's total and its column's balance.
    let index = report.template().cell_index("requests.new.total");
    let reading = formulas
        .iter()
        .filter(|f| index.is_some_and(|index| f.reads(index)))
        .count() as u64;
    assert!(
        (1..formulas.len() as u64 / 4).contains(&reading),
        "{reading}"
    );
    assert_eq!(
        checker.stats(),
        CheckerStats {
            checks: 2,
            cells_read: first.cells_read + 1,
            formulas_checked: first.formulas_checked + reading,
            ..first
        }
    );
    // The same report again reads nothing.
    checker.check(&report, Some(&previous), Lang::Zh);
    assert_eq!(checker.stats().cells_read, first.cells_read + 1);
    assert_eq!(checker.stats().sections_read, first.sections_read);
}

#[test]
fn a_prose_edit_reads_that_section_only_and_last_year_is_kept() {
    let mut report = fixture("suqian-city-2024.json");
    let previous = fixture("suqian-city-2023.json");
    let mut checker = Checker::new();
    checker.check(&report, Some(&previous), Lang::Zh);
    let first = checker.stats();
    assert!(first.similarities >= 1, "{first:?}");

    let problems = report
        .sections
        .iter_mut()
        .find(|section| section.id == "problems")
        .expect("五");
    problems.text.push_str("下一步，我们将加强培训。");
    let findings = checker.check(&report, Some(&previous), Lang::Zh);
    assert_eq!(findings, validate(&report, Some(&previous), Lang::Zh));
    let after = checker.stats();
    assert_eq!(after.sections_read, first.sections_read + 1);
    assert_eq!(after.cells_read, first.cells_read);
    assert_eq!(after.previous_read, 1, "last year's prose is kept");
    assert_eq!(
        after.similarities,
        first.similarities + 1,
        "only the edited section is compared again"
    );

    // Unlinking and linking the same report again keeps its prose; another text is read.
    checker.check(&report, None, Lang::Zh);
    checker.check(&report, Some(&previous), Lang::Zh);
    assert_eq!(checker.stats().previous_read, 1);
    assert_eq!(checker.stats().similarities, after.similarities);
    let mut edited = previous.clone();
    edited.sections[0].text.push_str("另有说明。");
    let findings = checker.check(&report, Some(&edited), Lang::Zh);
    assert_eq!(findings, validate(&report, Some(&edited), Lang::Zh));
    assert_eq!(checker.stats().previous_read, 2);
}

#[test]
fn typing_in_a_long_section_reads_the_sentence_typed_in() {
    // Key by key in 一 (3,400 characters) with last year's report linked, as the editor does:
    // each keystroke reads that section's edited sentence again (two, when it joins or
    // splits one), counts a few hundred bigrams against last year's 一 instead of its
    // thousands, and gives `validate`'s findings.
    let mut report = fixture("suqian-city-2024.json");
    let previous = fixture("suqian-city-2023.json");
    let mut checker = Checker::new();
    checker.check(&report, Some(&previous), Lang::Zh);
    let mut rng = Rng(11);
    for step in 0..120 {
        let before = checker.stats();
        let overview = report
            .sections
            .iter_mut()
            .find(|section| section.id == "overview")
            .expect("一");
        let cuts = boundaries(&overview.text);
        let at = *rng.pick(&cuts);
        match rng.below(3) {
            0 => {
                if let Some(ch) = overview.text.get(at..).and_then(|rest| rest.chars().next()) {
                    overview.text.replace_range(at..at + ch.len_utf8(), "");
                }
            }
            _ => {
                let key = *rng.pick(KEYS);
                overview.text.insert_str(at, key);
            }
        }
        let findings = checker.check(&report, Some(&previous), Lang::Zh);
        assert_eq!(
            findings,
            validate(&report, Some(&previous), Lang::Zh),
            "step {step}"
        );
        let after = checker.stats();
        assert_eq!(after.sections_read, before.sections_read + 1, "step {step}");
        assert!(
            after.pieces_read - before.pieces_read <= 3,
            "step {step}: {after:?}"
        );
        assert!(
            after.bigrams_counted - before.bigrams_counted < 1_000,
            "step {step}: {after:?}"
        );
        assert_eq!(after.similarities, before.similarities + 1, "step {step}");
        assert_eq!(after.previous_read, 1);
        assert_eq!(after.cells_read, before.cells_read);
    }
}

#[test]
fn the_checker_can_be_shared_with_the_interface() {
    // The app keeps it in a reactive value, which asks for both.
    fn send_and_sync<T: Send + Sync>() {}
    send_and_sync::<Checker>();
}

/// The cells an edit changed, as the editor's per-cell state reads them: added, removed and
/// changed keys in key order, a value written another way counting as changed (the text is
/// what the cell shows), and nothing for equal maps.
#[test]
fn changed_figures_names_every_key_that_differs_and_no_other() {
    use crate::{CellValue, changed_figures};
    use std::collections::BTreeMap;
    let map = |pairs: &[(&str, &str)]| -> BTreeMap<String, CellValue> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), CellValue::Text(v.to_string())))
            .collect()
    };
    let before = map(&[("a", "1"), ("b", "2"), ("c", "3"), ("e", "5")]);
    let after = map(&[("b", "2"), ("c", "3.0"), ("d", "4"), ("e", "5")]);
    assert_eq!(changed_figures(&before, &after), ["a", "c", "d"]);
    assert_eq!(changed_figures(&after, &before), ["a", "c", "d"]);
    assert!(changed_figures(&before, &before.clone()).is_empty());
    assert_eq!(
        changed_figures(&BTreeMap::new(), &before),
        ["a", "b", "c", "e"]
    );
}
