//! The app's WebAssembly, built split (issue 15): the screens the start screen does not need
//! are `#[lazy]` functions (`src/split.rs`); this cuts the linked wasm at them into the
//! start-up module and chunks fetched when first opened, the way cargo-leptos `--split` does:
//! link with relocations kept, split (`wasm_split_cli_support`), wasm-bindgen on the start-up
//! module only, then wasm-opt on every module. Trunk 0.21 cannot split (it still builds the
//! stylesheet, the assets and the PDF worker); the files land in dist/ named with one hash of
//! the build, and `index.html` gets their loader.

use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};

use crate::shell::{self, cmd, root};

/// The stem of the app's files (`nianbao-app-HASH.js`, `nianbao-app-HASH_bg.wasm`).
const APP: &str = "nianbao-app";
/// The link module the splitter writes: each chunk's loader, imported by the glue.
const LINK: &str = "wasm-split";
/// The names the splitter and wasm-bindgen give their outputs, before hashing.
const SPLIT_MAIN_JS: &str = "./nianbao-app.js";
const SPLIT_LINK_JS: &str = "./wasm-split.js";

/// The app's files in dist/, as the page and the single-file edition load them.
pub(crate) struct AppFiles {
    /// wasm-bindgen's JavaScript glue (an ES module).
    pub(crate) glue: String,
    /// The start-up wasm.
    pub(crate) wasm: String,
    /// The chunks' loaders (an ES module the glue imports).
    pub(crate) link: String,
    /// Every chunk, fetched by the link module when a split point is first called.
    pub(crate) chunks: Vec<String>,
}

/// Builds the app split into `dist` (which Trunk has filled) and adds its loader to
/// `dist/index.html`.
pub(crate) fn build(dist: &Path) -> Result<AppFiles, String> {
    // Relocations are kept only when linking the app (`cargo rustc` passes them to the final
    // crate alone), so the dependencies' build is shared with the tests and clippy.
    shell::run(cmd(
        "cargo",
        &[
            "rustc",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "nianbao-app",
            "--bin",
            "nianbao-app",
            "--features",
            "split",
            "--",
            "-C",
            "link-arg=--emit-relocs",
        ],
    ))?;
    let linked = root().join("target/wasm32-unknown-unknown/release/nianbao-app.wasm");
    let work = root().join("target/wasm-split");
    if work.exists() {
        std::fs::remove_dir_all(&work).map_err(|err| format!("{}: {err}", work.display()))?;
    }
    let bindgen = work.join("bindgen");
    std::fs::create_dir_all(&bindgen).map_err(|err| format!("{}: {err}", bindgen.display()))?;
    let chunks = split(&linked, &work)?;

    // `--keep-lld-exports`: the chunks import the table, memory and stack pointer that the
    // start-up module exports.
    let main = work.join("main.wasm").display().to_string();
    let out_dir = bindgen.display().to_string();
    shell::run(cmd(
        "wasm-bindgen",
        &[
            "--target",
            "web",
            "--keep-lld-exports",
            "--no-typescript",
            "--out-name",
            APP,
            "--out-dir",
            &out_dir,
            &main,
        ],
    ))?;
    let mut modules = vec![bindgen.join(format!("{APP}_bg.wasm"))];
    modules.extend(chunks);
    optimize(&modules)?;

    let glue = read_text(&bindgen.join(format!("{APP}.js")))?;
    let link = read_text(&work.join("wasm-split.js"))?;
    let hash = build_hash(&modules, &[&glue, &link])?;
    install(dist, &hash, &modules, &glue, &link)
}

/// Splits `linked` into `work`: `main.wasm` for wasm-bindgen, the chunks (returned) and the
/// link module `wasm-split.js`.
fn split(linked: &Path, work: &Path) -> Result<Vec<PathBuf>, String> {
    let wasm = std::fs::read(linked).map_err(|err| format!("{}: {err}", linked.display()))?;
    let main = work.join("main.wasm");
    let mut options = wasm_split_cli_support::Options::new(&wasm);
    options.output_dir = work;
    options.main_out_path = &main;
    options.main_module = SPLIT_MAIN_JS;
    options.link_name = SPLIT_LINK_JS;
    let split = wasm_split_cli_support::transform(options)
        .map_err(|err| format!("splitting {}: {err:?}", linked.display()))?;
    Ok(split.split_modules)
}

