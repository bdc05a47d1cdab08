//! The report as the app edits it and the file stores it: metadata, sections of prose and a
//! flat map of figures keyed by cell key, each kept exactly as typed.
//!
//! The model never interprets a figure (that is `figure` and `rules`) and never reads or
//! writes files (that is `file`, and it only converts to and from text).

use std::collections::BTreeMap;

use serde::de;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::figure::{Figure, FigureError, parse_figure};
use crate::template::{Template, TemplateId};

/// The value of the `format` field of every report file.
pub const FORMAT: &str = "nianbao/report";

/// The file format version this code writes.
pub const CURRENT_VERSION: u32 = 1;

/// One report, as drafted.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(any(test, feature = "schema"), derive(schemars::JsonSchema))]
pub struct Report {
    /// Always `nianbao/report`.
    pub format: String,
    /// The file format version, 1 for this code.
    pub version: u32,
    /// The official format the report follows.
    pub template: TemplateId,
    /// The reporting agency (机关名称); a draft may leave it empty.
    #[serde(default)]
    pub agency: String,
    /// The report year (the year reported on, not the year of publication).
    pub year: i32,
    /// The prose sections, in order.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// Cell key → value as typed. A missing key is a blank cell.
    #[serde(default)]
    pub figures: BTreeMap<String, CellValue>,
    /// The auto-totals setting of this report (absent: off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_totals: Option<AutoTotals>,
    /// A contact line for questions (地址、电话、电子邮箱), when the app collects it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// The publication date as the user wrote it (e.g. `2025-01-20`); never read from a clock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publish_date: Option<String>,
    /// Findings the clerk checked and accepted (已核实), each with its reason. A finding
    /// stays acknowledged only while the figures and text it concerned are unchanged.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acknowledged: Vec<Acknowledgement>,
    /// Top-level keys this version does not know, kept and written back unchanged.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A warning or note the clerk checked and accepted (已核实), with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(any(test, feature = "schema"), derive(schemars::JsonSchema))]
pub struct Acknowledgement {
    /// The rule id of the finding.
    pub rule: String,
    /// The finding's cells, as it listed them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<String>,
    /// What the finding concerned when it was accepted (its rule, cells, their values and the
    /// sentence it quoted), hashed: when any of it changes, the finding comes back.
    pub fingerprint: String,
    /// Why it is right as it is, in the clerk's words.
    pub reason: String,
}

/// The empty sections of an official format, in order (none for `legacy`, whose sections are
/// free).
pub(crate) fn official_sections(template: &Template) -> Vec<Section> {
    template
        .sections
        .iter()
        .map(|spec| Section {
            id: spec.id.to_string(),
            heading: None,
            text: String::new(),
        })
        .collect()
}

// Read by hand, not derived: a derived reader with `#[serde(flatten)]` buffers the whole file
// first and rounds every figure through `f64` on the way.
impl<'de> Deserialize<'de> for Report {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Report, D::Error> {
        deserializer.deserialize_map(ReportVisitor)
    }
}

/// Reads the top-level object key by key: known keys into their fields (so figures are read
/// straight from the JSON text), unknown ones into `extra`.
struct ReportVisitor;

impl<'de> de::Visitor<'de> for ReportVisitor {
    type Value = Report;

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("a report object")
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Report, A::Error> {
        fn once<T, E: de::Error>(
            slot: &mut Option<T>,
            key: &'static str,
            value: T,
        ) -> Result<(), E> {
            if slot.replace(value).is_some() {
                return Err(E::duplicate_field(key));
            }
            Ok(())
        }
        let mut format = None;
        let mut version = None;
        let mut template = None;
        let mut agency = None;
        let mut year = None;
        let mut sections = None;
        let mut figures = None;
        let mut auto_totals = None;
        let mut contact = None;
        let mut publish_date = None;
        let mut acknowledged = None;
        let mut extra = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => once(&mut format, "format", map.next_value()?)?,
                "version" => once(&mut version, "version", map.next_value()?)?,
                "template" => once(&mut template, "template", map.next_value()?)?,
                "agency" => once(&mut agency, "agency", map.next_value()?)?,
                "year" => once(&mut year, "year", map.next_value()?)?,
                "sections" => once(&mut sections, "sections", map.next_value()?)?,
                "figures" => once(&mut figures, "figures", map.next_value()?)?,
                "auto_totals" => once(&mut auto_totals, "auto_totals", map.next_value()?)?,
                "contact" => once(&mut contact, "contact", map.next_value()?)?,
                "publish_date" => once(&mut publish_date, "publish_date", map.next_value()?)?,
                "acknowledged" => once(&mut acknowledged, "acknowledged", map.next_value()?)?,
                _ => {
                    let value = map.next_value()?;
                    extra.insert(key, value);
                }
            }
        }
        Ok(Report {
            format: format.ok_or_else(|| de::Error::missing_field("format"))?,
            version: version.ok_or_else(|| de::Error::missing_field("version"))?,
            template: template.ok_or_else(|| de::Error::missing_field("template"))?,
            agency: agency.unwrap_or_default(),
            year: year.ok_or_else(|| de::Error::missing_field("year"))?,
            sections: sections.unwrap_or_default(),
            figures: figures.unwrap_or_default(),
            auto_totals: auto_totals.unwrap_or_default(),
            contact: contact.unwrap_or_default(),
            publish_date: publish_date.unwrap_or_default(),
            acknowledged: acknowledged.unwrap_or_default(),
            extra,
        })
    }
}

