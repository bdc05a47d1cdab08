//! Helpers shared by the core's integration tests: reading a fixture of `tests/fixtures`,
//! running the document tools (LibreOffice, poppler) and fresh temporary folders.
#![allow(dead_code)] // each test file uses only some of them

use std::path::PathBuf;
use std::process::Command;

use report::Report;

/// Reads one fixture of the repository's `tests/fixtures`.
#[track_caller]
pub(crate) fn fixture(name: &str) -> Report {
    let path = format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    report::from_json(&text).unwrap_or_else(|error| panic!("{name}: {error}"))
}

/// Runs a tool, failing the test with the way to install it when it is missing.
pub(crate) fn run(program: &str, args: &[&str]) -> std::process::Output {
    Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|error| {
            panic!("cannot run `{program}` ({error}): run `cargo xtask setup` to install it")
        })
}

/// An empty temporary folder of this test process.
pub(crate) fn fresh_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir
}

/// What differs between a report read back from a published form and the original: format,
/// year, the agency as the printed title names it, and every figure as typed.
pub(crate) fn differences(imported: &Report, original: &Report) -> Vec<String> {
    let mut out = Vec::new();
    let printed = report::render(original).title;
    let agency = printed
        .split(&format!("{}年", original.year))
        .next()
        .unwrap_or_default();
    if (imported.template, imported.year, imported.agency.as_str())
        != (original.template, original.year, agency)
    {
        out.push(format!(
            "{:?} {} {:?}",
            imported.template, imported.year, imported.agency
        ));
    }
    for key in original.template().cell_keys() {
        let (want, have) = (original.cell_raw(key), imported.cell_raw(key));
        if want.as_deref().map(str::trim) != have.as_deref().map(str::trim) {
            out.push(format!("{key}: expected {want:?}, got {have:?}"));
        }
    }
    out
}
