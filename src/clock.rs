//! The browser clock and random ids: the only place the app reads time or randomness, so the
//! `report` core can take both as arguments.

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
