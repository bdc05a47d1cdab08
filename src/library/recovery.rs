//! The recovery panel: stored entries that could not be read (bad JSON, wrong shape), moved
//! aside instead of deleted, each with its reason and its raw text to download. Hidden when
//! nothing was moved aside.

use leptos::prelude::*;

use crate::i18n::LangCtx;
use crate::i18n::{Text, tr};
use crate::state::LibraryCtx;

/// The list of quarantined entries.
#[component]
pub fn RecoveryPanel() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let library = expect_context::<LibraryCtx>();
    let t = move |text| tr(lang.get(), text);
    let failure = RwSignal::new(None::<String>);
    view! {
        <Show when=move || !library.quarantined.with(Vec::is_empty)>
            <section class="recovery card" aria-labelledby="recovery-title" data-testid="recovery-panel">
                <h2 id="recovery-title">{move || t(Text::RecoveryTitle)}</h2>
                <p>{move || t(Text::RecoveryBody)}</p>
                <ul>
                    <For each=move || library.quarantined.get() key=|item| item.key.clone() children=move |item| {
                        let raw = StoredValue::new(item.entry.raw.clone());
                        let name = format!("nianbao-recovered-{}.txt", item.entry.id);
                        let download = move |_| {
                            let result = raw.with_value(|raw| {
                                crate::download::save(&name, "text/plain;charset=utf-8", raw.as_bytes())
                            });
                            failure.set(result.err());
                        };
                        view! {
                            <li data-testid="quarantined-entry">
                                <code>{item.entry.id.clone()}</code> " " <span class="muted">{item.entry.reason.clone()}</span> " "
                                <button type="button" class="button small" on:click=download>
                                    {move || t(Text::DownloadRaw)}
                                </button>
                            </li>
                        }
                    } />
                </ul>
                {move || failure.get().map(|err| view! { <p class="banner error">{err}</p> })}
            </section>
        </Show>
    }
}
