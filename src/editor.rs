//! The editor of one report: top bar, section navigation, the section being edited and the
//! findings panel and/or the live preview (or the full-page preview instead). The report
//! signal lives in [`EditorCtx`]; autosave, shortcuts and Ctrl+P are installed here, once per
//! opened report.

pub mod autosave;
pub mod cells;
pub mod ctx;
pub mod download_menu;
pub mod findings_panel;
pub mod grid;
pub mod import_notes;
pub mod info_fee;
pub mod legacy;
pub mod lock;
pub mod metadata;
pub mod opening;
pub mod output_tools;
pub mod preview;
pub mod print;
pub mod prose;
pub mod read_only_banner;
pub mod save_failure;
pub mod section_nav;
pub mod section_view;
pub mod shortcuts;
pub mod topbar;
pub mod two_years;

use leptos::prelude::*;

use crate::i18n::LangCtx;
use crate::i18n::{Text, tr};
use crate::state::LibraryCtx;
pub use ctx::{EditorCtx, SaveStatus};
use preview::PreviewCtx;
use preview::full_page::FullPagePreview;
use preview::side_panes::SidePanes;
use section_nav::SectionNav;
use section_view::SectionView;
use topbar::EditorTopbar;

/// The editor screen for the stored report `id`.
#[component]
pub fn Editor(
    /// The storage id of the report to open.
    id: String,
) -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let library = expect_context::<LibraryCtx>();
    let (report, revision, read_only) = match opening::open(&id, lang.get_untracked()) {
        Ok(opened) => opened,
        Err(err) => {
            return view! {
                <div class="banner error" role="alert">
                    {move || tr(lang.get(), Text::ReportMissing)} {err}
                    " "
                    <button type="button" class="button" on:click=move |_| library.open.set(None)>
                        {move || tr(lang.get(), Text::BackToLibrary)}
                    </button>
                </div>
            }
            .into_any();
        }
    };
    let previous = library
        .entry(&id)
        .and_then(|entry| entry.previous)
        .and_then(|previous| library.load_report(&previous).ok());
    // The agency's earlier years in the library, for the 图解's trends; one that cannot be
    // read is left out of the chart (the library shows it in its recovery area).
    let earlier: Vec<report::Report> = library
        .index
        .with_untracked(|entries| report::history_ids(entries, &id))
        .iter()
        .filter_map(|earlier| library.load_report(earlier).ok())
        .collect();
    let ctx = EditorCtx::new(id, report, previous, lang);
    ctx.earlier.set_value(earlier);
    provide_context(ctx);
    ctx.revision.set_value(revision);
    ctx.read_only.set(read_only);
    lock::install(ctx, library);
    autosave::install(ctx, library);
    shortcuts::install(ctx, library);
    let preview = PreviewCtx::new(ctx);
    provide_context(preview);
    let printing = print::PrintCtx::new();
    provide_context(printing);
    print::install(ctx, printing);
    // The opened report's title takes the focus (and is announced), instead of the page.
    request_animation_frame(|| crate::dom::focus(".editor-title"));
    view! {
        <div class="editor">
            <preview::DocumentStyle />
            <EditorTopbar />
            <save_failure::SaveFailureBanner />
            <read_only_banner::ReadOnlyBanner />
            <import_notes::ImportNotes />
            <Show when=move || !preview.full_page.get() fallback=|| view! { <FullPagePreview /> }>
                <div class="editor-body">
                    <SectionNav />
                    <div class="editor-main">
                        <SectionView />
                    </div>
                    <SidePanes />
                </div>
            </Show>
            <print::PrintConfirm />
        </div>
    }
    .into_any()
}
