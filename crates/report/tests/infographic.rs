//! The 图解 page: its figures against hand-computed values, SVG snapshots of the fixtures
//! (gov-2021 and gov-2019), what a blank or invalid cell does to the page, trends across
//! years, and the ready 同比 sentences checked by the checker's own 同比 rule.
//!
//! Regenerate the snapshots after an intended change with
//! `UPDATE_EXPECT=1 cargo test -p report --test infographic` and review the diff.

mod common;

use common::fixture;
use expect_test::expect_file;
use report::{Infographic, Report};

fn pdf_fixture(name: &str) -> Report {
    let path = format!(
        "{}/../../tests/fixtures/pdf/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    report::from_json(&text).unwrap_or_else(|error| panic!("{name}: {error}"))
}

fn tile<'a>(page: &'a Infographic, label: &str) -> &'a report::Tile {
    page.tiles
        .iter()
        .find(|tile| tile.label == label)
        .unwrap_or_else(|| panic!("no tile {label}"))
}

/// The SVG is well-formed XML with the page's accessible name and description.
fn parse(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).unwrap_or_else(|error| panic!("not well-formed: {error}"))
}

#[test]
fn suqian_2024_key_figures_and_yoy_match_hand_computation() {
    let (now, last) = (
        fixture("suqian-city-2024.json"),
        fixture("suqian-city-2023.json"),
    );
    let page = Infographic::new(&now, Some(&last), &[]).expect("a gov-2021 report has tables");
    // 3525 vs 3511: 14 / 3511 = 0.399 %.
    let new = tile(&page, "新收申请");
    assert_eq!(new.value, "3525");
    assert_eq!(new.detail.as_deref(), Some("另有上年结转121件"));
    assert_eq!(new.yoy.as_deref(), Some("同比增长0.4%"));
    // 3521 vs 3486: 35 / 3486 = 1.004 %.
    let handled = tile(&page, "办结申请");
    assert_eq!(handled.yoy.as_deref(), Some("同比增长1.0%"));
    assert_eq!(handled.detail.as_deref(), Some("结转下年度125件"));
    // 1431 / 3521 = 40.64 %; 1431 vs 1191: +20.15 %.
    let granted = tile(&page, "予以公开");
    assert_eq!(granted.detail.as_deref(), Some("占办结的40.6%"));
    assert_eq!(granted.yoy.as_deref(), Some("同比增长20.2%"));
    // 471 / 3521 = 13.38 %; 471 vs 328: +43.60 %.
    let partial = tile(&page, "部分公开");
    assert_eq!(partial.detail.as_deref(), Some("占办结的13.4%"));
    assert_eq!(partial.yoy.as_deref(), Some("同比增长43.6%"));
    // 复议 170 (36 pending, 18 corrected): 18 / 134 = 13.43 %; 170 vs 440: −61.36 %.
    let review = tile(&page, "行政复议");
    assert_eq!(review.detail.as_deref(), Some("纠正18件，占已审结的13.4%"));
    assert_eq!(review.yoy.as_deref(), Some("同比下降61.4%"));
    // 诉讼 25 + 52 = 77 (20 pending, none corrected); 77 vs 24 + 89 = 113: −31.86 %.
    let suits = tile(&page, "行政诉讼");
    assert_eq!(suits.value, "77");
    assert_eq!(suits.detail.as_deref(), Some("纠正0件，占已审结的0.0%"));
    assert_eq!(suits.yoy.as_deref(), Some("同比下降31.9%"));

    // Outcomes add up to 办结 and carry their shares of it.
    let outcomes: Vec<(String, String, Option<String>)> = page
        .outcomes
        .bars
        .iter()
        .map(|bar| {
            let value = bar.value.map(|v| v.to_string()).unwrap_or_default();
            (bar.label.clone(), value, bar.share.clone())
        })
        .collect();
    let expected = [
        ("予以公开", "1431", "40.6%"),
        ("部分公开", "471", "13.4%"),
        ("不予公开", "92", "2.6%"),
        ("无法提供", "941", "26.7%"),
        ("不予处理", "117", "3.3%"),
        ("其他处理", "469", "13.3%"),
    ];
    for ((label, value, share), (want_label, want_value, want_share)) in
        outcomes.iter().zip(expected)
    {
        assert_eq!(
            (label.as_str(), value.as_str(), share.as_deref()),
            (want_label, want_value, Some(want_share))
        );
    }
    // 3440 of 3525 new applications from natural persons: 97.59 %.
    assert_eq!(page.applicants.bars[0].share.as_deref(), Some("97.6%"));
    // 0 of them from 科研机构; 1 from 社会公益组织 is not “0.0%”.
    assert_eq!(page.applicants.bars[2].share.as_deref(), Some("0.0%"));
    assert_eq!(page.applicants.bars[3].share.as_deref(), Some("不足0.1%"));
    // 23 of the 92 withheld as 行政执法案卷: 25.0 %.
    let enforcement = page
        .withheld
        .bars
        .iter()
        .find(|bar| bar.label == "属于行政执法案卷")
        .expect("reason");
    assert_eq!(enforcement.share.as_deref(), Some("25.0%"));
    assert!(page.gaps.is_empty(), "{:?}", page.gaps);
    // Two years of the same agency make a trend.
    assert_eq!(page.trends.len(), 3);
    assert_eq!(
        page.trends[0]
            .points
            .iter()
            .map(|(year, _)| *year)
            .collect::<Vec<_>>(),
        [2023, 2024]
    );
}

