//! The editor top bar's output controls: which panes show on the right (检查结果 / 预览 /
//! 两年对照), whether the 图解 page follows the report,
//! the full-page preview, 打印 and the 下载 ▾ menu. Each only flips state or calls out;
//! the preview, printing and downloads live in their own modules.

use leptos::prelude::*;

use super::ctx::EditorCtx;
use super::download_menu::DownloadMenu;
use super::preview::PreviewCtx;
use super::print::{PrintCtx, request_print};
use crate::i18n::LangCtx;
use crate::i18n::{Text, tr};

/// The controls after the finding counts in the editor's top bar.
#[component]
pub fn OutputTools() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<EditorCtx>();
    let preview = expect_context::<PreviewCtx>();
    let t = move |text| tr(lang.get(), text);
    let toggle = move |shown: RwSignal<bool>, label: Text| {
        view! {
            <button type="button" class="button toggle" aria-pressed=move || shown.get().to_string()
                disabled=move || preview.full_page.get() on:click=move |_| shown.update(|s| *s = !*s)>
                {move || t(label)}
            </button>
        }
    };
    // Whether the 图解 page follows the report: kept in the report (undoable, saved, in
    // its file), so it is an edit like any other.
    let chosen = Memo::new(move |_| ctx.report.with(report::infographic_chosen));
    let legacy = Memo::new(move |_| {
        ctx.report
            .with(|r| r.template == report::TemplateId::Legacy)
    });
    view! {
        <div class="toolbar-group pane-switch" role="group" aria-label=move || t(Text::RightPane)>
            {toggle(preview.show_findings, Text::FindingsPane)}
            {toggle(preview.show_preview, Text::Preview)}
            <button type="button" class="button toggle" data-testid="two-years-toggle"
                aria-pressed=move || preview.show_two_years.get().to_string()
                disabled=move || preview.full_page.get() || ctx.previous.with(Option::is_none)
                title=move || ctx.previous.with(Option::is_none).then(|| t(Text::TwoYearsNeedsPrevious))
                on:click=move |_| preview.show_two_years.update(|s| *s = !*s)>
                {move || t(Text::TwoYears)}
            </button>
        </div>
        <div class="toolbar-group">
            <label class="switch" title=move || t(if legacy.get() { Text::InfographicNeedsTables } else { Text::InfographicHint })>
                <input type="checkbox" data-testid="infographic-toggle" prop:checked=move || chosen.get()
                    disabled=move || legacy.get()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        ctx.edit(None, |r| report::choose_infographic(r, on));
                    } />
                {move || t(Text::Infographic)}
            </label>
            <button type="button" class="button" aria-pressed=move || preview.full_page.get().to_string()
                on:click=move |_| preview.full_page.update(|f| *f = !*f)>
                {move || t(Text::FullPreview)}
            </button>
            <button type="button" class="button" title="Ctrl+P" on:click=move |_| request_print(ctx, expect_context::<PrintCtx>())>
                {move || t(Text::Print)}
            </button>
            <DownloadMenu />
        </div>
    }
}
