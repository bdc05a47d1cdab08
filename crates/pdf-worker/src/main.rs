//! The PDF reader of the app's import, run in a web worker so a large PDF never freezes the
//! page, and built as its own wasm so the PDF code is downloaded only when a clerk chooses a
//! PDF (never at start-up). It answers each message holding a PDF's bytes with the text
//! `pdf_text::extract` gives, or with why there is none.
//!
//! Messages: the worker first posts `{ready: true}` (messages sent before its wasm has loaded
//! would be lost); then for each `Uint8Array` it receives, it posts `{text, pages,
//! unreadable, damaged}` (`damaged`: the numbers of pages whose content could not be
//! decoded) or `{error, detail}` where `error` is `not_pdf`, `damaged`, `encrypted`,
//! `scanned` or `unreadable`.

use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn main() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else {
        // Not in a worker (a native build, or loaded by mistake in a page): nothing to serve.
        return;
    };
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let bytes = Uint8Array::new(&event.data()).to_vec();
        let reply = answer(&bytes);
        // A failed post has no one to tell: the page times out waiting and says so.
        let _ = reply_scope.post_message(&reply);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as its page keeps it; so does its handler.
    on_message.forget();
    let _ = scope.post_message(&object(&[("ready", JsValue::TRUE)]));
}

/// The reply to one PDF.
fn answer(bytes: &[u8]) -> JsValue {
    match pdf_text::extract(bytes) {
        Ok(extracted) => object(&[
            ("text", JsValue::from_str(&extracted.text)),
            ("pages", JsValue::from_f64(extracted.pages as f64)),
            ("unreadable", JsValue::from_f64(extracted.unreadable as f64)),
            (
                "damaged",
                extracted
                    .damaged_pages
                    .iter()
                    .map(|page| JsValue::from_f64(*page as f64))
                    .collect::<js_sys::Array>()
                    .into(),
            ),
        ]),
        Err(error) => {
            let code = match &error {
                pdf_text::PdfError::NotPdf => "not_pdf",
                pdf_text::PdfError::Damaged(_) => "damaged",
                pdf_text::PdfError::Encrypted => "encrypted",
                pdf_text::PdfError::Scanned { .. } => "scanned",
                pdf_text::PdfError::Unreadable { .. } => "unreadable",
            };
            object(&[
                ("error", JsValue::from_str(code)),
                ("detail", JsValue::from_str(&error.to_string())),
            ])
        }
    }
}

fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in fields {
        // Setting a plain property on a fresh object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}
