//! `cargo xtask dist` and `bench`: the release build of the app and the size of what ships.

use std::path::PathBuf;

use crate::shell::{self, cmd, root};
use crate::{bench_report, compress, offline, setup, split};

/// Builds the release app into dist/ and returns the folder: Trunk (offline) the stylesheet,
/// the assets and the PDF worker, then the app's wasm split into chunks (`split`).
pub(crate) fn build() -> Result<PathBuf, String> {
    shell::run(cmd("trunk", &["build", "--release", "--offline"]))?;
    let dist = root().join("dist");
    let app = split::build(&dist)?;
    offline::write_service_worker(&dist)?;
    offline::write_single_file(&dist, &app)?;
    let files = offline::list_files(&dist)?;
    compress::precompress(&dist, &files)?;
    Ok(dist)
}

/// `cargo xtask dist`: setup, build, then a table of every asset, raw and gzipped.
pub(crate) fn run() -> Result<PathBuf, String> {
    release().map(|(dist, _)| dist)
}

/// Setup, the release build and its sizes table; returns the folder and the sizes.
fn release() -> Result<(PathBuf, bench_report::Sizes), String> {
    setup::run(setup::Need::Build)?;
    let dist = build()?;
    let sizes = print_sizes(&dist)?;
    Ok((dist, sizes))
}

/// `cargo xtask bench`: the criterion benchmarks of the core, the bundle sizes, then the
/// browser benchmarks (`tests/bench/browser.mjs`: keystroke cost and start-up, as a user
/// meets them: the release build served compressed, in headless Chromium, also with the CPU
/// throttled 4×, each figure beside a baseline of the same run). Writes the run, with its
/// date, machine and method, into BENCHMARKS.md (`bench_report`).
pub(crate) fn bench() -> Result<(), String> {
    setup::run(setup::Need::Test)?;
    let started = bench_report::now_utc();
    let load_before = bench_report::load();
    let criterion = shell::run_capturing(cmd("cargo", &["bench", "-p", "report"]))?;
    let (dist, sizes) = release()?;
    let server = crate::serve::bind(0)?;
    let port = crate::serve::port_of(&server)?;
    std::thread::spawn(move || crate::serve::serve_forever(server, dist));
    let tables = root().join("target/bench-browser.md");
    let tables_arg = tables.display().to_string();
    let mut browser = cmd(
        "node",
        &["tests/bench/browser.mjs", "--markdown", &tables_arg],
    );
    browser.env("BASE_URL", format!("http://127.0.0.1:{port}"));
    browser.env("LIGHTHOUSE", lighthouse()?);
    shell::run(browser)?;
    let browser_tables =
        std::fs::read_to_string(&tables).map_err(|e| format!("{}: {e}", tables.display()))?;
    let version = |program: &str| {
        shell::output(program, &["--version"]).unwrap_or_else(|| format!("{program} ?"))
    };
    let run = bench_report::Run {
        date: started,
        machine: bench_report::machine(),
        load: (load_before, bench_report::load()),
        tools: format!("{}, Node {}", version("chromium"), version("node")),
    };
    let core = bench_report::parse_criterion(&criterion);
    let section = bench_report::section(&run, &core, sizes, &browser_tables);
    bench_report::write(&root().join("BENCHMARKS.md"), &section)?;
    eprintln!("bench: the run is written into BENCHMARKS.md");
    Ok(())
}

/// Lighthouse 12.2.3 (13 wants a newer Node than these machines have), installed on first
/// use into `target/bench-tools`, outside the project's lock file: only `bench` needs it.
fn lighthouse() -> Result<PathBuf, String> {
    let tools = root().join("target/bench-tools");
    let bin = tools.join("node_modules/.bin/lighthouse");
    if !bin.exists() {
        eprintln!("bench: installing Lighthouse 12.2.3 into target/bench-tools (about 10 s, once)");
        std::fs::create_dir_all(&tools).map_err(|e| format!("{}: {e}", tools.display()))?;
        let prefix = tools.display().to_string();
        shell::run(cmd(
            "npm",
            &[
                "install",
                "--no-audit",
                "--no-fund",
                "--prefix",
                &prefix,
                "-E",
                "lighthouse@12.2.3",
            ],
        ))?;
    }
    Ok(bin)
}

/// A table of every asset: raw, gzip -9 and brotli sizes (the precompressed copies' sizes,
/// which is what a server sends); returns the start-up and served totals.
fn print_sizes(dist: &std::path::Path) -> Result<bench_report::Sizes, String> {
    let (mut total_raw, mut total_gz, mut total_br) = (0u64, 0u64, 0u64);
    let mut startup = (0u64, 0u64, 0u64);
    let size = |name: &str| std::fs::metadata(dist.join(name)).map(|m| m.len()).ok();
    println!(
        "{:<48} {:>12} {:>12} {:>12}",
        "asset", "bytes", "gzip -9", "brotli"
    );
    for name in offline::list_files(dist)? {
        if compress::is_precompressed(&name) {
            continue;
        }
        let raw = size(&name).ok_or_else(|| format!("{name}: unreadable"))?;
        let gz = size(&format!("{name}.gz")).unwrap_or(raw);
        let br = size(&format!("{name}.br")).unwrap_or(raw);
        println!("{name:<48} {raw:>12} {gz:>12} {br:>12}");
        if is_startup(&name) {
            startup = (startup.0 + raw, startup.1 + gz, startup.2 + br);
        }
        // The single-file edition repeats the other assets; count what a server ships.
        if name != offline::SINGLE_FILE {
            total_raw += raw;
            total_gz += gz;
            total_br += br;
        }
    }
    println!(
        "{:<48} {total_raw:>12} {total_gz:>12} {total_br:>12}",
        "total served (without nianbao.html)"
    );
    println!(
        "{:<48} {:>12} {:>12} {:>12}",
        "start-up (app wasm + JS + CSS; budget 300 KB gzip)", startup.0, startup.1, startup.2
    );
    Ok(bench_report::Sizes {
        startup,
        served: (total_raw, total_gz, total_br),
    })
}

/// What the page fetches before the library shows: the start-up wasm, its glue, the chunks'
/// link module and the stylesheet (issue 15's budget). The chunks, the PDF worker, the icons
/// and the manifest come later or do not block.
fn is_startup(name: &str) -> bool {
    let ends = |ext: &str| name.ends_with(ext);
    (name.starts_with("nianbao-app-") && (ends(".js") || ends("_bg.wasm")))
        || (name.starts_with("wasm-split-") && ends(".js"))
        || (name.starts_with("main-") && ends(".css"))
}
