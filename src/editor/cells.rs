//! Per-cell reactive state of the open report: each cell's text, its worst finding and
//! whether it is a computed total, each in a signal of its own. Two render effects, one
//! following the report and one the marks, set only the signals that changed, so a keystroke
//! wakes the cells it changed, not the two hundred cells of the tables (a signal read by
//! hundreds of memos costs each of them a re-subscription on every change). They keep the
//! figures and marks last applied and look only at what differs from them
//! (`report::changed_figures`, the marks that came or went or changed): comparing every cell
//! on every keystroke was most of the editor's own work per key (BENCHMARKS.md).

use std::collections::{BTreeMap, HashMap};

use leptos::prelude::*;
use report::{AutoTotals, CellValue, Report, Severity, TemplateId};

use super::ctx::CellMark;

/// One cell's state.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CellState {
    /// The text as typed.
    pub value: RwSignal<String>,
    /// The worst severity among its findings: the cell's colour. Apart from the messages,
    /// because a keystroke rewords the findings of a sum (the figures in their words) far
    /// more often than it changes their severity, and a class change costs a restyle.
    pub severity: RwSignal<Option<Severity>>,
    /// Its findings' messages, one per line (empty when none): the cell's tooltip.
    pub messages: RwSignal<String>,
    /// `Some(overridden)` when auto-totals computes it.
    pub computed: RwSignal<Option<bool>>,
}

/// The cells of one template, in its order, with whether auto-totals computes each, and what
/// their signals were last set from.
#[derive(Debug, Default)]
struct Table {
    template: Option<TemplateId>,
    cells: Vec<(String, bool, CellState)>,
    index: HashMap<String, usize>,
    /// Whether the next comparison looks at every cell (the cells were just laid out).
    whole: bool,
    /// The figures and auto-totals setting the values and computed states were set from.
    figures: BTreeMap<String, CellValue>,
    auto_totals: Option<AutoTotals>,
    /// The marks the severities and messages were set from.
    marks: HashMap<String, CellMark>,
}

/// The state of every cell of the open report, by key.
#[derive(Debug, Clone, Copy)]
pub struct CellStates {
    table: StoredValue<Table>,
    /// Cells asked for that the template lacks (kept apart, never compared).
    extra: StoredValue<HashMap<String, CellState>>,
    /// The editor's owner: cells' signals belong to the editor, not to the effect or the
    /// component that first asked for them, which are disposed long before the editor.
    owner: StoredValue<Option<Owner>>,
}

fn computed(report: &Report, computes: bool, key: &str) -> Option<bool> {
    (computes && report.auto_totals_enabled()).then(|| report.is_overridden(key))
}

impl CellState {
    fn new(owner: Option<&Owner>, value: String, computed: Option<bool>) -> CellState {
        let make = || CellState {
            value: RwSignal::new(value),
            severity: RwSignal::new(None),
            messages: RwSignal::new(String::new()),
            computed: RwSignal::new(computed),
        };
        match owner {
            Some(owner) => owner.with(make),
            None => make(),
        }
    }
}

/// One change to apply once the comparison is done.
enum Change {
    Value(RwSignal<String>, String),
    Severity(RwSignal<Option<Severity>>, Option<Severity>),
    Messages(RwSignal<String>, String),
    Computed(RwSignal<Option<bool>>, Option<bool>),
}

/// Sets the signals that changed.
fn apply(changes: Vec<Change>) {
    for change in changes {
        match change {
            Change::Value(signal, value) => signal.set(value),
            Change::Severity(signal, severity) => signal.set(severity),
            Change::Messages(signal, messages) => signal.set(messages),
            Change::Computed(signal, computed) => signal.set(computed),
        }
    }
}

/// The change of `state`'s text to cell `key`'s in `report`, if it differs.
fn value_change(state: &CellState, report: &Report, key: &str, changes: &mut Vec<Change>) {
    let now = report.cell_raw(key);
    let now = now.as_deref().unwrap_or("");
    if state.value.with_untracked(|v| v != now) {
        changes.push(Change::Value(state.value, now.to_string()));
    }
}

