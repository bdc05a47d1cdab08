//! Small DOM helpers shared by the editors: input-method state of an input event, focusing an
//! element by selector and focusing a grid cell. No state, no rendering.

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

/// Shows the input of a grid cell and focuses it. A grid shows the input of its current cell
/// only and draws the others as text (grid/cell.rs); the cell's own `current` class follows
/// once the focus arrives, this sets it at once (and takes it back if the focus does not go).
pub fn show_and_focus(input: &web_sys::HtmlInputElement) {
    let cell = input.closest("td").ok().flatten();
    let shown = cell
        .as_ref()
        .is_some_and(|cell| !cell.class_list().contains("current"));
    if let (Some(cell), true) = (&cell, shown) {
        let _ = cell.class_list().add_1("current");
    }
    // Selected before it is focused: the focus restores this selection, so the cell's focus
    // handler (which selects the whole value) finds it selected and leaves it (selecting again
    // in a focused input syncs the page's selection a second time: 0.5 ms of a Tab, issue 15).
    let _ = input.set_selection_range(0, u32::MAX);
    let _ = input.focus();
    let arrived = leptos::prelude::document()
        .active_element()
        .is_some_and(|active| &active == input.as_ref());
    if let (Some(cell), true, false) = (&cell, shown, arrived) {
        let _ = cell.class_list().remove_1("current");
    }
}

/// Moves the focus to the grid cell `key` (its input, shown first), if it is drawn.
pub fn focus_cell(key: &str) {
    let input = leptos::prelude::document()
        .query_selector(&format!("input[data-cell=\"{key}\"]"))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
    if let Some(input) = input {
        show_and_focus(&input);
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
