//! `nianbao import FILE.txt|FILE.html|FILE.md -o report.json`: reads a published report as
//! text, writes the report file, and lists on standard error what could not be recognised.
//! The reading itself is `report::import_text` / `report::import_html`; this module only does
//! the file I/O around it.

use std::process::ExitCode;

/// What `nianbao import` was asked to do.
#[derive(Debug)]
pub(crate) struct ImportArgs {
    input: String,
    output: Option<String>,
}

/// Reads `FILE [-o OUT]`.
pub(crate) fn parse<'a>(args: impl Iterator<Item = &'a String>) -> Result<ImportArgs, String> {
    let mut output = None;
    let files = crate::scan_args(args, |name, value| match name {
        "-o" | "--output" => {
            output = Some(value()?);
            Ok(())
        }
        other => Err(format!("unknown option `{other}`")),
    })?;
    match <[String; 1]>::try_from(files) {
        Ok([input]) => Ok(ImportArgs { input, output }),
        Err(files) if files.is_empty() => Err("`import` needs the file to read".to_string()),
        Err(files) => Err(format!("unexpected argument `{}`", files[1])),
    }
}

/// Imports one file. Exit 2 when it cannot be read or the output cannot be written.
pub(crate) fn run(args: &ImportArgs) -> ExitCode {
    let text = match std::fs::read(&args.input) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => {
                eprintln!("nianbao: {}: not UTF-8 text", args.input);
                return ExitCode::from(2);
            }
        },
        Err(error) => {
            eprintln!("nianbao: {}: {error}", args.input);
            return ExitCode::from(2);
        }
    };
    let lower = args.input.to_ascii_lowercase();
    let is_html = lower.ends_with(".html") || lower.ends_with(".htm");
    let imported = if is_html {
        report::import_html(&text)
    } else {
        report::import_text(&text)
    };
    for item in &imported.unrecognised {
        eprintln!("{}: 未识别: {item}", args.input);
    }
    let json = report::to_json(&imported.report);
    let written = match args.output.as_deref() {
        None | Some("-") => {
            use std::io::Write;
            writeln!(std::io::stdout(), "{json}")
        }
        Some(path) => std::fs::write(path, format!("{json}\n")),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("nianbao: cannot write the report: {error}");
            ExitCode::from(2)
        }
    }
}
