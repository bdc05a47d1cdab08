//! Parsing what clerks type into a numeric cell: full-width digits, separators, spaces and a
//! trailing unit, into an exact decimal. Floating point is never used, so comparisons are exact.
//! This module knows the kind of a cell but not which cell it is; messages live in `rules`.

use std::cmp::Ordering;
use std::fmt;

/// What a cell holds, which decides what text is accepted in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CellKind {
    /// A whole, non-negative number of things (applications, documents, cases); unit 件.
    Count,
    /// A whole number that may be negative (gov-2019 本年增/减); unit 件.
    SignedCount,
    /// A non-negative amount in 万元 with up to 4 decimal places (to the yuan).
    AmountWan,
    /// A non-negative amount in 元 with up to 2 decimal places (to the fen).
    AmountYuan,
    /// A non-negative amount with no printed unit, up to 4 decimal places (gov-2019 采购总金额).
    Amount,
}

impl CellKind {
    /// The unit a clerk may type after the number; it is stripped before parsing.
    pub fn unit(self) -> Option<&'static str> {
        match self {
            CellKind::Count | CellKind::SignedCount => Some("件"),
            CellKind::AmountWan => Some("万元"),
            CellKind::AmountYuan => Some("元"),
            CellKind::Amount => None,
        }
    }

    /// The largest number of decimal places accepted (0 for counts).
    pub fn max_decimals(self) -> u8 {
        match self {
            CellKind::Count | CellKind::SignedCount => 0,
            // 6 places of 万元 is to the 分 (平潭 2023 prints 5949.088667); more is read
            // exactly and flagged by `cell.precision`, never refused.
            CellKind::AmountWan => 6,
            CellKind::Amount => 4,
            CellKind::AmountYuan => 2,
        }
    }

    /// Whether the cell is a count (whole numbers only).
    pub fn is_count(self) -> bool {
        matches!(self, CellKind::Count | CellKind::SignedCount)
    }
}

/// An exact decimal: `scaled` / 10^`scale`. `3` is `{3, 0}`, `7730.28` is `{773028, 2}`.
///
/// Equality is numeric (`1.50 == 1.5`); `scale` remembers the precision written so the value
/// can be shown back as typed.
#[derive(Debug, Clone, Copy)]
pub struct Figure {
    scaled: i128,
    scale: u8,
}

/// The most significant digits a figure may have. 18 digits keep every sum of a report's
/// cells far inside `i128`, so arithmetic on parsed figures cannot overflow.
const MAX_DIGITS: usize = 18;

impl Figure {
    /// A whole number.
    pub fn whole(value: i64) -> Figure {
        Figure {
            scaled: i128::from(value),
            scale: 0,
        }
    }

    /// A whole number as it reads back from a cell of `kind` it was written into: what
    /// [`parse_figure`] gives for its decimal text, without writing it (`None` past the
    /// digits a cell holds, or where the kind refuses it).
    pub(crate) fn whole_as_read(value: i64, kind: CellKind) -> Option<Figure> {
        let digits = value
            .unsigned_abs()
            .checked_ilog10()
            .map_or(1, |log| log as usize + 1);
        if digits > MAX_DIGITS {
            return None;
        }
        check_kind(Figure::whole(value), kind).ok()
    }

    /// The value times 10^scale.
    pub fn scaled(self) -> i128 {
        self.scaled
    }

    /// The number of decimal places written.
    pub fn scale(self) -> u8 {
        self.scale
    }

    /// Whether the value is below zero.
    pub fn is_negative(self) -> bool {
        self.scaled < 0
    }

    /// The value as a whole number, when it is one and fits in `i64`.
    pub fn as_whole(self) -> Option<i64> {
        let factor = 10i128.checked_pow(u32::from(self.scale))?;
        if self.scaled % factor != 0 {
            return None;
        }
        i64::try_from(self.scaled / factor).ok()
    }

    /// `self` rescaled to `scale` places (only ever to more places, which is exact).
    fn at_scale(self, scale: u8) -> i128 {
        let extra = u32::from(scale.saturating_sub(self.scale));
        self.scaled.saturating_mul(10i128.saturating_pow(extra))
    }

    /// Sum of any number of figures; zero for none.
    pub fn sum<I: IntoIterator<Item = Figure>>(figures: I) -> Figure {
        figures
            .into_iter()
            .fold(Figure::whole(0), |sum, figure| sum + figure)
    }
}

impl std::ops::Add for Figure {
    type Output = Figure;

    /// Exact sum, at the finer of the two precisions.
    fn add(self, other: Figure) -> Figure {
        let scale = self.scale.max(other.scale);
        Figure {
            scaled: self.at_scale(scale).saturating_add(other.at_scale(scale)),
            scale,
        }
    }
}

impl std::iter::Sum for Figure {
    /// Exact sum; also gives `Option<Figure>` sums that are `None` when any part is.
    fn sum<I: Iterator<Item = Figure>>(figures: I) -> Figure {
        Figure::sum(figures)
    }
}

impl std::ops::Sub for Figure {
    type Output = Figure;

    /// Exact difference, at the finer of the two precisions.
    fn sub(self, other: Figure) -> Figure {
        let scale = self.scale.max(other.scale);
        Figure {
            scaled: self.at_scale(scale).saturating_sub(other.at_scale(scale)),
            scale,
        }
    }
}

