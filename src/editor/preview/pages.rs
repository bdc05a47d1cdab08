//! The preview as A4 sheets: the document is laid out once, unpaginated and invisible, in the
//! type area's width (156 mm) with the document's own style; each top-level block, each
//! table's header and each table row is measured there, `report::paginate` decides what goes
//! on which page, and the pages are drawn as 210 × 297 mm sheets with the print margins as
//! padding and the page number “— N —” 7 mm below the type area, right on odd pages and left
//! on even ones. The invisible copy is also the one that printing prints (Chromium paginates
//! it by `@page`), so screen and paper come from the same markup.

use std::collections::HashSet;
use std::ops::Range;

use leptos::html;
use leptos::prelude::*;
use report::{MeasuredBlock, Page, Piece};
use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

use super::PreviewCtx;

/// CSS pixels per millimetre (96 per inch).
const PX_PER_MM: f64 = 96.0 / 25.4;
/// The height of the GB/T 9704 type area.
const TYPE_AREA_MM: f64 = 225.0;
/// The document's line pitch, 28.95 pt, in CSS pixels.
const LINE_PX: f64 = 28.95 * 96.0 / 72.0;

/// The class of the documents drawn on the sheets: styled like `.nianbao-doc` on screen, but
/// not printed (printing prints the one unpaginated `.nianbao-doc`).
pub const PAGED_CLASS: &str = "nb-paged-doc";

