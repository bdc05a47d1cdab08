//! A table as a spreadsheet-grade grid under the official merged headers. The grid's own
//! state (which cell has the focus, the selected range, whether a cell is being edited, the
//! last paste message) is local to it; figures live in the report.

pub mod cell;
pub mod keys;
pub mod rows;
pub mod toolbar;

use leptos::prelude::*;
use report::{GridRange, TableSpec};

use crate::i18n::LangCtx;
use crate::i18n::{Text, tr};
use rows::grid_rows;
use toolbar::GridToolbar;

/// How the focused cell takes keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Arrows move; typing replaces the whole value.
    Navigate,
    /// Typing started in the cell: arrows still move, as in Excel's entry mode.
    Typing,
    /// F2 or double-click: arrows move the caret.
    InPlace,
}

/// The state of the grid on screen, shared by its cells.
#[derive(Debug, Clone, Copy)]
pub struct GridState {
    /// The navigation grid of cell keys.
    pub nav: StoredValue<Vec<Vec<String>>>,
    /// The key mode of the focused cell.
    pub mode: RwSignal<Mode>,
    /// The focused cell's value when it got the focus, for Escape.
    pub original: StoredValue<String>,
    /// The focused (or last focused) cell.
    pub focused: RwSignal<Option<String>>,
    /// Which cell is focused, as each cell asks it: moving the focus wakes two cells, not
    /// every cell of the table.
    pub focus: StoredValue<Selector<Option<String>>>,
    /// The outcome of the last paste: (is an error, message).
    pub message: RwSignal<Option<(bool, String)>>,
    /// Where a range selection started (Shift+arrows, Shift+click, dragging); the range runs
    /// from here to the focused cell. `None`: only the focused cell is selected.
    pub anchor: RwSignal<Option<String>>,
    /// The selected range when it holds more than one cell.
    pub range: Memo<Option<GridRange>>,
    /// A mouse button went down on a cell and is still down: entering other cells extends
    /// the range.
    pub dragging: StoredValue<bool>,
}

impl GridState {
    /// The keys of the selected range, line by line, or `None` when one cell is selected.
    pub fn range_keys(&self) -> Option<Vec<Vec<String>>> {
        let range = self.range.get_untracked()?;
        Some(self.nav.with_value(|nav| range.keys(nav)))
    }

    /// Selects no range (only the focused cell). Every keystroke says so: the range's readers
    /// (a memo in each of the table's cells) are woken only when there was a range, not on
    /// every digit typed (a signal set to the value it holds still wakes them).
    pub fn clear_anchor(&self) {
        self.anchor.maybe_update(|anchor| anchor.take().is_some());
    }

    /// Sets the key mode, waking its readers only when it changes.
    pub fn set_mode(&self, mode: Mode) {
        self.mode
            .maybe_update(|current| std::mem::replace(current, mode) != mode);
    }

    /// Records `key` as the focused cell, waking the readers only when it changes.
    pub fn set_focused(&self, key: String) {
        self.focused
            .maybe_update(|focused| focused.replace(key.clone()).as_ref() != Some(&key));
    }

    /// Starts a range at the focused cell unless one is started.
    pub fn start_range(&self) {
        if self.anchor.get_untracked().is_none() {
            self.anchor.set(self.focused.get_untracked());
        }
    }
}

/// The grid of one table.
#[component]
pub fn TableGrid(
    /// The table shown.
    table: &'static TableSpec,
) -> impl IntoView {
    let nav = StoredValue::new(report::nav_grid(table));
    let focused = RwSignal::new(None::<String>);
    let anchor = RwSignal::new(None::<String>);
    let range = Memo::new(move |_| {
        let (anchor, focused) = (anchor.get()?, focused.get()?);
        (anchor != focused)
            .then(|| nav.with_value(|nav| GridRange::between(nav, &anchor, &focused)))
            .flatten()
    });
    let state = GridState {
        nav,
        mode: RwSignal::new(Mode::Navigate),
        original: StoredValue::new(String::new()),
        focused,
        focus: StoredValue::new(Selector::new(move || focused.get())),
        message: RwSignal::new(None),
        anchor,
        range,
        dragging: StoredValue::new(false),
    };
    provide_context(state);
    // A drag ends wherever the button is released.
    let mouseup = window_event_listener(leptos::ev::mouseup, move |_| {
        state.dragging.set_value(false)
    });
    on_cleanup(move || mouseup.remove());
    // The grid draws the same shape as print: one layout of the official table.
    let shape = report::table_shape(table);
    let head = grid_rows(&shape, shape.head.clone());
    let body = grid_rows(&shape, shape.body.clone());
    let LangCtx(lang) = expect_context::<LangCtx>();
    let end_id = format!("after-grid-{}", table.id);
    let end_selector = format!("#{end_id}");
    view! {
        <div class="grid-block" data-testid=format!("grid-{}", table.id)>
            <GridToolbar table=table.id />
            // The way past the table's cells with one key: Tab reaches this link before the
            // first cell; it moves the focus to just after the table.
            <button type="button" class="skip-link" data-testid=format!("skip-{}", table.id)
                on:click=move |_| crate::dom::focus(&end_selector)>
                {move || tr(lang.get(), Text::SkipTable)}
            </button>
            <div class="grid-wrap">
                <table class="grid" aria-label=table.title>
                    <thead>
                        {head}
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            <span class="grid-end" id=end_id tabindex="-1"></span>
        </div>
    }
}
