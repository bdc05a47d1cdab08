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
use crate::i18n::LangCtx;
use crate::i18n::{Text, tr};

/// Shows the editor of the selected section.
#[component]
pub fn SectionView() -> impl IntoView {
    let ctx = expect_context::<EditorCtx>();
    let shape = Memo::new(move |_| {
        let id = ctx.section.get();
        (id, ctx.template.get())
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
                {table.map(|table| view! { <LastYearFigures table=table /> <TableGrid table=table /> <KeyChanges table=table /> })}
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

/// Last year's figures that this year's table continues, shown above it when last year's
/// report is linked: table 三's 结转下年度 (this year's 上年结转 must equal it) and table 二's
/// 现行有效 (this year's starts from it).
#[component]
fn LastYearFigures(
    /// The table shown below.
    table: &'static report::TableSpec,
) -> impl IntoView {
    let ctx = expect_context::<EditorCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let (row, label) = match table.id {
        "requests" => ("carried_out", Text::LastYearCarriedOut),
        "active" => ("", Text::LastYearInForce),
        _ => return None,
    };
    let line = move || {
        ctx.previous.with(|previous| {
            let previous = previous.as_ref()?;
            let template = previous.template();
            let values: Vec<String> = template
                .cells()
                .iter()
                .filter(|cell| {
                    cell.key.starts_with(&format!("{}.", table.id))
                        && if row.is_empty() {
                            cell.key.ends_with(".in_force")
                        } else {
                            cell.key.starts_with(&format!("{}.{row}.", table.id))
                        }
                })
                .map(|cell| {
                    let value = previous.cell_raw(&cell.key).map(|v| v.into_owned());
                    let name = cell.label.rsplit(" · ").next().unwrap_or(&cell.label);
                    let name = if row.is_empty() {
                        cell.label.split(" · ").next().unwrap_or(&cell.label)
                    } else {
                        name
                    };
                    format!("{name} {}", value.as_deref().unwrap_or("—"))
                })
                .collect();
            (!values.is_empty()).then(|| {
                tr(lang.get(), label)
                    .replace("{year}", &previous.year.to_string())
                    .replace("{values}", &values.join("，"))
            })
        })
    };
    Some(view! {
        <Show when=move || line().is_some()>
            <p class="last-year-figures muted" data-testid=format!("last-year-{}", table.id)>{line}</p>
        </Show>
    })
}

/// The table's key quantities with their 同比 against last year's report, under the table
/// when last year's report is linked: computed exactly, as reports write them.
#[component]
fn KeyChanges(
    /// The table shown above.
    table: &'static report::TableSpec,
) -> impl IntoView {
    let ctx = expect_context::<EditorCtx>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let line = Memo::new(move |_| {
        ctx.previous.with(|previous| {
            let previous = previous.as_ref()?;
            let parts: Vec<String> = ctx.report.with(|report| {
                report::key_changes(report, previous)
                    .into_iter()
                    .filter(|change| change.table == table.id)
                    .map(|change| format!("{} {}，{}", change.label, change.value, change.change))
                    .collect()
            });
            (!parts.is_empty()).then(|| {
                tr(lang.get(), Text::KeyChanges)
                    .replace("{year}", &previous.year.to_string())
                    .replace("{values}", &parts.join("；"))
            })
        })
    });
    view! {
        <Show when=move || line.with(Option::is_some)>
            <p class="last-year-figures muted" data-testid=format!("yoy-{}", table.id)>{move || line.get()}</p>
        </Show>
    }
}
