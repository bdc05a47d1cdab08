//! The Word export (.docx, WordprocessingML), the file most agencies attach to the published
//! report and edit further in Word or WPS.
//!
//! The layout is GB/T 9704 as in spec/official-format.md §D: A4, margins top 37 mm, bottom
//! 35 mm, left 28 mm, right 26 mm; body 3号 (16 pt) 仿宋 at an exact 28.95 pt line pitch with
//! a two-character first-line indent; the title 2号 (22 pt) 小标宋; 一级 headings 黑体, 二级
//! 楷体; page numbers “— N —” in 4号 宋体, odd pages on the right and even pages on the left,
//! one character in from the edge of the text block. Tables are 5号 (10.5 pt) 宋体, their
//! header rows repeat on each page (`w:tblHeader`) and no row breaks across pages
//! (`w:cantSplit`); merged cells use `w:gridSpan` and `w:vMerge`.
//!
//! Fonts are named as Chinese government templates name them (仿宋_GB2312, 方正小标宋简体,
//! 楷体_GB2312), with the fonts every Windows and WPS install has (仿宋, 宋体, 楷体) as
//! `w:altName` substitutes in the font table. The parts are plain strings built here, with
//! no XML library: every text goes through `escape`, which also drops the characters XML 1.0
//! cannot carry, so the package is well-formed whatever the report holds.

use crate::document::{Block, Cell, Document, HeadingLevel, Table};
use crate::export::zip::ZipWriter;
use crate::export::{Grid, Placed};
use crate::infographic::Infographic;

/// Millimetres in twips (1 inch = 25.4 mm = 1440 twips), rounded: A4 is 11906 × 16838.
const fn mm(millimetres: u32) -> u32 {
    (millimetres * 14400 + 127) / 254
}

/// The width of the text block (版心), 156 mm.
const TEXT_WIDTH: u32 = 8844;

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WP_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
const A_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const PIC_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/picture";
const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// The document as the bytes of a .docx file. A 图解 page is written as its words (its text
/// alternative): a picture needs the PNG only a browser can draw, see [`to_docx_with_picture`].
pub fn to_docx(document: &Document) -> Vec<u8> {
    to_docx_with_picture(document, None)
}

/// The document as a .docx file, the 图解 page as the picture `infographic_png` (the SVG
/// drawn as a PNG at print resolution) on a page of its own, scaled to the text block, with
/// the page's description as its alternative text. Without the PNG, the page's words.
pub fn to_docx_with_picture(document: &Document, infographic_png: Option<&[u8]>) -> Vec<u8> {
    let picture = infographic_png.filter(|_| {
        document
            .blocks
            .iter()
            .any(|block| matches!(block, Block::Infographic(_)))
    });
    let mut zip = ZipWriter::default();
    let content_types = match picture {
        Some(_) => CONTENT_TYPES.replace(
            "<Default Extension=\"xml\"",
            "<Default Extension=\"png\" ContentType=\"image/png\"/><Default Extension=\"xml\"",
        ),
        None => CONTENT_TYPES.to_string(),
    };
    zip.add("[Content_Types].xml", content_types.as_bytes());
    zip.add("_rels/.rels", PACKAGE_RELS.as_bytes());
    zip.add("docProps/core.xml", core_properties(document).as_bytes());
    zip.add(
        "word/document.xml",
        document_xml(document, picture.is_some()).as_bytes(),
    );
    let relationships = match picture {
        Some(_) => DOCUMENT_RELS.replace(
            "</Relationships>",
            "<Relationship Id=\"rIdInfographic\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/infographic.png\"/></Relationships>",
        ),
        None => DOCUMENT_RELS.to_string(),
    };
    zip.add("word/_rels/document.xml.rels", relationships.as_bytes());
    if let Some(png) = picture {
        zip.add("word/media/infographic.png", png);
    }
    zip.add("word/styles.xml", styles_xml().as_bytes());
    zip.add("word/settings.xml", SETTINGS.as_bytes());
    zip.add("word/fontTable.xml", font_table().as_bytes());
    zip.add("word/footer1.xml", footer_xml("right").as_bytes());
    zip.add("word/footer2.xml", footer_xml("left").as_bytes());
    zip.finish()
}

const CONTENT_TYPES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">",
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>",
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>",
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>",
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>",
    "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>",
    "<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>",
    "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>",
    "<Override PartName=\"/word/footer2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>",
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>",
    "</Types>"
);

const PACKAGE_RELS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>",
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>",
    "</Relationships>"
);

