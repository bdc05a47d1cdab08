//! Extraction on PDFs made here with `lopdf` for each case the layout must get right (lines
//! drawn out of order, table columns, spaces, forms, fake bold, pictures only, fonts without
//! characters), and on damaged input. The real published PDF and LibreOffice's PDFs are in
//! `tests/import.rs`, through the report importer.

use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, Stream, dictionary};

use super::*;

/// One page (A4) drawing `ops`, with a Helvetica (WinAnsi) font `F1` and, when given, extra
/// resources.
fn pdf_with(
    ops: Vec<Operation>,
    extra: impl FnOnce(&mut Document, &mut lopdf::Dictionary),
) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
        "FirstChar" => 32,
        "Widths" => (32..127).map(|_| Object::Integer(500)).collect::<Vec<_>>(),
    });
    let mut resources = dictionary! { "Font" => dictionary! { "F1" => font_id } };
    extra(&mut doc, &mut resources);
    let resources_id = doc.add_object(resources);
    let content = Content { operations: ops };
    let content_id = doc.add_object(Stream::new(
        dictionary! {},
        content.encode().expect("content"),
    ));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content_id,
        "Resources" => resources_id,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page_id.into()],
            "Count" => 1,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("save");
    bytes
}

fn pdf(ops: Vec<Operation>) -> Vec<u8> {
    pdf_with(ops, |_, _| {})
}

fn op(operator: &str, operands: Vec<Object>) -> Operation {
    Operation::new(operator, operands)
}

/// `BT /F1 10 Tf x y Td (text) Tj ET`.
fn text_at(x: i64, y: i64, text: &str) -> Vec<Operation> {
    vec![
        op("BT", vec![]),
        op("Tf", vec!["F1".into(), 10.into()]),
        op("Td", vec![x.into(), y.into()]),
        op("Tj", vec![Object::string_literal(text)]),
        op("ET", vec![]),
    ]
}

fn lines(bytes: &[u8]) -> Vec<String> {
    let extracted = extract(bytes).expect("text");
    extracted
        .text
        .lines()
        .map(|line| line.trim().to_string())
        .filter(|line| !line.is_empty())
        .collect()
}

#[test]
fn lines_come_top_to_bottom_whatever_order_they_were_drawn_in() {
    let mut ops = text_at(72, 700, "second line");
    ops.extend(text_at(72, 760, "first line"));
    ops.extend(text_at(72, 640, "third line"));
    assert_eq!(
        lines(&pdf(ops)),
        ["first line", "second line", "third line"]
    );
}

#[test]
fn table_cells_on_one_row_stay_apart_and_in_columns() {
    let mut ops = Vec::new();
    // Drawn column by column, right to left, as some producers do.
    for (x, value) in [(400, "7"), (300, "15"), (200, "0"), (72, "Total")] {
        ops.extend(text_at(x, 600, value));
    }
    for (x, value) in [(400, "12"), (300, "3"), (72, "Other")] {
        ops.extend(text_at(x, 580, value));
    }
    let text = extract(&pdf(ops)).expect("text").text;
    let rows: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(
        rows[0].split_whitespace().collect::<Vec<_>>(),
        ["Total", "0", "15", "7"]
    );
    // Columns line up: the 7 and the 12 start in the same column, and a missing cell leaves
    // its column empty rather than pulling the next value left.
    assert_eq!(rows[0].find('7'), rows[1].find("12"));
    assert_eq!(rows[0].find("15"), rows[1].find('3'));
    assert!(rows[0].contains("Total  "), "{rows:?}");
}

#[test]
fn words_keep_single_spaces_from_kerning_and_typed_spaces() {
    let ops = vec![
        op("BT", vec![]),
        op("Tf", vec!["F1".into(), 10.into()]),
        op("Td", vec![72.into(), 700.into()]),
        // A word gap made by kerning, then a typed space.
        op(
            "TJ",
            vec![Object::Array(vec![
                Object::string_literal("open"),
                Object::Integer(-400),
                Object::string_literal("data is"),
            ])],
        ),
        op("Tj", vec![Object::string_literal("good")]),
        op("ET", vec![]),
    ];
    assert_eq!(lines(&pdf(ops)), ["open data isgood"]);
}

