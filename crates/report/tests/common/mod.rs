//! Helpers shared by the core's integration tests: reading a fixture of `tests/fixtures`.

use report::Report;

/// Reads one fixture of the repository's `tests/fixtures`.
#[track_caller]
pub(crate) fn fixture(name: &str) -> Report {
    let path = format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    report::from_json(&text).unwrap_or_else(|error| panic!("{name}: {error}"))
}
