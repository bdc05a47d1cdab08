//! Runs `nianbao render` on a fixture in every format and on a broken file, checking
//! the contract of spec/report-file.md: the same outputs as the app, exit 2 with
//! file:line:column when the file is not a valid report.

mod common;

use std::path::PathBuf;

use common::{fixture, nianbao};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir
}

#[test]
fn render_writes_every_format() {
    let dir = temp_dir("render");
    let input = fixture("hongze-2024.json");
    for (format, file, starts_with) in [
        ("html", "out.html", &b"<!DOCTYPE html>"[..]),
        ("md", "out.md", "# 淮安市洪泽区".as_bytes()),
        ("markdown", "out2.md", "# 淮安市洪泽区".as_bytes()),
        (
            "csv",
            "out.csv",
            "\u{FEFF}二、主动公开政府信息情况".as_bytes(),
        ),
        ("docx", "out.docx", &b"PK\x03\x04"[..]),
    ] {
        let out = dir.join(file).to_string_lossy().into_owned();
        let output = nianbao(&["render", "--format", format, &input, "-o", &out]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{format}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let bytes = std::fs::read(&out).expect("the output is written");
        assert!(bytes.starts_with(starts_with), "{format}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn render_without_output_writes_to_stdout() {
    let output = nianbao(&["render", "--format=csv", &fixture("hongze-2023.json")]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("四、结转下年度继续办理,"));
}

#[test]
fn render_of_a_malformed_file_exits_2_with_the_position() {
    let dir = temp_dir("broken");
    let broken = dir.join("broken.json");
    std::fs::write(
        &broken,
        "{\n  \"format\": \"nianbao/report\",\n  \"version\": 1,\n  oops\n}\n",
    )
    .expect("written");
    let broken = broken.to_string_lossy().into_owned();
    let output = nianbao(&["render", "--format", "html", &broken, "-o", "/dev/null"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&format!("{broken}:4:")), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn render_needs_a_known_format() {
    let output = nianbao(&["render", "--format", "pdf", &fixture("hongze-2023.json")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("invalid value 'pdf' for '--format <FORMAT>'")
    );
}

#[test]
fn render_svg_draws_the_infographic_with_yoy_from_the_previous_report() {
    let dir = temp_dir("svg");
    let out = dir.join("tu.svg").to_string_lossy().into_owned();
    let output = nianbao(&[
        "render",
        "--format",
        "svg",
        &fixture("suqian-city-2024.json"),
        "--previous",
        &fixture("suqian-city-2023.json"),
        "-o",
        &out,
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let svg = std::fs::read_to_string(&out).expect("written");
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains("同比增长0.4%"), "同比 from --previous");
    assert!(svg.contains("历年变化"), "two years make a trend");

    // The same page inside the HTML download when asked for.
    let html = nianbao(&[
        "render",
        "--format",
        "html",
        "--infographic",
        &fixture("suqian-city-2024.json"),
    ]);
    assert_eq!(html.status.code(), Some(0));
    let html = String::from_utf8_lossy(&html.stdout);
    assert!(
        html.contains("<figure class=\"nb-infographic\">\n<svg"),
        "inline SVG"
    );
    let plain = nianbao(&[
        "render",
        "--format",
        "html",
        &fixture("suqian-city-2024.json"),
    ]);
    assert!(
        !String::from_utf8_lossy(&plain.stdout).contains("<svg"),
        "only when asked"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn render_svg_of_a_legacy_report_exits_2_with_the_reason() {
    let dir = temp_dir("svg-legacy");
    let legacy = dir.join("legacy.json");
    std::fs::write(
        &legacy,
        r#"{"format":"nianbao/report","version":1,"template":"legacy","agency":"某县","year":2015,"sections":[],"figures":{}}"#,
    )
    .expect("written");
    let output = nianbao(&["render", "--format", "svg", &legacy.to_string_lossy()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no statistical tables"));
    let _ = std::fs::remove_dir_all(&dir);
}
