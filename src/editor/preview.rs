//! The printable preview: the report rendered by the core (`report::render` →
//! `to_html_fragment`), shown on A4 sheets beside the editor or as a full page, and the one
//! copy of the document that printing prints. It owns no report state: the HTML is a `Memo`
//! of the editor's report signal. Printing itself is `super::print`.

pub mod full_page;
pub mod pages;
pub mod side_panes;

use leptos::prelude::*;

use super::ctx::EditorCtx;

/// How long typing must pause before the live preview follows it.
const PREVIEW_DELAY: std::time::Duration = std::time::Duration::from_millis(300);

/// What the preview shows and how, shared by the editor's components.
#[derive(Debug, Clone, Copy)]
pub struct PreviewCtx {
    /// The report as `<article class="nianbao-doc">…</article>`, re-rendered when typing
    /// pauses.
    pub html: Memo<String>,
    /// Counts the pauses in typing: what is too costly to follow every keystroke (the
    /// preview, the two-year view) tracks this and reads the report untracked.
    pub settled: ReadSignal<u64>,
    /// Whether the findings panel is shown on the right.
    pub show_findings: RwSignal<bool>,
    /// Whether the live preview is shown on the right.
    pub show_preview: RwSignal<bool>,
    /// Whether the two-year view (this year beside last year's) is shown on the right.
    pub show_two_years: RwSignal<bool>,
    /// Whether the full-page preview replaces the editor.
    pub full_page: RwSignal<bool>,
}

impl PreviewCtx {
    /// The preview state of a freshly opened editor: findings on the right, no preview yet.
    pub fn new(ctx: EditorCtx) -> Self {
        // The preview follows the report a moment after typing pauses, not at every
        // keystroke: rendering, laying out and paginating a whole report takes far longer
        // than a keystroke may. `shown` counts the pauses; the document is a memo of it, so
        // it is only rendered while a preview reads it.
        let shown = crate::clock::settled(move || ctx.report.track(), PREVIEW_DELAY, || false);
        let html = Memo::new(move |_| {
            shown.track();
            ctx.report
                .with_untracked(|report| report::to_html_fragment(&ctx.document(report)))
        });
        PreviewCtx {
            html,
            settled: shown,
            show_findings: RwSignal::new(true),
            show_preview: RwSignal::new(false),
            show_two_years: RwSignal::new(false),
            full_page: RwSignal::new(false),
        }
    }
}

/// How long typing must pause before the print copy is brought up to date: the copy is
/// never on screen, so it need not follow every keystroke.
const PRINT_COPY_DELAY: std::time::Duration = std::time::Duration::from_millis(400);

/// The report unpaginated and not displayed on screen: what printing prints (`@page`
/// paginates it) when no preview is open. The previews show `pages::PagedSheets`, which
/// holds its own. It is written a moment after typing pauses, and at once when printing
/// starts (`beforeprint`, which the print buttons, Ctrl+P and the browser's menu all fire),
/// so a keystroke never pays for rendering a document nobody sees.
#[component]
pub fn ReportSheet() -> impl IntoView {
    let ctx = expect_context::<EditorCtx>();
    let copy = NodeRef::<leptos::html::Div>::new();
    // Syncs the report to the outside world: the print copy's markup.
    let write = move || {
        let (Some(copy), Some(html)) = (
            copy.get_untracked(),
            ctx.report
                .try_with_untracked(|report| report::to_html_fragment(&ctx.document(report))),
        ) else {
            return;
        };
        // `inner_html` is safe here and only here: the core escapes every text of the report
        // (`export::escape_markup`) and emits no script, event attribute or URL, so what the
        // clerk typed can only ever appear as text (tested by tests/e2e/print.spec.ts).
        copy.set_inner_html(&html);
    };
    let pending = crate::clock::Debounce::new();
    Effect::new(move |first: Option<()>| {
        ctx.report.track();
        if first.is_none() {
            write();
            return;
        }
        pending.push(PRINT_COPY_DELAY, write);
    });
    let before_print = window_event_listener(leptos::ev::beforeprint, move |_| write());
    on_cleanup(move || before_print.remove());
    view! {
        <div class="print-copy unmeasured" aria-hidden="true">
            <div node_ref=copy></div>
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
