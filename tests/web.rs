//! Browser tests of the app's components, run by wasm-bindgen-test in headless Chromium:
//! the shell's language switch, the grid's keyboard and paste handling, and the collection's IndexedDB shelf.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use nianbao_app::editor::Editor;
use nianbao_app::i18n::Lang;
use nianbao_app::i18n::LangCtx;
use nianbao_app::state::LibraryCtx;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn text_of(selector: &str) -> String {
    document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|el| el.text_content())
        .unwrap_or_default()
}

fn click(selector: &str) {
    let element = document().query_selector(selector).ok().flatten();
    let button = element.and_then(|el| el.dyn_into::<HtmlElement>().ok());
    button.expect("element to click is present").click();
}

/// The table cell (`<td>`) of the grid cell `key`.
fn cell_box(key: &str) -> web_sys::Element {
    document()
        .query_selector(&format!(".grid td[data-cell=\"{key}\"]"))
        .ok()
        .flatten()
        .expect("cell is drawn")
}

/// The grid's one input, placed over its current cell.
fn grid_input() -> HtmlInputElement {
    document()
        .query_selector(".grid-input")
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<HtmlInputElement>().ok())
        .expect("the grid has its input")
}

/// The text of the cell `key` (hidden under the input while it is current).
fn text_of_cell(key: &str) -> Option<web_sys::Element> {
    cell_box(key).query_selector(".cell-text").ok().flatten()
}

/// The value the cell `key` shows: the input's over the current cell (whose own text is
/// hidden and left as it was), else the cell's text.
fn cell_value(key: &str) -> String {
    if cell_box(key).class_list().contains("current") {
        return grid_input().value();
    }
    text_of_cell(key)
        .and_then(|span| span.text_content())
        .unwrap_or_default()
}

/// The key of the cell whose input has the focus, once the input's attributes follow.
async fn focused_cell() -> String {
    settle().await;
    document()
        .active_element()
        .and_then(|el| el.get_attribute("data-cell"))
        .unwrap_or_default()
}

fn press(key: &str, shift: bool) {
    press_with(key, shift, false);
}

/// A keydown of `key` at the focused element, with Shift and Ctrl as given.
fn press_with(key: &str, shift: bool, ctrl: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_ctrl_key(ctrl);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
        .expect("keyboard event");
    if let Some(target) = document().active_element() {
        let _ = target.dispatch_event(&event);
    }
}

fn type_into_focused(text: &str) {
    let input = document()
        .active_element()
        .and_then(|el| el.dyn_into::<HtmlInputElement>().ok())
        .expect("an input has the focus");
    input.set_value(text);
    // Bubbling, as a real one does: Leptos listens for input events on the document.
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).expect("input event");
    let _ = input.dispatch_event(&event);
}

/// Lets the reactive system apply the edits to the DOM.
async fn settle() {
    for _ in 0..5 {
        leptos::task::tick().await;
    }
}

fn paste_into_focused(text: &str) {
    let data = web_sys::DataTransfer::new().expect("data transfer");
    let _ = data.set_data("text/plain", text);
    let init = web_sys::ClipboardEventInit::new();
    init.set_clipboard_data(Some(&data));
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = web_sys::ClipboardEvent::new_with_event_init_dict("paste", &init).expect("paste");
    if let Some(target) = document().active_element() {
        let _ = target.dispatch_event(&event);
    }
}

/// A fresh element to mount into: the test runner keeps its output in `<body>`, so the
/// body itself is never replaced. The app's stylesheet is put in the page as well: what the
/// grid shows and what can take the focus depend on it (a cell drawn as text hides its input).
fn host() -> HtmlElement {
    if document().get_element_by_id("app-style").is_none()
        && let (Ok(style), Some(head)) = (document().create_element("style"), document().head())
    {
        style.set_id("app-style");
        style.set_text_content(Some(include_str!("../style/main.css")));
        let _ = head.append_child(&style);
    }
    let host = document().create_element("div").expect("div");
    let body = document().body().expect("body");
    let _ = body.append_child(&host);
    host.unchecked_into()
}

