//! `cargo xtask setup`: installs, only when missing, what the build (and, for tests, the
//! browsers and document tools) need, printing each step with why and how long it takes.
//! Versions are pinned where the obvious route fails here (see shared/toolchain.md).

use std::path::Path;
use std::time::Instant;

use crate::shell::{self, cmd, output, root};

/// Trunk 0.22 needs a newer rustc than the machines have; 0.21.14 is the last that builds.
const TRUNK_VERSION: &str = "0.21.14";
/// Debian packages the tests need: the browser and its driver, CJK fonts so screenshots and
/// PDFs show Chinese, poppler for reading printed PDFs back, LibreOffice Writer for the test
/// that prints the DOCX export to PDF, and Firefox ESR for the single-file edition's test.
const TEST_APT_PACKAGES: &[&str] = &[
    "chromium",
    "chromium-driver",
    "fonts-noto-cjk",
    "poppler-utils",
    "libreoffice-writer-nogui",
    "firefox-esr",
];

/// What the caller is about to do, and so what must be installed for it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Need {
    /// `serve` and `dist`: the wasm target, Trunk, wasm-bindgen and wasm-opt.
    Build,
    /// `test` and `bench`: the build tools plus browsers, drivers, fonts and document tools.
    Test,
}

/// One missing thing and how to install it.
struct Step {
    what: String,
    why: &'static str,
    estimate: &'static str,
    install: Box<dyn Fn() -> Result<(), String>>,
}

/// Installs everything `need` requires that is missing; a second run does nothing and
/// takes seconds.
pub(crate) fn run(need: Need) -> Result<(), String> {
    let steps = plan(need)?;
    if steps.is_empty() {
        eprintln!("setup: everything is already installed");
        return Ok(());
    }
    let total = steps.len();
    eprintln!("setup: {total} step(s) to install what is missing");
    let started = Instant::now();
    for (index, step) in steps.iter().enumerate() {
        eprintln!(
            "setup [{}/{total}] {}: {} ({})",
            index + 1,
            step.what,
            step.why,
            step.estimate
        );
        let step_started = Instant::now();
        (step.install)()?;
        eprintln!(
            "setup [{}/{total}] done in {:.0} s",
            index + 1,
            step_started.elapsed().as_secs_f64()
        );
    }
    eprintln!(
        "setup: installed {} in {:.0} s",
        steps
            .iter()
            .map(|step| step.what.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The missing steps, in the order they run (quick ones first so failures show early).
fn plan(need: Need) -> Result<Vec<Step>, String> {
    let mut steps = Vec::new();
    if !has_wasm_target() {
        steps.push(Step {
            what: "the wasm32 Rust target".into(),
            why: "the app compiles to WebAssembly",
            estimate: "a few seconds",
            install: Box::new(|| {
                shell::run(cmd("rustup", &["target", "add", "wasm32-unknown-unknown"]))
            }),
        });
    }
    if need == Need::Test {
        let missing = missing_apt_packages();
        if !missing.is_empty() {
            steps.push(Step {
                what: format!("Debian packages {}", missing.join(" ")),
                why: "browsers, fonts and document tools for the tests",
                estimate: "about 1 to 3 minutes",
                install: Box::new(move || apt_install(&missing)),
            });
        }
    }
    if !node_packages_present(need) {
        let (what, why) = match need {
            Need::Build => (
                "the npm package binaryen",
                "its wasm-opt shrinks the release wasm (Debian's is too old)",
            ),
            Need::Test => (
                "the npm packages of package-lock.json",
                "wasm-opt, Playwright, axe-core and puppeteer-core for the browser tests",
            ),
        };
        steps.push(Step {
            what: what.into(),
            why,
            estimate: "under a minute",
            install: Box::new(move || npm_ci(need)),
        });
    }
    if !has_trunk() {
        steps.push(Step {
            what: format!("Trunk {TRUNK_VERSION}, built from source"),
            why: "it builds the app into dist/",
            estimate: "about 7 to 16 minutes on 2 cores, once",
            install: Box::new(|| {
                shell::run(cmd(
                    "cargo",
                    &["install", "--locked", "trunk", "--version", TRUNK_VERSION],
                ))
            }),
        });
    }
    let wanted = locked_version("wasm-bindgen")?;
    if !has_wasm_bindgen(&wanted) {
        steps.push(Step {
            what: format!("wasm-bindgen-cli {wanted}, built from source"),
            why: "it must match the wasm-bindgen crate of Cargo.lock exactly",
            estimate: "about 2 to 5 minutes on 2 cores, once",
            // Installed without --locked: its own lockfile pins a crate the registry lacks.
            install: Box::new(move || {
                shell::run(cmd(
                    "cargo",
                    &[
                        "install",
                        "--force",
                        "wasm-bindgen-cli",
                        "--version",
                        &wanted,
                    ],
                ))
            }),
        });
    }
    Ok(steps)
}

fn has_wasm_target() -> bool {
    output("rustup", &["target", "list", "--installed"])
        .unwrap_or_default()
        .lines()
        .any(|line| line.trim() == "wasm32-unknown-unknown")
}

fn missing_apt_packages() -> Vec<&'static str> {
    TEST_APT_PACKAGES
        .iter()
        .copied()
        .filter(|package| {
            output("dpkg-query", &["-W", "-f=${Status}", package])
                .is_none_or(|status| !status.contains("install ok installed"))
        })
        .collect()
}

fn apt_install(missing: &[&str]) -> Result<(), String> {
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
    install.extend_from_slice(missing);
    let mut command = apt(&install);
    command.env("DEBIAN_FRONTEND", "noninteractive");
    shell::run(command).map_err(|err| {
        format!(
            "{err}\nsetup needs these Debian packages: {}",
            missing.join(" ")
        )
    })
}

/// binaryen is the lockfile's only runtime dependency, so a build-only setup omits the
/// test tools (`--omit=dev`); a test setup installs the whole lockfile.
fn node_packages_present(need: Need) -> bool {
    let root = root();
    let marker = root.join("node_modules/.package-lock.json");
    let fresh = is_newer_or_same(&marker, &root.join("package-lock.json"))
        && root.join("node_modules/.bin/wasm-opt").exists();
    match need {
        Need::Build => fresh,
        Need::Test => {
            fresh
                && root.join("node_modules/.bin/playwright").exists()
                && root.join("node_modules/puppeteer-core").exists()
                && root.join("node_modules/@axe-core/playwright").exists()
        }
    }
}

fn npm_ci(need: Need) -> Result<(), String> {
    if output("npm", &["--version"]).is_none() {
        return Err("setup needs Node.js and npm (Debian packages nodejs and npm)".into());
    }
    let mut args = vec!["ci", "--no-audit", "--no-fund"];
    if need == Need::Build {
        args.push("--omit=dev");
    }
    shell::run(cmd("npm", &args))
}

fn has_trunk() -> bool {
    output("trunk", &["--version"])
        .unwrap_or_default()
        .split_whitespace()
        .nth(1)
        == Some(TRUNK_VERSION)
}

/// Both the CLI and the test runner (used by the wasm test tier) come from wasm-bindgen-cli.
fn has_wasm_bindgen(wanted: &str) -> bool {
    let has =
        |text: Option<String>| text.unwrap_or_default().split_whitespace().nth(1) == Some(wanted);
    has(output("wasm-bindgen", &["--version"]))
        && has(output("wasm-bindgen-test-runner", &["--version"]))
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
