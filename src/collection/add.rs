//! Bringing reports into the collection: files (report files, published texts, Word, PDF),
//! a whole folder where the browser offers a folder picker, last year's reports to compare
//! with, a pasted published report, and reports of the library. Every source becomes a row:
//! one that is not a report says why, it is never dropped.

use leptos::html::Input;
use leptos::prelude::*;
use report::{Gathered, Origin, ReadSource, SourceProblem};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use super::{CollectionCtx, new_id};
use crate::clock::now_ms;
use crate::i18n::{Lang, LangCtx, Text, tr};
use crate::state::LibraryCtx;

/// The kinds of file a folder is searched for; others in it are skipped, and said so.
const READABLE: [&str; 7] = ["json", "docx", "pdf", "html", "htm", "txt", "md"];

/// How many files are read before they are kept together.
const KEEP_BATCH: usize = 25;

/// What the file inputs accept.
const ACCEPT: &str = ".json,.docx,.pdf,.html,.htm,.txt,.md,application/json,application/pdf,text/plain,text/html,application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// The ways in, and what the last one did.
#[component]
pub fn AddSources() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let t = move |text| tr(lang.get(), text);
    let status = RwSignal::new(None::<String>);
    let pasting = RwSignal::new(false);
    let choosing = RwSignal::new(false);
    view! {
        <div class="collection-add" role="group" aria-label=move || t(Text::CollectionAddFiles)>
            <FilePicker label=Text::CollectionAddFiles folder=false last_year=false status=status testid="collection-files" />
            <FilePicker label=Text::CollectionAddFolder folder=true last_year=false status=status testid="collection-folder" />
            <button type="button" class="button" aria-expanded=move || pasting.get().to_string()
                data-testid="collection-paste-open" on:click=move |_| pasting.update(|open| *open = !*open)>
                {move || t(Text::CollectionPaste)}
            </button>
            <button type="button" class="button" aria-expanded=move || choosing.get().to_string()
                data-testid="collection-library-open" on:click=move |_| choosing.update(|open| *open = !*open)>
                {move || t(Text::CollectionFromLibrary)}
            </button>
            <FilePicker label=Text::CollectionAddLastYear folder=false last_year=true status=status testid="collection-last-year" />
        </div>
        <p class="muted" role="status" data-testid="collection-status">{move || status.get()}</p>
        <Show when=move || pasting.get()>
            <PasteReport status=status on_close=Callback::new(move |()| pasting.set(false)) />
        </Show>
        <Show when=move || choosing.get()>
            <FromLibrary status=status on_close=Callback::new(move |()| choosing.set(false)) />
        </Show>
    }
}

/// A button with its hidden file input: several files, or a folder.
#[component]
fn FilePicker(
    /// The button's words.
    label: Text,
    /// A folder picker (`webkitdirectory`) rather than files.
    folder: bool,
    /// The files are last year's reports, to compare with only.
    last_year: bool,
    /// Where progress and the outcome are said.
    status: RwSignal<Option<String>>,
    /// The input's test id.
    testid: &'static str,
) -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<CollectionCtx>();
    let input = NodeRef::<Input>::new();
    // A browser without a folder picker offers several files instead (the button is hidden).
    let supported = RwSignal::new(!folder);
    Effect::new(move |_| {
        if let Some(element) = input.get()
            && folder
        {
            let has = js_sys::Reflect::has(&element, &JsValue::from_str("webkitdirectory"))
                .unwrap_or(false);
            if has {
                let _ = element.set_attribute("webkitdirectory", "");
            }
            supported.set(has);
        }
    });
    let on_change = move |_| {
        let Some(element) = input.get_untracked() else {
            return;
        };
        let files: Vec<web_sys::File> = element
            .files()
            .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
            .unwrap_or_default();
        // Choosing the same files again must fire `change` again.
        element.set_value("");
        leptos::task::spawn_local(add_files(ctx, files, folder, last_year, lang, status));
    };
    view! {
        <button type="button" class="button" hidden=move || !supported.get()
            on:click=move |_| if let Some(element) = input.get_untracked() { element.click() }>
            {move || tr(lang.get(), label)}
        </button>
        <input type="file" multiple hidden node_ref=input on:change=on_change accept=ACCEPT
            data-testid=testid aria-label=move || tr(lang.get(), label) />
    }
}

