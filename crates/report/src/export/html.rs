//! The HTML export: one self-contained page for a government website's CMS, and the same
//! markup and style for the app's preview (`to_html_fragment` + `DOCUMENT_CSS`).
//!
//! The page has no script and no external URL (CMS editors strip or refuse both, and the
//! app must work offline); every text is escaped. The print style follows GB/T 9704
//! (spec/official-format.md §D): A4, margins 37/26/35/28 mm, 16 pt 仿宋 at a 28.95 pt line
//! pitch, a 22 pt 小标宋 title, 黑体 and 楷体 headings, page numbers “— N —” on the outer
//! side. Government fonts are not on every machine, so each family is a stack ending in
//! fonts that Windows, macOS, Linux (Noto CJK) and the domestic systems do ship.

use crate::document::{Block, Cell, Document, HeadingLevel, Row, Table};
use crate::infographic::Infographic;

/// The style of the document, scoped to `.nianbao-doc` so the app can add it to its own page
/// without restyling anything else. `@page` rules necessarily apply to the whole print-out.
///
/// Page numbers use CSS margin boxes (Chromium 131+, WeasyPrint, Prince); browsers without
/// them just print no number, and the browser's own header and footer stay the user's choice.
pub const DOCUMENT_CSS: &str = r#"@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@page :right { @bottom-right { content: "— " counter(page) " —"; font-family: "SimSun", "宋体", "Songti SC", "STSong", "Noto Serif CJK SC", serif; font-size: 14pt; margin-right: 1em; vertical-align: top; padding-top: 7mm; } }
@page :left { @bottom-left { content: "— " counter(page) " —"; font-family: "SimSun", "宋体", "Songti SC", "STSong", "Noto Serif CJK SC", serif; font-size: 14pt; margin-left: 1em; vertical-align: top; padding-top: 7mm; } }
.nianbao-doc { font-family: "FangSong_GB2312", "仿宋_GB2312", "FangSong", "STFangsong", "仿宋", "Noto Serif CJK SC", "Source Han Serif SC", serif; font-size: 16pt; line-height: 28.95pt; color: #000; background: #fff; max-width: 156mm; margin: 0 auto; }
.nianbao-doc h1, .nianbao-doc h2, .nianbao-doc h3, .nianbao-doc p { margin: 0; font-size: 16pt; font-weight: normal; line-height: 28.95pt; }
.nianbao-doc .nb-title { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "STZhongsong", "SimSun", "Noto Serif CJK SC", serif; font-size: 22pt; line-height: 1.5; text-align: center; margin-bottom: 28.95pt; }
.nianbao-doc h2 { font-family: "SimHei", "STHeiti", "黑体", "Noto Sans CJK SC", sans-serif; text-indent: 2em; }
.nianbao-doc h3 { font-family: "KaiTi_GB2312", "KaiTi", "STKaiti", "楷体", serif; text-indent: 2em; }
.nianbao-doc p { text-indent: 2em; text-align: justify; }
.nianbao-doc .nb-signature { text-indent: 0; text-align: right; padding-right: 4em; margin-top: 28.95pt; }
.nianbao-doc table { width: 100%; border-collapse: collapse; margin: 7pt 0; font-family: "SimSun", "宋体", "Songti SC", "STSong", "Noto Serif CJK SC", "Source Han Serif SC", serif; font-size: 10.5pt; line-height: 1.4; }
.nianbao-doc th, .nianbao-doc td { border: 1px solid #000; padding: 2pt 3pt; text-align: center; vertical-align: middle; font-weight: normal; }
.nianbao-doc td.nb-num { font-variant-numeric: tabular-nums; white-space: nowrap; }
.nianbao-doc .nb-table-appeals { font-size: 9pt; }
.nianbao-doc tr { break-inside: avoid; page-break-inside: avoid; }
.nianbao-doc thead { display: table-header-group; }
.nianbao-doc h2, .nianbao-doc h3 { break-after: avoid; page-break-after: avoid; }
.nianbao-doc .nb-infographic { margin: 0; break-before: page; page-break-before: always; break-inside: avoid; page-break-inside: avoid; }
.nianbao-doc .nb-infographic svg { display: block; width: 100%; height: auto; }
"#;

/// The whole page: `<!DOCTYPE html>`, the inline style, the document.
pub fn to_html(document: &Document) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>");
    out.push_str(&escape(&document.title));
    out.push_str("</title>\n<style>\n");
    out.push_str(DOCUMENT_CSS);
    out.push_str("</style>\n</head>\n<body>\n");
    out.push_str(&to_html_fragment(document));
    out.push_str("</body>\n</html>\n");
    out
}

/// The document alone, `<article class="nianbao-doc">…</article>`, styled by
/// [`DOCUMENT_CSS`]: what the app's preview shows.
pub fn to_html_fragment(document: &Document) -> String {
    let mut out = String::from("<article class=\"nianbao-doc\">\n");
    out.push_str("<h1 class=\"nb-title\">");
    let lines: Vec<String> = document.title_lines().into_iter().map(escape).collect();
    out.push_str(&lines.join("<br>"));
    out.push_str("</h1>\n");
    for block in &document.blocks {
        match block {
            Block::Heading { level, text } => {
                let tag = match level {
                    HeadingLevel::Section => "h2",
                    HeadingLevel::Subsection => "h3",
                };
                out.push_str(&format!("<{tag}>{}</{tag}>\n", escape(text)));
            }
            Block::Paragraph(text) => {
                out.push_str(&format!("<p>{}</p>\n", escape(text)));
            }
            Block::Table(table) => push_table(&mut out, table),
            Block::Infographic(page) => push_infographic(&mut out, page),
            Block::Signature { agency, date } => {
                out.push_str("<p class=\"nb-signature\">");
                if !agency.is_empty() {
                    out.push_str(&escape(agency));
                    out.push_str("<br>");
                }
                out.push_str(&escape(date));
                out.push_str("</p>\n");
            }
        }
    }
    out.push_str("</article>\n");
    out
}

/// The 图解 page: its SVG inline (text stays text, no image file to lose), on a page of its
/// own, scaled to the type area; Markdown embeds the same markup.
pub(crate) fn push_infographic(out: &mut String, page: &Infographic) {
    out.push_str("<figure class=\"nb-infographic\">\n");
    out.push_str(&page.to_svg());
    out.push_str("</figure>\n");
}

/// A table with `<thead>` for the repeating header rows; Markdown embeds the same markup.
pub(crate) fn push_table(out: &mut String, table: &Table) {
    let id: String = table
        .id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    out.push_str(&format!(
        "<table class=\"nb-table nb-table-{id}\" data-table=\"{id}\">\n"
    ));
    if !table.head.is_empty() {
        out.push_str("<thead>\n");
        for row in &table.head {
            push_row(out, row);
        }
        out.push_str("</thead>\n");
    }
    out.push_str("<tbody>\n");
    for row in &table.body {
        push_row(out, row);
    }
    out.push_str("</tbody>\n</table>\n");
}

fn push_row(out: &mut String, row: &Row) {
    out.push_str("<tr>");
    for cell in &row.cells {
        push_cell(out, cell);
    }
    out.push_str("</tr>\n");
}

fn push_cell(out: &mut String, cell: &Cell) {
    let tag = if cell.is_header { "th" } else { "td" };
    out.push('<');
    out.push_str(tag);
    if cell.rowspan > 1 {
        out.push_str(&format!(" rowspan=\"{}\"", cell.rowspan));
    }
    if cell.colspan > 1 {
        out.push_str(&format!(" colspan=\"{}\"", cell.colspan));
    }
    if cell.numeric {
        out.push_str(" class=\"nb-num\"");
    }
    if let Some(key) = &cell.key {
        out.push_str(&format!(" data-cell=\"{}\"", escape(key)));
    }
    out.push('>');
    out.push_str(&escape(&cell.text));
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

/// Escapes text for HTML element content and quoted attribute values.
pub(crate) fn escape(text: &str) -> String {
    crate::export::escape_markup(text)
}
