//! `cargo xtask dist` and `bench`: the release build of the app and the size of what ships.

use std::path::PathBuf;

use crate::shell::{self, cmd, root};
use crate::{compress, offline, setup, split};

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
    setup::run(setup::Need::Build)?;
    let dist = build()?;
    print_sizes(&dist)?;
    Ok(dist)
}

/// `cargo xtask bench`: the criterion benchmarks of the core, the bundle sizes, then the
/// browser benchmarks (`tests/bench/browser.mjs`: keystroke cost and start-up, as a user
/// meets them: the release build served compressed, in headless Chromium, also with the CPU
/// throttled 4×, each figure beside a baseline of the same run).
pub(crate) fn bench() -> Result<(), String> {
    setup::run(setup::Need::Test)?;
    shell::run(cmd("cargo", &["bench", "-p", "report"]))?;
    let dist = run()?;
    let server = crate::serve::bind(0)?;
    let port = crate::serve::port_of(&server)?;
    std::thread::spawn(move || crate::serve::serve_forever(server, dist));
    let mut browser = cmd("node", &["tests/bench/browser.mjs"]);
    browser.env("BASE_URL", format!("http://127.0.0.1:{port}"));
    browser.env("LIGHTHOUSE", lighthouse()?);
    shell::run(browser)
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
/// which is what a server sends).
fn print_sizes(dist: &std::path::Path) -> Result<(), String> {
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
    Ok(())
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
