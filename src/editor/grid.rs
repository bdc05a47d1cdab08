//! A table as a spreadsheet-grade grid under the official merged headers. The grid's own
//! state (which cell has the focus, whether it is being edited, the last paste message) is
//! local to it; figures live in the report.

pub mod cell;
pub mod keys;
pub mod rows;
pub mod toolbar;

use leptos::prelude::*;
use report::{HeaderCell, TableLayout, TableSpec};

use crate::app::LangCtx;
use crate::i18n::{Text, tr};
use rows::{BlockRows, SingleRow};
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
    /// The outcome of the last paste: (is an error, message).
    pub message: RwSignal<Option<(bool, String)>>,
}

/// The grid of one table.
#[component]
pub fn TableGrid(
    /// The table shown.
    table: &'static TableSpec,
) -> impl IntoView {
    let state = GridState {
        nav: StoredValue::new(report::nav_grid(table)),
        mode: RwSignal::new(Mode::Navigate),
        original: StoredValue::new(String::new()),
        focused: RwSignal::new(None),
        message: RwSignal::new(None),
    };
    provide_context(state);
    let body = match table.layout {
        TableLayout::Rows => table
            .blocks
            .iter()
            .map(|block| view! { <BlockRows table=table block=block /> })
            .collect_view()
            .into_any(),
        TableLayout::SingleRow => view! { <SingleRow table=table /> }.into_any(),
    };
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
                        {table.header_rows.iter().map(|row| view! { <tr>{header_cells(row)}</tr> }).collect_view()}
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            <span class="grid-end" id=end_id tabindex="-1"></span>
        </div>
    }
}

/// Printed header or label cells with their merges.
pub fn header_cells(cells: &'static [HeaderCell]) -> impl IntoView {
    cells
        .iter()
        .map(|cell| {
            view! {
                <th colspan=cell.colspan.to_string() rowspan=cell.rowspan.to_string()>{cell.label}</th>
            }
        })
        .collect_view()
}
