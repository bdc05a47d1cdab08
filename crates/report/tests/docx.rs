//! Tests of the Word export: the archive reads back with an independent ZIP reader, every
//! XML part is well-formed, the GB/T 9704 page and the table features are there, and
//! LibreOffice opens the file and prints the tables to PDF.
//!
//! The LibreOffice test needs `soffice` (package libreoffice-writer-nogui) and `pdftotext`
//! (poppler-utils); `cargo xtask setup` installs both. It fails rather than skips when they
//! are missing, so a machine without them cannot pass silently.

mod common;

use common::{fixture, fresh_dir, run};

use std::io::{Cursor, Read};
use std::path::Path;

use report::Report;

/// The names of the archive's parts.
fn names(docx: &[u8]) -> Vec<String> {
    let archive = zip::ZipArchive::new(Cursor::new(docx)).expect("a valid zip archive");
    archive
        .file_names()
        .map(|name| name.expect("a UTF-8 part name").to_string())
        .collect()
}

/// Every XML part of the archive, by name, read with the `zip` crate.
fn parts(docx: &[u8]) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).expect("a valid zip archive");
    let mut parts = Vec::new();
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).expect("a readable entry");
        let name = file.name().expect("a UTF-8 part name").to_string();
        if name.starts_with("word/media/") {
            continue; // pictures are not XML
        }
        let mut text = String::new();
        file.read_to_string(&mut text).expect("UTF-8 XML");
        parts.push((name, text));
    }
    parts
}

fn part<'a>(parts: &'a [(String, String)], name: &str) -> &'a str {
    parts
        .iter()
        .find(|(part_name, _)| part_name == name)
        .map(|(_, text)| text.as_str())
        .unwrap_or_else(|| panic!("no part {name}"))
}

#[test]
fn docx_is_a_well_formed_package_with_the_official_layout() {
    let docx = report::to_docx(&report::render(&fixture("suqian-city-2024.json")));
    let parts = parts(&docx);
    let names: Vec<&str> = parts.iter().map(|(name, _)| name.as_str()).collect();
    for required in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
        "word/footer1.xml",
        "word/footer2.xml",
    ] {
        assert!(
            names.contains(&required),
            "{required} missing from {names:?}"
        );
    }
    for (name, text) in &parts {
        roxmltree::Document::parse(text)
            .unwrap_or_else(|error| panic!("{name} is not well-formed XML: {error}"));
    }
    let document = part(&parts, "word/document.xml");
    assert!(document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
    assert!(
        document
            .contains("<w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1587\"")
    );
    assert!(document.contains("<w:tblHeader/>"));
    assert!(document.contains("<w:cantSplit/>"));
    assert!(
        document.contains("<w:gridSpan w:val=\"7\"/>"),
        "申请人情况 spans 7"
    );
    assert!(document.contains("<w:vMerge w:val=\"restart\"/>"));
    assert!(document.contains("<w:vMerge/>"));
    // The 三 label of table 三 starts one vertical merge and continues it over 21 rows.
    let tree = roxmltree::Document::parse(document).expect("parsed above");
    let label_rows = tree
        .descendants()
        .filter(|node| node.has_tag_name("tc"))
        .filter(|cell| {
            cell.descendants()
                .any(|node| node.has_tag_name("t") && node.text() == Some("三、本年度办理结果"))
        })
        .count();
    assert_eq!(label_rows, 1);
    let body_text: String = tree
        .descendants()
        .filter(|node| node.has_tag_name("t"))
        .filter_map(|node| node.text())
        .collect();
    assert!(body_text.contains("收到和处理政府信息公开申请情况"));
    for footer in ["word/footer1.xml", "word/footer2.xml"] {
        let text = part(&parts, footer);
        assert!(text.contains("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"));
        assert!(text.contains("— </w:t>") && text.contains(" —</w:t>"));
    }
    assert!(part(&parts, "word/settings.xml").contains("<w:evenAndOddHeaders/>"));
    let styles = part(&parts, "word/styles.xml");
    for font in [
        "仿宋_GB2312",
        "方正小标宋简体",
        "黑体",
        "楷体_GB2312",
        "宋体",
    ] {
        assert!(styles.contains(&format!("w:eastAsia=\"{font}\"")), "{font}");
    }
}

#[test]
fn docx_escapes_what_was_typed() {
    let mut report = Report::new("机关<script>alert(1)</script>", 2023);
    report.set_section_text(
        "overview",
        "<script>alert(1)</script>\n\"><img onerror=alert(1) src=x>\u{1}\u{FFFF}",
    );
    report.set_cell("requests.new.natural", "<b>&</b>");
    let parts = parts(&report::to_docx(&report::render(&report)));
    for (name, text) in &parts {
        roxmltree::Document::parse(text)
            .unwrap_or_else(|error| panic!("{name} is not well-formed XML: {error}"));
        assert!(
            !text.contains("<script>") && !text.contains("<img"),
            "{name}"
        );
    }
    let document = part(&parts, "word/document.xml");
    let tree = roxmltree::Document::parse(document).expect("well-formed");
    let texts: Vec<&str> = tree
        .descendants()
        .filter(|node| node.has_tag_name("t"))
        .filter_map(|node| node.text())
        .collect();
    assert!(texts.contains(&"<script>alert(1)</script>"));
    assert!(texts.contains(&"\"><img onerror=alert(1) src=x>"));
    assert!(texts.contains(&"<b>&</b>"));
}

