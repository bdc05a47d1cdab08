//! A prose section: a comfortable text area with one-click inserts of the format's suggested
//! sub-headings, and for the preamble the customary wording.

use leptos::html::{Div, Textarea};
use leptos::prelude::*;

use super::ctx::EditorCtx;
use crate::i18n::LangCtx;
use crate::i18n::{Text, tr};
use crate::question::QuestionBanner;

/// How long typing must pause before the highlights follow the text.
const HIGHLIGHT_DELAY: std::time::Duration = std::time::Duration::from_millis(250);

/// The text of section `id`.
#[component]
pub fn ProseEditor(
    /// The section id.
    id: String,
) -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<EditorCtx>();
    let t = move |text| tr(lang.get(), text);
    let area = NodeRef::<Textarea>::new();
    // Above a table the box is for an optional note before it; elsewhere, the section itself.
    let holds_table = ctx.report.with_untracked(|r| {
        r.template()
            .section(&id)
            .is_some_and(|spec| spec.table.is_some())
    });
    let placeholder = if holds_table {
        Text::ProseBeforeTable
    } else {
        Text::ProseSection
    };
    let id = StoredValue::new(id);
    let tag = format!("section:{}", id.get_value());
    let tag = StoredValue::new(tag);
    // What the text area holds, as last written into it or read from it. Its own typing is
    // not written back: setting a long section's value again on every key cost a fifth of
    // the keystroke (issue 15), and the text is already there.
    let shown = StoredValue::new(None::<String>);
    // Syncs the text area with the report (opening, undo, another tab, an insert).
    Effect::new(move |_| {
        let Some(element) = area.get() else {
            return;
        };
        ctx.report.with(|r| {
            let text = r.section_text(&id.get_value()).unwrap_or_default();
            if shown.with_value(|shown| shown.as_deref() != Some(text)) {
                element.set_value(text);
                shown.set_value(Some(text.to_string()));
            }
        });
    });
    // A key typed here: the highlights hide in the key's own task (the text under them has
    // moved), though the report's readers wake a task later.
    let typed = Trigger::new();
    let write = move |value: String| {
        typed.notify();
        shown.set_value(Some(value.clone()));
        tag.with_value(|tag| id.with_value(|id| ctx.type_section_text(tag, id, value)))
    };
    let insert = move |heading: &'static str| {
        let Some(area) = area.get_untracked() else {
            return;
        };
        let at = area.selection_start().ok().flatten().unwrap_or(u32::MAX) as usize;
        let (value, cursor) = report::insert_subheading(&area.value(), at, heading);
        // Written at once, so that the cursor set below stays where the heading ends.
        area.set_value(&value);
        shown.set_value(Some(value.clone()));
        ctx.edit(None, |r| r.set_section_text(&id.get_value(), value));
        let _ = area.focus();
        let _ = area.set_selection_range(cursor as u32, cursor as u32);
    };
    // Replacing text the clerk wrote asks first (an empty or unchanged 前言 is just filled).
    let confirm_fill = RwSignal::new(false);
    let do_fill = move || {
        let value = ctx
            .report
            .with_untracked(|r| report::preamble_text(&r.agency, r.year, r.template));
        ctx.edit(None, |r| r.set_section_text("preamble", value));
        confirm_fill.set(false);
    };
    let fill_preamble = move |_| {
        let (current, customary) = ctx.report.with_untracked(|r| {
            (
                r.section_text("preamble")
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
                report::preamble_text(&r.agency, r.year, r.template),
            )
        });
        if current.is_empty() || current == customary.trim() {
            do_fill();
        } else {
            confirm_fill.set(true);
        }
    };
    // The highlight layer behind the text area: the same text, with the sentences that prose
    // findings are about marked (a text area cannot colour parts of its own text). It is
    // drawn again when typing pauses, not at every keystroke: laying out a few thousand
    // characters again per key was most of a keystroke's cost in a long section (issue 15).
    // Until then the marks are hidden, since the text they were placed on has moved.
    let settled = crate::clock::settled(
        move || {
            ctx.report.track();
            ctx.findings.track();
        },
        HIGHLIGHT_DELAY,
        move || !ctx.typing.get_value(),
    );
    let segments = Memo::new(move |_| {
        settled.track();
        let value = ctx.report.with_untracked(|r| {
            r.section_text(&id.get_value())
                .unwrap_or_default()
                .to_string()
        });
        let segments = ctx
            .findings
            .with_untracked(|all| report::highlight_segments(&value, &id.get_value(), all));
        (value, segments)
    });
    let stale = move || {
        typed.track();
        segments.with(|(drawn, _)| {
            ctx.report
                .with(|r| r.section_text(&id.get_value()).unwrap_or_default() != drawn.as_str())
        })
    };
    // The hint is set only while the section is empty: a text area with a placeholder has
    // its style recomputed at every keystroke (whether the hint shows may change), a tenth
    // of a millisecond per key in a long section (issue 15).
    let empty = Memo::new(move |_| {
        ctx.report.with(|r| {
            r.section_text(&id.get_value())
                .unwrap_or_default()
                .is_empty()
        })
    });
    let hint = move || empty.get().then(|| t(placeholder));
    let backdrop = NodeRef::<Div>::new();
    let sync_scroll = move || {
        if let (Some(area), Some(layer)) = (area.get_untracked(), backdrop.get_untracked()) {
            layer.set_scroll_top(area.scroll_top());
        }
    };
    let suggestions = report::suggested_subheadings(&id.get_value());
    let is_preamble = id.get_value() == "preamble";
    // Sections with a table keep their optional prose short so the grid stays in view.
    let rows = if matches!(id.get_value().as_str(), "active" | "requests" | "appeals") {
        "4"
    } else {
        "14"
    };
    view! {
        <div class="prose-editor">
            <div class="prose-tools">
                {(!suggestions.is_empty()).then(|| view! { <span class="muted">{move || t(Text::InsertHeading)} "："</span> })}
                {suggestions.iter().map(|heading| view! {
                    <button type="button" class="chip" on:click=move |_| insert(heading)>{*heading}</button>
                }).collect_view()}
                {is_preamble.then(|| view! {
                    <button type="button" class="chip" on:click=fill_preamble>{move || t(Text::ResetPreamble)}</button>
                })}
            </div>
            <Show when=move || confirm_fill.get()>
                <QuestionBanner question=Signal::derive(move || t(Text::ResetPreambleQuestion).to_string())
                    yes=Text::ResetPreambleReplace on_yes=Callback::new(move |()| do_fill())
                    no=Text::Cancel on_no=Callback::new(move |()| confirm_fill.set(false))
                    role="alertdialog" testid="fill-preamble-confirm" />
            </Show>
            <div class="prose-wrap">
            <div class="prose-backdrop" class:stale=stale aria-hidden="true" node_ref=backdrop>
                {move || segments.get().1.into_iter().map(|segment| match segment.mark {
                    None => view! { <span>{segment.text}</span> }.into_any(),
                    Some(severity) => view! {
                        <mark class=format!("prose-mark {}", severity.as_str())>{segment.text}</mark>
                    }.into_any(),
                }).collect_view()}
                // A trailing line break needs a character after it to take up its line.
                "\u{200b}"
            </div>
            <textarea node_ref=area class="prose" rows=rows aria-label=move || t(Text::SectionText)
                placeholder=hint
                data-section-text=id.get_value()
                on:scroll=move |_| sync_scroll()
                on:input=move |ev| {
                    if !crate::dom::is_composing(&ev) {
                        write(event_target_value(&ev));
                    }
                }
                on:compositionend=move |ev: web_sys::CompositionEvent| write(event_target_value(&ev))
            ></textarea>
            </div>
        </div>
    }
}
