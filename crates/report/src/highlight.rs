//! Showing prose findings in an editor: a finding's byte span as the UTF-16 offsets a browser
//! text area counts in, and a text cut into plain and marked pieces for a highlight layer.

use crate::finding::{Finding, Severity, TextSpan};

/// One piece of a section's text for a highlight layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The text of the piece.
    pub text: String,
    /// The worst severity of the findings covering it; `None` for plain text.
    pub mark: Option<Severity>,
}

impl TextSpan {
    /// The span as UTF-16 code-unit offsets into `text` (what `setSelectionRange` takes), or
    /// `None` when it does not fall on character boundaries of `text` (the text changed).
    pub fn utf16_range(&self, text: &str) -> Option<(u32, u32)> {
        let (start, end) = (self.start.min(self.end), self.end.max(self.start));
        let before = text.get(..start)?;
        let inside = text.get(start..end)?;
        let start16 = before.encode_utf16().count();
        let end16 = start16 + inside.encode_utf16().count();
        Some((u32::try_from(start16).ok()?, u32::try_from(end16).ok()?))
    }
}

/// Cuts `text` of section `section` into pieces, marking what the prose findings' spans cover.
/// Overlapping spans take the worst severity; spans that no longer fit the text are ignored.
pub fn highlight_segments(text: &str, section: &str, findings: &[Finding]) -> Vec<Segment> {
    // Every boundary where the marking may change, with the spans that apply.
    let spans: Vec<(usize, usize, Severity)> = findings
        .iter()
        .filter_map(|f| f.span.as_ref().map(|s| (s, f.severity)))
        .filter(|(s, _)| s.section == section && s.start < s.end)
        .filter(|(s, _)| text.get(s.start..s.end).is_some())
        .map(|(s, severity)| (s.start, s.end, severity))
        .collect();
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for (start, end, _) in &spans {
        cuts.push(*start);
        cuts.push(*end);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut segments: Vec<Segment> = Vec::new();
    for pair in cuts.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        let Some(piece) = text.get(from..to).filter(|p| !p.is_empty()) else {
            continue;
        };
        let mark = spans
            .iter()
            .filter(|(start, end, _)| *start <= from && to <= *end)
            .map(|(_, _, severity)| *severity)
            .min();
        match segments.last_mut() {
            Some(last) if last.mark == mark => last.text.push_str(piece),
            _ => segments.push(Segment {
                text: piece.to_string(),
                mark,
            }),
        }
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Rule;

    fn finding(section: &str, start: usize, end: usize) -> Finding {
        let mut finding = Finding::new(Rule::NarrativePartsExceed, Vec::new(), String::new());
        finding.span = Some(TextSpan {
            section: section.to_string(),
            start,
            end,
        });
        finding
    }

    #[test]
    fn utf16_offsets_count_chinese_as_one_unit_and_refuse_broken_spans() {
        let text = "前言。共收到申请21件。";
        let start = text.find('共').unwrap_or(0);
        let span = TextSpan {
            section: "overview".into(),
            start,
            end: text.len(),
        };
        assert_eq!(span.utf16_range(text), Some((3, 12)));
        let broken = TextSpan {
            section: "overview".into(),
            start: 1,
            end: 4,
        };
        assert_eq!(broken.utf16_range(text), None);
    }

    #[test]
    fn segments_mark_only_the_spans_of_this_section() {
        let text = "甲。乙。丙。";
        let second = text.find('乙').unwrap_or(0);
        let third = text.find('丙').unwrap_or(0);
        let findings = [
            finding("overview", second, third),
            finding("problems", 0, 3),
        ];
        let segments = highlight_segments(text, "overview", &findings);
        let marks: Vec<(&str, bool)> = segments
            .iter()
            .map(|s| (s.text.as_str(), s.mark.is_some()))
            .collect();
        assert_eq!(marks, [("甲。", false), ("乙。", true), ("丙。", false)]);
        let joined: String = segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, text, "nothing of the text is lost");
        assert_eq!(highlight_segments(text, "other", &findings).len(), 1);
    }
}