#[test]
fn suqian_2024_svg_snapshot() {
    let (now, last) = (
        fixture("suqian-city-2024.json"),
        fixture("suqian-city-2023.json"),
    );
    let svg = Infographic::new(&now, Some(&last), &[])
        .expect("tables")
        .to_svg();
    let document = parse(&svg);
    let root = document.root_element();
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(
        root.attribute("aria-label"),
        Some("宿迁市人民政府2024年政府信息公开工作年度报告图解")
    );
    let desc = root
        .children()
        .find(|n| n.has_tag_name("desc"))
        .and_then(|n| n.text())
        .expect("desc");
    assert!(
        desc.contains("新收申请3525件，另有上年结转121件，同比增长0.4%"),
        "{desc}"
    );
    expect_file!["snapshots/suqian-city-2024.infographic.svg"].assert_eq(&svg);
}

#[test]
fn pingtan_2019_svg_snapshot_on_the_trial_format() {
    let report = pdf_fixture("pingtan-2019.json");
    let page = Infographic::new(&report, None, &[]).expect("a gov-2019 report has tables");
    // The 2019 form's one （六）其他处理 row, its 主动公开 rows, and no 同比 or trend alone.
    assert_eq!(page.outcomes.bars.len(), 6);
    assert!(page.tiles.iter().all(|tile| tile.yoy.is_none()));
    assert!(page.trends.is_empty());
    let procurement = page
        .active
        .iter()
        .find(|line| line.label == "政府集中采购")
        .expect("row");
    // “75394432.52元” is not a figure of that column (the checker reports it as
    // cell.invalid), so the page shows “—” and names the cell rather than guess.
    assert_eq!(procurement.items[0], ("采购项目数量", "135".to_string()));
    assert_eq!(procurement.items[1], ("采购总金额", "—".to_string()));
    assert_eq!(page.gaps, ["政府集中采购 · 采购总金额"]);
    assert_eq!(
        tile(&page, "行政复议").detail.as_deref(),
        Some("纠正0件，无已审结案件")
    );
    let svg = page.to_svg();
    parse(&svg);
    expect_file!["snapshots/pingtan-2019.infographic.svg"].assert_eq(&svg);
}

#[test]
fn a_blank_or_invalid_cell_is_never_drawn_as_zero_and_is_named() {
    let mut report = fixture("suqian-city-2024.json");
    report.set_cell("requests.granted.total", "");
    report.set_cell("appeals.suit_direct.total", "二十五");
    report.set_cell("requests.withheld.third_party.total", "17");
    let page = Infographic::new(&report, None, &[]).expect("tables");
    assert_eq!(tile(&page, "予以公开").value, "—");
    assert_eq!(tile(&page, "予以公开").detail, None);
    assert_eq!(
        tile(&page, "行政诉讼").value,
        "—",
        "a sum with a part missing is not shown"
    );
    assert_eq!(page.outcomes.bars[0].value, None);
    assert_eq!(
        page.outcomes.bars[1]
            .value
            .map(|v| v.to_string())
            .as_deref(),
        Some("471")
    );
    assert_eq!(page.gaps.len(), 2, "{:?}", page.gaps);
    assert!(
        page.gaps.iter().any(|gap| gap.contains("予以公开")),
        "{:?}",
        page.gaps
    );
    assert!(
        page.gaps.iter().any(|gap| gap.contains("未经复议直接起诉")),
        "{:?}",
        page.gaps
    );
    let svg = page.to_svg();
    assert!(
        svg.contains("以下单元格未填或不是数字"),
        "the page says what it could not draw"
    );
}

