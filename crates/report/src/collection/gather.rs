//! Reports gathered into a collection (issue 18): what a chosen file, a pasted published text
//! or a library report becomes, how each is kept as a record of its own (the app keeps them
//! in IndexedDB, one record per report), and the order and filter of the collection's rows.
//!
//! Nothing gathered is lost: a file that is not a report becomes a row saying why (a report
//! file's text is kept in its record, so a file mended later can be compared), a stored record
//! that no longer reads is shown as such and never rewritten, and removing a report only marks
//! its record until the clerk empties the removed ones.

use serde::{Deserialize, Serialize};

use crate::file::{LoadError, from_json, to_json};
use crate::import::{ImportResult, import_docx, import_html, import_text, summarise};
use crate::model::Report;

use super::SummaryRow;

/// The `format` of a collection record.
pub const RECORD_FORMAT: &str = "nianbao-collection-record";

/// The record version this code writes and reads.
pub const RECORD_VERSION: u32 = 1;

/// Where a gathered report came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// A report file (`.json`, the 数据备份 JSON download).
    ReportFile,
    /// A published report's web page or text file read by the importer.
    Published,
    /// A Word file read by the importer.
    Word,
    /// A PDF's text read by the importer.
    Pdf,
    /// Text pasted into the collection.
    Pasted,
    /// A report of this browser's library, copied in.
    Library,
}

/// Why a chosen source is not a report.
#[derive(Debug, Clone, PartialEq)]
pub enum SourceProblem {
    /// The file is not UTF-8 text; `byte` is the first byte that is not (1-based).
    NotUtf8 {
        /// The first invalid byte, 1-based.
        byte: usize,
    },
    /// A `.json` file that is not a report file of this tool, or not a valid one.
    NotAReport(LoadError),
    /// A Word file that could not be read (the reader's reason).
    Word(String),
    /// A published text in which the importer found neither tables nor sections.
    NothingRecognised,
    /// A file of a kind the collection does not read.
    UnknownKind,
}

/// A source read: the report, or why there is none, with what the importer could not place.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadSource {
    /// How the source was read.
    pub origin: Origin,
    /// The report read.
    pub report: Result<Report, SourceProblem>,
    /// What makes an imported report incomplete (a table not found, no year), as the
    /// importer's review words it; empty for report files.
    pub import_problems: Vec<String>,
    /// The source's text when it could not be read as a report file, kept in the record so
    /// that nothing the clerk chose is lost.
    pub kept_text: Option<String>,
}

/// Reads a chosen file by its name: `.json` as a report file, `.docx` as a Word file,
/// `.html`/`.htm` as a web page, `.txt`/`.md` as published text. A PDF is read to text by the
/// caller (the app's PDF worker) and given to [`read_published`].
pub fn read_source(name: &str, bytes: &[u8]) -> ReadSource {
    let lower = name.to_lowercase();
    let extension = lower.rsplit_once('.').map(|(_, ext)| ext).unwrap_or("");
    if extension == "docx" {
        return match import_docx(bytes) {
            Ok(result) => from_import(Origin::Word, result),
            Err(reason) => failed(Origin::Word, SourceProblem::Word(reason), None),
        };
    }
    let origin = if extension == "json" {
        Origin::ReportFile
    } else {
        Origin::Published
    };
    if !matches!(extension, "json" | "html" | "htm" | "txt" | "md") {
        return failed(origin, SourceProblem::UnknownKind, None);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.strip_prefix('\u{feff}').unwrap_or(text),
        Err(error) => {
            let byte = error.valid_up_to() + 1;
            return failed(origin, SourceProblem::NotUtf8 { byte }, None);
        }
    };
    match extension {
        "json" => match from_json(text) {
            Ok(report) => ReadSource {
                origin,
                report: Ok(report),
                import_problems: Vec::new(),
                kept_text: None,
            },
            Err(error) => failed(
                origin,
                SourceProblem::NotAReport(error),
                Some(text.to_string()),
            ),
        },
        "html" | "htm" => from_import(origin, import_html(text)),
        _ => from_import(origin, import_text(text)),
    }
}

/// Reads a published report's text (pasted, or a PDF's text) through the importer.
pub fn read_published(origin: Origin, text: &str) -> ReadSource {
    from_import(origin, import_text(text))
}

fn failed(origin: Origin, problem: SourceProblem, kept_text: Option<String>) -> ReadSource {
    ReadSource {
        origin,
        report: Err(problem),
        import_problems: Vec::new(),
        kept_text,
    }
}

