//! The text of a PDF with its layout, as `pdftotext -layout` gives it: each page's glyphs
//! placed by position into lines (top to bottom) and columns (left to right, padded with
//! spaces so a table's columns stay apart), pages separated by form feeds. The report
//! importer (`report::import_text`) reads this text like any PDF text a clerk pastes.
//!
//! Parsing the file (objects, filters, fonts' `ToUnicode` maps, empty-password encryption) is
//! `lopdf`'s; running the page content (text and graphics state, fonts' widths, forms) and
//! the layout are ours. Pure: bytes in, text out, no I/O.

mod content;
mod layout;

use lopdf::Document;

pub use layout::Glyph;

/// What a PDF held.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    /// The text with its layout: lines, columns padded with spaces, `\u{c}` after each page.
    pub text: String,
    /// How many pages the file has.
    pub pages: usize,
    /// Pages (numbered from 1) whose content could not be decoded: their text is missing.
    pub damaged_pages: Vec<usize>,
    /// Glyphs whose font gave no way to know the character (no `ToUnicode` map): they are
    /// left out of the text, and a file with many of them cannot be read faithfully.
    pub unreadable: usize,
}

/// Why a PDF gave no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// The bytes are not a PDF file.
    NotPdf,
    /// The file is a PDF but could not be parsed (damaged or truncated); the parser's reason.
    Damaged(String),
    /// The file is protected by a password.
    Encrypted,
    /// No page has any text: a scanned document (pictures of pages).
    Scanned {
        /// How many pages the file has.
        pages: usize,
    },
    /// The pages have text, but their fonts do not say which characters it is.
    Unreadable {
        /// How many glyphs could not be read.
        glyphs: usize,
    },
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfError::NotPdf => write!(f, "not a PDF file"),
            PdfError::Damaged(reason) => write!(f, "the PDF file is damaged: {reason}"),
            PdfError::Encrypted => write!(f, "the PDF file is protected by a password"),
            PdfError::Scanned { pages } => write!(
                f,
                "the PDF is a scanned image with no text layer ({pages} pages)"
            ),
            PdfError::Unreadable { glyphs } => write!(
                f,
                "the PDF's fonts do not say which characters they draw ({glyphs} characters unreadable)"
            ),
        }
    }
}

impl PdfError {
    /// The message in Chinese, as the clerk reads it.
    pub fn zh(&self) -> String {
        match self {
            PdfError::NotPdf => "这不是 PDF 文件".to_string(),
            PdfError::Damaged(_) => "PDF 文件已损坏，无法读取".to_string(),
            PdfError::Encrypted => "PDF 文件设有密码，请先取消密码再导入".to_string(),
            PdfError::Scanned { .. } => {
                "此 PDF 是扫描图片，没有文字层。请使用 Word 原件或网页文本导入".to_string()
            }
            PdfError::Unreadable { glyphs } => format!(
                "此 PDF 的字体没有说明所显示的是哪些字（{glyphs} 个字无法识别），请使用 Word 原件或网页文本导入"
            ),
        }
    }
}

impl std::error::Error for PdfError {}

/// The text of every page of `bytes`, laid out. A file with no text at all is
/// [`PdfError::Scanned`], never an empty text.
pub fn extract(bytes: &[u8]) -> Result<Extracted, PdfError> {
    let start = bytes.iter().take(1024).position(|&b| b == b'%');
    if !start.is_some_and(|at| bytes[at..].starts_with(b"%PDF-")) {
        return Err(PdfError::NotPdf);
    }
    let document = Document::load_mem(bytes).map_err(|error| match error {
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => PdfError::Encrypted,
        other => PdfError::Damaged(other.to_string()),
    })?;
    if document.is_encrypted() && document.encryption_state.is_none() {
        return Err(PdfError::Encrypted);
    }
    let pages = document.get_pages();
    // A download cut short still parses (lopdf recovers what it can) but lacks pages: the
    // end marker and the page count it declares tell.
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    if !tail.windows(5).any(|window| window == b"%%EOF") {
        return Err(PdfError::Damaged(
            "the file ends without its end marker (%%EOF): it was cut short".to_string(),
        ));
    }
    let declared = document
        .catalog()
        .ok()
        .and_then(|catalog| catalog.get(b"Pages").ok())
        .and_then(|pages| document.dereference(pages).ok())
        .and_then(|(_, pages)| pages.as_dict().ok())
        .and_then(|pages| pages.get(b"Count").ok())
        .and_then(|count| count.as_i64().ok())
        .unwrap_or(0);
    if usize::try_from(declared).is_ok_and(|declared| declared > pages.len()) {
        return Err(PdfError::Damaged(format!(
            "only {} of its {declared} pages could be read",
            pages.len()
        )));
    }
    let mut text = String::new();
    let mut glyph_count = 0;
    let mut unreadable = 0;
    let mut damaged_pages = Vec::new();
    for (number, page_id) in pages.iter() {
        let page = content::page_glyphs(&document, *page_id);
        if page.damaged {
            damaged_pages.push(*number as usize);
        }
        glyph_count += page
            .glyphs
            .iter()
            .filter(|g| !g.text.trim().is_empty())
            .count();
        unreadable += page.unreadable;
        text.push_str(&layout::lay_out(&page.glyphs));
        text.push('\u{c}');
    }
    if glyph_count == 0 && unreadable == 0 && damaged_pages.is_empty() {
        return Err(PdfError::Scanned { pages: pages.len() });
    }
    // A file whose text is mostly unknown characters would import as nonsense.
    if unreadable * 2 > glyph_count + unreadable {
        return Err(PdfError::Unreadable { glyphs: unreadable });
    }
    if glyph_count == 0 && unreadable == 0 {
        return Err(PdfError::Damaged(format!(
            "no page's content could be decoded ({} pages)",
            pages.len()
        )));
    }
    Ok(Extracted {
        text,
        pages: pages.len(),
        damaged_pages,
        unreadable,
    })
}

#[cfg(test)]
mod tests;
