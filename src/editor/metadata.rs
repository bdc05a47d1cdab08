//! The cover details (封面信息): title, agency, year, template, contact and publish date.

use leptos::prelude::*;
use report::{Report, Template};

use super::ctx::EditorCtx;
use crate::i18n::LangCtx;
use crate::i18n::{Text, tr};
use crate::question::QuestionBanner;
use crate::state::LibraryCtx;

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
    // The year when the clerk started changing it: the title and 前言 may still name it.
    let year_before = StoredValue::new(ctx.report.with_untracked(|r| r.year));
    let stale_year = Memo::new(move |_| {
        let old = year_before.get_value();
        ctx.report
            .with(|r| report::has_year_references(r, old).then_some((old, r.year)))
    });
    let update_years = move |()| {
        let old = year_before.get_value();
        ctx.edit(None, |r| report::update_year_references(r, old));
        year_before.set_value(ctx.report.with_untracked(|r| r.year));
    };
    let keep_years = move |()| year_before.set_value(ctx.report.with_untracked(|r| r.year));
    let year_prompt = move || {
        stale_year.get().map(|(old, new)| {
            tr(lang.get(), Text::YearReferences)
                .replace("{old}", &old.to_string())
                .replace("{new}", &new.to_string())
        })
    };
    // A date picker for a date written as 2025-01-20 (or none yet); a date typed in another
    // form (2025年1月20日) stays in a text field, as typed.
    let iso_date = move || {
        ctx.report.with(|r| {
            r.publish_date.as_deref().is_none_or(|d| {
                let d = d.trim();
                d.is_empty()
                    || (d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-')
            })
        })
    };
    // Published in the year after the report year.
    let date_min = move || ctx.report.with(|r| format!("{}-01-01", r.year + 1));
    let date_max = move || ctx.report.with(|r| format!("{}-12-31", r.year + 1));
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
    // A format change asks first: the tables change shape (texts and figures are kept).
    let pending_template = RwSignal::new(None::<report::TemplateId>);
    let set_template = move |value: String| {
        if let Some(found) = Template::all().into_iter().find(|t| t.id.as_str() == value)
            && found.id != template()
        {
            pending_template.set(Some(found.id));
        }
    };
    let confirm_template = move |()| {
        if let Some(id) = pending_template.get_untracked() {
            ctx.edit(None, |r| report::switch_template(r, id));
        }
        pending_template.set(None);
    };
    let template_question = move || {
        pending_template.get().map(|id| {
            tr(lang.get(), Text::SwitchFormatQuestion).replace("{name}", Template::get(id).name)
        })
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
                    <input type="number" min="2008" max="2100" prop:value=year on:input=year_input
                        data-testid="meta-year" /></label>
                <label class="field"><span>{move || t(Text::Format)}</span>
                    <select data-testid="meta-format" on:change:target=move |ev| set_template(ev.target().value())
                        prop:value=move || pending_template.get().unwrap_or_else(template).as_str()>
                        {Template::all().into_iter().map(|option| view! {
                            <option value=option.id.as_str() selected=move || template() == option.id>{option.name}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field narrow"><span>{move || t(Text::PublishDate)}</span>
                    <input type=move || if iso_date() { "date" } else { "text" } min=date_min max=date_max
                        prop:value=date on:input=date_input on:change=date_input data-testid="meta-date" /></label>
            </div>
            <Show when=move || pending_template.get().is_some()>
                <QuestionBanner question=Signal::derive(move || template_question().unwrap_or_default())
                    yes=Text::SwitchFormat on_yes=Callback::new(confirm_template)
                    no=Text::Cancel on_no=Callback::new(move |()| pending_template.set(None))
                    role="alertdialog" testid="format-confirm" />
            </Show>
            <Show when=move || stale_year.get().is_some()>
                <QuestionBanner question=Signal::derive(move || year_prompt().unwrap_or_default())
                    yes=Text::YearReferencesUpdate on_yes=Callback::new(update_years)
                    no=Text::YearReferencesKeep on_no=Callback::new(keep_years)
                    role="status" testid="year-references" />
            </Show>
            <label class="field wide"><span>{move || t(Text::Contact)}</span>
                <textarea rows="3" prop:value=contact on:input=contact_input></textarea></label>
            <PreviousLink />
        </section>
    }
}

/// 关联上年报告: which report of the library is last year's, for the cross-year checks
/// (上年结转, 现行有效, copied text). Reports of the year before come first; a published
/// report not in the library is brought in with 导入已发布的报告 in the library.
#[component]
fn PreviousLink() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<EditorCtx>();
    let library = expect_context::<LibraryCtx>();
    let t = move |text| tr(lang.get(), text);
    let id = ctx.id.get_value();
    let linked = RwSignal::new(library.entry(&id).and_then(|e| e.previous));
    let failure = RwSignal::new(None::<String>);
    // Other reports, those of the year before first, then by year, newest first.
    let options = Memo::new(move |_| {
        let own_year = ctx.report.with(|r| r.year);
        let id = ctx.id.get_value();
        let mut options: Vec<(String, String, i32)> = library.index.with(|entries| {
            entries
                .iter()
                .filter(|e| !e.deleted && e.id != id)
                .map(|e| (e.id.clone(), e.title.clone(), e.year))
                .collect()
        });
        options.sort_by_key(|(_, title, year)| (*year != own_year - 1, -year, title.clone()));
        options
    });
    let choose = move |value: String| {
        let id = ctx.id.get_value();
        let previous = (!value.is_empty()).then_some(value);
        let loaded = match &previous {
            Some(previous) => library.load_report(previous).map(Some),
            None => Ok(None),
        };
        let result = loaded.and_then(|report| {
            library.commit(|entries| {
                if let Some(entry) = entries.iter_mut().find(|e| e.id == id) {
                    entry.previous = previous.clone();
                }
            })?;
            ctx.previous.set(report);
            Ok(())
        });
        match result {
            Ok(()) => {
                linked.set(previous);
                failure.set(None);
            }
            Err(err) => failure.set(Some(err)),
        }
    };
    let last_year = move || {
        ctx.previous.with(|p| {
            p.as_ref().map(|p| {
                let carried_out = p
                    .cell_raw("requests.carried_out.total")
                    .map(|v| v.into_owned());
                let in_force = p
                    .cell_raw("active.normative_docs.in_force")
                    .map(|v| v.into_owned());
                tr(lang.get(), Text::PreviousFigures)
                    .replace("{year}", &p.year.to_string())
                    .replace("{carried}", carried_out.as_deref().unwrap_or("—"))
                    .replace("{in_force}", in_force.as_deref().unwrap_or("—"))
            })
        })
    };
    view! {
        <div class="field wide previous-link">
            <label>
                <span>{move || t(Text::PreviousReport)}</span>
                <select data-testid="previous-report" on:change:target=move |ev| choose(ev.target().value())>
                    <option value="" selected=move || linked.get().is_none()>{move || t(Text::PreviousNone)}</option>
                    <For each=move || options.get() key=|(id, title, _)| (id.clone(), title.clone()) let:item>
                        <option value=item.0.clone() selected=move || linked.get().as_deref() == Some(item.0.as_str())>
                            {item.1.clone()}
                        </option>
                    </For>
                </select>
            </label>
            <p class="muted" data-testid="previous-figures">{move || last_year().unwrap_or_else(|| t(Text::PreviousHint).to_string())}</p>
            <Show when=move || failure.get().is_some()>
                <p class="banner error" role="alert">{move || failure.get()}</p>
            </Show>
        </div>
    }
}
