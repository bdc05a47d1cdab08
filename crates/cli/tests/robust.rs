//! The command line on the input real files bring and the ways real shells use it: byte-order
//! marks, escape sequences in files, `-o` onto the input, closed pipes, whole directories
//! and JSON numbers that a float would change.

mod common;

use std::path::PathBuf;
use std::process::{Command, Stdio};

use common::{fixture, nianbao, stderr, stdout};

/// A fresh folder for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-robust-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn path(dir: &std::path::Path, name: &str) -> String {
    dir.join(name).to_string_lossy().into_owned()
}

#[test]
fn a_byte_order_mark_is_accepted_in_every_input() {
    let dir = temp_dir("bom");
    let report = std::fs::read(fixture("hongze-2023.json")).expect("fixture");
    let with_bom = path(&dir, "hongze-2023.json");
    std::fs::write(&with_bom, [b"\xef\xbb\xbf".as_slice(), &report].concat()).expect("write");
    let plain = nianbao(&["check", &fixture("hongze-2023.json")]);
    let bom = nianbao(&["check", &with_bom]);
    assert_eq!(bom.status.code(), plain.status.code(), "{}", stderr(&bom));
    assert_eq!(
        stdout(&bom).lines().last(),
        stdout(&plain).lines().last(),
        "the same findings"
    );
    let rendered = nianbao(&["render", "--format", "md", &with_bom]);
    assert_eq!(rendered.status.code(), Some(0), "{}", stderr(&rendered));
    let md = std::fs::read(fixture("hongze-2024.md")).expect("fixture");
    for ext in ["md", "txt"] {
        let text = path(&dir, &format!("hongze-2024.{ext}"));
        std::fs::write(&text, [b"\xef\xbb\xbf".as_slice(), &md].concat()).expect("write");
        let imported = nianbao(&["import", &text]);
        assert_eq!(imported.status.code(), Some(0), "{}", stderr(&imported));
        let report = report::from_json(&stdout(&imported)).expect("a report file");
        assert_eq!(report.year, 2024, "{ext}");
        assert_eq!(report.cell_raw("requests.new.total").as_deref(), Some("95"));
    }
    let html = path(&dir, "page.html");
    std::fs::write(
        &html,
        "\u{feff}<html><body><h1>某县人民政府2024年政府信息公开工作年度报告</h1></body></html>",
    )
    .expect("write");
    let imported = nianbao(&["import", &html]);
    let report = report::from_json(&stdout(&imported)).expect("a report file");
    assert_eq!(report.year, 2024);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn escape_sequences_from_files_never_reach_the_terminal() {
    let dir = temp_dir("escapes");
    // A file name, an agency, a figure, an unknown cell key, prose and a format that each
    // carry terminal control sequences (clear screen, set title, bell, bidi override).
    let name = path(&dir, "evil\u{1b}[2J\u{202e}.json");
    std::fs::write(
        &name,
        r#"{"format":"nianbao/report","version":1,"template":"gov-2021","agency":"A\u001b[31m","year":2024,
"figures":{"requests.new.natural":"1\u001b[2J","x.\u001b]0;pwned\u0007":"1"},
"sections":[{"id":"overview","text":"共收到申请12件\u001b[2J，其中依申请公开5件、咨询9件。"}]}"#,
    )
    .expect("write");
    let not_a_report = path(&dir, "other\u{7}.json");
    std::fs::write(&not_a_report, r#"{"format": "x\u001b[5m"}"#).expect("write");
    let published = path(&dir, "published.txt");
    std::fs::write(
        &published,
        "某县\u{1b}[8m2024年政府信息公开工作年度报告\n奇怪的一行\u{1b}]0;title\u{7}\n",
    )
    .expect("write");
    let runs = [
        nianbao(&["check", &name]),
        nianbao(&["check", "--lang", "en", &name]),
        nianbao(&["check", &not_a_report]),
        nianbao(&["check", &path(&dir, "")]),
        nianbao(&["render", "--format", "md", &not_a_report]),
        nianbao(&["import", &published]),
        nianbao(&["check", &path(&dir, "missing\u{1b}[1m.json")]),
    ];
    for output in &runs {
        for (stream, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
            let text = String::from_utf8_lossy(bytes);
            assert!(
                !text.contains(['\u{1b}', '\u{7}', '\u{202e}']),
                "{stream} carries a control character: {text:?}"
            );
        }
    }
    // Shown escaped, so the clerk still sees what is in the file.
    assert!(stdout(&runs[0]).contains("1\\u{1b}[2J"));
    assert!(stdout(&runs[0]).contains("evil\\u{1b}[2J\\u{202e}.json"));
    assert!(stderr(&runs[2]).contains("x\\u{1b}[5m"));
    // JSON output escapes them as JSON does.
    let json = nianbao(&["check", "--format", "json", &name]);
    assert!(!stdout(&json).contains('\u{1b}'));
    assert!(stdout(&json).contains("\\u001b"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn output_onto_its_own_input_is_refused() {
    let dir = temp_dir("self");
    let input = path(&dir, "report.json");
    std::fs::copy(fixture("hongze-2023.json"), &input).expect("copy");
    let before = std::fs::read(&input).expect("read");
    let same = path(&dir, "sub/../report.json");
    std::fs::create_dir_all(dir.join("sub")).expect("dir");
    for output in [&input, &same] {
        let run = nianbao(&["render", "--format", "html", &input, "-o", output]);
        assert_eq!(run.status.code(), Some(2));
        assert!(
            stderr(&run).contains("refusing to write"),
            "{}",
            stderr(&run)
        );
    }
    let text = path(&dir, "published.md");
    std::fs::copy(fixture("hongze-2024.md"), &text).expect("copy");
    let run = nianbao(&["import", &text, "--output", &text]);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        std::fs::read(&input).expect("read"),
        before,
        "input untouched"
    );
    assert_eq!(
        std::fs::read(&text).expect("read"),
        std::fs::read(fixture("hongze-2024.md")).expect("fixture")
    );
    // A new output beside it is fine.
    let run = nianbao(&[
        "render",
        "--format",
        "html",
        &input,
        "-o",
        &path(&dir, "out.html"),
    ]);
    assert_eq!(run.status.code(), Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs the binary with stdout or stderr closed before it writes, as `| head` leaves them.
fn with_closed(stream: &str, args: &[&str]) -> std::process::ExitStatus {
    let mut command = Command::new(env!("CARGO_BIN_EXE_nianbao"));
    command.args(args).stdin(Stdio::null());
    match stream {
        "stdout" => command.stdout(Stdio::piped()).stderr(Stdio::piped()),
        _ => command.stdout(Stdio::null()).stderr(Stdio::piped()),
    };
    let mut child = command.spawn().expect("the binary runs");
    match stream {
        "stdout" => drop(child.stdout.take()),
        _ => drop(child.stderr.take()),
    }
    let status = child.wait().expect("it ends");
    if let Some(mut err) = child.stderr.take() {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut err, &mut text);
        assert!(!text.contains("panicked"), "{text}");
    }
    status
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // Enough findings to overflow any pipe buffer.
    let shuyang = fixture("shuyang-fgj-2023.json");
    let many: Vec<&str> = std::iter::once("check")
        .chain(std::iter::repeat_n(shuyang.as_str(), 40))
        .collect();
    let status = with_closed("stdout", &many);
    assert_eq!(status.code(), Some(0), "warnings only: exit 0, no panic");
    let hongze = fixture("hongze-2023.json");
    let status = with_closed("stdout", &["check", &hongze, &hongze, &hongze]);
    assert_eq!(status.code(), Some(1), "errors found: exit 1, no panic");
    let status = with_closed("stdout", &["render", "--format", "html", &hongze]);
    assert_eq!(status.code(), Some(0));
    let status = with_closed("stderr", &["check", "/nonexistent/report.json"]);
    assert_eq!(
        status.code(),
        Some(2),
        "the message is lost, the status is not"
    );
    let status = with_closed("stdout", &["--help"]);
    assert_eq!(status.code(), Some(0));
}

#[test]
fn a_directory_is_checked_file_by_file() {
    let dir = temp_dir("dir");
    std::fs::create_dir_all(dir.join("2024/部门")).expect("dirs");
    for (from, to) in [
        ("suqian-city-2024.json", "2024/suqian-city-2024.json"),
        ("hongze-2023.json", "hongze-2023.json"),
        ("hongze-2023.expected.json", "hongze-2023.expected.json"),
        ("shuyang-fgj-2023.json", "2024/部门/shuyang.JSON"),
        ("hongze-2023.md", "hongze-2023.md"),
    ] {
        std::fs::copy(fixture(from), dir.join(to)).expect("copy");
    }
    let folder = path(&dir, "");
    let run = nianbao(&["check", "--format", "json", &folder]);
    let files: Vec<String> = serde_json::from_str::<serde_json::Value>(&stdout(&run))
        .expect("JSON")
        .as_array()
        .expect("array")
        .iter()
        .map(|file| file["file"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        files,
        [
            path(&dir, "2024/suqian-city-2024.json"),
            path(&dir, "2024/部门/shuyang.JSON"),
            path(&dir, "hongze-2023.json"),
        ]
    );
    // The expected-findings file is not a report: named on stderr, not an error.
    assert!(stderr(&run).contains("hongze-2023.expected.json: skipped, not a Nianbao report file"));
    assert_eq!(run.status.code(), Some(1), "hongze 2023 has errors");
    // A malformed report among them makes the run exit 2, and the rest is still checked.
    std::fs::write(dir.join("broken.json"), "{\"format\": \"nianbao/report\", ").expect("write");
    let run = nianbao(&["check", &folder]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("broken.json:1:"), "{}", stderr(&run));
    assert!(stdout(&run).contains("3 files checked"));
    // An empty folder says so.
    let empty = temp_dir("empty");
    let run = nianbao(&["check", &path(&empty, "")]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("no report files"));
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&empty);
}

#[test]
fn json_numbers_stay_exact_through_check_and_render() {
    let dir = temp_dir("numbers");
    let file = path(&dir, "numbers.json");
    std::fs::write(
        &file,
        r#"{"format": "nianbao/report", "version": 1, "template": "gov-2021", "agency": "测试", "year": 2024,
"figures": {"active.fees.amount_wan": 1234567890123.4567, "requests.new.natural": 1e400}}"#,
    )
    .expect("write");
    let run = nianbao(&["check", &file]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(
        stdout(&run).contains("error[cell.invalid] requests.new.natural"),
        "{}",
        stdout(&run)
    );
    assert!(stdout(&run).contains("「1e400」"));
    let md = nianbao(&["render", "--format", "md", &file]);
    assert_eq!(md.status.code(), Some(0));
    assert!(stdout(&md).contains("1234567890123.4567"));
    let csv = nianbao(&["render", "--format", "csv", &file]);
    assert!(stdout(&csv).contains("1234567890123.4567"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn import_reads_word_files_and_pdf_text_and_says_when_it_is_incomplete() {
    let dir = temp_dir("import-kinds");
    let docx = path(&dir, "suqian-2024.docx");
    let render = nianbao(&[
        "render",
        "--format",
        "docx",
        &fixture("suqian-city-2024.json"),
        "-o",
        &docx,
    ]);
    assert_eq!(render.status.code(), Some(0));
    let run = nianbao(&["import", &docx]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let report = report::from_json(&stdout(&run)).expect("a report file");
    assert_eq!(
        report.cell_raw("requests.handled_total.total").as_deref(),
        Some("3521")
    );
    // Not a Word file: exit 2 with the reason.
    let fake = path(&dir, "fake.docx");
    std::fs::write(&fake, "not a zip").expect("write");
    let run = nianbao(&["import", &fake]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("不是 Word 文档"));
    // PDF text imports; a gov report without table figures is written but exits 1.
    let run = nianbao(&["import", &fixture("published/huaian-2024-layout.txt")]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let bare = path(&dir, "bare.txt");
    std::fs::write(
        &bare,
        "某县2024年政府信息公开工作年度报告\n一、总体情况\n有。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n",
    )
    .expect("write");
    let run = nianbao(&["import", &bare, "-o", &path(&dir, "bare.json")]);
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr(&run).contains("错误: 这是统一格式的年度报告，但没有读到任何统计表数值"));
    assert!(
        dir.join("bare.json").exists(),
        "written, for the clerk to complete"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `nianbao import FILE.pdf`: the published PDF imports exactly; a scanned PDF, a damaged
/// one and a PDF under another name are each answered, never with an empty report.
#[test]
fn import_reads_pdf_files() {
    let run = nianbao(&["import", &fixture("published/huaian-2024.pdf")]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let report = report::from_json(&stdout(&run)).expect("a report file");
    assert_eq!(report.agency, "淮安市人民政府");
    assert_eq!(
        report.cell_raw("active.fees.amount_wan").as_deref(),
        Some("96171.6")
    );
    assert_eq!(
        report.cell_raw("appeals.review.total").as_deref(),
        Some("351")
    );

    let run = nianbao(&["import", &fixture("pdf/scanned-page.pdf")]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("此 PDF 是扫描图片，没有文字层"),
        "{}",
        stderr(&run)
    );
    assert!(stdout(&run).is_empty());

    let dir = std::env::temp_dir().join(format!("nianbao-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let bytes = std::fs::read(fixture("published/huaian-2024.pdf")).expect("pdf");
    let cut = dir.join("cut.pdf");
    std::fs::write(&cut, &bytes[..bytes.len() / 3]).expect("write");
    let run = nianbao(&["import", &cut.to_string_lossy()]);
    assert_ne!(
        run.status.code(),
        Some(0),
        "a third of a PDF is not a report"
    );
    // A PDF saved as .txt is still read as a PDF.
    let renamed = dir.join("report.txt");
    std::fs::write(&renamed, &bytes).expect("write");
    let run = nianbao(&["import", &renamed.to_string_lossy()]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let _ = std::fs::remove_dir_all(&dir);
}
