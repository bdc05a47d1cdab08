//! A PDF's text through the report importer: the real published PDF imports to exactly the
//! figures it prints, and PDFs LibreOffice makes from our own Word export import back to
//! the report they were made from, the same as the Word file itself.

use report::{ImportResult, Report, import_docx, import_text};
use serde_json::Value;

const HUAIAN_PDF: &[u8] = include_bytes!("../../../tests/fixtures/published/huaian-2024.pdf");
const HUAIAN_EXPECTED: &str =
    include_str!("../../../tests/fixtures/published/huaian-2024.expected-figures.json");

fn import_pdf(bytes: &[u8]) -> ImportResult {
    let extracted = pdf_text::extract(bytes).expect("the PDF has text");
    assert_eq!(extracted.unreadable, 0);
    import_text(&extracted.text)
}

#[test]
fn the_published_huaian_pdf_imports_to_exactly_its_figures() {
    let expected: Value = serde_json::from_str(HUAIAN_EXPECTED).expect("JSON");
    let imported = import_pdf(HUAIAN_PDF);
    let report = &imported.report;
    assert!(imported.errors.is_empty(), "{:?}", imported.errors);
    assert_eq!(report.template.as_str(), expected["template"]);
    assert_eq!(
        i64::from(report.year),
        expected["year"].as_i64().expect("year")
    );
    assert_eq!(report.agency, expected["agency"]);
    let figures = expected["figures"].as_object().expect("figures");
    let mut wrong = Vec::new();
    for (key, value) in figures {
        if report.cell_raw(key).as_deref() != value.as_str() {
            wrong.push(format!(
                "{key}: expected {value}, got {:?}",
                report.cell_raw(key)
            ));
        }
    }
    for key in report.figures.keys() {
        if !figures.contains_key(key) {
            wrong.push(format!("unexpected {key}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // The prose came through as paragraphs, without page numbers.
    let overview = report.section_text("overview").expect("一");
    assert!(
        overview.contains("2024年，全市共受理政府信息公开申请3119件")
            || overview.contains("共受理政府信息公开申请 3119 件"),
        "{overview}"
    );
    assert!(!overview.contains("- 2 -"));
}

/// The report a PDF was made from (through our Word export and LibreOffice), and that PDF.
struct RoundTrip {
    name: &'static str,
    source: &'static str,
    docx: &'static [u8],
    pdf: &'static [u8],
}

const ROUND_TRIPS: [RoundTrip; 4] = [
    RoundTrip {
        name: "suqian-city-2024 (gov-2021)",
        source: include_str!("../../../tests/fixtures/suqian-city-2024.json"),
        docx: include_bytes!("../../../tests/fixtures/pdf/suqian-city-2024.docx"),
        pdf: include_bytes!("../../../tests/fixtures/pdf/suqian-city-2024.pdf"),
    },
    RoundTrip {
        // Two whole rows of table 三 are blank: matched by their labels, left blank.
        name: "hongze-2023 (gov-2021, blank rows)",
        source: include_str!("../../../tests/fixtures/hongze-2023.json"),
        docx: include_bytes!("../../../tests/fixtures/pdf/hongze-2023.docx"),
        pdf: include_bytes!("../../../tests/fixtures/pdf/hongze-2023.pdf"),
    },
    RoundTrip {
        // Table 三 fills only the 自然人 and 总计 columns: each value goes under its heading.
        name: "shuyang-fgj-2023 (gov-2021, blank columns)",
        source: include_str!("../../../tests/fixtures/shuyang-fgj-2023.json"),
        docx: include_bytes!("../../../tests/fixtures/pdf/shuyang-fgj-2023.docx"),
        pdf: include_bytes!("../../../tests/fixtures/pdf/shuyang-fgj-2023.pdf"),
    },
    RoundTrip {
        name: "pingtan-2019 (gov-2019)",
        source: include_str!("../../../tests/fixtures/pdf/pingtan-2019.json"),
        docx: include_bytes!("../../../tests/fixtures/pdf/pingtan-2019.docx"),
        pdf: include_bytes!("../../../tests/fixtures/pdf/pingtan-2019.pdf"),
    },
];

#[test]
fn libreoffice_pdfs_of_our_word_export_import_back_exactly() {
    for trip in &ROUND_TRIPS {
        let source: Report = report::from_json(trip.source).expect("source report");
        let from_pdf = import_pdf(trip.pdf);
        let from_docx = import_docx(trip.docx).expect("docx");
        let name = trip.name;
        assert!(from_pdf.errors.is_empty(), "{name}: {:?}", from_pdf.errors);
        // Blank rows are named for the clerk to check, never filled.
        let blank_rows = source
            .template()
            .cells()
            .iter()
            .filter(|c| source.cell_raw(&c.key).is_none())
            .count();
        assert_eq!(
            from_pdf
                .unrecognised
                .iter()
                .any(|note| note.contains("没有数值")),
            blank_rows > 0,
            "{name}: {:?}",
            from_pdf.unrecognised
        );
        let (pdf, docx) = (&from_pdf.report, &from_docx.report);
        assert_eq!(pdf.template, source.template, "{name}");
        assert_eq!(pdf.year, source.year, "{name}");
        // The agency as the printed title names it: the same as the Word file gives.
        assert_eq!(pdf.agency, docx.agency, "{name}");
        // Every cell: the same text as the Word file's, and the same figure as the source's.
        let mut wrong = Vec::new();
        for cell in source.template().cells() {
            let key = cell.key.as_str();
            if pdf.cell_raw(key) != docx.cell_raw(key) {
                wrong.push(format!(
                    "{key}: PDF {:?}, Word {:?}",
                    pdf.cell_raw(key),
                    docx.cell_raw(key)
                ));
            }
            if pdf.cell_figure(key) != source.cell_figure(key) {
                wrong.push(format!(
                    "{key}: PDF {:?}, source {:?}",
                    pdf.cell_raw(key),
                    source.cell_raw(key)
                ));
            }
        }
        assert!(wrong.is_empty(), "{name}:\n{}", wrong.join("\n"));
        // The prose sections are all there, each in its place (a table's section keeps no
        // text of its own after import).
        let template = source.template();
        for section in &source.sections {
            if template
                .section(&section.id)
                .is_some_and(|spec| spec.table.is_some())
            {
                continue;
            }
            let text = pdf.section_text(&section.id).unwrap_or_default();
            let first: String = section
                .text
                .chars()
                .filter(|c| !c.is_whitespace())
                .take(12)
                .collect();
            let got: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(
                got.contains(&first),
                "{name}: section {} lost its opening {first:?}",
                section.id
            );
        }
    }
}

#[test]
fn a_scanned_report_says_it_has_no_text_layer_and_imports_nothing() {
    let scanned = include_bytes!("../../../tests/fixtures/pdf/scanned-page.pdf");
    let error = pdf_text::extract(scanned).expect_err("a picture has no text");
    assert_eq!(error, pdf_text::PdfError::Scanned { pages: 1 });
    assert!(error.zh().contains("此 PDF 是扫描图片，没有文字层"));
}