#[test]
fn the_legacy_format_has_no_page_and_text_is_escaped() {
    assert!(Infographic::new(&Report::new("某县", 2015), None, &[]).is_none());
    let mut report = Report::new("<script>alert(\"x\")</script>&局", 2024);
    report.set_cell("requests.new.total", "5");
    let svg = Infographic::new(&report, None, &[])
        .expect("tables")
        .to_svg();
    assert!(!svg.contains("<script>"));
    let document = parse(&svg);
    assert!(
        document
            .root_element()
            .attribute("aria-label")
            .expect("name")
            .starts_with("<script>")
    );
}

#[test]
fn trends_follow_the_same_agency_one_report_a_year_at_most_six_years() {
    let base = fixture("suqian-city-2024.json");
    let mut years: Vec<Report> = (2016..2024)
        .map(|year| {
            let mut report = base.clone();
            report.year = year;
            report.set_cell("requests.new.total", (year - 2000).to_string());
            report
        })
        .collect();
    let mut stranger = base.clone();
    stranger.agency = "别的机关".into();
    stranger.year = 2022;
    stranger.set_cell("requests.new.total", "999");
    years.push(stranger);
    let mut later = base.clone();
    later.year = 2025;
    years.push(later);
    let earlier: Vec<&Report> = years.iter().collect();
    // Last year's report as linked by the clerk, under a name written differently: the link
    // is the clerk's choice, so it counts (an unlinked stranger does not).
    let mut linked = years[7].clone();
    assert_eq!(linked.year, 2023);
    linked.agency = "宿迁市政府".into();
    let page = Infographic::new(&base, Some(&linked), &earlier).expect("tables");
    let points: Vec<(i32, String)> = page.trends[0]
        .points
        .iter()
        .map(|(year, value)| (*year, value.map(|v| v.to_string()).unwrap_or_default()))
        .collect();
    let expected: Vec<(i32, String)> = (2019..2024)
        .map(|year| (year, (year - 2000).to_string()))
        .chain([(2024, "3525".to_string())])
        .collect();
    assert_eq!(points, expected);
    // 同比 from the linked report: 23 → 3525.
    assert_eq!(
        tile(&page, "新收申请").yoy.as_deref(),
        Some("同比增长15226.1%")
    );
}

#[test]
fn ready_sentences_state_yoy_as_the_checker_reads_it() {
    let (mut now, last) = (
        fixture("suqian-city-2024.json"),
        fixture("suqian-city-2023.json"),
    );
    let sentences = report::ready_sentences(&now, &last);
    let texts: Vec<&str> = sentences.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "本年新收政府信息公开申请3525件，同比增长0.4%。",
            "本年办结政府信息公开申请3521件，同比增长1.0%。",
            "本年因政府信息公开工作被申请行政复议170件，同比下降61.4%。",
            "本年因政府信息公开工作被提起行政诉讼77件，同比下降31.9%。",
        ]
    );
    // Inserted into their sections, the checker finds nothing to say about them …
    for sentence in &sentences {
        let text = format!(
            "{}{}",
            now.section_text(sentence.section).unwrap_or(""),
            sentence.text
        );
        now.set_section_text(sentence.section, text);
    }
    let yoy = |report: &Report| {
        report::validate(report, Some(&last), report::Lang::Zh)
            .into_iter()
            .filter(|finding| finding.rule.id() == "narrative.yoy_mismatch")
            .count()
    };
    assert_eq!(yoy(&now), 0);
    // … and the same sentence with a figure changed by hand is reported.
    let requests = now
        .section_text("requests")
        .unwrap_or("")
        .replace("同比增长0.4%", "同比增长4%");
    now.set_section_text("requests", requests);
    assert_eq!(yoy(&now), 1);
}

