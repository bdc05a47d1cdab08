//! 导入已发布的报告: last year's report as the clerk has it (text pasted from a web page, a
//! PDF viewer or Word, or a .pdf/.docx/.html/.txt/.md file) is read by the core's importer and
//! reviewed beside its source before anything is saved; then it is saved as a report, linked
//! as last year's report of a report in the library, or used to start next year's report.

use leptos::html::Input;
use leptos::prelude::*;
use report::{ImportResult, ImportSummary};
use wasm_bindgen_futures::JsFuture;

use crate::i18n::LangCtx;
use crate::i18n::{Lang, Text, tr};
use crate::pdf::{PdfFailure, read_pdf};
use crate::state::LibraryCtx;

/// How the source is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SourceKind {
    Text,
    Html,
}

/// The panel: source on one side, what was recognised on the other, and the actions.
#[component]
pub fn ImportPublishedPanel(
    /// Closes the panel.
    on_close: Callback<()>,
) -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let t = move |text| tr(lang.get(), text);
    let source = RwSignal::new(String::new());
    let kind = RwSignal::new(SourceKind::Text);
    let file_failure = RwSignal::new(None::<String>);
    // What happened to the chosen file (reading a PDF takes a moment).
    let file_status = RwSignal::new(None::<String>);
    let imported = Memo::new(move |_| {
        source.with(|text| {
            (!text.trim().is_empty()).then(|| match kind.get() {
                SourceKind::Html => report::import_html(text),
                SourceKind::Text => report::import_text(text),
            })
        })
    });
    let summary =
        Memo::new(move |_| imported.with(|result| result.as_ref().map(report::summarise)));
    view! {
        <section class="import-published" aria-labelledby="import-published-title" data-testid="import-published">
            <div class="import-published-head">
                <h2 id="import-published-title">{move || t(Text::ImportPublished)}</h2>
                <SourceFile source=source kind=kind failure=file_failure status=file_status />
                <button type="button" class="button" on:click=move |_| on_close.run(())>
                    {move || t(Text::ImportPublishedClose)}
                </button>
            </div>
            <p class="muted">{move || t(Text::ImportPublishedHint)}</p>
            <p class="muted" role="status" data-testid="import-file-status">{move || file_status.get()}</p>
            <Show when=move || file_failure.get().is_some()>
                <p class="banner error" role="alert" data-testid="import-file-failure">{move || file_failure.get()}</p>
            </Show>
            <div class="import-columns">
                <label class="import-source">
                    <span>{move || t(Text::ImportPublishedSource)}</span>
                    <textarea rows="24" data-testid="import-source" prop:value=move || source.get()
                        on:input=move |ev| {
                            kind.set(SourceKind::Text);
                            source.set(event_target_value(&ev));
                        }></textarea>
                </label>
                <Show when=move || summary.with(Option::is_some)>
                    <Review summary=summary imported=imported />
                </Show>
            </div>
        </section>
    }
}

/// 选择文件…: reads a PDF's text (in the PDF worker), a Word file into its text, or a
/// text/HTML file as it is.
#[component]
fn SourceFile(
    /// Where the text goes.
    source: RwSignal<String>,
    /// How it is to be read.
    kind: RwSignal<SourceKind>,
    /// Why a file could not be read.
    failure: RwSignal<Option<String>>,
    /// What is being done with the file, or what came of it.
    status: RwSignal<Option<String>>,
) -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let input = NodeRef::<Input>::new();
    let on_change = move |_| {
        let Some(element) = input.get_untracked() else {
            return;
        };
        let file = element.files().and_then(|files| files.get(0));
        element.set_value("");
        let Some(file) = file else { return };
        leptos::task::spawn_local(async move {
            let lang = lang.get_untracked();
            let name = file.name();
            failure.set(None);
            status.set(None);
            match read_file(&file, &name, lang, status).await {
                Ok((text, read_as, warning)) => {
                    kind.set(read_as);
                    source.set(text);
                    failure.set(warning);
                }
                Err(reason) => {
                    status.set(None);
                    failure.set(Some(
                        tr(lang, Text::ImportFileFailed)
                            .replace("{file}", &name)
                            .replace("{reason}", &reason),
                    ));
                }
            }
        });
    };
    view! {
        <button type="button" class="button" on:click=move |_| if let Some(element) = input.get_untracked() { element.click() }>
            {move || tr(lang.get(), Text::ImportPublishedFile)}
        </button>
        <input type="file" hidden node_ref=input on:change=on_change data-testid="import-published-file"
            accept=".pdf,.docx,.html,.htm,.txt,.md,application/pdf,text/plain,text/html,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            aria-label=move || tr(lang.get(), Text::ImportPublishedFile) />
    }
}

