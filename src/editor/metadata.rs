//! The cover details (封面信息): title, agency, year, template, contact and publish date.

use leptos::prelude::*;
use report::{Report, Template};

use super::ctx::EditorCtx;
use crate::app::LangCtx;
use crate::i18n::{Text, tr};

/// The form of the report's metadata.
#[component]
pub fn MetadataEditor() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<EditorCtx>();
    let t = move |text| tr(lang.get(), text);
    let field =
        move |tag: &'static str, read: fn(&Report) -> String, write: fn(&mut Report, String)| {
            let value = move || ctx.report.with(read);
            let on_input = move |ev: web_sys::Event| {
                if !crate::dom::is_composing(&ev) {
                    let text = event_target_value(&ev);
                    ctx.edit(Some(tag), |r| write(r, text));
                }
            };
            (value, on_input)
        };
    let (title, title_input) = field("meta:title", report::report_title, |r, v| {
        report::set_report_title(r, &v)
    });
    let (agency, agency_input) = field("meta:agency", |r| r.agency.clone(), |r, v| r.agency = v);
    let (year, year_input) = field(
        "meta:year",
        |r| r.year.to_string(),
        |r, v| {
            if let Ok(year) = v.trim().parse() {
                r.year = year;
            }
        },
    );
    let (contact, contact_input) = field(
        "meta:contact",
        |r| r.contact.clone().unwrap_or_default(),
        |r, v| {
            r.contact = (!v.trim().is_empty()).then_some(v);
        },
    );
    let (date, date_input) = field(
        "meta:date",
        |r| r.publish_date.clone().unwrap_or_default(),
        |r, v| {
            r.publish_date = (!v.trim().is_empty()).then_some(v);
        },
    );
    let template = move || ctx.report.with(|r| r.template);
    let set_template = move |value: String| {
        if let Some(found) = Template::all().into_iter().find(|t| t.id.as_str() == value) {
            ctx.edit(None, |r| report::switch_template(r, found.id));
        }
    };
    view! {
        <section class="section-editor metadata" data-section-body>
            <h2>{move || t(Text::Metadata)}</h2>
            <label class="field wide"><span>{move || t(Text::ReportTitle)}</span>
                <input type="text" prop:value=title on:input=title_input /></label>
            <label class="field wide"><span>{move || t(Text::Agency)}</span>
                <input type="text" prop:value=agency on:input=agency_input /></label>
            <div class="field-row">
                <label class="field narrow"><span>{move || t(Text::Year)}</span>
                    <input type="number" min="2008" max="2100" prop:value=year on:input=year_input /></label>
                <label class="field"><span>{move || t(Text::Format)}</span>
                    <select on:change:target=move |ev| set_template(ev.target().value())>
                        {Template::all().into_iter().map(|option| view! {
                            <option value=option.id.as_str() selected=move || template() == option.id>{option.name}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field narrow"><span>{move || t(Text::PublishDate)}</span>
                    <input type="text" placeholder="2025-01-20" prop:value=date on:input=date_input /></label>
            </div>
            <label class="field wide"><span>{move || t(Text::Contact)}</span>
                <textarea rows="3" prop:value=contact on:input=contact_input></textarea></label>
        </section>
    }
}