/// A section of prose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(any(test, feature = "schema"), derive(schemars::JsonSchema))]
pub struct Section {
    /// For `gov-*` templates one of the template's section ids; free for `legacy`.
    pub id: String,
    /// The heading, required for `legacy`; `gov-*` use the official one when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// The text, paragraphs separated by `\n`.
    #[serde(default)]
    pub text: String,
}

/// Whether totals are computed, and which computed cells the user chose to type instead.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(any(test, feature = "schema"), derive(schemars::JsonSchema))]
pub struct AutoTotals {
    /// Fill total cells from their parts.
    #[serde(default)]
    pub enabled: bool,
    /// Total cells the user overrode (手动覆盖); auto-totals leave them as typed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overridden: Vec<String>,
}

/// A figure exactly as it stands in the file: a JSON number stays that number as written
/// (`3.10`, `1234567890123.4567`, even `1e400`), a string stays that string (`"3,511"`,
/// `"１２３"`), so writing a report back loses nothing and no figure ever passes through a
/// binary float.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    /// `null`: blank.
    Null,
    /// A JSON number, as the text it was written with (always valid JSON number syntax).
    Number(String),
    /// A string as typed; empty or spaces only is blank.
    Text(String),
}

impl CellValue {
    /// A whole number, as JSON writes it.
    pub fn whole(value: i64) -> CellValue {
        CellValue::Number(value.to_string())
    }

    /// The text to parse: the number as written in the file, or the string; `None` for null.
    pub fn raw(&self) -> Option<std::borrow::Cow<'_, str>> {
        match self {
            CellValue::Null => None,
            CellValue::Number(number) => Some(number.as_str().into()),
            CellValue::Text(text) => Some(text.as_str().into()),
        }
    }

    /// The figure in the cell, read as a cell of `kind`. A JSON number in exponent form
    /// (`1.5e3`) is read exactly when its digits fit; otherwise it is not a valid figure.
    pub fn figure(&self, kind: crate::CellKind) -> Result<Figure, FigureError> {
        match self {
            CellValue::Null => Err(FigureError::Blank),
            CellValue::Number(number) => match expand_exponent(number) {
                Some(plain) => parse_figure(&plain, kind),
                None => parse_figure(number, kind),
            },
            CellValue::Text(text) => parse_figure(text, kind),
        }
    }

    /// Whether the cell counts as blank: null, or text with nothing but spaces.
    pub fn is_blank(&self) -> bool {
        match self {
            CellValue::Null => true,
            CellValue::Number(_) => false,
            // `trim` knows the full-width U+3000 and no-break spaces as spaces.
            CellValue::Text(text) => text.trim().is_empty(),
        }
    }
}