#[test]
fn libreoffice_prints_the_docx_to_pdf() {
    let dir = fresh_dir("docx-pdf");
    let docx_path = dir.join("report.docx");
    // With the 图解 as a picture (a PNG as the app draws it; a small one here), so Word's
    // and LibreOffice's reading of the drawing markup is tested too.
    let report = fixture("suqian-city-2024.json");
    let mut document = report::render(&report);
    document.add_infographic(report::Infographic::new(&report, None, &[]).expect("tables"));
    let docx = report::to_docx_with_picture(&document, Some(PNG));
    std::fs::write(&docx_path, docx).expect("the docx is written");
    // A fresh profile: a shared one may be locked by another soffice, and the first start
    // (about 20 s) creates it.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let outdir = dir.display().to_string();
    let docx_arg = docx_path.display().to_string();
    let output = run(
        "soffice",
        &[
            &profile,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            &outdir,
            &docx_arg,
        ],
    );
    let pdf = dir.join("report.pdf");
    let size = std::fs::metadata(&pdf).map(|meta| meta.len()).unwrap_or(0);
    assert!(
        size > 0,
        "soffice made no PDF: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let text = pdf_text(&pdf);
    assert!(text.contains("收到和处理政府信息公开申请情况"), "{text}");
    assert!(text.contains("3521"), "the （七）总计 figure: {text}");
    assert!(
        text.contains("— 1 —") || text.contains("—1—"),
        "the page number: {text}"
    );
    let images = run("pdfimages", &["-list", &pdf.display().to_string()]);
    let images = String::from_utf8_lossy(&images.stdout);
    // The third column is the type; a transparent PNG also brings its `smask`.
    let pictures: Vec<&str> = images
        .lines()
        .filter(|line| line.split_whitespace().nth(2) == Some("image"))
        .collect();
    assert_eq!(pictures.len(), 1, "one picture: {images}");
    // On the last page, its own.
    let info = run("pdfinfo", &[&pdf.display().to_string()]);
    let pages = String::from_utf8_lossy(&info.stdout)
        .lines()
        .find_map(|line| line.strip_prefix("Pages:").map(|n| n.trim().to_string()))
        .unwrap_or_default();
    assert_eq!(
        pictures[0].split_whitespace().next(),
        Some(pages.as_str()),
        "{images}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A valid 1 × 1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0xfc, 0xff, 0x9f, 0xa1,
    0x1e, 0x00, 0x07, 0x82, 0x02, 0x7f, 0x3d, 0xc8, 0x48, 0xef, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

#[test]
fn the_infographic_is_a_described_picture_on_its_own_page_in_word() {
    let report = fixture("suqian-city-2024.json");
    let mut document = report::render(&report);
    document.add_infographic(report::Infographic::new(&report, None, &[]).expect("tables"));
    let xml = parts(&report::to_docx_with_picture(&document, Some(PNG)));
    let body = part(&xml, "word/document.xml");
    assert!(body.contains("<w:pageBreakBefore/>"), "a page of its own");
    assert!(body.contains("<a:blip r:embed=\"rIdInfographic\"/>"));
    assert!(
        body.contains("descr=\"宿迁市人民政府2024年政府信息公开工作年度报告图解。新收申请3525件"),
        "alt text"
    );
    assert!(!body.contains(">图解<"), "the picture, not its words");
    assert!(
        part(&xml, "word/_rels/document.xml.rels").contains("Target=\"media/infographic.png\"")
    );
    assert!(
        part(&xml, "[Content_Types].xml")
            .contains("<Default Extension=\"png\" ContentType=\"image/png\"/>")
    );
    roxmltree::Document::parse(body).expect("well-formed");
    let mut archive = zip::ZipArchive::new(Cursor::new(report::to_docx_with_picture(
        &document,
        Some(PNG),
    )))
    .expect("zip");
    let mut png = Vec::new();
    archive
        .by_name("word/media/infographic.png")
        .expect("the picture")
        .read_to_end(&mut png)
        .expect("read");
    assert_eq!(png, PNG);

    // Without the picture (the command line), the page's words; without the page, no picture.
    let words = report::to_docx(&document);
    assert!(part(&parts(&words), "word/document.xml").contains("新收申请3525件"));
    assert!(
        !names(&words)
            .iter()
            .any(|name| name.starts_with("word/media/"))
    );
    let plain = report::to_docx_with_picture(&report::render(&report), Some(PNG));
    assert!(
        !names(&plain)
            .iter()
            .any(|name| name.starts_with("word/media/"))
    );
}

fn pdf_text(pdf: &Path) -> String {
    let output = run("pdftotext", &[&pdf.display().to_string(), "-"]);
    String::from_utf8_lossy(&output.stdout).into_owned()
}
