//! `nianbao check`: validates report files (and the report files under directories) and
//! prints the findings as text or JSON, or with `--summary` one line per report and the
//! checks across the set (`report::Summary`) as text, CSV or JSON.

use std::process::ExitCode;

use clap::{Args, ValueEnum};
use report::{Finding, Severity};

use crate::files::{gather, load};
use crate::out::{self, WriteError, safe, say};

/// What `nianbao check` was asked for.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Last year's report, for the cross-year rules (上年结转, 现行有效件数); applied to the
    /// reports of the following year.
    #[arg(long, value_name = "LAST_YEAR.json")]
    previous: Option<String>,
    /// How findings are printed: text, one line each, or json, one array of {"file", "findings"};
    /// with --summary, the summary table as text, csv or json.
    #[arg(long, value_enum, default_value_t = Output::Text)]
    format: Output,
    /// Print one line per report (agency, year, format, errors, warnings, blank cells and its
    /// first problems) and the checks across the set (an agency twice, another year), instead
    /// of every finding: for an office collecting its departments' reports (汇总).
    #[arg(long)]
    summary: bool,
    /// With --summary: last year's reports (files or folders), matched by agency; each
    /// department is checked against its own last year's report (carry-over), and one whose
    /// table figures are all last year's is named.
    #[arg(long, value_name = "FILE_OR_DIR", requires = "summary")]
    last_year: Vec<String>,
    /// The language of the messages.
    #[arg(long, value_enum, default_value_t = crate::LangArg::Zh)]
    lang: crate::LangArg,
    /// Also list the warnings and notes the report marks as checked (已核实), with their
    /// reasons; without it they are left out and counted apart.
    #[arg(long)]
    show_acknowledged: bool,
    /// Report files, or directories to search for report files.
    #[arg(required = true, value_name = "FILE_OR_DIR")]
    files: Vec<String>,
}

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Output {
    /// One line per finding, then a summary line.
    Text,
    /// One JSON array of {"file", "findings"}; with --summary, one object.
    Json,
    /// With --summary: the summary table as CSV (UTF-8 with BOM, for Excel and WPS).
    Csv,
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
    if args.format == Output::Csv && !args.summary {
        say("--format csv prints the summary table: add --summary");
        return ExitCode::from(2);
    }
    let lang = args.lang.into();
    let last_year = gather(&args.last_year);
    if !last_year.failed.is_empty() {
        return ExitCode::from(2);
    }
    let last_year_reports: Vec<&report::Report> =
        last_year.reports.iter().map(|(_, report)| report).collect();
    let gathered = gather(&args.files);
    let unreadable = !gathered.failed.is_empty();
    let mut results = Vec::new();
    let mut acknowledged = 0;
    let mut reports = Vec::new();
    for (file, report) in gathered.reports {
        // With last year's collection, each department is checked against its own last
        // year's report (carry-over, rules in force) unless --previous names one for all.
        let own = previous.as_ref().or_else(|| {
            report::previous_of(&report, &last_year_reports).map(|at| last_year_reports[at])
        });
        let mut findings = report::validate(&report, own, lang);
        // The summary counts the acknowledged findings apart itself.
        if !args.show_acknowledged && !args.summary {
            let before = findings.len();
            findings.retain(|finding| finding.acknowledged.is_none());
            acknowledged += before - findings.len();
        }
        results.push(FileFindings { file, findings });
        reports.push(report);
    }
    let printed = if args.summary {
        let members: Vec<report::Member<'_>> = results
            .iter()
            .zip(&reports)
            .map(|(result, report)| (result.file.as_str(), report, result.findings.as_slice()))
            .collect();
        let earlier: Vec<(&str, &report::Report)> = last_year
            .reports
            .iter()
            .map(|(file, report)| (file.as_str(), report))
            .collect();
        let mut summary = report::Summary::new(&members, &earlier, lang);
        summary.unreadable = gathered
            .failed
            .into_iter()
            .map(|(file, reason)| report::Unreadable { file, reason })
            .collect();
        match args.format {
            Output::Json => json(&summary),
            // Text from the files is escaped for the terminal line by line; the core already
            // keeps every field on one line.
            Output::Text => summary
                .to_text(lang)
                .lines()
                .map(|line| format!("{}\n", safe(line)))
                .collect(),
            Output::Csv => summary.to_csv(lang),
        }
    } else {
        match args.format {
            Output::Json => json(&results),
            Output::Text | Output::Csv => text_output(&results, acknowledged),
        }
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

/// Pretty JSON and a line end.
fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(value)
        .map(|json| json + "\n")
        .unwrap_or_else(|error| format!("{error}\n"))
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
