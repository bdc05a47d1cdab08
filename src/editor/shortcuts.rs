//! Editor-wide keys: Ctrl+Z undo, Ctrl+Y / Ctrl+Shift+Z redo, Ctrl+S save now. They replace
//! the browser's own undo in text fields so one history covers every edit.

use leptos::prelude::*;

use super::autosave::save_now;
use super::ctx::EditorCtx;
use crate::state::LibraryCtx;

/// Listens for the shortcuts while the editor is open.
pub fn install(ctx: EditorCtx, library: LibraryCtx) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.is_composing() || !(ev.ctrl_key() || ev.meta_key()) {
            return;
        }
        match (ev.key().to_lowercase().as_str(), ev.shift_key()) {
            ("z", false) => {
                ev.prevent_default();
                ctx.undo();
            }
            ("y", _) | ("z", true) => {
                ev.prevent_default();
                ctx.redo();
            }
            ("s", _) => {
                ev.prevent_default();
                save_now(ctx, library);
            }
            _ => {}
        }
    });
    on_cleanup(move || handle.remove());
}
