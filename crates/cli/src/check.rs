//! `nianbao check`: validates report files (and the report files under directories) and
//! prints the findings as text or JSON.

use std::path::Path;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use report::{Finding, LoadError, Severity};

use crate::files::{describe, json_files_below, load, read_text};
use crate::out::{self, WriteError, safe, say};

/// What `nianbao check` was asked for.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Last year's report, for the cross-year rules (上年结转, 现行有效件数); applied to the
    /// reports of the following year.
    #[arg(long, value_name = "LAST_YEAR.json")]
    previous: Option<String>,
    /// How findings are printed: text, one line each, or json, one array of {"file", "findings"}.
    #[arg(long, value_enum, default_value_t = Output::Text)]
    format: Output,
    /// The language of the messages.
    #[arg(long, value_enum, default_value_t = crate::LangArg::Zh)]
    lang: crate::LangArg,
    /// Report files, or directories to search for report files.
    /// Also list the warnings and notes the report marks as checked (已核实), with their
    /// reasons; without it they are left out and counted apart.
    #[arg(long)]
    show_acknowledged: bool,
    #[arg(required = true, value_name = "FILE_OR_DIR")]
    files: Vec<String>,
}

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Output {
    /// One line per finding, then a summary line.
    Text,
    /// One JSON array of {"file", "findings"}.
    Json,
}

/// One file's result, as printed with `--format json`.
#[derive(serde::Serialize)]
struct FileFindings {
    file: String,
    findings: Vec<Finding>,
}

pub(crate) fn run(args: &CheckArgs) -> ExitCode {
    let previous = match args.previous.as_deref().map(load).transpose() {
        Ok(previous) => previous,
        Err(message) => {
            say(&message);
            return ExitCode::from(2);
        }
    };
    let lang = args.lang.into();
    let mut unreadable = false;
    let mut results = Vec::new();
    let mut acknowledged = 0;
    // Every file to check, and whether it was found in a folder (then other JSON is skipped).
    let mut targets: Vec<(String, bool)> = Vec::new();
    for name in &args.files {
        if !Path::new(name).is_dir() {
            targets.push((name.clone(), false));
            continue;
        }
        match json_files_below(Path::new(name)) {
            Ok(found) if found.is_empty() => {
                say(&format!("{name}: no report files (*.json) in this folder"));
                unreadable = true;
            }
            Ok(found) => targets.extend(
                found
                    .into_iter()
                    .map(|path| (path.to_string_lossy().into_owned(), true)),
            ),
            Err(message) => {
                say(&message);
                unreadable = true;
            }
        }
    }
    for (file, from_dir) in targets {
        let text = match read_text(&file) {
            Ok(text) => text,
            Err(message) => {
                say(&message);
                unreadable = true;
                continue;
            }
        };
        match report::from_json(&text) {
            Ok(report) => {
                let mut findings = report::validate(&report, previous.as_ref(), lang);
                let before = findings.len();
                if !args.show_acknowledged {
                    findings.retain(|finding| finding.acknowledged.is_none());
                }
                acknowledged += before - findings.len();
                results.push(FileFindings { file, findings });
            }
            // A folder may hold other JSON (settings, expected results): say so, go on.
            Err(LoadError::NotAReport { .. }) if from_dir => {
                say(&format!("{file}: skipped, not a Nianbao report file"));
            }
            Err(error) => {
                say(&describe(&file, &error));
                unreadable = true;
            }
        }
    }
    let printed = match args.format {
        Output::Json => serde_json::to_string_pretty(&results)
            .map(|json| json + "\n")
            .unwrap_or_else(|error| format!("{error}\n")),
        Output::Text => text_output(&results, acknowledged),
    };
    if let Err(WriteError::Failed(error)) = out::stdout(printed.as_bytes()) {
        say(&format!("cannot write the output: {error}"));
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

/// One line per finding, `FILE: severity[rule] cell: message`, then a summary line. Every
/// piece that comes from a file is made safe for the terminal.
fn text_output(results: &[FileFindings], hidden: usize) -> String {
    let mut out = String::new();
    let mut counts = [0usize; 3];
    for result in results {
        for finding in &result.findings {
            let severity = finding.severity;
            counts[severity as usize] += 1;
            let at = finding
                .anchor()
                .map(|cell| format!(" {}", safe(cell)))
                .unwrap_or_default();
            let checked = finding
                .acknowledged
                .as_ref()
                .map(|reason| format!(" (已核实 acknowledged: {})", safe(reason)))
                .unwrap_or_default();
            out.push_str(&format!(
                "{}: {}[{}]{at}: {}{checked}\n",
                safe(&result.file),
                severity.as_str(),
                finding.rule,
                safe(&finding.message)
            ));
        }
    }
    let [errors, warnings, notes] = counts;
    let files = results.len();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let hidden = if hidden > 0 {
        format!(" ({hidden} acknowledged, not shown: --show-acknowledged lists them)")
    } else {
        String::new()
    };
    out.push_str(&format!(
        "{} checked: {}, {}, {}{hidden}\n",
        plural(files, "file"),
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(notes, "note")
    ));
    out
}
