//! One report in the library list, with its actions.

use leptos::prelude::*;
use report::{LibraryEntry, TemplateId};

use crate::clock::date_time;
use crate::i18n::{Lang, Text, tr};
use crate::state::LibraryCtx;

/// The short name of a template for lists.
pub fn template_short(lang: Lang, id: TemplateId) -> &'static str {
    match (id, lang) {
        (TemplateId::Gov2021, Lang::Zh) => "2021版",
        (TemplateId::Gov2019, Lang::Zh) => "2019版",
        (TemplateId::Legacy, Lang::Zh) => "旧版自由格式",
        (TemplateId::Gov2021, Lang::En) => "2021 format",
        (TemplateId::Gov2019, Lang::En) => "2019 format",
        (TemplateId::Legacy, Lang::En) => "Legacy free form",
    }
}

/// A row of the library table, in the language it is drawn in: the list draws its rows
/// again when the language changes (a hundred rows with a dozen words each would otherwise
/// be a thousand effects to set up at start-up, for a switch made once).
#[component]
pub fn ReportRow(
    /// The report described.
    entry: LibraryEntry,
    /// The interface language the row is drawn in.
    lang: Lang,
) -> impl IntoView {
    let library = expect_context::<LibraryCtx>();
    let renaming = RwSignal::new(false);
    let draft = RwSignal::new(entry.title.clone());
    let t = move |text| tr(lang, text);
    let id = StoredValue::new(entry.id.clone());
    let act = move |f: fn(&LibraryCtx, &str)| move |_| id.with_value(|id| f(&library, id));
    let template = entry.template;
    view! {
        <tr data-testid="library-row">
            <th scope="row">
                <Show when=move || renaming.get() fallback=move || view! {
                    <button type="button" class="link" data-open-report=id.get_value() on:click=act(|l, id| l.open.set(Some(id.to_string())))>
                        {move || draft.get()}
                    </button>
                }>
                    <form class="inline-form" on:submit=move |ev| {
                        ev.prevent_default();
                        id.with_value(|id| library.rename(id, &draft.get_untracked()));
                        renaming.set(false);
                    }>
                        <input type="text" aria-label=t(Text::ReportTitle) autofocus
                            prop:value=move || draft.get() on:input:target=move |ev| draft.set(ev.target().value()) />
                        <button type="submit" class="button small">{t(Text::Confirm)}</button>
                    </form>
                </Show>
                <div class="muted">
                    {entry.example.then(|| view! { <span class="tag example" data-testid="example-tag">{t(Text::ExampleTag)}</span> " " })}
                    {entry.agency.clone()}
                </div>
            </th>
            <td>{entry.year}</td>
            <td>{template_short(lang, template)}</td>
            <td class="num">{date_time(entry.saved_at)}</td>
            <td class="counts">
                {if entry.unchecked {
                    view! { <span class="count none" data-testid="counting">{t(Text::Counting)}</span> }.into_any()
                } else {
                    view! {
                        <span class="count error" title=t(Text::Error)>"● " {entry.errors}</span>
                        <span class="count warning" title=t(Text::Warning)>"▲ " {entry.warnings}</span>
                        {(entry.pending > 0).then(|| view! {
                            <span class="count pending" title=t(Text::Pending)>"○ " {entry.pending}</span>
                        })}
                    }.into_any()
                }}
            </td>
            <td class="row-actions">
                <button type="button" class="button small" on:click=act(|l, id| l.open.set(Some(id.to_string())))>{t(Text::Open)}</button>
                <button type="button" class="button small" on:click=move |_| renaming.set(true)>{t(Text::Rename)}</button>
                <button type="button" class="button small" on:click=move |_| {
                    let suffix = if lang == Lang::Zh { "（副本）" } else { " (copy)" };
                    id.with_value(|id| library.duplicate(id, suffix));
                }>{t(Text::Duplicate)}</button>
                <button type="button" class="button small" on:click=act(|l, id| l.start_next_year(id))>{t(Text::NextYear)}</button>
                <button type="button" class="button small danger" on:click=act(|l, id| l.set_deleted(id, true))>{t(Text::Delete)}</button>
            </td>
        </tr>
    }
}