/// The plain decimal form of a JSON number written with an exponent (`1.5e3` → `1500`,
/// `25E-2` → `0.25`), when the result stays short enough to be a figure; `None` when the
/// number has no exponent or the exponent is out of any figure's reach (then the text is
/// parsed as written and reported as not a valid figure).
fn expand_exponent(number: &str) -> Option<String> {
    let (mantissa, exponent) = number.split_once(['e', 'E'])?;
    let exponent: i32 = exponent
        .strip_prefix('+')
        .unwrap_or(exponent)
        .parse()
        .ok()?;
    if exponent.abs() > 40 {
        return None;
    }
    let (negative, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, mantissa),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{int_part}{frac_part}");
    // The decimal point sits after `point` digits of `digits`.
    let point = i32::try_from(int_part.len()).ok()? + exponent;
    let plain = if point <= 0 {
        format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
    } else if point as usize >= digits.len() {
        format!("{digits}{}", "0".repeat(point as usize - digits.len()))
    } else {
        let (int, frac) = digits.split_at(point as usize);
        format!("{int}.{frac}")
    };
    Some(if negative { format!("-{plain}") } else { plain })
}

impl Serialize for CellValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            CellValue::Null => serializer.serialize_unit(),
            // Written back exactly as read: a raw JSON value, never a float.
            CellValue::Number(number) => serde_json::value::RawValue::from_string(number.clone())
                .map_err(serde::ser::Error::custom)?
                .serialize(serializer),
            CellValue::Text(text) => serializer.serialize_str(text),
        }
    }
}

/// Cells are read from JSON as raw text, so a number keeps the digits it was written with
/// (serde's own number types would round it through `f64` or refuse `1e400`).
impl<'de> Deserialize<'de> for CellValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<CellValue, D::Error> {
        let raw = Box::<serde_json::value::RawValue>::deserialize(deserializer)?;
        let text = raw.get();
        match text.as_bytes().first() {
            Some(b'n') => Ok(CellValue::Null),
            Some(b'"') => serde_json::from_str(text)
                .map(CellValue::Text)
                .map_err(de::Error::custom),
            Some(b'-' | b'0'..=b'9') => Ok(CellValue::Number(text.to_string())),
            _ => Err(de::Error::invalid_type(
                de::Unexpected::Other(text),
                &"a number, a string or null",
            )),
        }
    }
}

#[cfg(any(test, feature = "schema"))]
impl schemars::JsonSchema for CellValue {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CellValue".into()
    }

    fn json_schema(_generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A figure as typed: a number, or a string such as \"1,234\" or \"１２３\"; null or \"\" is a blank cell.",
            "type": ["number", "string", "null"]
        })
    }
}

impl Report {
    /// A new, empty report for `agency` and `year`, on the template that fits the year.
    pub fn new(agency: impl Into<String>, year: i32) -> Report {
        let template = Template::for_year(year);
        Report {
            format: FORMAT.to_string(),
            version: CURRENT_VERSION,
            template: template.id,
            agency: agency.into(),
            year,
            sections: official_sections(template),
            figures: BTreeMap::new(),
            auto_totals: None,
            contact: None,
            publish_date: None,
            acknowledged: Vec::new(),
            extra: serde_json::Map::new(),
        }
    }