/// The text of a chosen file, how to read it and what is missing from it, or why it has none
/// (in the clerk's words).
async fn read_file(
    file: &web_sys::File,
    name: &str,
    lang: Lang,
    status: RwSignal<Option<String>>,
) -> Result<(String, SourceKind, Option<String>), String> {
    let lower = name.to_lowercase();
    let bytes = || async {
        JsFuture::from(file.array_buffer())
            .await
            .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec())
            .map_err(|err| crate::dom::js_error_message(&err))
    };
    if lower.ends_with(".pdf") || file.type_() == "application/pdf" {
        status.set(Some(tr(lang, Text::PdfReading).replace("{file}", name)));
        let bytes = bytes().await?;
        let read = read_pdf(&bytes)
            .await
            .map_err(|failure| pdf_failure(lang, &failure))?;
        let mut said = tr(lang, Text::PdfRead)
            .replace("{file}", name)
            .replace("{pages}", &read.pages.to_string());
        if read.unreadable > 0 {
            said.push(' ');
            said.push_str(
                &tr(lang, Text::PdfUnreadableSome).replace("{n}", &read.unreadable.to_string()),
            );
        }
        status.set(Some(said));
        let warning = (!read.damaged_pages.is_empty()).then(|| {
            let pages: Vec<String> = read.damaged_pages.iter().map(u32::to_string).collect();
            tr(lang, Text::PdfDamagedPages).replace("{pages}", &pages.join(", "))
        });
        return Ok((read.text, SourceKind::Text, warning));
    }
    if lower.ends_with(".docx") {
        return report::docx_text(&bytes().await?).map(|text| (text, SourceKind::Text, None));
    }
    let html = lower.ends_with(".html") || lower.ends_with(".htm");
    let text = JsFuture::from(file.text())
        .await
        .map_err(|err| crate::dom::js_error_message(&err))?;
    Ok((
        text.as_string().unwrap_or_default(),
        if html {
            SourceKind::Html
        } else {
            SourceKind::Text
        },
        None,
    ))
}

/// Why a PDF gave no text, in the clerk's words.
pub(crate) fn pdf_failure(lang: Lang, failure: &PdfFailure) -> String {
    match failure {
        PdfFailure::NotPdf => tr(lang, Text::PdfNotPdf).to_string(),
        PdfFailure::Damaged => tr(lang, Text::PdfDamaged).to_string(),
        PdfFailure::Encrypted => tr(lang, Text::PdfEncrypted).to_string(),
        PdfFailure::Scanned => tr(lang, Text::PdfScanned).to_string(),
        PdfFailure::Unreadable => tr(lang, Text::PdfUnreadable).to_string(),
        PdfFailure::Reader(reason) => tr(lang, Text::PdfReader).replace("{reason}", reason),
    }
}

