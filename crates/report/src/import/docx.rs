//! Word files (.docx): the clerk's own last-year file. The package is read far enough to get
//! `word/document.xml` (a small ZIP reader: the central directory, stored or deflated entries
//! inflated by `miniz_oxide`), and the document body becomes the same text the other imports
//! read: a paragraph a line, a table row a line of tab-separated cells, with merged label
//! cells (`w:vMerge`) repeated on the rows they span.

use roxmltree::{Document, Node};

/// The main document part's name inside the package.
const DOCUMENT_PART: &str = "word/document.xml";

/// The most a document part may inflate to (a zip bomb stops here, not in memory).
const MAX_PART: usize = 64 * 1024 * 1024;

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The text of a .docx file, or why it cannot be read (in the clerk's words).
pub(super) fn docx_text(bytes: &[u8]) -> Result<String, String> {
    let xml = read_part(bytes, DOCUMENT_PART)?;
    let xml = String::from_utf8(xml).map_err(|_| "文档内容不是 UTF-8 编码的 XML".to_string())?;
    let document = Document::parse_with_options(
        &xml,
        roxmltree::ParsingOptions {
            allow_dtd: false,
            ..roxmltree::ParsingOptions::default()
        },
    )
    .map_err(|error| format!("文档内容不是有效的 XML：{error}"))?;
    let body = document
        .root_element()
        .children()
        .find(|node| is_w(node, "body"))
        .ok_or_else(|| "文档中没有正文（w:body）".to_string())?;
    let mut out = String::new();
    write_blocks(body, &mut out);
    Ok(out)
}

fn is_w(node: &Node<'_, '_>, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(W_NS)
}

fn w_attr<'a>(node: &Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((W_NS, name))
}

/// Paragraphs and tables in document order, also inside content controls and the like.
fn write_blocks(parent: Node<'_, '_>, out: &mut String) {
    for node in parent.children().filter(Node::is_element) {
        if is_w(&node, "p") {
            out.push_str(&paragraph_text(node));
            out.push('\n');
        } else if is_w(&node, "tbl") {
            write_table(node, out);
        } else if !is_w(&node, "sectPr") {
            write_blocks(node, out);
        }
    }
}

/// The text of a paragraph: its runs' `w:t`, tabs as spaces, breaks as line breaks; deleted
/// text (tracked changes) left out.
fn paragraph_text(paragraph: Node<'_, '_>) -> String {
    let mut text = String::new();
    for node in paragraph.descendants().filter(Node::is_element) {
        if node.ancestors().any(|a| is_w(&a, "del")) {
            continue;
        }
        if is_w(&node, "t") {
            text.push_str(node.text().unwrap_or(""));
        } else if is_w(&node, "tab") {
            text.push(' ');
        } else if is_w(&node, "br") || is_w(&node, "cr") {
            text.push('\n');
        }
    }
    text
}

/// Each row a line of tab-separated cells. A cell merged down (`w:vMerge`) repeats its text
/// on the rows below when it is a label; a merged figure is written once.
fn write_table(table: Node<'_, '_>, out: &mut String) {
    // The text of the merge that starts at each grid column.
    let mut merges: Vec<(usize, String)> = Vec::new();
    for row in table.children().filter(|node| is_w(node, "tr")) {
        let mut cells: Vec<String> = Vec::new();
        let mut column = 0;
        for cell in row.children().filter(|node| is_w(node, "tc")) {
            let properties = cell.children().find(|node| is_w(node, "tcPr"));
            let span = properties
                .and_then(|p| p.children().find(|node| is_w(node, "gridSpan")))
                .and_then(|node| w_attr(&node, "val"))
                .and_then(|val| val.parse::<usize>().ok())
                .unwrap_or(1)
                .max(1);
            let merge = properties
                .and_then(|p| p.children().find(|node| is_w(node, "vMerge")))
                .map(|node| w_attr(&node, "val").unwrap_or("continue"));
            let text = cell_text(cell);
            match merge {
                Some("continue") => {
                    if let Some((_, above)) = merges.iter().find(|(at, _)| *at == column)
                        && super::value(above).is_none()
                    {
                        cells.push(above.clone());
                    }
                }
                Some(_) => {
                    merges.retain(|(at, _)| *at != column);
                    merges.push((column, text.clone()));
                    cells.push(text);
                }
                None => {
                    merges.retain(|(at, _)| *at != column);
                    cells.push(text);
                }
            }
            column += span;
        }
        match cells.as_slice() {
            [] => {}
            // A one-cell row (a caption across the table) is still a table row, not prose:
            // written as a pipe row, since a lone tab would read as indentation.
            [only] => out.push_str(&format!("| {only} |\n")),
            _ => {
                out.push_str(&cells.join("\t"));
                out.push('\n');
            }
        }
    }
    out.push('\n');
}