/// Stores an empty 2023 report, mounts its editor and shows table 三. Dropping the returned
/// handle unmounts it.
async fn open_requests_grid() -> impl Sized {
    if let Ok(Some(storage)) = window().local_storage() {
        let _ = storage.clear();
    }
    let library = LibraryCtx::load(RwSignal::new(Lang::Zh));
    let id = library
        .add(&report::Report::new("测试机关", 2023), None)
        .expect("stored");
    let handle = leptos::mount::mount_to(host(), move || {
        provide_context(LangCtx(RwSignal::new(Lang::Zh)));
        provide_context(library);
        view! { <Editor id=id.clone() /> }
    });
    leptos::task::tick().await;
    // 封面信息, 前言, 一, 二, 三: table 三 is the fifth entry.
    click(".section-nav li:nth-child(5) .nav-item");
    leptos::task::tick().await;
    // The opening moves the focus to the editor's title in the next frame: past it, the
    // focus is the test's to move.
    next_frame().await;
    handle
}

#[wasm_bindgen_test]
async fn app_mounts_in_chinese_and_switches_to_english() {
    // Start from a clean preference so the default language shows.
    if let Ok(Some(storage)) = window().local_storage() {
        let _ = storage.clear();
    }
    let handle = leptos::mount::mount_to(host(), nianbao_app::App);
    leptos::task::tick().await;
    // The header is drawn at once, the library in the next task (`split::Deferred`).
    assert_eq!(text_of("[data-testid=product-name]"), "年报");
    assert!(document().get_element_by_id("library-title").is_none());
    next_task().await;
    assert_eq!(text_of("#library-title"), "报告库");

    click(".lang-option:nth-child(2)");
    leptos::task::tick().await;
    assert_eq!(text_of("#library-title"), "Library");
    let stored = window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item("nianbao.lang").ok().flatten());
    assert_eq!(stored.as_deref(), Some("\"en\""));
    click(".lang-option:nth-child(1)");
    leptos::task::tick().await;
    drop(handle);
}

#[wasm_bindgen_test]
async fn grid_moves_with_arrows_tab_and_enter_and_escape_cancels() {
    let grid = open_requests_grid().await;
    nianbao_app::dom::focus_cell("requests.new.natural");
    assert_eq!(focused_cell().await, "requests.new.natural");
    press("ArrowRight", false);
    assert_eq!(focused_cell().await, "requests.new.business");
    press("ArrowDown", false);
    assert_eq!(focused_cell().await, "requests.carried_in.business");
    press("Tab", true);
    assert_eq!(focused_cell().await, "requests.carried_in.natural");
    press("Tab", true);
    assert_eq!(focused_cell().await, "requests.new.total");
    press("Enter", false);
    assert_eq!(focused_cell().await, "requests.carried_in.total");

    type_into_focused("１２");
    settle().await;
    assert_eq!(cell_value("requests.carried_in.total"), "１２");
    press("Escape", false);
    settle().await;
    assert_eq!(cell_value("requests.carried_in.total"), "");
    press("ArrowUp", false);
    assert_eq!(focused_cell().await, "requests.new.total");
    drop(grid);
}

#[wasm_bindgen_test]
async fn keys_typed_right_after_a_move_replace_the_value_moved_to() {
    let grid = open_requests_grid().await;
    nianbao_app::dom::focus_cell("requests.new.business");
    assert_eq!(focused_cell().await, "requests.new.business");
    type_into_focused("456");
    settle().await;
    press("Tab", true);
    assert_eq!(focused_cell().await, "requests.new.natural");
    // The move and the digits in one task: no frame comes between them to give the input
    // the value moved to, so the first key does. Typed by key, each digit goes in where the
    // browser's typing would put it: over the selected value, then after the caret.
    press("Tab", false);
    press("7", false);
    press("8", false);
    settle().await;
    assert_eq!(focused_cell().await, "requests.new.business");
    assert_eq!(grid_input().value(), "78");
    press("Enter", false);
    settle().await;
    assert_eq!(cell_value("requests.new.business"), "78");
    // A key with Ctrl is no character typed: the value stays.
    press("Enter", true);
    press_with("b", false, true);
    settle().await;
    assert_eq!(grid_input().value(), "78");
    drop(grid);
}

