//! How full the browser's report storage is, shown on the library before it becomes a
//! problem: used and quota, and how many more reports of the current size fit; loud when
//! space is running out, with what to do. Counted by `report::usage`.

use leptos::prelude::*;

use crate::i18n::{LangCtx, Text, tr};
use crate::state::LibraryCtx;
use crate::storage::local;

/// A size as people read it: KB below a megabyte, MB above.
fn size(bytes: usize) -> String {
    if bytes < 1_048_576 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!("{:.1} MB", bytes as f64 / 1_048_576.0)
    }
}

/// The storage line of the library.
#[component]
pub fn StorageUsage() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let library = expect_context::<LibraryCtx>();
    // Re-counted whenever the library changes (every save updates the index).
    let usage = Memo::new(move |_| {
        library.index.track();
        report::usage(&local(), report::LOCAL_STORAGE_QUOTA_BYTES)
    });
    let line = move || {
        let usage = usage.get();
        tr(lang.get(), Text::LocalUsage)
            .replace("{used}", &size(usage.used))
            .replace("{quota}", &size(usage.quota))
            .replace("{percent}", &usage.percent().to_string())
            .replace("{more}", &usage.more_reports.to_string())
    };
    let tight = move || usage.get().is_tight();
    view! {
        <p class=move || if tight() { "banner warning storage-usage" } else { "muted storage-usage" }
            role="status" data-testid="local-usage">
            {line}
            <Show when=tight>" " {move || tr(lang.get(), Text::LocalUsageTight)}</Show>
        </p>
    }
}
