//! Autosave: every change is written to local storage half a second after the last one,
//! with the status shown in the top bar. A failed write keeps the report in memory and says
//! why, loudly; the next change tries again.

use std::time::Duration;

use leptos::prelude::*;

use super::ctx::{EditorCtx, SaveStatus};
use crate::clock::now_ms;
use crate::state::LibraryCtx;
use crate::storage;

const DEBOUNCE: Duration = Duration::from_millis(500);

/// Writes the report and its library entry now.
pub fn save_now(ctx: EditorCtx, library: LibraryCtx) {
    let Some(report) = ctx.report.try_get_untracked() else {
        return;
    };
    let id = ctx.id.get_value();
    let now = now_ms();
    let result = storage::save_report(&id, &report).and_then(|()| {
        ctx.findings
            .with_untracked(|findings| library.saved(&id, &report, findings, now))
    });
    ctx.save.set(match result {
        Ok(()) => SaveStatus::Saved(now),
        Err(err) => SaveStatus::Failed(err),
    });
}

/// Watches the report and saves it after each burst of changes; flushes on page hide and
/// when the editor closes.
pub fn install(ctx: EditorCtx, library: LibraryCtx) {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let flush = move || {
        if let Some(handle) = pending.try_get_value().flatten() {
            handle.clear();
            pending.set_value(None);
            save_now(ctx, library);
        }
    };
    // Syncing to the outside world (storage) is the one job of this effect.
    Effect::new(move |previous: Option<()>| {
        ctx.report.track();
        if previous.is_none() {
            return;
        }
        ctx.save.set(SaveStatus::Saving);
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                pending.set_value(None);
                save_now(ctx, library);
            },
            DEBOUNCE,
        );
        pending.set_value(handle.ok());
    });
    let hide = window_event_listener(leptos::ev::pagehide, move |_| flush());
    on_cleanup(move || {
        flush();
        hide.remove();
    });
}
