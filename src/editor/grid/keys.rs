//! Keyboard and clipboard handling of the grid's input: moving, selecting a range, editing in place,
//! cancelling, clearing, copying a range out and pasting a block from Excel or WPS. Keys of an
//! input method composition are left alone.

use leptos::prelude::*;
use report::{GridMove, PasteError};
use web_sys::{ClipboardEvent, HtmlInputElement, KeyboardEvent};

use super::{GridState, Mode};
use crate::editor::EditorCtx;
use crate::i18n::{Lang, Text, tr};

/// Handles a key pressed in the grid's input, over the cell `key`.
pub fn on_keydown(
    ev: &KeyboardEvent,
    input: &HtmlInputElement,
    key: &str,
    state: GridState,
    ctx: EditorCtx,
    locked: bool,
    lang: Lang,
) {
    // The key acts on the cell moved to (its value, selected), even before the next frame.
    state.settle();
    // 229 is the key code browsers report for keys an input method is handling.
    if ev.is_composing() || ev.key_code() == 229 || ev.alt_key() {
        return;
    }
    let mode = state.mode.get_untracked();
    let shift = ev.shift_key();
    let name = ev.key();
    if ev.ctrl_key() || ev.meta_key() {
        // Ctrl+Home / Ctrl+End: the first or last cell of the table, as in a spreadsheet.
        let step = match name.as_str() {
            "Home" => GridMove::First,
            "End" => GridMove::Last,
            _ => return,
        };
        ev.prevent_default();
        move_focus(state, key, step, shift);
        return;
    }
    let step = match name.as_str() {
        "ArrowUp" => Some(GridMove::Up),
        "ArrowDown" => Some(GridMove::Down),
        "ArrowLeft" if mode != Mode::InPlace => Some(GridMove::Left),
        "ArrowRight" if mode != Mode::InPlace => Some(GridMove::Right),
        "Home" if mode == Mode::Navigate => Some(GridMove::LineStart),
        "End" if mode == Mode::Navigate => Some(GridMove::LineEnd),
        "Tab" if shift => Some(GridMove::Prev),
        "Tab" => Some(GridMove::Next),
        "Enter" if shift => Some(GridMove::Up),
        "Enter" => Some(GridMove::Down),
        "F2" => {
            ev.prevent_default();
            if !locked {
                state.edit_in_place();
            }
            None
        }
        "Delete" | "Backspace" if mode == Mode::Navigate => {
            if let Some(keys) = state.range_keys() {
                ev.prevent_default();
                clear_range(&keys, state, ctx, lang);
            }
            None
        }
        "Escape" => {
            ev.prevent_default();
            if mode != Mode::Navigate {
                let original = state.original.get_value();
                input.set_value(&original);
                ctx.edit(Some(key), |r| r.set_cell(key, original));
                state.set_mode(Mode::Navigate);
                input.select();
            } else {
                state.clear_anchor();
            }
            None
        }
        _ => {
            // A character typed (a digit, mostly): put into the input here, not left to the
            // browser's editing (see `insert_character`). A computed total takes no typing.
            if !locked && name.chars().count() == 1 && insert_character(input, &name) {
                ev.prevent_default();
                typed(input.value(), key, state, ctx);
            }
            None
        }
    };
    let Some(step) = step else { return };
    // Shift with an arrow, Home or End extends the range; Shift+Tab and Shift+Enter only move.
    let extends = shift && !matches!(name.as_str(), "Tab" | "Enter");
    let is_tab = name == "Tab";
    if move_focus(state, key, step, extends) {
        ev.prevent_default();
    } else if !is_tab {
        // No cell that way (Enter on the last row, an arrow at the edge): the move still
        // commits, as in a spreadsheet. The value is kept, the cell leaves its editing state
        // with its text selected, so the next key replaces it and Escape has nothing to undo.
        ev.prevent_default();
        commit_in_place(input, state);
    }
}

/// Puts `character` into the input as typing it would, when typed at the end of the value
/// (the whole value selected while navigating, so typing replaces it; or the caret at its
/// end): in place of the selected text, the caret after it, and a value longer than the box
/// scrolled to the caret. The browser's own typing runs an editing command (with its undo
/// step in the input, which the grid never uses: a move sets the value) and four events
/// around it; at 4× CPU throttling that was two fifths of a digit's task, and more of the
/// first digit of a cell, which replaces a selection (issue 15). Typing within the value
/// (F2) is left to the browser. Returns whether it was put in.
fn insert_character(input: &HtmlInputElement, character: &str) -> bool {
    let (Ok(Some(start)), Ok(Some(end))) = (input.selection_start(), input.selection_end()) else {
        return false;
    };
    if end as usize != input.value().encode_utf16().count() {
        return false;
    }
    let put = input
        .set_range_text_with_start_and_end_and_selection_mode(
            character,
            start,
            end,
            web_sys::SelectionMode::End,
        )
        .is_ok();
    // Read after the change, which the browser has laid out already to report the
    // selection: no layout of its own.
    if put && input.scroll_width() > input.client_width() {
        input.set_scroll_left(input.scroll_width());
    }
    put
}

