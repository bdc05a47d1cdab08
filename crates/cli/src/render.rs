//! `nianbao render`: writes one report as HTML, Markdown, DOCX or CSV, the same bytes the
//! app downloads, or its 图解 page alone as SVG.

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
    /// An earlier report of the same agency (repeatable): last year's gives the 图解 its 同比
    /// figures, two years or more give it trends.
    #[arg(long, value_name = "EARLIER.json")]
    previous: Vec<String>,
    /// Add the 图解 page after the report (HTML, Markdown, Word).
    #[arg(long)]
    infographic: bool,
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
    /// The 图解 page alone (one A4 page of SVG).
    Svg,
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
    let mut earlier = Vec::new();
    for path in &args.previous {
        match load(path) {
            Ok(report) => earlier.push(report),
            Err(message) => {
                say(&message);
                return ExitCode::from(2);
            }
        }
    }
    let wants_page = args.infographic || args.format == RenderFormat::Svg;
    let page = if wants_page {
        // Last year's among them gives the 同比; all of them the trends.
        let previous = earlier.iter().find(|other| other.year == report.year - 1);
        let earlier: Vec<&report::Report> = earlier.iter().collect();
        match report::Infographic::new(&report, previous, &earlier) {
            Some(page) => Some(page),
            None => {
                say(&format!(
                    "{}: a {} report on the free legacy format has no statistical tables to draw a 图解 from",
                    args.file, report.year
                ));
                return ExitCode::from(2);
            }
        }
    } else {
        None
    };
    let mut document = report::render(&report);
    let bytes = match (args.format, page) {
        (RenderFormat::Svg, Some(page)) => page.to_svg().into_bytes(),
        (RenderFormat::Svg, None) => {
            say(&format!("{}: no 图解 to draw", args.file));
            return ExitCode::from(2);
        }
        (format, page) => {
            if let Some(page) = page {
                document.add_infographic(page);
                if format == RenderFormat::Docx {
                    // Said, not hidden: the picture needs a browser to draw its PNG.
                    say(
                        "note: the Word file carries the 图解 as text; the app's Word download embeds it as a picture (or use --format svg)",
                    );
                }
            }
            match format {
                RenderFormat::Html => report::to_html(&document).into_bytes(),
                RenderFormat::Md => report::to_markdown(&document).into_bytes(),
                RenderFormat::Csv => report::to_csv(&document).into_bytes(),
                RenderFormat::Docx | RenderFormat::Svg => report::to_docx(&document),
            }
        }
    };
    match out::write_to(output, &bytes) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            say(&format!("cannot write the output: {message}"));
            ExitCode::from(2)
        }
    }
}
