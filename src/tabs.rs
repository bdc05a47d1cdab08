//! Several tabs on one library: the edit lock of an open report (`nianbao.lock.<id>`, a
//! heartbeat every 2 s, stale after `report::LOCK_STALE_MS`), taking over editing from
//! another tab, and live updates from the `storage` event, which the browser fires in every
//! other tab of the origin when one writes. Who holds a lock is decided by
//! `report::lock_holder`; this module only reads, writes and listens.

use std::time::Duration;

use leptos::prelude::*;
use report::{History, LockHolder};

use crate::clock::now_ms;
use crate::editor::autosave::save_now;
use crate::editor::ctx::{EditorCtx, ReadOnly, SaveStatus};
use crate::state::LibraryCtx;
use crate::storage::{self, INDEX_KEY, QUARANTINE_PREFIX, REPORT_PREFIX};

const HEARTBEAT: Duration = Duration::from_millis(2_000);

fn lock_key(id: &str) -> String {
    format!("nianbao.lock.{id}")
}

/// Who holds the edit lock of report `id`, seen from this tab now.
fn holder(id: &str, tab: &str) -> LockHolder {
    let lock = storage::read(&lock_key(id))
        .ok()
        .flatten()
        .and_then(|text| report::decode_lock(&text));
    report::lock_holder(lock.as_ref(), tab, now_ms())
}

fn claim(id: &str, tab: &str) {
    // A lock that cannot be written (full storage) guards nothing; saving reports the problem.
    let _ = storage::write(&lock_key(id), &report::encode_lock(tab, now_ms()));
}

/// Keeps the library list and the recovery panel in step with other tabs.
pub fn install_library_sync(library: LibraryCtx) {
    let handle = window_event_listener(leptos::ev::storage, move |ev| {
        let key = ev.key().unwrap_or_default();
        // A report written (not removed: a purge rewrites the index right after) may be
        // unreadable or missing from the index: the reload repairs both.
        let report_written = key.starts_with(REPORT_PREFIX) && ev.new_value().is_some();
        if key.is_empty()
            || key == INDEX_KEY
            || key.starts_with(QUARANTINE_PREFIX)
            || report_written
        {
            library.reload();
        }
    });
    on_cleanup(move || handle.remove());
}

/// Takes the edit lock of the open report, or opens it read-only when another live tab holds
/// it; keeps the lock alive, notices when another tab takes it over, and shows another tab's
/// saves live while read-only.
pub fn install_editor_lock(ctx: EditorCtx, library: LibraryCtx) {
    if matches!(ctx.read_only.get_untracked(), Some(ReadOnly::Newer(_))) {
        return;
    }
    let id = ctx.id.get_value();
    let tab = library.tab_id.get_value();
    match holder(&id, &tab) {
        LockHolder::Other(_) => ctx.read_only.set(Some(ReadOnly::OtherTab)),
        LockHolder::Free | LockHolder::Mine => claim(&id, &tab),
    }
    let check = {
        let (id, tab) = (id.clone(), tab.clone());
        move || {
            if ctx.read_only.try_get_untracked().flatten().is_some() {
                return;
            }
            match holder(&id, &tab) {
                LockHolder::Other(_) => {
                    // Taken over: write what is pending first, then stop editing here.
                    save_now(ctx, library);
                    ctx.read_only.set(Some(ReadOnly::OtherTab));
                }
                LockHolder::Free | LockHolder::Mine => claim(&id, &tab),
            }
        }
    };
    let beat = set_interval_with_handle(check.clone(), HEARTBEAT).ok();
    let report_key = format!("{REPORT_PREFIX}{id}");
    let lock = lock_key(&id);
    let listener = window_event_listener(leptos::ev::storage, move |ev| {
        let key = ev.key().unwrap_or_default();
        if key == lock {
            check();
        } else if key == report_key && ctx.read_only.get_untracked() == Some(ReadOnly::OtherTab) {
            reload(ctx);
        }
    });
    // A closing or reloading page gives the lock back at once.
    let release = {
        let (id, tab) = (id.clone(), tab.clone());
        move || {
            if holder(&id, &tab) == LockHolder::Mine {
                let _ = storage::remove(&lock_key(&id));
            }
        }
    };
    let hide = window_event_listener(leptos::ev::pagehide, {
        let release = release.clone();
        move |_| release()
    });
    on_cleanup(move || {
        hide.remove();
        release();
        if let Some(beat) = beat {
            beat.clear();
        }
        listener.remove();
    });
}

/// Shows the stored revision of the open report, when newer than the one on screen.
fn reload(ctx: EditorCtx) {
    let id = ctx.id.get_value();
    if let Ok((report, revision)) = storage::load_report_at(&id)
        && revision > ctx.revision.get_value()
    {
        ctx.revision.set_value(revision);
        ctx.report.set(report);
    }
}

/// Takes editing over from another tab: claims the lock, loads the latest stored revision,
/// and lets this tab edit once the other tab has seen the change.
pub fn take_over(ctx: EditorCtx, library: LibraryCtx) {
    let id = ctx.id.get_value();
    claim(&id, &library.tab_id.get_value());
    // The other tab flushes its pending save when it sees the lock change; wait for it,
    // then start from what is stored. The report is set while still read-only so autosave
    // does not write it straight back.
    set_timeout(
        move || {
            reload(ctx);
            ctx.history.set(History::new());
            set_timeout(
                move || {
                    ctx.save.set(SaveStatus::Unchanged);
                    ctx.read_only.set(None);
                },
                Duration::ZERO,
            );
        },
        Duration::from_millis(300),
    );
}
