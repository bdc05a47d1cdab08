//! Snapshot and property tests of the document model and the text exporters (HTML,
//! Markdown, CSV), driven through the public API with the fixtures of tests/fixtures.
//!
//! Snapshots live in `tests/snapshots/`; after an intended change, regenerate them with
//! `UPDATE_EXPECT=1 cargo test -p report --test render` and review the diff.

mod common;

use common::fixture;

use expect_test::{Expect, ExpectFile, expect, expect_file};
use proptest::prelude::*;
use report::{Block, Document, HeadingLevel, Report, Table, TemplateId};

/// A readable dump of a document: one line per block, tables one line per row, each cell as
/// `[text]` with `↓N` for a rowspan, `→N` for a colspan and `#` for a figure cell.
fn dump(document: &Document) -> String {
    let mut out = format!("TITLE {}\n", document.title);
    for block in &document.blocks {
        match block {
            Block::Heading { level, text } => {
                let tag = match level {
                    HeadingLevel::Section => "H1",
                    HeadingLevel::Subsection => "H2",
                };
                out.push_str(&format!("{tag} {text}\n"));
            }
            Block::Paragraph(text) => {
                let short: String = text.chars().take(24).collect();
                let more = if text.chars().count() > 24 { "…" } else { "" };
                out.push_str(&format!("P {short}{more}\n"));
            }
            Block::Table(table) => dump_table(&mut out, table),
            Block::Infographic(page) => out.push_str(&format!("FIGURE {}\n", page.title)),
            Block::Signature { agency, date } => out.push_str(&format!("SIGN {agency} {date}\n")),
        }
    }
    out
}

fn dump_table(out: &mut String, table: &Table) {
    out.push_str(&format!("TABLE {} ({} columns)\n", table.id, table.columns));
    for (part, rows) in [("head", &table.head), ("body", &table.body)] {
        for row in rows.iter() {
            out.push_str(&format!("  {part}"));
            for cell in &row.cells {
                let mut marks = String::new();
                if cell.rowspan > 1 {
                    marks.push_str(&format!("↓{}", cell.rowspan));
                }
                if cell.colspan > 1 {
                    marks.push_str(&format!("→{}", cell.colspan));
                }
                if cell.numeric {
                    marks.push('#');
                }
                out.push_str(&format!(" [{}{marks}]", cell.text));
            }
            out.push('\n');
        }
    }
}

#[track_caller]
fn check_fixture(name: &str, document_snapshot: ExpectFile, html_snapshot: ExpectFile) {
    let document = report::render(&fixture(name));
    document_snapshot.assert_eq(&dump(&document));
    html_snapshot.assert_eq(&report::to_html(&document));
}

#[test]
fn shuyang_2023_renders() {
    check_fixture(
        "shuyang-fgj-2023.json",
        expect_file!["snapshots/shuyang-fgj-2023.document.txt"],
        expect_file!["snapshots/shuyang-fgj-2023.html"],
    );
}

#[test]
fn hongze_2023_renders() {
    check_fixture(
        "hongze-2023.json",
        expect_file!["snapshots/hongze-2023.document.txt"],
        expect_file!["snapshots/hongze-2023.html"],
    );
}

#[test]
fn hongze_2024_renders() {
    check_fixture(
        "hongze-2024.json",
        expect_file!["snapshots/hongze-2024.document.txt"],
        expect_file!["snapshots/hongze-2024.html"],
    );
}

#[test]
fn suqian_2023_renders() {
    check_fixture(
        "suqian-city-2023.json",
        expect_file!["snapshots/suqian-city-2023.document.txt"],
        expect_file!["snapshots/suqian-city-2023.html"],
    );
}

#[test]
fn suqian_2024_renders_in_every_text_format() {
    check_fixture(
        "suqian-city-2024.json",
        expect_file!["snapshots/suqian-city-2024.document.txt"],
        expect_file!["snapshots/suqian-city-2024.html"],
    );
    let document = report::render(&fixture("suqian-city-2024.json"));
    expect_file!["snapshots/suqian-city-2024.md"].assert_eq(&report::to_markdown(&document));
    let csv = report::to_csv(&document);
    // RFC 4180 lines end in CRLF; the snapshot file keeps plain line ends for readable diffs.
    assert!(csv.lines().all(|line| !line.contains('\r')) && csv.contains("\r\n"));
    expect_file!["snapshots/suqian-city-2024.csv"].assert_eq(&csv.replace("\r\n", "\n"));
}