#[test]
fn ready_sentences_for_equal_zero_and_missing_years() {
    let mut last = Report::new("某局", 2023);
    let mut now = Report::new("某局", 2024);
    for (key, before, after) in [
        ("requests.new.total", "8", "8"),
        ("requests.handled_total.total", "0", "3"),
        ("appeals.review.total", "", "2"),
    ] {
        last.set_cell(key, before);
        now.set_cell(key, after);
    }
    let texts: Vec<String> = report::ready_sentences(&now, &last)
        .into_iter()
        .map(|s| s.text)
        .collect();
    assert_eq!(
        texts,
        [
            "本年新收政府信息公开申请8件，与上年持平。",
            "本年办结政府信息公开申请3件，上年为0件。"
        ]
    );
}

#[test]
fn the_page_joins_every_download_when_chosen() {
    let (now, last) = (
        fixture("suqian-city-2024.json"),
        fixture("suqian-city-2023.json"),
    );
    let mut document = report::render(&now);
    document.add_infographic(Infographic::new(&now, Some(&last), &[]).expect("tables"));
    let html = report::to_html(&document);
    let figure = html
        .find("<figure class=\"nb-infographic\">")
        .expect("the page in HTML");
    assert!(
        figure > html.find("data-table=\"appeals\"").expect("tables first"),
        "after the report"
    );
    assert!(
        html.contains(".nb-infographic { margin: 0; break-before: page;"),
        "on a page of its own"
    );
    let markdown = report::to_markdown(&document);
    let svg_start = markdown.find("<svg").expect("the page in Markdown");
    assert!(
        !markdown[svg_start..].contains("\n\n"),
        "one HTML block for CommonMark"
    );
    // Word carries the page's words until it carries its picture.
    let docx = report::to_docx(&document);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip archive");
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("word/document.xml").expect("the body"),
        &mut xml,
    )
    .expect("UTF-8");
    assert!(
        xml.contains("新收申请3525件，另有上年结转121件，同比增长0.4%"),
        "the page's words in Word"
    );
    // The CSV holds tables only.
    assert!(!report::to_csv(&document).contains("图解"));
}

#[test]
fn a_linked_report_of_another_year_gives_no_yoy_and_the_choice_is_kept_in_the_file() {
    let (now, mut old) = (
        fixture("suqian-city-2024.json"),
        fixture("suqian-city-2023.json"),
    );
    old.year = 2022;
    let page = Infographic::new(&now, Some(&old), &[]).expect("tables");
    assert!(
        page.tiles.iter().all(|tile| tile.yoy.is_none()),
        "2022 is not 上年"
    );
    assert_eq!(page.trends[0].points[0].0, 2022, "but it is history");

    let mut report = now.clone();
    assert!(!report::infographic_chosen(&report));
    let plain = report::render_publication(&report, None, &[]);
    assert_eq!(
        plain,
        report::render(&report),
        "nothing added unless chosen"
    );
    report::choose_infographic(&mut report, true);
    let json = report::to_json(&report);
    let back = report::from_json(&json).expect("round trip");
    assert!(report::infographic_chosen(&back), "kept in the report file");
    let document = report::render_publication(&back, None, &[]);
    assert!(matches!(
        document.blocks.last(),
        Some(report::Block::Infographic(_))
    ));
    report::choose_infographic(&mut report, false);
    assert_eq!(
        report::to_json(&report),
        report::to_json(&now),
        "and gone when unchosen"
    );
    // The legacy format has nothing to draw: the choice adds nothing.
    let mut legacy = Report::new("某县", 2015);
    report::choose_infographic(&mut legacy, true);
    assert_eq!(
        report::render_publication(&legacy, None, &[]),
        report::render(&legacy)
    );
}

