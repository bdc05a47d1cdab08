//! Backups: "export everything" (one JSON file with every report and the recovery area, the
//! open report's unsaved changes included when asked) and "import everything" (merged by
//! `report::import_backup`: a report with the same id keeps the newer revision and the other
//! version as a copy, never overwritten silently; unreadable items are skipped and named),
//! with a gentle reminder when reports changed a lot since the last backup. The decisions
//! live in `report::storage` and `report::backup`; this is the screen.

use leptos::prelude::*;
use report::{BackupError, BackupImport};
use wasm_bindgen::JsCast;

use crate::clock::{new_id, now_ms};
use crate::i18n::{Lang, LangCtx, Text, tr};
use crate::state::LibraryCtx;
use crate::storage::{local, store_error};

/// What importing a backup did, in the user's words.
fn import_message(lang: Lang, text: &str, outcome: Result<BackupImport, BackupError>) -> String {
    let t = |text| tr(lang, text);
    let mut message = match &outcome {
        Ok(count) if count.total == 0 => t(Text::BackupEmpty).to_string(),
        Ok(count) if count.added == 0 && count.skipped.is_empty() => {
            t(Text::BackupAllPresent).replace("{n}", &count.same.to_string())
        }
        Ok(count) => t(Text::ImportDone).replace("{n}", &count.added.to_string()),
        // A single report's file chosen here instead of a backup: say where it goes.
        Err(BackupError::NotABackup(_)) if report::from_json(text).is_ok() => {
            t(Text::BackupIsReport).to_string()
        }
        Err(BackupError::NotABackup(reason)) => format!("{}{reason}", t(Text::BackupImportFailed)),
        Err(BackupError::Store(error)) => format!(
            "{}{}{}",
            t(Text::BackupImportFailed),
            store_error(lang, error),
            t(Text::BackupNothingChanged)
        ),
    };
    if let Ok(count) = &outcome {
        for (id, reason) in &count.skipped {
            message.push(' ');
            message.push_str(
                &t(Text::BackupItemSkipped)
                    .replace("{id}", id)
                    .replace("{reason}", reason),
            );
        }
    }
    message
}

/// Restores the backup in `text` into the library: whether it did, and what to say.
pub(crate) fn import_backup(text: &str, lang: Lang) -> (bool, String) {
    let suffix = tr(lang, Text::ImportedCopySuffix);
    let outcome = report::import_backup(&mut local(), text, suffix, new_id, now_ms());
    (outcome.is_ok(), import_message(lang, text, outcome))
}

/// The backup actions of the library: export everything, import everything, and the
/// reminder when a backup is due.
#[component]
pub fn BackupTools() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let library = expect_context::<LibraryCtx>();
    let t = move |text| tr(lang.get(), text);
    let message = RwSignal::new(None::<String>);
    // Worked out while the stored reports are verified, after the library is drawn.
    let due = library.backup_due;
    let export = move |_| {
        leptos::task::spawn_local(async move {
            match crate::split::download_backup().await {
                Ok(()) => due.set(Some(false)),
                Err(err) => message.set(Some(err)),
            }
        });
    };
    let import = move |ev: web_sys::Event| {
        let input = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        let Some(file) = input
            .as_ref()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        if let Some(input) = input {
            input.set_value("");
        }
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
            let text = text.ok().and_then(|v| v.as_string()).unwrap_or_default();
            let (changed, said) = crate::split::import_backup(text, lang.get_untracked()).await;
            if changed {
                library.reload();
            }
            message.set(Some(said));
        });
    };
    view! {
        <div class="backup-tools" data-testid="backup-tools" data-due-known=move || due.get().is_some().to_string()
            data-verifying=move || library.pass_running.get().to_string()>
            <button type="button" class="button" on:click=export>{move || t(Text::ExportEverything)}</button>
            <label class="button">
                {move || t(Text::ImportEverything)}
                <input type="file" accept=".json,application/json" class="visually-hidden"
                    data-testid="import-everything" on:change=import />
            </label>
            <Show when=move || due.get() == Some(true)>
                <span class="muted" role="status" data-testid="backup-due">{move || t(Text::BackupDue)}</span>
            </Show>
            {move || message.get().map(|m| view! { <span role="status" data-testid="backup-message">{m}</span> })}
        </div>
    }
}