/// The changes of `state`'s colour and tooltip to `mark`, where they differ.
fn mark_changes(state: &CellState, mark: Option<&CellMark>, changes: &mut Vec<Change>) {
    let severity = mark.map(|m| m.0);
    if state.severity.get_untracked() != severity {
        changes.push(Change::Severity(state.severity, severity));
    }
    let messages = mark.map_or("", |m| m.1.as_str());
    if state.messages.with_untracked(|m| m != messages) {
        changes.push(Change::Messages(state.messages, messages.into()));
    }
}

/// The change of `state`'s computed state to what `report` gives cell `key`, if it differs.
fn computed_change(
    state: &CellState,
    report: &Report,
    computes: bool,
    key: &str,
    changes: &mut Vec<Change>,
) {
    let computed = computed(report, computes, key);
    if state.computed.get_untracked() != computed {
        changes.push(Change::Computed(state.computed, computed));
    }
}

impl Table {
    /// The signal changes that bring the cells' values and computed states up to `report`,
    /// recording it as applied: the values of the figures that differ from those last
    /// applied, and the computed state of the totals when the auto-totals setting changed.
    /// Just after the cells were laid out, every cell is compared, marks included.
    fn figure_changes(
        &mut self,
        report: &Report,
        marks: impl FnOnce() -> HashMap<String, CellMark>,
    ) -> Vec<Change> {
        if std::mem::take(&mut self.whole) {
            return self.all_changes(report, &marks());
        }
        let mut changes = Vec::new();
        let changed = report::changed_figures(&self.figures, &report.figures);
        let auto_changed = self.auto_totals != report.auto_totals;
        for key in &changed {
            self.figure_change(report, key, &mut changes);
        }
        // Whether a total is computed, and overridden, is the auto-totals setting's alone
        // (`Report::is_overridden`): a figure typed leaves it as it was.
        if auto_changed {
            self.auto_totals = report.auto_totals.clone();
            for (key, _, state) in self.cells.iter().filter(|(_, computes, _)| *computes) {
                computed_change(state, report, true, key, &mut changes);
            }
        }
        changes
    }

    /// The change of cell `key`'s text to what `report` holds, if it differs, recording its
    /// figure as applied.
    fn figure_change(&mut self, report: &Report, key: &str, changes: &mut Vec<Change>) {
        match report.figures.get(key) {
            Some(value) => _ = self.figures.insert(key.to_string(), value.clone()),
            None => _ = self.figures.remove(key),
        }
        if let Some((_, _, state)) = self.index.get(key).and_then(|&i| self.cells.get(i)) {
            value_change(state, report, key, changes);
        }
    }

    /// The signal changes that bring the cells' colours and tooltips up to `marks`,
    /// recording them as applied: those of the cells whose marks came, went or changed.
    fn mark_changes(&mut self, marks: &HashMap<String, CellMark>) -> Vec<Change> {
        let mut changes = Vec::new();
        if self.marks == *marks {
            return changes;
        }
        let gone = self.marks.keys().filter(|key| !marks.contains_key(*key));
        let came_or_changed = marks
            .iter()
            .filter(|(key, mark)| self.marks.get(*key) != Some(mark))
            .map(|(key, _)| key);
        for key in gone.chain(came_or_changed) {
            if let Some((_, _, state)) = self.index.get(key).and_then(|&i| self.cells.get(i)) {
                mark_changes(state, marks.get(key), &mut changes);
            }
        }
        self.marks = marks.clone();
        changes
    }

    /// [`Table::figure_changes`] and [`Table::mark_changes`] looking at every cell.
    fn all_changes(&mut self, report: &Report, marks: &HashMap<String, CellMark>) -> Vec<Change> {
        let mut changes = Vec::new();
        for (key, computes, state) in &self.cells {
            value_change(state, report, key, &mut changes);
            mark_changes(state, marks.get(key), &mut changes);
            computed_change(state, report, *computes, key, &mut changes);
        }
        self.figures = report.figures.clone();
        self.auto_totals = report.auto_totals.clone();
        self.marks = marks.clone();
        changes
    }
}

