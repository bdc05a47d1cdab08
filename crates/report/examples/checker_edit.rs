//! A profiling aid, not a test: the editor's checker after one kind of edit, repeated, on the
//! Suqian 2024 fixture with 2023 linked (the case of the core's `validate_after_*`
//! benchmarks). Run under callgrind by `tests/bench/profile/instructions.sh`, which counts the
//! instructions of one check: a figure that the machine's noise does not move, where
//! criterion's times on these shared hosts move by a third from one run to the next.
//!
//! `EDIT=cell|overview|problems|long` (a cell of table 三, a character in 一 or in 五, or a
//! digit at the end of 一 made the browser bench's 5,000 characters with no sentence end),
//! `N` checks.

use report::{Checker, Lang, from_json};

const REPORT: &str = include_str!("../../../tests/fixtures/suqian-city-2024.json");
const PREVIOUS: &str = include_str!("../../../tests/fixtures/suqian-city-2023.json");

fn main() -> Result<(), String> {
    let report = from_json(REPORT).map_err(|e| format!("suqian-city-2024.json: {e}"))?;
    let previous = from_json(PREVIOUS).map_err(|e| format!("suqian-city-2023.json: {e}"))?;
    let checks: usize = match std::env::var("N") {
        Ok(text) => text
            .parse()
            .map_err(|_| format!("N={text} is not a count"))?,
        Err(_) => 2000,
    };
    let edit = std::env::var("EDIT").unwrap_or_else(|_| "overview".into());
    let mut edited = report.clone();
    if edit == "long"
        && let Some(section) = edited.sections.iter_mut().find(|s| s.id == "overview")
    {
        section.text = "本年度".repeat(1700);
    }
    // Where a character is typed in a section: as in the benchmarks, a tenth of the way into
    // 一's figures, early in 五; at the end of the long section.
    let at = match edit.as_str() {
        "cell" => 0,
        "long" => "本年度".len() * 1700,
        "overview" | "problems" => report
            .sections
            .iter()
            .find(|section| section.id == edit)
            .and_then(|section| {
                let chars = if edit == "overview" { 1_000 } else { 200 };
                section.text.char_indices().nth(chars)
            })
            .map(|(at, _)| at)
            .ok_or_else(|| format!("the fixture has no section {edit} that long"))?,
        other => return Err(format!("EDIT={other}: cell, overview, problems or long")),
    };
    let mut checker = Checker::new();
    checker.check(&edited, Some(&previous), Lang::Zh);
    let started = std::time::Instant::now();
    for index in 0..checks {
        // Made and undone on alternate checks.
        let make = index % 2 == 0;
        if edit == "cell" {
            edited.set_cell("requests.new.natural", if make { "3441" } else { "3440" });
        } else if let Some(section) = edited
            .sections
            .iter_mut()
            .find(|s| s.id == edit || (edit == "long" && s.id == "overview"))
        {
            if make {
                section
                    .text
                    .insert(at, if edit == "long" { '7' } else { '共' });
            } else {
                section.text.remove(at);
            }
        }
        std::hint::black_box(checker.check(&edited, Some(&previous), Lang::Zh));
    }
    let each = started.elapsed().as_secs_f64() * 1e6 / checks.max(1) as f64;
    println!("{edit}: {checks} checks, {each:.1} µs each");
    Ok(())
}