/// The input of cell `key` now holds `text`, typed into it (a key, an input method, a paste
/// the browser made): the cell is being typed in, and the report takes the text.
pub fn typed(text: String, key: &str, state: GridState, ctx: EditorCtx) {
    state.clear_anchor();
    if state.mode.get_untracked() == Mode::Navigate {
        state.set_mode(Mode::Typing);
    }
    ctx.type_cell(key, text);
}

/// Moves the focus one `step` from `key`, extending the range when `extends`, else leaving
/// one cell selected; returns whether there was a cell to move to.
fn move_focus(state: GridState, key: &str, step: GridMove, extends: bool) -> bool {
    let Some(target) = state
        .nav
        .with_value(|nav| report::grid_step(nav, key, step))
    else {
        return false;
    };
    if extends {
        state.start_range();
    } else {
        state.clear_anchor();
    }
    state.move_to(&target);
    true
}

/// Empties the selected range (Delete), in one undo step.
fn clear_range(keys: &[Vec<String>], state: GridState, ctx: EditorCtx, lang: Lang) {
    let keys = keys.concat();
    let mut cleared = 0;
    ctx.edit(None, |r| cleared = report::clear_cells(r, &keys));
    let message = tr(lang, Text::RangeCleared).replace("{n}", &cleared.to_string());
    state.message.set(Some((false, message)));
}

/// Copies the selected range as Excel and WPS read it; with one cell selected the browser
/// copies the cell's selected text itself. Cut copies, then empties the range.
pub fn on_copy(ev: &ClipboardEvent, state: GridState, ctx: EditorCtx, cut: Option<Lang>) {
    // With one cell selected the browser copies the input's selected text: the cell's value.
    state.settle();
    let Some(keys) = state.range_keys() else {
        return;
    };
    let values: Vec<Vec<String>> = ctx.report.with_untracked(|r| {
        keys.iter()
            .map(|line| line.iter().map(|k| r.cell_text(k)).collect())
            .collect()
    });
    let Some(data) = ev.clipboard_data() else {
        return;
    };
    if data
        .set_data("text/plain", &report::copy_block(&values))
        .is_ok()
    {
        ev.prevent_default();
        if let Some(lang) = cut {
            clear_range(&keys, state, ctx, lang);
        }
    }
}

/// Ends editing in the cell without moving: what was typed stays, typing next replaces it.
pub fn commit_in_place(input: &HtmlInputElement, state: GridState) {
    state.original.set_value(input.value());
    state.set_mode(Mode::Navigate);
    input.select();
}

/// Pastes a block (tab-separated rows) from the cell `key`, or from the top-left cell of the
/// selected range; one value pasted onto a selected range goes into each of its cells, as in
/// Excel. A single value into a single cell is left to the browser. A block that does not fit
/// changes nothing and says so.
pub fn on_paste(ev: &ClipboardEvent, key: &str, state: GridState, ctx: EditorCtx, lang: Lang) {
    // A single value pasted is left to the browser, into the cell's selected value.
    state.settle();
    let Some(text) = ev
        .clipboard_data()
        .and_then(|data| data.get_data("text/plain").ok())
    else {
        return;
    };
    let range = state.range_keys();
    let block = report::parse_paste(&text);
    let single = match block.as_slice() {
        [row] if row.len() == 1 => Some(row[0].clone()),
        _ => None,
    };
    if let (Some(value), Some(keys)) = (&single, &range) {
        ev.prevent_default();
        let keys = keys.concat();
        let mut count = 0;
        ctx.edit(None, |r| count = report::write_range(r, &keys, value));
        let message = tr(lang, Text::PasteDone).replace("{n}", &count.to_string());
        state.message.set(Some((false, message)));
        return;
    }
    if single.is_some() || block.is_empty() {
        return;
    }
    ev.prevent_default();
    let start = range
        .as_ref()
        .and_then(|keys| keys.first().and_then(|line| line.first().cloned()))
        .unwrap_or_else(|| key.to_string());
    let placed = state
        .nav
        .with_value(|nav| report::place_block(nav, &start, &block));
    match placed {
        Ok(cells) => {
            let count = cells.len();
            ctx.edit(None, |r| {
                for (cell, value) in cells {
                    r.set_cell(&cell, value);
                }
            });
            let message = tr(lang, Text::PasteDone).replace("{n}", &count.to_string());
            state.message.set(Some((false, message)));
            state
                .original
                .set_value(ctx.report.with_untracked(|r| r.cell_text(key)));
        }
        Err(PasteError::Overflow { rows, columns }) => {
            let message = tr(lang, Text::PasteOverflow)
                .replace("{rows}", &rows.to_string())
                .replace("{cols}", &columns.to_string());
            state.message.set(Some((true, message)));
        }
        Err(_) => {}
    }
}
