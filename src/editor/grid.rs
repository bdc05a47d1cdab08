//! A table as a spreadsheet-grade grid under the official merged headers. The grid's own
//! state (which cell has the focus, the selected range, whether a cell is being edited, the
//! last paste message) is local to it; figures live in the report.
//!
//! The cells are drawn as text, and the grid has one `<input>`, placed over its current cell
//! (the focused or last focused one, at first the first cell), as a spreadsheet does. A move
//! places the input and gives it the cell's value; the input keeps the focus, so no cell's box
//! changes. A shown input in every cell made each frame after a keystroke lay out, hit test
//! and layerize 175 text controls; showing each cell's own input in turn made every Tab
//! rebuild and lay out the table (at 4× CPU throttling 15 ms a Tab, issue 15).

pub mod cell;
pub mod input;
pub mod keys;
pub mod rows;
pub mod toolbar;

use leptos::html::{Div, Input};
use leptos::prelude::*;
use report::{GridRange, TableSpec};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::editor::EditorCtx;
use crate::i18n::LangCtx;
use crate::i18n::{Text, tr};
use input::GridInput;
use rows::grid_rows;
use toolbar::GridToolbar;

/// How the focused cell takes keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Arrows move; typing replaces the whole value.
    Navigate,
    /// Typing started in the cell: arrows still move, as in Excel's entry mode.
    Typing,
    /// F2 or double-click: arrows move the caret.
    InPlace,
}

/// The state of the grid on screen, shared by its cells.
#[derive(Debug, Clone, Copy)]
pub struct GridState {
    /// The navigation grid of cell keys.
    pub nav: StoredValue<Vec<Vec<String>>>,
    /// The key mode of the focused cell.
    pub mode: RwSignal<Mode>,
    /// The focused cell's value when it got the focus, for Escape.
    pub original: StoredValue<String>,
    /// The focused (or last focused) cell.
    pub focused: RwSignal<Option<String>>,
    /// The current cell, where the input is: the focused (or last focused) one, at first the
    /// grid's first cell.
    pub current: Memo<String>,
    /// Which cell is focused, as each cell asks it: moving the focus wakes two cells, not
    /// every cell of the table.
    pub focus: StoredValue<Selector<Option<String>>>,
    /// Which cell is being edited (the focused one, while not in [`Mode::Navigate`]), as
    /// each cell asks it: the first digit typed into a cell, and the move that ends its
    /// editing, wake two cells, not the 175 of table 三 (issue 15).
    pub editing: StoredValue<Selector<Option<String>>>,
    /// The outcome of the last paste: (is an error, message).
    pub message: RwSignal<Option<(bool, String)>>,
    /// Where a range selection started (Shift+arrows, Shift+click, dragging); the range runs
    /// from here to the focused cell. `None`: only the focused cell is selected.
    pub anchor: RwSignal<Option<String>>,
    /// The selected range when it holds more than one cell.
    pub range: Memo<Option<GridRange>>,
    /// A mouse button went down on a cell and is still down: entering other cells extends
    /// the range.
    pub dragging: StoredValue<bool>,
    /// The grid's one input.
    pub input: NodeRef<Input>,
    /// An input-method composition (pinyin being typed) is under way in the input.
    pub composing: StoredValue<bool>,
    /// The value the input takes, wholly selected, at the next frame: a move made while it
    /// has the focus leaves it here ([`GridState::move_to`]). Whatever reads or changes the
    /// input's text first gives it the value ([`GridState::settle`]).
    pub pending: StoredValue<Option<String>>,
    /// The scrolled box holding the table and the input, which is placed in its coordinates.
    pub wrap: NodeRef<Div>,
    /// The editor: its report's figures are read when the input moves to a cell, and a move
    /// first brings the cell it leaves up to what was typed, since that cell then shows its
    /// value as text (`EditorCtx::show_typed`).
    pub editor: EditorCtx,
}

impl GridState {
    /// The keys of the selected range, line by line, or `None` when one cell is selected.
    pub fn range_keys(&self) -> Option<Vec<Vec<String>>> {
        let range = self.range.get_untracked()?;
        Some(self.nav.with_value(|nav| range.keys(nav)))
    }

    /// Selects no range (only the focused cell). Every keystroke says so: the range's readers
    /// (a memo in each of the table's cells) are woken only when there was a range, not on
    /// every digit typed (a signal set to the value it holds still wakes them).
    pub fn clear_anchor(&self) {
        self.anchor.maybe_update(|anchor| anchor.take().is_some());
    }

