//! Reading the files named on the command line: text with a byte-order mark accepted, report
//! files read with errors naming the file, line and column, and directories searched for
//! report files.

use std::path::{Path, PathBuf};

use report::{LoadError, Report};

/// A file's text, without the UTF-8 byte-order mark Windows Notepad writes at its start.
pub(crate) fn read_text(path: &str) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|error| format!("{path}: {error}"))?;
    text_of(path, bytes)
}

/// The text of a file already read (named `path` in messages), without a byte-order mark.
pub(crate) fn text_of(path: &str, bytes: Vec<u8>) -> Result<String, String> {
    let text = String::from_utf8(bytes).map_err(|error| {
        format!(
            "{path}: not UTF-8 text (byte {} is not valid); save the file as UTF-8",
            error.utf8_error().valid_up_to() + 1
        )
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// Reads one report file; the error names the file, and the line and column when known.
pub(crate) fn load(path: &str) -> Result<Report, String> {
    let text = read_text(path)?;
    report::from_json(&text).map_err(|error| describe(path, &error))
}

/// A load error as `FILE:LINE:COLUMN: field: message`, the way compilers print them.
pub(crate) fn describe(path: &str, error: &LoadError) -> String {
    match error {
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
    }
}

/// The report files named on the command line, folders searched: what was read, and what
/// could not be (file, message naming it), which is also said on stderr as it is met. Other
/// JSON found in a folder (settings, expected results) is skipped with a note; a file named
/// directly must be a report.
pub(crate) struct Gathered {
    /// The reports read, in the order named (a folder's in path order).
    pub(crate) reports: Vec<(String, Report)>,
    /// What could not be read: the file or folder, and the message naming it.
    pub(crate) failed: Vec<(String, String)>,
}

/// Reads every report file of `names` (files, or folders searched at any depth).
pub(crate) fn gather(names: &[String]) -> Gathered {
    let mut gathered = Gathered {
        reports: Vec::new(),
        failed: Vec::new(),
    };
    // Every file to read, and whether it was found in a folder (then other JSON is skipped).
    let mut targets: Vec<(String, bool)> = Vec::new();
    for name in names {
        if !Path::new(name).is_dir() {
            targets.push((name.clone(), false));
            continue;
        }
        match json_files_below(Path::new(name)) {
            Ok(found) if found.is_empty() => gathered.fail(
                name,
                format!("{name}: no report files (*.json) in this folder"),
            ),
            Ok(found) => targets.extend(
                found
                    .into_iter()
                    .map(|path| (path.to_string_lossy().into_owned(), true)),
            ),
            Err(message) => gathered.fail(name, message),
        }
    }
    for (file, from_dir) in targets {
        let text = match read_text(&file) {
            Ok(text) => text,
            Err(message) => {
                gathered.fail(&file, message);
                continue;
            }
        };
        match report::from_json(&text) {
            Ok(report) => gathered.reports.push((file, report)),
            Err(LoadError::NotAReport { .. }) if from_dir => {
                crate::out::say(&format!("{file}: skipped, not a Nianbao report file"));
            }
            Err(error) => gathered.fail(&file, describe(&file, &error)),
        }
    }
    gathered
}

impl Gathered {
    fn fail(&mut self, file: &str, message: String) {
        crate::out::say(&message);
        self.failed.push((file.to_string(), message));
    }
}

/// The `.json` files below `dir`, at any depth, sorted by path; links to folders are not
/// followed (no loops).
pub(crate) fn json_files_below(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let entries =
            std::fs::read_dir(&folder).map_err(|error| format!("{}: {error}", folder.display()))?;
        for entry in entries {
            let entry = entry.map_err(|error| format!("{}: {error}", folder.display()))?;
            let path = entry.path();
            let kind = entry
                .file_type()
                .map_err(|error| format!("{}: {error}", path.display()))?;
            if kind.is_dir() {
                pending.push(path);
            } else if path
                .extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("json"))
            {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Whether two paths name the same file (an output must never overwrite its input).
pub(crate) fn same_file(a: &str, b: &str) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
