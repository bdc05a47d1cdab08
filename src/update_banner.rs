//! The quiet banner that says a new version of the app is ready, with a button to switch.

use leptos::prelude::*;

use crate::i18n::LangCtx;
use crate::i18n::{Text, tr};
use crate::offline::UpdateCtx;

/// Shown while a new build waits; clicking switches to it (the page reloads after saving).
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let update = expect_context::<UpdateCtx>();
    view! {
        <Show when=move || update.ready()>
            <div class="update-banner" role="status" data-testid="update-banner">
                <span>{move || tr(lang.get(), Text::UpdateReady)}</span>
                <button type="button" class="button" on:click=move |_| update.activate()>
                    {move || tr(lang.get(), Text::UpdateNow)}
                </button>
            </div>
        </Show>
    }
}