#[track_caller]
fn check_dump(report: &Report, expect: Expect) {
    expect.assert_eq(&dump(&report::render(report)));
}

#[test]
fn gov_2019_tables_fill_the_grid() {
    let mut report = Report::new("", 2020);
    report.set_cell("active.fees.prev_items", "3");
    report.set_cell("active.fees.change", "-1");
    report.set_cell("requests.other.natural", " 1,234 ");
    let document = report::render(&report);
    let active = document.tables().next().expect("table 二");
    // The (八) block has three columns in a four-column grid: the last cell is widened.
    let fees = active
        .body
        .iter()
        .find(|row| {
            row.cells
                .first()
                .is_some_and(|cell| cell.text == "行政事业性收费")
        })
        .expect("the fees row");
    let widths: Vec<u8> = fees.cells.iter().map(|cell| cell.colspan).collect();
    assert_eq!(widths, [1, 1, 2]);
    assert_eq!(fees.cells[2].text, "-1");
    let requests = document.tables().nth(1).expect("table 三");
    assert_eq!(requests.body.len(), 23);
    assert_eq!(requests.body[2].cells[0].rowspan, 20);
    let other = requests
        .body
        .iter()
        .find(|row| {
            row.cells
                .iter()
                .any(|cell| cell.key.as_deref() == Some("requests.other.natural"))
        })
        .expect("the （六） row");
    assert_eq!(other.cells[0].text, "（六）其他处理");
    assert_eq!(
        other.cells[1].text, "1,234",
        "figures print as typed, trimmed"
    );
    assert_eq!(document.title, "2020年政府信息公开工作年度报告");
}

