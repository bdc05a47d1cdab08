//! The browser clock and random ids: the only place the app reads time or randomness, so the
//! `report` core can take both as arguments; and [`settled`], the pause after a burst of
//! changes that work too slow for every keystroke waits for.

use std::time::Duration;

use leptos::prelude::*;

/// Milliseconds since 1970 by the browser clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A new report id, unique in practice: time plus randomness.
pub fn new_id() -> String {
    let random = (js_sys::Math::random() * 1e9) as u64;
    format!("r{:x}{:x}", now_ms() as u64, random)
}

/// `HH:MM:SS` in local time.
pub fn time_of_day(ms: f64) -> String {
    let date = js_sys::Date::new(&ms.into());
    format!(
        "{:02}:{:02}:{:02}",
        date.get_hours(),
        date.get_minutes(),
        date.get_seconds()
    )
}

/// `YYYY-MM-DD HH:MM` in local time.
pub fn date_time(ms: f64) -> String {
    let date = js_sys::Date::new(&ms.into());
    format!(
        "{}-{:02}-{:02} {:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes()
    )
}

/// The current calendar year.
pub fn this_year() -> i32 {
    js_sys::Date::new_0().get_full_year() as i32
}

/// Resolves after the browser has painted the next frame: a timeout set from an animation
/// frame's callback runs after that frame is drawn. Work started at once after mounting a
/// view would run before the view is first shown; awaited first, it runs after. Resolves at
/// once when the browser cannot say (no window).
pub async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let Some(window) = web_sys::window() else {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            return;
        };
        let then = resolve.clone();
        let frame = wasm_bindgen::closure::Closure::once_into_js(move || {
            set_timeout(
                move || _ = then.call0(&wasm_bindgen::JsValue::NULL),
                Duration::ZERO,
            );
        });
        if window
            .request_animation_frame(wasm_bindgen::JsCast::unchecked_ref(&frame))
            .is_err()
        {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Resolves in a task of its own: long work awaits it between parts so that the browser
/// handles input and paints in between.
pub async fn pause() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        set_timeout(
            move || _ = resolve.call0(&wasm_bindgen::JsValue::NULL),
            Duration::ZERO,
        );
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// A counter that goes up once what `track` reads has not changed for `delay`, or at once
/// when `at_once` says so (the change was an action, not typing): work that need not follow
/// every keystroke (the live preview, the findings list) reads it instead of the report, and
/// so runs once when typing pauses, outside the keystrokes' tasks.
pub fn settled(
    track: impl Fn() + 'static,
    delay: Duration,
    at_once: impl Fn() -> bool + 'static,
) -> ReadSignal<u64> {
    let ticks = RwSignal::new(0_u64);
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |first: Option<()>| {
        track();
        if first.is_none() {
            return;
        }
        if let Some(Some(handle)) = pending.try_get_value() {
            handle.clear();
        }
        if at_once() {
            pending.set_value(None);
            ticks.update(|n| *n += 1);
            return;
        }
        // The owner may be gone when the time comes (the editor closed): then nothing.
        let tick = move || _ = ticks.try_update(|n| *n += 1);
        pending.set_value(set_timeout_with_handle(tick, delay).ok());
    });
    on_cleanup(move || {
        if let Some(Some(handle)) = pending.try_get_value() {
            handle.clear();
        }
    });
    ticks.read_only()
}