#[test]
fn text_state_operators_move_the_pen() {
    let ops = vec![
        op("BT", vec![]),
        op("Tf", vec!["F1".into(), 10.into()]),
        op("TL", vec![14.into()]),
        op(
            "Tm",
            vec![
                1.into(),
                0.into(),
                0.into(),
                1.into(),
                72.into(),
                700.into(),
            ],
        ),
        op("Tj", vec![Object::string_literal("one")]),
        op("T*", vec![]),
        op("Tj", vec![Object::string_literal("two")]),
        op("'", vec![Object::string_literal("three")]),
        op("TD", vec![0.into(), (-20).into()]),
        op("Tj", vec![Object::string_literal("four")]),
        op("ET", vec![]),
    ];
    assert_eq!(lines(&pdf(ops)), ["one", "two", "three", "four"]);
}

#[test]
fn a_scaled_page_keeps_its_lines() {
    // `cm` scales everything by 2: the two lines are 40 points apart, not 20.
    let mut ops = vec![
        op("q", vec![]),
        op(
            "cm",
            vec![2.into(), 0.into(), 0.into(), 2.into(), 0.into(), 0.into()],
        ),
    ];
    ops.extend(text_at(36, 350, "upper"));
    ops.extend(text_at(36, 330, "lower"));
    ops.push(op("Q", vec![]));
    assert_eq!(lines(&pdf(ops)), ["upper", "lower"]);
}

#[test]
fn text_inside_a_form_is_read() {
    let form_ops = Content {
        operations: text_at(72, 700, "in the form"),
    };
    let bytes = pdf_with(vec![op("Do", vec!["Fm1".into()])], |doc, resources| {
        let font = resources.get(b"Font").expect("font").clone();
        let form = doc.add_object(Stream::new(
            dictionary! {
                "Type" => "XObject",
                "Subtype" => "Form",
                "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                "Resources" => dictionary! { "Font" => font },
            },
            form_ops.encode().expect("form"),
        ));
        resources.set("XObject", dictionary! { "Fm1" => form });
    });
    assert_eq!(lines(&bytes), ["in the form"]);
}

#[test]
fn fake_bold_is_read_once() {
    // The same line drawn twice, a third of a point apart, to look bold.
    let mut ops = text_at(72, 700, "Bold");
    ops.push(op("BT", vec![]));
    ops.push(op("Tf", vec!["F1".into(), 10.into()]));
    ops.push(op("Td", vec![Object::Real(72.3), 700.into()]));
    ops.push(op("Tj", vec![Object::string_literal("Bold")]));
    ops.push(op("ET", vec![]));
    assert_eq!(lines(&pdf(ops)), ["Bold"]);
}

#[test]
fn a_scanned_pdf_is_said_to_have_no_text_layer() {
    let bytes = pdf_with(
        vec![
            op("q", vec![]),
            op(
                "cm",
                vec![
                    595.into(),
                    0.into(),
                    0.into(),
                    842.into(),
                    0.into(),
                    0.into(),
                ],
            ),
            op("Do", vec!["Im1".into()]),
            op("Q", vec![]),
        ],
        |doc, resources| {
            let image = doc.add_object(Stream::new(
                dictionary! {
                    "Type" => "XObject",
                    "Subtype" => "Image",
                    "Width" => 2,
                    "Height" => 2,
                    "ColorSpace" => "DeviceGray",
                    "BitsPerComponent" => 8,
                },
                vec![0, 255, 255, 0],
            ));
            resources.set("XObject", dictionary! { "Im1" => image });
        },
    );
    assert_eq!(extract(&bytes), Err(PdfError::Scanned { pages: 1 }));
    assert!(
        PdfError::Scanned { pages: 1 }
            .zh()
            .starts_with("此 PDF 是扫描图片，没有文字层")
    );
}

