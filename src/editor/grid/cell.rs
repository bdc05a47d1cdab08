//! One cell of a grid: a real `<input>` so input methods and the first keystroke just work.
//! On focus its text is selected, so typing replaces it; marks show findings, computed totals
//! and the selected range. Shift+click and dragging select a range.
//!
//! Only the grid's current cell (the focused or last focused one, at first the first cell)
//! shows its input; the others show their value as text, and a click or a move shows the
//! input before focusing it (`dom::focus_cell`). 175 shown text controls made every frame
//! after a keystroke lay out, hit test and layerize each of them (at 4× CPU throttling the
//! layerizing alone was 4 ms a frame; issue 15). The current input is the grid's one stop
//! for Tab from outside, as in the ARIA grid pattern.
//!
//! Each input sits in a `<form>` of its own. Chromium's form-filling code treats inputs
//! outside any form as one document-wide form and walks all of them on every focus and
//! selection change: with the grid's 175 inputs that made a Tab 5–7 ms, 1.3 ms with a form
//! per cell (BENCHMARKS.md, issue 15). The form never submits.

use leptos::html::Input;
use leptos::prelude::*;
use report::Severity;

use wasm_bindgen::JsCast;

use super::keys::{on_copy, on_keydown, on_paste};
use super::{GridState, Mode};
use crate::dom::show_and_focus;
use crate::editor::EditorCtx;
use crate::i18n::LangCtx;

/// Characters beyond which a cell drawn as text may not fit its column and is cut.
const LONG_VALUE: usize = 6;

