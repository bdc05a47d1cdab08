//! The structured 信息处理费 fields of section 六 (cases and amount in 元).

use leptos::prelude::*;
use report::Severity;

use super::ctx::EditorCtx;
use crate::i18n::LangCtx;
use crate::i18n::{Text, tr};

/// The template's loose numeric cells, as labelled inputs.
#[component]
pub fn InfoFeeFields() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<EditorCtx>();
    let cells = ctx.report.with_untracked(|r| r.template().loose_cells);
    view! {
        <fieldset class="info-fee">
            <legend>{move || tr(lang.get(), Text::InfoFee)}</legend>
            {cells.iter().map(|cell| {
                let key = cell.key;
                let value = move || ctx.report.with(|r| r.cell_text(key));
                let mark = move || ctx.marks.with(|m| m.get(key).cloned());
                let class = move || match mark().map(|m| m.0) {
                    Some(Severity::Error) => "has-error",
                    Some(Severity::Warning) => "has-warning",
                    _ => "",
                };
                view! {
                    <label class="field narrow">
                        <span class="official-label">{cell.label}</span>
                        <input type="text" inputmode="decimal" class=class data-cell=key
                            title=move || mark().map(|m| m.1).unwrap_or_default()
                            prop:value=value
                            on:input:target=move |ev| ctx.edit(Some(key), |r| r.set_cell(key, ev.target().value())) />
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}
