//! The grid's one input, placed over its current cell (grid.rs): a real `<input>`, so input
//! methods and the first keystroke just work. It carries the current cell's key, label,
//! value and marks, and takes every key, paste, copy and input method event of the grid.
//! It is the grid's one stop for Tab from outside, as in the ARIA grid pattern.
//!
//! It sits in a `<form>` of its own. Chromium's form-filling code treats inputs outside any
//! form as one document-wide form and walks all of them on every focus and selection change
//! (a Tab was 5–7 ms with the grid's inputs formless; BENCHMARKS.md, issue 15). The form
//! never submits.

use leptos::prelude::*;
use report::Severity;

use super::keys::{on_copy, on_keydown, on_paste, typed};
use super::{GridState, Mode};
use crate::editor::EditorCtx;
use crate::i18n::LangCtx;

/// The input over the grid's current cell.
#[component]
pub fn GridInput() -> impl IntoView {
    let ctx = expect_context::<EditorCtx>();
    let state = expect_context::<GridState>();
    let LangCtx(lang) = expect_context::<LangCtx>();
    let input = state.input;
    let current = state.current;
    // The current cell's own signals.
    let cell = Memo::new(move |_| current.with(|key| ctx.cells.get(key, ctx.report)));
    let label =
        move || current.with(|key| ctx.report.with_untracked(|r| r.template().cell_label(key)));
    // A computed total under auto-totals takes no typing (read untracked by a key's handler).
    let locked = move || cell.with(|c| c.computed.get() == Some(false));
    let write = move |text: String| current.with_untracked(|k| ctx.type_cell(k, text));
    // The input shows the current cell's value: a move, an undo, a paste or a computed total
    // changes it. What the input shows already (what was just typed into it) is not written
    // again: setting an input's value is a DOM call that costs a twelfth of a digit's
    // handling, even when the value is the same (issue 15). The cell's signal wakes it, but
    // the value is the report's: the signals follow a keystroke a task later
    // (`EditorCtx::type_cell`), and what they held before it must not overwrite the typing.
    // A value a move left pending (`GridState::move_to`) is replaced instead: the input takes
    // it at the frame, selected.
    Effect::new(move |_| {
        cell.with(|c| c.value.track());
        let value = current.with_untracked(|key| ctx.report.with_untracked(|r| r.cell_text(key)));
        if state.pending.with_value(Option::is_some) {
            state.pending.set_value(Some(value));
        } else if let Some(el) = input.get()
            && el.value() != value
        {
            el.set_value(&value);
        }
    });
    view! {
        <form class="cell-form" on:submit=|ev| ev.prevent_default()>
            <input node_ref=input type="text" class="grid-input" inputmode="decimal" autocomplete="off"
                spellcheck="false" aria-label=label data-cell=move || current.get() readonly=locked
                class:editing=move || state.mode.get() != Mode::Navigate class:computed=locked
                aria-invalid=move || cell.with(|c| c.severity.get() == Some(Severity::Error)).then_some("true")
                on:focus=move |_| {
                    // The focus arrives from outside the grid (a move inside it keeps the
                    // focus here): Tab, a finding's link, a press on a cell. It starts afresh.
                    state.settle();
                    state.clear_anchor();
                    state.set_focused(current.get_untracked());
                    state.set_mode(Mode::Navigate);
                    if let Some(el) = input.get_untracked() {
                        let value = el.value();
                        // Selected already when the focus came through a move.
                        let end = value.encode_utf16().count() as u32;
                        if (el.selection_start(), el.selection_end()) != (Ok(Some(0)), Ok(Some(end))) {
                            el.select();
                        }
                        state.original.set_value(value);
                    }
                }
                // Presses reach the input only while it is typed in (style/main.css): one
                // places the caret there, as in a spreadsheet's cell being edited.
                on:mousedown=move |ev| {
                    state.settle();
                    if ev.button() == 0 && state.mode.get_untracked() == Mode::Typing {
                        state.set_mode(Mode::InPlace);
                    }
                }
                on:keydown=move |ev| if let Some(el) = input.get_untracked() {
                    let key = current.get_untracked();
                    on_keydown(&ev, &el, &key, state, ctx, untrack(locked), lang.get_untracked());
                }
                // What the browser typed: an input method's text, a paste of one value, a
                // character the keydown handler left to it.
                on:input=move |ev| {
                    if crate::dom::is_composing(&ev) { return; }
                    // Keys give the input its pending value first: text that arrives with one
                    // still pending was put in by other means after the move, and stays.
                    state.pending.set_value(None);
                    current.with_untracked(|k| typed(event_target_value(&ev), k, state, ctx));
                }
                on:compositionstart=move |_| {
                    state.settle();
                    state.composing.set_value(true);
                    if state.mode.get_untracked() == Mode::Navigate { state.set_mode(Mode::Typing) }
                }
                on:compositionend=move |ev: web_sys::CompositionEvent| {
                    state.composing.set_value(false);
                    write(event_target_value(&ev));
                }
                on:paste=move |ev| current.with_untracked(|k| on_paste(&ev, k, state, ctx, lang.get_untracked()))
                on:copy=move |ev| on_copy(&ev, state, ctx, None)
                on:cut=move |ev| on_copy(&ev, state, ctx, Some(lang.get_untracked()))
                on:blur=move |_| {
                    state.settle();
                    // The cell shows its value as text again: the typing's readers wake first.
                    ctx.announce_now();
                    state.set_mode(Mode::Navigate);
                }
            />
        </form>
    }
}
