//! `nianbao`: the native command-line checker. It reads files, hands their text to the
//! `report` crate and prints what comes back; all domain logic lives in `report`.
//!
//! Exit status (spec/report-file.md): 0 no error-severity finding, 1 at least one, 2 a file
//! could not be read or is not a valid report file, or the command line is wrong.

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

mod check;
mod files;
mod import;
mod out;
mod render;
mod sum;

/// Check, render and import annual government information disclosure reports
/// (政府信息公开工作年度报告), with the same rules as the Nianbao app.
#[derive(Debug, Parser)]
#[command(name = "nianbao", version, propagate_version = true)]
#[command(
    after_help = "Exit status: 0 no error found, 1 at least one error, 2 a file could \
not be read or is not a valid report file, or the command line is wrong."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check report files: totals, the balance of the form, blank cells, carry-overs and prose.
    #[command(after_help = "\
Examples:
  nianbao check report-2024.json
  nianbao check --previous report-2023.json report-2024.json
  nianbao check --format json --lang en reports/
  nianbao check reports/ | head
  nianbao check --summary reports-2024/
  nianbao check --summary --format csv reports-2024/ > summary.csv
  nianbao check --summary --last-year reports-2023/ reports-2024/

A directory is searched for report files (*.json) at any depth; JSON files that are not
Nianbao report files are skipped with a note on standard error.

Exit status: 0 no error found, 1 at least one error, 2 a file could not be read or is not a
valid report file.")]
    Check(check::CheckArgs),
    /// Sum the tables of many departments' reports of one year into one report (汇总).
    #[command(after_help = "\
Examples:
  nianbao sum reports-2024/ -o total-2024.json
  nianbao sum --agency 某县人民政府 dept-a.json dept-b.json -o total-2024.json
  nianbao check total-2024.json

Each cell of the tables is the exact sum of that cell in every report. The sum is of the year
most reports are of; a report of another year or format, a legacy report (no tables), a second
report of the same agency and an unreadable file are left out, each with the reason on
standard error. A blank or unreadable cell of a report is left out of its total and listed;
the summed report keeps the list, and `nianbao check` reports it (sum.source_gap).
Exit status: 0 written, 1 written but a report was left out or has errors, 2 nothing could be
summed or the output not written.")]
    Sum(sum::SumArgs),
    /// Write a report as HTML, Markdown, Word (DOCX) or CSV: the same files the app downloads;
    /// or its 图解 page as SVG.
    #[command(after_help = "\
Examples:
  nianbao render --format html report-2024.json -o report-2024.html
  nianbao render --format svg report-2024.json --previous report-2023.json -o tu-2024.svg
  nianbao render --format html --infographic report-2024.json -o report-2024.html
  nianbao render --format docx report-2024.json -o report-2024.docx
  nianbao render --format md report-2024.json

Exit status: 0 written, 2 the report could not be read or the output not written.")]
    Render(render::RenderArgs),
    /// Read a published report (PDF, web page, Word file, text copied from a PDF, Markdown)
    /// back into a report file.
    #[command(after_help = "\
Examples:
  nianbao import published-2023.html -o report-2023.json
  nianbao import report-2023.docx -o report-2023.json
  nianbao import published-2023.pdf -o report-2023.json

What could not be recognised is listed on standard error, line by line, and so is what
makes the import incomplete (a table whose figures could not be read).
Exit status: 0 written, 1 written but incomplete (see the errors), 2 the input could not be
read or the output not written.")]
    Import(import::ImportArgs),
}

/// The language of the messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LangArg {
    /// 简体中文
    Zh,
    /// English
    En,
}

impl From<LangArg> for report::Lang {
    fn from(lang: LangArg) -> report::Lang {
        match lang {
            LangArg::Zh => report::Lang::Zh,
            LangArg::En => report::Lang::En,
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // Help and version go to stdout with exit 0; mistakes to stderr with exit 2. A
            // closed stream is not worth a panic.
            let _ = error.print();
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
    };
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Render(args) => render::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Sum(args) => sum::run(&args),
    }
}
