//! `nianbao sum`: sums the tables of many departments' reports into one report file (汇总),
//! with `report::sum`; lists on stderr the sources left out and the source cells the totals
//! could not count.

use std::process::ExitCode;

use clap::Args;
use report::{Severity, SumSource};

use crate::files::{gather, same_file};
use crate::out::{self, note, say};

/// What `nianbao sum` was asked for.
#[derive(Debug, Args)]
pub(crate) struct SumArgs {
    /// The file to write the summed report to; standard output when absent or `-`.
    #[arg(short, long, value_name = "OUT")]
    output: Option<String>,
    /// The agency of the summed report (e.g. the county's government); empty when absent.
    #[arg(long, value_name = "NAME")]
    agency: Option<String>,
    /// The language of the messages.
    #[arg(long, value_enum, default_value_t = crate::LangArg::Zh)]
    lang: crate::LangArg,
    /// Report files, or directories to search for report files.
    #[arg(required = true, value_name = "FILE_OR_DIR")]
    files: Vec<String>,
}

/// Sums the reports and writes the summed report.
pub(crate) fn run(args: &SumArgs) -> ExitCode {
    let lang = args.lang.into();
    let output = args.output.as_deref().filter(|output| *output != "-");
    let mut gathered = gather(&args.files);
    // Summing a folder into a file inside it: the last run's sum is not a source of this one
    // (it would count every department twice).
    if let Some(output) = output {
        gathered.reports.retain(|(file, _)| {
            let own = same_file(file, output);
            if own {
                say(&format!("{file}: skipped, it is this sum's output"));
            }
            !own
        });
    }
    let mut sources: Vec<SumSource<'_>> = gathered
        .failed
        .iter()
        .map(|(file, reason)| SumSource::Unreadable { file, reason })
        .collect();
    sources.extend(
        gathered
            .reports
            .iter()
            .map(|(file, report)| SumSource::Report { file, report }),
    );
    let summed = report::sum(&sources, lang);
    // Unreadable files were said as they were met; the other refusals are said here.
    for refusal in &summed.refused {
        if refusal.reason != report::RefusalReason::Unreadable {
            say(&refusal.message);
        }
    }
    let mut with_errors = 0;
    for contributor in &summed.contributors {
        let Some((_, source)) = gathered
            .reports
            .iter()
            .find(|(file, _)| *file == contributor.file)
        else {
            continue;
        };
        let errors = report::validate(source, None, lang)
            .iter()
            .filter(|finding| finding.severity == Severity::Error)
            .count();
        if errors > 0 {
            with_errors += 1;
            say(&match lang {
                report::Lang::Zh => format!(
                    "{}：有 {errors} 个错误，已计入汇总，请核对（nianbao check 可列出）。",
                    contributor.file
                ),
                report::Lang::En => format!(
                    "{}: {errors} errors, summed all the same; check it (nianbao check lists them).",
                    contributor.file
                ),
            });
        }
    }
    for gap in &summed.gaps {
        note(&format!("  {}", gap.message));
    }
    let Some(mut total) = summed.report else {
        say(match lang {
            report::Lang::Zh => "没有可以汇总的报告。",
            report::Lang::En => "no report could be summed.",
        });
        return ExitCode::from(2);
    };
    if let Some(agency) = &args.agency {
        total.agency = agency.trim().to_string();
    }
    let (summed_count, refused, gaps) = (
        summed.contributors.len(),
        summed.refused.len(),
        summed.gaps.len(),
    );
    say(&match lang {
        report::Lang::Zh => format!(
            "已汇总 {summed_count} 份 {} 年度报告（{} 格式）；未计入 {refused} 份；空缺 {gaps} 格。",
            total.year,
            total.template.as_str()
        ),
        report::Lang::En => format!(
            "summed {summed_count} reports for {} ({}); {refused} left out; {gaps} source cells blank or unreadable.",
            total.year,
            total.template.as_str()
        ),
    });
    if let Err(message) = out::write_to(output, report::to_json(&total).as_bytes()) {
        say(&format!("cannot write the output: {message}"));
        return ExitCode::from(2);
    }
    if refused > 0 || with_errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