impl PartialEq for Figure {
    fn eq(&self, other: &Figure) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Figure {}

impl PartialOrd for Figure {
    fn partial_cmp(&self, other: &Figure) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Figure {
    fn cmp(&self, other: &Figure) -> Ordering {
        let scale = self.scale.max(other.scale);
        self.at_scale(scale).cmp(&other.at_scale(scale))
    }
}

impl fmt::Display for Figure {
    /// Plain ASCII, no separators, as many decimals as written: `1191`, `-3`, `7730.28`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.scaled < 0 { "-" } else { "" };
        let digits = self.scaled.unsigned_abs().to_string();
        let scale = usize::from(self.scale);
        if scale == 0 {
            return write!(f, "{sign}{digits}");
        }
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (int_part, frac_part) = padded.split_at(padded.len() - scale);
        write!(f, "{sign}{int_part}.{frac_part}")
    }
}

/// Why a cell's text is not an acceptable figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FigureError {
    /// Nothing but spaces (or nothing at all).
    Blank,
    /// Text that is not a number, or a number too long to be a real figure.
    NotANumber,
    /// A number below zero where the cell allows none.
    Negative(Figure),
    /// A count with a fractional part.
    Fraction(Figure),
    /// An amount with more decimal places than the cell allows.
    TooManyDecimals {
        /// The figure as read.
        figure: Figure,
        /// The places the cell allows.
        max: u8,
    },
}

/// Parses a figure as typed into a cell of `kind`.
///
/// Accepted: full-width digits, `.`/`．`, minus signs (`-`, `－`, `−`), a leading `+`,
/// thousands separators (`,` or `，`, in groups of three), surrounding spaces (including the
/// full-width U+3000 and no-break spaces), and the unit of the cell at the end (件, 万元, 元).
/// Never panics, whatever the input.
pub fn parse_figure(raw: &str, kind: CellKind) -> Result<Figure, FigureError> {
    // Fast path for the common case, plain ASCII digits, which needs no folding or copying.
    if (1..=MAX_DIGITS).contains(&raw.len()) && raw.bytes().all(|b| b.is_ascii_digit()) {
        let scaled = raw
            .bytes()
            .fold(0i128, |acc, digit| acc * 10 + i128::from(digit - b'0'));
        return Ok(Figure { scaled, scale: 0 });
    }
    let mut text = String::with_capacity(raw.len());
    for ch in raw.chars() {
        text.push(fold_char(ch));
    }
    let mut body = text.trim();
    if body.is_empty() {
        return Err(FigureError::Blank);
    }
    if let Some(rest) = kind.unit().and_then(|unit| body.strip_suffix(unit)) {
        body = rest.trim_end();
    }
    let (negative, body) = match body.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, body.strip_prefix('+').unwrap_or(body).trim_start()),
    };
    let (int_part, frac_part) = match body.split_once('.') {
        Some((int_part, frac_part)) => (int_part, Some(frac_part)),
        None => (body, None),
    };
    let int_digits = strip_thousands(int_part).ok_or(FigureError::NotANumber)?;
    let frac_digits = frac_part.unwrap_or("");
    let frac_ok = frac_digits.bytes().all(|b| b.is_ascii_digit());
    if int_digits.is_empty() || !frac_ok || (frac_part.is_some() && frac_digits.is_empty()) {
        return Err(FigureError::NotANumber);
    }
    let significant = int_digits.trim_start_matches('0').len() + frac_digits.len();
    if significant > MAX_DIGITS || frac_digits.len() > MAX_DIGITS {
        return Err(FigureError::NotANumber);
    }
    let mut scaled: i128 = 0;
    for digit in int_digits.bytes().chain(frac_digits.bytes()) {
        scaled = scaled * 10 + i128::from(digit - b'0');
    }
    let scale = u8::try_from(frac_digits.len()).map_err(|_| FigureError::NotANumber)?;
    let figure = Figure {
        scaled: if negative { -scaled } else { scaled },
        scale,
    };
    check_kind(figure, kind)
}

/// Folds the full-width and typographic variants clerks' input methods produce to ASCII.
fn fold_char(ch: char) -> char {
    match ch {
        '０'..='９' => {
            char::from_u32(u32::from(ch) - u32::from('０') + u32::from('0')).unwrap_or(ch)
        }
        '．' => '.',
        '－' | '−' | '﹣' | '–' => '-',
        '＋' => '+',
        '，' => ',',
        '\u{3000}' | '\u{a0}' | '\u{202f}' => ' ',
        other => other,
    }
}

/// The integer digits without thousands separators, or `None` when the separators are not
/// in groups of three (so `1,23` is rejected rather than read as 123).
fn strip_thousands(int_part: &str) -> Option<String> {
    let mut groups = int_part.split(',');
    let first = groups.next()?;
    let mut digits = String::from(first);
    for group in groups {
        if group.len() != 3 || first.is_empty() {
            return None;
        }
        digits.push_str(group);
    }
    digits.bytes().all(|b| b.is_ascii_digit()).then_some(digits)
}

/// Applies the rules of the cell kind to a well-formed number.
fn check_kind(figure: Figure, kind: CellKind) -> Result<Figure, FigureError> {
    if figure.is_negative() && kind != CellKind::SignedCount {
        return Err(FigureError::Negative(figure));
    }
    if kind.is_count() {
        // `3.0` is a whole number written oddly; accept it as 3.
        return match figure.as_whole() {
            Some(whole) => Ok(Figure::whole(whole)),
            None => Err(FigureError::Fraction(figure)),
        };
    }
    let max = kind.max_decimals();
    if figure.scale > max && kind != CellKind::AmountWan {
        return Err(FigureError::TooManyDecimals { figure, max });
    }
    Ok(figure)
}
