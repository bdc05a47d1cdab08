//! The 下载 ▾ menu: the report as a web page (HTML), Word (.docx), the JSON report file, the
//! tables as CSV and the 图解 alone as SVG or PNG, all generated from the same document as
//! the preview. Saving the
//! bytes is `crate::download`; a failure is shown under the menu.

use leptos::html::{Dialog, Div};
use leptos::prelude::*;
use report::{Block, Document, Lang, TemplateId};
use wasm_bindgen::JsCast;

use super::ctx::EditorCtx;
use crate::download;
use crate::i18n::LangCtx;
use crate::i18n::{Text, tr, unfinished};

/// What a download is made from.
#[derive(Debug, Clone, Copy)]
enum Writer {
    /// The document the preview shows (with the 图解 page when chosen).
    Document(fn(&Document) -> Vec<u8>),
    /// Word: the document, with the 图解 page as a picture the browser draws when chosen.
    Word,
    /// The report file itself.
    Json,
    /// The 图解 page alone, as the core writes it.
    Svg,
    /// The 图解 page alone, drawn as a PNG by the browser (asynchronous).
    Png,
}

impl Writer {
    /// Whether it draws the 图解 (the legacy format has nothing to draw).
    fn draws(self) -> bool {
        matches!(self, Writer::Svg | Writer::Png)
    }
}

/// One kind of download: its menu label, file extension, MIME type and writer, and whether
/// it is a publication (web page, Word, pictures), which asks first when the report has errors or blank cells, as
/// printing does. The JSON backup and the CSV data never ask: they are for keeping working.
struct Format {
    label: Text,
    ext: &'static str,
    mime: &'static str,
    write: Writer,
    publishes: bool,
}

static FORMATS: [Format; 6] = [
    Format {
        label: Text::DownloadHtml,
        ext: "html",
        mime: "text/html;charset=utf-8",
        write: Writer::Document(|d| report::to_html(d).into_bytes()),
        publishes: true,
    },
    Format {
        label: Text::DownloadDocx,
        ext: "docx",
        mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        write: Writer::Word,
        publishes: true,
    },
    Format {
        label: Text::DownloadJson,
        ext: "json",
        mime: "application/json",
        write: Writer::Json,
        publishes: false,
    },
    Format {
        label: Text::DownloadCsv,
        ext: "csv",
        mime: "text/csv;charset=utf-8",
        write: Writer::Document(|d| report::to_csv(d).into_bytes()),
        publishes: false,
    },
    Format {
        label: Text::DownloadSvg,
        ext: "svg",
        mime: "image/svg+xml",
        write: Writer::Svg,
        publishes: true,
    },
    Format {
        label: Text::DownloadPng,
        ext: "png",
        mime: "image/png",
        write: Writer::Png,
        publishes: true,
    },
];

/// What a download is, once made from the report.
enum Made {
    /// The file's bytes.
    Bytes(Vec<u8>),
    /// The 图解's SVG, for the browser to draw as a PNG.
    Png(String),
    /// A Word document whose 图解 page is drawn as a picture first (the page's SVG).
    WordWithPicture(Document, String),
}

/// The file name and what the download is made of, or why there is none. The document is
/// rendered once; a chosen 图解 page is taken from it, not drawn again.
fn made(ctx: EditorCtx, format: &Format, lang: Lang) -> Result<(String, Made), String> {
    ctx.report.with_untracked(|r| {
        let name = || report::file_name(r, format.ext);
        match format.write {
            Writer::Document(write) => Ok((name(), Made::Bytes(write(&ctx.document(r))))),
            Writer::Word => {
                let document = ctx.document(r);
                let page = document.blocks.iter().find_map(|block| match block {
                    Block::Infographic(page) => Some(page.to_svg()),
                    _ => None,
                });
                Ok((
                    name(),
                    match page {
                        Some(svg) => Made::WordWithPicture(document, svg),
                        None => Made::Bytes(report::to_docx(&document)),
                    },
                ))
            }
            Writer::Json => Ok((name(), Made::Bytes(report::to_json(r).into_bytes()))),
            Writer::Svg | Writer::Png => {
                let svg = ctx
                    .infographic(r)
                    .map(|page| page.to_svg())
                    .ok_or_else(|| tr(lang, Text::InfographicNeedsTables).to_string())?;
                let made = match format.write {
                    Writer::Png => Made::Png(svg),
                    _ => Made::Bytes(svg.into_bytes()),
                };
                Ok((report::picture_file_name(r, format.ext), made))
            }
        }
    })
}

/// Runs `saving` (a picture the browser draws asynchronously, then its file), saying so
/// meanwhile and its failure after.
fn after_drawing(
    drawing: RwSignal<bool>,
    failure: RwSignal<Option<String>>,
    saving: impl std::future::Future<Output = Result<(), String>> + 'static,
) {
    drawing.set(true);
    failure.set(None);
    leptos::task::spawn_local(async move {
        let saved = saving.await;
        drawing.set(false);
        failure.set(saved.err());
    });
}

