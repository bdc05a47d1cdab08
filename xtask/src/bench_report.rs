//! The "latest run" section that `cargo xtask bench` writes into BENCHMARKS.md: the date, the
//! machine, the method and every figure of the run (the core's criterion medians, the sizes,
//! the browser tables), between two markers, so the history written by hand around it stays.

use std::path::Path;

/// The line before the generated section.
pub(crate) const BEGIN: &str = "<!-- cargo xtask bench: begin (generated; do not edit) -->";
/// The line after it.
pub(crate) const END: &str = "<!-- cargo xtask bench: end -->";
/// Where the section goes when the file has no markers yet: before this heading.
const BEFORE: &str = "## Browser";

/// The sizes of what ships, in bytes: (raw, gzip -9, brotli).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Sizes {
    pub(crate) startup: (u64, u64, u64),
    pub(crate) served: (u64, u64, u64),
}

/// One core benchmark: its name and criterion's median estimate as printed (`38.3 µs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CoreFigure {
    pub(crate) name: String,
    pub(crate) median: String,
}

/// Reads criterion's report (`cargo bench` output): each benchmark's name (on the line with
/// `time:` or on the line before it, when the name is long) and the middle of its estimate.
pub(crate) fn parse_criterion(output: &str) -> Vec<CoreFigure> {
    let mut figures = Vec::new();
    let mut last_name: Option<String> = None;
    // A progress line rewritten in place (`\r`) leaves only its last state.
    for line in output.lines().map(|l| l.rsplit('\r').next().unwrap_or(l)) {
        let Some(at) = line.find("time:") else {
            let name = line.trim();
            let is_name = !line.starts_with(char::is_whitespace)
                && !name.is_empty()
                && !name.starts_with("Benchmarking")
                && !name.starts_with("Found")
                && !name.starts_with("change:")
                && !name.starts_with("Running")
                && !name.contains(':');
            if is_name {
                last_name = Some(name.to_string());
            } else if !name.is_empty() && !line.starts_with(char::is_whitespace) {
                last_name = None;
            }
            continue;
        };
        let named = line[..at].trim();
        let name = if named.is_empty() {
            last_name.take()
        } else {
            Some(named.to_string())
        };
        let estimate = line[at..]
            .split_once('[')
            .and_then(|(_, rest)| rest.split_once(']'))
            .map(|(inside, _)| inside.split_whitespace().collect::<Vec<_>>());
        if let (Some(name), Some(words)) = (name, estimate)
            && words.len() == 6
        {
            figures.push(CoreFigure {
                name,
                median: format!("{} {}", words[2], words[3]),
            });
        }
    }
    figures
}

/// The facts of the run that the figures depend on.
#[derive(Debug, Clone, Default)]
pub(crate) struct Run {
    /// `2026-12-05 23:40 UTC`.
    pub(crate) date: String,
    /// The machine: CPU model, cores, memory.
    pub(crate) machine: String,
    /// The 1-minute load average when the run started and when it ended.
    pub(crate) load: (String, String),
    /// Chromium's and Node's versions.
    pub(crate) tools: String,
}

/// The generated section, markers included.
pub(crate) fn section(run: &Run, core: &[CoreFigure], sizes: Sizes, browser: &str) -> String {
    let kb = |bytes: u64| format!("{:.1} KB", bytes as f64 / 1024.0);
    let mut out = String::new();
    out.push_str(BEGIN);
    out.push_str("\n## Latest run (written by `cargo xtask bench`)\n\n");
    out.push_str(&format!(
        "{}, on {}; load {} at the start, {} at the end; {}.\n\n",
        run.date, run.machine, run.load.0, run.load.1, run.tools
    ));
    out.push_str(
        "Method: the core's criterion benchmarks (`cargo bench -p report`, native release \
         build); the release build of the app (`cargo xtask dist`) and its sizes as \
         precompressed for serving; then `tests/bench/browser.mjs` against that build served \
         compressed by `xtask serve`'s server, in headless Chromium at 1366×768: a keystroke's \
         cost is every main-thread task dispatching its `keydown`, `keypress` or `input` \
         event, from a Chrome trace, over 200 edits in table 三 of the example report (a Tab \
         after every tenth), each case run three times and the run with the median p95 kept; \
         CPU throttling is `Emulation.setCPUThrottlingRate` 4×; every figure beside a \
         baseline measured in the same run (a plain `<input>` page for keystrokes, a plain \
         `<textarea>` holding the same text for the prose, a blank page compiling the same \
         start-up wasm for start-up); Lighthouse 12.2.3, mobile, \
         three runs, the median. The machine is shared: read the figures as ±20–30 %.\n\n",
    );
    out.push_str("| core (criterion) | median |\n|---|---:|\n");
    for figure in core {
        out.push_str(&format!("| `{}` | {} |\n", figure.name, figure.median));
    }
    out.push_str("\n| what ships | bytes | gzip -9 | brotli |\n|---|---:|---:|---:|\n");
    let rows = [
        (
            "at start (app wasm + JS + CSS; budget 300 KB gzip -9)",
            sizes.startup,
        ),
        (
            "everything served (without the single-file edition)",
            sizes.served,
        ),
    ];
    for (what, (raw, gz, br)) in rows {
        out.push_str(&format!(
            "| {what} | {} | {} | {} |\n",
            kb(raw),
            kb(gz),
            kb(br)
        ));
    }
    out.push('\n');
    out.push_str(browser.trim());
    out.push('\n');
    out.push_str(END);
    out.push('\n');
    out
}