/// What was recognised, and the three ways to keep it.
#[component]
fn Review(
    /// The review of the current source.
    summary: Memo<Option<ImportSummary>>,
    /// The import itself.
    imported: Memo<Option<ImportResult>>,
) -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let library = expect_context::<LibraryCtx>();
    let t = move |text| tr(lang.get(), text);
    let field = move |read: fn(&ImportSummary) -> String| {
        move || summary.with(|s| s.as_ref().map(read).unwrap_or_default())
    };
    let report =
        move || imported.with_untracked(|result| result.as_ref().map(|r| r.report.clone()));
    let save = move |_| {
        if let Some(report) = report() {
            library.create_and_open(&report, None);
        }
    };
    let next_year = move |_| {
        if let Some(last) = report() {
            match library.add(&last, None) {
                Ok(id) => library.create_and_open(&report::next_year(&last), Some(id)),
                Err(err) => library.failure.set(Some(err)),
            }
        }
    };
    // Reports of the following year that could take this one as last year's.
    let targets = Memo::new(move |_| {
        let year = summary.with(|s| s.as_ref().map_or(0, |s| s.year));
        library.index.with(|entries| {
            entries
                .iter()
                .filter(|e| !e.deleted && year > 0 && e.year == year + 1)
                .map(|e| (e.id.clone(), e.title.clone()))
                .collect::<Vec<_>>()
        })
    });
    let target = RwSignal::new(String::new());
    let linked = RwSignal::new(None::<String>);
    let link = move |_| {
        let Some(last) = report() else { return };
        let chosen = target.get_untracked();
        let chosen = if chosen.is_empty() {
            targets.with_untracked(|t| t.first().map(|(id, _)| id.clone()))
        } else {
            Some(chosen)
        };
        let Some(chosen) = chosen else { return };
        let result = library
            .add(&last, None)
            .and_then(|id| library.link_previous(&chosen, &id));
        match result {
            Ok(()) => {
                let title = library.entry(&chosen).map(|e| e.title).unwrap_or_default();
                linked.set(Some(
                    tr(lang.get_untracked(), Text::ImportLinked).replace("{title}", &title),
                ));
            }
            Err(err) => library.failure.set(Some(err)),
        }
    };
    view! {
        <div class="import-review" data-testid="import-review" aria-live="polite">
            <h3>{move || t(Text::ImportRecognised)}</h3>
            <dl class="import-facts">
                <dt>{move || t(Text::ImportAgency)}</dt>
                <dd data-testid="import-agency">{move || {
                    let agency = field(|s| s.agency.clone())();
                    if agency.is_empty() { t(Text::ImportNone).to_string() } else { agency }
                }}</dd>
                <dt>{move || t(Text::ImportYear)}</dt>
                <dd data-testid="import-year">{move || {
                    let year = summary.with(|s| s.as_ref().map_or(0, |s| s.year));
                    if year == 0 { t(Text::ImportNone).to_string() } else { year.to_string() }
                }}</dd>
                <dt>{move || t(Text::ImportFormat)}</dt>
                <dd>{field(|s| report::Template::get(s.template).name.to_string())}</dd>
            </dl>
            <Show when=move || summary.with(|s| s.as_ref().is_some_and(|s| !s.errors.is_empty()))>
                <div class="banner error" role="alert" data-testid="import-errors">
                    <strong>{move || t(Text::ImportErrors)}</strong>
                    // The importer writes its notes in Chinese only; marked so, for screen readers.
                    <ul lang="zh-CN">{move || summary.with(|s| s.as_ref().map(|s| s.errors.iter().map(|e| view! { <li>{e.clone()}</li> }).collect_view()))}</ul>
                </div>
            </Show>
            <h4>{move || t(Text::ImportSections)}</h4>
            <ul class="import-list" data-testid="import-sections">
                {move || summary.with(|s| s.as_ref().map(|s| s.sections.iter().map(|(heading, chars)| {
                    let chars = tr(lang.get_untracked(), Text::ImportChars).replace("{n}", &chars.to_string());
                    view! { <li><span class="official-label">{heading.clone()}</span> <span class="muted">{chars}</span></li> }
                }).collect_view()))}
            </ul>
            <h4>{move || t(Text::ImportTables)}</h4>
            <ul class="import-list" data-testid="import-tables">
                {move || summary.with(|s| s.as_ref().map(|s| s.tables.iter().map(|(title, filled, cells)| {
                    let count = tr(lang.get_untracked(), Text::ImportCells)
                        .replace("{filled}", &filled.to_string())
                        .replace("{cells}", &cells.to_string());
                    let complete = filled == cells;
                    view! { <li class:incomplete=!complete><span class="official-label">{title.clone()}</span> <span class="muted">{count}</span></li> }
                }).collect_view()))}
            </ul>
            <Show when=move || summary.with(|s| s.as_ref().is_some_and(|s| !s.unrecognised.is_empty()))>
                <details class="import-unrecognised" data-testid="import-unrecognised">
                    <summary>{move || t(Text::ImportUnrecognised).replace("{n}", &summary.with(|s| s.as_ref().map_or(0, |s| s.unrecognised.len())).to_string())}</summary>
                    <ul lang="zh-CN">{move || summary.with(|s| s.as_ref().map(|s| s.unrecognised.iter().map(|u| view! { <li>{u.clone()}</li> }).collect_view()))}</ul>
                </details>
            </Show>
            <div class="form-actions">
                <button type="button" class="button primary" on:click=next_year>{move || t(Text::ImportNextYear)}</button>
                <button type="button" class="button" on:click=save>{move || t(Text::ImportSave)}</button>
            </div>
            <div class="import-link">
                <label>
                    <span>{move || t(Text::ImportAsPrevious)}</span>
                    <select data-testid="import-target" on:change=move |ev| target.set(event_target_value(&ev))
                        prop:disabled=move || targets.with(Vec::is_empty)>
                        <Show when=move || targets.with(Vec::is_empty)>
                            <option value="">{move || t(Text::ImportNoTarget)}</option>
                        </Show>
                        <For each=move || targets.get() key=|(id, _)| id.clone() let:item>
                            <option value=item.0.clone()>{item.1.clone()}</option>
                        </For>
                    </select>
                </label>
                <button type="button" class="button" on:click=link prop:disabled=move || targets.with(Vec::is_empty)>
                    {move || t(Text::ImportLink)}
                </button>
            </div>
            <Show when=move || linked.get().is_some()>
                <p class="banner" role="status" data-testid="import-linked">{move || linked.get()}</p>
            </Show>
        </div>
    }
}
