//! A section's prose read piece by piece (sentence by sentence) against the whole text read
//! at once, and a reading brought up to date after an edit (`Reading::update`, as the
//! editor's checker does after each keystroke) against a fresh reading of the new text: the
//! same normalised text, sentences, figures and every rule's candidates, and the same bigram
//! counts for the similarity with last year's section, to the bit. The edits are the ones
//! that move piece boundaries: line breaks typed, joined and split, blank lines, CRLF,
//! sentence ends (full-width and ASCII), digits running across a line, titles in 《》 left
//! open, 其中 taking its total from the sentence before, and sections emptied, refilled and
//! grown past 5,000 characters.

use proptest::prelude::*;

use super::checker::Rng;
use super::fixture;
use crate::narrative::{Follow, Reading, Tally, mask, similarity};
use crate::{Section, TemplateId};

/// What edits insert: what moves piece boundaries, and what the rules read across them.
const BITS: &[&str] = &[
    "\n",
    "\r\n",
    "\n\n",
    "\n  \n",
    "。",
    "！",
    "？",
    "!",
    "?",
    "；",
    "，",
    "其中",
    "其中，予以公开5件、部分公开9件",
    "共收到申请12件",
    "合计",
    "2023年",
    "２０２３年",
    "预算",
    "至2024年12月31日",
    "《",
    "》",
    "（",
    "）",
    "12,3",
    "1,234",
    "3",
    "５",
    "件",
    "（一）",
    "\n（二）",
    "\n1、",
    "\n一是",
    "１．",
    "  ",
    "\u{3000}",
    "共",
    "同比增长12.5%",
    "行政复议3件，行政诉讼2件",
    "本年制发规范性文件4件",
    "信息处理费",
    "甲",
];

/// The char boundaries of `text`, end included.
fn boundaries(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(at, _)| at)
        .chain([text.len()])
        .collect()
}

/// One edit of `text`, as typing, deleting, pasting or joining lines make them.
fn edit(rng: &mut Rng, text: &mut String) {
    let cuts = boundaries(text);
    let at = *rng.pick(&cuts);
    // Places where pieces meet, where edits are most likely to go wrong.
    let seams: Vec<usize> = text
        .match_indices(['\n', '。', '！', '？', '!', '?'])
        .flat_map(|(at, found)| [at, at + found.len()])
        .collect();
    match rng.below(20) {
        0..=5 => {
            let bit = *rng.pick(BITS);
            text.insert_str(at, bit);
        }
        6..=8 if !seams.is_empty() => {
            let at = *rng.pick(&seams);
            let bit = *rng.pick(BITS);
            text.insert_str(at, bit);
        }
        9..=11 => {
            // Delete one character, or a few.
            let index = rng.below(cuts.len());
            let to = (index + 1 + rng.below(3)).min(cuts.len() - 1);
            text.replace_range(cuts[index]..cuts[to], "");
        }
        12..=13 => {
            // Join two lines, or split one.
            let breaks: Vec<usize> = text.match_indices('\n').map(|(at, _)| at).collect();
            if breaks.is_empty() || rng.below(2) == 0 {
                text.insert(at, '\n');
            } else {
                let at = *rng.pick(&breaks);
                text.replace_range(at..at + 1, "");
            }
        }
        14 if !seams.is_empty() => {
            // Delete a sentence end or line break itself.
            let at = *rng.pick(&seams);
            if let Some(ch) = text.get(at..).and_then(|rest| rest.chars().next()) {
                text.replace_range(at..at + ch.len_utf8(), "");
            }
        }
        15 => {
            // Cut out a stretch (a sentence or several).
            let (a, b) = (*rng.pick(&cuts), *rng.pick(&cuts));
            text.replace_range(a.min(b)..a.max(b), "");
        }
        16 => {
            // Paste a stretch of the text elsewhere in it.
            let (a, b) = (*rng.pick(&cuts), *rng.pick(&cuts));
            let copied = text[a.min(b)..a.max(b)].to_string();
            text.insert_str(at, &copied);
        }
        17 => *text = text.replace("\r\n", "\n").replace('\n', "\r\n"),
        18 => {
            if rng.below(4) == 0 {
                *text = rng.pick(&["", " ", "\n", "无", "无。"]).to_string();
            }
        }
        _ => {
            let bit = *rng.pick(BITS);
            text.push_str(bit);
        }
    }
}