    /// Sets the key mode, waking its readers only when it changes.
    pub fn set_mode(&self, mode: Mode) {
        self.mode
            .maybe_update(|current| std::mem::replace(current, mode) != mode);
    }

    /// Records `key` as the focused cell, waking the readers only when it changes.
    pub fn set_focused(&self, key: String) {
        self.focused
            .maybe_update(|focused| focused.replace(key.clone()).as_ref() != Some(&key));
    }

    /// Starts a range at the focused cell unless one is started.
    pub fn start_range(&self) {
        if self.anchor.get_untracked().is_none() {
            self.anchor.set(self.focused.get_untracked());
        }
    }

    /// Makes `key` the focused cell: the input is placed over it with its value selected (so
    /// typing replaces it), and takes the focus if it has not got it.
    ///
    /// When the input has the focus already (a move by key or by a press on a cell), its
    /// value and selection are set at the start of the next frame, before it is drawn, or
    /// before anything reads or types into the input if that comes first
    /// ([`GridState::settle`]). Chromium follows a selection change made while it handles a
    /// key with its selection sync for input methods (a forced layout and a copy of the
    /// selected text, 30 % of a Tab at 4× CPU throttling, issue 15); made at the frame, it
    /// skips it, and the input's layout is the frame's.
    ///
    /// Otherwise they are set here, before the focus, whose handler reads them. The cell's
    /// place is read first, while the page's layout is valid; the value and selection are set
    /// next, while the input's box is unchanged (setting a focused input's value lays out
    /// whatever is pending, there and then); the input's new place is written last.
    pub fn move_to(&self, key: &str) {
        self.current
            .with_untracked(|left| self.editor.show_typed(left));
        let (Some(input), Some(wrap)) = (self.input.get_untracked(), self.wrap.get_untracked())
        else {
            return;
        };
        let Some(cell) = cell_element(&wrap, key) else {
            return;
        };
        // A press on another cell while pinyin is being typed: the composition is finished
        // into the cell it was typed in, as leaving the input would, before the input takes
        // the next cell's value (else that value, or the pinyin, would land in the wrong cell).
        if self.composing.get_value() {
            let _ = input.blur();
            self.composing.set_value(false);
        }
        let placement = Placement::measure(&cell, &wrap);
        let value = self.editor.report.with_untracked(|r| r.cell_text(key));
        let focused = document().active_element().as_ref() == Some(input.as_ref());
        if focused {
            self.pending.set_value(Some(value.clone()));
            let state = *self;
            request_animation_frame(move || state.settle());
        } else {
            self.pending.set_value(None);
            select_value(&input, &value);
        }
        placement.apply(&input, &cell);
        self.original.set_value(value);
        self.set_mode(Mode::Navigate);
        self.set_focused(key.to_string());
        if !focused {
            let _ = input.focus();
        }
    }

    /// Gives the input the value a move left pending, wholly selected. Called at the frame
    /// after the move, and first thing by whatever reads or types into the input (a key, an
    /// input method, the clipboard, the focus): a key typed before the frame then replaces
    /// the value it moved to.
    pub fn settle(&self) {
        // `try_`: the frame may come after the grid has gone.
        let Some(Some(value)) = self.pending.try_update_value(Option::take) else {
            return;
        };
        if let Some(Some(input)) = self.input.try_get_untracked() {
            select_value(&input, &value);
        }
    }

    /// Edits the current cell's value in place (F2, a double click): the caret goes to its
    /// end and the arrows move it.
    pub fn edit_in_place(&self) {
        self.settle();
        if let Some(input) = self.input.get_untracked() {
            self.set_mode(Mode::InPlace);
            let end = input.value().encode_utf16().count() as u32;
            let _ = input.set_selection_range(end, end);
        }
    }

    /// Places the input over the current cell again: the table's size changed.
    fn replace_input(&self) {
        // `try_`: a last observation may arrive as the grid goes.
        if let (Some(Some(input)), Some(Some(wrap)), Some(key)) = (
            self.input.try_get_untracked(),
            self.wrap.try_get_untracked(),
            self.current.try_get_untracked(),
        ) && let Some(cell) = cell_element(&wrap, &key)
        {
            Placement::measure(&cell, &wrap).apply(&input, &cell);
        }
    }
}

