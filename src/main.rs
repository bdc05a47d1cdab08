//! Browser entry point: installs the panic hook, removes the static page index.html shows
//! while the wasm loads (what the tool is, “正在载入…”) once the browser has reported
//! painting it, and mounts the app on `<body>`.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::set_timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

/// The paint timing entry the static page's own paint is reported as.
const PAINTED: &str = "largest-contentful-paint";
/// How long the app waits at most for that report: a tab in the background paints nothing,
/// and a browser may not report it at all.
const AT_MOST: Duration = Duration::from_millis(250);

fn main() {
    console_error_panic_hook::set_once();
    let started = Rc::new(Cell::new(false));
    let once = move || {
        if !started.replace(true) {
            start();
        }
    };
    // When the wasm comes quickly (cached, a fast machine), the static page would be replaced
    // before the browser reported its paint, and the page's first meaningful paint would be
    // taken to wait for the app's (Lighthouse's LCP): it stays until that report. Once the
    // page has painted (the usual case on an office PC, where the wasm comes later), the app
    // starts in the next task: the wasm's compiling and instantiating end the task they run
    // in, so the app's first drawing does not lengthen it (a long task blocks input).
    if painted() || !when_painted(once.clone()) {
        set_timeout(once, Duration::ZERO);
        return;
    }
    set_timeout(once, AT_MOST);
}

/// Whether the browser has reported the page's first contentful paint (reported with its
/// largest paint so far, from the same frame).
fn painted() -> bool {
    web_sys::window()
        .and_then(|window| window.performance())
        .is_some_and(|performance| {
            performance
                .get_entries_by_name_with_entry_type("first-contentful-paint", "paint")
                .length()
                > 0
        })
}

/// Calls `then` once the browser reports the page's largest paint so far (the buffered
/// entry if it has already); false when the browser cannot say.
fn when_painted(then: impl Fn() + 'static) -> bool {
    let callback = Closure::<dyn Fn()>::new(then);
    let Ok(observer) = web_sys::PerformanceObserver::new(callback.as_ref().unchecked_ref()) else {
        return false;
    };
    let supported = js_sys::Reflect::get(&observer.constructor(), &"supportedEntryTypes".into())
        .ok()
        .and_then(|types| types.dyn_into::<js_sys::Array>().ok())
        .is_some_and(|types| types.includes(&PAINTED.into(), 0));
    if !supported {
        return false;
    }
    // `type` (not `entryTypes`), the only form that takes `buffered`.
    let init = web_sys::PerformanceObserverInit::new(&js_sys::Array::new());
    let options: &js_sys::Object = init.as_ref();
    let set = |key: &str, value: wasm_bindgen::JsValue| {
        js_sys::Reflect::set(options, &key.into(), &value).is_ok()
    };
    let ready = js_sys::Reflect::delete_property(options, &"entryTypes".into()).is_ok()
        && set("type", PAINTED.into())
        && set("buffered", true.into());
    if !ready {
        return false;
    }
    observer.observe(&init);
    // Called again for each larger paint until the page is gone: kept for the page's life.
    callback.forget();
    true
}

/// Removes the static page and mounts the app.
fn start() {
    if let Some(shell) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("app-shell"))
    {
        shell.remove();
    }
    leptos::mount::mount_to_body(nianbao_app::App);
}
