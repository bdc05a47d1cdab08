//! 汇总所选报告: the chosen reports' tables summed cell by cell into a new report (the core's
//! `report::sum`), with every report it refused and why, and the source cells it could not
//! add; the sum is saved to the library and opened, where its preview names its contributors.

use leptos::prelude::*;
use report::{SumSource, Summed};

use super::CollectionCtx;
use crate::i18n::{LangCtx, Text, tr};
use crate::state::LibraryCtx;

/// The button and, once pressed, what the sum holds.
#[component]
pub fn SumPanel() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<CollectionCtx>();
    let library = expect_context::<LibraryCtx>();
    let summed = RwSignal::new(None::<Summed>);
    let t = move |text| tr(lang.get(), text);
    let run = move |_| {
        let lang = lang.get_untracked();
        let result = ctx.items.with_untracked(|items| {
            ctx.left_out.with_untracked(|left_out| {
                let sources: Vec<SumSource<'_>> = items
                    .iter()
                    .filter(|item| item.is_member() && !left_out.contains(&item.id))
                    .map(|item| match &item.content {
                        Ok(report) => SumSource::Report {
                            file: &item.name,
                            report,
                        },
                        Err(reason) => SumSource::Unreadable {
                            file: &item.name,
                            reason,
                        },
                    })
                    .collect();
                report::sum(&sources, lang)
            })
        });
        summed.set(Some(result));
    };
    let open = move |_| {
        let Some(mut report) =
            summed.with_untracked(|summed| summed.as_ref().and_then(|s| s.report.clone()))
        else {
            return;
        };
        let office = ctx.office.get_untracked();
        if !office.trim().is_empty() {
            report.agency = office.trim().to_string();
        }
        library.create_and_open(&report, None);
    };
    view! {
        <section class="collection-sum" aria-labelledby="collection-sum-title">
            <h2 id="collection-sum-title" class="visually-hidden">{move || t(Text::CollectionSum)}</h2>
            <button type="button" class="button primary" data-testid="collection-sum"
                disabled=move || ctx.checked.with(Vec::is_empty) on:click=run>
                {move || t(Text::CollectionSum)}
            </button>
            <Show when=move || summed.with(Option::is_some)>
                <div class="banner info" role="status" data-testid="collection-sum-result">
                    {move || summed.with(|summed| summed.as_ref().map(|summed| {
                        let lang = lang.get();
                        let head = if summed.report.is_some() {
                            tr(lang, Text::CollectionSummed).replace("{n}", &summed.contributors.len().to_string())
                        } else {
                            tr(lang, Text::CollectionSumNothing).to_string()
                        };
                        let refused = (!summed.refused.is_empty()).then(|| view! {
                            <p>{tr(lang, Text::CollectionRefused).replace("{n}", &summed.refused.len().to_string())}</p>
                            <ul data-testid="collection-sum-refused">
                                {summed.refused.iter().map(|refusal| view! { <li>{refusal.message.clone()}</li> }).collect_view()}
                            </ul>
                        });
                        let gaps = (!summed.gaps.is_empty()).then(|| view! {
                            <p>{tr(lang, Text::CollectionGaps).replace("{n}", &summed.gaps.len().to_string())}</p>
                        });
                        view! { <p><strong>{head}</strong></p> {refused} {gaps} }
                    }))}
                    <Show when=move || summed.with(|summed| summed.as_ref().is_some_and(|s| s.report.is_some()))>
                        <button type="button" class="button primary" data-testid="collection-sum-open" on:click=open>
                            {move || t(Text::CollectionSumOpen)}
                        </button>
                    </Show>
                </div>
            </Show>
        </section>
    }
}
