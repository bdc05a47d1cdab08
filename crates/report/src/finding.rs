//! What the checker reports: findings, their rule ids (the stable strings of
//! `spec/report-file.md`), severities, and the message language. Findings are data, not
//! errors: a report with findings is still a report that can be saved and printed.

use std::fmt;

use serde::{Serialize, Serializer};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The report is wrong and should not be published as is.
    Error,
    /// Probably wrong, or incomplete; worth a look.
    Warning,
    /// A note.
    Info,
}

impl Severity {
    /// The id used in JSON output: `error`, `warning`, `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// The language of finding messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Chinese, the default.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Reads `zh` / `en` (and `zh-CN`, `en-US` …).
    pub fn parse(text: &str) -> Option<Lang> {
        let lower = text.to_ascii_lowercase();
        if lower == "zh" || lower.starts_with("zh-") {
            Some(Lang::Zh)
        } else if lower == "en" || lower.starts_with("en-") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

macro_rules! rules {
    ($( $(#[$doc:meta])* $variant:ident = $id:literal, $severity:ident; )*) => {
        /// A check, identified in files and output by its stable id string.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule {
            $( $(#[$doc])* $variant, )*
        }

        impl Rule {
            /// Every rule this version implements, in reporting order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant),*];

            /// The stable id, e.g. `requests.row_total`.
            pub fn id(self) -> &'static str {
                match self { $(Rule::$variant => $id,)* }
            }

            /// The severity every finding of this rule has.
            pub fn severity(self) -> Severity {
                match self { $(Rule::$variant => Severity::$severity,)* }
            }

            /// The rule with this id.
            pub fn from_id(id: &str) -> Option<Rule> {
                match id { $($id => Some(Rule::$variant),)* _ => None }
            }
        }
    };
}

rules! {
    /// The template does not fit the report year.
    TemplateYear = "template.year", Warning;
    /// The report's own title, or the statistics period of its 前言, names another year.
    TitleYear = "title.year", Warning;
    /// Not a number, even after accepting full-width digits, separators, spaces and a unit.
    CellInvalid = "cell.invalid", Error;
    /// Negative where the format allows none.
    CellNegative = "cell.negative", Error;
    /// A count that is not a whole number.
    CellFraction = "cell.fraction", Error;
    /// A cell of the format left blank (the format expects 0).
    CellBlank = "cell.blank", Warning;
    /// A key in `figures` the template does not have.
    CellUnknown = "cell.unknown", Warning;
    /// An amount in 万元 with more than 6 decimal places (finer than the 分): read exactly,
    /// but likely a unit slip.
    CellPrecision = "cell.precision", Warning;
    /// Table 三, one row: 总计 ≠ the six applicant columns.
    RequestsRowTotal = "requests.row_total", Error;
    /// Table 三, one column: （七）总计 ≠ the sum of the outcome rows.
    RequestsHandledTotal = "requests.handled_total", Error;
    /// Table 三, one column: 一 + 二 ≠ （七） + 四.
    RequestsBalance = "requests.balance", Error;
    /// Table 四, one row: 总计 ≠ 维持 + 纠正 + 其他 + 尚未审结.
    AppealsTotal = "appeals.total", Error;
    /// 二 上年结转 ≠ last year's 四 结转下年度, per column.
    CarryOver = "carry_over", Warning;
    /// 现行有效 ≠ last year's 现行有效 + 制发 − 废止 (gov-2021).
    ActiveInForce = "active.in_force", Warning;
    /// Every figure equals last year's.
    FiguresSameAsLastYear = "figures.same_as_last_year", Warning;
    /// Prose gives a total and then parts that add up to more.
    NarrativePartsExceed = "narrative.parts_exceed", Warning;
    /// A figure quoted in prose contradicts the tables.
    NarrativeTableMismatch = "narrative.table_mismatch", Warning;
    /// A required section (overview, problems) is missing, empty or only 无.
    NarrativeEmpty = "narrative.empty", Warning;
    /// A section's text is (nearly) the same as last year's.
    NarrativeSameAsLastYear = "narrative.same_as_last_year", Warning;
    /// The prose names a year other than the report year where it reports what happened.
    NarrativeStaleYear = "narrative.stale_year", Warning;
    /// 六 says no 信息处理费 was charged while the figures say otherwise, or the reverse.
    NarrativeFeeMismatch = "narrative.fee_mismatch", Warning;
    /// 五 is there but says nothing real (a few characters, or only boilerplate).
    NarrativeProblemsThin = "narrative.problems_thin", Warning;
    /// Sub-headings （一）（二）… (or a legacy report's headings) out of order or with gaps.
    NarrativeHeadingOrder = "narrative.heading_order", Warning;
    /// A 同比 rate in the prose that last year's and this year's tables contradict.
    NarrativeYoyMismatch = "narrative.yoy_mismatch", Warning;
    /// A summed report (汇总): a source's cell was blank or unreadable and is not in the total.
    SumSourceGap = "sum.source_gap", Warning;
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

/// A stretch of a section's text a finding is about (prose rules).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextSpan {
    /// The section id.
    pub section: String,
    /// Byte offset of the start in the section text.
    pub start: usize,
    /// Byte offset just past the end.
    pub end: usize,
}

/// One thing the checker found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Which check.
    pub rule: Rule,
    /// How serious.
    pub severity: Severity,
    /// The cells of this report the finding reads: the reported cell (a total) first, then
    /// every input. Empty for findings about the report as a whole.
    pub cells: Vec<String>,
    /// What is wrong, by how much, and where, in official labels.
    pub message: String,
    /// For arithmetic rules: the value the reported cell should have.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// For arithmetic rules: the value it has.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<String>,
    /// The text the finding is about, for prose rules.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<TextSpan>,
    /// The clerk's reason, when they checked this finding and accepted it (已核实).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acknowledged: Option<String>,
}

impl Finding {
    /// A finding of `rule` with its usual severity and no expected/actual values.
    pub(crate) fn new(rule: Rule, cells: Vec<String>, message: String) -> Finding {
        Finding {
            rule,
            severity: rule.severity(),
            cells,
            message,
            expected: None,
            actual: None,
            span: None,
            acknowledged: None,
        }
    }

    /// The same finding with the expected and actual values of an arithmetic rule.
    pub(crate) fn with_values(mut self, expected: impl ToString, actual: impl ToString) -> Finding {
        self.expected = Some(expected.to_string());
        self.actual = Some(actual.to_string());
        self
    }

    /// The first cell, the one the finding is anchored to.
    pub fn anchor(&self) -> Option<&str> {
        self.cells.first().map(String::as_str)
    }
}
