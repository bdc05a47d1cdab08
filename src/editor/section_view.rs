//! The section on screen: metadata, or a section's heading, prose, table and extra fields,
//! all disabled while the report is read-only here.

use leptos::prelude::*;
use report::TemplateId;

use super::ctx::{EditorCtx, META};
use super::grid::TableGrid;
use super::info_fee::InfoFeeFields;
use super::legacy::LegacySectionHead;
use super::metadata::MetadataEditor;
use super::prose::ProseEditor;

/// Shows the editor of the selected section.
#[component]
pub fn SectionView() -> impl IntoView {
    let ctx = expect_context::<EditorCtx>();
    let shape = Memo::new(move |_| {
        let id = ctx.section.get();
        ctx.report.with(|r| (id, r.template))
    });
    let body = move || {
        let (id, template_id) = shape.get();
        if id == META {
            return view! { <MetadataEditor /> }.into_any();
        }
        let template = report::Template::get(template_id);
        let heading_id = id.clone();
        let heading = move || {
            ctx.report.with(|r| {
                r.sections
                    .iter()
                    .find(|s| s.id == heading_id)
                    .map(|s| r.section_heading(s).to_string())
            })
        };
        let table = template
            .section(&id)
            .and_then(|spec| spec.table)
            .and_then(|t| template.table(t));
        let fees = id == "other" && !template.loose_cells.is_empty();
        view! {
            <section class="section-editor" data-section-body>
                {if template_id == TemplateId::Legacy {
                    view! { <LegacySectionHead id=id.clone() /> }.into_any()
                } else {
                    view! { <h2>{heading}</h2> }.into_any()
                }}
                <ProseEditor id=id.clone() />
                {table.map(|table| view! { <TableGrid table=table /> })}
                {fees.then(|| view! { <InfoFeeFields /> })}
            </section>
        }
        .into_any()
    };
    // A disabled fieldset makes every field of the section read-only at once.
    view! {
        <fieldset class="section-fieldset" disabled=move || ctx.read_only.with(Option::is_some)>
            {body}
        </fieldset>
    }
}
