//! The bar above a grid: the auto-totals switch, filling blanks with 0, the focused cell's
//! name and findings (or the size of the selected range), the override of a computed total,
//! and the outcome of the last paste.

use leptos::prelude::*;

use super::GridState;
use crate::editor::EditorCtx;
use crate::i18n::LangCtx;
use crate::i18n::{Text, tr};

/// Tools and messages of the grid.
#[component]
pub fn GridToolbar(
    /// The table's id (`requests` …), for filling its blank cells.
    table: &'static str,
) -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<EditorCtx>();
    let state = expect_context::<GridState>();
    let t = move |text| tr(lang.get(), text);
    // Memos: the report changes with every key, the switch and the cell's name seldom.
    let auto = Memo::new(move |_| ctx.report.with(|r| r.auto_totals_enabled()));
    let focused = move || state.focused.get();
    let label = Memo::new(move |_| {
        let key = focused()?;
        Some(report::Template::get(ctx.template.get()).cell_label(&key))
    });
    let message =
        move || focused().and_then(|key| ctx.marks.with(|m| m.get(&key).map(|m| m.1.clone())));
    // Some(overridden) when the focused cell is a computed total under auto-totals: the
    // cell's own state, as the cell shows it.
    let computed = move || {
        let key = focused()?;
        ctx.cells.get(&key, ctx.report).computed.get()
    };
    let toggle_override = move |_| {
        if let (Some(key), Some(overridden)) = (focused(), computed()) {
            ctx.edit(None, |r| r.set_overridden(&key, !overridden));
            state.move_to(&key);
        }
    };
    // The selected range, else the whole table.
    let fill_zeros = move |_| {
        let mut filled = 0;
        let range = state.range_keys().map(|keys| keys.concat());
        ctx.edit(None, |r| {
            filled = match &range {
                Some(keys) => report::fill_blank_cells_in(r, keys),
                None => report::fill_blank_cells(r, table),
            }
        });
        let lang = lang.get_untracked();
        let message = match (filled, range.is_some()) {
            (0, false) => tr(lang, Text::FillZerosNone).to_string(),
            (0, true) => tr(lang, Text::FillZerosRangeNone).to_string(),
            (n, false) => tr(lang, Text::FillZerosDone).replace("{n}", &n.to_string()),
            (n, true) => tr(lang, Text::FillZerosRangeDone).replace("{n}", &n.to_string()),
        };
        state.message.set(Some((false, message)));
        // Back to the grid, where the clerk was.
        if let Some(key) = state.focused.get_untracked() {
            state.move_to(&key);
        }
    };
    let range_line = move || {
        let range = state.range.get()?;
        let keys = state.nav.with_value(|nav| range.keys(nav));
        let cells: usize = keys.iter().map(Vec::len).sum();
        let columns = keys.iter().map(Vec::len).max().unwrap_or(0);
        Some(
            t(Text::RangeSelected)
                .replace("{n}", &cells.to_string())
                .replace("{rows}", &keys.len().to_string())
                .replace("{cols}", &columns.to_string()),
        )
    };
    view! {
        <div class="grid-toolbar">
            <label class="switch">
                <input type="checkbox" prop:checked=auto on:change=move |_| ctx.edit(None, |r| r.set_auto_totals(!r.auto_totals_enabled())) />
                {move || t(Text::AutoTotals)}
            </label>
            <span class="auto-totals-hint muted" data-testid="auto-totals-hint">{move || t(Text::AutoTotalsHint)}</span>
            <button type="button" class="button small" data-testid="fill-zeros" on:click=fill_zeros>
                {move || t(Text::FillZeros)}
            </button>
            <span class="grid-help muted">{move || t(Text::GridHelp)}</span>
        </div>
        // A fixed place for what depends on the focused cell (its name, its override, its
        // messages): the toolbar and the table below never move while typing.
        <div class="grid-messages">
            <div class="cell-line">
                <span class="cell-name" data-testid="cell-name">{move || range_line().or_else(|| label.get())}</span>
                <Show when=move || computed().is_some()>
                    <button type="button" class="button small" on:click=toggle_override>
                        {move || if computed() == Some(true) { t(Text::RestoreComputed) } else { t(Text::Override) }}
                    </button>
                </Show>
            </div>
            <p class="cell-message" class:empty=move || message().is_none() data-testid="cell-message" role="status">{message}</p>
            <Show when=move || state.message.get().is_some()>
                <p class=move || if state.message.get().is_some_and(|m| m.0) { "grid-message error" } else { "grid-message" }
                    role="alert" data-testid="grid-message">
                    {move || state.message.get().map(|m| m.1)}
                </p>
            </Show>
        </div>
    }
}
