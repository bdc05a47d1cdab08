//! The head of a legacy section: its own heading, editable, with reorder and remove.

use leptos::prelude::*;

use super::ctx::{EditorCtx, META};
use crate::i18n::LangCtx;
use crate::i18n::{Text, tr};

/// Heading field and section actions of a legacy report's section `id`.
#[component]
pub fn LegacySectionHead(
    /// The section id.
    id: String,
) -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<EditorCtx>();
    let t = move |text| tr(lang.get(), text);
    let id = StoredValue::new(id);
    let heading = move || {
        ctx.report.with(|r| {
            r.sections
                .iter()
                .find(|s| s.id == id.get_value())
                .map(|s| r.section_heading(s).to_string())
        })
    };
    let shift =
        move |delta: isize| ctx.edit(None, |r| report::move_section(r, &id.get_value(), delta));
    let remove = move |_| {
        ctx.edit(None, |r| report::remove_section(r, &id.get_value()));
        ctx.section.set(META.to_string());
    };
    view! {
        <div class="legacy-head">
            <label class="field wide">
                <span>{move || t(Text::SectionHeading)}</span>
                <input type="text" prop:value=heading on:input:target=move |ev| {
                    let tag = format!("heading:{}", id.get_value());
                    ctx.edit(Some(&tag), |r| report::set_section_heading(r, &id.get_value(), &ev.target().value()));
                } />
            </label>
            <div class="toolbar-group">
                <button type="button" class="button small" on:click=move |_| shift(-1)>{move || t(Text::MoveUp)}</button>
                <button type="button" class="button small" on:click=move |_| shift(1)>{move || t(Text::MoveDown)}</button>
                <button type="button" class="button small danger" on:click=remove>{move || t(Text::RemoveSection)}</button>
            </div>
        </div>
    }
}
