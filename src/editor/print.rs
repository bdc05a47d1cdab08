//! Printing the report: the 打印 buttons and Ctrl+P ask once, in an in-app dialog, when the
//! report has errors or blank cells, then call the browser's print. What gets printed is decided by the
//! print style (`style/main.css`, `@media print`), which hides everything but the document,
//! so the browser's own menu prints the same thing without passing through here.

use leptos::html::Dialog;
use leptos::prelude::*;

use super::ctx::EditorCtx;
use crate::i18n::LangCtx;
use crate::i18n::{Text, tr, unfinished};

/// Whether the question “仍要打印吗？” is open, shared by the print buttons, Ctrl+P and the
/// dialog.
#[derive(Debug, Clone, Copy)]
pub struct PrintCtx {
    /// The question is open.
    pub confirm: RwSignal<bool>,
}

impl PrintCtx {
    /// Nothing asked yet.
    pub fn new() -> PrintCtx {
        PrintCtx {
            confirm: RwSignal::new(false),
        }
    }
}

impl Default for PrintCtx {
    fn default() -> Self {
        PrintCtx::new()
    }
}

/// Prints at once, or first asks whether to print a report that has errors or blank cells.
pub fn request_print(ctx: EditorCtx, print: PrintCtx) {
    ctx.check_now();
    if !ctx.tally.get_untracked().blocks_publishing() {
        print_now();
    } else {
        print.confirm.set(true);
    }
}

fn print_now() {
    if let Some(Err(err)) = web_sys::window().map(|window| window.print()) {
        leptos::logging::warn!("printing failed: {err:?}");
    }
}

/// Ctrl+P (⌘P) prints the report through [`request_print`] while the editor is open.
pub fn install(ctx: EditorCtx, print: PrintCtx) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.is_composing() || !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
            return;
        }
        if ev.key().eq_ignore_ascii_case("p") {
            ev.prevent_default();
            request_print(ctx, print);
        }
    });
    on_cleanup(move || handle.remove());
}

/// The modal question “报告有 N 个错误，仍要打印吗？” (or the cells still blank): a native `<dialog>`, so focus stays
/// inside, Esc cancels and screen readers announce it.
#[component]
pub fn PrintConfirm() -> impl IntoView {
    let LangCtx(lang) = expect_context::<LangCtx>();
    let ctx = expect_context::<EditorCtx>();
    let print = expect_context::<PrintCtx>();
    let dialog = NodeRef::<Dialog>::new();
    // Syncs the signal to the outside world: the dialog's modal state.
    Effect::new(move |_| {
        let open = print.confirm.get();
        if let Some(dialog) = dialog.get() {
            if open && !dialog.open() {
                let _ = dialog.show_modal();
            } else if !open && dialog.open() {
                dialog.close();
            }
        }
    });
    let question = move || {
        let lang = lang.get();
        tr(lang, Text::PrintWithErrors).replace("{what}", &unfinished(lang, ctx.tally.get()))
    };
    let print_anyway = move |_| {
        // Close before printing: the print snapshot must not wait for the next render.
        if let Some(dialog) = dialog.get_untracked() {
            dialog.close();
        }
        print.confirm.set(false);
        print_now();
    };
    view! {
        <dialog node_ref=dialog class="dialog" aria-labelledby="print-confirm-question"
            on:close=move |_| {
                // A `close` queued by Esc can arrive after the dialog was opened again
                // (Esc, then Ctrl+P at once): only a dialog that is closed now is closed.
                if dialog.get_untracked().is_some_and(|d| !d.open()) {
                    print.confirm.set(false);
                }
            }>
            <p id="print-confirm-question">{question}</p>
            <div class="form-actions">
                <button type="button" class="button primary" on:click=print_anyway>
                    {move || tr(lang.get(), Text::PrintAnyway)}
                </button>
                <button type="button" class="button" autofocus on:click=move |_| print.confirm.set(false)>
                    {move || tr(lang.get(), Text::Cancel)}
                </button>
            </div>
        </dialog>
    }
}
