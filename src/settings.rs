//! The storage settings panel: asks the browser to keep this site's data
//! (`navigator.storage.persist()`), shows the answer and the storage used and available
//! (`navigator.storage.estimate()`), and warns plainly that clearing browser data deletes the
//! reports. It changes nothing else.

use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::LangCtx;
use crate::i18n::{Text, tr};

/// What the browser said about storage.
#[derive(Debug, Clone, Default, PartialEq)]
struct StorageInfo {
    persisted: Option<bool>,
    used: Option<f64>,
    quota: Option<f64>,
}

async fn storage_info(ask: bool) -> StorageInfo {
    let Some(manager) = web_sys::window().map(|w| w.navigator().storage()) else {
        return StorageInfo::default();
    };
    let promise = if ask {
        manager.persist()
    } else {
        manager.persisted()
    };
    let persisted = match promise {
        Ok(promise) => JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()),
        Err(_) => None,
    };
    let estimate = match manager.estimate() {
        Ok(promise) => JsFuture::from(promise).await.ok(),
        Err(_) => None,
    };
    let number = |name: &str| {
        estimate
            .as_ref()
            .and_then(|e| js_sys::Reflect::get(e, &name.into()).ok())
            .and_then(|v| v.as_f64())
    };
    StorageInfo {
        persisted,
        used: number("usage"),
        quota: number("quota"),
    }
}

fn megabytes(bytes: Option<f64>) -> String {
    bytes.map_or("—".into(), |b| format!("{:.1} MB", b / 1_048_576.0))
}

/// The storage panel of the library.
#[component]
pub fn StorageSettings() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let t = move |text| tr(lang.get(), text);
    let info = RwSignal::new(StorageInfo::default());
    let refresh = move |ask: bool| {
        leptos::task::spawn_local(async move { info.set(storage_info(ask).await) });
    };
    refresh(false);
    let persisted = move || match info.get().persisted {
        Some(true) => t(Text::PersistGranted),
        Some(false) => t(Text::PersistDenied),
        None => "—",
    };
    view! {
        <details class="settings card" data-testid="storage-settings">
            <summary>{move || t(Text::StorageSettings)}</summary>
            <p>{move || t(Text::PersistStatus)} "：" <span data-testid="persist-status">{persisted}</span> " "
                <button type="button" class="button small" on:click=move |_| refresh(true)>
                    {move || t(Text::RequestPersist)}
                </button>
            </p>
            <p data-testid="storage-usage">{move || t(Text::StorageUsed)} "：" {move || megabytes(info.get().used)} " / "
                {move || megabytes(info.get().quota)}</p>
            <p class="banner warning" data-testid="clear-data-warning">{move || t(Text::ClearDataWarning)}</p>
        </details>
    }
}
