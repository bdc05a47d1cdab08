//! The data rows of a table: per block a caption, the block's header and its rows with their
//! merged label cells; or table 四's single row of fifteen cells.

use leptos::prelude::*;
use report::{BlockSpec, TableSpec};

use super::cell::GridCell;
use super::header_cells;

fn cell_key(table: &TableSpec, row: &str, column: &str) -> String {
    format!("{}.{row}.{column}", table.id)
}

/// The rows of one block.
#[component]
pub fn BlockRows(
    /// The table.
    table: &'static TableSpec,
    /// The block drawn.
    block: &'static BlockSpec,
) -> impl IntoView {
    let grid = usize::from(table.grid_columns);
    let label_width = match block.header.first() {
        Some(first) => usize::from(first.colspan),
        None => grid.saturating_sub(block.columns.len()),
    };
    let data_span = (grid - label_width) / block.columns.len().max(1);
    let caption = (!block.caption.is_empty()).then(|| {
        view! { <tr class="caption"><th colspan=grid.to_string()>{block.caption}</th></tr> }
    });
    let head = (!block.header.is_empty())
        .then(|| view! { <tr class="block-head">{header_cells(block.header)}</tr> });
    let rows = block.rows.iter().map(move |row| {
        let labels = if row.label_cells.is_empty() {
            view! { <th scope="row" colspan=label_width.to_string()>{row.label}</th> }.into_any()
        } else {
            header_cells(row.label_cells).into_any()
        };
        view! {
            <tr>
                {labels}
                {block.columns.iter().map(|column| view! {
                    <GridCell key=cell_key(table, row.key, column.key) colspan=data_span />
                }).collect_view()}
            </tr>
        }
    });
    view! { {caption} {head} {rows.collect_view()} }
}

/// Table 四: every cell on one printed row, row after row, column after column.
#[component]
pub fn SingleRow(
    /// The table.
    table: &'static TableSpec,
) -> impl IntoView {
    let cells = table.blocks.iter().flat_map(|block| {
        block.rows.iter().flat_map(move |row| {
            block
                .columns
                .iter()
                .map(move |column| cell_key(table, row.key, column.key))
        })
    });
    view! {
        <tr>{cells.map(|key| view! { <GridCell key=key colspan=1 /> }).collect_view()}</tr>
    }
}
