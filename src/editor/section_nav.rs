//! The section list on the left: 封面信息, 前言, 一 … 六 (or a legacy report's own sections),
//! each with a badge counting its findings.

use leptos::prelude::*;
use report::TemplateId;

use super::ctx::{EditorCtx, META};
use crate::clock::new_id;
use crate::i18n::LangCtx;
use crate::i18n::{Text, tr};

/// The navigation between the report's sections.
#[component]
pub fn SectionNav() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<EditorCtx>();
    let t = move |text| tr(lang.get(), text);
    let entries = Memo::new(move |_| {
        let preamble = t(Text::Preamble);
        let mut list = vec![(META.to_string(), t(Text::Metadata).to_string())];
        ctx.report.with(|report| {
            list.extend(report.sections.iter().map(|section| {
                let heading = report.section_heading(section);
                let label = if heading.is_empty() {
                    preamble.to_string()
                } else {
                    heading.to_string()
                };
                (section.id.clone(), label)
            }));
        });
        list
    });
    // Errors, warnings and cells to fill of a section, counted apart: different badges. The
    // cover fields' findings have no section and show on 封面信息.
    let badge = move |id: &str| {
        ctx.section_tallies.with(|tallies| {
            let mut tally = tallies
                .get(&Some(id.to_string()))
                .copied()
                .unwrap_or_default();
            if id == META {
                tally += tallies.get(&None).copied().unwrap_or_default();
            }
            tally
        })
    };
    let legacy = move || ctx.template.get() == TemplateId::Legacy;
    let add = move |_| {
        let id = new_id();
        let heading = t(Text::NewSectionHeading);
        ctx.edit(None, |r| report::add_section(r, &id, heading));
        ctx.section.set(id);
    };
    view! {
        <nav class="section-nav" aria-label=move || t(Text::Sections)>
            <ul>
                <For each=move || entries.get() key=|entry| entry.clone() children=move |(id, label)| {
                    let id = StoredValue::new(id);
                    let tally = Memo::new(move |_| id.with_value(|id| badge(id)));
                    let errors = move || tally.get().errors;
                    let warnings = move || tally.get().warnings;
                    let pending = move || tally.get().pending;
                    let pending_name = move || t(Text::BadgePending).replace("{n}", &pending().to_string());
                    let error_name = move || t(Text::BadgeErrors).replace("{n}", &errors().to_string());
                    let warning_name = move || t(Text::BadgeWarnings).replace("{n}", &warnings().to_string());
                    view! {
                        <li>
                            <button type="button" class="nav-item"
                                aria-current=move || (ctx.section.get() == id.get_value()).then_some("true")
                                on:click=move |_| ctx.section.set(id.get_value())>
                                <span class="nav-label">{label}</span>
                                <Show when=move || errors() != 0>
                                    <span class="badge error" data-testid="section-badge" role="img"
                                        aria-label=error_name title=error_name>{errors}</span>
                                </Show>
                                <Show when=move || warnings() != 0>
                                    <span class="badge warning" data-testid="section-badge" role="img"
                                        aria-label=warning_name title=warning_name>{warnings}</span>
                                </Show>
                                <Show when=move || pending() != 0>
                                    <span class="badge pending" data-testid="section-badge" role="img"
                                        aria-label=pending_name title=pending_name>{pending}</span>
                                </Show>
                            </button>
                        </li>
                    }
                } />
            </ul>
            <Show when=legacy>
                <button type="button" class="button small" on:click=add>"+ " {move || t(Text::AddSection)}</button>
            </Show>
        </nav>
    }
}