    /// The report's template.
    pub fn template(&self) -> &'static Template {
        Template::get(self.template)
    }

    /// What was typed in a cell, `None` when it is blank.
    pub fn cell_raw(&self, key: &str) -> Option<std::borrow::Cow<'_, str>> {
        self.figures
            .get(key)
            .filter(|value| !value.is_blank())
            .and_then(CellValue::raw)
    }

    /// What a cell shows for editing: what was typed, or an empty text when it is blank.
    pub fn cell_text(&self, key: &str) -> String {
        self.cell_raw(key)
            .map(std::borrow::Cow::into_owned)
            .unwrap_or_default()
    }

    /// The parsed value of a cell, read with the kind the template gives it (a key the
    /// template does not have is read as a plain amount).
    pub fn cell_figure(&self, key: &str) -> Result<Figure, FigureError> {
        let kind = self
            .template()
            .cell_spec(key)
            .map_or(crate::CellKind::Amount, |spec| spec.kind);
        match self.figures.get(key) {
            Some(value) => value.figure(kind),
            None => Err(FigureError::Blank),
        }
    }

    /// Sets a cell to the text typed; empty or spaces only makes it blank (removes it).
    pub fn set_cell(&mut self, key: &str, raw: impl Into<String>) {
        let raw = raw.into();
        if CellValue::Text(raw.clone()).is_blank() {
            self.figures.remove(key);
        } else {
            self.figures.insert(key.to_string(), CellValue::Text(raw));
        }
    }

    /// Whether [`Report::set_cell`] with `raw` would leave the report as it is: the editor
    /// then records no edit for a keystroke that changed nothing.
    pub fn cell_holds(&self, key: &str, raw: &str) -> bool {
        match self.figures.get(key) {
            None => raw.trim().is_empty(),
            Some(CellValue::Text(text)) => !raw.trim().is_empty() && text == raw,
            Some(_) => false,
        }
    }

    /// The text of a section, `None` when the report has no such section.
    pub fn section_text(&self, id: &str) -> Option<&str> {
        self.sections
            .iter()
            .find(|section| section.id == id)
            .map(|section| section.text.as_str())
    }

    /// Sets the text of a section, adding the section (in template order) when missing.
    pub fn set_section_text(&mut self, id: &str, text: impl Into<String>) {
        let text = text.into();
        if let Some(section) = self.sections.iter_mut().find(|section| section.id == id) {
            section.text = text;
            return;
        }
        let template = self.template();
        let position = template.sections.iter().position(|spec| spec.id == id);
        // Insert before the first existing section that comes later in the template.
        let insert_at = position
            .and_then(|position| {
                self.sections.iter().position(|section| {
                    template
                        .sections
                        .iter()
                        .position(|spec| spec.id == section.id)
                        .is_some_and(|other| other > position)
                })
            })
            .unwrap_or(self.sections.len());
        self.sections.insert(
            insert_at,
            Section {
                id: id.to_string(),
                heading: None,
                text,
            },
        );
    }

    /// The heading to print for a section: its own, else the template's official one.
    pub fn section_heading<'a>(&'a self, section: &'a Section) -> &'a str {
        match &section.heading {
            Some(heading) => heading,
            None => self
                .template()
                .section(&section.id)
                .map_or("", |spec| spec.heading),
        }
    }

    /// Whether auto-totals are on for this report.
    pub fn auto_totals_enabled(&self) -> bool {
        self.auto_totals
            .as_ref()
            .is_some_and(|setting| setting.enabled)
    }

    /// Turns auto-totals on or off, keeping the overridden set.
    pub fn set_auto_totals(&mut self, enabled: bool) {
        self.auto_totals
            .get_or_insert_with(AutoTotals::default)
            .enabled = enabled;
    }

    /// Whether the user overrode this computed cell.
    pub fn is_overridden(&self, key: &str) -> bool {
        self.auto_totals
            .as_ref()
            .is_some_and(|setting| setting.overridden.iter().any(|k| k == key))
    }

    /// Marks a computed cell as overridden (typed by the user) or restores it to computed.
    pub fn set_overridden(&mut self, key: &str, overridden: bool) {
        let setting = self.auto_totals.get_or_insert_with(AutoTotals::default);
        setting.overridden.retain(|k| k != key);
        if overridden {
            setting.overridden.push(key.to_string());
            setting.overridden.sort();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `cell_holds` says what `set_cell` would do, for every kind of stored value.
    #[test]
    fn cell_holds_is_true_exactly_when_set_cell_changes_nothing() {
        let mut report = Report::new("机关", 2024);
        report.set_cell("requests.new.natural", "12");
        report.figures.insert(
            "requests.new.business".into(),
            CellValue::Number("3".into()),
        );
        report
            .figures
            .insert("requests.new.research".into(), CellValue::Null);
        report
            .figures
            .insert("requests.new.social".into(), CellValue::Text(" ".into()));
        let keys = [
            "requests.new.natural",
            "requests.new.business",
            "requests.new.research",
            "requests.new.social",
            "requests.new.legal",
        ];
        for key in keys {
            for raw in ["", " ", "　", "12", "12 ", "3", "x"] {
                let mut after = report.clone();
                after.set_cell(key, raw);
                assert_eq!(
                    report.cell_holds(key, raw),
                    after == report,
                    "{key} ← {raw:?}"
                );
            }
        }
    }
}
