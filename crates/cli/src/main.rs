//! `nianbao`: the native command-line checker. It reads files, hands their text to the
//! `report` crate and prints what comes back; all domain logic lives in `report`.
//!
//! Exit status (spec/report-file.md): 0 no error-severity finding, 1 at least one, 2 a file
//! could not be read or is not a valid report file, or the command line is wrong.

use std::io::Write;
use std::process::ExitCode;

use report::{Finding, Lang, LoadError, Report, Severity};

mod import;

const USAGE: &str = "\
nianbao: check an annual government information disclosure report (政府信息公开工作年度报告)

Usage:
  nianbao check [--previous LAST_YEAR.json] [--format text|json] [--lang zh|en] FILE...
  nianbao render --format html|md|docx|csv FILE [-o OUT]
  nianbao import FILE.txt|FILE.html|FILE.md [-o REPORT.json]
  nianbao --help | --version

Options:
  --previous FILE   last year's report, for the cross-year rules (上年结转, 现行有效件数)
  --format FORMAT   text (default) or json: one array of {\"file\", \"findings\"}
  --lang LANG       language of the messages: zh (default) or en
  -o, --output OUT  (render) the file to write; standard output when absent or `-`

Exit status: 0 no error found, 1 at least one error, 2 a file could not be read or is not a
valid report file.";

/// What the command line asked for.
#[derive(Debug)]
struct CheckArgs {
    previous: Option<String>,
    output: Output,
    lang: Lang,
    files: Vec<String>,
}

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Output {
    Text,
    Json,
}

enum Command {
    Help,
    Version,
    Check(CheckArgs),
    Import(import::ImportArgs),
    Render(RenderArgs),
}

/// What `nianbao render` was asked for.
#[derive(Debug)]
struct RenderArgs {
    format: RenderFormat,
    file: String,
    output: Option<String>,
}

/// The download formats, the same as the app's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RenderFormat {
    Html,
    Markdown,
    Docx,
    Csv,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse_args(&args) {
        Ok(Command::Help) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Command::Version) => {
            println!("nianbao {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Ok(Command::Check(check_args)) => check(&check_args),
        Ok(Command::Import(import_args)) => import::run(&import_args),
        Ok(Command::Render(render_args)) => render(&render_args),
        Err(message) => {
            eprintln!("nianbao: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn parse_args(args: &[String]) -> Result<Command, String> {
    let mut args = args.iter();
    match args.next().map(String::as_str) {
        None => Err("no command given".to_string()),
        Some("-h" | "--help" | "help") => Ok(Command::Help),
        Some("-V" | "--version") => Ok(Command::Version),
        Some("check") => parse_check(args).map(Command::Check),
        Some("import") => import::parse(args).map(Command::Import),
        Some("render") => parse_render(args).map(Command::Render),
        Some(other) => Err(format!("unknown command `{other}`")),
    }
}

/// Walks the arguments after a command. Options (`--name value`, `--name=value`, `-o value`)
/// go to `option` with a getter for their value; everything else, and everything after `--`,
/// is returned as positional (a lone `-` is positional: standard input or output).
pub(crate) fn scan_args<'a>(
    mut args: impl Iterator<Item = &'a String>,
    mut option: impl FnMut(&str, &mut dyn FnMut() -> Result<String, String>) -> Result<(), String>,
) -> Result<Vec<String>, String> {
    let mut positional = Vec::new();
    let mut options_done = false;
    while let Some(arg) = args.next() {
        if options_done || !arg.starts_with('-') || arg == "-" {
            positional.push(arg.clone());
            continue;
        }
        if arg == "--" {
            options_done = true;
            continue;
        }
        let (name, inline_value) = match arg.split_once('=') {
            Some((name, value)) => (name, Some(value.to_string())),
            None => (arg.as_str(), None),
        };
        let mut value = || {
            inline_value
                .clone()
                .or_else(|| args.next().cloned())
                .ok_or(format!("{name} needs a value"))
        };
        option(name, &mut value)?;
    }
    Ok(positional)
}

fn parse_check<'a>(args: impl Iterator<Item = &'a String>) -> Result<CheckArgs, String> {
    let mut previous = None;
    let mut output = Output::Text;
    let mut lang = Lang::Zh;
    let files = scan_args(args, |name, value| {
        match name {
            "--previous" => previous = Some(value()?),
            "--format" => {
                output = match value()?.as_str() {
                    "text" => Output::Text,
                    "json" => Output::Json,
                    other => return Err(format!("unknown format `{other}` (text or json)")),
                }
            }
            "--lang" => {
                let code = value()?;
                lang = Lang::parse(&code).ok_or(format!("unknown language `{code}` (zh or en)"))?;
            }
            "--help" => return Err("see the usage below".to_string()),
            other => return Err(format!("unknown option `{other}`")),
        }
        Ok(())
    })?;
    if files.is_empty() {
        return Err("no file to check".to_string());
    }
    Ok(CheckArgs {
        previous,
        output,
        lang,
        files,
    })
}

fn parse_render<'a>(args: impl Iterator<Item = &'a String>) -> Result<RenderArgs, String> {
    let mut format = None;
    let mut output = None;
    let files = scan_args(args, |name, value| {
        match name {
            "--format" => {
                format = Some(match value()?.as_str() {
                    "html" => RenderFormat::Html,
                    "md" | "markdown" => RenderFormat::Markdown,
                    "docx" => RenderFormat::Docx,
                    "csv" => RenderFormat::Csv,
                    other => {
                        return Err(format!("unknown format `{other}` (html, md, docx or csv)"));
                    }
                })
            }
            "-o" | "--output" => output = Some(value()?),
            other => return Err(format!("unknown option `{other}`")),
        }
        Ok(())
    })?;
    let format = format.ok_or("render needs --format html|md|docx|csv")?;
    let [file] = <[String; 1]>::try_from(files)
        .map_err(|files| format!("render takes one file, not {}", files.len()))?;
    Ok(RenderArgs {
        format,
        file,
        output: output.filter(|output| output != "-"),
    })
}

/// Writes one report as a document in the asked format: the same bytes the app downloads.
fn render(args: &RenderArgs) -> ExitCode {
    let report = match load(&args.file) {
        Ok(report) => report,
        Err(message) => {
            eprintln!("nianbao: {message}");
            return ExitCode::from(2);
        }
    };
    let document = report::render(&report);
    let bytes = match args.format {
        RenderFormat::Html => report::to_html(&document).into_bytes(),
        RenderFormat::Markdown => report::to_markdown(&document).into_bytes(),
        RenderFormat::Csv => report::to_csv(&document).into_bytes(),
        RenderFormat::Docx => report::to_docx(&document),
    };
    let written = match &args.output {
        Some(path) => std::fs::write(path, &bytes).map_err(|error| format!("{path}: {error}")),
        None => std::io::stdout()
            .write_all(&bytes)
            .map_err(|error| error.to_string()),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("nianbao: cannot write the output: {message}");
            ExitCode::from(2)
        }
    }
}