/// An import's report, unless the importer recognised nothing of a report in the text (a
/// wrong file must not become an empty report that sums as zeros).
fn from_import(origin: Origin, result: ImportResult) -> ReadSource {
    let review = summarise(&result);
    let tables_found = review.tables.iter().any(|(_, filled, _)| *filled > 0);
    // Text before the first heading is no sign of a report: any page has some.
    let sections_found = result
        .report
        .sections
        .iter()
        .any(|section| section.id != "preamble" && !section.text.trim().is_empty());
    if !tables_found && !sections_found {
        return failed(origin, SourceProblem::NothingRecognised, None);
    }
    ReadSource {
        origin,
        report: Ok(result.report),
        import_problems: review.errors,
        kept_text: None,
    }
}

/// One report of a collection as it is kept: what it is called, where it came from, and the
/// report (or why the source is not one).
#[derive(Debug, Clone, PartialEq)]
pub struct Gathered {
    /// The record's key, unique in the collection.
    pub id: String,
    /// The file name, or the title of a pasted text or library report.
    pub name: String,
    /// Where it came from.
    pub origin: Origin,
    /// When it was added (milliseconds since 1970).
    pub added_at: f64,
    /// Removed by the clerk: kept until the removed reports are emptied.
    pub removed: bool,
    /// A report of last year's collection, kept only to compare with (a department whose
    /// figures equal last year's); never a member of this year's summary or sum.
    pub last_year: bool,
    /// The report, or why there is none (in the words of the language it was added in).
    pub content: Result<Report, String>,
    /// What the importer could not find (empty for report files).
    pub import_problems: Vec<String>,
    /// The source text kept when it was not a report, or a stored report that no longer reads.
    pub kept_text: Option<String>,
}

impl Gathered {
    /// Whether it belongs to this year's collection: not removed, not one of last year's.
    pub fn is_member(&self) -> bool {
        !self.removed && !self.last_year
    }

    /// The report, when it is one of last year's collection (kept to compare with) and reads.
    pub fn last_years_report(&self) -> Option<&Report> {
        if self.removed || !self.last_year {
            return None;
        }
        self.content.as_ref().ok()
    }

    /// A gathered report from a source read, its problem worded by `describe`.
    pub fn new(
        id: &str,
        name: &str,
        added_at: f64,
        read: ReadSource,
        describe: impl FnOnce(&SourceProblem) -> String,
    ) -> Gathered {
        Gathered {
            id: id.to_string(),
            name: name.to_string(),
            origin: read.origin,
            added_at,
            removed: false,
            last_year: false,
            content: read.report.map_err(|problem| describe(&problem)),
            import_problems: read.import_problems,
            kept_text: read.kept_text,
        }
    }

    /// The record kept for this report (JSON text). The report is kept as its report file's
    /// text, so records read back through the file format's migrations. An error (a time
    /// that is not a number) is said rather than written as an empty record.
    pub fn to_record(&self) -> Result<String, String> {
        if !self.added_at.is_finite() {
            return Err(format!(
                "{}: the time it was added is not a number",
                self.name
            ));
        }
        let record = Record {
            format: RECORD_FORMAT.to_string(),
            version: RECORD_VERSION,
            id: self.id.clone(),
            name: self.name.clone(),
            origin: self.origin,
            added_at: self.added_at,
            removed: self.removed,
            last_year: self.last_year,
            report: self.content.as_ref().ok().map(to_json),
            problem: self.content.as_ref().err().cloned(),
            import_problems: self.import_problems.clone(),
            kept_text: self.kept_text.clone(),
        };
        serde_json::to_string(&record).map_err(|error| format!("{}: {error}", self.name))
    }