/// Gives `input` the text `value`, wholly selected (so typing replaces it), in one change of
/// its text and selection: setting the value moves the caret to its end, a selection change
/// of its own that the browser lays out and reports (an eighth of a Tab, issue 15), before
/// the whole value is selected again.
fn select_value(input: &web_sys::HtmlInputElement, value: &str) {
    let differs = input.value() != value;
    let done = differs
        && input
            .set_range_text_with_start_and_end_and_selection_mode(
                value,
                0,
                u32::MAX,
                web_sys::SelectionMode::Select,
            )
            .is_ok();
    if !done {
        if differs {
            input.set_value(value);
        }
        let _ = input.set_selection_range(0, u32::MAX);
    }
}

/// The `<td>` of cell `key` in the grid box `wrap`.
fn cell_element(wrap: &web_sys::HtmlDivElement, key: &str) -> Option<web_sys::Element> {
    wrap.query_selector(&format!("td[data-cell=\"{key}\"]"))
        .ok()
        .flatten()
}

/// Where the input goes over a cell (its padding box: the cell's lines stay visible), and
/// whether the cell must be scrolled into view, as a focus would. Measured before anything
/// is written, while the page's layout is still valid: a read after a write would make the
/// browser lay the page out there and then (4 ms of a Tab at 4× CPU throttling, issue 15).
struct Placement {
    /// The input's `style`: its box in the grid box's coordinates.
    style: String,
    /// The cell is wholly in sight already.
    seen: bool,
}

impl Placement {
    fn measure(cell: &web_sys::Element, wrap: &web_sys::HtmlDivElement) -> Placement {
        let (at, from) = (
            cell.get_bounding_client_rect(),
            wrap.get_bounding_client_rect(),
        );
        let left =
            at.left() - from.left() - f64::from(wrap.client_left()) + f64::from(wrap.scroll_left());
        let top =
            at.top() - from.top() - f64::from(wrap.client_top()) + f64::from(wrap.scroll_top());
        // The cell's right and bottom lines are its borders: the input covers what is inside.
        let width = f64::from(cell.client_width()).min(at.width());
        let height = f64::from(cell.client_height()).min(at.height());
        Placement {
            style: format!(
                "left:{};top:{};width:{};height:{}",
                px(left),
                px(top),
                px(width),
                px(height)
            ),
            seen: in_sight(&at, &from),
        }
    }

    /// Puts `input` there, and brings `cell` into view when it is not in sight.
    fn apply(&self, input: &web_sys::HtmlInputElement, cell: &web_sys::Element) {
        if input.get_attribute("style").as_deref() != Some(self.style.as_str()) {
            let _ = input.set_attribute("style", &self.style);
        }
        if !self.seen {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            options.set_inline(web_sys::ScrollLogicalPosition::Nearest);
            cell.scroll_into_view_with_scroll_into_view_options(&options);
        }
    }
}

/// A length in CSS pixels, to the hundredth, written with integer formatting: formatting the
/// four floats of a move was a twelfth of its wasm time (issue 15).
fn px(value: f64) -> String {
    let hundredths = (value * 100.0).round() as i64;
    let sign = if hundredths < 0 { "-" } else { "" };
    let abs = hundredths.unsigned_abs();
    match abs % 100 {
        0 => format!("{sign}{}px", abs / 100),
        frac => format!("{sign}{}.{frac:02}px", abs / 100),
    }
}

/// Whether a cell at `at` is wholly in sight: inside the grid's box `wrap`, below the
/// editor's bar and above the window's bottom. Asking the browser to scroll a cell in sight
/// into view still costs a third of a move (issue 15).
fn in_sight(at: &web_sys::DomRect, wrap: &web_sys::DomRect) -> bool {
    let bar = document()
        .query_selector(".editor-topbar")
        .ok()
        .flatten()
        .map_or(0.0, |bar| bar.get_bounding_client_rect().bottom());
    let bottom = window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(f64::INFINITY);
    at.top() >= wrap.top().max(bar)
        && at.bottom() <= wrap.bottom().min(bottom)
        && at.left() >= wrap.left()
        && at.right() <= wrap.right()
}

