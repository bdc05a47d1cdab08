//! The checking summary out of the browser: CSV for a spreadsheet, a printable HTML page,
//! and printing that page from a frame of its own (so only the summary is printed).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::CollectionCtx;
use crate::i18n::{Lang, LangCtx, Text, tr};

/// The file name of the summary's downloads: “汇总检查表-2024.csv” (in English
/// “collection-summary-2024.csv”).
fn file_name(lang: Lang, year: Option<i32>, extension: &str) -> String {
    let stem = match lang {
        Lang::Zh => "汇总检查表",
        Lang::En => "collection-summary",
    };
    match year {
        Some(year) => format!("{stem}-{year}.{extension}"),
        None => format!("{stem}.{extension}"),
    }
}

/// The collecting office's name and the three ways out.
#[component]
pub fn ExportTools() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<CollectionCtx>();
    let failure = RwSignal::new(None::<String>);
    let t = move |text| tr(lang.get(), text);
    let csv = move |_| {
        let lang = lang.get_untracked();
        let (text, year) = ctx
            .summary
            .with_untracked(|summary| (summary.to_csv(lang), summary.year));
        failure.set(
            crate::download::save(
                &file_name(lang, year, "csv"),
                "text/csv;charset=utf-8",
                text.as_bytes(),
            )
            .err(),
        );
    };
    let page = move || {
        let lang = lang.get_untracked();
        let office = ctx.office.get_untracked();
        ctx.summary
            .with_untracked(|summary| (summary.to_html(&office, lang), summary.year))
    };
    let html = move |_| {
        let (text, year) = page();
        failure.set(
            crate::download::save(
                &file_name(lang.get_untracked(), year, "html"),
                "text/html;charset=utf-8",
                text.as_bytes(),
            )
            .err(),
        );
    };
    let print = move |_| failure.set(print_page(&page().0).err());
    view! {
        <div class="collection-exports">
            <label class="collection-office">
                <span>{move || t(Text::CollectionOfficeLabel)}</span>
                <input type="text" data-testid="collection-office" prop:value=move || ctx.office.get()
                    on:input=move |ev| ctx.office.set(event_target_value(&ev)) />
            </label>
            <div class="form-actions">
                <button type="button" class="button" data-testid="collection-csv" on:click=csv>
                    {move || t(Text::CollectionExportCsv)}
                </button>
                <button type="button" class="button" data-testid="collection-html" on:click=html>
                    {move || t(Text::CollectionExportHtml)}
                </button>
                <button type="button" class="button" data-testid="collection-print" on:click=print>
                    {move || t(Text::CollectionPrint)}
                </button>
            </div>
            <Show when=move || failure.get().is_some()>
                <p class="banner error" role="alert">{move || failure.get()}</p>
            </Show>
        </div>
    }
}

/// Prints `html` from an invisible frame, removed once printing is over.
fn print_page(html: &str) -> Result<(), String> {
    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or("no document")?;
    let body = document.body().ok_or("no body")?;
    let frame: web_sys::HtmlIFrameElement = document
        .create_element("iframe")
        .map_err(|err| crate::dom::js_error_message(&err))?
        .dyn_into()
        .map_err(|_| "not a frame".to_string())?;
    frame.set_attribute("class", "print-frame").ok();
    frame.set_attribute("aria-hidden", "true").ok();
    frame
        .set_attribute("data-testid", "collection-print-frame")
        .ok();
    frame.set_srcdoc(html);
    body.append_child(&frame)
        .map_err(|err| crate::dom::js_error_message(&err))?;
    let loaded = {
        let frame = frame.clone();
        wasm_bindgen::closure::Closure::once_into_js(move || {
            if let Some(window) = frame.content_window() {
                let _ = window.print();
            }
            // `print()` returns when the dialog closes; the frame is not needed after.
            frame.remove();
        })
    };
    frame.set_onload(Some(loaded.unchecked_ref()));
    Ok(())
}
