//! The report file (`spec/report-file.md`): reading JSON text into a [`Report`], with errors
//! that name the line, column and field, migrating older versions, and writing it back in a
//! stable order. Text in, text out: opening and saving files is the caller's business.

use std::fmt;

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::model::{CURRENT_VERSION, FORMAT, Report};

/// Why a text is not a report this version can open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Not JSON, or JSON whose content does not fit the report format.
    Invalid {
        /// 1-based line and column of the problem, when known (a migrated file has none).
        position: Option<(usize, usize)>,
        /// The field in error, e.g. `figures.requests.new.total`; empty for the whole file.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// JSON, but not a Nianbao report (`format` missing or different).
    NotAReport {
        /// The `format` found, if any.
        found: Option<String>,
    },
    /// Written by a newer Nianbao: the app may show it read-only.
    NewerVersion {
        /// The version in the file.
        version: u64,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Invalid {
                position,
                path,
                message,
            } => {
                if let Some((line, column)) = position {
                    write!(f, "line {line}, column {column}: ")?;
                }
                if !path.is_empty() && path != "." {
                    write!(f, "{path}: ")?;
                }
                f.write_str(message)
            }
            LoadError::NotAReport { found: Some(found) } => write!(
                f,
                "not a Nianbao report file: \"format\" is \"{found}\", expected \"{FORMAT}\""
            ),
            LoadError::NotAReport { found: None } => {
                write!(
                    f,
                    "not a Nianbao report file: no \"format\": \"{FORMAT}\" field"
                )
            }
            LoadError::NewerVersion { version } => write!(
                f,
                "written by a newer version of Nianbao (file version {version}; this version reads \
                 versions up to {CURRENT_VERSION}); it can be opened read-only"
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// The fields read first, to decide how to read the rest.
#[derive(Deserialize)]
struct Probe {
    format: Option<Value>,
    version: Option<Value>,
}

/// Reads a report file. Older versions are migrated to the current one; a newer version is
/// refused with [`LoadError::NewerVersion`]. Unknown top-level keys and unknown cell keys are
/// kept.
pub fn from_json(text: &str) -> Result<Report, LoadError> {
    let probe: Probe = serde_json::from_str(text).map_err(|error| {
        let message = if error.is_data() {
            "expected a JSON object (a report file)".to_string()
        } else {
            bare_message(&error)
        };
        LoadError::Invalid {
            position: Some((error.line(), error.column())),
            path: String::new(),
            message,
        }
    })?;
    match probe.format {
        Some(Value::String(format)) if format == FORMAT => {}
        Some(Value::String(format)) => {
            return Err(LoadError::NotAReport {
                found: Some(format),
            });
        }
        _ => return Err(LoadError::NotAReport { found: None }),
    }
    let version = match probe.version {
        Some(Value::Number(number)) => number.as_u64(),
        _ => None,
    };
    match version {
        Some(1) => from_current(text),
        Some(0) => from_value(migrate_v0(serde_json::from_str(text).map_err(invalid)?)?),
        Some(version) => Err(LoadError::NewerVersion { version }),
        None => Err(LoadError::Invalid {
            position: None,
            path: "version".to_string(),
            message: "expected a whole number (the file format version)".to_string(),
        }),
    }
}

/// Reads a file already at the current version, keeping line and column for errors.
fn from_current(text: &str) -> Result<Report, LoadError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let report: Report = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        LoadError::Invalid {
            position: Some((inner.line(), inner.column())),
            path,
            message: bare_message(&inner),
        }
    })?;
    deserializer.end().map_err(invalid)?;
    Ok(report)
}

/// Reads a migrated file, which has no source positions any more.
fn from_value(value: Value) -> Result<Report, LoadError> {
    serde_path_to_error::deserialize(value).map_err(|error| LoadError::Invalid {
        position: None,
        path: error.path().to_string(),
        message: error.into_inner().to_string(),
    })
}

fn invalid(error: serde_json::Error) -> LoadError {
    LoadError::Invalid {
        position: Some((error.line(), error.column())),
        path: String::new(),
        message: bare_message(&error),
    }
}

/// serde_json's message without its trailing " at line L column C", which we print first.
fn bare_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    text.strip_suffix(&suffix).unwrap_or(&text).to_string()
}

/// Migrates version 0 to version 1.
///
/// Version 0 is *synthetic*: no released Nianbao wrote it. It exists so the migration path is
/// exercised by tests before a real version 2 needs it. It is the layout an early draft had in
/// mind, with figures nested per table (`"tables": {"requests": {"new.natural": 3}}`) instead
/// of the flat `"figures": {"requests.new.natural": 3}`.
fn migrate_v0(value: Value) -> Result<Value, LoadError> {
    let Value::Object(mut object) = value else {
        return Err(LoadError::Invalid {
            position: None,
            path: String::new(),
            message: "expected a JSON object (a report file)".to_string(),
        });
    };
    let mut figures = Map::new();
    match object.remove("tables") {
        None | Some(Value::Null) => {}
        Some(Value::Object(tables)) => {
            for (table, cells) in tables {
                let Value::Object(cells) = cells else {
                    return Err(LoadError::Invalid {
                        position: None,
                        path: format!("tables.{table}"),
                        message: "expected an object of cells".to_string(),
                    });
                };
                for (cell, value) in cells {
                    figures.insert(format!("{table}.{cell}"), value);
                }
            }
        }
        Some(_) => {
            return Err(LoadError::Invalid {
                position: None,
                path: "tables".to_string(),
                message: "expected an object of tables".to_string(),
            });
        }
    }
    object.insert("version".to_string(), Value::from(CURRENT_VERSION));
    object.insert("figures".to_string(), Value::Object(figures));
    Ok(Value::Object(object))
}

/// Writes a report as pretty JSON: `format`, `version`, `template`, `agency`, `year`,
/// `sections`, `figures` (in template order, then unknown keys), then the optional fields and
/// the unknown top-level keys as read.
pub fn to_json(report: &Report) -> String {
    let mut value = serde_json::to_value(report)
        .expect("a Report always serialises: all its keys are strings and numbers are finite");
    if let Some(Value::Object(figures)) = value.get_mut("figures") {
        let template = report.template();
        let mut entries: Vec<(String, Value)> = std::mem::take(figures).into_iter().collect();
        // Known cells in template order first; unknown keys keep their sorted order after
        // (the sort is stable).
        entries.sort_by_key(|(key, _)| template.cell_index(key).unwrap_or(usize::MAX));
        figures.extend(entries);
    }
    let mut text =
        serde_json::to_string_pretty(&value).expect("a JSON value always serialises to a string");
    text.push('\n');
    text
}
