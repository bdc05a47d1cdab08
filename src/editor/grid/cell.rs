//! One cell of a grid, drawn as text: its value, and marks for findings, computed totals, the
//! selected range and the current cell. The grid's one input is placed over the current cell
//! (grid.rs); a press on another cell moves it there, Shift+click and dragging select a range,
//! a double click edits in place.

use leptos::prelude::*;
use report::Severity;

use super::GridState;
use crate::editor::EditorCtx;

/// Characters beyond which a cell drawn as text may not fit its column and is cut.
const LONG_VALUE: usize = 6;

/// Reads a cell's `value` as its text shows it: untracked while the cell is `current` (under
/// the input), tracked otherwise.
fn read_shown<T>(value: RwSignal<String>, current: bool, read: impl FnOnce(&String) -> T) -> T {
    if current {
        value.with_untracked(read)
    } else {
        value.with(read)
    }
}

/// A figure cell.
#[component]
pub fn GridCell(
    /// The cell key.
    key: String,
    /// Grid columns the cell spans.
    colspan: usize,
) -> impl IntoView {
    let ctx = expect_context::<EditorCtx>();
    let state = expect_context::<GridState>();
    let label = ctx.report.with_untracked(|r| r.template().cell_label(&key));
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
    let severity = cell.severity;
    let messages = cell.messages;
    // Each mark is a class of its own, woken by its own change.
    let marked = move |mark: Severity| severity.get() == Some(mark);
    // Whether the grid's focus or editing selector names this cell.
    let selected = move |selector: StoredValue<Selector<Option<String>>>| {
        key.with_value(|k| selector.with_value(|s| s.selected(&Some(k.clone()))))
    };
    let focused = move || selected(state.focus);
    let editing = move || selected(state.editing);
    let current = move || focused() || (first && state.focused.with(Option::is_none));
    let move_here = move || key.with_value(|k| state.move_to(k));
    // The text shown, and whether it is cut, read from the cell's value. Under the input
    // (the current cell) the text is hidden and not kept up to date: a changing text, or its
    // `long` class flipping as the value grows past the column, would lay the table out
    // again on a key typed into the input (the class: the whole page, 826 objects, 2.7 ms at
    // 4× CPU throttling), and taking it out of the layout instead would lay the table out on
    // every move (4–5 ms of a Tab's frame; issue 15). It is brought up to date as the input
    // leaves.
    let shown = move || read_shown(value, current(), String::clone);
    let long = move || read_shown(value, current(), |v| v.chars().count() > LONG_VALUE);
    view! {
        <td class="cell" colspan=colspan.to_string() data-cell=key.get_value() data-label=label
            class:has-error=move || marked(Severity::Error)
            class:has-warning=move || marked(Severity::Warning) class:has-info=move || marked(Severity::Info)
            class:computed=move || computed.get() == Some(false) class:overridden=move || computed.get() == Some(true)
            class:current=current class:focused=focused class:in-range=move || in_range.get()
            class:editing=editing
            title=move || messages.get()
            // The input over the current cell lets presses through while it is not being
            // typed in (style/main.css), so a press on any cell arrives here.
            on:mousedown=move |ev| {
                if ev.button() != 0 { return; }
                // The input keeps the focus (and with it, the text being typed).
                ev.prevent_default();
                // Shift+click selects the range from the focused cell to this one.
                if ev.shift_key() {
                    state.start_range();
                } else {
                    state.clear_anchor();
                    state.dragging.set_value(true);
                }
                // On the selected cell too: its value is selected again, so typing replaces
                // it, as the hint 直接输入替换 says.
                move_here();
            }
            // Dragging over cells with the button down selects the range.
            on:mouseenter=move |ev| {
                if state.dragging.get_value() && ev.buttons() & 1 == 1 {
                    state.start_range();
                    move_here();
                }
            }
            on:dblclick=move |_| {
                if computed.get_untracked() != Some(false) {
                    move_here();
                    state.edit_in_place();
                }
            }>
            // A value too long for the column is cut with an ellipsis (the whole of it shows
            // in the input). Only such a cell clips: a clip on every cell cost the frame as
            // much again in layerizing (issue 15).
            <span class="cell-text" class:long=long>{shown}</span>
        </td>
    }
}
