//! Several tabs on one report: the edit lock (`report::claim_lock`, a heartbeat every 2 s,
//! stale after `report::LOCK_STALE_MS`), taking over editing from another tab, and what this
//! tab does when the stored entry changes under it (`report::on_stored_change`): follow
//! another tab's saves while read-only, keep unsaved text on screen (never replaced), and
//! write the good version back over garbage or a removed entry. The decisions are the core's;
//! this module only listens and acts.

use std::time::Duration;

use leptos::prelude::*;
use report::{History, LockHolder, StoredChange};

use super::autosave::{has_unsaved, save_now};
use super::ctx::{EditorCtx, ReadOnly, SaveStatus};
use crate::clock::{new_id, now_ms};
use crate::i18n::{Text, tr};
use crate::state::LibraryCtx;
use crate::storage::{local, save_error};

const HEARTBEAT: Duration = Duration::from_millis(2_000);

/// Takes the edit lock of the open report, or opens it read-only when another live tab holds
/// it; keeps the lock alive, notices when another tab takes it over, follows another tab's
/// saves while read-only, and answers garbage written over the report.
pub fn install(ctx: EditorCtx, library: LibraryCtx) {
    if matches!(
        ctx.read_only.get_untracked(),
        Some(ReadOnly::Newer(_) | ReadOnly::OriginalNotKept(_))
    ) {
        return;
    }
    let id = ctx.id.get_value();
    let tab = library.tab_id.get_value();
    // Two tabs opening the report at the same moment: the browser's Web Locks decide which
    // one edits, atomically; only the tab granted it claims the stored lock. Browsers without
    // Web Locks rely on the stored lock's claim, read back after writing.
    if let LockHolder::Other(_) = report::lock_holder_of(&local(), &id, &tab, now_ms()) {
        ctx.read_only.set(Some(ReadOnly::OtherTab));
    } else {
        let granted = {
            let (id, tab) = (id.clone(), tab.clone());
            move || {
                if !report::claim_lock(&mut local(), &id, &tab, now_ms()) {
                    ctx.read_only.set(Some(ReadOnly::OtherTab));
                }
            }
        };
        let denied = move || {
            let _ = ctx.read_only.try_set(Some(ReadOnly::OtherTab));
        };
        if !request_web_lock(&id, false, Box::new(granted.clone()), Box::new(denied)) {
            granted();
        }
    }
    let check = {
        let (id, tab) = (id.clone(), tab.clone());
        move || {
            let Some(read_only) = ctx.read_only.try_get_untracked() else {
                return;
            };
            if read_only.is_none() {
                match report::lock_holder_of(&local(), &id, &tab, now_ms()) {
                    LockHolder::Other(_) => {
                        // Taken over: write what is pending first, then stop editing here.
                        save_now(ctx, library);
                        ctx.read_only.set(Some(ReadOnly::OtherTab));
                    }
                    LockHolder::Free | LockHolder::Mine => {
                        report::claim_lock(&mut local(), &id, &tab, now_ms());
                    }
                }
            }
            follow(ctx, library);
        }
    };
    let beat = set_interval_with_handle(check.clone(), HEARTBEAT).ok();
    let report_key = format!("{}{id}", report::REPORT_PREFIX);
    let lock = format!("{}{id}", report::LOCK_PREFIX);
    let listener = window_event_listener(leptos::ev::storage, move |ev| {
        let key = ev.key().unwrap_or_default();
        if key == lock || key == report_key || key.is_empty() {
            check();
        }
    });
    // A closing or reloading page gives the lock back at once.
    let release = {
        let (id, tab) = (id.clone(), tab.clone());
        move || report::release_lock(&mut local(), &id, &tab, now_ms())
    };
    let hide = window_event_listener(leptos::ev::pagehide, {
        let release = release.clone();
        move |_| release()
    });
    on_cleanup(move || {
        hide.remove();
        release();
        release_web_lock(&id);
        if let Some(beat) = beat {
            beat.clear();
        }
        listener.remove();
    });
}

/// Acts on a change of the stored entry of the open report.
fn follow(ctx: EditorCtx, library: LibraryCtx) {
    let Some(read_only) = ctx.read_only.try_get_untracked() else {
        return;
    };
    let editing = read_only.is_none();
    let unsaved = has_unsaved(ctx);
    let change = report::on_stored_change(
        &local(),
        &ctx.id.get_value(),
        ctx.revision.get_value(),
        unsaved,
        editing,
    );
    match change {
        StoredChange::Nothing => {}
        // Another tab's save, shown live; while editing here, the next save reports the
        // conflict instead.
        StoredChange::Follow(report, revision) if !editing => {
            ctx.revision.set_value(revision);
            ctx.report.set(*report);
        }
        StoredChange::Follow(..) => {}
        // Text not yet stored stays on screen; the banner offers to keep it as a copy.
        StoredChange::Conflict => {
            ctx.conflict.set(true);
            if !matches!(ctx.save.get_untracked(), SaveStatus::Failed(_)) {
                let lang = library.lang.get_untracked();
                ctx.save.set(SaveStatus::Failed(save_error(
                    lang,
                    &report::SaveError::Stale,
                )));
            }
        }
        // Garbage or nothing where the report was: write the good version back now.
        StoredChange::Rewrite => {
            ctx.save.set(SaveStatus::Saving);
            save_now(ctx, library);
        }
    }
}