const DOCUMENT_RELS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    "<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>",
    "<Relationship Id=\"rIdSettings\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>",
    "<Relationship Id=\"rIdFonts\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/>",
    "<Relationship Id=\"rIdFooterOdd\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>",
    "<Relationship Id=\"rIdFooterEven\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer2.xml\"/>",
    "</Relationships>"
);

/// Odd and even pages get different footers (GB/T 9704 §7.5: 单页码居右, 双页码居左).
const SETTINGS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    "<w:evenAndOddHeaders/>",
    "<w:defaultTabStop w:val=\"640\"/>",
    "<w:characterSpacingControl w:val=\"compressPunctuation\"/>",
    "</w:settings>"
);

const BODY_FONT: &str = "仿宋_GB2312";
const TITLE_FONT: &str = "方正小标宋简体";
const HEADING1_FONT: &str = "黑体";
const HEADING2_FONT: &str = "楷体_GB2312";
const TABLE_FONT: &str = "宋体";
const LATIN_FONT: &str = "Times New Roman";

/// Each font the styles name, with the substitute Word and WPS use when it is missing.
const FONTS: &[(&str, &str)] = &[
    (BODY_FONT, "仿宋"),
    (TITLE_FONT, "宋体"),
    (HEADING1_FONT, "SimHei"),
    (HEADING2_FONT, "楷体"),
    (TABLE_FONT, "SimSun"),
];

fn font_table() -> String {
    let mut out = format!("{XML_DECL}<w:fonts xmlns:w=\"{W_NS}\">");
    for (name, alternative) in FONTS {
        out.push_str(&format!(
            "<w:font w:name=\"{name}\"><w:altName w:val=\"{alternative}\"/><w:charset w:val=\"86\"/></w:font>"
        ));
    }
    out.push_str(&format!("<w:font w:name=\"{LATIN_FONT}\"/></w:fonts>"));
    out
}

fn fonts(east_asia: &str) -> String {
    format!(
        "<w:rFonts w:ascii=\"{LATIN_FONT}\" w:hAnsi=\"{LATIN_FONT}\" w:eastAsia=\"{east_asia}\" w:cs=\"{LATIN_FONT}\"/>"
    )
}

/// 28.95 pt, the line pitch of 22 lines in the 225 mm text block, in twentieths of a point.
const LINE_PITCH: u32 = 579;

fn styles_xml() -> String {
    let exact = format!(
        "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"{LINE_PITCH}\" w:lineRule=\"exact\"/>"
    );
    let paragraph_style = |id: &str, name: &str, ppr: &str, rpr: &str| {
        format!(
            "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
        )
    };
    let no_indent = "<w:ind w:firstLine=\"0\" w:firstLineChars=\"0\"/>";
    let mut out = format!("{XML_DECL}<w:styles xmlns:w=\"{W_NS}\">");
    out.push_str(&format!(
        "<w:docDefaults><w:rPrDefault><w:rPr>{}<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>{exact}</w:pPr></w:pPrDefault></w:docDefaults>",
        fonts(BODY_FONT)
    ));
    out.push_str(&format!(
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/><w:pPr><w:widowControl w:val=\"0\"/>{exact}<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/><w:jc w:val=\"both\"/></w:pPr><w:rPr>{}<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>",
        fonts(BODY_FONT)
    ));
    out.push_str(&paragraph_style(
        "NbTitle",
        "Title",
        &format!("<w:keepNext/><w:spacing w:before=\"0\" w:after=\"{LINE_PITCH}\" w:line=\"720\" w:lineRule=\"exact\"/>{no_indent}<w:jc w:val=\"center\"/><w:outlineLvl w:val=\"0\"/>"),
        &format!("{}<w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/>", fonts(TITLE_FONT)),
    ));
    out.push_str(&paragraph_style(
        "Heading1",
        "heading 1",
        "<w:keepNext/><w:outlineLvl w:val=\"1\"/>",
        &fonts(HEADING1_FONT),
    ));
    out.push_str(&paragraph_style(
        "Heading2",
        "heading 2",
        "<w:keepNext/><w:outlineLvl w:val=\"2\"/>",
        &fonts(HEADING2_FONT),
    ));
    out.push_str(&paragraph_style(
        "NbSignature",
        "Signature",
        "<w:ind w:firstLine=\"0\" w:firstLineChars=\"0\" w:right=\"1280\" w:rightChars=\"400\"/><w:jc w:val=\"right\"/>",
        "",
    ));
    out.push_str(&paragraph_style(
        "NbTable",
        "Table Text",
        &format!("<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>{no_indent}<w:jc w:val=\"center\"/>"),
        &format!("{}<w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>", fonts(TABLE_FONT)),
    ));
    out.push_str(&paragraph_style(
        "NbFooter",
        "footer",
        &format!("<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>{no_indent}"),
        &format!("{}<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>", fonts(TABLE_FONT)),
    ));
    out.push_str("</w:styles>");
    out
}