/// Reads `files` one after the other, keeping each as it is read.
async fn add_files(
    ctx: CollectionCtx,
    files: Vec<web_sys::File>,
    folder: bool,
    last_year: bool,
    lang: RwSignal<Lang>,
    status: RwSignal<Option<String>>,
) {
    let lang = lang.get_untracked();
    let mut skipped = Vec::new();
    let chosen: Vec<(web_sys::File, String)> = files
        .into_iter()
        .filter_map(|file| {
            let name = relative_name(&file);
            let extension = name.rsplit_once('.').map(|(_, ext)| ext.to_lowercase());
            // In a folder, files of other kinds (spreadsheets, pictures) are not reports.
            if folder && !extension.is_some_and(|ext| READABLE.contains(&ext.as_str())) {
                skipped.push(name);
                return None;
            }
            Some((file, name))
        })
        .collect();
    let total = chosen.len();
    // Kept a few at a time: each keeping re-draws the table and writes a transaction, so a
    // folder of hundreds of files is not drawn hundreds of times; a file read is kept within
    // a batch (the files themselves are still on the clerk's disk until then).
    let mut batch: Vec<Gathered> = Vec::new();
    for (done, (file, name)) in chosen.into_iter().enumerate() {
        status.set(Some(
            tr(lang, Text::CollectionReading)
                .replace("{done}", &(done + 1).to_string())
                .replace("{total}", &total.to_string())
                .replace("{file}", &name),
        ));
        let mut item = read_file(&file, &name, lang).await;
        let mut taken = ctx.names();
        taken.extend(batch.iter().map(|item| item.name.clone()));
        item.name = report::unique_name(&name, &taken);
        item.last_year = last_year;
        batch.push(item);
        if batch.len() >= KEEP_BATCH {
            ctx.keep(std::mem::take(&mut batch));
        }
    }
    ctx.keep(batch);
    let mut said = tr(lang, Text::CollectionAdded).replace("{n}", &total.to_string());
    if !skipped.is_empty() {
        let shown: Vec<&str> = skipped.iter().take(5).map(String::as_str).collect();
        let mut names = shown.join("、");
        if skipped.len() > shown.len() {
            names.push('…');
        }
        said.push(' ');
        said.push_str(
            &tr(lang, Text::CollectionSkipped)
                .replace("{n}", &skipped.len().to_string())
                .replace("{names}", &names),
        );
    }
    status.set(Some(said));
}

/// The file's path inside a chosen folder, or its name.
fn relative_name(file: &web_sys::File) -> String {
    js_sys::Reflect::get(file, &JsValue::from_str("webkitRelativePath"))
        .ok()
        .and_then(|path| path.as_string())
        .filter(|path| !path.is_empty())
        .unwrap_or_else(|| file.name())
}

/// One file as a gathered report (or as a row saying why it is not one).
async fn read_file(file: &web_sys::File, name: &str, lang: Lang) -> Gathered {
    let bytes = match JsFuture::from(file.array_buffer()).await {
        Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
        Err(err) => {
            return unreadable(
                name,
                Origin::Published,
                format!(
                    "{}{}",
                    tr(lang, Text::ImportUnreadable),
                    crate::dom::js_error_message(&err)
                ),
            );
        }
    };
    if name.to_lowercase().ends_with(".pdf") {
        return match crate::pdf::read_pdf(&bytes).await {
            Ok(read) => gathered(name, report::read_published(Origin::Pdf, &read.text), lang),
            Err(failure) => unreadable(
                name,
                Origin::Pdf,
                crate::library::import_published::pdf_failure(lang, &failure),
            ),
        };
    }
    gathered(name, report::read_source(name, &bytes), lang)
}

/// A gathered report from a source read, its problem in the clerk's words.
fn gathered(name: &str, read: ReadSource, lang: Lang) -> Gathered {
    Gathered::new(&new_id(), name, now_ms(), read, |problem| {
        describe_problem(lang, problem)
    })
}

fn unreadable(name: &str, origin: Origin, reason: String) -> Gathered {
    Gathered {
        id: new_id(),
        name: name.to_string(),
        origin,
        added_at: now_ms(),
        removed: false,
        last_year: false,
        content: Err(reason),
        import_problems: Vec::new(),
        kept_text: None,
    }
}

/// Why a source is not a report, in the clerk's words.
pub fn describe_problem(lang: Lang, problem: &SourceProblem) -> String {
    match problem {
        SourceProblem::NotUtf8 { byte } => {
            tr(lang, Text::SourceNotUtf8).replace("{byte}", &byte.to_string())
        }
        SourceProblem::NotAReport(error) => crate::library::import_report::describe(error, lang),
        SourceProblem::Word(reason) => tr(lang, Text::SourceWord).replace("{reason}", reason),
        SourceProblem::NothingRecognised => tr(lang, Text::SourceNothing).to_string(),
        SourceProblem::UnknownKind => tr(lang, Text::SourceUnknownKind).to_string(),
    }
}