/// Takes editing over from another tab: claims the lock, lets the other tab flush its
/// pending save, then saves this tab's unsaved text (or keeps it as a copy when the other tab
/// saved since) and edits the latest stored revision. Nothing typed here is dropped: when
/// storage refuses, the text stays on screen with the failure shown.
pub fn take_over(ctx: EditorCtx, library: LibraryCtx) {
    let id = ctx.id.get_value();
    // The Web Lock is taken from the other tab too; it is given back when this page goes.
    let _ = request_web_lock(&id, true, Box::new(|| {}), Box::new(|| {}));
    report::force_lock(&mut local(), &id, &library.tab_id.get_value(), now_ms());
    set_timeout(
        move || {
            let lang = library.lang.get_untracked();
            let unsaved = has_unsaved(ctx).then(|| ctx.report.get_untracked());
            let copy_id = new_id();
            let copy = (copy_id.as_str(), tr(lang, Text::ConflictCopySuffix));
            let base = ctx.revision.get_value();
            match report::take_over(&mut local(), &id, unsaved.as_ref(), base, copy, now_ms()) {
                Ok(taken) => {
                    // Set while still read-only, so autosave does not write it straight back.
                    ctx.revision.set_value(taken.revision);
                    ctx.report.set(taken.report);
                    ctx.history.set(History::new());
                    if taken.kept_copy.is_some() {
                        library.reload();
                    }
                    set_timeout(
                        move || {
                            ctx.conflict.set(false);
                            ctx.save.set(SaveStatus::Unchanged);
                            ctx.read_only.set(None);
                        },
                        Duration::ZERO,
                    );
                }
                Err(error) => {
                    ctx.read_only.set(None);
                    ctx.conflict.set(error == report::SaveError::Stale);
                    ctx.save.set(SaveStatus::Failed(save_error(lang, &error)));
                }
            }
        },
        Duration::from_millis(300),
    );
}

thread_local! {
    /// The Web Locks this page holds, by report id, with the function that gives each back:
    /// whichever way a lock was taken (opening, or taking over), closing the editor gives
    /// it back, so reopening the report in this tab finds it free.
    static HELD: std::cell::RefCell<std::collections::HashMap<String, js_sys::Function>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// Gives back the Web Lock this page holds for report `id`, if any.
fn release_web_lock(id: &str) {
    let release = HELD.with(|held| held.borrow_mut().remove(id));
    if let Some(release) = release {
        let _ = release.call0(&wasm_bindgen::JsValue::UNDEFINED);
    }
}

/// Asks the browser's Web Locks (`navigator.locks`) for the report `id`: only if free
/// (`ifAvailable`), or taken from its holder (`steal`). `granted` or `denied` runs once the
/// browser answers; the lock, once held, is given back by [`release_web_lock`]. Returns
/// whether the browser has Web Locks (if not, nothing runs).
fn request_web_lock(
    id: &str,
    steal: bool,
    granted: Box<dyn FnOnce()>,
    denied: Box<dyn FnOnce()>,
) -> bool {
    request(id, steal, granted, denied).is_some()
}

fn request(
    id: &str,
    steal: bool,
    granted: Box<dyn FnOnce()>,
    denied: Box<dyn FnOnce()>,
) -> Option<()> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::Closure;
    let navigator = web_sys::window()?.navigator();
    let locks = js_sys::Reflect::get(&navigator, &"locks".into())
        .ok()
        .filter(|locks| locks.is_object())?;
    let request: js_sys::Function = js_sys::Reflect::get(&locks, &"request".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let options = js_sys::Object::new();
    let option = if steal { "steal" } else { "ifAvailable" };
    js_sys::Reflect::set(&options, &option.into(), &true.into()).ok()?;
    // The lock is held as long as this promise is pending; resolving it gives the lock back.
    let mut release = None;
    let held = js_sys::Promise::new(&mut |resolve, _reject| release = Some(resolve));
    let release = release?;
    let callback = Closure::once_into_js(
        move |lock: wasm_bindgen::JsValue| -> wasm_bindgen::JsValue {
            if lock.is_null() {
                denied();
                wasm_bindgen::JsValue::UNDEFINED
            } else {
                granted();
                held.into()
            }
        },
    );
    let name = format!("{}{id}", report::REPORT_PREFIX);
    let answer = request
        .call3(&locks, &name.into(), &options, &callback)
        .ok()?;
    // A lock stolen by another tab's takeover rejects this promise: the stored lock already
    // tells this tab it is read-only now, so the rejection is only caught.
    if let Ok(answer) = answer.dyn_into::<js_sys::Promise>() {
        let ignore = Closure::once(|_: wasm_bindgen::JsValue| {});
        let _ = answer.catch(&ignore);
        // Kept alive for the page's life: the promise may reject at any time.
        ignore.forget();
    }
    // A lock held already for this report (taking over again) is given back first.
    release_web_lock(id);
    HELD.with(|held| held.borrow_mut().insert(id.to_string(), release));
    Some(())
}
