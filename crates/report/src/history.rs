//! Undo and redo for the editor: a bounded history of report snapshots in which consecutive
//! typing into the same cell or section within a second becomes one step.
//!
//! It holds plain `Report` values and reads no clock: the caller passes the time of each edit.

use crate::model::Report;

/// Edits closer together than this (in milliseconds) with the same tag form one undo step.
pub const COALESCE_MS: f64 = 1000.0;

/// How many undo steps are kept.
pub const HISTORY_LIMIT: usize = 200;

/// The undo and redo stacks of one open report.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Report>,
    redo: Vec<Report>,
    /// The tag and time of the last recorded edit, for coalescing.
    last: Option<(String, f64)>,
}

impl History {
    /// An empty history.
    pub fn new() -> History {
        History::default()
    }

    /// Records that the report was `before` until an edit at `now_ms`. An edit with the same
    /// `tag` (e.g. the cell key) as the previous one, less than [`COALESCE_MS`] after it,
    /// joins the previous step; `None` always starts a new step (paste, delete, toggles).
    pub fn record(&mut self, before: Report, tag: Option<&str>, now_ms: f64) {
        let joins = self.joins(tag, now_ms);
        self.last = tag.map(|tag| (tag.to_string(), now_ms));
        self.redo.clear();
        if joins {
            return;
        }
        self.undo.push(before);
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.remove(0);
        }
    }

    /// Whether an edit with `tag` at `now_ms` would join the last step: then the step
    /// already holds the report as it was before it, and the caller need not copy it.
    pub fn joins(&self, tag: Option<&str>, now_ms: f64) -> bool {
        match (&self.last, tag) {
            (Some((last_tag, last_time)), Some(tag)) => {
                last_tag == tag && now_ms - last_time < COALESCE_MS
            }
            _ => false,
        }
    }

    /// Records an edit that joined the last step ([`History::joins`] said so) without the
    /// report before it: what [`History::record`] does for such an edit.
    pub fn extend(&mut self, tag: &str, now_ms: f64) {
        debug_assert!(self.joins(Some(tag), now_ms));
        self.last = Some((tag.to_string(), now_ms));
        self.redo.clear();
    }

    /// The report before the last step, given the `current` one (which becomes redoable).
    pub fn undo(&mut self, current: Report) -> Option<Report> {
        let previous = self.undo.pop()?;
        self.redo.push(current);
        self.last = None;
        Some(previous)
    }

    /// The report after the last undone step, given the `current` one.
    pub fn redo(&mut self, current: Report) -> Option<Report> {
        let next = self.redo.pop()?;
        self.undo.push(current);
        self.last = None;
        Some(next)
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_cell(value: &str) -> Report {
        let mut report = Report::new("机关", 2024);
        report.set_cell("requests.new.natural", value);
        report
    }

    #[test]
    fn typing_in_one_cell_is_one_step() {
        let mut history = History::new();
        history.record(with_cell(""), Some("a"), 0.0);
        history.record(with_cell("1"), Some("a"), 300.0);
        history.record(with_cell("12"), Some("a"), 600.0);
        let back = history.undo(with_cell("123"));
        assert_eq!(back, Some(with_cell("")));
        assert!(!history.can_undo());
        assert_eq!(history.redo(with_cell("")), Some(with_cell("123")));
    }

    #[test]
    fn another_cell_a_pause_or_an_untagged_edit_starts_a_step() {
        let mut history = History::new();
        history.record(with_cell(""), Some("a"), 0.0);
        history.record(with_cell("1"), Some("b"), 100.0);
        history.record(with_cell("2"), Some("b"), 5000.0);
        history.record(with_cell("3"), None, 5100.0);
        history.record(with_cell("4"), None, 5200.0);
        let mut steps = 0;
        let mut current = with_cell("5");
        while let Some(previous) = history.undo(current.clone()) {
            current = previous;
            steps += 1;
        }
        assert_eq!(steps, 5);
        assert_eq!(current, with_cell(""));
    }

    #[test]
    fn an_edit_that_joins_needs_no_copy_and_undoes_with_its_step() {
        let mut history = History::new();
        assert!(!history.joins(Some("a"), 0.0));
        history.record(with_cell(""), Some("a"), 0.0);
        assert!(history.joins(Some("a"), 400.0));
        assert!(!history.joins(Some("b"), 400.0));
        assert!(!history.joins(None, 400.0));
        history.extend("a", 400.0);
        // The window runs from the last keystroke: 1,300 ms after the first, 900 after this.
        assert!(history.joins(Some("a"), 1300.0));
        history.extend("a", 1300.0);
        assert!(!history.joins(Some("a"), 2400.0));
        assert_eq!(history.undo(with_cell("123")), Some(with_cell("")));
        assert!(!history.can_undo());
        // After an undo nothing joins: the next keystroke starts a step of its own.
        assert!(!history.joins(Some("a"), 1400.0));
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let mut history = History::new();
        history.record(with_cell(""), None, 0.0);
        let _ = history.undo(with_cell("1"));
        assert!(history.can_redo());
        history.record(with_cell(""), None, 10.0);
        assert!(!history.can_redo());
    }
}
