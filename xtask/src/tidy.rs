//! Tidy checks, run as tests: house rules that no compiler enforces (rust-analyzer's habit).

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::offline::list_files;
    use crate::shell::{output, root};

    /// The team's fixtures folder, beside the repository on the team's machines only.
    const SHARED_FIXTURES: &str = "../shared/fixtures";

    /// The repository carries its own copy of the team's fixtures, so a clone anywhere
    /// passes its tests. Where the team's folder is beside the clone, every file of it must
    /// be in `tests/fixtures`, byte for byte; where it is not, there is nothing to compare.
    #[test]
    fn the_fixtures_copy_matches_the_shared_fixtures() {
        let shared = root().join(SHARED_FIXTURES);
        if !shared.is_dir() {
            return;
        }
        let copy = root().join("tests/fixtures");
        let mut differ = Vec::new();
        for name in list_files(&shared).expect("the shared fixtures are readable") {
            let theirs = std::fs::read(shared.join(&name)).expect("shared fixture is readable");
            match std::fs::read(copy.join(&name)) {
                Ok(ours) if ours == theirs => {}
                Ok(_) => differ.push(format!("{name} differs")),
                Err(_) => differ.push(format!("{name} is missing")),
            }
        }
        assert!(
            differ.is_empty(),
            "tests/fixtures is out of date with {SHARED_FIXTURES}; copy it again \
             (cp -r {SHARED_FIXTURES}/. tests/fixtures/):\n{}",
            differ.join("\n")
        );
    }

    /// Only the sync check above may name the team's folder: anything else that reads it
    /// would fail in a clone without it.
    #[test]
    fn nothing_else_names_the_shared_folder() {
        let files = output(
            "git",
            &["ls-files", "--cached", "--others", "--exclude-standard"],
        )
        .expect("git lists the repository's files");
        let needle = ["..", "/shared"].concat();
        let offenders: Vec<&str> = files
            .lines()
            .filter(|name| *name != "xtask/src/tidy.rs" && !name.starts_with("tests/fixtures/"))
            .filter(|name| {
                std::fs::read(root().join(name))
                    .map(|bytes| String::from_utf8_lossy(&bytes).contains(&needle))
                    .unwrap_or(false)
            })
            .collect();
        assert!(
            offenders.is_empty(),
            "these files name {needle}, which a clone elsewhere does not have; use \
             tests/fixtures instead:\n{}",
            offenders.join("\n")
        );
    }

    /// Every Rust file says what it is for in a `//!` line at its top.
    #[test]
    fn every_rust_file_opens_with_a_module_doc() {
        let root = root();
        let mut missing = Vec::new();
        for folder in ["src", "crates", "xtask/src", "tests"] {
            for name in list_files(&root.join(folder)).expect("source folder is readable") {
                let path = root.join(folder).join(&name);
                if path.extension().is_none_or(|ext| ext != "rs") || name.contains("target/") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).expect("source file is readable");
                if !text.trim_start().starts_with("//!") {
                    missing.push(
                        path.strip_prefix(&root)
                            .unwrap_or(&path)
                            .display()
                            .to_string(),
                    );
                }
            }
        }
        assert!(
            missing.is_empty(),
            "files without a leading //! line:\n{}",
            missing.join("\n")
        );
    }

    /// Every rule id of the core is documented in docs/rules.md.
    #[test]
    fn every_rule_is_documented() {
        let finding = std::fs::read_to_string(root().join("crates/report/src/finding.rs"))
            .expect("finding.rs is readable");
        let docs = std::fs::read_to_string(root().join("docs/rules.md")).expect("docs/rules.md");
        let ids: Vec<&str> = finding
            .lines()
            .map(str::trim)
            .filter(|line| {
                [", Error;", ", Warning;", ", Info;"]
                    .iter()
                    .any(|end| line.ends_with(end))
            })
            .filter_map(|line| line.split_once(" = \""))
            .filter_map(|(_, rest)| rest.split_once('"').map(|(id, _)| id))
            .collect();
        assert!(ids.len() >= 18, "rule ids not found in finding.rs: {ids:?}");
        let missing: Vec<&&str> = ids
            .iter()
            .filter(|id| !docs.contains(&format!("| `{id}` |")))
            .collect();
        assert!(missing.is_empty(), "docs/rules.md lacks {missing:?}");
    }

    /// The core stays free of the browser: no web crates in its manifest.
    #[test]
    fn the_report_core_depends_on_no_web_crate() {
        let manifest = std::fs::read_to_string(root().join("crates/report/Cargo.toml"))
            .expect("crates/report/Cargo.toml is readable");
        let dependencies = manifest
            .split("\n[")
            .filter(|table| table.starts_with("dependencies") || table.starts_with("target"))
            .collect::<Vec<_>>()
            .join("\n");
        for forbidden in ["leptos", "web-sys", "wasm-bindgen", "js-sys", "gloo"] {
            assert!(
                !dependencies
                    .lines()
                    .any(|line| line.trim_start().starts_with(forbidden)),
                "crates/report depends on {forbidden}"
            );
        }
    }

    /// The core does no I/O: no file system, network, process or clock in its library code.
    #[test]
    fn the_report_core_does_no_io() {
        let src = root().join("crates/report/src");
        for name in list_files(&src).expect("crates/report/src is readable") {
            if name.starts_with("tests") || !name.ends_with(".rs") {
                continue;
            }
            let text = std::fs::read_to_string(src.join(&name)).expect("readable");
            for forbidden in [
                "std::fs",
                "std::net",
                "std::process",
                "SystemTime",
                "Instant::now",
                "println!",
            ] {
                assert!(
                    !text.contains(forbidden),
                    "{}: uses {forbidden}",
                    Path::new(&name).display()
                );
            }
        }
    }
}