/// `report::DOCUMENT_CSS` for the sheets' documents, without the `@page` rules.
pub fn paged_css() -> String {
    report::DOCUMENT_CSS
        .lines()
        .filter(|line| !line.starts_with("@page"))
        .map(|line| line.replace(".nianbao-doc", &format!(".{PAGED_CLASS}")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The report's pages on a grey desk, plus the invisible unpaginated copy that is measured
/// and printed.
#[component]
pub fn PagedSheets(
    /// The sheets' zoom in percent (100 = true size on a 96 dpi screen).
    #[prop(into)]
    zoom: Signal<u32>,
    /// Where to report how many pages there are, if anyone asks.
    #[prop(optional)]
    page_count: Option<RwSignal<usize>>,
) -> impl IntoView {
    let preview = expect_context::<PreviewCtx>();
    let source = NodeRef::<html::Div>::new();
    let sheets = RwSignal::new(Vec::<String>::new());
    // Measuring needs the laid-out DOM: after each change of the document, wait for the
    // next frame, measure and paginate. This syncs with the DOM, not with other state.
    let probe = NodeRef::<html::Article>::new();
    Effect::new(move |_| {
        preview.html.track();
        request_animation_frame(move || paginate_into(source, probe, sheets, page_count));
    });
    // `inner_html` is safe here: the core escapes every text of the report and emits no
    // script, event attribute or URL (see `ReportSheet`); the sheets are built from the
    // browser's own serialisation of that markup.
    view! {
        <div class="print-copy" aria-hidden="true">
            <div node_ref=source inner_html=move || preview.html.get()></div>
        </div>
        <div class="page-probe" aria-hidden="true">
            <article class=PAGED_CLASS node_ref=probe></article>
        </div>
        <div class="desk">
            <div class="sheets" style:zoom=move || format!("{}%", zoom.get())>
                {move || {
                    sheets
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(index, body)| view! { <Sheet number=index + 1 body /> })
                        .collect_view()
                }}
            </div>
        </div>
    }
}

/// One A4 sheet.
#[component]
fn Sheet(
    /// The page number, from 1.
    number: usize,
    /// The page's part of the document, as markup.
    body: String,
) -> impl IntoView {
    let side = if number.is_multiple_of(2) {
        "even"
    } else {
        "odd"
    };
    view! {
        <div class="sheet paged" data-testid="preview-sheet" data-page=number>
            <article class=PAGED_CLASS inner_html=body></article>
            <div class=format!("page-number {side}") data-testid="page-number">{format!("— {number} —")}</div>
        </div>
    }
}

/// How many times the pages are laid out again when a page overflows.
const MAX_CORRECTIONS: u32 = 3;

/// Lays the document out on pages and checks each page in `probe`, an unzoomed, invisible
/// copy of a sheet's type area: a split table's continuation (its carried label cell, its
/// collapsed borders) can come out a few pixels taller than its measured rows, so when a page
/// overflows, the pages are laid out again with the type area shortened by the overflow.
/// Checking in the probe, not on the drawn sheets, keeps the result the same at every zoom.
fn paginate_into(
    source: NodeRef<html::Div>,
    probe: NodeRef<html::Article>,
    sheets: RwSignal<Vec<String>>,
    page_count: Option<RwSignal<usize>>,
) {
    let Some(host) = source.try_get_untracked().flatten() else {
        return;
    };
    let probe = probe.try_get_untracked().flatten();
    let mut page_height = TYPE_AREA_MM * PX_PER_MM;
    let mut pages = layout(&host, page_height);
    for _ in 0..MAX_CORRECTIONS {
        let overflow = probe
            .as_ref()
            .map_or(0.0, |probe| max_overflow(probe, &pages));
        if overflow <= 1.0 {
            break;
        }
        page_height -= overflow;
        pages = layout(&host, page_height);
    }
    if let Some(probe) = &probe {
        probe.set_inner_html("");
    }
    if let Some(count) = page_count {
        count.try_set(pages.len());
    }
    sheets.try_set(pages);
}

/// The largest amount by which a page's markup exceeds the type area, in CSS pixels.
fn max_overflow(probe: &Element, pages: &[String]) -> f64 {
    pages
        .iter()
        .map(|markup| {
            probe.set_inner_html(markup);
            f64::from(probe.scroll_height() - probe.client_height())
        })
        .fold(0.0, f64::max)
}

/// Measures the unpaginated document in `host` and returns each page's markup for pages of
/// `page_height` pixels.
fn layout(host: &Element, page_height: f64) -> Vec<String> {
    let Some(article) = host.first_element_child() else {
        return vec![String::new()];
    };
    let children = element_children(&article);
    let blocks = measure(&children, page_height);
    report::paginate(&blocks, page_height)
        .iter()
        .map(|page| page_markup(page, &children))
        .collect()
}

fn element_children(parent: &Element) -> Vec<Element> {
    let list = parent.children();
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

/// Heights from one block's top to the next one's, so that collapsed margins count once.
fn heights(elements: &[Element], last_bottom: Option<f64>) -> Vec<f64> {
    let rects: Vec<_> = elements
        .iter()
        .map(Element::get_bounding_client_rect)
        .collect();
    rects
        .iter()
        .enumerate()
        .map(|(i, rect)| match rects.get(i + 1) {
            Some(next) => next.top() - rect.top(),
            None => last_bottom.map_or(rect.height(), |bottom| bottom - rect.top()),
        })
        .collect()
}

/// Each block's measure; the 图解 counts as a whole page, so that it starts a sheet of its
/// own and nothing follows it there, as print's `break-before: page` does.
fn measure(children: &[Element], page_height: f64) -> Vec<MeasuredBlock> {
    let heights = heights(children, None);
    children
        .iter()
        .zip(heights)
        .map(
            |(element, height)| match element.tag_name().to_ascii_lowercase().as_str() {
                "h2" | "h3" => MeasuredBlock::Whole {
                    height,
                    keep_with_next: true,
                },
                "p" if !element.class_name().contains("nb-signature") => MeasuredBlock::Lines {
                    height,
                    line: LINE_PX,
                },
                "table" => measure_table(element, height),
                "figure" if element.class_name().contains("nb-infographic") => {
                    MeasuredBlock::Whole {
                        height: page_height,
                        keep_with_next: false,
                    }
                }
                _ => MeasuredBlock::Whole {
                    height,
                    keep_with_next: false,
                },
            },
        )
        .collect()
}

fn body_rows(table: &Element) -> Vec<Element> {
    table
        .query_selector("tbody")
        .ok()
        .flatten()
        .map(|body| element_children(&body))
        .unwrap_or_default()
}

fn measure_table(table: &Element, height: f64) -> MeasuredBlock {
    let rows = body_rows(table);
    let head_rect = table
        .query_selector("thead")
        .ok()
        .flatten()
        .map(|head| head.get_bounding_client_rect());
    let head = match (&head_rect, rows.first()) {
        (Some(head), Some(first)) => first.get_bounding_client_rect().top() - head.top(),
        (Some(head), None) => head.height(),
        (None, _) => 0.0,
    };
    let bottom = rows
        .last()
        .map(|row| row.get_bounding_client_rect().bottom());
    let rows = heights(&rows, bottom);
    let extra = (height - head - rows.iter().sum::<f64>()).max(0.0);
    MeasuredBlock::Table { head, rows, extra }
}

fn page_markup(page: &Page, children: &[Element]) -> String {
    let mut out = String::new();
    for piece in &page.pieces {
        match piece {
            Piece::Whole(index) => {
                if let Some(element) = children.get(*index) {
                    out.push_str(&element.outer_html());
                }
            }
            Piece::Slice {
                block,
                offset,
                height,
            } => {
                if let Some(element) = children.get(*block) {
                    out.push_str(&format!(
                        "<div class=\"nb-slice\" style=\"height:{height:.3}px\"><div style=\"position:relative;top:-{offset:.3}px\">{}</div></div>",
                        element.outer_html()
                    ));
                }
            }
            Piece::TableRows { block, rows } => {
                if let Some(element) = children.get(*block) {
                    out.push_str(&table_part(element, rows.clone()));
                }
            }
        }
    }
    out
}

/// The table with only the body rows `range` (and its header): cells spanning down into the
/// range from earlier rows are repeated at its top, and spans running past it are cut, as the
/// printed page does.
fn table_part(table: &Element, range: Range<usize>) -> String {
    let Some(copy) = table
        .clone_node_with_deep(true)
        .ok()
        .and_then(|node| node.dyn_into::<Element>().ok())
    else {
        return String::new();
    };
    let rows = body_rows(&copy);
    // Each cell with its column and row span, from the grid the spans make.
    let mut taken: HashSet<(usize, usize)> = HashSet::new();
    let mut cells: Vec<Vec<(Element, usize, usize)>> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut column = 0;
        let mut line = Vec::new();
        for cell in element_children(row) {
            while taken.contains(&(r, column)) {
                column += 1;
            }
            let span = |name: &str| {
                cell.get_attribute(name)
                    .and_then(|value| value.parse::<usize>().ok())
                    .unwrap_or(1)
                    .max(1)
            };
            let (rowspan, colspan) = (span("rowspan"), span("colspan"));
            for dr in 0..rowspan {
                for dc in 0..colspan {
                    taken.insert((r + dr, column + dc));
                }
            }
            line.push((cell, column, rowspan));
            column += colspan;
        }
        cells.push(line);
    }
    let (start, end) = (range.start, range.end.min(rows.len()));
    let mut carried: Vec<(usize, Element)> = Vec::new();
    for (r, line) in cells.iter().enumerate().take(start) {
        for (cell, column, rowspan) in line {
            if r + rowspan > start
                && let Some(clone) = cell
                    .clone_node_with_deep(true)
                    .ok()
                    .and_then(|node| node.dyn_into::<Element>().ok())
            {
                let _ =
                    clone.set_attribute("rowspan", &((r + rowspan).min(end) - start).to_string());
                carried.push((*column, clone));
            }
        }
    }
    for (r, line) in cells.iter().enumerate().take(end).skip(start) {
        for (cell, _, rowspan) in line {
            if r + rowspan > end {
                let _ = cell.set_attribute("rowspan", &(end - r).to_string());
            }
        }
    }
    carried.sort_by_key(|(column, _)| *column);
    if let (Some(first), Some(line)) = (rows.get(start), cells.get(start)) {
        for (column, clone) in &carried {
            let before = line
                .iter()
                .find(|(_, c, _)| c > column)
                .map(|(cell, _, _)| cell as &Node);
            let _ = first.insert_before(clone, before);
        }
    }
    for (r, row) in rows.iter().enumerate() {
        if !(start..end).contains(&r) {
            row.remove();
        }
    }
    copy.outer_html()
}
