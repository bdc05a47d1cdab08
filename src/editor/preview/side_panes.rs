//! The editor's right-hand column: the two-year view, the findings panel, the live preview,
//! any of them, or none.
//! When the preview is not on screen, a hidden copy of the document stays in the page so
//! that the browser's own print command (menu or Ctrl+P) still prints the report.

use leptos::prelude::*;

use super::pages::PagedSheets;
use super::{PreviewCtx, ReportSheet};
use crate::editor::ctx::EditorCtx;
use crate::editor::findings_panel::FindingsPanel;
use crate::editor::two_years::TwoYearsPane;
use crate::i18n::LangCtx;
use crate::i18n::{Text, tr};

/// The live preview's zoom in percent: an A4 sheet in the pane's width.
const PANE_ZOOM: u32 = 48;

/// The right column of the editor.
#[component]
pub fn SidePanes() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let preview = expect_context::<PreviewCtx>();
    let ctx = expect_context::<EditorCtx>();
    // The two-year view needs last year's report; unlinking it closes the view.
    let two_years = move || preview.show_two_years.get() && ctx.previous.with(Option::is_some);
    let both = move || preview.show_findings.get() && preview.show_preview.get();
    view! {
        <div class="side-panes" class:both=both
            class:collapsed=move || !preview.show_findings.get() && !preview.show_preview.get() && !two_years()>
            <Show when=two_years>
                <TwoYearsPane />
            </Show>
            <Show when=move || preview.show_findings.get()>
                <FindingsPanel />
            </Show>
            <Show
                when=move || preview.show_preview.get()
                fallback=|| view! { <ReportSheet /> }
            >
                <aside class="preview-pane" aria-label=move || tr(lang.get(), Text::Preview) data-testid="preview-pane">
                    <PagedSheets zoom=Signal::stored(PANE_ZOOM) />
                </aside>
            </Show>
        </div>
    }
}