/// A cell's paragraphs joined: a label wrapped over lines in Word is one label.
fn cell_text(cell: Node<'_, '_>) -> String {
    let mut text = String::new();
    for paragraph in cell.descendants().filter(|node| is_w(node, "p")) {
        text.push_str(&paragraph_text(paragraph).replace('\n', ""));
    }
    text.trim().to_string()
}

/// One part of a ZIP package, inflated.
fn read_part(bytes: &[u8], name: &str) -> Result<Vec<u8>, String> {
    let not_docx = || "不是 Word 文档（.docx）：文件不是 ZIP 包，或已损坏".to_string();
    let u16_at = |at: usize| -> Option<usize> {
        Some(usize::from(u16::from_le_bytes(
            bytes.get(at..at + 2)?.try_into().ok()?,
        )))
    };
    let u32_at = |at: usize| -> Option<usize> {
        usize::try_from(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?)).ok()
    };
    // The end of central directory record: the last 22 bytes plus a comment of up to 64 KB.
    let earliest = bytes.len().saturating_sub(22 + 65_535);
    let end = (earliest..bytes.len().saturating_sub(21))
        .rev()
        .find(|&at| bytes[at..].starts_with(&[0x50, 0x4b, 0x05, 0x06]))
        .ok_or_else(not_docx)?;
    let entries = u16_at(end + 10).ok_or_else(not_docx)?;
    let mut at = u32_at(end + 16).ok_or_else(not_docx)?;
    for _ in 0..entries {
        if !bytes
            .get(at..)
            .is_some_and(|b| b.starts_with(&[0x50, 0x4b, 0x01, 0x02]))
        {
            return Err(not_docx());
        }
        let method = u16_at(at + 10).ok_or_else(not_docx)?;
        let compressed = u32_at(at + 20).ok_or_else(not_docx)?;
        let name_len = u16_at(at + 28).ok_or_else(not_docx)?;
        let extra_len = u16_at(at + 30).ok_or_else(not_docx)?;
        let comment_len = u16_at(at + 32).ok_or_else(not_docx)?;
        let local = u32_at(at + 42).ok_or_else(not_docx)?;
        let entry_name = bytes
            .get(at + 46..at + 46 + name_len)
            .ok_or_else(not_docx)?;
        at += 46 + name_len + extra_len + comment_len;
        if entry_name != name.as_bytes() {
            continue;
        }
        if !bytes
            .get(local..)
            .is_some_and(|b| b.starts_with(&[0x50, 0x4b, 0x03, 0x04]))
        {
            return Err(not_docx());
        }
        let start = local
            + 30
            + u16_at(local + 26).ok_or_else(not_docx)?
            + u16_at(local + 28).ok_or_else(not_docx)?;
        let data = bytes.get(start..start + compressed).ok_or_else(not_docx)?;
        return match method {
            0 => Ok(data.to_vec()),
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, MAX_PART)
                .map_err(|_| "Word 文档已损坏：正文无法解压".to_string()),
            _ => Err(format!("Word 文档的正文使用了不支持的压缩方式（{method}）")),
        };
    }
    Err(format!("不是 Word 文档（.docx）：包中没有 {name}"))
}