/// An editable figure cell.
#[component]
pub fn GridCell(
    /// The cell key.
    key: String,
    /// Grid columns the cell spans.
    colspan: usize,
) -> impl IntoView {
    let ctx = expect_context::<EditorCtx>();
    let state = expect_context::<GridState>();
    let input = NodeRef::<Input>::new();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let label = ctx.report.with_untracked(|r| {
        r.template()
            .cell_spec(&key)
            .map(|s| s.label.clone())
            .unwrap_or_else(|| key.clone())
    });
    let position = state.nav.with_value(|nav| report::grid_position(nav, &key));
    // Before any cell of the grid is focused, the first one is current.
    let first = position == Some((0, 0));
    let in_range = Memo::new(move |_| {
        state
            .range
            .get()
            .zip(position)
            .is_some_and(|(range, (line, at))| range.contains(line, at))
    });
    // The cell's own signals: a keystroke elsewhere does not wake this cell.
    let cell = ctx.cells.get(&key, ctx.report);
    let key = StoredValue::new(key);
    let value = cell.value;
    let computed = cell.computed;
    let locked = move || computed.get() == Some(false);
    let severity = cell.severity;
    let messages = cell.messages;
    // Each mark is a class of its own: the cell's `current` class is also set directly
    // (`dom::show_and_focus`), and writing the whole class attribute would drop it.
    let marked = move |mark: Severity| severity.get() == Some(mark);
    let write = move |text: String| key.with_value(|k| ctx.type_cell(k, text));
    let focused = move || {
        key.with_value(|k| {
            state
                .focus
                .with_value(|focus| focus.selected(&Some(k.clone())))
        })
    };
    let current = move || focused() || (first && state.focused.with(Option::is_none));
    view! {
        <td class="cell" colspan=colspan.to_string() class:has-error=move || marked(Severity::Error)
            class:has-warning=move || marked(Severity::Warning) class:has-info=move || marked(Severity::Info)
            class:computed=move || computed.get() == Some(false) class:overridden=move || computed.get() == Some(true)
            class:current=current class:focused=focused class:in-range=move || in_range.get() class:editing=move || focused() && state.mode.get() != Mode::Navigate
            title=move || messages.get()
            on:mousedown=move |ev| {
                let Some(el) = input.get_untracked() else { return };
                if ev.button() != 0 { return; }
                // Shift+click selects the range from the focused cell to this one.
                if ev.shift_key() {
                    ev.prevent_default();
                    state.start_range();
                    show_and_focus(&el);
                    return;
                }
                state.clear_anchor();
                let active = document().active_element();
                if active.as_ref() != Some(el.as_ref()) {
                    ev.prevent_default();
                    state.dragging.set_value(true);
                    show_and_focus(&el);
                    return;
                }
                match state.mode.get_untracked() {
                    // A click on the selected cell keeps it selected: typing replaces
                    // the value, as the hint 直接输入替换 says.
                    Mode::Navigate => {
                        ev.prevent_default();
                        state.dragging.set_value(true);
                        el.select();
                    }
                    // A click into text being typed places the caret there.
                    Mode::Typing => state.set_mode(Mode::InPlace),
                    Mode::InPlace => {}
                }
            }
            // Dragging over cells with the button down selects the range.
            on:mouseenter=move |ev| {
                if state.dragging.get_value() && ev.buttons() & 1 == 1 && let Some(el) = input.get_untracked() {
                    state.start_range();
                    show_and_focus(&el);
                }
            }
            on:dblclick=move |_| {
                if let (Some(el), false) = (input.get_untracked(), locked()) {
                    state.set_mode(Mode::InPlace);
                    let end = el.value().encode_utf16().count() as u32;
                    let _ = el.set_selection_range(end, end);
                }
            }>
            // A value too long for the column is cut with an ellipsis (the whole of it shows
            // in the cell's input). Only such a cell clips: a clip on every cell cost the
            // frame as much again in layerizing (issue 15).
            <span class="cell-text" class:long=move || value.with(|v| v.chars().count() > LONG_VALUE)>{move || value.get()}</span>
            <form class="cell-form" on:submit=|ev| ev.prevent_default()>
            <input node_ref=input type="text" inputmode="decimal" autocomplete="off" spellcheck="false"
                aria-label=label data-cell=key.get_value() readonly=locked
                aria-invalid=move || (severity.get() == Some(Severity::Error)).then_some("true")
                prop:value=move || value.get()
                on:focus:target=move |ev| {
                    // Arriving from outside this grid (Tab, a finding) starts afresh.
                    let from_here = ev.related_target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .and_then(|el| el.get_attribute("data-cell"))
                        .is_some_and(|k| state.nav.with_value(|nav| report::grid_position(nav, &k).is_some()));
                    if !from_here {
                        state.clear_anchor();
                    }
                    state.set_focused(key.get_value());
                    state.set_mode(Mode::Navigate);
                    let input = ev.target();
                    let value = input.value();
                    // Selected already when the focus came through `dom::focus_cell`.
                    let end = value.encode_utf16().count() as u32;
                    if (input.selection_start(), input.selection_end()) != (Ok(Some(0)), Ok(Some(end))) {
                        input.select();
                    }
                    state.original.set_value(value);
                }
                on:keydown=move |ev| if let Some(el) = input.get_untracked() {
                    key.with_value(|k| on_keydown(&ev, &el, k, state, ctx, locked(), lang.get_untracked()));
                }
                on:input=move |ev| {
                    if crate::dom::is_composing(&ev) { return; }
                    state.clear_anchor();
                    if state.mode.get_untracked() == Mode::Navigate { state.set_mode(Mode::Typing); }
                    write(event_target_value(&ev));
                }
                on:compositionstart=move |_| if state.mode.get_untracked() == Mode::Navigate { state.set_mode(Mode::Typing) }
                on:compositionend=move |ev: web_sys::CompositionEvent| write(event_target_value(&ev))
                on:paste=move |ev| key.with_value(|k| on_paste(&ev, k, state, ctx, lang.get_untracked()))
                on:copy=move |ev| on_copy(&ev, state, ctx, None)
                on:cut=move |ev| on_copy(&ev, state, ctx, Some(lang.get_untracked()))
                on:blur=move |_| state.set_mode(Mode::Navigate)
            />
            </form>
        </td>
    }
}