/// Reads one report file; the error names the file, and the line and column when known.
fn load(path: &str) -> Result<Report, String> {
    let text = std::fs::read_to_string(path).map_err(|error| format!("{path}: {error}"))?;
    report::from_json(&text).map_err(|error| match &error {
        LoadError::Invalid {
            position: Some((line, column)),
            path: field,
            message,
        } => {
            let field = if field.is_empty() || field == "." {
                String::new()
            } else {
                format!("{field}: ")
            };
            // serde_json counts a position at the very start of a line as column 0.
            format!("{path}:{line}:{}: {field}{message}", (*column).max(1))
        }
        _ => format!("{path}: {error}"),
    })
}

/// One file's result, as printed with `--format json`.
#[derive(serde::Serialize)]
struct FileFindings<'a> {
    file: &'a str,
    findings: Vec<Finding>,
}

fn check(args: &CheckArgs) -> ExitCode {
    let previous = match args.previous.as_deref().map(load).transpose() {
        Ok(previous) => previous,
        Err(message) => {
            eprintln!("nianbao: {message}");
            return ExitCode::from(2);
        }
    };
    let mut unreadable = false;
    let mut results = Vec::new();
    for file in &args.files {
        match load(file) {
            Ok(report) => {
                let findings = report::validate(&report, previous.as_ref(), args.lang);
                results.push(FileFindings { file, findings });
            }
            Err(message) => {
                eprintln!("nianbao: {message}");
                unreadable = true;
            }
        }
    }
    let printed = match args.output {
        Output::Json => serde_json::to_string_pretty(&results)
            .map(|json| json + "\n")
            .map_err(|e| e.to_string()),
        Output::Text => Ok(text_output(&results)),
    };
    let written = printed.map_err(|error| error.to_string()).and_then(|text| {
        std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|error| error.to_string())
    });
    if let Err(error) = written {
        eprintln!("nianbao: cannot write the output: {error}");
        return ExitCode::from(2);
    }
    let any_error = results
        .iter()
        .flat_map(|result| &result.findings)
        .any(|finding| finding.severity == Severity::Error);
    if unreadable {
        ExitCode::from(2)
    } else if any_error {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// One line per finding, `FILE: severity[rule] cell: message`, then a summary line.
fn text_output(results: &[FileFindings<'_>]) -> String {
    let mut out = String::new();
    let mut counts = [0usize; 3];
    for result in results {
        for finding in &result.findings {
            let severity = finding.severity;
            counts[severity as usize] += 1;
            let at = finding
                .anchor()
                .map(|cell| format!(" {cell}"))
                .unwrap_or_default();
            out.push_str(&format!(
                "{}: {}[{}]{at}: {}\n",
                result.file,
                severity.as_str(),
                finding.rule,
                finding.message
            ));
        }
    }
    let [errors, warnings, notes] = counts;
    let files = results.len();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    out.push_str(&format!(
        "{} checked: {}, {}, {}\n",
        plural(files, "file"),
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(notes, "note")
    ));
    out
}
