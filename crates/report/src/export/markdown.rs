//! The Markdown export, for wikis, repositories and anyone who edits text.
//!
//! Prose becomes Markdown (`#` title, `##` 一级, `###` 二级 headings, paragraphs); tables are
//! written as HTML tables inside the Markdown, because the official tables depend on merged
//! cells (table 三's label column spans 22 rows) that pipe tables cannot express, and
//! CommonMark and GitHub render an HTML block as is. Every text is escaped, so HTML typed in
//! a narrative stays text and Markdown punctuation does not turn into emphasis or links.

use crate::document::{Block, Document};
use crate::export::html::escape as escape_html;

/// The document as Markdown.
pub fn to_markdown(document: &Document) -> String {
    let mut out = format!("# {}\n", escape(&document.title));
    for block in &document.blocks {
        out.push('\n');
        match block {
            Block::Heading { level, text } => {
                let marks = match level {
                    crate::HeadingLevel::Section => "##",
                    crate::HeadingLevel::Subsection => "###",
                };
                out.push_str(&format!("{marks} {}\n", escape(text)));
            }
            Block::Paragraph(text) => {
                out.push_str(&escape(text));
                out.push('\n');
            }
            // The preview's own table markup: it has no blank line inside, so CommonMark
            // keeps it one HTML block.
            Block::Table(table) => crate::export::html::push_table(&mut out, table),
            // The SVG has no blank line, so it too stays one HTML block.
            Block::Infographic(page) => crate::export::html::push_infographic(&mut out, page),
            Block::Signature { agency, date } => {
                // A right-aligned 落款 needs HTML; two lines of plain text would lose it.
                out.push_str("<p align=\"right\">");
                if !agency.is_empty() {
                    out.push_str(&escape_html(agency));
                    out.push_str("<br>");
                }
                out.push_str(&escape_html(date));
                out.push_str("</p>\n");
            }
        }
    }
    out
}

/// Escapes a line of text: HTML's `& < >` as entities, Markdown's inline punctuation with a
/// backslash, and a line start that would open a list, quote or heading.
fn escape(text: &str) -> String {
    let mut marked = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '!'
        ) {
            marked.push('\\');
        }
        marked.push(c);
    }
    let mut out = escape_html(&marked);
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    }
    // `1. text` at a line start is an ordered list; `1.属于…` (no space) is not.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && (out[digits..].starts_with(". ") || out[digits..].starts_with(") ")) {
        out.insert(digits, '\\');
    }
    out
}
