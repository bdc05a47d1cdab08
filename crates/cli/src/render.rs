//! `nianbao render`: writes one report as HTML, Markdown, DOCX or CSV, the same bytes the
//! app downloads.

use std::process::ExitCode;

use clap::{Args, ValueEnum};

use crate::files::load;
use crate::out::{self, say};

/// What `nianbao render` was asked for.
#[derive(Debug, Args)]
pub(crate) struct RenderArgs {
    /// The output format.
    #[arg(long, value_enum)]
    format: RenderFormat,
    /// The report file.
    #[arg(value_name = "FILE")]
    file: String,
    /// The file to write; standard output when absent or `-`.
    #[arg(short, long, value_name = "OUT")]
    output: Option<String>,
}

/// The download formats, the same as the app's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum RenderFormat {
    /// A web page for the agency's site, with the print styles.
    Html,
    /// Markdown with pipe tables.
    #[value(alias = "markdown")]
    Md,
    /// A Word document.
    Docx,
    /// The tables as CSV (UTF-8 with BOM, for Excel and WPS).
    Csv,
}

/// Writes one report as a document in the asked format.
pub(crate) fn run(args: &RenderArgs) -> ExitCode {
    let output = match out::destination(args.output.as_deref(), &args.file) {
        Ok(output) => output,
        Err(message) => {
            say(&message);
            return ExitCode::from(2);
        }
    };
    let report = match load(&args.file) {
        Ok(report) => report,
        Err(message) => {
            say(&message);
            return ExitCode::from(2);
        }
    };
    let document = report::render(&report);
    let bytes = match args.format {
        RenderFormat::Html => report::to_html(&document).into_bytes(),
        RenderFormat::Md => report::to_markdown(&document).into_bytes(),
        RenderFormat::Csv => report::to_csv(&document).into_bytes(),
        RenderFormat::Docx => report::to_docx(&document),
    };
    match out::write_to(output, &bytes) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            say(&format!("cannot write the output: {message}"));
            ExitCode::from(2)
        }
    }
}
