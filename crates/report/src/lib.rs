//! The Nianbao domain core: the official templates as data, figure parsing, the report model
//! and its JSON file format, validation and auto-totals.
//!
//! It does no I/O and knows nothing of the browser or the terminal: text comes in and goes out
//! as strings, and time, ids and storage are the caller's business. It builds for
//! `wasm32-unknown-unknown` as well as natively.

mod acknowledge;
mod checker;
mod collection;
mod compare;
mod document;
mod export;
mod figure;
mod file;
mod finding;
mod formula;
mod import;
mod infographic;
mod model;
mod narrative;
mod pagination;
mod progress;
mod rules;
mod template;
mod totals;

mod drafting;
mod grid;
mod highlight;
mod history;
mod library;

mod backup;
mod storage;
mod store;

#[cfg(test)]
mod tests;

pub use acknowledge::{AcknowledgeError, acknowledge, fingerprint, withdraw};
pub use checker::{Checker, CheckerStats, changed_figures};
pub use collection::{
    CONTRIBUTORS_KEY, CollectionFinding, CollectionRule, Contributor, Gap, Gathered, Member,
    Origin, RECORD_FORMAT, RECORD_VERSION, ReadSource, Refusal, RefusalReason, RowFilter, RowOrder,
    SOURCE_GAPS_KEY, SourceProblem, SumSource, Summary, SummaryRow, Summed, Unreadable,
    check_collection, collection_year, contributors, order_rows, previous_of, read_published,
    read_source, sum, unique_name,
};
pub use compare::{
    CellChange, Provenance, SectionChanges, Sentence, TableChanges, TwoYears, YearOnYear, compare,
};
pub use document::{
    Block, Cell, Document, HeadingLevel, Row, Table, render, render_table, table_shape,
};
pub use export::{
    DOCUMENT_CSS, file_name, to_csv, to_docx, to_docx_with_picture, to_html, to_html_fragment,
    to_markdown,
};
pub use figure::{CellKind, Figure, FigureError, parse_figure};
pub use file::{LoadError, from_json, to_json};
pub use finding::{Finding, Lang, Rule, Severity, TextSpan};
pub use formula::is_computed;
pub use import::{
    ImportResult, ImportSummary, UNRECOGNISED_KEY, docx_text, import_docx, import_html,
    import_text, summarise,
};
pub use infographic::{
    ActiveLine, Bar, Chart, Infographic, KeyChange, ReadySentence, Tile, Trend, choose_infographic,
    infographic_chosen, key_changes, picture_file_name, ready_sentences, render_publication,
};
pub use model::{Acknowledgement, AutoTotals, CURRENT_VERSION, CellValue, FORMAT, Report, Section};
pub use pagination::{MeasuredBlock, Page, Piece, paginate};
pub use progress::{
    TableProgress, Tally, fill_progress, finding_section, is_pending, section_tallies,
};
pub use rules::validate;
pub use template::{
    BlockSpec, CellSpec, ColumnSpec, HeaderCell, LooseCellSpec, RowSpec, SectionSpec, TableLayout,
    TableSpec, Template, TemplateId,
};
pub use totals::{apply_auto_totals, apply_auto_totals_after, computed_totals};

pub use backup::{
    BACKUP_FORMAT, BACKUP_REMINDER_REVISIONS, BACKUP_VERSION, Backup, BackupItem, BackupMark,
    MergeAction, ReportJson, backup_due, merge_backup,
};
pub use drafting::{
    add_section, clear_cells, fill_blank_cells, fill_blank_cells_in, has_year_references,
    insert_subheading, move_section, new_report, next_year, preamble_text, remove_section,
    set_section_heading, suggested_subheadings, switch_template, update_year_references,
    write_range,
};
pub use grid::{
    GridMove, GridRange, PasteError, copy_block, grid_position, grid_step, nav_grid, parse_paste,
    place_block,
};
pub use highlight::{Segment, highlight_segments};
pub use history::{COALESCE_MS, HISTORY_LIMIT, History};
pub use library::{
    EXAMPLE_KEY, INDEX_VERSION, IndexRepair, LibraryEntry, LibraryIndex, history_ids, parse_index,
    repair_index, report_title, set_report_title,
};
pub use storage::MemoryStore;
pub use storage::{
    BACKUP_MARK_KEY, BackupError, BackupImport, INDEX_KEY, KeyValue, LOCAL_STORAGE_QUOTA_BYTES,
    LOCK_PREFIX, LibraryChange, ORIGINAL_PREFIX, OpenError, Opened, QUARANTINE_PREFIX,
    REPORT_PREFIX, ReadOnlyReason, RecoveryItem, SaveError, StoreError, StoredChange, TakeOver,
    Usage, Verification, Verified, add_report, backup_due as stored_backup_due,
    backup_due_at as stored_backup_due_at, backup_items, claim_lock, commit_index, count_unchecked,
    force_lock, import_backup, keys_with, library_change, load_index, load_report, lock_holder_of,
    make_backup, move_aside, on_stored_change, open_report, put, record_backup, recovery_items,
    recovery_items_with, release_lock, remove_report, report_ids, save_index, save_report,
    save_report_at, scan, set_aside, take_over, usage, verify_report,
};
pub use store::{
    EditLock, LOCK_STALE_MS, LockHolder, STORED_FORMAT, STORED_LAYOUT, SetAside, Stored,
    decode_lock, decode_stored, encode_lock, encode_stored, encode_stored_json, lock_holder,
    may_write, stored_report_json, stored_revision,
};

/// The JSON Schema of the report file, generated from the types (feature `schema`).
#[cfg(any(test, feature = "schema"))]
pub fn report_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Report)).unwrap_or_default()
}
