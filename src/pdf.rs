//! Reading a PDF's text for the import: the bytes go to the PDF worker (`crates/pdf-worker`,
//! its own wasm, fetched only now, never at start-up), which answers with the text and its
//! layout or with why there is none. The page never freezes on a large PDF, and the worker
//! is ended once it has answered. The single-file edition carries the worker's script in the
//! page (a `text/plain` script element) and starts it from a blob.

use js_sys::{Array, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, MessageEvent, Url, Worker};

/// Where the worker's loader lies beside `index.html` (Trunk's worker build, unhashed).
const WORKER_URL: &str = "./pdf-worker_loader.js";
/// The element holding the whole worker script in the single-file edition.
const INLINE_WORKER_ID: &str = "pdf-worker-source";

/// A PDF's text, ready for `report::import_text`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PdfText {
    /// Lines and columns as laid out on the pages, `\u{c}` after each page.
    pub(crate) text: String,
    /// How many pages the PDF has.
    pub(crate) pages: u32,
    /// Pages (from 1) whose content could not be decoded: their text is missing.
    pub(crate) damaged_pages: Vec<u32>,
    /// Characters whose font did not say which character they are (left out).
    pub(crate) unreadable: u32,
}

/// Why a PDF gave no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PdfFailure {
    /// Not a PDF at all.
    NotPdf,
    /// Damaged or truncated.
    Damaged,
    /// Protected by a password.
    Encrypted,
    /// Pictures of pages with no text layer.
    Scanned,
    /// Fonts that do not say which characters they draw.
    Unreadable,
    /// The PDF reader itself could not be started or answered oddly; the browser's reason.
    Reader(String),
}

/// The text of the PDF `bytes`, read in the PDF worker.
pub(crate) async fn read_pdf(bytes: &[u8]) -> Result<PdfText, PdfFailure> {
    let (worker, blob_url) = start_worker().map_err(|err| PdfFailure::Reader(describe(&err)))?;
    let result = exchange(&worker, bytes).await;
    worker.terminate();
    // Kept until the worker is done: a worker may fetch its script after it is created.
    if let Some(url) = blob_url {
        let _ = Url::revoke_object_url(&url);
    }
    result
}

async fn exchange(worker: &Worker, bytes: &[u8]) -> Result<PdfText, PdfFailure> {
    let reader = |err: JsValue| PdfFailure::Reader(describe(&err));
    // The worker says when its wasm is ready: a message sent before would be lost.
    next_message(worker).await.map_err(reader)?;
    let reply = next_message(worker);
    let data = Uint8Array::from(bytes);
    worker
        .post_message_with_transfer(&data, &Array::of1(&data.buffer()))
        .map_err(reader)?;
    let event: MessageEvent = reply.await.map_err(reader)?.unchecked_into();
    let answer = event.data();
    let field = |name: &str| Reflect::get(&answer, &JsValue::from_str(name)).ok();
    if let Some(code) = field("error").and_then(|code| code.as_string()) {
        return Err(match code.as_str() {
            "not_pdf" => PdfFailure::NotPdf,
            "damaged" => PdfFailure::Damaged,
            "encrypted" => PdfFailure::Encrypted,
            "scanned" => PdfFailure::Scanned,
            "unreadable" => PdfFailure::Unreadable,
            other => PdfFailure::Reader(other.to_string()),
        });
    }
    let text = field("text")
        .and_then(|text| text.as_string())
        .ok_or_else(|| PdfFailure::Reader("the PDF reader gave no text".to_string()))?;
    let count = |name: &str| field(name).and_then(|n| n.as_f64()).unwrap_or(0.0) as u32;
    let damaged_pages = field("damaged")
        .map(|pages| {
            Array::from(&pages)
                .iter()
                .filter_map(|page| page.as_f64())
                .map(|page| page as u32)
                .collect()
        })
        .unwrap_or_default();
    Ok(PdfText {
        text,
        damaged_pages,
        pages: count("pages"),
        unreadable: count("unreadable"),
    })
}

/// The next message (or error) from `worker`, as a future.
fn next_message(worker: &Worker) -> JsFuture {
    let promise = Promise::new(&mut |resolve, reject| {
        worker.set_onmessage(Some(&resolve));
        worker.set_onerror(Some(&reject));
        worker.set_onmessageerror(Some(&reject));
    });
    JsFuture::from(promise)
}

/// The worker from its file beside the page, or from the script the single-file page holds
/// (with the blob URL to give back when done).
fn start_worker() -> Result<(Worker, Option<String>), JsValue> {
    let inline = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(INLINE_WORKER_ID))
        .and_then(|element| element.text_content());
    match inline {
        Some(script) => {
            let options = BlobPropertyBag::new();
            options.set_type("text/javascript");
            let blob = Blob::new_with_str_sequence_and_options(
                &Array::of1(&JsValue::from_str(&script)),
                &options,
            )?;
            let url = Url::create_object_url_with_blob(&blob)?;
            Ok((Worker::new(&url)?, Some(url)))
        }
        None => Ok((Worker::new(WORKER_URL)?, None)),
    }
}

/// A readable reason from a JavaScript error or error event.
fn describe(err: &JsValue) -> String {
    if let Some(event) = err.dyn_ref::<web_sys::ErrorEvent>() {
        let message = event.message();
        return if message.is_empty() {
            "the PDF reader could not be loaded".to_string()
        } else {
            message
        };
    }
    if err.is_instance_of::<web_sys::Event>() {
        return "the PDF reader could not be loaded".to_string();
    }
    crate::dom::js_error_message(err)
}
