//! The blocking banner of a save that did not happen: storage full or unavailable (with an
//! immediate download of everything, this report's unsaved changes included) or another tab
//! having saved a newer revision (with saving this version as a copy). The report stays in
//! memory either way.

use leptos::prelude::*;

use super::autosave::save_now;
use super::ctx::{EditorCtx, SaveStatus};
use crate::i18n::LangCtx;
use crate::i18n::{Text, tr};
use crate::state::LibraryCtx;

/// Shown over the editor while the last save failed.
#[component]
pub fn SaveFailureBanner() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let library = expect_context::<LibraryCtx>();
    let ctx = expect_context::<EditorCtx>();
    let t = move |text| tr(lang.get(), text);
    let reason = move || match ctx.save.get() {
        SaveStatus::Failed(reason) => Some(reason),
        _ => None,
    };
    let outcome = RwSignal::new(None::<String>);
    let download = move |_| {
        let current = (ctx.id.get_value(), ctx.report.get_untracked());
        outcome.set(crate::state::download_everything(Some(current)).err());
    };
    let save_copy = move || {
        let previous = library.entry(&ctx.id.get_value()).and_then(|e| e.previous);
        let mut copy = ctx.report.get_untracked();
        let title = format!(
            "{}{}",
            report::report_title(&copy),
            t(Text::ConflictCopySuffix)
        );
        report::set_report_title(&mut copy, &title);
        library.create_and_open(&copy, previous);
    };
    // Retrying works in every state where the text is not stored: where this tab may not
    // write the report any more (another tab saved or took over), the text becomes a copy.
    let retry = move |_| {
        if ctx.conflict.get_untracked() || ctx.read_only.get_untracked().is_some() {
            save_copy();
        } else {
            save_now(ctx, library);
        }
    };
    view! {
        <Show when=move || reason().is_some()>
            <div class="banner error blocking" role="alert" data-testid="save-failure">
                <p>
                    <strong>{move || t(Text::SaveFailed)}</strong> "：" {reason} " "
                    {move || t(Text::WorkKeptInPage)}
                </p>
                <div class="form-actions">
                    <Show when=move || ctx.conflict.get() fallback=move || view! {
                        <button type="button" class="button primary" on:click=download>
                            {move || t(Text::DownloadEverything)}
                        </button>
                        <button type="button" class="button" on:click=retry>{move || t(Text::RetrySave)}</button>
                    }>
                        <button type="button" class="button primary" on:click=move |_| save_copy()>
                            {move || t(Text::SaveAsCopy)}
                        </button>
                    </Show>
                </div>
                {move || outcome.get().map(|err| view! { <p>{err}</p> })}
            </div>
        </Show>
    }
}