#[test]
fn a_font_that_does_not_say_its_characters_is_refused_not_guessed() {
    let bytes = pdf_with(
        vec![
            op("BT", vec![]),
            op("Tf", vec!["F2".into(), 10.into()]),
            op("Td", vec![72.into(), 700.into()]),
            op(
                "Tj",
                vec![Object::String(
                    vec![0, 5, 0, 6, 0, 7],
                    lopdf::StringFormat::Hexadecimal,
                )],
            ),
            op("ET", vec![]),
        ],
        |doc, resources| {
            let descendant = doc.add_object(dictionary! {
                "Type" => "Font",
                "Subtype" => "CIDFontType2",
                "BaseFont" => "SimSun",
                "DW" => 1000,
            });
            let font = doc.add_object(dictionary! {
                "Type" => "Font",
                "Subtype" => "Type0",
                "BaseFont" => "SimSun",
                "Encoding" => "Identity-H",
                "DescendantFonts" => vec![descendant.into()],
            });
            if let Ok(Object::Dictionary(fonts)) = resources.get_mut(b"Font") {
                fonts.set("F2", font);
            }
        },
    );
    assert_eq!(extract(&bytes), Err(PdfError::Unreadable { glyphs: 3 }));
}

#[test]
fn what_is_not_a_pdf_is_said_so() {
    assert_eq!(extract(b""), Err(PdfError::NotPdf));
    assert_eq!(
        extract(b"<html><body>report</body></html>"),
        Err(PdfError::NotPdf)
    );
    assert_eq!(extract("%PD 2024年报".as_bytes()), Err(PdfError::NotPdf));
}

#[test]
fn a_truncated_pdf_is_an_error_never_an_empty_text() {
    let whole = pdf(text_at(72, 700, "complete"));
    for cut in [10, whole.len() / 3, whole.len() / 2] {
        match extract(&whole[..cut]) {
            Err(PdfError::Damaged(_) | PdfError::Scanned { .. }) => {}
            other => panic!("cut at {cut}: {other:?}"),
        }
    }
}

#[test]
fn every_page_ends_with_a_form_feed() {
    let extracted = extract(&pdf(text_at(72, 700, "page"))).expect("text");
    assert_eq!(extracted.pages, 1);
    assert!(extracted.text.ends_with('\u{c}'));
    assert_eq!(extracted.unreadable, 0);
}

#[test]
fn a_download_cut_short_is_damaged_even_when_its_first_pages_parse() {
    let whole: &[u8] = include_bytes!("../../../tests/fixtures/published/huaian-2024.pdf");
    for cut in [whole.len() / 10, whole.len() / 3, whole.len() - 200] {
        assert!(
            matches!(extract(&whole[..cut]), Err(PdfError::Damaged(_))),
            "cut at {cut} of {}",
            whole.len()
        );
    }
}

#[test]
fn a_page_whose_content_cannot_be_inflated_is_named_not_dropped() {
    let mut doc = Document::load_mem(&pdf(text_at(72, 700, "fine"))).expect("pdf");
    // The content stream claims Flate but holds no Flate data.
    for object in doc.objects.values_mut() {
        if let Object::Stream(stream) = object {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(b"not flate at all".to_vec());
        }
    }
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("save");
    assert!(
        matches!(extract(&bytes), Err(PdfError::Damaged(_))),
        "{:?}",
        extract(&bytes)
    );
}

#[test]
fn a_glyph_placed_absurdly_far_away_does_not_blow_up_the_text() {
    let mut ops = text_at(72, 700, "near");
    ops.push(op("BT", vec![]));
    ops.push(op("Tf", vec!["F1".into(), 10.into()]));
    ops.push(op(
        "Tm",
        vec![
            1.into(),
            0.into(),
            0.into(),
            1.into(),
            Object::Real(1.0e30),
            700.into(),
        ],
    ));
    ops.push(op("Tj", vec![Object::string_literal("far")]));
    ops.push(op("ET", vec![]));
    let text = extract(&pdf(ops)).expect("text").text;
    assert!(text.len() < 4096, "{} bytes", text.len());
    assert_eq!(text.split_whitespace().collect::<Vec<_>>(), ["near", "far"]);
}
