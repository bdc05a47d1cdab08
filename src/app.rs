//! The root component: header with the language switch, then the report library or the
//! editor of the open report, or the collection (汇总) of many agencies' reports.

use leptos::prelude::*;

use crate::i18n::{Lang, LangCtx, Text, html_lang, tr};
use crate::library::Library;
use crate::offline;
use crate::split::{self, Deferred};
use crate::state::LibraryCtx;
use crate::storage;
use crate::update_banner::UpdateBanner;

/// The whole application.
#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(storage::load_lang());
    provide_context(LangCtx(lang));
    let library = LibraryCtx::load(lang);
    provide_context(library);
    // The collection's state is made when it first opens (`split::collection`), here.
    let owner = Owner::current().unwrap_or_default();
    crate::state::install_library_sync(library);
    offline::provide_service_worker();

    // Effects only sync with the outside world: the stored preference and <html lang>.
    Effect::new(move |_| {
        let current = lang.get();
        if let Err(err) = storage::save_lang(current) {
            leptos::logging::warn!("language preference not saved: {err}");
        }
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", html_lang(current));
        }
    });

    // The screen the library's state asks for.
    let screen = move || match (library.open.get(), library.collecting.get()) {
        (Some(id), _) => view! {
            <Suspense fallback=split::Loading>{Suspend::new(split::editor(id))}</Suspense>
        }
        .into_any(),
        (None, true) => {
            let on_close = Callback::new(move |()| library.collecting.set(false));
            let app = owner.clone();
            view! {
                <Suspense fallback=split::Loading>{Suspend::new(split::collection(on_close, app))}</Suspense>
            }
            .into_any()
        }
        (None, false) => view! { <Library /> }.into_any(),
    };

    view! {
        <Header />
        <UpdateBanner />
        <main class="page">
            // Drawn in a task after the header's: see `Deferred`.
            <Deferred fallback=split::Loading>{screen.clone()}</Deferred>
        </main>
    }
}

/// The top bar: product name, tagline and language switch.
#[component]
fn Header() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    view! {
        <header class="topbar">
            <div class="brand">
                <span class="brand-name" data-testid="product-name">
                    {move || tr(lang.get(), Text::ProductName)}
                </span>
                <span class="brand-tagline">{move || tr(lang.get(), Text::Tagline)}</span>
            </div>
            <LangSwitch />
        </header>
    }
}

/// Two toggle buttons: 简体中文 / English.
#[component]
fn LangSwitch() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let option = move |value: Lang, label: &'static str| {
        view! {
            <button
                type="button"
                class="lang-option"
                aria-pressed=move || (lang.get() == value).to_string()
                on:click=move |_| lang.set(value)
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="lang-switch" role="group" aria-label=move || tr(lang.get(), Text::LanguageLabel)>
            {option(Lang::Zh, "简体中文")}
            {option(Lang::En, "English")}
        </div>
    }
}
