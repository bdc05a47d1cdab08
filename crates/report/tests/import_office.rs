//! Import of files made by other programs from the fixtures: Word files LibreOffice writes
//! (from the HTML export), and the text poppler extracts from the PDF LibreOffice prints of
//! the Word export, in plain and `-layout` form. Each must give the fixture's figures back,
//! or say which table it could not read.

mod common;

use std::path::{Path, PathBuf};

use common::{differences, fixture, fresh_dir, run};

/// `soffice --convert-to FORMAT FILE` with a fresh profile; the converted file's path.
fn convert(dir: &Path, file: &Path, format: &str, extension: &str) -> PathBuf {
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let output = run(
        "soffice",
        &[
            &profile,
            "--headless",
            "--convert-to",
            format,
            "--outdir",
            &dir.display().to_string(),
            &file.display().to_string(),
        ],
    );
    let converted = file.with_extension(extension);
    assert!(
        converted.exists(),
        "soffice made no {extension}: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    converted
}

/// Our own Word export read back gives the same report: every figure, and each section's
/// text for the gov formats.
#[test]
fn every_fixture_round_trips_through_the_word_export() {
    let mut failures = Vec::new();
    for name in [
        "hongze-2023",
        "hongze-2024",
        "shuyang-fgj-2023",
        "suqian-city-2023",
        "suqian-city-2024",
    ] {
        let original = fixture(&format!("{name}.json"));
        let docx = report::to_docx(&report::render(&original));
        let imported = report::import_docx(&docx).expect("our own .docx reads");
        failures.extend(
            differences(&imported.report, &original)
                .into_iter()
                .map(|line| format!("{name}: {line}")),
        );
        for section in &original.sections {
            let text = imported
                .report
                .section_text(&section.id)
                .unwrap_or_default();
            if text.trim() != section.text.trim() {
                failures.push(format!("{name}: section {} differs", section.id));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn word_files_libreoffice_writes_import_exactly() {
    let dir = fresh_dir("import-lo-docx");
    for name in ["suqian-city-2024", "hongze-2023"] {
        let original = fixture(&format!("{name}.json"));
        let html = dir.join(format!("{name}.html"));
        std::fs::write(&html, report::to_html(&report::render(&original))).expect("html");
        let docx = convert(&dir, &html, "docx:MS Word 2007 XML", "docx");
        let bytes = std::fs::read(&docx).expect("docx");
        let imported = report::import_docx(&bytes).expect("LibreOffice's .docx reads");
        let failures = differences(&imported.report, &original);
        assert!(failures.is_empty(), "{name}:\n{}", failures.join("\n"));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn text_of_the_pdf_libreoffice_prints_imports_exactly() {
    let dir = fresh_dir("import-lo-pdf");
    for name in ["suqian-city-2024", "suqian-city-2023", "shuyang-fgj-2023"] {
        let original = fixture(&format!("{name}.json"));
        let docx = dir.join(format!("{name}.docx"));
        std::fs::write(&docx, report::to_docx(&report::render(&original))).expect("docx");
        let pdf = convert(&dir, &docx, "pdf", "pdf");
        for layout in [false, true] {
            let mut args = vec![pdf.display().to_string(), "-".to_string()];
            if layout {
                args.insert(0, "-layout".to_string());
            }
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let text = String::from_utf8_lossy(&run("pdftotext", &args).stdout).into_owned();
            let imported = report::import_text(&text);
            if name == "shuyang-fgj-2023" {
                // Its table 三 has blank cells, which a PDF prints as nothing; pdftotext's text
                // does not keep the columns where our extractor (crates/pdf-text) puts them,
                // so the values cannot be placed, and the import says so instead of shifting
                // them.
                assert!(
                    imported.errors.iter().any(|e| e.starts_with("表三")),
                    "layout {layout}: {:?}",
                    imported.errors
                );
                assert!(
                    imported
                        .report
                        .figures
                        .keys()
                        .all(|k| !k.starts_with("requests.")),
                    "nothing half-filled"
                );
                continue;
            }
            let failures = differences(&imported.report, &original);
            assert!(
                failures.is_empty(),
                "{name} (layout {layout}):\n{}\nerrors: {:?}",
                failures.join("\n"),
                imported.errors
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
