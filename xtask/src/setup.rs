//! `cargo xtask setup`: installs, only when missing, what the build and tests need.
//! Versions are pinned where the obvious route fails here (see shared/toolchain.md).

use std::path::Path;

use crate::shell::{self, cmd, output, root};

/// Trunk 0.22 needs a newer rustc than the machines have; 0.21.14 is the last that builds.
const TRUNK_VERSION: &str = "0.21.14";
/// Debian packages: the browser and its driver for tests, CJK fonts so screenshots and
/// PDFs show Chinese, poppler for reading printed PDFs back in tests, and LibreOffice
/// Writer for the test that prints the DOCX export to PDF, and Firefox ESR for the test of
/// the single-file edition in Firefox.
const APT_PACKAGES: &[&str] = &[
    "chromium",
    "chromium-driver",
    "fonts-noto-cjk",
    "poppler-utils",
    "libreoffice-writer-nogui",
    "firefox-esr",
];

/// Installs everything that is missing; a second run does nothing and takes seconds.
pub(crate) fn run() -> Result<(), String> {
    let mut installed = Vec::new();
    wasm_target(&mut installed)?;
    apt_packages(&mut installed)?;
    node_packages(&mut installed)?;
    trunk(&mut installed)?;
    wasm_bindgen(&mut installed)?;
    if installed.is_empty() {
        eprintln!("setup: everything is already installed");
    } else {
        eprintln!("setup: installed {}", installed.join(", "));
    }
    Ok(())
}

fn wasm_target(installed: &mut Vec<String>) -> Result<(), String> {
    let targets = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if targets
        .lines()
        .any(|line| line.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    shell::run(cmd("rustup", &["target", "add", "wasm32-unknown-unknown"]))?;
    installed.push("wasm32 target".into());
    Ok(())
}

fn apt_packages(installed: &mut Vec<String>) -> Result<(), String> {
    let missing: Vec<&str> = APT_PACKAGES
        .iter()
        .copied()
        .filter(|package| {
            output("dpkg-query", &["-W", "-f=${Status}", package])
                .is_none_or(|status| !status.contains("install ok installed"))
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let sudo = output("id", &["-u"]).as_deref() != Some("0");
    let apt = |args: &[&str]| {
        let mut full = vec!["apt-get"];
        full.extend_from_slice(args);
        if sudo {
            cmd("sudo", &full)
        } else {
            cmd(full[0], &full[1..])
        }
    };
    shell::run(apt(&["update", "-q"]))?;
    let mut install = vec!["install", "-y", "-q", "--no-install-recommends"];
    install.extend_from_slice(&missing);
    let mut command = apt(&install);
    command.env("DEBIAN_FRONTEND", "noninteractive");
    shell::run(command).map_err(|err| {
        format!(
            "{err}\nsetup needs these Debian packages: {}",
            missing.join(" ")
        )
    })?;
    installed.extend(missing.iter().map(|package| package.to_string()));
    Ok(())
}

/// npm packages from the committed lockfile: binaryen (wasm-opt) and Playwright.
fn node_packages(installed: &mut Vec<String>) -> Result<(), String> {
    let root = root();
    let marker = root.join("node_modules/.package-lock.json");
    let up_to_date = is_newer_or_same(&marker, &root.join("package-lock.json"))
        && root.join("node_modules/.bin/wasm-opt").exists()
        && root.join("node_modules/.bin/playwright").exists()
        && root.join("node_modules/puppeteer-core").exists();
    if up_to_date {
        return Ok(());
    }
    if output("npm", &["--version"]).is_none() {
        return Err("setup needs Node.js and npm (Debian packages nodejs and npm)".into());
    }
    shell::run(cmd("npm", &["ci", "--no-audit", "--no-fund"]))?;
    installed.push("node packages (binaryen, playwright, puppeteer-core)".into());
    Ok(())
}

fn trunk(installed: &mut Vec<String>) -> Result<(), String> {
    let version = output("trunk", &["--version"]).unwrap_or_default();
    if version.split_whitespace().nth(1) == Some(TRUNK_VERSION) {
        return Ok(());
    }
    eprintln!("setup: building Trunk {TRUNK_VERSION} (several minutes on two cores, once)");
    shell::run(cmd(
        "cargo",
        &["install", "--locked", "trunk", "--version", TRUNK_VERSION],
    ))?;
    installed.push(format!("trunk {TRUNK_VERSION}"));
    Ok(())
}

/// wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly. It is
/// installed without --locked: its own lockfile pins a crate the registry here lacks.
fn wasm_bindgen(installed: &mut Vec<String>) -> Result<(), String> {
    let wanted = locked_version("wasm-bindgen")?;
    let version = output("wasm-bindgen", &["--version"]).unwrap_or_default();
    let runner = output("wasm-bindgen-test-runner", &["--version"]).unwrap_or_default();
    let has = |text: &str| text.split_whitespace().nth(1) == Some(wanted.as_str());
    if has(&version) && has(&runner) {
        return Ok(());
    }
    shell::run(cmd(
        "cargo",
        &[
            "install",
            "--force",
            "wasm-bindgen-cli",
            "--version",
            &wanted,
        ],
    ))?;
    installed.push(format!("wasm-bindgen-cli {wanted}"));
    Ok(())
}

/// The version of `package` recorded in Cargo.lock.
pub(crate) fn locked_version(package: &str) -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|err| format!("cannot read Cargo.lock: {err}"))?;
    let name_line = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        let version = lines
            .clone()
            .next()
            .and_then(|l| l.trim().strip_prefix("version = "));
        if line.trim() == name_line
            && let Some(version) = version
        {
            return Ok(version.trim_matches('"').to_owned());
        }
    }
    Err(format!("{package} is not in Cargo.lock"))
}

fn is_newer_or_same(path: &Path, than: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match (modified(path), modified(than)) {
        (Some(a), Some(b)) => a >= b,
        _ => false,
    }
}
