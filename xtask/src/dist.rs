//! `cargo xtask dist` and `bench`: the release build of the app and the size of what ships.

use std::io::Write;
use std::path::PathBuf;

use flate2::Compression;
use flate2::write::GzEncoder;

use crate::setup;
use crate::shell::{self, cmd, root};

/// Builds the release app into dist/ with Trunk (offline, wasm-opt -Oz) and returns the folder.
pub(crate) fn build() -> Result<PathBuf, String> {
    shell::run(cmd("trunk", &["build", "--release", "--offline"]))?;
    Ok(root().join("dist"))
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
    let mut files = Vec::new();
    collect(dist, &mut files).map_err(|err| format!("cannot list {}: {err}", dist.display()))?;
    files.sort();
    let (mut total_raw, mut total_gz) = (0usize, 0usize);
    println!("{:<48} {:>12} {:>12}", "asset", "bytes", "gzip -9");
    for file in files {
        let bytes = std::fs::read(&file).map_err(|err| format!("{}: {err}", file.display()))?;
        let gz = gzip_len(&bytes);
        total_raw += bytes.len();
        total_gz += gz;
        let name = file
            .strip_prefix(dist)
            .unwrap_or(&file)
            .display()
            .to_string();
        println!("{name:<48} {:>12} {gz:>12}", bytes.len());
    }
    println!("{:<48} {total_raw:>12} {total_gz:>12}", "total");
    Ok(())
}

fn collect(dir: &std::path::Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?
        } else {
            out.push(path)
        }
    }
    Ok(())
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    if encoder.write_all(bytes).is_err() {
        return 0;
    }
    encoder.finish().map(|v| v.len()).unwrap_or(0)
}