/// Whether the grid's input is placed over the cell `key`, with the cell's text hidden
/// under it; the other cells show their text.
async fn input_over(key: &str) -> bool {
    settle().await;
    let (input, cell) = (grid_input().get_bounding_client_rect(), cell_box(key));
    let at = cell.get_bounding_client_rect();
    let (x, y) = (
        input.x() + input.width() / 2.0,
        input.y() + input.height() / 2.0,
    );
    let over = at.left() <= x && x <= at.right() && at.top() <= y && y <= at.bottom();
    over && cell.class_list().contains("current")
}

/// The class of the text the cell of `key` shows.
fn text_class(key: &str) -> String {
    text_of_cell(key)
        .map(|span| span.class_name())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_grid_input_sits_over_the_current_cell_and_the_others_show_their_value() {
    let grid = open_requests_grid().await;
    // The editor's opening moves the focus to its title in a task of its own.
    next_task().await;
    // Before any cell is focused the first one is current: Tab into the grid lands there.
    assert!(input_over("requests.new.natural").await);
    assert!(!input_over("requests.new.business").await);
    assert!(!input_over("requests.new.total").await);
    // Moving to a cell places the input over it.
    nianbao_app::dom::focus_cell("requests.new.business");
    assert_eq!(focused_cell().await, "requests.new.business");
    assert!(input_over("requests.new.business").await);
    type_into_focused("12");
    settle().await;
    // The first cell is no longer current.
    assert!(!input_over("requests.new.natural").await);
    press("ArrowRight", false);
    settle().await;
    assert_eq!(focused_cell().await, "requests.new.research");
    // The cell left behind shows what was typed, as text.
    assert!(!input_over("requests.new.business").await);
    assert_eq!(cell_value("requests.new.business"), "12");
    // A block pasted from here fills cells drawn as text: they show the new values.
    paste_into_focused("5\t6\n");
    settle().await;
    assert_eq!(cell_value("requests.new.nonprofit"), "6");
    assert_eq!(cell_value("requests.new.research"), "5");
    // A mark arriving from the check (its own task) keeps the focused cell shown: the marks
    // are classes of their own, not a class attribute rewritten over `current`.
    type_into_focused("abc");
    next_task().await;
    assert!(cell_class("requests.new.research").contains("has-error"));
    assert!(input_over("requests.new.research").await);
    assert_eq!(focused_cell().await, "requests.new.research");
    // A press of the mouse on a cell drawn as text moves there.
    mouse_down_on_text("requests.new.legal");
    settle().await;
    assert_eq!(focused_cell().await, "requests.new.legal");
    assert!(input_over("requests.new.legal").await);
    assert!(!input_over("requests.new.research").await);
    // A value too long for its column is cut as text, and kept whole. Under the input the
    // text keeps the class it had while it is typed over (a class change there lays the
    // whole page out again); it follows as the input leaves.
    type_into_focused("1234567890");
    settle().await;
    assert!(!text_class("requests.new.legal").contains("long"));
    press("ArrowLeft", false);
    next_frame().await;
    // The input holds the next cell's value, wholly selected: typing replaces it.
    assert_eq!(focused_cell().await, "requests.new.nonprofit");
    assert_eq!(grid_input().value(), "6");
    assert_eq!(selected_text(&grid_input()), "6");
    assert_eq!(cell_value("requests.new.legal"), "1234567890");
    assert!(text_class("requests.new.legal").contains("long"));
    assert!(!text_class("requests.new.research").contains("long"));
    drop(grid);
}

#[wasm_bindgen_test]
async fn a_move_keeps_the_focus_in_the_input_which_follows_the_table_size() {
    let grid = open_requests_grid().await;
    next_task().await;
    nianbao_app::dom::focus_cell("requests.new.natural");
    settle().await;
    let input = grid_input();
    // A move within the grid is no focus change: the input stays the focused element.
    let moves = std::rc::Rc::new(std::cell::Cell::new(0));
    let counter = std::rc::Rc::clone(&moves);
    let on_focus =
        wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || counter.set(counter.get() + 1));
    let _ = input.add_event_listener_with_callback("focus", on_focus.as_ref().unchecked_ref());
    let _ = input.add_event_listener_with_callback("blur", on_focus.as_ref().unchecked_ref());
    press("Tab", false);
    press("ArrowDown", false);
    press("Enter", false);
    assert_eq!(focused_cell().await, "requests.granted.business");
    assert_eq!(moves.get(), 0, "no focus or blur event on a move");
    assert!(input_over("requests.granted.business").await);
    // Wider: the columns grow, the input follows its cell.
    let before = grid_input().get_bounding_client_rect().width();
    let wrap = document()
        .query_selector(".grid-block")
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<HtmlElement>().ok())
        .expect("grid");
    let _ = wrap.set_attribute("style", "width: 1600px");
    next_frame().await;
    assert!(input_over("requests.granted.business").await);
    assert!(grid_input().get_bounding_client_rect().width() > before);
    // The listener goes before the grid: taking the input away blurs it.
    let _ = input.remove_event_listener_with_callback("focus", on_focus.as_ref().unchecked_ref());
    let _ = input.remove_event_listener_with_callback("blur", on_focus.as_ref().unchecked_ref());
    drop(grid);
}