/// A text box for a published report copied from a web page, a PDF or Word.
#[component]
fn PasteReport(
    /// Where the outcome is said.
    status: RwSignal<Option<String>>,
    /// Closes the box.
    on_close: Callback<()>,
) -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<CollectionCtx>();
    let text = RwSignal::new(String::new());
    let t = move |text| tr(lang.get(), text);
    // A paste that is not a report is said here and not added: the text is still in the box
    // to be mended, so nothing is lost, and the collection gets no row of nothing.
    let problem = RwSignal::new(None::<String>);
    let add = move |_| {
        let lang = lang.get_untracked();
        let read = text.with_untracked(|text| report::read_published(Origin::Pasted, text));
        let report = match &read.report {
            Ok(report) => report,
            Err(error) => {
                problem.set(Some(describe_problem(lang, error)));
                return;
            }
        };
        let title = Some(report::report_title(report))
            .filter(|title| !title.trim().is_empty())
            .unwrap_or_else(|| tr(lang, Text::CollectionPasted).to_string());
        let name = report::unique_name(&title, &ctx.names());
        ctx.keep(vec![gathered(&name, read, lang)]);
        status.set(Some(tr(lang, Text::CollectionAdded).replace("{n}", "1")));
        problem.set(None);
        text.set(String::new());
        on_close.run(());
    };
    view! {
        <div class="collection-paste" data-testid="collection-paste">
            <label>
                <span>{move || t(Text::CollectionPasteLabel)}</span>
                <textarea rows="10" data-testid="collection-paste-text" prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            </label>
            <Show when=move || problem.get().is_some()>
                <p class="banner error" role="alert" data-testid="collection-paste-problem">{move || problem.get()}</p>
            </Show>
            <div class="form-actions">
                <button type="button" class="button primary" data-testid="collection-paste-add"
                    disabled=move || text.with(|text| text.trim().is_empty()) on:click=add>
                    {move || t(Text::CollectionPasteAdd)}
                </button>
                <button type="button" class="button" on:click=move |_| on_close.run(())>
                    {move || t(Text::CollectionCancel)}
                </button>
            </div>
        </div>
    }
}

/// The library's reports with a check box each, to copy the chosen ones in.
#[component]
fn FromLibrary(
    /// Where the outcome is said.
    status: RwSignal<Option<String>>,
    /// Closes the list.
    on_close: Callback<()>,
) -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<CollectionCtx>();
    let library = expect_context::<LibraryCtx>();
    let chosen = RwSignal::new(Vec::<String>::new());
    let t = move |text| tr(lang.get(), text);
    let entries = move || {
        library.index.with(|entries| {
            entries
                .iter()
                .filter(|entry| !entry.deleted)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let add = move |_| {
        let lang = lang.get_untracked();
        let ids = chosen.get_untracked();
        let mut added = Vec::new();
        for id in &ids {
            let title = library
                .entry(id)
                .map(|entry| entry.title)
                .unwrap_or_default();
            let mut taken = ctx.names();
            taken.extend(added.iter().map(|item: &Gathered| item.name.clone()));
            let name = report::unique_name(&title, &taken);
            let item = match library.load_report(id) {
                Ok(report) => gathered(&name, read_library(report), lang),
                Err(reason) => unreadable(&name, Origin::Library, reason),
            };
            added.push(item);
        }
        let count = added.len();
        ctx.keep(added);
        status.set(Some(
            tr(lang, Text::CollectionAdded).replace("{n}", &count.to_string()),
        ));
        on_close.run(());
    };
    view! {
        <fieldset class="collection-library" data-testid="collection-library">
            <legend>{move || t(Text::CollectionFromLibrary)}</legend>
            <Show when=move || !entries().is_empty()
                fallback=move || view! { <p>{move || t(Text::CollectionFromLibraryNone)}</p> }>
                <ul class="plain-list">
                    <For each=entries key=|entry| entry.id.clone() children=move |entry| {
                        let id = entry.id.clone();
                        let toggle = id.clone();
                        view! {
                            <li><label>
                                <input type="checkbox"
                                    prop:checked=move || chosen.with(|chosen| chosen.contains(&id))
                                    on:change=move |_| chosen.update(|chosen| {
                                        if let Some(at) = chosen.iter().position(|one| *one == toggle) {
                                            chosen.remove(at);
                                        } else {
                                            chosen.push(toggle.clone());
                                        }
                                    }) />
                                " " {entry.title.clone()}
                            </label></li>
                        }
                    } />
                </ul>
            </Show>
            <div class="form-actions">
                <button type="button" class="button primary" data-testid="collection-library-add"
                    disabled=move || chosen.with(Vec::is_empty) on:click=add>
                    {move || t(Text::CollectionFromLibraryAdd)}
                </button>
                <button type="button" class="button" on:click=move |_| on_close.run(())>
                    {move || t(Text::CollectionCancel)}
                </button>
            </div>
        </fieldset>
    }
}

/// A library report as a source read (it is a report already).
fn read_library(report: report::Report) -> ReadSource {
    ReadSource {
        origin: Origin::Library,
        report: Ok(report),
        import_problems: Vec::new(),
        kept_text: None,
    }
}
