//! What an import could not place (kept in the report file under `import_unrecognised`),
//! shown above the editor until the clerk has looked at it: nothing of a published report
//! vanishes between the review screen and the draft.

use leptos::prelude::*;

use super::ctx::EditorCtx;
use crate::i18n::LangCtx;
use crate::i18n::{Text, tr};

/// The list of what the import did not recognise, with a button to mark it reviewed.
#[component]
pub fn ImportNotes() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<EditorCtx>();
    let t = move |text| tr(lang.get(), text);
    let notes = Memo::new(move |_| {
        ctx.report.with(|r| {
            r.extra
                .get(report::UNRECOGNISED_KEY)
                .and_then(|value| value.as_array())
                .map(|items| {
                    items
                        .iter()
                        .filter_map(|item| item.as_str().map(str::to_string))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    // Reviewed: the list leaves the report (undo brings it back).
    let dismiss = move |_| {
        ctx.edit(None, |r| {
            r.extra.remove(report::UNRECOGNISED_KEY);
        })
    };
    view! {
        <Show when=move || !notes.with(Vec::is_empty)>
            <details class="banner warning import-notes" data-testid="import-notes">
                <summary>{move || t(Text::ImportNotes).replace("{n}", &notes.with(Vec::len).to_string())}</summary>
                <ul>{move || notes.get().into_iter().map(|note| view! { <li>{note}</li> }).collect_view()}</ul>
                <button type="button" class="button small" on:click=dismiss>{move || t(Text::ImportNotesDone)}</button>
            </details>
        </Show>
    }
}
