//! The report library: every report kept in this browser (empty until reports can be created).

use leptos::prelude::*;

use crate::app::LangCtx;
use crate::i18n::{Text, tr};

/// The start screen listing the reports of this browser.
#[component]
pub fn Library() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    view! {
        <section class="library" aria-labelledby="library-title">
            <div class="library-head">
                <h1 id="library-title">{move || tr(lang.get(), Text::Library)}</h1>
            </div>
            <div class="empty-state" data-testid="library-empty">
                <h2>{move || tr(lang.get(), Text::EmptyLibraryTitle)}</h2>
                <p>{move || tr(lang.get(), Text::EmptyLibraryBody)}</p>
            </div>
            <p class="local-note">{move || tr(lang.get(), Text::LocalDataNote)}</p>
        </section>
    }
}