impl CellStates {
    /// Follows `report` and `marks` from now on: two effects, so that a keystroke (a change
    /// of the report) does not compare the marks, and a check (a change of the marks) does
    /// not compare the figures.
    pub fn new(report: RwSignal<Report>, marks: Memo<HashMap<String, CellMark>>) -> CellStates {
        let states = CellStates {
            table: StoredValue::new(Table::default()),
            extra: StoredValue::new(HashMap::new()),
            owner: StoredValue::new(Owner::current()),
        };
        let figures = RenderEffect::new(move |_| {
            report.with(|report| states.rebuild_if_needed(report));
            // Compared under the store's lock, set after it: setting a signal runs what
            // depends on it, which may ask the store for a cell.
            let changes = report.with(|report| {
                states
                    .table
                    .try_update_value(|table| {
                        table.figure_changes(report, || marks.get_untracked())
                    })
                    .unwrap_or_default()
            });
            apply(changes);
        });
        let marked = RenderEffect::new(move |_| {
            report.with_untracked(|report| states.rebuild_if_needed(report));
            let changes = marks.with(|marks| {
                states
                    .table
                    .try_update_value(|table| table.mark_changes(marks))
                    .unwrap_or_default()
            });
            apply(changes);
        });
        // The effects live as long as the editor that created them.
        let effects = StoredValue::new_local(Some((figures, marked)));
        on_cleanup(move || {
            let _ = effects.try_update_value(|effects| effects.take());
        });
        states
    }

    /// Lays the cells out for the report's template the first time and when it changes;
    /// a cell keeps its signals across a change of template.
    fn rebuild_if_needed(&self, report: &Report) {
        if self
            .table
            .with_value(|t| t.template == Some(report.template))
        {
            return;
        }
        let template = report.template();
        let mut old = self.table.with_value(|t| {
            t.cells
                .iter()
                .map(|(key, _, state)| (key.clone(), *state))
                .collect::<HashMap<_, _>>()
        });
        let owner = self.owner.get_value();
        let cells: Vec<(String, bool, CellState)> = template
            .cells()
            .iter()
            .map(|spec| {
                let computes = report::is_computed(template, &spec.key);
                let state = old.remove(&spec.key).unwrap_or_else(|| {
                    CellState::new(
                        owner.as_ref(),
                        report.cell_text(&spec.key),
                        computed(report, computes, &spec.key),
                    )
                });
                (spec.key.clone(), computes, state)
            })
            .collect();
        let index: HashMap<String, usize> = cells
            .iter()
            .enumerate()
            .map(|(i, (key, _, _))| (key.clone(), i))
            .collect();
        // The cells kept show what was applied to them for the other template, those made
        // here what the report holds: the next comparison is a whole one.
        self.table.set_value(Table {
            template: Some(report.template),
            cells,
            index,
            whole: true,
            figures: BTreeMap::new(),
            auto_totals: None,
            marks: HashMap::new(),
        });
    }

    /// Brings cell `key`'s text up to `report` now, ahead of the effect that follows the
    /// report (which may wake a task later, `EditorCtx::show_typed`). The figure is recorded
    /// as applied, so an undo before that effect runs still finds the cell to change back.
    pub fn show_now(&self, key: &str, report: RwSignal<Report>) {
        report.with_untracked(|r| self.rebuild_if_needed(r));
        let changes = report.with_untracked(|report| {
            self.table
                .try_update_value(|table| {
                    let mut changes = Vec::new();
                    table.figure_change(report, key, &mut changes);
                    changes
                })
                .unwrap_or_default()
        });
        apply(changes);
    }

    /// The state of cell `key`, created on the spot for a key the template lacks.
    pub fn get(&self, key: &str, report: RwSignal<Report>) -> CellState {
        report.with_untracked(|r| self.rebuild_if_needed(r));
        let known = self
            .table
            .with_value(|t| t.index.get(key).map(|&i| t.cells[i].2));
        if let Some(state) = known.or_else(|| self.extra.with_value(|e| e.get(key).copied())) {
            return state;
        }
        let value = report.with_untracked(|r| r.cell_text(key));
        let state = CellState::new(self.owner.get_value().as_ref(), value, None);
        self.extra
            .update_value(|extra| _ = extra.insert(key.to_string(), state));
        state
    }
}