/// `wasm-opt -Oz` on every module in place, two at a time (the machines have two cores).
/// With `NIANBAO_WASM_NAMES` set, the modules keep their function names (`-g`): a CPU
/// profile of such a build names the app's functions instead of numbering them.
fn optimize(modules: &[PathBuf]) -> Result<(), String> {
    let names = std::env::var_os("NIANBAO_WASM_NAMES").is_some();
    for pair in modules.chunks(2) {
        let results: Vec<Result<(), String>> = std::thread::scope(|scope| {
            let running: Vec<_> = pair
                .iter()
                .map(|module| {
                    scope.spawn(move || {
                        let path = module.display().to_string();
                        let mut args = vec!["-Oz", path.as_str(), "-o", path.as_str()];
                        if names {
                            args.push("-g");
                        }
                        shell::run(cmd("wasm-opt", &args))
                    })
                })
                .collect();
            running
                .into_iter()
                .map(|handle| {
                    handle
                        .join()
                        .unwrap_or_else(|_| Err("wasm-opt thread panicked".into()))
                })
                .collect()
        });
        results.into_iter().collect::<Result<(), String>>()?;
    }
    Ok(())
}

fn read_text(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|err| format!("{}: {err}", path.display()))
}

/// One hash for all the app's files: the glue and the link module import each other, so a
/// hash per file cannot be had; any change to any of them renames them all.
fn build_hash(modules: &[PathBuf], texts: &[&str]) -> Result<String, String> {
    let mut hash = DefaultHasher::new();
    for module in modules {
        let bytes = std::fs::read(module).map_err(|err| format!("{}: {err}", module.display()))?;
        hash.write(&bytes);
    }
    for text in texts {
        hash.write(text.as_bytes());
    }
    Ok(format!("{:016x}", hash.finish()))
}

/// The name a chunk gets in dist/: `split_editor_chunk_2313326991260446984.wasm` (the
/// `#[lazy]` function's name and a hash of where it is) becomes `editor-HASH.wasm`, and a
/// chunk of code shared by several, `chunk_4.wasm`, `shared_4-HASH.wasm`.
fn chunk_name(file: &str, hash: &str) -> String {
    let stem = file.strip_suffix(".wasm").unwrap_or(file);
    let stem = match stem.strip_prefix("split_") {
        Some(split) => split
            .rsplit_once('_')
            .map_or(split, |(name, _)| name)
            .trim_end_matches("_chunk"),
        None => stem.strip_prefix("chunk").unwrap_or(stem),
    };
    let stem = if file.starts_with("chunk_") {
        format!("shared{stem}")
    } else {
        stem.replace('_', "-")
    };
    format!("{stem}-{hash}.wasm")
}

/// Copies the modules into `dist` under their hashed names, with the glue and the link
/// module pointing at each other's and the chunks' new names, and adds the loader to
/// `dist/index.html`.
fn install(
    dist: &Path,
    hash: &str,
    modules: &[PathBuf],
    glue: &str,
    link: &str,
) -> Result<AppFiles, String> {
    let glue_name = format!("{APP}-{hash}.js");
    let link_name = format!("{LINK}-{hash}.js");
    let wasm_name = format!("{APP}-{hash}_bg.wasm");
    let mut link = link.replace(SPLIT_MAIN_JS, &format!("./{glue_name}"));
    let mut chunks = Vec::new();
    let copy = |from: &Path, name: &str| {
        std::fs::copy(from, dist.join(name))
            .map(|_| ())
            .map_err(|err| format!("{} → {name}: {err}", from.display()))
    };
    let (main, split_modules) = modules.split_first().ok_or("no wasm was built")?;
    copy(main, &wasm_name)?;
    for module in split_modules {
        let file = module
            .file_name()
            .and_then(|name| name.to_str())
            .ok_or_else(|| format!("{}: not a file name", module.display()))?;
        let name = chunk_name(file, hash);
        let quoted = format!("\"./{file}\"");
        if !link.contains(&quoted) {
            return Err(format!("the link module does not load {file}"));
        }
        link = link.replace(&quoted, &format!("\"./{name}\""));
        copy(module, &name)?;
        chunks.push(name);
    }
    // Only the import statements change: the wasm's own name for the module stays the key
    // of the glue's import object.
    let from = format!("from \"{SPLIT_LINK_JS}\"");
    if !glue.contains(&from) {
        return Err(format!("the glue does not import {SPLIT_LINK_JS}"));
    }
    let glue = glue.replace(&from, &format!("from \"./{link_name}\""));
    let write = |name: &str, text: &str| {
        std::fs::write(dist.join(name), text).map_err(|err| format!("{name}: {err}"))
    };
    write(&glue_name, &glue)?;
    write(&link_name, &link)?;
    let files = AppFiles {
        glue: glue_name,
        wasm: wasm_name,
        link: link_name,
        chunks,
    };
    add_loader(&dist.join("index.html"), &files)?;
    Ok(files)
}

