//! `cargo xtask dist` and `bench`: the release build of the app and the size of what ships.

use std::io::Write;
use std::path::PathBuf;

use flate2::Compression;
use flate2::write::GzEncoder;

use crate::shell::{self, cmd, root};
use crate::{offline, setup};

/// Builds the release app into dist/ with Trunk (offline, wasm-opt -Oz) and returns the folder.
pub(crate) fn build() -> Result<PathBuf, String> {
    shell::run(cmd("trunk", &["build", "--release", "--offline"]))?;
    let dist = root().join("dist");
    offline::write_service_worker(&dist)?;
    offline::write_single_file(&dist)?;
    Ok(dist)
}

/// `cargo xtask dist`: setup, build, then a table of every asset, raw and gzipped.
pub(crate) fn run() -> Result<PathBuf, String> {
    setup::run()?;
    let dist = build()?;
    print_sizes(&dist)?;
    Ok(dist)
}

/// `cargo xtask bench`: the criterion benchmarks of the core, then the bundle sizes.
pub(crate) fn bench() -> Result<(), String> {
    shell::run(cmd("cargo", &["bench", "-p", "report"]))?;
    run().map(|_| ())
}

fn print_sizes(dist: &std::path::Path) -> Result<(), String> {
    let (mut total_raw, mut total_gz) = (0usize, 0usize);
    println!("{:<48} {:>12} {:>12}", "asset", "bytes", "gzip -9");
    for name in offline::list_files(dist)? {
        let bytes = std::fs::read(dist.join(&name)).map_err(|err| format!("{name}: {err}"))?;
        let gz = gzip_len(&bytes);
        println!("{name:<48} {:>12} {gz:>12}", bytes.len());
        // The single-file edition repeats the other assets; count what a server ships.
        if name != offline::SINGLE_FILE {
            total_raw += bytes.len();
            total_gz += gz;
        }
    }
    println!(
        "{:<48} {total_raw:>12} {total_gz:>12}",
        "total served (without nianbao.html)"
    );
    Ok(())
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    if encoder.write_all(bytes).is_err() {
        return 0;
    }
    encoder.finish().map(|v| v.len()).unwrap_or(0)
}