/// Keeps the input over the current cell while the grid is drawn: the table's size changes
/// with the window, the side panes and the fonts. Observing also places it the first time.
/// The observer is let go when the grid goes (after that, its cell signals are gone).
fn follow_table_size(state: GridState, table: NodeRef<leptos::html::Table>) {
    type Kept =
        std::rc::Rc<std::cell::RefCell<Option<(web_sys::ResizeObserver, Closure<dyn Fn()>)>>>;
    let kept: Kept = Default::default();
    let on_load = send_wrapper::SendWrapper::new(std::rc::Rc::clone(&kept));
    table.on_load(move |table| {
        let callback = Closure::<dyn Fn()>::new(move || state.replace_input());
        if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
            observer.observe(&table);
            on_load.replace(Some((observer, callback)));
        }
    });
    let on_clean = send_wrapper::SendWrapper::new(kept);
    on_cleanup(move || {
        if let Some((observer, _callback)) = on_clean.borrow_mut().take() {
            observer.disconnect();
        }
    });
}

/// The grid of one table.
#[component]
pub fn TableGrid(
    /// The table shown.
    table: &'static TableSpec,
) -> impl IntoView {
    let ctx = expect_context::<EditorCtx>();
    let nav = StoredValue::new(report::nav_grid(table));
    let first = nav.with_value(|nav| {
        nav.first()
            .and_then(|line| line.first().cloned())
            .unwrap_or_default()
    });
    let focused = RwSignal::new(None::<String>);
    let current = Memo::new(move |_| focused.get().unwrap_or_else(|| first.clone()));
    let anchor = RwSignal::new(None::<String>);
    let range = Memo::new(move |_| {
        let (anchor, focused) = (anchor.get()?, focused.get()?);
        (anchor != focused)
            .then(|| nav.with_value(|nav| GridRange::between(nav, &anchor, &focused)))
            .flatten()
    });
    let mode = RwSignal::new(Mode::Navigate);
    let state = GridState {
        nav,
        mode,
        original: StoredValue::new(String::new()),
        focused,
        current,
        focus: StoredValue::new(Selector::new(move || focused.get())),
        editing: StoredValue::new(Selector::new(move || {
            (mode.get() != Mode::Navigate)
                .then(|| focused.get())
                .flatten()
        })),
        message: RwSignal::new(None),
        anchor,
        range,
        dragging: StoredValue::new(false),
        input: NodeRef::new(),
        composing: StoredValue::new(false),
        pending: StoredValue::new(None),
        wrap: NodeRef::new(),
        editor: ctx,
    };
    provide_context(state);
    // A finding's link moves to a cell by its key (`dom::focus_cell`), through this grid.
    let mover = crate::dom::add_cell_mover(move |key| {
        let here = nav
            .try_with_value(|nav| report::grid_position(nav, key).is_some())
            .unwrap_or(false);
        if here {
            state.move_to(key);
        }
        here
    });
    on_cleanup(move || crate::dom::remove_cell_mover(mover));
    let table_ref = NodeRef::<leptos::html::Table>::new();
    follow_table_size(state, table_ref);
    // A drag ends wherever the button is released.
    let mouseup = window_event_listener(leptos::ev::mouseup, move |_| {
        state.dragging.set_value(false)
    });
    on_cleanup(move || mouseup.remove());
    // The grid draws the same shape as print: one layout of the official table.
    let shape = report::table_shape(table);
    let head = grid_rows(&shape, shape.head.clone());
    let body = grid_rows(&shape, shape.body.clone());
    let LangCtx(lang) = expect_context::<LangCtx>();
    let end_id = format!("after-grid-{}", table.id);
    let end_selector = format!("#{end_id}");
    view! {
        <div class="grid-block" data-testid=format!("grid-{}", table.id)>
            <GridToolbar table=table.id />
            // The way past the table's cells with one key: Tab reaches this link before the
            // first cell; it moves the focus to just after the table.
            <button type="button" class="skip-link" data-testid=format!("skip-{}", table.id)
                on:click=move |_| crate::dom::focus(&end_selector)>
                {move || tr(lang.get(), Text::SkipTable)}
            </button>
            <div class="grid-wrap" node_ref=state.wrap>
                <table class="grid" aria-label=table.title node_ref=table_ref>
                    <thead>
                        {head}
                    </thead>
                    <tbody>{body}</tbody>
                </table>
                <GridInput />
            </div>
            <span class="grid-end" id=end_id tabindex="-1"></span>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::px;

    #[test]
    fn a_length_is_written_to_the_hundredth() {
        assert_eq!(px(0.0), "0px");
        assert_eq!(px(485.0), "485px");
        assert_eq!(px(485.5), "485.50px");
        assert_eq!(px(76.333_333), "76.33px");
        assert_eq!(px(31.999), "32px");
        assert_eq!(px(-0.25), "-0.25px");
        assert_eq!(px(-12.0), "-12px");
    }
}