/// Resolves after the next two animation frames: resize observers have run by then, and a
/// move within the grid has given its input the value moved to.
async fn next_frame() {
    for _ in 0..2 {
        let promise = js_sys::Promise::new(&mut |resolve, _reject| {
            let _ = window().request_animation_frame(&resolve);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

/// A real mouse press on the text of a cell whose input is hidden.
fn mouse_down_on_text(key: &str) {
    let text = text_of_cell(key).expect("the cell shows its value as text");
    press_mouse_on(&text);
}

/// Dispatches a real mouse press (what a click starts with) on `target`.
fn press_mouse_on(target: &web_sys::Element) {
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = web_sys::MouseEvent::new_with_mouse_event_init_dict("mousedown", &init)
        .expect("mouse event");
    let _ = target.dispatch_event(&event);
}

/// Resolves in a task of its own, after the tasks already queued (a zero-delay timer).
async fn next_task() {
    // The effects of what was just done run first: they may set timers of their own.
    settle().await;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    settle().await;
}

/// The class of the table cell of `key`.
fn cell_class(key: &str) -> String {
    cell_box(key).class_name()
}

#[wasm_bindgen_test]
async fn a_keystroke_is_checked_in_the_next_task_and_marks_follow() {
    let grid = open_requests_grid().await;
    next_task().await;
    nianbao_app::dom::focus_cell("requests.new.natural");
    settle().await;
    assert!(!cell_class("requests.new.natural").contains("has-error"));
    // Not a figure: an error on the cell. The keystroke's own task only takes the text...
    type_into_focused("abc");
    settle().await;
    assert_eq!(cell_value("requests.new.natural"), "abc");
    assert!(
        !cell_class("requests.new.natural").contains("has-error"),
        "the check waits for a task of its own"
    );
    // ...and the check follows in the next task, with the cell's mark.
    next_task().await;
    assert!(cell_class("requests.new.natural").contains("has-error"));
    assert_eq!(
        grid_input().get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    let title = |key: &str| cell_box(key).get_attribute("title").unwrap_or_default();
    assert!(title("requests.new.natural").contains("abc"));
    // Mended: its message goes as soon as the check has run again.
    type_into_focused("12");
    next_task().await;
    assert!(!title("requests.new.natural").contains("abc"));
    drop(grid);
}

#[wasm_bindgen_test]
async fn pasting_a_block_fills_from_the_focused_cell_or_is_refused() {
    let grid = open_requests_grid().await;
    nianbao_app::dom::focus_cell("requests.new.natural");
    paste_into_focused("1,234\t５\r\n3\t4\r\n");
    settle().await;
    assert_eq!(cell_value("requests.new.natural"), "1,234");
    assert_eq!(cell_value("requests.new.business"), "５");
    assert_eq!(cell_value("requests.carried_in.business"), "4");
    assert!(text_of("[data-testid=grid-message]").contains("4"));

    nianbao_app::dom::focus_cell("requests.carried_out.total");
    paste_into_focused("7\t8\n");
    settle().await;
    assert!(text_of("[data-testid=grid-message]").contains("超出"));
    assert_eq!(cell_value("requests.carried_out.total"), "");
    drop(grid);
}

/// A real mouse press on the cell (what a click starts with).
fn mouse_down(key: &str) {
    mouse_down_on_text(key);
}

fn selected_text(input: &HtmlInputElement) -> String {
    let value: Vec<u16> = input.value().encode_utf16().collect();
    match (input.selection_start(), input.selection_end()) {
        (Ok(Some(start)), Ok(Some(end))) => {
            String::from_utf16_lossy(&value[start as usize..end as usize])
        }
        _ => String::new(),
    }
}

#[wasm_bindgen_test]
async fn enter_on_the_last_row_commits_so_nothing_typed_is_lost() {
    let grid = open_requests_grid().await;
    let last = "requests.carried_out.total";
    nianbao_app::dom::focus_cell(last);
    type_into_focused("5");
    settle().await;
    press("Enter", false);
    settle().await;
    assert_eq!(focused_cell().await, last, "no row below: the focus stays");
    // The value is committed and selected: the next key replaces it (5, Enter, 2 is 2).
    assert_eq!(selected_text(&grid_input()), "5");
    type_into_focused("2");
    settle().await;
    assert_eq!(cell_value(last), "2");
    press("Enter", false);
    settle().await;
    // Escape after a commit has nothing to cancel: the committed 2 stays.
    press("Escape", false);
    settle().await;
    assert_eq!(cell_value(last), "2");
    // An arrow at the edge commits the same way.
    press("ArrowRight", false);
    settle().await;
    assert_eq!(focused_cell().await, last);
    assert_eq!(selected_text(&grid_input()), "2");
    drop(grid);
}

#[wasm_bindgen_test]
async fn escape_cancels_only_the_typing_in_progress() {
    let grid = open_requests_grid().await;
    let key = "requests.new.natural";
    nianbao_app::dom::focus_cell(key);
    type_into_focused("7");
    settle().await;
    press("ArrowRight", false);
    settle().await;
    press("ArrowLeft", false);
    settle().await;
    assert_eq!(focused_cell().await, key);
    type_into_focused("9");
    settle().await;
    press("Escape", false);
    settle().await;
    assert_eq!(
        cell_value(key),
        "7",
        "back to the committed value, not blank"
    );
    drop(grid);
}

#[wasm_bindgen_test]
async fn clicking_the_selected_cell_keeps_the_value_selected_so_typing_replaces_it() {
    let grid = open_requests_grid().await;
    let key = "requests.new.natural";
    nianbao_app::dom::focus_cell(key);
    type_into_focused("0");
    settle().await;
    press("Enter", false);
    settle().await;
    press("ArrowUp", false);
    settle().await;
    assert_eq!(focused_cell().await, key);
    // The cell is already selected; a click on it must not drop the selection.
    mouse_down(key);
    next_frame().await;
    assert_eq!(selected_text(&grid_input()), "0");
    drop(grid);
}

#[wasm_bindgen_test]
async fn shift_arrows_select_a_range_that_delete_empties_in_one_step() {
    let grid = open_requests_grid().await;
    nianbao_app::dom::focus_cell("requests.new.natural");
    paste_into_focused("1\t2\t3\n4\t5\t6");
    settle().await;
    press("ArrowRight", true);
    settle().await;
    press("ArrowDown", true);
    settle().await;
    assert_eq!(focused_cell().await, "requests.carried_in.business");
    let selected = document()
        .query_selector_all("td.in-range")
        .expect("selector")
        .length();
    assert_eq!(selected, 4);
    press("Delete", false);
    settle().await;
    for key in ["requests.new.natural", "requests.carried_in.business"] {
        assert_eq!(cell_value(key), "", "{key} is in the range");
    }
    assert_eq!(
        cell_value("requests.new.research"),
        "3",
        "outside the range"
    );
    // Esc leaves only the focused cell selected; a plain arrow does the same.
    press("Escape", false);
    settle().await;
    let selected = document()
        .query_selector_all("td.in-range")
        .expect("selector")
        .length();
    assert_eq!(selected, 0);
    drop(grid);
}

/// The collection's IndexedDB shelf: a write is read back after it commits, several records
/// go in one transaction, a record is replaced by key and deleted by key, and text that is
/// not a record comes back as it is (the screen lists it, never drops it).
#[wasm_bindgen_test]
async fn the_collection_shelf_keeps_what_committed() {
    use nianbao_app::idb;
    let keys = |records: &[(String, Option<String>)]| -> Vec<String> {
        records
            .iter()
            .map(|(key, _)| key.clone())
            .filter(|key| key.starts_with("web-test-"))
            .collect()
    };
    let before = idb::all().await.expect("the shelf opens");
    idb::delete(&keys(&before))
        .await
        .expect("old test records deleted");
    idb::put(&[
        ("web-test-a".to_string(), "first".to_string()),
        (
            "web-test-b".to_string(),
            "{\"not\": \"a record\"}".to_string(),
        ),
    ])
    .await
    .expect("written");
    idb::put(&[("web-test-a".to_string(), "second".to_string())])
        .await
        .expect("replaced");
    let all = idb::all().await.expect("read back");
    let ours: Vec<(String, Option<String>)> = all
        .into_iter()
        .filter(|(key, _)| key.starts_with("web-test-"))
        .collect();
    assert_eq!(
        ours,
        vec![
            ("web-test-a".to_string(), Some("second".to_string())),
            (
                "web-test-b".to_string(),
                Some("{\"not\": \"a record\"}".to_string())
            ),
        ]
    );
    assert!(report::Gathered::from_record("{\"not\": \"a record\"}").is_err());
    idb::delete(&["web-test-a".to_string(), "web-test-b".to_string()])
        .await
        .expect("deleted");
    let after = idb::all().await.expect("read back");
    assert!(keys(&after).is_empty());
}

/// The text area of the section on screen.
fn section_area() -> web_sys::HtmlTextAreaElement {
    document()
        .query_selector("textarea[data-section-text]")
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into().ok())
        .expect("a section's text area")
}

/// Types `text` as the whole value of the section's text area, as a keystroke does.
fn type_into_section(text: &str) {
    let area = section_area();
    area.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).expect("input event");
    let _ = area.dispatch_event(&event);
}

/// Resolves after `ms` milliseconds.
async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The stored report's JSON (the one report in the library).
fn stored_report() -> String {
    let storage = window().local_storage().ok().flatten().expect("storage");
    let length = storage.length().unwrap_or(0);
    (0..length)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|key| key.starts_with("nianbao.report."))
        .filter_map(|key| storage.get_item(&key).ok().flatten())
        .next()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn typed_text_is_saved_when_the_page_hides_before_the_screen_follows() {
    let editor = open_requests_grid().await;
    // 封面信息, 前言, 一: section 一 is the third entry.
    click(".section-nav li:nth-child(3) .nav-item");
    settle().await;
    next_task().await;
    // An empty section shows the hint; a written one does not.
    assert!(section_area().has_attribute("placeholder"));
    type_into_section("本年度");
    next_task().await;
    assert!(!section_area().has_attribute("placeholder"));
    // Saved after the pause (half a second), still within the typing's undo step (a second).
    sleep_ms(700).await;
    assert!(stored_report().contains("本年度"));
    // A keystroke joining the typing: the report holds it at once, what shows the report
    // follows in a task after the key's. The page hiding in between still writes it.
    type_into_section("本年度公开");
    let hide = web_sys::Event::new("pagehide").expect("pagehide event");
    let _ = window().dispatch_event(&hide);
    assert!(
        stored_report().contains("本年度公开"),
        "the text typed just before the page hid is stored"
    );
    // Emptied again: the hint is back once the screen has followed.
    type_into_section("");
    next_task().await;
    assert!(section_area().has_attribute("placeholder"));
    drop(editor);
}

#[wasm_bindgen_test]
async fn a_keystroke_hides_the_sentence_marks_in_its_own_task() {
    let editor = open_requests_grid().await;
    click(".section-nav li:nth-child(3) .nav-item");
    settle().await;
    next_task().await;
    // A breakdown that exceeds its total: a prose finding, marked on its sentence once
    // typing pauses (a quarter of a second).
    let sentence = "全年共收到政府信息公开申请10件，其中自然人申请8件，法人或其他组织申请5件。";
    type_into_section(sentence);
    sleep_ms(600).await;
    settle().await;
    let backdrop = || {
        document()
            .query_selector(".prose-backdrop")
            .ok()
            .flatten()
            .expect("the marks' layer")
    };
    assert_eq!(text_of(".prose-mark"), sentence);
    assert!(!backdrop().class_list().contains("stale"));
    // The next key joins the typing, whose readers wake a task later; the marks, which the
    // text under them has left, hide at once.
    type_into_section(&format!("{sentence}另"));
    settle().await;
    assert!(backdrop().class_list().contains("stale"));
    // Drawn again on the new text once typing pauses.
    sleep_ms(600).await;
    settle().await;
    assert!(!backdrop().class_list().contains("stale"));
    assert_eq!(text_of(".prose-mark"), sentence);
    drop(editor);
}

#[wasm_bindgen_test]
async fn a_cell_typed_in_shows_its_value_as_soon_as_the_input_leaves_it() {
    let grid = open_requests_grid().await;
    next_task().await;
    nianbao_app::dom::focus_cell("requests.new.natural");
    assert_eq!(focused_cell().await, "requests.new.natural");
    // The first digit starts an undo step, the next joins it; either way what reads the
    // report (the cells among them) wakes a task after the key's.
    type_into_focused("1");
    settle().await;
    type_into_focused("12");
    settle().await;
    // Tab in the same task as the key before it: the cell left shows what was typed.
    press("Tab", false);
    settle().await;
    assert_eq!(cell_value("requests.new.natural"), "12");
    // Typing again, then the input loses the focus: the same.
    type_into_focused("3");
    settle().await;
    type_into_focused("34");
    let _ = grid_input().blur();
    settle().await;
    assert_eq!(cell_value("requests.new.business"), "34");
    drop(grid);
}

#[wasm_bindgen_test]
async fn an_undo_right_after_a_move_shows_the_cell_left_as_it_was() {
    let grid = open_requests_grid().await;
    next_task().await;
    nianbao_app::dom::focus_cell("requests.new.natural");
    assert_eq!(focused_cell().await, "requests.new.natural");
    next_frame().await;
    let before = cell_value("requests.new.natural");
    type_into_focused("7");
    settle().await;
    type_into_focused("78");
    settle().await;
    // The move shows the cell left at once, ahead of the report's other readers; the undo
    // comes before those wake.
    press("Tab", false);
    settle().await;
    assert_eq!(cell_value("requests.new.natural"), "78");
    press_with("z", false, true);
    next_task().await;
    next_task().await;
    assert_eq!(cell_value("requests.new.natural"), before);
    assert_ne!(before, "78");
    drop(grid);
}

/// Local storage's keys are listed whole: those of the one-call listing (`Object.keys`
/// joined), and when it would be wrong, each asked for by its index.
#[wasm_bindgen_test]
fn local_storage_lists_every_key() {
    use report::KeyValue;
    let storage = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("local storage");
    storage.clear().expect("cleared");
    let mut store = nianbao_app::storage::local();
    let plain = ["nianbao.index", "nianbao.report.a", "其他\n\"键\""];
    for key in plain {
        store.set(key, "值").expect("stored");
    }
    // None odd; a key holding the listing's separator; one named like a member of Storage
    // (left out of Object.keys); both at once (checked apart, so that they cannot offset).
    let odd: [&[&str]; 4] = [&[], &["a\0b"], &["getItem"], &["a\0b", "getItem"]];
    for extra in odd {
        for key in extra {
            store.set(key, "1").expect("stored");
        }
        let mut listed = store.keys().expect("listed");
        listed.sort();
        let mut expected: Vec<&str> = plain.iter().chain(extra).copied().collect();
        expected.sort();
        assert_eq!(listed, expected, "with {extra:?}");
        for key in extra {
            store.remove(key).expect("removed");
        }
    }
    storage.clear().expect("cleared");
    assert!(store.keys().expect("listed").is_empty());
}
