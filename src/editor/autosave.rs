//! Autosave: every change is written to local storage half a second after the last one,
//! with the status shown in the top bar. A write is refused when another tab saved a newer
//! revision (the conflict is shown loudly and the report stays in memory); a failed write
//! keeps the report in memory and says why; the next change tries again. Closing the page
//! flushes the pending save and asks the browser to warn when it could not be written.

use std::time::Duration;

use leptos::prelude::*;

use super::ctx::{EditorCtx, SaveStatus};
use crate::clock::{Debounce, now_ms};
use crate::state::LibraryCtx;
use crate::storage::{local, save_error};

const DEBOUNCE: Duration = Duration::from_millis(500);

/// Whether the text on screen may not be in storage yet.
pub fn has_unsaved(ctx: EditorCtx) -> bool {
    matches!(
        ctx.save.try_get_untracked(),
        Some(SaveStatus::Saving | SaveStatus::Failed(_))
    )
}

/// Writes the report and its library entry now, unless it is read-only here or unchanged.
pub fn save_now(ctx: EditorCtx, library: LibraryCtx) {
    let Some(status) = ctx.save.try_get_untracked() else {
        return;
    };
    if ctx.read_only.get_untracked().is_some()
        || matches!(status, SaveStatus::Unchanged | SaveStatus::Saved(_))
    {
        return;
    }
    let report = ctx.report.get_untracked();
    let id = ctx.id.get_value();
    let now = now_ms();
    // The library's counts are the findings of what is written.
    ctx.check_now();
    let base = ctx.revision.get_value();
    let result = match report::save_report_at(&mut local(), &id, &report, base, now) {
        Ok(revision) => {
            ctx.revision.set_value(revision);
            ctx.conflict.set(false);
            ctx.findings
                .with_untracked(|findings| library.saved(&id, &report, findings, now))
        }
        Err(error) => {
            ctx.conflict.set(error == report::SaveError::Stale);
            Err(save_error(library.lang.get_untracked(), &error))
        }
    };
    ctx.save.set(match result {
        Ok(()) => SaveStatus::Saved(now),
        Err(err) => SaveStatus::Failed(err),
    });
}

/// Watches the report and saves it after each burst of changes; flushes on page hide, before
/// unload and when the editor closes.
pub fn install(ctx: EditorCtx, library: LibraryCtx) {
    let pending = Debounce::new();
    let flush = move || {
        pending.cancel();
        save_now(ctx, library);
    };
    // Syncing to the outside world (storage) is the one job of this effect.
    Effect::new(move |previous: Option<()>| {
        ctx.report.track();
        if previous.is_none() || ctx.read_only.get_untracked().is_some() {
            return;
        }
        // Set once per burst: the status line need not wake on every keystroke.
        ctx.note_unsaved();
        pending.push(DEBOUNCE, move || save_now(ctx, library));
    });
    let hide = window_event_listener(leptos::ev::pagehide, move |_| flush());
    // The guard on closing: write what is pending; if it still is not stored, ask the
    // browser to warn before the page goes.
    let unload = window_event_listener(leptos::ev::beforeunload, move |ev| {
        flush();
        if matches!(ctx.save.try_get_untracked(), Some(SaveStatus::Failed(_))) {
            ev.prevent_default();
            ev.set_return_value("unsaved");
        }
    });
    on_cleanup(move || {
        flush();
        hide.remove();
        unload.remove();
    });
}
