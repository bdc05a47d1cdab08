//! The editor's top bar: back to the library, the report title, save status, undo and redo,
//! the finding counts, then the preview, print and download controls.

use leptos::prelude::*;
use report::Severity;

use super::autosave::save_now;
use super::ctx::{EditorCtx, SaveStatus};
use super::output_tools::OutputTools;
use crate::app::LangCtx;
use crate::clock::time_of_day;
use crate::i18n::{Text, tr};
use crate::state::LibraryCtx;

/// The bar above the editor.
#[component]
pub fn EditorTopbar() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let library = expect_context::<LibraryCtx>();
    let ctx = expect_context::<EditorCtx>();
    let t = move |text| tr(lang.get(), text);
    let count = move |severity| {
        ctx.findings
            .with(|f| f.iter().filter(|f| f.severity == severity).count())
    };
    let status = move || match ctx.save.get() {
        SaveStatus::Unchanged => t(Text::Unchanged).to_string(),
        SaveStatus::Saving => t(Text::Saving).to_string(),
        SaveStatus::Saved(at) => format!("{} {}", t(Text::Saved), time_of_day(at)),
        SaveStatus::Failed(reason) => format!("{}：{reason}", t(Text::SaveFailed)),
    };
    let failed = move || matches!(ctx.save.get(), SaveStatus::Failed(_));
    let back = move |_| {
        save_now(ctx, library);
        library.open.set(None);
    };
    view! {
        <div class="editor-topbar">
            <button type="button" class="button" on:click=back>"← " {move || t(Text::BackToLibrary)}</button>
            <h1 class="editor-title">{move || ctx.report.with(report::report_title)}</h1>
            <span class="save-status" class:failed=failed role=move || if failed() { "alert" } else { "status" } data-testid="save-status">
                {status}
            </span>
            <div class="toolbar-group">
                <button type="button" class="button" disabled=move || !ctx.history.with(|h| h.can_undo())
                    title="Ctrl+Z" on:click=move |_| ctx.undo()>{move || t(Text::Undo)}</button>
                <button type="button" class="button" disabled=move || !ctx.history.with(|h| h.can_redo())
                    title="Ctrl+Y" on:click=move |_| ctx.redo()>{move || t(Text::Redo)}</button>
            </div>
            <span class="finding-counts" data-testid="finding-counts">
                // Coloured only when there is something: no red dot over 0 errors.
                <span class="count error" class:none=move || count(Severity::Error) == 0>"● " {move || count(Severity::Error)} " " {move || t(Text::Error)}</span>
                <span class="count warning" class:none=move || count(Severity::Warning) == 0>"▲ " {move || count(Severity::Warning)} " " {move || t(Text::Warning)}</span>
            </span>
            <OutputTools />
        </div>
        <Show when=move || ctx.previous.with(Option::is_some)>
            <p class="linked-note">{move || t(Text::LinkedPrevious)}</p>
        </Show>
    }
}
