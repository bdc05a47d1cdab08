//! 导入: reads a report file (`.json`, the format of the 数据备份 JSON download) chosen by the
//! user, stores it as a new library entry and opens it. Anything wrong with the file is said
//! plainly (file name, line and column, what is wrong) and changes nothing. Importing whole
//! backups of the library is not this component's job.

use leptos::html::Input;
use leptos::prelude::*;
use report::{CURRENT_VERSION, LoadError};
use wasm_bindgen_futures::JsFuture;

use crate::i18n::LangCtx;
use crate::i18n::{Lang, Text, tr};
use crate::state::LibraryCtx;

/// The 导入 button of the library (with its hidden file input) and, after a failed import,
/// the reason, on a line of its own.
#[component]
pub fn ImportReport() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let library = expect_context::<LibraryCtx>();
    let input = NodeRef::<Input>::new();
    let failure = RwSignal::new(None::<String>);
    // A report read from a file that the library already holds (same title), waiting for
    // “replace” or “keep both”: (the report, the id of the one in the library, its title).
    let duplicate = RwSignal::new(None::<(report::Report, String, String)>);
    let t = move |text| tr(lang.get(), text);
    let on_change = move |_| {
        let Some(element) = input.get_untracked() else {
            return;
        };
        let file = element.files().and_then(|files| files.get(0));
        // Choosing the same file again after fixing it must fire `change` again.
        element.set_value("");
        let Some(file) = file else {
            return;
        };
        leptos::task::spawn_local(async move {
            let lang = lang.get_untracked();
            let name = file.name();
            let result = match JsFuture::from(file.text()).await {
                Ok(text) => {
                    let text = text.as_string().unwrap_or_default();
                    match crate::split::read_report_file(text, lang).await {
                        Ok(report) => import(library, report, duplicate),
                        Err(reason) => Err(reason),
                    }
                }
                Err(err) => Err(format!("{}{err:?}", tr(lang, Text::ImportUnreadable))),
            };
            failure.set(result.err().map(|reason| {
                tr(lang, Text::ImportFailed)
                    .replace("{file}", &name)
                    .replace("{reason}", &reason)
            }));
        });
    };
    view! {
        <button type="button" class="button import-button" title=move || t(Text::ImportHint)
            on:click=move |_| if let Some(element) = input.get_untracked() { element.click() }>
            {move || t(Text::Import)}
        </button>
        <input type="file" accept=".json,application/json" hidden node_ref=input on:change=on_change
            aria-label=move || t(Text::ImportHint) data-testid="import-input" />
        <Show when=move || failure.get().is_some()>
            <p class="banner error import-failure" role="alert" data-testid="import-failure">
                {move || failure.get()}
            </p>
        </Show>
        <Show when=move || duplicate.with(Option::is_some)>
            <div class="banner warning import-duplicate" role="alertdialog" data-testid="import-duplicate">
                <p>{move || duplicate.with(|d| d.as_ref().map(|(_, _, title)| {
                    tr(lang.get(), Text::ImportDuplicate).replace("{title}", title)
                }))}</p>
                <div class="form-actions">
                    <button type="button" class="button primary" on:click=move |_| resolve(library, duplicate, true, lang.get_untracked())>
                        {move || t(Text::ImportReplace)}
                    </button>
                    <button type="button" class="button" on:click=move |_| resolve(library, duplicate, false, lang.get_untracked())>
                        {move || t(Text::ImportKeepBoth)}
                    </button>
                    <button type="button" class="button" on:click=move |_| duplicate.set(None)>
                        {move || t(Text::Cancel)}
                    </button>
                </div>
            </div>
        </Show>
    }
}

/// Ends the question about a report the library already holds: `replace` moves the library's
/// version to the recycle bin (restorable, never lost) and adds the file's; otherwise the
/// file's is added beside it, titled as a copy.
fn resolve(
    library: LibraryCtx,
    duplicate: RwSignal<Option<(report::Report, String, String)>>,
    replace: bool,
    lang: Lang,
) {
    let Some((mut report, existing, title)) = duplicate.get_untracked() else {
        return;
    };
    duplicate.set(None);
    if replace {
        library.set_deleted(&existing, true);
    } else {
        let suffix = if lang == Lang::Zh {
            "（副本）"
        } else {
            " (copy)"
        };
        report::set_report_title(&mut report, &format!("{title}{suffix}"));
    }
    let previous = library.entry(&existing).and_then(|e| e.previous);
    library.create_and_open(&report, previous);
}

/// Stores the `report` read from a file as a new entry and opens it, or says why not. A
/// report the library already holds (same title) is not added twice without asking.
fn import(
    library: LibraryCtx,
    report: report::Report,
    duplicate: RwSignal<Option<(report::Report, String, String)>>,
) -> Result<(), String> {
    let title = report::report_title(&report);
    let existing = library.index.with_untracked(|entries| {
        entries
            .iter()
            .find(|e| !e.deleted && e.title == title && e.year == report.year)
            .map(|e| e.id.clone())
    });
    if let Some(existing) = existing {
        duplicate.set(Some((report, existing, title)));
        return Ok(());
    }
    let id = library.add(&report, None)?;
    library.failure.set(None);
    library.open.set(Some(id));
    Ok(())
}

/// What is wrong with the file, in the interface language (the parser's own detail, such as
/// “expected a whole number”, stays as the core words it).
pub(crate) fn describe(err: &LoadError, lang: Lang) -> String {
    match err {
        LoadError::Invalid {
            position,
            path,
            message,
        } => {
            let mut out = String::new();
            if let Some((line, column)) = position {
                out.push_str(
                    &tr(lang, Text::ImportPosition)
                        .replace("{line}", &line.to_string())
                        .replace("{column}", &column.to_string()),
                );
            }
            if !path.is_empty() && path != "." {
                out.push_str(path);
                out.push_str(": ");
            }
            out.push_str(message);
            out
        }
        LoadError::NotAReport { .. } => tr(lang, Text::ImportNotReport).to_string(),
        // Opening such a file read-only is planned; until then it is refused, and says why.
        LoadError::NewerVersion { version } => tr(lang, Text::ImportNewer)
            .replace("{version}", &version.to_string())
            .replace("{current}", &CURRENT_VERSION.to_string()),
    }
}