/// `text` (BENCHMARKS.md) with `section` in place of the previous generated section, or
/// before the history when there is none yet.
pub(crate) fn replace_section(text: &str, section: &str) -> String {
    if let (Some(begin), Some(end)) = (text.find(BEGIN), text.find(END))
        && begin < end
    {
        let after = &text[end + END.len()..];
        let after = after.strip_prefix('\n').unwrap_or(after);
        return format!("{}{section}{after}", &text[..begin]);
    }
    match text.find(BEFORE) {
        Some(at) => format!("{}{section}\n{}", &text[..at], &text[at..]),
        None => format!("{}\n{section}", text.trim_end()),
    }
}

/// Writes `section` into the BENCHMARKS.md at `path`.
pub(crate) fn write(path: &Path, section: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    std::fs::write(path, replace_section(&text, section))
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// The date and time now, `2026-12-05 23:40 UTC`, from the system clock.
pub(crate) fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (days, rest) = ((secs / 86_400) as i64, secs % 86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} UTC",
        rest / 3600,
        rest % 3600 / 60
    )
}

/// The calendar date of a day counted from 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The machine, from /proc: CPU model, cores and memory (what is known of them).
pub(crate) fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .and_then(|l| l.split_once(':'))
        .map(|(_, m)| m.trim().to_string())
        .unwrap_or_else(|| "an unknown CPU".into());
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
        })
        .map(|kib| format!(", {:.1} GB of memory", kib as f64 / 1024.0 / 1024.0))
        .unwrap_or_default();
    format!("{model}, {cores} cores{memory}")
}

/// The 1-minute load average, or `?`.
pub(crate) fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    const CRITERION: &str = "\
Benchmarking validate: Warming up for 3.0000 s\rBenchmarking validate: Analyzing
validate                time:   [37.912 µs 38.301 µs 38.812 µs]
                        change: [-1.0% +0.5% +2.1%] (p = 0.55 > 0.05)
                        No change in performance detected.
Found 3 outliers among 100 (3.00%)
Benchmarking validate_tables_only_with_previous: Collecting 100 samples\rBenchmarking validate_tables_only_with_previous: Analyzing
validate_tables_only_with_previous
                        time:   [12.001 µs 12.500 µs 13.000 µs]
import/huaian_pdf_text  time:   [1.2000 ms 1.2500 ms 1.3000 ms]
";

    #[test]
    fn criterion_names_and_medians_are_read_with_long_names_on_their_own_line() {
        let figures = parse_criterion(CRITERION);
        let pairs: Vec<(&str, &str)> = figures
            .iter()
            .map(|f| (f.name.as_str(), f.median.as_str()))
            .collect();
        assert_eq!(
            pairs,
            vec![
                ("validate", "38.301 µs"),
                ("validate_tables_only_with_previous", "12.500 µs"),
                ("import/huaian_pdf_text", "1.2500 ms"),
            ]
        );
    }

    #[test]
    fn the_section_replaces_the_last_one_and_keeps_the_history_around_it() {
        let run = Run {
            date: "2026-12-05 23:40 UTC".into(),
            machine: "a CPU, 2 cores".into(),
            load: ("0.5".into(), "1.0".into()),
            tools: "Chromium 1, Node 2".into(),
        };
        let first = section(&run, &[], Sizes::default(), "| browser | 1 |");
        let history = "# Benchmarks\n\n## Budgets\n\ntable\n\n## Browser\n\nold runs\n";
        let once = replace_section(history, &first);
        assert!(once.starts_with("# Benchmarks\n\n## Budgets\n\ntable\n\n<!-- cargo"));
        assert!(once.ends_with("-->\n\n## Browser\n\nold runs\n"));
        assert!(once.contains("| browser | 1 |"));
        let second = section(&run, &[], Sizes::default(), "| browser | 2 |");
        let twice = replace_section(&once, &second);
        assert!(twice.contains("| browser | 2 |"));
        assert!(!twice.contains("| browser | 1 |"));
        assert_eq!(twice.matches(BEGIN).count(), 1);
        assert!(twice.ends_with("-->\n\n## Browser\n\nold runs\n"));
    }

    #[test]
    fn days_since_1970_are_calendar_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(20_427), (2025, 12, 5));
        assert_eq!(civil_from_days(20_792), (2026, 12, 5));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}