/// A reading of `section` brought up to date from `old` (of the text `before`), checked
/// against a fresh reading of the new text and against the whole text read at once; the
/// tally kept in step with it against one counted afresh.
#[track_caller]
fn check_update(
    old: Reading,
    before: &str,
    section: &Section,
    tally: Option<&mut Tally>,
    last: &[char],
    context: &str,
) -> Reading {
    let mut follow = Follow {
        tally,
        ..Follow::default()
    };
    let updated = Reading::update(
        Some((old, before)),
        section,
        TemplateId::Gov2021,
        2024,
        &mut follow,
    );
    let kept_tally = follow.tally.take();
    let fresh = Reading::new(section, TemplateId::Gov2021, 2024);
    assert_eq!(
        updated.dump(),
        fresh.dump(),
        "{context}: updated ≠ fresh\n{:?}",
        section.text
    );
    let differences = fresh.differences_from_whole(&section.text);
    assert!(
        differences.is_empty(),
        "{context}: pieces ≠ whole text\n{:?}\n{}",
        section.text,
        differences.join("\n")
    );
    let whole = similarity(&mask(&section.text), last);
    assert_eq!(
        fresh.similarity_with(last).to_bits(),
        whole.to_bits(),
        "{context}: similarity of the pieces ≠ of the whole text"
    );
    if let Some(tally) = kept_tally {
        assert_eq!(
            updated.score(tally, last).to_bits(),
            whole.to_bits(),
            "{context}: the tally kept in step ≠ the whole text's similarity"
        );
    }
    updated
}

#[test]
fn the_fixtures_read_piece_by_piece_are_the_whole_text() {
    for name in [
        "suqian-city-2024.json",
        "suqian-city-2023.json",
        "hongze-2024.json",
        "hongze-2023.json",
        "shuyang-fgj-2023.json",
    ] {
        let report = fixture(name);
        for section in &report.sections {
            let reading = Reading::new(section, report.template, report.year);
            let differences = reading.differences_from_whole(&section.text);
            assert!(
                differences.is_empty(),
                "{name} {}:\n{}",
                section.id,
                differences.join("\n")
            );
        }
    }
}

#[test]
fn texts_whose_pieces_meet_awkwardly_are_the_whole_text() {
    for text in [
        "",
        " ",
        "\n",
        "\n\n\n",
        "无",
        "一",
        "共收到申请103\n件，其中予以公开50件。",
        "共收到申请103件。\n\n其中予以公开50件、部分公开60件。",
        "共收到申请103件。其中予以公开50件、部分公开60件。",
        "共收到申请103件！其中予以公开50件、部分公开60件？",
        "（一）主动公开\r\n内容。\r\n（三）政府信息管理\r\n",
        "2023年，我局共收到申请12件。\r\n《关于2023年\n工作的通知》。2023年共办理5件。",
        "《2023年工作要点。2023年共办理5件。》2023年共办理6件。",
        "共1,2。3件。12\n34件。\n5\n.6件",
        "合计。3件，甲2件，乙2件。",
        "１．全年收到申请１２件，其中予以公开１０件、部分公开５件。\u{3000}\n２．办结。",
        "收到申请12件?其中予以公开10件、部分公开5件!",
        "共收到申请12件，同比增长12.5%。\n\n\n（二）办结12件",
        "2023年\n预算执行情况。2023年\n1月1日至\n2023年12月31日",
        "（未闭合的括号。其中3件，甲2件，乙2件。",
    ] {
        let section = Section {
            id: "overview".into(),
            heading: None,
            text: text.into(),
        };
        let reading = Reading::new(&section, TemplateId::Gov2021, 2024);
        let differences = reading.differences_from_whole(text);
        assert!(
            differences.is_empty(),
            "{text:?}:\n{}",
            differences.join("\n")
        );
    }
}

#[test]
fn an_updated_reading_is_a_fresh_reading_of_the_new_text() {
    let this_year = fixture("suqian-city-2024.json");
    let last_year = fixture("suqian-city-2023.json");
    for (round, section) in this_year.sections.iter().enumerate() {
        let last = last_year
            .sections
            .iter()
            .find(|last| last.id == section.id)
            .map_or_else(Vec::new, |last| mask(&last.text));
        let mut section = section.clone();
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (round as u64 + 1));
        let mut reading = Reading::new(&section, TemplateId::Gov2021, 2024);
        let mut tally = reading.tally_with(&last);
        for step in 0..300 {
            let before = section.text.clone();
            edit(&mut rng, &mut section.text);
            let context = format!("{} step {step}", section.id);
            reading = check_update(
                reading,
                &before,
                &section,
                Some(&mut tally),
                &last,
                &context,
            );
        }
    }
}

