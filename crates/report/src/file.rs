//! The report file (`spec/report-file.md`): reading JSON text into a [`Report`], with errors
//! that name the line, column and field, migrating older versions, and writing it back in a
//! stable order. Text in, text out: opening and saving files is the caller's business.

use std::fmt;

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use std::collections::BTreeMap;

use serde_json::Value;
use serde_json::value::RawValue;

use crate::model::{CURRENT_VERSION, CellValue, FORMAT, Report};

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
        Some(0) => from_migrated(&migrate_v0(text)?),
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
        // A figure is read whole before it is judged, so the parser already stands past it:
        // point at the figure itself.
        let position = path
            .strip_prefix("figures.")
            .filter(|_| inner.is_data())
            .and_then(|key| value_position(text, key))
            .unwrap_or((inner.line(), inner.column()));
        LoadError::Invalid {
            position: Some(position),
            path,
            message: bare_message(&inner),
        }
    })?;
    deserializer.end().map_err(invalid)?;
    Ok(report)
}

/// The 1-based line and column (in characters) where the value of the first `"key":` of the
/// `figures` object starts.
fn value_position(text: &str, key: &str) -> Option<(usize, usize)> {
    let figures = text.find("\"figures\"")?;
    let quoted = serde_json::to_string(key).ok()?;
    let mut from = figures;
    let start = loop {
        let found = from + text[from..].find(&quoted)?;
        let after = text[found + quoted.len()..].trim_start();
        if let Some(value) = after.strip_prefix(':') {
            break text.len() - value.trim_start().len();
        }
        from = found + quoted.len();
    };
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |n| n + 1)..]
        .chars()
        .count()
        + 1;
    Some((line, column))
}

/// Reads a migrated file, which has no source positions any more.
fn from_migrated(text: &str) -> Result<Report, LoadError> {
    from_current(text).map_err(|error| match error {
        LoadError::Invalid { path, message, .. } => LoadError::Invalid {
            position: None,
            path,
            message,
        },
        other => other,
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

/// Migrates version 0 to version 1, as text: every value is carried over as the JSON text it
/// was written with (never through a binary float), so `1.50` stays `1.50`.
///
/// Version 0 is *synthetic*: no released Nianbao wrote it. It exists so the migration path is
/// exercised by tests before a real version 2 needs it. It is the layout an early draft had in
/// mind, with figures nested per table (`"tables": {"requests": {"new.natural": 3}}`) instead
/// of the flat `"figures": {"requests.new.natural": 3}`; a file holding the flat map as well
/// keeps it.
fn migrate_v0(text: &str) -> Result<String, LoadError> {
    type Object = BTreeMap<String, Box<RawValue>>;
    let shape = |path: &str, message: &str| LoadError::Invalid {
        position: None,
        path: path.to_string(),
        message: message.to_string(),
    };
    let object_at = |raw: &RawValue, path: &str, message: &str| {
        serde_json::from_str::<Object>(raw.get()).map_err(|_| shape(path, message))
    };
    let mut object: Object = serde_json::from_str(text)
        .map_err(|_| shape("", "expected a JSON object (a report file)"))?;
    let mut figures = match object.remove("figures") {
        Some(raw) if raw.get() != "null" => {
            object_at(&raw, "figures", "expected an object of cells")?
        }
        _ => Object::new(),
    };
    if let Some(raw) = object.remove("tables").filter(|raw| raw.get() != "null") {
        let tables = object_at(&raw, "tables", "expected an object of tables")?;
        for (table, cells) in tables {
            let path = format!("tables.{table}");
            for (cell, value) in object_at(&cells, &path, "expected an object of cells")? {
                figures.insert(format!("{table}.{cell}"), value);
            }
        }
    }
    let raw = |text: String| RawValue::from_string(text).map_err(invalid);
    object.insert("version".to_string(), raw(CURRENT_VERSION.to_string())?);
    object.insert(
        "figures".to_string(),
        raw(serde_json::to_string(&figures).map_err(invalid)?)?,
    );
    serde_json::to_string(&object).map_err(invalid)
}

/// Writes a report as pretty JSON: `format`, `version`, `template`, `agency`, `year`,
/// `sections`, `figures` (in template order, then unknown keys), then the optional fields and
/// the unknown top-level keys as read. Figures are written from their text, never a float.
pub fn to_json(report: &Report) -> String {
    let mut text = serde_json::to_string_pretty(&Ordered(report))
        .expect("a Report always serialises: its keys are strings and its numbers valid JSON");
    text.push('\n');
    text
}

/// The same as [`to_json`] without line breaks or indentation, for storage.
pub(crate) fn to_json_compact(report: &Report) -> String {
    serde_json::to_string(&Ordered(report))
        .expect("a Report always serialises: its keys are strings and its numbers valid JSON")
}

/// A report written with its figures in template order.
struct Ordered<'a>(&'a Report);

impl Serialize for Ordered<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let report = self.0;
        let template = report.template();
        let mut figures: Vec<(&String, &CellValue)> = report.figures.iter().collect();
        // Known cells in template order first; unknown keys keep their sorted order after
        // (the sort is stable).
        figures.sort_by_key(|(key, _)| template.cell_index(key).unwrap_or(usize::MAX));
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("format", &report.format)?;
        map.serialize_entry("version", &report.version)?;
        map.serialize_entry("template", &report.template)?;
        map.serialize_entry("agency", &report.agency)?;
        map.serialize_entry("year", &report.year)?;
        map.serialize_entry("sections", &report.sections)?;
        map.serialize_entry("figures", &OrderedFigures(&figures))?;
        if let Some(auto_totals) = &report.auto_totals {
            map.serialize_entry("auto_totals", auto_totals)?;
        }
        if let Some(contact) = &report.contact {
            map.serialize_entry("contact", contact)?;
        }
        if let Some(publish_date) = &report.publish_date {
            map.serialize_entry("publish_date", publish_date)?;
        }
        if !report.acknowledged.is_empty() {
            map.serialize_entry("acknowledged", &report.acknowledged)?;
        }
        for (key, value) in &report.extra {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

struct OrderedFigures<'a>(&'a [(&'a String, &'a CellValue)]);

impl Serialize for OrderedFigures<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}
