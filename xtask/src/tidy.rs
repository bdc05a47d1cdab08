//! Tidy checks, run as tests: house rules that no compiler enforces (rust-analyzer's habit).

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::offline::list_files;
    use crate::shell::root;

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
