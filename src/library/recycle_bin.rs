//! The recycle bin: deleted reports, each restorable or deletable for good.

use leptos::prelude::*;

use crate::i18n::LangCtx;
use crate::i18n::{Text, tr};
use crate::state::LibraryCtx;

/// The list of recycled reports; hidden when the bin is empty.
#[component]
pub fn RecycleBin() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let library = expect_context::<LibraryCtx>();
    let t = move |text| tr(lang.get(), text);
    let deleted = Memo::new(move |_| {
        library.index.with(|entries| {
            entries
                .iter()
                .filter(|e| e.deleted)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Show when=move || !deleted.with(Vec::is_empty)>
            <section class="recycle-bin card" aria-labelledby="recycle-title" data-testid="recycle-bin">
                <h2 id="recycle-title">{move || t(Text::RecycleBin)}</h2>
                <ul>
                    <For each=move || deleted.get() key=|e| e.id.clone() children=move |entry| {
                        let id = StoredValue::new(entry.id.clone());
                        view! {
                            <li>
                                <span>{entry.title.clone()}</span>
                                <button type="button" class="button small" on:click=move |_| id.with_value(|id| library.set_deleted(id, false))>
                                    {move || t(Text::Restore)}
                                </button>
                                <button type="button" class="button small danger" on:click=move |_| id.with_value(|id| library.purge(id))>
                                    {move || t(Text::DeleteForever)}
                                </button>
                            </li>
                        }
                    } />
                </ul>
            </section>
        </Show>
    }
}