#[test]
fn a_long_section_is_kept_in_step_through_keystrokes() {
    // Over 5,000 characters: 一 of two years, with line breaks, typed into one key at a time.
    let report = fixture("suqian-city-2024.json");
    let last = fixture("suqian-city-2023.json");
    let text = |report: &crate::Report| report.section_text("overview").unwrap_or("").to_string();
    let mut section = Section {
        id: "overview".into(),
        heading: None,
        text: format!("{}\n{}", text(&report), text(&last)),
    };
    assert!(section.text.chars().count() > 5_000);
    let last_masked = mask(&text(&last));
    let mut reading = Reading::new(&section, TemplateId::Gov2021, 2024);
    let mut tally = reading.tally_with(&last_masked);
    let mut rng = Rng(42);
    for step in 0..200 {
        let before = section.text.clone();
        let cuts = boundaries(&section.text);
        let at = *rng.pick(&cuts);
        match rng.below(3) {
            0 => section
                .text
                .insert(at, *rng.pick(&['共', '。', '\n', '3', '，', '《'])),
            1 => {
                if let Some(ch) = section.text.get(at..).and_then(|rest| rest.chars().next()) {
                    section.text.replace_range(at..at + ch.len_utf8(), "");
                }
            }
            _ => edit(&mut rng, &mut section.text),
        }
        let context = format!("long step {step}");
        reading = check_update(
            reading,
            &before,
            &section,
            Some(&mut tally),
            &last_masked,
            &context,
        );
    }
}

#[test]
fn an_update_reads_only_the_sentences_it_touched() {
    let report = fixture("suqian-city-2024.json");
    let section = report
        .sections
        .iter()
        .find(|section| section.id == "overview")
        .expect("一")
        .clone();
    let reading = Reading::new(&section, report.template, report.year);
    let mut edited = section.clone();
    let at = edited
        .text
        .char_indices()
        .nth(1_000)
        .map_or(0, |(at, _)| at);
    edited.text.insert(at, '共');
    let last = mask(section.text.as_str());
    let mut tally = reading.tally_with(&last);
    let mut follow = Follow {
        tally: Some(&mut tally),
        ..Follow::default()
    };
    let updated = Reading::update(
        Some((reading, &section.text)),
        &edited,
        report.template,
        report.year,
        &mut follow,
    );
    // The edited sentence, and no other.
    assert_eq!(follow.pieces_read, 1);
    // Its bigrams out and in again: a few hundred, of some 3,000 in the section.
    assert!(follow.bigrams < 400, "{}", follow.bigrams);
    assert_eq!(
        updated.score(&tally, &last).to_bits(),
        similarity(&mask(&edited.text), &last).to_bits()
    );
}

proptest! {
    #[test]
    fn random_texts_read_the_same_piece_by_piece_and_after_edits(
        text in "([甲共收到申请件其中予以公开，、。！？!?；（）《》年0-9１２\n\r \u{3000}]|2023年|其中|（一）|\n（二）){0,80}",
        seed in any::<u64>(),
    ) {
        let mut section = Section { id: "overview".into(), heading: None, text };
        let last = mask("共收到申请12件，其中予以公开5件。2023年共办结申请。");
        let mut reading = Reading::new(&section, TemplateId::Gov2021, 2024);
        let mut tally = reading.tally_with(&last);
        let mut rng = Rng(seed | 1);
        for step in 0..12 {
            let before = section.text.clone();
            edit(&mut rng, &mut section.text);
            let context = format!("step {step}");
            reading = check_update(reading, &before, &section, Some(&mut tally), &last, &context);
        }
    }
}

#[test]
fn a_tally_kept_in_step_counts_as_one_counted_afresh() {
    // Bigrams added and removed at random (the table grows and keeps emptied slots):
    // the shared count is always that of the bigrams left, counted afresh.
    let last: Vec<char> = "甲乙丙丁甲乙甲#，。乙丙".chars().collect();
    let alphabet: Vec<char> = "甲乙丙丁戊#，。".chars().collect();
    let mut rng = Rng(7);
    let mut own: Vec<char> = Vec::new();
    let mut tally = Tally::new(&last, 0);
    for _ in 0..3_000 {
        if own.len() > 1 && rng.below(3) == 0 {
            let pair = crate::narrative::similarity::bigram(own[own.len() - 2], own[own.len() - 1]);
            tally.remove(pair);
            own.pop();
        } else {
            own.push(*rng.pick(&alphabet));
            if own.len() > 1 {
                let pair =
                    crate::narrative::similarity::bigram(own[own.len() - 2], own[own.len() - 1]);
                tally.add(pair);
            }
        }
        if own.len() >= 2 && own != last {
            assert_eq!(
                tally.dice(own.len()).to_bits(),
                similarity(&own, &last).to_bits()
            );
        }
    }
}
