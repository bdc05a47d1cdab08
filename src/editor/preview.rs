//! The printable preview: the report rendered by the core (`report::render` →
//! `to_html_fragment`), shown on A4 sheets beside the editor or as a full page, and the one
//! copy of the document that printing prints. It owns no report state: the HTML is a `Memo`
//! of the editor's report signal. Printing itself is `super::print`.

pub mod full_page;
pub mod pages;
pub mod side_panes;

use leptos::prelude::*;

use super::ctx::EditorCtx;

/// What the preview shows and how, shared by the editor's components.
#[derive(Debug, Clone, Copy)]
pub struct PreviewCtx {
    /// The report as `<article class="nianbao-doc">…</article>`, re-rendered on each edit.
    pub html: Memo<String>,
    /// Whether the findings panel is shown on the right.
    pub show_findings: RwSignal<bool>,
    /// Whether the live preview is shown on the right.
    pub show_preview: RwSignal<bool>,
    /// Whether the full-page preview replaces the editor.
    pub full_page: RwSignal<bool>,
}

impl PreviewCtx {
    /// The preview state of a freshly opened editor: findings on the right, no preview yet.
    pub fn new(ctx: EditorCtx) -> Self {
        let html = Memo::new(move |_| {
            ctx.report
                .with(|report| report::to_html_fragment(&report::render(report)))
        });
        PreviewCtx {
            html,
            show_findings: RwSignal::new(true),
            show_preview: RwSignal::new(false),
            full_page: RwSignal::new(false),
        }
    }
}

/// The report unpaginated and invisible on screen: what printing prints (`@page` paginates
/// it) when no preview is open. The previews show `pages::PagedSheets`, which holds its own.
#[component]
pub fn ReportSheet() -> impl IntoView {
    let preview = expect_context::<PreviewCtx>();
    // `inner_html` is safe here and only here: the core escapes every text of the report
    // (`export::escape_markup`) and emits no script, event attribute or URL, so what the
    // clerk typed can only ever appear as text (tested by tests/e2e/print.spec.ts).
    view! {
        <div class="print-copy" aria-hidden="true">
            <div inner_html=move || preview.html.get()></div>
        </div>
    }
}

/// The document's own style (fonts, table borders, `@page` size, margins and page numbers),
/// present while the editor is open.
#[component]
pub fn DocumentStyle() -> impl IntoView {
    view! {
        <style>{report::DOCUMENT_CSS}</style>
        <style>{pages::paged_css()}</style>
    }
}