    /// Reads a record back. A record whose report no longer reads is still a row (its text
    /// kept, the reason said); only text that is not a record at all is an error, and the
    /// caller leaves it where it is.
    pub fn from_record(text: &str) -> Result<Gathered, String> {
        let record: Record = serde_json::from_str(text).map_err(|error| error.to_string())?;
        if record.format != RECORD_FORMAT {
            return Err(format!("not a collection record: \"{}\"", record.format));
        }
        if record.version > RECORD_VERSION {
            return Err(format!(
                "written by a newer version (record version {})",
                record.version
            ));
        }
        let (content, kept_text) = match (record.report, record.problem) {
            (Some(report), _) => match from_json(&report) {
                Ok(parsed) => (Ok(parsed), record.kept_text),
                Err(error) => (Err(error.to_string()), Some(report)),
            },
            (None, Some(problem)) => (Err(problem), record.kept_text),
            (None, None) => (
                Err("the record holds no report and no reason".to_string()),
                record.kept_text,
            ),
        };
        Ok(Gathered {
            id: record.id,
            name: record.name,
            origin: record.origin,
            added_at: record.added_at,
            removed: record.removed,
            last_year: record.last_year,
            content,
            import_problems: record.import_problems,
            kept_text,
        })
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Record {
    format: String,
    version: u32,
    id: String,
    name: String,
    origin: Origin,
    added_at: f64,
    #[serde(default)]
    removed: bool,
    #[serde(default)]
    last_year: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    report: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    problem: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    import_problems: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kept_text: Option<String>,
}

/// The position in `last_year` of `report`'s own last year's report: the same agency (as
/// written, spaces ignored) and the year before. None when there is none, or when the
/// agency sent two (which one to compare with is the clerk's call, not ours).
pub fn previous_of(report: &Report, last_year: &[&Report]) -> Option<usize> {
    let agency = report.agency.trim();
    if agency.is_empty() {
        return None;
    }
    let mut found = last_year
        .iter()
        .enumerate()
        .filter(|(_, other)| other.year == report.year - 1 && other.agency.trim() == agency);
    let (first, _) = found.next()?;
    found.next().is_none().then_some(first)
}

/// A name not yet used in the collection: `name`, else `name (2)`, `name (3)`… Two files of
/// one name from two folders stay apart in every list and message.
pub fn unique_name<S: AsRef<str>>(name: &str, taken: &[S]) -> String {
    let used = |candidate: &str| taken.iter().any(|one| one.as_ref() == candidate);
    if !used(name) {
        return name.to_string();
    }
    (2..)
        .map(|n| format!("{name} ({n})"))
        .find(|candidate| !used(candidate))
        .unwrap_or_else(|| name.to_string())
}

/// What the collection's rows can be ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowOrder {
    /// The file or name, as added.
    File,
    /// The agency.
    Agency,
    /// The report year.
    Year,
    /// The format.
    Template,
    /// Errors.
    Errors,
    /// Warnings.
    Warnings,
    /// Blank cells.
    Blank,
}

/// The positions of `rows` in the order asked for; rows that compare equal keep their order.
/// Descending counts put the reports with the most problems first.
pub fn order_rows(rows: &[SummaryRow], by: RowOrder, descending: bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&rows[a], &rows[b]);
        let ordering = match by {
            RowOrder::File => a.file.cmp(&b.file),
            RowOrder::Agency => a.agency.cmp(&b.agency),
            RowOrder::Year => a.year.cmp(&b.year),
            RowOrder::Template => a.template.as_str().cmp(b.template.as_str()),
            RowOrder::Errors => a.errors.cmp(&b.errors),
            RowOrder::Warnings => a.warnings.cmp(&b.warnings),
            RowOrder::Blank => a.blank.cmp(&b.blank),
        };
        if descending {
            ordering.reverse()
        } else {
            ordering
        }
    });
    order
}

/// Which rows the collection shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowFilter {
    /// Words to find in the file name, the agency, the year or a quoted finding; every word
    /// (separated by spaces) must be found. Case is ignored.
    pub text: String,
    /// Only reports with at least one error.
    pub with_errors: bool,
}

