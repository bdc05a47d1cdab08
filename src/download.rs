//! Saving bytes made in Rust as a file the browser downloads: a `Blob`, an object URL and a
//! temporary `<a download>` that is clicked and removed. The one place that touches these
//! browser APIs; it decides nothing about what is saved, and failures come back as messages.

use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

use crate::dom::js_error_message;

/// How long the object URL outlives the click: the browser reads the blob asynchronously,
/// and revoking it at once can cancel the download in some browsers.
const REVOKE_AFTER: std::time::Duration = std::time::Duration::from_secs(30);

/// Offers `bytes` as a download named `name` with the MIME type `mime`.
pub fn save(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|err| js_error_message(&err))?;
    save_blob(name, &blob)
}

/// Offers a blob the browser made (a picture drawn on a canvas) as a download named `name`.
pub fn save_blob(name: &str, blob: &Blob) -> Result<(), String> {
    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or("no document")?;
    let url = Url::create_object_url_with_blob(blob).map_err(|err| js_error_message(&err))?;
    let link = document
        .create_element("a")
        .map_err(|err| js_error_message(&err))?
        .dyn_into::<HtmlAnchorElement>()
        .map_err(|_| "not an anchor element".to_string())?;
    link.set_href(&url);
    link.set_download(name);
    link.set_hidden(true);
    let body = document.body().ok_or("no document body")?;
    body.append_child(&link)
        .map_err(|err| js_error_message(&err))?;
    link.click();
    link.remove();
    leptos::prelude::set_timeout(
        move || {
            let _ = Url::revoke_object_url(&url);
        },
        REVOKE_AFTER,
    );
    Ok(())
}