#[test]
fn legacy_reports_print_their_own_headed_sections() {
    let mut report = Report::new("某某县人民政府", 2012);
    assert_eq!(report.template, TemplateId::Legacy);
    report.sections = vec![
        report::Section {
            id: "s1".into(),
            heading: Some("一、概述".into()),
            text: "　　全年主动公开信息120条。\n\n（一）主动公开情况\n（二）依申请公开情况，共受理申请5件。".into(),
        },
        report::Section {
            id: "s2".into(),
            heading: Some("四、依申请公开及收费情况".into()),
            text: String::new(),
        },
    ];
    report.publish_date = Some("2013-03-05".into());
    check_dump(
        &report,
        expect![[r#"
            TITLE 某某县人民政府2012年政府信息公开工作年度报告
            H1 一、概述
            P 全年主动公开信息120条。
            H2 （一）主动公开情况
            P （二）依申请公开情况，共受理申请5件。
            H1 四、依申请公开及收费情况
            SIGN 某某县人民政府 2013年3月5日
        "#]],
    );
}

#[test]
fn missing_sections_still_print_headings_and_tables() {
    let report = Report {
        sections: Vec::new(),
        publish_date: Some("二〇二五年一月".into()),
        ..Report::new("", 2023)
    };
    let document = report::render(&report);
    let headings: Vec<&str> = document
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Heading { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        headings,
        [
            "一、总体情况",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项",
        ]
    );
    assert_eq!(document.tables().count(), 3);
    assert_eq!(
        document.blocks.last(),
        Some(&Block::Signature {
            agency: String::new(),
            date: "二〇二五年一月".into()
        })
    );
}

#[test]
fn table_structure_follows_the_official_format() {
    let document = report::render(&fixture("hongze-2024.json"));
    let tables: Vec<&Table> = document.tables().collect();
    let [active, requests, appeals] = tables[..] else {
        panic!("three tables, got {}", tables.len());
    };
    assert!(active.head.is_empty());
    assert_eq!(
        active
            .body
            .iter()
            .filter(|row| row.cells.len() == 1 && row.cells[0].colspan == 4)
            .count(),
        4,
        "four 第二十条 caption rows"
    );
    assert_eq!(requests.head.len(), 3);
    assert_eq!(requests.body.len(), 25);
    let spans: Vec<u8> = requests
        .body
        .iter()
        .flat_map(|row| &row.cells)
        .filter(|cell| cell.rowspan > 1)
        .map(|cell| cell.rowspan)
        .collect();
    assert_eq!(spans, [22, 8, 3, 5, 3]);
    assert_eq!(appeals.head.len(), 3);
    assert_eq!(appeals.body.len(), 1);
    assert_eq!(appeals.body[0].cells.len(), 15);
    assert!(appeals.body[0].cells.iter().all(|cell| cell.numeric));
}

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "\"><img onerror=alert(1) src=x>";

fn hostile_report() -> Report {
    let mut report = Report::new(format!("机关{SCRIPT}"), 2023);
    report.set_section_text("overview", format!("开头{SCRIPT}\n{IMG}*强调*[链接](x)"));
    report.set_cell("requests.new.natural", IMG);
    report.set_cell("requests.new.business", "=HYPERLINK(\"x\")");
    report
}

#[test]
fn html_escapes_everything_typed() {
    let html = report::to_html(&report::render(&hostile_report()));
    assert!(!html.contains("<script>"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(html.contains("开头&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&quot;&gt;&lt;img onerror=alert(1) src=x&gt;"));
    // Self-contained: no script, no external resource.
    for external in ["http://", "https://", "src=\"", "<link", "url(", "@import"] {
        assert!(!html.contains(external), "{external}");
    }
    let fragment = report::to_html_fragment(&report::render(&hostile_report()));
    assert!(html.contains(&fragment));
}

#[test]
fn markdown_escapes_html_and_markdown() {
    let markdown = report::to_markdown(&report::render(&hostile_report()));
    assert!(!markdown.contains("<script>"), "{markdown}");
    assert!(!markdown.contains("<img"), "{markdown}");
    assert!(markdown.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(markdown.contains("\\*强调\\*\\[链接\\](x)"));
}

#[test]
fn csv_quotes_fields_and_defuses_formulas() {
    let csv = report::to_csv(&report::render(&hostile_report()));
    assert!(csv.starts_with('\u{FEFF}'));
    assert!(csv.contains("一、本年新收政府信息公开申请数量,\"\"\"><img onerror=alert(1) src=x>\",\"'=HYPERLINK(\"\"x\"\")\","));
    assert!(csv.contains("三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密,"));
    assert!(csv.contains(",申请人情况 / 法人或其他组织 / 商业企业,"));
}

#[test]
fn file_names_are_safe() {
    let mut report = Report::new("市局/办公室:*?", 2024);
    assert_eq!(
        report::file_name(&report, "docx"),
        "市局_办公室___2024年政府信息公开工作年度报告.docx"
    );
    report.agency = String::new();
    assert_eq!(
        report::file_name(&report, ".md"),
        "2024年政府信息公开工作年度报告.md"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever the report holds, every exporter returns without panicking.
    #[test]
    fn exporters_never_panic(
        agency in any::<String>(),
        text in any::<String>(),
        figure in any::<String>(),
        year in 1990i32..2040,
        date in any::<String>(),
    ) {
        let mut report = Report::new(agency, year);
        report.set_section_text("overview", text.clone());
        report.sections.push(report::Section { id: "x".into(), heading: Some(text), text: String::new() });
        report.set_cell("requests.new.natural", figure.clone());
        report.set_cell("active.fees.change", figure);
        report.publish_date = Some(date);
        let document = report::render(&report);
        let _ = report::to_html(&document);
        let _ = report::to_markdown(&document);
        let _ = report::to_csv(&document);
        prop_assert!(!report::to_docx(&document).is_empty());
        let _ = report::file_name(&report, "docx");
    }
}

#[test]
fn a_long_title_breaks_after_the_agency_and_a_short_one_stays_whole() {
    let hongze = report::render(&fixture("hongze-2024.json"));
    assert_eq!(
        hongze.title_lines(),
        ["淮安市洪泽区人民政府", "2024年政府信息公开工作年度报告"]
    );
    let short = report::render(&Report::new("审计局", 2024));
    assert_eq!(
        short.title_lines(),
        ["审计局2024年政府信息公开工作年度报告"]
    );
    let nameless = report::render(&Report::new("", 2024));
    assert_eq!(nameless.title_lines(), ["2024年政府信息公开工作年度报告"]);
    let html = report::to_html_fragment(&hongze);
    assert!(html.contains(
        "<h1 class=\"nb-title\">淮安市洪泽区人民政府<br>2024年政府信息公开工作年度报告</h1>"
    ));
}

/// The cover page reaches the document: the title as the clerk typed it is what every output
/// prints and names the file after, and the contact line closes the 前言.
#[test]
fn the_cover_page_title_and_contact_are_printed() {
    let mut report = fixture("suqian-city-2024.json");
    report::set_report_title(
        &mut report,
        "宿迁市2024年度政府信息公开工作年度报告（修订版）",
    );
    report.contact = Some("宿迁市政府办公室，电话：0527-84368000".into());
    let document = report::render(&report);
    assert_eq!(
        document.title,
        "宿迁市2024年度政府信息公开工作年度报告（修订版）"
    );
    let html = report::to_html(&document);
    assert!(html.contains("宿迁市2024年度政府信息公开工作年度报告（修订版）"));
    assert!(html.contains("联系方式：宿迁市政府办公室，电话：0527-84368000"));
    let markdown = report::to_markdown(&document);
    let contact_at = markdown.find("联系方式：").expect("the contact line");
    let overview_at = markdown.find("一、总体情况").expect("section 一");
    assert!(contact_at < overview_at, "at the end of the 前言");
    assert!(
        report::file_name(&report, "docx")
            .starts_with("宿迁市2024年度政府信息公开工作年度报告（修订版）")
    );
    // A 前言 that already gives the contact is not repeated.
    let preamble = report
        .section_text("preamble")
        .unwrap_or_default()
        .to_string();
    report.set_section_text(
        "preamble",
        format!("{preamble}宿迁市政府办公室，电话：0527-84368000"),
    );
    assert!(!report::to_markdown(&report::render(&report)).contains("联系方式："));
}

/// Lays a table's rows onto a grid the way HTML does (a cell spanning down occupies the rows
/// below it) and returns each row's occupied width, or the clash that breaks the rectangle.
fn occupied_widths(table: &Table) -> Result<Vec<usize>, String> {
    let columns = usize::from(table.columns);
    let rows: Vec<&report::Row> = table.head.iter().chain(&table.body).collect();
    let mut taken = vec![vec![false; columns]; rows.len()];
    for (line, row) in rows.iter().enumerate() {
        let mut at = 0;
        for cell in &row.cells {
            while at < columns && taken[line][at] {
                at += 1;
            }
            for down in line..line + usize::from(cell.rowspan) {
                for across in at..at + usize::from(cell.colspan) {
                    let slot = taken
                        .get_mut(down)
                        .and_then(|r| r.get_mut(across))
                        .ok_or_else(|| {
                            format!("{}: [{}] runs off the grid", table.id, cell.text)
                        })?;
                    if *slot {
                        return Err(format!(
                            "{}: [{}] overlaps another cell",
                            table.id, cell.text
                        ));
                    }
                    *slot = true;
                }
            }
            at += usize::from(cell.colspan);
        }
    }
    Ok(taken
        .iter()
        .map(|r| r.iter().filter(|t| **t).count())
        .collect())
}

#[test]
fn every_official_table_is_a_full_rectangle_on_screen_and_on_paper() {
    // The editor's grid draws `table_shape`, print draws `render_table`: one layout, so a
    // block narrower than its grid (2019 （八）/（九）) is as wide on screen as on paper.
    for template in report::Template::all() {
        for spec in template.tables() {
            let shape = report::table_shape(spec);
            let widths = occupied_widths(&shape).unwrap_or_else(|why| panic!("{why}"));
            assert!(
                widths.iter().all(|w| *w == usize::from(shape.columns)),
                "{:?} {}: rows occupy {widths:?} of {} columns",
                template.id,
                spec.id,
                shape.columns
            );
            let keys: Vec<&str> = shape
                .head
                .iter()
                .chain(&shape.body)
                .flat_map(|row| &row.cells)
                .filter_map(|cell| cell.key.as_deref())
                .collect();
            let expected: Vec<&str> = template
                .cell_keys()
                .filter(|key| key.split('.').next() == Some(spec.id))
                .collect();
            assert_eq!(
                keys, expected,
                "{:?} {}: every figure cell once",
                template.id, spec.id
            );
            assert!(
                shape
                    .head
                    .iter()
                    .chain(&shape.body)
                    .flat_map(|row| &row.cells)
                    .all(|cell| cell.key.is_none() || cell.text.is_empty()),
                "the shape carries no figures"
            );
            let year = match template.id {
                TemplateId::Gov2021 => 2024,
                TemplateId::Gov2019 => 2020,
                TemplateId::Legacy => 2012,
            };
            let mut filled = Report::new("", year);
            for key in &expected {
                filled.set_cell(key, "7");
            }
            let printed = report::render_table(&filled, spec);
            assert_eq!(
                occupied_widths(&printed),
                occupied_widths(&shape),
                "print and screen share the shape"
            );
        }
    }
}
