//! Parsing what clerks type into a numeric cell: full-width digits, separators, units.

/// A parsed cell value, kept as an exact decimal: `digits` scaled by 10^`scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figure {
    /// The value times 10^scale.
    pub scaled: i128,
    /// Number of decimal places written.
    pub scale: u8,
}

/// Why a cell's text is not a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FigureError {
    /// Nothing but spaces.
    Blank,
    /// Text that is not a number.
    NotANumber,
}

/// Parses a figure as typed: full-width digits and punctuation are folded to ASCII, spaces
/// and thousands separators are dropped.
pub fn parse_figure(raw: &str) -> Result<Figure, FigureError> {
    let mut text = String::new();
    for ch in raw.chars() {
        let ch = match ch {
            '０'..='９' => char::from_u32(ch as u32 - '０' as u32 + '0' as u32).unwrap_or(ch),
            '．' => '.',
            '－' => '-',
            ',' | '，' | ' ' | '\u{3000}' => continue,
            other => other,
        };
        text.push(ch);
    }
    if text.is_empty() {
        return Err(FigureError::Blank);
    }
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let (int_part, frac_part) = body.split_once('.').unwrap_or((body, ""));
    if int_part.is_empty() || !int_part.bytes().all(|b| b.is_ascii_digit()) || !frac_part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FigureError::NotANumber);
    }
    let digits: String = format!("{int_part}{frac_part}");
    let scaled: i128 = digits.parse().map_err(|_| FigureError::NotANumber)?;
    let scale = u8::try_from(frac_part.len()).map_err(|_| FigureError::NotANumber)?;
    Ok(Figure { scaled: if negative { -scaled } else { scaled }, scale })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_and_separators() {
        assert_eq!(parse_figure("１，２３４"), Ok(Figure { scaled: 1234, scale: 0 }));
        assert_eq!(parse_figure(" 7730.28 "), Ok(Figure { scaled: 773028, scale: 2 }));
        assert_eq!(parse_figure("12a"), Err(FigureError::NotANumber));
    }
}
