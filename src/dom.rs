//! Small DOM helpers shared by the editors: input-method state of an input event, focusing an
//! element by selector and moving to a grid cell (through the grids on screen, the one state
//! kept here). No rendering.

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

/// What moves to a grid cell by its key: each grid on screen registers one
/// ([`add_cell_mover`]); it moves its input there and returns `true` when the cell is its own.
type CellMover = Box<dyn Fn(&str) -> bool>;

thread_local! {
    /// The grids on screen, by registration number.
    static CELL_MOVERS: std::cell::RefCell<Vec<(u64, std::rc::Rc<CellMover>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
    static NEXT_MOVER: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Registers a grid's way to move to one of its cells; returns the number to remove it with
/// when the grid goes.
pub fn add_cell_mover(mover: impl Fn(&str) -> bool + 'static) -> u64 {
    let id = NEXT_MOVER.with(|next| next.replace(next.get() + 1));
    CELL_MOVERS.with(|movers| {
        movers
            .borrow_mut()
            .push((id, std::rc::Rc::new(Box::new(mover))))
    });
    id
}

/// Forgets the grid registered as `id`.
pub fn remove_cell_mover(id: u64) {
    CELL_MOVERS.with(|movers| movers.borrow_mut().retain(|(at, _)| *at != id));
}

/// Moves the focus to the grid cell `key`, if a grid on screen draws it. A grid has one input,
/// placed over its current cell (editor/grid.rs), so this goes through the grid.
pub fn focus_cell(key: &str) {
    // The list is copied out first: moving wakes the grid's signals, which may add or remove
    // a grid while the list would still be borrowed.
    let movers: Vec<_> = CELL_MOVERS.with(|movers| {
        movers
            .borrow()
            .iter()
            .map(|(_, mover)| std::rc::Rc::clone(mover))
            .collect()
    });
    for mover in movers {
        if mover(key) {
            return;
        }
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
