//! The committed JSON Schema of the report file (`crates/report/schema/report.schema.json`)
//! must match the types. Regenerate with `UPDATE_SCHEMA=1 cargo test -p report`.

use crate::report_schema;

const SCHEMA_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/report.schema.json");

#[test]
fn committed_schema_is_up_to_date() {
    let generated =
        serde_json::to_string_pretty(&report_schema()).expect("schema serialises") + "\n";
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::create_dir_all(concat!(env!("CARGO_MANIFEST_DIR"), "/schema")).expect("mkdir");
        std::fs::write(SCHEMA_PATH, &generated).expect("write schema");
    }
    let committed = std::fs::read_to_string(SCHEMA_PATH).unwrap_or_default();
    assert!(
        committed == generated,
        "the JSON Schema is stale: run UPDATE_SCHEMA=1 cargo test -p report"
    );
}

#[test]
fn schema_describes_the_file() {
    let schema = report_schema();
    let required: Vec<&str> = schema["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str())
        .collect();
    for field in ["format", "version", "template", "year"] {
        assert!(required.contains(&field), "{field} is required");
    }
    assert!(schema["properties"]["figures"].is_object());
}
