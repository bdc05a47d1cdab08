//! The 图解 as a PNG at print resolution, drawn in the browser from the SVG the core writes:
//! the SVG loaded as an image, painted on a canvas on white, read back as a PNG blob. The one
//! place that touches image and canvas APIs; failures come back as messages.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, BlobPropertyBag, CanvasRenderingContext2d, HtmlCanvasElement, HtmlImageElement, Url,
};

use crate::dom::js_error_message;

/// A4 at 300 dpi, the resolution print shops and 政务 websites ask for.
pub const PRINT_WIDTH: u32 = 2480;
/// See [`PRINT_WIDTH`].
pub const PRINT_HEIGHT: u32 = 3508;

/// Draws `svg` (one A4 page) as a PNG of [`PRINT_WIDTH`] × [`PRINT_HEIGHT`] pixels.
pub async fn png(svg: &str) -> Result<Blob, String> {
    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or("no document")?;
    let options = BlobPropertyBag::new();
    options.set_type("image/svg+xml;charset=utf-8");
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(svg));
    let source = Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|err| js_error_message(&err))?;
    let url = Url::create_object_url_with_blob(&source).map_err(|err| js_error_message(&err))?;
    let image = HtmlImageElement::new().map_err(|err| js_error_message(&err))?;
    let waiting = image.clone();
    let loaded = js_sys::Promise::new(&mut |resolve, reject| {
        waiting.set_onload(Some(&resolve));
        waiting.set_onerror(Some(&reject));
    });
    image.set_src(&url);
    let result = JsFuture::from(loaded).await;
    let _ = Url::revoke_object_url(&url);
    result.map_err(|_| "the picture could not be drawn".to_string())?;

    let canvas = document
        .create_element("canvas")
        .map_err(|err| js_error_message(&err))?
        .dyn_into::<HtmlCanvasElement>()
        .map_err(|_| "not a canvas".to_string())?;
    canvas.set_width(PRINT_WIDTH);
    canvas.set_height(PRINT_HEIGHT);
    let context = canvas
        .get_context("2d")
        .map_err(|err| js_error_message(&err))?
        .ok_or("no 2D canvas")?
        .dyn_into::<CanvasRenderingContext2d>()
        .map_err(|_| "not a 2D canvas".to_string())?;
    // White paper under the picture: a PNG is transparent where nothing is drawn.
    context.set_fill_style_str("#ffffff");
    let (width, height) = (f64::from(PRINT_WIDTH), f64::from(PRINT_HEIGHT));
    context.fill_rect(0.0, 0.0, width, height);
    context
        .draw_image_with_html_image_element_and_dw_and_dh(&image, 0.0, 0.0, width, height)
        .map_err(|err| js_error_message(&err))?;
    let mut failed = None;
    let encoded = js_sys::Promise::new(&mut |resolve, _reject| {
        failed = canvas.to_blob(&resolve).err();
    });
    if let Some(err) = failed {
        return Err(js_error_message(&err));
    }
    JsFuture::from(encoded)
        .await
        .map_err(|err| js_error_message(&err))?
        .dyn_into::<Blob>()
        .map_err(|_| "the browser made no PNG".to_string())
}

/// [`png`] as bytes, for a file that embeds the picture (the Word download).
pub async fn png_bytes(svg: &str) -> Result<Vec<u8>, String> {
    let blob = png(svg).await?;
    let buffer = JsFuture::from(blob.array_buffer())
        .await
        .map_err(|err| js_error_message(&err))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
