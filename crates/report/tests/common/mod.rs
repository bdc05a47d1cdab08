//! Helpers shared by the core's integration tests: reading a shared fixture.

use report::Report;

/// Reads one shared fixture (`shared/` sits beside the repository, here and in CI).
#[track_caller]
pub(crate) fn fixture(name: &str) -> Report {
    let path = format!(
        "{}/../../../shared/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    report::from_json(&text).unwrap_or_else(|error| panic!("{name}: {error}"))
}
