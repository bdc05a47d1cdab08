//! A collected report opened read-only: where it came from, what the importer could not
//! find, its findings, and the report itself as the document model draws it.

use leptos::prelude::*;
use report::{Severity, is_pending};

use super::{CollectionCtx, origin_name};
use crate::editor::preview::pages::{PAGED_CLASS, paged_css};
use crate::i18n::{LangCtx, Text, tr};

/// The report being viewed, below the tools and above the table.
#[component]
pub fn ReadOnlyReport() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<CollectionCtx>();
    let t = move |text| tr(lang.get(), text);
    let item = Memo::new(move |_| {
        let id = ctx.viewing.get()?;
        ctx.items
            .with(|items| items.iter().find(|item| item.id == id).cloned())
    });
    let findings = Memo::new(move |_| {
        let id = ctx.viewing.get()?;
        ctx.checked.with(|checked| {
            checked
                .iter()
                .find(|one| one.id == id)
                .map(|one| one.findings.clone())
        })
    });
    // The document drawn like the preview's sheets (styled, not printed: printing on this
    // screen prints the summary).
    let document = Memo::new(move |_| {
        item.with(|item| {
            let report = item.as_ref()?.content.as_ref().ok()?;
            let fragment = report::to_html_fragment(&report::render(report));
            Some(fragment.replacen("nianbao-doc", PAGED_CLASS, 1))
        })
    });
    let close = move |_| {
        ctx.viewing.set(None);
        crate::dom::focus("[data-testid=collection-rows]");
    };
    view! {
        <section class="collection-detail" aria-labelledby="collection-detail-title" data-testid="collection-detail">
            <div class="library-head">
                <h2 id="collection-detail-title" tabindex="-1">
                    {move || item.with(|item| item.as_ref().map(|item| item.name.clone()))}
                </h2>
                <button type="button" class="button" data-testid="collection-detail-close" on:click=close>
                    {move || t(Text::CollectionClose)}
                </button>
            </div>
            <p class="banner info">{move || t(Text::CollectionReadOnly)}</p>
            <p>
                {move || t(Text::CollectionOrigin)} "："
                {move || item.with(|item| item.as_ref().map(|item| origin_name(lang.get(), item.origin)))}
            </p>
            <Show when=move || item.with(|item| item.as_ref().is_some_and(|item| !item.import_problems.is_empty()))>
                <div class="banner warning">
                    <p>{move || t(Text::CollectionImportProblems)}</p>
                    <ul>{move || item.with(|item| item.iter().flat_map(|item| item.import_problems.clone())
                        .map(|problem| view! { <li>{problem}</li> }).collect_view())}</ul>
                </div>
            </Show>
            <h3>{move || t(Text::CollectionFindingsOf)}</h3>
            <ul class="collection-findings" data-testid="collection-detail-findings">
                {move || findings.with(|findings| findings.iter().flatten()
                    .filter(|finding| !is_pending(finding))
                    .map(|finding| {
                        let (class, word) = match finding.severity {
                            Severity::Error => ("error", Text::Error),
                            Severity::Warning => ("warning", Text::Warning),
                            Severity::Info => ("info", Text::Note),
                        };
                        view! {
                            <li class=format!("finding {class}")>
                                <strong>{move || tr(lang.get(), word)}</strong> "：" {finding.message.clone()}
                            </li>
                        }
                    }).collect_view())}
            </ul>
            <style>{paged_css()}</style>
            // Scrolls on its own, so it takes the focus to be scrolled with the keyboard.
            <div class="collection-document desk" tabindex="0" role="region"
                aria-label=move || item.with(|item| item.as_ref().map(|item| {
                    format!("{}：{}", tr(lang.get(), Text::CollectionDocument), item.name)
                }))
                inner_html=move || document.get().unwrap_or_default()></div>
        </section>
    }
}
