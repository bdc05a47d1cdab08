//! The full-page preview: the report's A4 pages on a grey desk with their count, zoom, printing and the
//! way back to the editor. Leaving it keeps everything: the report lives in the editor's
//! context, not here.

use leptos::prelude::*;

use super::PreviewCtx;
use super::pages::PagedSheets;
use crate::editor::ctx::EditorCtx;
use crate::editor::print::{PrintCtx, request_print};
use crate::i18n::LangCtx;
use crate::i18n::{Text, tr};

/// Zoom steps in percent; 100 is the paper's true size on a 96 dpi screen.
const ZOOMS: [u32; 6] = [50, 67, 80, 100, 125, 150];
const DEFAULT_ZOOM: usize = 3;

/// The preview that replaces the editor's body.
#[component]
pub fn FullPagePreview() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<EditorCtx>();
    let preview = expect_context::<PreviewCtx>();
    let zoom = RwSignal::new(DEFAULT_ZOOM);
    let page_count = RwSignal::new(0_usize);
    let t = move |text| tr(lang.get(), text);
    let percent = move || ZOOMS[zoom.get()];
    view! {
        <section class="full-preview" aria-label=move || t(Text::Preview) data-testid="full-preview">
            <div class="preview-toolbar">
                <button type="button" class="button" on:click=move |_| preview.full_page.set(false)>
                    "← " {move || t(Text::BackToEditing)}
                </button>
                <div class="toolbar-group">
                    <button type="button" class="button" aria-label=move || t(Text::ZoomOut)
                        disabled=move || zoom.get() == 0 on:click=move |_| zoom.update(|z| *z = z.saturating_sub(1))>"−"</button>
                    <span class="zoom-level" aria-live="polite">{move || format!("{}%", percent())}</span>
                    <button type="button" class="button" aria-label=move || t(Text::ZoomIn)
                        disabled=move || zoom.get() + 1 == ZOOMS.len() on:click=move |_| zoom.update(|z| *z = (*z + 1).min(ZOOMS.len() - 1))>"+"</button>
                </div>
                <span class="page-count" data-testid="page-count" aria-live="polite">
                    {move || t(Text::PageCount).replace("{n}", &page_count.get().to_string())}
                </span>
                <span class="muted">{move || t(Text::PreviewNote)}</span>
                <button type="button" class="button primary" on:click=move |_| request_print(ctx, expect_context::<PrintCtx>())>
                    {move || t(Text::Print)}
                </button>
            </div>
            <PagedSheets zoom=Signal::derive(percent) page_count />
        </section>
    }
}
