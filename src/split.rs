//! The split points: the screens and panels the start screen (the library) does not need,
//! each a `#[lazy]` function that the split build (feature `split`, `cargo xtask dist`) cuts
//! into a wasm chunk of its own, fetched the first time it is opened. Without the feature
//! they are plain functions, so the browser tests and `cargo check` see one ordinary binary.
//! Each is called through its `async` loader, ready at once when the build is not split.

use leptos::prelude::*;

use crate::collection::Collection;
use crate::editor::Editor;
use crate::i18n::{LangCtx, Text, tr};
use crate::library::import_published::ImportPublishedPanel;

/// What shows while a split point's chunk is fetched (a moment on a slow office network),
/// so a click is never met with nothing. With the chunk cached, or not split, it never shows.
#[component]
pub fn Loading() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    view! { <p class="muted" role="status">{move || tr(lang.get(), Text::ScreenLoading)}</p> }
}

/// Awaits a split point in the split build; calls it directly otherwise.
macro_rules! load {
    ($call:expr) => {{
        #[cfg(feature = "split")]
        return $call.await;
        #[cfg(not(feature = "split"))]
        return $call;
    }};
}

#[cfg_attr(feature = "split", leptos::lazy)]
fn editor_chunk(id: String) -> AnyView {
    view! { <Editor id=id /> }.into_any()
}

/// The editor of report `id`.
pub async fn editor(id: String) -> AnyView {
    load!(editor_chunk(id))
}

#[cfg_attr(feature = "split", leptos::lazy)]
fn collection_chunk(on_close: Callback<()>) -> AnyView {
    view! { <Collection on_close=on_close /> }.into_any()
}

/// The collection (汇总) screen.
pub async fn collection(on_close: Callback<()>) -> AnyView {
    load!(collection_chunk(on_close))
}

#[cfg_attr(feature = "split", leptos::lazy)]
fn import_published_chunk(on_close: Callback<()>) -> AnyView {
    view! { <ImportPublishedPanel on_close=on_close /> }.into_any()
}

/// The review of a published report before it is saved.
pub async fn import_published(on_close: Callback<()>) -> AnyView {
    load!(import_published_chunk(on_close))
}
