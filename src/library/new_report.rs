//! The new-report form: agency and year, the template following the year until the user
//! picks one.

use leptos::prelude::*;
use report::{Template, TemplateId};

use crate::clock::this_year;
use crate::i18n::LangCtx;
use crate::i18n::{Text, tr};
use crate::state::LibraryCtx;

/// Inline form creating a report and opening it.
#[component]
pub fn NewReportForm(
    /// Called when the form is cancelled.
    on_close: Callback<()>,
) -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let library = expect_context::<LibraryCtx>();
    let agency = RwSignal::new(String::new());
    let year = RwSignal::new(this_year() - 1);
    // The format the user picked, if any. While it is `None` the format shown follows the year;
    // once picked it stays through later changes of the year, since a clerk writing an old
    // year's report on the current format has chosen that on purpose.
    let chosen = RwSignal::new(None::<TemplateId>);
    let template = Memo::new(move |_| {
        chosen
            .get()
            .unwrap_or_else(|| TemplateId::for_year(year.get()))
    });
    let t = move |text| tr(lang.get(), text);
    let create = move || {
        // The core gives the sections of the format shown, whatever the year.
        let report = report::new_report(
            &agency.get_untracked(),
            year.get_untracked(),
            chosen.get_untracked(),
        );
        library.create_and_open(&report, None);
    };
    view! {
        <form
            class="card new-report"
            aria-label=move || t(Text::NewReport)
            on:keydown=move |ev| if ev.key() == "Escape" { on_close.run(()) }
            on:submit=move |ev| {
                ev.prevent_default();
                create();
            }
        >
            <h2>{move || t(Text::NewReport)}</h2>
            <label class="field">
                <span>{move || t(Text::Agency)}</span>
                <input type="text" required autofocus prop:value=move || agency.get()
                    on:input:target=move |ev| agency.set(ev.target().value()) />
            </label>
            <label class="field narrow">
                <span>{move || t(Text::Year)}</span>
                <input type="number" min="2008" max="2100" prop:value=move || year.get().to_string()
                    on:input:target=move |ev| {
                        if let Ok(value) = ev.target().value().parse() {
                            year.set(value);
                        }
                    } />
            </label>
            <label class="field">
                <span>{move || t(Text::Format)}</span>
                // `prop:value` as well as `selected`: once the user has used the list, an
                // option's `selected` attribute no longer moves it when the year changes.
                <select prop:value=move || template.get().as_str() on:change:target=move |ev| {
                    let picked = Template::all().into_iter().map(|t| t.id).find(|id| id.as_str() == ev.target().value());
                    if picked.is_some() {
                        chosen.set(picked);
                    }
                }>
                    {Template::all().into_iter().map(|option| view! {
                        <option value=option.id.as_str() selected=move || template.get() == option.id>{option.name}</option>
                    }).collect_view()}
                </select>
            </label>
            <div class="form-actions">
                <button type="submit" class="button primary">{move || t(Text::Create)}</button>
                <button type="button" class="button" on:click=move |_| on_close.run(())>{move || t(Text::Cancel)}</button>
            </div>
        </form>
    }
}
