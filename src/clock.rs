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
    // The frame's callback resolves the promise; what awaits it then runs before that
    // frame is drawn, so it waits for one more task.
    let frame = js_sys::Promise::new(&mut |resolve, _reject| {
        let requested = web_sys::window().map(|window| window.request_animation_frame(&resolve));
        if !matches!(requested, Some(Ok(_))) {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(frame).await;
    pause().await;
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

/// A wait pushed back by each call: its callback runs once `delay` has passed since the
/// last [`Debounce::push`]. It holds one browser timer at a time, which on firing early
/// (the wait was pushed back meanwhile) waits for the rest: a keystroke then costs reading
/// the clock, where clearing and setting a browser timer per keystroke and per waiting
/// consumer was a tenth of the editor's own work per key (BENCHMARKS.md).
#[derive(Debug, Clone, Copy)]
pub struct Debounce {
    /// When the wait ends (ms since 1970), while waiting.
    due: StoredValue<Option<f64>>,
    /// The browser timer set for it.
    timer: StoredValue<Option<TimeoutHandle>>,
}

impl Default for Debounce {
    fn default() -> Debounce {
        Debounce::new()
    }
}

impl Debounce {
    /// A wait not started, cleared with its owner.
    pub fn new() -> Debounce {
        let debounce = Debounce {
            due: StoredValue::new(None),
            timer: StoredValue::new(None),
        };
        on_cleanup(move || debounce.cancel());
        debounce
    }

    /// Runs `then` once `delay` has passed with no other push (an earlier push's callback
    /// is replaced only if it has not yet been armed: the callers pass the same one).
    pub fn push(&self, delay: Duration, then: impl Fn() + Clone + 'static) {
        let waiting = self.due.try_get_value().flatten().is_some();
        self.due
            .try_set_value(Some(now_ms() + delay.as_secs_f64() * 1000.0));
        if !waiting {
            self.arm(then);
        }
    }

    /// Whether a callback waits to run.
    pub fn waiting(&self) -> bool {
        self.due.try_get_value().flatten().is_some()
    }

    /// Forgets the wait: its callback does not run.
    pub fn cancel(&self) {
        if let Some(Some(timer)) = self.timer.try_get_value() {
            timer.clear();
        }
        self.timer.try_set_value(None);
        self.due.try_set_value(None);
    }

    fn arm(self, then: impl Fn() + Clone + 'static) {
        let Some(Some(due)) = self.due.try_get_value() else {
            return;
        };
        let wait = Duration::from_secs_f64(((due - now_ms()) / 1000.0).max(0.0));
        let fire = move || match self.due.try_get_value() {
            // Pushed back meanwhile (a millisecond of slack for the timer's rounding).
            Some(Some(due)) if now_ms() + 1.0 < due => self.arm(then.clone()),
            Some(Some(_)) => {
                self.due.set_value(None);
                self.timer.set_value(None);
                then();
            }
            // Cancelled, or the owner is gone.
            _ => {}
        };
        self.timer
            .try_set_value(set_timeout_with_handle(fire, wait).ok());
    }
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
    let pause = Debounce::new();
    // The owner may be gone when the time comes (the editor closed): then nothing.
    let tick = move || _ = ticks.try_update(|n| *n += 1);
    Effect::new(move |first: Option<()>| {
        track();
        if first.is_none() {
            return;
        }
        if at_once() {
            pause.cancel();
            tick();
            return;
        }
        pause.push(delay, tick);
    });
    ticks.read_only()
}
