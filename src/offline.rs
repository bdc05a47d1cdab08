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
    /// The user asked to switch to it.
    requested: StoredValue<bool>,
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
        let waiting = self
            .registration
            .with_value(|reg| reg.as_ref().and_then(|r| r.waiting()));
        if let Some(worker) = waiting {
            self.requested.set_value(true);
            let _ = worker.post_message(&"nianbao-activate".into());
        }
    }
}

/// Registers `sw.js` when the page is served over http(s) (not from `file://`, where
/// service workers do not exist) and provides an [`UpdateCtx`].
pub fn provide_service_worker() -> UpdateCtx {
    let ctx = UpdateCtx {
        ready: RwSignal::new(false),
        requested: StoredValue::new(false),
        registration: StoredValue::new_local(None),
    };
    provide_context(ctx);
    let window = window();
    let served = matches!(
        window.location().protocol().as_deref(),
        Ok("http:" | "https:")
    );
    let navigator = window.navigator();
    let supported = js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
    if !served || !supported {
        return ctx;
    }
    let container = navigator.service_worker();
    // Reload only into an update the user asked for: the first install also changes the
    // controller (clients.claim) and must not reload the page under the user's hands.
    let on_change = Closure::<dyn FnMut()>::new(move || {
        if ctx.requested.get_value() {
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
        if let Ok(registration) = value.dyn_into::<ServiceWorkerRegistration>() {
            watch(ctx, registration);
        }
    });
    ctx
}

/// Whether this page is served by a service worker now (so a newly installed one is an
/// update, not the first install).
fn controlled() -> bool {
    web_sys::window().is_some_and(|w| w.navigator().service_worker().controller().is_some())
}

/// Marks the update as ready when a worker is waiting now or finishes installing later.
fn watch(ctx: UpdateCtx, registration: ServiceWorkerRegistration) {
    ctx.registration.set_value(Some(registration.clone()));
    if registration.waiting().is_some() && controlled() {
        ctx.ready.set(true);
    }
    let reg = registration.clone();
    let on_found = Closure::<dyn FnMut()>::new(move || {
        let Some(installing) = reg.installing() else {
            return;
        };
        let worker = installing.clone();
        let on_state = Closure::<dyn FnMut()>::new(move || {
            if worker.state() == ServiceWorkerState::Installed && controlled() {
                ctx.ready.set(true);
            }
        });
        installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        on_state.forget();
    });
    registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
    on_found.forget();
}
