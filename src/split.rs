//! The split points: the screens and panels the start screen (the library) does not need,
//! each a `#[lazy]` function that the split build (feature `split`, `cargo xtask dist`) cuts
//! into a wasm chunk of its own, fetched the first time it is opened. Without the feature
//! they are plain functions, so the browser tests and `cargo check` see one ordinary binary.
//! Each is called through its `async` loader, ready at once when the build is not split.

use leptos::prelude::*;
use report::Report;

use crate::collection::{Collection, CollectionCtx};
use crate::editor::Editor;
use crate::i18n::{Lang, LangCtx, Text, tr};
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
fn collection_chunk(on_close: Callback<()>, app: Owner) -> AnyView {
    // The collection's state (its checks are this chunk's code) is made the first time the
    // screen opens, under the app's owner, so it outlives the screen like the library's.
    if use_context::<CollectionCtx>().is_none() {
        let LangCtx(lang) = expect_context::<LangCtx>();
        app.with(|| provide_context(CollectionCtx::new(lang)));
    }
    view! { <Collection on_close=on_close /> }.into_any()
}

/// The collection (汇总) screen; `app` is the root component's owner.
pub async fn collection(on_close: Callback<()>, app: Owner) -> AnyView {
    load!(collection_chunk(on_close, app))
}

#[cfg_attr(feature = "split", leptos::lazy)]
fn import_published_chunk(on_close: Callback<()>) -> AnyView {
    view! { <ImportPublishedPanel on_close=on_close /> }.into_any()
}

/// The review of a published report before it is saved.
pub async fn import_published(on_close: Callback<()>) -> AnyView {
    load!(import_published_chunk(on_close))
}

#[cfg_attr(feature = "split", leptos::lazy)]
fn read_report_file_chunk(text: String, lang: Lang) -> Result<Report, String> {
    report::from_json(&text).map_err(|err| crate::library::import_report::describe(&err, lang))
}

/// The report in a chosen report file, or why it is not one (the file reader with its
/// migrations and line-and-column errors).
pub async fn read_report_file(text: String, lang: Lang) -> Result<Report, String> {
    load!(read_report_file_chunk(text, lang))
}

#[cfg_attr(feature = "split", leptos::lazy)]
fn example_report_chunk() -> Result<Report, String> {
    crate::library::example::example_report()
}

/// The example report, marked as the example (its text is in the chunk, not at start-up).
pub async fn example_report() -> Result<Report, String> {
    load!(example_report_chunk())
}

#[cfg_attr(feature = "split", leptos::lazy)]
fn import_backup_chunk(text: String, lang: Lang) -> (bool, String) {
    crate::library::backup::import_backup(&text, lang)
}

/// Restores a backup file into the library: whether anything changed, and what to say.
pub async fn import_backup(text: String, lang: Lang) -> (bool, String) {
    load!(import_backup_chunk(text, lang))
}

#[cfg_attr(feature = "split", leptos::lazy)]
fn count_unchecked_chunk(lang: Lang) -> Result<Vec<report::LibraryEntry>, String> {
    report::count_unchecked(&mut crate::storage::local(), crate::clock::now_ms())
        .map_err(|error| crate::storage::store_error(lang, &error))
}

/// Counts the findings of the library entries listed before the checker was loaded
/// (`report::count_unchecked`): the entries as stored, or why they could not be stored.
pub async fn count_unchecked(lang: Lang) -> Result<Vec<report::LibraryEntry>, String> {
    load!(count_unchecked_chunk(lang))
}

#[cfg_attr(feature = "split", leptos::lazy)]
fn download_backup_chunk() -> Result<(), String> {
    crate::state::download_everything(None)
}

/// Downloads the backup of the whole library.
pub async fn download_backup() -> Result<(), String> {
    load!(download_backup_chunk())
}

/// Draws its children in a task of their own, queued once the rest of the screen is drawn.
/// The start screen was drawn in one task on start-up, the longest of the page's life: on a
/// slow office PC it held the page unresponsive for a fifth of a second (Lighthouse's Total
/// Blocking Time counts what a task takes beyond 50 ms). Split in tasks, the page answers a
/// click or keystroke in between. The children come below what is drawn first, so nothing on
/// screen moves when they appear.
#[component]
pub fn Deferred(
    /// What shows until then (nothing unless given).
    #[prop(optional, into)]
    fallback: ViewFn,
    /// What is drawn in the next task.
    children: ChildrenFn,
) -> impl IntoView {
    let ready = RwSignal::new(false);
    // `try_set`: the screen may be gone (its owner disposed) before the task runs.
    leptos::prelude::set_timeout(
        move || {
            ready.try_set(true);
        },
        std::time::Duration::ZERO,
    );
    view! { <Show when=move || ready.get() fallback=fallback>{children()}</Show> }
}
