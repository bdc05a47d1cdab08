//! Precompressed copies of the built assets (`NAME.gz`, `NAME.br`), written by `dist` beside
//! each file, so any server (ours, nginx's `gzip_static`/`brotli_static`, IIS with static
//! files) sends compressed bytes without compressing on every request.

use std::io::Write;
use std::path::Path;

use flate2::Compression;
use flate2::write::GzEncoder;

/// The endings worth compressing: text and wasm. Images are compressed already.
const COMPRESSIBLE: &[&str] = &[
    "html",
    "js",
    "mjs",
    "css",
    "wasm",
    "json",
    "webmanifest",
    "svg",
    "txt",
    "ico",
];

/// Whether `name` is a file `dist` compresses.
pub(crate) fn is_compressible(name: &str) -> bool {
    Path::new(name)
        .extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| COMPRESSIBLE.contains(&ext))
}

/// Whether `name` is a precompressed copy.
pub(crate) fn is_precompressed(name: &str) -> bool {
    name.ends_with(".gz") || name.ends_with(".br")
}

/// Writes `NAME.gz` (gzip -9) and `NAME.br` (brotli quality 11) beside every compressible
/// file of `dist`.
pub(crate) fn precompress(dist: &Path, files: &[String]) -> Result<(), String> {
    for name in files.iter().filter(|name| is_compressible(name)) {
        let path = dist.join(name);
        let bytes = std::fs::read(&path).map_err(|err| format!("{name}: {err}"))?;
        let write = |ext: &str, data: Vec<u8>| {
            std::fs::write(dist.join(format!("{name}.{ext}")), data)
                .map_err(|err| format!("cannot write {name}.{ext}: {err}"))
        };
        write("gz", gzip(&bytes))?;
        write("br", brotli(&bytes))?;
    }
    Ok(())
}

/// gzip at the best level.
pub(crate) fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// Brotli at the best quality with the largest window a browser accepts.
pub(crate) fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        let _ = writer.write_all(bytes);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_encodings_decode_back_to_the_input() {
        let input = "年报 Nianbao ".repeat(500).into_bytes();
        let gz = gzip(&input);
        let mut decoded = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut decoded)
            .expect("gzip decodes");
        assert_eq!(decoded, input);
        let br = brotli(&input);
        let mut decoded = Vec::new();
        std::io::Read::read_to_end(&mut brotli::Decompressor::new(&br[..], 4096), &mut decoded)
            .expect("brotli decodes");
        assert_eq!(decoded, input);
        assert!(br.len() < input.len() / 10 && gz.len() < input.len() / 10);
    }

    #[test]
    fn text_and_wasm_are_compressed_images_are_not() {
        assert!(is_compressible("nianbao-app-0123456789abcdef_bg.wasm"));
        assert!(is_compressible("index.html"));
        assert!(!is_compressible("icon-192.png"));
        assert!(is_precompressed("index.html.br"));
    }
}
