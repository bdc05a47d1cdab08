//! `nianbao import FILE.pdf|FILE.txt|FILE.html|FILE.md|FILE.docx -o report.json`: reads a
//! published report, writes the report file, and lists on standard error what could not be
//! recognised. The reading itself is `pdf_text::extract` (a PDF's text with its layout) and
//! `report::import_text` / `import_html` / `import_docx`; this module only does the file I/O
//! around it.

use std::process::ExitCode;

use clap::Args;

use crate::files::text_of;
use crate::out::{self, note, say};

/// What `nianbao import` was asked to do.
#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// The published report: PDF (.pdf), web page (.html), text (.txt, also text copied
    /// from a PDF), Markdown (.md) or Word (.docx).
    #[arg(value_name = "FILE")]
    input: String,
    /// The report file to write; standard output when absent or `-`.
    #[arg(short, long, value_name = "REPORT.json")]
    output: Option<String>,
}

/// Imports one file. Exit 1 when the report is written but incomplete (a table could not be
/// read), 2 when the input cannot be read or the output cannot be written.
pub(crate) fn run(args: &ImportArgs) -> ExitCode {
    let output = match out::destination(args.output.as_deref(), &args.input) {
        Ok(output) => output,
        Err(message) => {
            say(&message);
            return ExitCode::from(2);
        }
    };
    let imported = match read(&args.input) {
        Ok(imported) => imported,
        Err(message) => {
            say(&message);
            return ExitCode::from(2);
        }
    };
    for item in &imported.unrecognised {
        note(&format!("{}: 未识别: {item}", args.input));
    }
    for error in &imported.errors {
        note(&format!("{}: 错误: {error}", args.input));
    }
    let json = report::to_json(&imported.report);
    match out::write_to(output, json.as_bytes()) {
        // Written, but the clerk must complete it: an error, like `check` finding one.
        Ok(()) if !imported.errors.is_empty() => ExitCode::from(1),
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            say(&format!("cannot write the report: {message}"));
            ExitCode::from(2)
        }
    }
}

/// Reads the published report by its kind: a PDF, a Word file, a web page, or text.
fn read(input: &str) -> Result<report::ImportResult, String> {
    let lower = input.to_ascii_lowercase();
    let bytes = std::fs::read(input).map_err(|error| format!("{input}: {error}"))?;
    // By content as well as by name: a PDF saved as `.txt` or with no extension is still one.
    if lower.ends_with(".pdf") || bytes.starts_with(b"%PDF-") {
        let extracted = pdf_text::extract(&bytes)
            .map_err(|error| format!("{input}: {}（{error}）", error.zh()))?;
        if extracted.unreadable > 0 {
            note(&format!(
                "{input}: 有 {} 个字符的字体没有说明是哪个字，已略去；请核对导入结果",
                extracted.unreadable
            ));
        }
        let mut imported = report::import_text(&extracted.text);
        if !extracted.damaged_pages.is_empty() {
            // Pages are missing: the import is incomplete whatever the text gave.
            let pages: Vec<String> = extracted
                .damaged_pages
                .iter()
                .map(usize::to_string)
                .collect();
            imported.errors.push(format!(
                "PDF 第 {} 页的内容已损坏，无法读取，这些页的文字缺失",
                pages.join("、")
            ));
        }
        return Ok(imported);
    }
    if lower.ends_with(".docx") {
        return report::import_docx(&bytes).map_err(|error| format!("{input}: {error}"));
    }
    let text = text_of(input, bytes)?;
    Ok(if lower.ends_with(".html") || lower.ends_with(".htm") {
        report::import_html(&text)
    } else {
        report::import_text(&text)
    })
}