/// A disclosure button with the downloads; Esc or leaving the menu closes it.
#[component]
pub fn DownloadMenu() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<EditorCtx>();
    let open = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let t = move |text| tr(lang.get(), text);
    // The publication format waiting for the answer to “仍要下载吗？”.
    let pending = RwSignal::new(None::<&'static Format>);
    let drawing = RwSignal::new(false);
    let save_now = move |format: &Format| {
        let mime = format.mime;
        match made(ctx, format, lang.get_untracked()) {
            Err(why) => failure.set(Some(why)),
            Ok((name, Made::Bytes(bytes))) => {
                failure.set(download::save(&name, mime, &bytes).err());
            }
            Ok((name, Made::Png(svg))) => after_drawing(drawing, failure, async move {
                let blob = crate::picture::png(&svg).await?;
                download::save_blob(&name, &blob)
            }),
            // The 图解 goes into Word as a picture: drawn first.
            Ok((name, Made::WordWithPicture(document, svg))) => {
                after_drawing(drawing, failure, async move {
                    let png = crate::picture::png_bytes(&svg).await?;
                    let docx = report::to_docx_with_picture(&document, Some(&png));
                    download::save(&name, mime, &docx)
                })
            }
        }
    };
    let save = move |format: &'static Format| {
        open.set(false);
        ctx.check_now();
        if format.publishes && ctx.tally.get_untracked().blocks_publishing() {
            pending.set(Some(format));
        } else {
            save_now(format);
        }
    };
    let dialog = NodeRef::<Dialog>::new();
    // Syncs the signal to the outside world: the dialog's modal state.
    Effect::new(move |_| {
        let waiting = pending.get().is_some();
        if let Some(dialog) = dialog.get() {
            if waiting && !dialog.open() {
                let _ = dialog.show_modal();
            } else if !waiting && dialog.open() {
                dialog.close();
            }
        }
    });
    let question = move || {
        let format = pending
            .get()
            .map(|f| tr(lang.get(), f.label))
            .unwrap_or_default();
        let what = unfinished(lang.get(), ctx.tally.get());
        tr(lang.get(), Text::DownloadWithErrors)
            .replace("{what}", &what)
            .replace("{format}", format)
    };
    let download_anyway = move |_| {
        if let Some(format) = pending.get_untracked() {
            pending.set(None);
            save_now(format);
        }
    };
    let root = NodeRef::<Div>::new();
    // Leaving the menu with Tab or a click elsewhere closes it.
    let on_focusout = move |ev: web_sys::FocusEvent| {
        let to = ev
            .related_target()
            .and_then(|target| target.dyn_into::<web_sys::Node>().ok());
        let stays = root
            .get_untracked()
            .is_some_and(|root| to.is_some_and(|to| root.contains(Some(&to))));
        if !stays {
            open.set(false);
        }
    };
    view! {
        <div class="download-menu" node_ref=root on:focusout=on_focusout
            on:keydown=move |ev| match ev.key().as_str() {
                // Esc closes the menu and gives the focus back to its button.
                "Escape" => {
                    open.set(false);
                    crate::dom::focus(".download-menu > button");
                }
                // Arrows move between the items, as in any menu.
                "ArrowDown" | "ArrowUp" => {
                    ev.prevent_default();
                    let down = ev.key() == "ArrowDown";
                    if open.get_untracked() {
                        move_focus(down);
                    } else {
                        // The items are drawn on the next frame.
                        open.set(true);
                        request_animation_frame(move || move_focus(down));
                    }
                }
                _ => {}
            }>
            <button type="button" class="button" aria-haspopup="true" aria-expanded=move || open.get().to_string()
                aria-controls="download-list" on:click=move |_| open.update(|o| *o = !*o)>
                {move || t(Text::Download)} " ▾"
            </button>
            <Show when=move || open.get()>
                <ul id="download-list" class="menu-list">
                    {FORMATS.iter().map(|format| {
                        let nothing_to_draw = move || {
                            format.write.draws() && ctx.report.with(|r| r.template == TemplateId::Legacy)
                        };
                        view! {
                            <li><button type="button" class="menu-item" on:click=move |_| save(format)
                                disabled=nothing_to_draw
                                title=move || nothing_to_draw().then(|| t(Text::InfographicNeedsTables))>
                                {move || t(format.label)}
                            </button></li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
            <Show when=move || drawing.get()>
                <p class="menu-failure" role="status">{move || t(Text::DrawingPicture)}</p>
            </Show>
            <Show when=move || failure.get().is_some()>
                <p class="menu-failure" role="alert">{move || t(Text::DownloadFailed)} {move || failure.get()}</p>
            </Show>
            <dialog node_ref=dialog class="dialog" aria-labelledby="download-confirm-question"
                data-testid="download-confirm" on:close=move |_| {
                    // A late `close` (Esc, then a new download at once) must not cancel it.
                    if dialog.get_untracked().is_some_and(|d| !d.open()) {
                        pending.set(None);
                    }
                }>
                <p id="download-confirm-question">{question}</p>
                <div class="form-actions">
                    <button type="button" class="button primary" on:click=download_anyway>
                        {move || t(Text::DownloadAnyway)}
                    </button>
                    <button type="button" class="button" autofocus on:click=move |_| pending.set(None)>
                        {move || t(Text::Cancel)}
                    </button>
                </div>
            </dialog>
        </div>
    }
}

/// Moves the focus to the next (or previous) item of the open menu, wrapping around; from the
/// button, to the first (or last) item.
fn move_focus(down: bool) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(items) = document.query_selector_all("#download-list .menu-item:not(:disabled)") else {
        return;
    };
    let count = items.length();
    if count == 0 {
        return;
    }
    let active = document.active_element();
    let current = (0..count).find(|&index| {
        items
            .item(index)
            .is_some_and(|item| active.as_ref().is_some_and(|a| a.is_same_node(Some(&item))))
    });
    let next = match (current, down) {
        (Some(index), true) => (index + 1) % count,
        (Some(index), false) => (index + count - 1) % count,
        (None, true) => 0,
        (None, false) => count - 1,
    };
    if let Some(item) = items
        .item(next)
        .and_then(|item| item.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = item.focus();
    }
}