/// Adds to the page what Trunk adds for an app it built, the glue preloaded and the module
/// script that starts the app, with one change: the start-up wasm is fetched once the static
/// page has painted, not preloaded with the page. Fetched with the page, the wasm (200 KB)
/// shared a slow line with the stylesheet the first paint waits for, and Lighthouse's
/// simulated LCP counted its download (2.1 s; 1.1 s without). The wait is one frame, or
/// 100 ms at most in a tab that does not paint (opened in the background).
fn add_loader(page: &Path, files: &AppFiles) -> Result<(), String> {
    let html = read_text(page)?;
    let head_end = html
        .find("</head>")
        .ok_or_else(|| format!("{} has no </head>", page.display()))?;
    let loader = loader(files);
    let html = format!("{}{loader}{}", &html[..head_end], &html[head_end..]);
    std::fs::write(page, html).map_err(|err| format!("{}: {err}", page.display()))
}

/// The tags [`add_loader`] adds to the page's head.
fn loader(files: &AppFiles) -> String {
    let AppFiles {
        glue, wasm, link, ..
    } = files;
    format!(
        "<link rel=\"modulepreload\" href=\"./{glue}\" crossorigin=\"anonymous\">\n\
         <link rel=\"modulepreload\" href=\"./{link}\" crossorigin=\"anonymous\">\n\
         <script type=\"module\">\nimport init from './{glue}';\n\
         await new Promise((painted) => {{ requestAnimationFrame(() => setTimeout(painted, 0)); setTimeout(painted, 100); }});\n\
         await init({{ module_or_path: './{wasm}' }});\n</script>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_loader_preloads_the_glue_and_fetches_the_wasm_after_the_first_paint() {
        let files = AppFiles {
            glue: "nianbao-app-0123456789abcdef.js".into(),
            wasm: "nianbao-app-0123456789abcdef_bg.wasm".into(),
            link: "wasm-split-0123456789abcdef.js".into(),
            chunks: Vec::new(),
        };
        let loader = loader(&files);
        assert!(loader.contains(
            "<link rel=\"modulepreload\" href=\"./nianbao-app-0123456789abcdef.js\" crossorigin=\"anonymous\">"
        ));
        assert!(loader.contains("href=\"./wasm-split-0123456789abcdef.js\""));
        assert!(!loader.contains("rel=\"preload\""), "{loader}");
        let paint = loader
            .find("requestAnimationFrame")
            .expect("a wait for the paint");
        let init = loader
            .find("await init({ module_or_path: './nianbao-app-0123456789abcdef_bg.wasm' });")
            .expect("the start");
        assert!(paint < init, "{loader}");
    }

    #[test]
    fn chunks_are_named_after_their_split_point() {
        let hash = "0123456789abcdef";
        assert_eq!(
            chunk_name("split_editor_chunk_2313326991260446984.wasm", hash),
            "editor-0123456789abcdef.wasm"
        );
        assert_eq!(
            chunk_name(
                "split_import_published_chunk_16004823710463875009.wasm",
                hash
            ),
            "import-published-0123456789abcdef.wasm"
        );
        assert_eq!(
            chunk_name("chunk_4.wasm", hash),
            "shared_4-0123456789abcdef.wasm"
        );
    }
}