#[test]
fn a_ready_sentence_is_inserted_once_as_its_own_paragraph() {
    let (mut now, last) = (
        fixture("suqian-city-2024.json"),
        fixture("suqian-city-2023.json"),
    );
    let sentence = report::ready_sentences(&now, &last).remove(0);
    assert_eq!(sentence.section, "requests");
    now.set_section_text("requests", "本年度依法办理政府信息公开申请。\n");
    let before = now.section_text("requests").unwrap_or("").to_string();
    assert!(!sentence.is_in(&now));
    assert!(sentence.insert_into(&mut now));
    let after = now.section_text("requests").unwrap_or("").to_string();
    assert_eq!(after, format!("{}\n{}", before.trim_end(), sentence.text));
    assert!(sentence.is_in(&now));
    assert!(!sentence.insert_into(&mut now), "never twice");
    // Into an empty section: the sentence alone.
    let mut blank = now.clone();
    blank.set_section_text("requests", "");
    assert!(sentence.insert_into(&mut blank));
    assert_eq!(blank.section_text("requests"), Some(sentence.text.as_str()));
}

#[test]
fn key_changes_beside_the_tables_match_the_tiles() {
    let (now, last) = (
        fixture("suqian-city-2024.json"),
        fixture("suqian-city-2023.json"),
    );
    let changes = report::key_changes(&now, &last);
    let lines: Vec<(&str, &str, &str, &str)> = changes
        .iter()
        .map(|c| (c.table, c.label, c.value.as_str(), c.change.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            ("requests", "新收申请", "3525", "同比增长0.4%"),
            ("requests", "办结申请", "3521", "同比增长1.0%"),
            ("requests", "予以公开", "1431", "同比增长20.2%"),
            ("requests", "部分公开", "471", "同比增长43.6%"),
            ("appeals", "行政复议", "170", "同比下降61.4%"),
            ("appeals", "行政诉讼", "77", "同比下降31.9%"),
        ]
    );
    // A blank this year: no figure and no 同比, never a change from 0.
    let mut blank = now.clone();
    blank.set_cell("appeals.review.total", "");
    let review = &report::key_changes(&blank, &last)[4];
    assert_eq!((review.value.as_str(), review.change.as_str()), ("—", "—"));
    assert!(report::key_changes(&Report::new("某县", 2015), &last).is_empty());
}

/// The lowest baseline or box bottom of the page's text and rectangles, on the sheet (a
/// group's `translate(x y) scale(k)` applied).
fn lowest_point(svg: &str) -> f64 {
    let document = parse(svg);
    let placed = |node: roxmltree::Node<'_, '_>, y: f64| {
        node.ancestors()
            .filter_map(|a| a.attribute("transform"))
            .fold(y, |y, transform| {
                let numbers: Vec<f64> = transform
                    .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
                    .filter_map(|n| n.parse().ok())
                    .collect();
                match numbers[..] {
                    [_, dy, k] => dy + y * k,
                    _ => panic!("unexpected transform {transform}"),
                }
            })
    };
    document
        .descendants()
        .filter_map(|node| {
            let number = |name: &str| node.attribute(name).and_then(|v| v.parse::<f64>().ok());
            let y = match node.tag_name().name() {
                "text" => number("y")?,
                "rect" if node.attribute("width") != Some("840") => {
                    number("y")? + number("height")?
                }
                _ => return None,
            };
            Some(placed(node, y))
        })
        .fold(0.0, f64::max)
}

#[test]
fn the_fullest_page_stays_on_its_a4_sheet() {
    // The 2019 format has the longest 主动公开 block; with trends and gaps noted at the foot,
    // it is the fullest page there is.
    let last = pdf_fixture("pingtan-2019.json");
    let mut now = last.clone();
    now.year = 2020;
    now.set_cell("requests.granted.total", "");
    let mut older = last.clone();
    older.year = 2018;
    older.template = report::TemplateId::Gov2019;
    let page = Infographic::new(&now, Some(&last), &[&older]).expect("tables");
    assert_eq!(page.trends[0].points.len(), 3);
    let svg = page.to_svg();
    let bottom = lowest_point(&svg);
    assert!(bottom <= 1164.0, "the page runs off its sheet at {bottom}");
    assert!(svg.contains("<g transform=\"translate("), "scaled to fit");
    // A fixture's page with trends fits too.
    let suqian = Infographic::new(
        &fixture("suqian-city-2024.json"),
        Some(&fixture("suqian-city-2023.json")),
        &[],
    )
    .expect("tables")
    .to_svg();
    assert!(lowest_point(&suqian) <= 1164.0);
}
