//! The report library: every report kept in this browser, with the actions on them.

pub mod backup;
pub mod example;
pub mod import_published;
pub mod import_report;
pub mod new_report;
pub mod recovery;
pub mod recycle_bin;
pub mod report_row;
pub mod usage;

use leptos::prelude::*;

use crate::i18n::LangCtx;
use crate::i18n::{Text, tr};
use crate::split::Deferred;
use crate::state::LibraryCtx;
use backup::BackupTools;
use example::OpenExample;
use import_report::ImportReport;
use new_report::NewReportForm;
use recovery::RecoveryPanel;
use recycle_bin::RecycleBin;
use report_row::ReportRow;

/// The start screen listing the reports of this browser.
#[component]
pub fn Library() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let library = expect_context::<LibraryCtx>();
    let creating = RwSignal::new(false);
    let importing = RwSignal::new(false);
    let live = Memo::new(move |_| {
        library.index.with(|entries| {
            let mut live: Vec<_> = entries.iter().filter(|e| !e.deleted).cloned().collect();
            live.sort_by(|a, b| b.saved_at.total_cmp(&a.saved_at));
            live
        })
    });
    // The stored reports are read (the unreadable set aside, the backup reminder worked
    // out) each time the library is shown, once it is drawn.
    library.verify_stored();
    // Entries listed before their findings were counted get counted while the list shows.
    Effect::new(move |_| {
        library.index.track();
        library.count_unchecked();
    });
    let t = move |text| tr(lang.get(), text);
    view! {
        <section class="library" aria-labelledby="library-title">
            <div class="library-head">
                <h1 id="library-title">{move || t(Text::Library)}</h1>
                <ImportReport />
                <button type="button" class="button import-published-button" data-testid="import-published-open"
                    on:click=move |_| importing.set(true)>
                    {move || t(Text::ImportPublished)}
                </button>
                <Show when=move || !live.with(Vec::is_empty)>
                    <OpenExample />
                </Show>
                <button type="button" class="button" data-testid="collection-open"
                    on:click=move |_| library.collecting.set(true)>
                    {move || t(Text::CollectionOpen)}
                </button>
                <button type="button" class="button primary" on:click=move |_| creating.set(true)>
                    {move || t(Text::NewReport)}
                </button>
            </div>
            <Show when=move || library.failure.get().is_some()>
                <p class="banner error" role="alert">
                    {move || t(Text::SaveFailed)} ": " {move || library.failure.get()}
                </p>
            </Show>
            <Show when=move || creating.get()>
                <NewReportForm on_close=Callback::new(move |()| creating.set(false)) />
            </Show>
            <Show when=move || importing.get()>
                <Suspense fallback=crate::split::Loading>
                    {Suspend::new(crate::split::import_published(Callback::new(move |()| importing.set(false))))}
                </Suspense>
            </Show>
            <Show
                when=move || !live.with(Vec::is_empty)
                fallback=move || view! {
                    <div class="empty-state" data-testid="library-empty">
                        <h2>{move || t(Text::EmptyLibraryTitle)}</h2>
                        <p>{move || t(Text::EmptyLibraryBody)}</p>
                        <div class="empty-actions"><OpenExample /></div>
                    </div>
                }
            >
                <table class="library-table" data-testid="library-list">
                    <thead>
                        <tr>
                            <th>{move || t(Text::ReportTitle)}</th>
                            <th>{move || t(Text::Year)}</th>
                            <th>{move || t(Text::Format)}</th>
                            <th>{move || t(Text::LastSaved)}</th>
                            <th>{move || t(Text::Findings)}</th>
                            <th>{move || t(Text::Actions)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || { lang.track(); live.get() } key=move |e| (lang.get_untracked(), e.id.clone(), e.title.clone(), e.saved_at.to_bits(), (e.unchecked, e.errors, e.warnings, e.pending)) children=move |entry| view! { <ReportRow entry=entry lang=lang.get_untracked() /> } />
                    </tbody>
                </table>
            </Show>
            <Deferred>
                <RecycleBin />
                <usage::StorageUsage />
                <RecoveryPanel />
                <BackupTools />
                <crate::settings::StorageSettings />
                <p class="local-note">{move || t(Text::LocalDataNote)}</p>
            </Deferred>
        </section>
    }
}
