//! Tests of the report core, kept out of the library modules so editing them does not rebuild
//! the library. They drive the public API with real data (the fixtures in `tests/fixtures`) where they can.

mod checker;
mod compare;
mod figure;
mod file;
mod fixtures;
mod import;
mod import_published;
mod narrative;
pub(crate) mod narrative_real;
mod pieces;
mod props;
mod rules;
mod schema;
mod store;
mod template;
mod totals;

use std::path::PathBuf;

use crate::{Report, from_json};

/// The repository's copy of the fixtures (`tests/fixtures`, kept identical to the team's
/// shared set by a tidy test).
pub(crate) fn fixtures_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures"))
}

/// Reads and parses one fixture report.
#[track_caller]
pub(crate) fn fixture(name: &str) -> Report {
    let path = fixtures_dir().join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    from_json(&text).unwrap_or_else(|error| panic!("{name}: {error}"))
}

/// A minimal gov-2021 report with the given figures, for focused rule tests.
#[track_caller]
pub(crate) fn report_with(figures: &[(&str, &str)]) -> Report {
    let mut report = Report::new("测试机关", 2023);
    for (key, raw) in figures {
        report.set_cell(key, *raw);
    }
    report
}
