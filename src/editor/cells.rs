//! Per-cell reactive state of the open report: each cell's text, its worst finding and
//! whether it is a computed total, each in a signal of its own. One render effect compares
//! them with the report after each edit and sets only those that changed, so a keystroke
//! wakes the cells it changed, not the two hundred cells of the tables (a signal read by
//! hundreds of memos costs each of them a re-subscription on every change).

use std::collections::HashMap;

use leptos::prelude::*;

use super::ctx::CellMark;

/// One cell's state.
#[derive(Debug, Clone, Copy)]
pub struct CellState {
    /// The text as typed.
    pub value: RwSignal<String>,
    /// The worst severity among its findings, with their messages.
    pub mark: RwSignal<Option<CellMark>>,
    /// `Some(overridden)` when auto-totals computes it.
    pub computed: RwSignal<Option<bool>>,
}

/// The state of every cell of the open report, by key.
#[derive(Debug, Clone, Copy)]
pub struct CellStates {
    cells: StoredValue<HashMap<String, CellState>>,
    /// The editor's owner: cells' signals belong to the editor, not to the effect or the
    /// component that first asked for them, which are disposed long before the editor.
    owner: StoredValue<Option<Owner>>,
}

impl CellState {
    fn new(owner: Option<&Owner>, (value, mark, computed): Now) -> CellState {
        let make = || CellState {
            value: RwSignal::new(value),
            mark: RwSignal::new(mark),
            computed: RwSignal::new(computed),
        };
        match owner {
            Some(owner) => owner.with(make),
            None => make(),
        }
    }
}

/// What the report says of one cell: text, mark, computed.
type Now = (String, Option<CellMark>, Option<bool>);

/// What the report says of one cell now.
fn read(report: &report::Report, marks: &HashMap<String, CellMark>, key: &str) -> Now {
    let value = report
        .cell_raw(key)
        .map(|v| v.into_owned())
        .unwrap_or_default();
    let computed = (report.auto_totals_enabled() && report::is_computed(report.template(), key))
        .then(|| report.is_overridden(key));
    (value, marks.get(key).cloned(), computed)
}

impl CellStates {
    /// Follows `report` and `marks` from now on.
    pub fn new(
        report: RwSignal<report::Report>,
        marks: Memo<HashMap<String, CellMark>>,
    ) -> CellStates {
        let cells = StoredValue::new(HashMap::<String, CellState>::new());
        let owner = StoredValue::new(Owner::current());
        let states = CellStates { cells, owner };
        let effect = RenderEffect::new(move |_| {
            // Read under the store's lock, set after it: setting a signal runs what depends
            // on it, which may ask the store for a cell.
            let changes: Vec<(CellState, Now)> = report.with(|report| {
                marks.with(|marks| {
                    report
                        .template()
                        .cells()
                        .iter()
                        .filter_map(|spec| {
                            let now = read(report, marks, &spec.key);
                            let state = cells.with_value(|cells| cells.get(&spec.key).copied());
                            match state {
                                Some(state) => Some((state, now)),
                                None => {
                                    let state = owner
                                        .with_value(|owner| CellState::new(owner.as_ref(), now));
                                    cells.update_value(|cells| {
                                        _ = cells.insert(spec.key.clone(), state)
                                    });
                                    None
                                }
                            }
                        })
                        .collect()
                })
            });
            for (state, (value, mark, computed)) in changes {
                if state.value.with_untracked(|v| *v != value) {
                    state.value.set(value);
                }
                if state.mark.with_untracked(|m| *m != mark) {
                    state.mark.set(mark);
                }
                if state.computed.get_untracked() != computed {
                    state.computed.set(computed);
                }
            }
        });
        // The effect lives as long as the editor that created it.
        let effect = StoredValue::new_local(Some(effect));
        on_cleanup(move || {
            let _ = effect.try_update_value(|effect| effect.take());
        });
        states
    }

    /// The state of cell `key`, created on the spot for a key the template lacks.
    pub fn get(&self, key: &str, report: RwSignal<report::Report>) -> CellState {
        if let Some(state) = self.cells.with_value(|cells| cells.get(key).copied()) {
            return state;
        }
        let now = report.with_untracked(|r| read(r, &HashMap::new(), key));
        let state = self
            .owner
            .with_value(|owner| CellState::new(owner.as_ref(), now));
        self.cells
            .update_value(|cells| _ = cells.insert(key.to_string(), state));
        state
    }
}
