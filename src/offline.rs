//! The offline app: registers the service worker that `cargo xtask dist` generates and tells
//! the page when a new build is installed and waiting. Switching to it reloads the page; the
//! editor's autosave flushes on `pagehide`, so no draft is lost across the update.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{ServiceWorkerRegistration, ServiceWorkerState};

/// Whether a new version is installed and waiting, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct UpdateCtx {
    /// A new build is installed and waiting.
    ready: RwSignal<bool>,
    /// The registration whose waiting worker holds the new build (a browser object, so
    /// kept in thread-local storage).
    registration: StoredValue<Option<ServiceWorkerRegistration>, LocalStorage>,
}

impl UpdateCtx {
    /// Whether a new version is ready to take over.
    pub fn ready(&self) -> bool {
        self.ready.get()
    }

    /// Asks the waiting worker to take over; the page reloads when it has.
    pub fn activate(&self) {
        let waiting = self.registration.with_value(|reg| reg.as_ref().and_then(|r| r.waiting()));
        if let Some(worker) = waiting {
            let _ = worker.post_message(&"nianbao-activate".into());
        }
    }
}

/// Registers `sw.js` when the page is served over http(s) (not from `file://`, where
/// service workers do not exist) and provides an [`UpdateCtx`].
pub fn provide_service_worker() -> UpdateCtx {
    let ctx = UpdateCtx {
        ready: RwSignal::new(false),
        registration: StoredValue::new_local(None),
    };
    provide_context(ctx);
    let window = window();
    let served = matches!(window.location().protocol().as_deref(), Ok("http:" | "https:"));
    let navigator = window.navigator();
    let supported = js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
    if !served || !supported {
        return ctx;
    }
    let container = navigator.service_worker();
    // A controller that changes after the user asked for the update means the new build
    // now serves this page: reload into it.
    let had_controller = container.controller().is_some();
    let on_change = Closure::<dyn FnMut()>::new(move || {
        if had_controller {
            let _ = web_sys::window().map(|w| w.location().reload());
        }
    });
    container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();

    let promise = container.register("./sw.js");
    leptos::task::spawn_local(async move {
        let Ok(value) = wasm_bindgen_futures::JsFuture::from(promise).await else {
            leptos::logging::warn!("the offline cache could not be set up");
            return;
        };
        let Ok(registration) = value.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        watch(ctx, registration, had_controller);
    });
    ctx
}

/// Marks the update as ready when a worker is waiting now or finishes installing later.
fn watch(ctx: UpdateCtx, registration: ServiceWorkerRegistration, had_controller: bool) {
    if !had_controller {
        // The first install of the app: nothing older to replace.
        return;
    }
    ctx.registration.set_value(Some(registration.clone()));
    if registration.waiting().is_some() {
        ctx.ready.set(true);
        return;
    }
    let reg = registration.clone();
    let on_found = Closure::<dyn FnMut()>::new(move || {
        let Some(installing) = reg.installing() else {
            return;
        };
        let worker = installing.clone();
        let on_state = Closure::<dyn FnMut()>::new(move || {
            if worker.state() == ServiceWorkerState::Installed {
                ctx.ready.set(true);
            }
        });
        installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        on_state.forget();
    });
    registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
    on_found.forget();
}
