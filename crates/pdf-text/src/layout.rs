//! Glyphs placed by position into the lines and columns of plain text, the way
//! `pdftotext -layout` does: lines from top to bottom, glyphs from left to right, each put at
//! its column (half a character of the page's usual size per column, so a Chinese character
//! takes two), with at least one space where the page leaves a gap and two where it leaves a
//! column's width, so figures in table cells never run together.

/// One drawn character (or ligature), in page coordinates: x from the left edge, y the
/// baseline from the top edge, both in points.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Left edge.
    pub x: f64,
    /// Baseline, from the top of the page.
    pub y: f64,
    /// How far the glyph advances.
    pub width: f64,
    /// The font size as drawn.
    pub size: f64,
    /// What it reads as.
    pub text: String,
}

/// The rightmost column a glyph is placed at; an A3 landscape page in 6-point type is far
/// narrower.
const MAX_COLUMN: usize = 1000;

/// The page's text: one line per row of glyphs, columns padded with spaces.
pub(crate) fn lay_out(glyphs: &[Glyph]) -> String {
    if glyphs.is_empty() {
        return String::new();
    }
    let unit = (median(glyphs.iter().map(|g| g.size)) / 2.0).max(1.0);
    let glyphs: Vec<&Glyph> = glyphs.iter().collect();
    let mut order = glyphs;
    order.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Vec<&Glyph>> = Vec::new();
    let mut baseline = f64::NEG_INFINITY;
    let mut line_size = 0.0_f64;
    for glyph in order {
        let tolerance = 0.4 * glyph.size.max(line_size).max(1.0);
        match lines.last_mut() {
            Some(line) if (glyph.y - baseline).abs() <= tolerance => line.push(glyph),
            _ => {
                lines.push(vec![glyph]);
                baseline = glyph.y;
                line_size = glyph.size;
            }
        }
    }
    let mut out = String::new();
    for mut line in lines {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
        out.push_str(line_text(&line, unit).trim_end());
        out.push('\n');
    }
    out
}

fn line_text(line: &[&Glyph], unit: f64) -> String {
    let mut text = String::new();
    let mut column = 0usize;
    let mut previous: Option<&Glyph> = None;
    let mut typed_space = false;
    for glyph in line {
        if glyph.text.trim().is_empty() {
            typed_space = previous.is_some();
            continue;
        }
        // A glyph placed absurdly far right (a damaged or hostile matrix) must not make a
        // line of a billion spaces.
        let target = ((glyph.x.max(0.0) / unit).round() as usize).min(MAX_COLUMN);
        match previous {
            // Fake bold and shadows draw the same glyph twice, a hair apart.
            Some(prev)
                if prev.text == glyph.text && (glyph.x - prev.x).abs() < 0.2 * glyph.size =>
            {
                continue;
            }
            Some(prev) => {
                let size = glyph.size.max(prev.size);
                let gap = glyph.x - (prev.x + prev.width);
                // Word processors put about a quarter of an em between Chinese and Latin
                // characters by themselves; only a wider gap was typed.
                let boundary = wide(&prev.text) != wide(&glyph.text);
                let space = if boundary { 0.4 } else { 0.2 };
                if gap > 1.5 * size {
                    // A column of a table: at its column, and never closer than two spaces.
                    let pad = target.saturating_sub(column).max(2);
                    text.extend(std::iter::repeat_n(' ', pad));
                    column += pad;
                } else if typed_space || gap > space * size {
                    text.push(' ');
                    column += 1;
                }
            }
            None => {
                text.extend(std::iter::repeat_n(' ', target));
                column = target;
            }
        }
        text.push_str(&glyph.text);
        column += glyph.text.chars().map(columns).sum::<usize>();
        previous = Some(glyph);
        typed_space = false;
    }
    text
}

/// Whether a glyph's text is Chinese (full-width) rather than Latin.
fn wide(text: &str) -> bool {
    text.chars().next().is_some_and(|ch| columns(ch) == 2)
}

/// How many columns a character takes: two for Chinese and other full-width characters.
fn columns(ch: char) -> usize {
    let wide = matches!(ch,
        '\u{1100}'..='\u{115f}'
        | '\u{2e80}'..='\u{a4cf}'
        | '\u{ac00}'..='\u{d7a3}'
        | '\u{f900}'..='\u{faff}'
        | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff00}'..='\u{ff60}'
        | '\u{ffe0}'..='\u{ffe6}'
        | '\u{20000}'..='\u{3fffd}');
    if wide { 2 } else { 1 }
}

fn median(values: impl Iterator<Item = f64>) -> f64 {
    let mut values: Vec<f64> = values.filter(|v| v.is_finite() && *v > 0.0).collect();
    if values.is_empty() {
        return 10.0;
    }
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}
