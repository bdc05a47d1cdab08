//! The bar above a grid: the auto-totals switch, the focused cell's name and findings, the
//! override of a computed total, and the outcome of the last paste.

use leptos::prelude::*;

use super::GridState;
use crate::app::LangCtx;
use crate::editor::EditorCtx;
use crate::i18n::{Text, tr};

/// Tools and messages of the grid.
#[component]
pub fn GridToolbar() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<EditorCtx>();
    let state = expect_context::<GridState>();
    let t = move |text| tr(lang.get(), text);
    let auto = move || ctx.report.with(|r| r.auto_totals_enabled());
    let focused = move || state.focused.get();
    let label = move || {
        let key = focused()?;
        ctx.report
            .with(|r| r.template().cell_spec(&key).map(|s| s.label.clone()))
    };
    let message =
        move || focused().and_then(|key| ctx.marks.with(|m| m.get(&key).map(|m| m.1.clone())));
    // Some(overridden) when the focused cell is a computed total under auto-totals.
    let computed = move || {
        let key = focused()?;
        ctx.report.with(|r| {
            (r.auto_totals_enabled() && report::is_computed(r.template(), &key))
                .then(|| r.is_overridden(&key))
        })
    };
    let toggle_override = move |_| {
        if let (Some(key), Some(overridden)) = (focused(), computed()) {
            ctx.edit(None, |r| r.set_overridden(&key, !overridden));
            super::keys::focus_cell(&key);
        }
    };
    view! {
        <div class="grid-toolbar">
            <label class="switch">
                <input type="checkbox" prop:checked=auto on:change=move |_| ctx.edit(None, |r| r.set_auto_totals(!r.auto_totals_enabled())) />
                {move || t(Text::AutoTotals)}
            </label>
            <span class="auto-totals-hint muted" data-testid="auto-totals-hint">{move || t(Text::AutoTotalsHint)}</span>
            <span class="cell-name" data-testid="cell-name">{label}</span>
            <Show when=move || computed().is_some()>
                <button type="button" class="button small" on:click=toggle_override>
                    {move || if computed() == Some(true) { t(Text::RestoreComputed) } else { t(Text::Override) }}
                </button>
            </Show>
            <span class="grid-help muted">{move || t(Text::GridHelp)}</span>
        </div>
        <Show when=move || message().is_some()>
            <p class="cell-message" data-testid="cell-message" role="status">{message}</p>
        </Show>
        <Show when=move || state.message.get().is_some()>
            <p class=move || if state.message.get().is_some_and(|m| m.0) { "grid-message error" } else { "grid-message" }
                role="alert" data-testid="grid-message">
                {move || state.message.get().map(|m| m.1)}
            </p>
        </Show>
    }
}
