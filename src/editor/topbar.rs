//! The editor's top bar: back to the library, the report title, save status, undo and redo,
//! the finding counts, then the preview, print and download controls.

use super::autosave::save_now;
use super::ctx::{EditorCtx, SaveStatus};
use super::output_tools::OutputTools;
use crate::clock::time_of_day;
use crate::i18n::LangCtx;
use crate::i18n::{Text, tr};
use crate::state::LibraryCtx;
use leptos::prelude::*;

/// The bar above the editor.
#[component]
pub fn EditorTopbar() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let library = expect_context::<LibraryCtx>();
    let ctx = expect_context::<EditorCtx>();
    let t = move |text| tr(lang.get(), text);
    let errors = move || ctx.tally.get().errors;
    let warnings = move || ctx.tally.get().warnings;
    let pending = move || ctx.tally.get().pending;
    let status = move || match ctx.save.get() {
        SaveStatus::Unchanged => t(Text::Unchanged).to_string(),
        SaveStatus::Saving => t(Text::Saving).to_string(),
        SaveStatus::Saved(at) => format!("{} {}", t(Text::Saved), time_of_day(at)),
        SaveStatus::Failed(reason) => format!("{}：{reason}", t(Text::SaveFailed)),
    };
    let failed = move || matches!(ctx.save.get(), SaveStatus::Failed(_));
    // Back in the library, the focus lands on the report just closed.
    let back = move |_| {
        save_now(ctx, library);
        let id = ctx.id.get_value();
        library.open.set(None);
        request_animation_frame(move || {
            crate::dom::focus(&format!("[data-open-report=\"{id}\"]"));
        });
    };
    view! {
        <div class="editor-topbar">
            <button type="button" class="button" on:click=back>"← " {move || t(Text::BackToLibrary)}</button>
            <h1 class="editor-title" tabindex="-1">{move || ctx.report.with(report::report_title)}</h1>
            <span class="save-status" class:failed=failed role=move || if failed() { "alert" } else { "status" } data-testid="save-status">
                {status}
            </span>
            <div class="toolbar-group">
                // aria-disabled, not disabled: a button that disables itself under the
                // pointer would drop the keyboard focus to the page.
                <button type="button" class="button" aria-disabled=move || (!ctx.history.with(|h| h.can_undo())).to_string()
                    title="Ctrl+Z" on:click=move |_| ctx.undo()>{move || t(Text::Undo)}</button>
                <button type="button" class="button" aria-disabled=move || (!ctx.history.with(|h| h.can_redo())).to_string()
                    title="Ctrl+Y" on:click=move |_| ctx.redo()>{move || t(Text::Redo)}</button>
            </div>
            <span class="finding-counts" data-testid="finding-counts">
                // Coloured only when there is something: no red dot over 0 errors.
                <span class="count error" class:none=move || errors() == 0>"● " {errors} " " {move || t(Text::Error)}</span>
                <span class="count warning" class:none=move || warnings() == 0>"▲ " {warnings} " " {move || t(Text::Warning)}</span>
                // Blank cells are work to do, not alarms: counted apart, in a quiet colour.
                <Show when=move || pending() != 0>
                    <span class="count pending" data-testid="pending-count">"○ " {move || t(Text::Pending)} " " {pending}</span>
                </Show>
            </span>
            <OutputTools />
        </div>
        <Show when=move || ctx.previous.with(Option::is_some)>
            <p class="linked-note">{move || t(Text::LinkedPrevious)}</p>
        </Show>
    }
}