/// A footer with “— PAGE —”, one character (4号, 14 pt = 280 twips) in from the `side`.
fn footer_xml(side: &str) -> String {
    let indent = if side == "left" { "w:left" } else { "w:right" };
    format!(
        "{XML_DECL}<w:ftr xmlns:w=\"{W_NS}\"><w:p><w:pPr><w:pStyle w:val=\"NbFooter\"/><w:ind {indent}=\"280\" w:firstLine=\"0\"/><w:jc w:val=\"{side}\"/></w:pPr>\
<w:r><w:t xml:space=\"preserve\">— </w:t></w:r>\
<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>\
<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>\
<w:r><w:t>1</w:t></w:r>\
<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>\
<w:r><w:t xml:space=\"preserve\"> —</w:t></w:r></w:p></w:ftr>"
    )
}

fn core_properties(document: &Document) -> String {
    format!(
        "{XML_DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:creator>Nianbao</dc:creator></cp:coreProperties>",
        escape(&document.title)
    )
}

fn document_xml(document: &Document, with_picture: bool) -> String {
    // The drawing namespaces are declared at the root, where Word itself declares them.
    let mut out = format!(
        "{XML_DECL}<w:document xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\" xmlns:wp=\"{WP_NS}\" xmlns:a=\"{A_NS}\" xmlns:pic=\"{PIC_NS}\"><w:body>"
    );
    for line in document.title_lines() {
        paragraph(&mut out, "NbTitle", line);
    }
    for block in &document.blocks {
        match block {
            Block::Heading { level, text } => {
                let style = match level {
                    HeadingLevel::Section => "Heading1",
                    HeadingLevel::Subsection => "Heading2",
                };
                paragraph(&mut out, style, text);
            }
            Block::Paragraph(text) => paragraph(&mut out, "Normal", text),
            Block::Table(table) => push_table(&mut out, table),
            // Without a picture drawn, Word gets the page's words (its text alternative).
            Block::Infographic(page) if with_picture => picture(&mut out, page),
            Block::Infographic(page) => {
                paragraph(&mut out, "Heading1", "图解");
                paragraph(&mut out, "Normal", &page.description());
            }
            Block::Signature { agency, date } => {
                // A blank line sets the 落款 off from the last paragraph.
                paragraph(&mut out, "NbSignature", "");
                if !agency.is_empty() {
                    paragraph(&mut out, "NbSignature", agency);
                }
                paragraph(&mut out, "NbSignature", date);
            }
        }
    }
    out.push_str(&format!(
        "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooterOdd\"/><w:footerReference w:type=\"even\" r:id=\"rIdFooterEven\"/>\
<w:pgSz w:w=\"{}\" w:h=\"{}\"/>\
<w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" w:left=\"{}\" w:header=\"851\" w:footer=\"{}\" w:gutter=\"0\"/>\
<w:docGrid w:type=\"lines\" w:linePitch=\"{LINE_PITCH}\"/></w:sectPr></w:body></w:document>",
        mm(210),
        mm(297),
        mm(37),
        mm(26),
        mm(35),
        mm(28),
        // The number's top edge sits 7 mm below the text block (§7.5); a 4号 digit is about
        // 5 mm tall, so its baseline area ends some 23 mm above the paper's edge.
        mm(23),
    ));
    out
}

