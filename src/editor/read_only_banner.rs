//! The banner of a report shown read-only: why (another tab is editing it, or a newer
//! version wrote it), and for another tab's lock the action to take over editing here.

use leptos::prelude::*;

use super::ctx::{EditorCtx, ReadOnly};
use crate::i18n::LangCtx;
use crate::i18n::{Text, tr};
use crate::state::LibraryCtx;

/// Shown above the editor while the report may not be changed here.
#[component]
pub fn ReadOnlyBanner() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let library = expect_context::<LibraryCtx>();
    let ctx = expect_context::<EditorCtx>();
    let t = move |text| tr(lang.get(), text);
    let message = move || match ctx.read_only.get() {
        Some(ReadOnly::OtherTab) => t(Text::OpenInOtherTab).to_string(),
        Some(ReadOnly::Newer(version)) => {
            t(Text::NewerVersionBody).replace("{version}", &version.to_string())
        }
        Some(ReadOnly::OriginalNotKept(error)) => format!(
            "{}（{}）",
            t(Text::OriginalNotKept),
            crate::storage::store_error(lang.get(), &error)
        ),
        None => String::new(),
    };
    view! {
        <Show when=move || ctx.read_only.with(Option::is_some)>
            <div class="banner warning read-only-banner" role="status" data-testid="read-only-banner">
                <strong>{move || t(Text::ReadOnly)}</strong> " " {message}
                <Show when=move || ctx.read_only.get() == Some(ReadOnly::OtherTab)>
                    " "
                    <button type="button" class="button primary small"
                        on:click=move |_| super::lock::take_over(ctx, library)>
                        {move || t(Text::TakeOver)}
                    </button>
                </Show>
            </div>
        </Show>
    }
}
