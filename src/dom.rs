//! Small DOM helpers shared by the editors: input-method state of an input event and focusing
//! an element by selector. No state, no rendering.

use wasm_bindgen::JsCast;

/// Whether an `input` event belongs to an unfinished input-method composition (pinyin being
/// typed): such events must not be committed, the `compositionend` event brings the text.
pub fn is_composing(ev: &web_sys::Event) -> bool {
    ev.dyn_ref::<web_sys::InputEvent>()
        .is_some_and(web_sys::InputEvent::is_composing)
}

/// Focuses the first element matching `selector`, if any.
pub fn focus(selector: &str) {
    let element = leptos::prelude::document()
        .query_selector(selector)
        .ok()
        .flatten();
    if let Some(element) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// The message of a JavaScript exception (its `message`, or the thrown string), or its debug
/// form when it has neither.
pub fn js_error_message(err: &wasm_bindgen::JsValue) -> String {
    err.as_string()
        .or_else(|| {
            js_sys::Reflect::get(err, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
        })
        .unwrap_or_else(|| format!("{err:?}"))
}