/// The 图解 picture on a page of its own: an inline drawing as wide as the text block, its
/// height in the page's A4 proportion, described for screen readers.
fn picture(out: &mut String, page: &Infographic) {
    // EMUs: 36,000 a millimetre; the text block is 156 mm wide, the page is 840 × 1188.
    let width: u64 = 156 * 36_000;
    let height = width * 1188 / 840;
    let name = escape(&format!("{}图解", page.title));
    let description = escape(&page.description());
    out.push_str(&format!(
        "<w:p><w:pPr><w:pageBreakBefore/><w:spacing w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/></w:pPr><w:r><w:drawing>\
<wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">\
<wp:extent cx=\"{width}\" cy=\"{height}\"/><wp:docPr id=\"1\" name=\"{name}\" descr=\"{description}\"/>\
<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
<pic:pic><pic:nvPicPr><pic:cNvPr id=\"1\" name=\"infographic.png\" descr=\"{description}\"/><pic:cNvPicPr/></pic:nvPicPr>\
<pic:blipFill><a:blip r:embed=\"rIdInfographic\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{width}\" cy=\"{height}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>\
</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    ));
}

fn paragraph(out: &mut String, style: &str, text: &str) {
    out.push_str(&format!(
        "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>"
    ));
    if !text.is_empty() {
        out.push_str(&format!(
            "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>",
            escape(text)
        ));
    }
    out.push_str("</w:p>");
}

/// The widths of the grid columns: label columns (those left of every figure) get 43 % of
/// the text block when the table has many figure columns (table 三), else all are equal.
fn column_widths(grid: &Grid<'_>, n_columns: usize) -> Vec<u32> {
    let n_columns = n_columns.max(1);
    let label_columns = grid
        .placed
        .iter()
        .filter(|placed| placed.cell.numeric)
        .map(|placed| placed.column)
        .min()
        .unwrap_or(0);
    let data_columns = n_columns.saturating_sub(label_columns);
    let total = u64::from(TEXT_WIDTH);
    let count = |n: usize| u64::try_from(n).unwrap_or(1).max(1);
    if label_columns == 0 || data_columns < 5 {
        let width = u32::try_from(total / count(n_columns)).unwrap_or(1);
        return vec![width; n_columns];
    }
    let label_total = total * 43 / 100;
    let data_width = (total - label_total) / count(data_columns);
    // The outer label columns hold short group labels (三、本年度办理结果); the last one
    // holds the long item labels.
    let narrow = total * 8 / 100;
    let narrow_total = narrow * count(label_columns - 1);
    let last_label = label_total.saturating_sub(narrow_total).max(narrow);
    let mut widths = vec![u32::try_from(narrow).unwrap_or(1); label_columns - 1];
    widths.push(u32::try_from(last_label).unwrap_or(1));
    widths.extend(vec![u32::try_from(data_width).unwrap_or(1); data_columns]);
    widths
}

fn push_table(out: &mut String, table: &Table) {
    let grid = Grid::new(table);
    let n_columns = grid
        .covering
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(0)
        .max(usize::from(table.columns));
    let border = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"";
    out.push_str(&format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{TEXT_WIDTH}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders><w:top {border}/><w:left {border}/><w:bottom {border}/><w:right {border}/><w:insideH {border}/><w:insideV {border}/></w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>"
    ));
    let widths = column_widths(&grid, n_columns);
    for width in &widths {
        out.push_str(&format!("<w:gridCol w:w=\"{width}\"/>"));
    }
    out.push_str("</w:tblGrid>");
    let n_head = table.head.len();
    for (row_idx, covering) in grid.covering.iter().enumerate() {
        out.push_str("<w:tr><w:trPr><w:cantSplit/>");
        if row_idx < n_head {
            out.push_str("<w:tblHeader/>");
        }
        out.push_str("</w:trPr>");
        let mut column = 0;
        while column < n_columns {
            let placed = covering
                .get(column)
                .copied()
                .flatten()
                .and_then(|index| grid.placed.get(index));
            match placed {
                Some(placed) => {
                    let width: u32 = widths.get(placed.columns()).map_or(0, |w| w.iter().sum());
                    push_cell(out, placed, row_idx, width);
                    column = placed.columns().end.max(column + 1);
                }
                // A ragged row: an empty cell keeps the grid rectangular.
                None => {
                    let width = widths.get(column).copied().unwrap_or(0);
                    out.push_str(&format!(
                        "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr><w:p><w:pPr><w:pStyle w:val=\"NbTable\"/></w:pPr></w:p></w:tc>"
                    ));
                    column += 1;
                }
            }
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}

/// One `w:tc`: the cell itself on the row it starts, or a `vMerge` continuation below it.
fn push_cell(out: &mut String, placed: &Placed<'_>, row_idx: usize, width: u32) {
    let cell: &Cell = placed.cell;
    let starts_here = placed.row == row_idx;
    out.push_str(&format!(
        "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>"
    ));
    if cell.colspan > 1 {
        out.push_str(&format!("<w:gridSpan w:val=\"{}\"/>", cell.colspan));
    }
    if cell.rowspan > 1 {
        out.push_str(if starts_here {
            "<w:vMerge w:val=\"restart\"/>"
        } else {
            "<w:vMerge/>"
        });
    }
    out.push_str(
        "<w:vAlign w:val=\"center\"/></w:tcPr><w:p><w:pPr><w:pStyle w:val=\"NbTable\"/></w:pPr>",
    );
    if starts_here && !cell.text.is_empty() {
        out.push_str(&format!(
            "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>",
            escape(&cell.text)
        ));
    }
    out.push_str("</w:p></w:tc>");
}

use crate::export::escape_markup as escape;
