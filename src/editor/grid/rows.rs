//! The rows of a table's grid, drawn from the official table's shape (`report::table_shape`,
//! the layout print uses): merged labels as header cells, figure cells as editable inputs.

use leptos::prelude::*;
use report::{Cell, Row, Table};

use super::cell::GridCell;

/// The `<tr>`s of `rows`: the header rows, or the body rows of `table`.
pub fn grid_rows(table: &Table, rows: Vec<Row>) -> impl IntoView + use<> {
    rows.into_iter()
        .map(|row| {
            let class = table.is_caption(&row).then_some("caption");
            let has_figures = row.cells.iter().any(|cell| cell.key.is_some());
            let cells = row
                .cells
                .into_iter()
                .map(|cell| grid_cell(cell, has_figures))
                .collect_view();
            view! { <tr class=class>{cells}</tr> }
        })
        .collect_view()
}

/// One cell: an input for a figure, a header cell for a label. A single label starting a row
/// of figures heads that row for screen readers.
fn grid_cell(cell: Cell, in_figure_row: bool) -> AnyView {
    match cell.key {
        Some(key) => view! { <GridCell key=key colspan=usize::from(cell.colspan) /> }.into_any(),
        None => {
            let scope = (in_figure_row && cell.rowspan == 1).then_some("row");
            view! {
                <th scope=scope colspan=cell.colspan.to_string() rowspan=cell.rowspan.to_string()>
                    {cell.text}
                </th>
            }
            .into_any()
        }
    }
}
