//! Keyboard and clipboard handling of grid cells: moving, editing in place, cancelling and
//! pasting a block from Excel or WPS. Keys of an input method composition are left alone.

use leptos::prelude::*;
use report::{GridMove, PasteError};
use web_sys::{ClipboardEvent, HtmlInputElement, KeyboardEvent};

use super::{GridState, Mode};
use crate::editor::EditorCtx;
use crate::i18n::{Lang, Text, tr};

/// Moves the focus to the cell `key`.
pub fn focus_cell(key: &str) {
    crate::dom::focus(&format!("[data-cell=\"{key}\"]"));
}

/// Handles a key pressed in the cell `key`.
pub fn on_keydown(
    ev: &KeyboardEvent,
    input: &HtmlInputElement,
    key: &str,
    state: GridState,
    ctx: EditorCtx,
    locked: bool,
) {
    // 229 is the key code browsers report for keys an input method is handling.
    if ev.is_composing() || ev.key_code() == 229 || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
        return;
    }
    let mode = state.mode.get_untracked();
    let shift = ev.shift_key();
    let step = match ev.key().as_str() {
        "ArrowUp" => Some(GridMove::Up),
        "ArrowDown" => Some(GridMove::Down),
        "ArrowLeft" if mode != Mode::InPlace => Some(GridMove::Left),
        "ArrowRight" if mode != Mode::InPlace => Some(GridMove::Right),
        "Tab" if shift => Some(GridMove::Prev),
        "Tab" => Some(GridMove::Next),
        "Enter" if shift => Some(GridMove::Up),
        "Enter" => Some(GridMove::Down),
        "F2" => {
            ev.prevent_default();
            if !locked {
                state.mode.set(Mode::InPlace);
                let end = input.value().encode_utf16().count() as u32;
                let _ = input.set_selection_range(end, end);
            }
            None
        }
        "Escape" => {
            ev.prevent_default();
            if mode != Mode::Navigate {
                let original = state.original.get_value();
                input.set_value(&original);
                ctx.edit(Some(key), |r| r.set_cell(key, original));
                state.mode.set(Mode::Navigate);
                input.select();
            }
            None
        }
        _ => None,
    };
    let Some(step) = step else { return };
    let target = state
        .nav
        .with_value(|nav| report::grid_step(nav, key, step));
    let is_tab = ev.key() == "Tab";
    if let Some(target) = target {
        ev.prevent_default();
        focus_cell(&target);
    } else if !is_tab {
        // No cell that way (Enter on the last row, an arrow at the edge): the move still
        // commits, as in a spreadsheet. The value is kept, the cell leaves its editing state
        // with its text selected, so the next key replaces it and Escape has nothing to undo.
        ev.prevent_default();
        commit_in_place(input, state);
    }
}

/// Ends editing in the cell without moving: what was typed stays, typing next replaces it.
pub fn commit_in_place(input: &HtmlInputElement, state: GridState) {
    state.original.set_value(input.value());
    state.mode.set(Mode::Navigate);
    input.select();
}

/// Pastes a block (tab-separated rows) from the cell `key`; a single value is left to the
/// browser. A block that does not fit changes nothing and says so.
pub fn on_paste(ev: &ClipboardEvent, key: &str, state: GridState, ctx: EditorCtx, lang: Lang) {
    let Some(text) = ev
        .clipboard_data()
        .and_then(|data| data.get_data("text/plain").ok())
    else {
        return;
    };
    let body = text.trim_end_matches(['\r', '\n']);
    if !body.contains('\t') && !body.contains('\n') {
        return;
    }
    ev.prevent_default();
    let block = report::parse_paste(&text);
    let placed = state
        .nav
        .with_value(|nav| report::place_block(nav, key, &block));
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
            state.original.set_value(
                ctx.report.with_untracked(|r| {
                    r.cell_raw(key).map(|v| v.into_owned()).unwrap_or_default()
                }),
            );
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