impl RowFilter {
    /// Whether `row` is shown.
    pub fn shows(&self, row: &SummaryRow) -> bool {
        if self.with_errors && row.errors == 0 {
            return false;
        }
        let year = row.year.to_string();
        let haystacks = [
            row.file.to_lowercase(),
            row.agency.to_lowercase(),
            year,
            row.template.as_str().to_string(),
        ];
        self.text.split_whitespace().all(|word| {
            let word = word.to_lowercase();
            haystacks.iter().any(|hay| hay.contains(&word))
                || row
                    .top
                    .iter()
                    .any(|message| message.to_lowercase().contains(&word))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Lang;
    use crate::rules::validate;
    use crate::template::TemplateId;

    const SUQIAN: &str = include_str!("../../../../tests/fixtures/suqian-city-2024.json");

    fn describe(problem: &SourceProblem) -> String {
        format!("{problem:?}")
    }

    #[test]
    fn a_report_file_is_read_with_or_without_a_byte_order_mark() {
        let read = read_source("宿迁.JSON", SUQIAN.as_bytes());
        assert_eq!(read.origin, Origin::ReportFile);
        let report = read.report.expect("a report");
        assert_eq!(report.year, 2024);
        let with_bom = format!("\u{feff}{SUQIAN}");
        assert_eq!(
            read_source("a.json", with_bom.as_bytes()).report,
            Ok(report)
        );
    }

    #[test]
    fn a_broken_report_file_says_where_and_keeps_its_text() {
        let broken = SUQIAN.replacen("\"year\": 2024", "\"year\": \"二〇二四\"", 1);
        assert_ne!(
            broken, SUQIAN,
            "the fixture has the year where the test expects it"
        );
        let read = read_source("broken.json", broken.as_bytes());
        match &read.report {
            Err(SourceProblem::NotAReport(LoadError::Invalid { position, .. })) => {
                assert!(position.is_some(), "the line and column are said");
            }
            other => panic!("expected an invalid report file, got {other:?}"),
        }
        assert_eq!(read.kept_text.as_deref(), Some(broken.as_str()));
    }

    #[test]
    fn other_files_are_named_as_such() {
        let read = read_source("photo.png", &[0x89, b'P', b'N', b'G']);
        assert_eq!(read.report, Err(SourceProblem::UnknownKind));
        let read = read_source("gbk.txt", &[0xc4, 0xea, 0xb1, 0xa8]);
        assert_eq!(read.report, Err(SourceProblem::NotUtf8 { byte: 1 }));
        let read = read_source("word.docx", b"not a zip");
        assert!(matches!(read.report, Err(SourceProblem::Word(_))));
        assert_eq!(read.origin, Origin::Word);
    }

    #[test]
    fn a_text_that_is_not_a_report_is_refused_rather_than_summed_as_zeros() {
        for text in [
            "",
            "会议通知\n请各单位于下周一上午九时参加会议。",
            "Lorem ipsum dolor sit amet",
        ] {
            let read = read_published(Origin::Pasted, text);
            assert_eq!(read.report, Err(SourceProblem::NothingRecognised), "{text}");
        }
    }

    #[test]
    fn a_published_text_is_read_with_what_the_importer_missed() {
        let text = "宿迁市人民政府2024年政府信息公开工作年度报告\n\
                    一、总体情况\n2024年，宿迁市人民政府认真贯彻落实《中华人民共和国政府信息公开条例》。\n";
        let read = read_published(Origin::Pasted, text);
        let report = read.report.expect("sections were recognised");
        assert_eq!(report.year, 2024);
        assert!(
            !read.import_problems.is_empty(),
            "a text without its tables says so: {:?}",
            read.import_problems
        );
    }

    #[test]
    fn published_texts_and_word_files_are_read_through_the_importer() {
        let text = include_str!("../../../../tests/fixtures/published/huaian-2024.txt");
        let read = read_source("淮安市2024年报.txt", text.as_bytes());
        assert_eq!(read.origin, Origin::Published);
        let report = read.report.expect("a report");
        assert_eq!(report.year, 2024);
        assert!(report.figures.len() > 100, "the tables were read");

        let word = include_bytes!("../../../../tests/fixtures/pdf/hongze-2023.docx");
        let read = read_source("洪泽区.docx", word);
        assert_eq!(read.origin, Origin::Word);
        let report = read.report.expect("a report");
        assert_eq!(report.year, 2023);
        assert!(report.figures.len() > 100, "the tables were read");
    }

    #[test]
    fn records_round_trip_and_a_stored_report_that_no_longer_reads_is_kept() {
        let read = read_source("宿迁.json", SUQIAN.as_bytes());
        let gathered = Gathered::new("c1", "宿迁.json", 1.5e12, read, describe);
        let back =
            Gathered::from_record(&gathered.to_record().expect("a record")).expect("a record");
        assert_eq!(back, gathered);

        let broken = read_source("x.json", b"{\"format\": 3}");
        let gathered = Gathered::new("c2", "x.json", 2.0, broken, describe);
        let back =
            Gathered::from_record(&gathered.to_record().expect("a record")).expect("a record");
        assert!(back.content.is_err());
        assert_eq!(back.kept_text.as_deref(), Some("{\"format\": 3}"));

        // A record whose report was damaged in storage: the row says so, the text is kept.
        let good = Gathered::new(
            "c3",
            "宿迁.json",
            3.0,
            read_source("宿迁.json", SUQIAN.as_bytes()),
            describe,
        );
        let damaged = good
            .to_record()
            .expect("a record")
            .replace("2024", "二〇二四");
        let back = Gathered::from_record(&damaged).expect("still a record");
        assert!(back.content.is_err());
        assert!(back.kept_text.is_some_and(|text| text.contains("二〇二四")));

        assert!(Gathered::from_record("{}").is_err());
        let mut timeless = gathered.clone();
        timeless.added_at = f64::NAN;
        assert!(timeless.to_record().is_err(), "never an empty record");
        let newer = gathered
            .to_record()
            .expect("a record")
            .replace("\"version\":1", "\"version\":9");
        assert!(Gathered::from_record(&newer).is_err());
    }

    #[test]
    fn each_department_is_compared_with_its_own_last_year() {
        let this_year = crate::file::from_json(SUQIAN).expect("a report");
        let mut last = this_year.clone();
        last.year = 2023;
        let mut other = last.clone();
        other.agency = "宿迁市财政局".to_string();
        let mut older = last.clone();
        older.year = 2022;
        assert_eq!(previous_of(&this_year, &[&other, &older, &last]), Some(2));
        assert_eq!(previous_of(&this_year, &[&other, &older]), None);
        // Sent twice: not guessed.
        assert_eq!(previous_of(&this_year, &[&last, &last]), None);
        let mut unnamed = this_year.clone();
        unnamed.agency = " ".to_string();
        assert_eq!(previous_of(&unnamed, &[&last]), None);
    }

    #[test]
    fn names_are_made_unique() {
        assert_eq!(unique_name::<&str>("a.json", &[]), "a.json");
        assert_eq!(unique_name("a.json", &["a.json"]), "a.json (2)");
        assert_eq!(
            unique_name("a.json", &["a.json", "a.json (2)"]),
            "a.json (3)"
        );
    }

    fn row(file: &str, agency: &str, year: i32, errors: usize, warnings: usize) -> SummaryRow {
        SummaryRow {
            file: file.to_string(),
            agency: agency.to_string(),
            year,
            template: TemplateId::Gov2021,
            errors,
            warnings,
            blank: 0,
            acknowledged: 0,
            top: vec![format!("{agency} 表三 合计不符")],
        }
    }

    #[test]
    fn rows_are_ordered_stably_and_filtered_by_every_word() {
        let rows = vec![
            row("c.json", "县公安局", 2024, 2, 1),
            row("a.json", "县财政局", 2024, 0, 3),
            row("b.json", "县教育局", 2023, 2, 0),
        ];
        assert_eq!(order_rows(&rows, RowOrder::File, false), vec![1, 2, 0]);
        assert_eq!(order_rows(&rows, RowOrder::Errors, true), vec![0, 2, 1]);
        assert_eq!(order_rows(&rows, RowOrder::Errors, false), vec![1, 0, 2]);
        assert_eq!(order_rows(&rows, RowOrder::Year, false), vec![2, 0, 1]);

        let shown = |filter: &RowFilter| -> Vec<usize> {
            (0..rows.len())
                .filter(|&i| filter.shows(&rows[i]))
                .collect()
        };
        assert_eq!(shown(&RowFilter::default()), vec![0, 1, 2]);
        let errors = RowFilter {
            with_errors: true,
            ..RowFilter::default()
        };
        assert_eq!(shown(&errors), vec![0, 2]);
        let text = |text: &str| RowFilter {
            text: text.to_string(),
            with_errors: false,
        };
        assert_eq!(shown(&text("财政")), vec![1]);
        assert_eq!(shown(&text("2023")), vec![2]);
        assert_eq!(shown(&text("  ")), vec![0, 1, 2]);
        assert_eq!(shown(&text("B.JSON")), vec![2]);
        assert_eq!(shown(&text("县 公安")), vec![0]);
        assert_eq!(shown(&text("合计不符 教育")), vec![2]);
        assert!(shown(&text("林业局")).is_empty());
    }

    #[test]
    fn a_gathered_report_is_checked_like_any_other() {
        let read = read_source("宿迁.json", SUQIAN.as_bytes());
        let gathered = Gathered::new("c1", "宿迁.json", 0.0, read, describe);
        let report = gathered.content.as_ref().expect("a report");
        let findings = validate(report, None, Lang::Zh);
        let row = SummaryRow::new(&gathered.name, report, &findings);
        assert_eq!(row.file, "宿迁.json");
        assert_eq!(row.year, 2024);
    }
}
