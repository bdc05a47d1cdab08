//! `cargo xtask test`: every test tier in order, one summary line each; fails if any fails.
//! Tiers keep going after a failure so one run shows everything that is wrong.

use std::time::Instant;

use crate::shell::{self, cmd};
use crate::{dist, serve, setup};

struct Tier {
    name: &'static str,
    what: &'static str,
    run: fn() -> Result<(), String>,
}

const TIERS: &[Tier] = &[
    Tier {
        name: "fmt",
        what: "cargo fmt --check",
        run: fmt,
    },
    Tier {
        name: "clippy",
        what: "clippy -D warnings, native",
        run: clippy_native,
    },
    Tier {
        name: "clippy-wasm",
        what: "clippy -D warnings, wasm32",
        run: clippy_wasm,
    },
    Tier {
        name: "unit",
        what: "cargo test, native workspace",
        run: unit,
    },
    Tier {
        name: "wasm",
        what: "wasm-bindgen-test in headless Chromium",
        run: wasm,
    },
    Tier {
        name: "e2e",
        what: "Playwright against the release build",
        run: e2e,
    },
    Tier {
        name: "firefox",
        what: "single-file edition in Firefox",
        run: firefox,
    },
];

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let only = parse_only(args)?;
    setup::run(setup::Need::Test)?;
    let mut results = Vec::new();
    for tier in TIERS
        .iter()
        .filter(|t| only.as_ref().is_none_or(|o| o.contains(&t.name)))
    {
        eprintln!("\n=== tier {}: {} ===", tier.name, tier.what);
        let started = Instant::now();
        let outcome = (tier.run)();
        results.push((tier, outcome, started.elapsed()));
    }
    println!("\nxtask test summary");
    let mut failed = 0;
    for (tier, outcome, elapsed) in &results {
        let verdict = match outcome {
            Ok(()) => "ok".to_owned(),
            Err(err) => {
                failed += 1;
                format!("FAILED: {err}")
            }
        };
        println!(
            "  {:<12} {:<42} {:>7.1}s  {verdict}",
            tier.name,
            tier.what,
            elapsed.as_secs_f64()
        );
    }
    println!("tiers: {} passed, {failed} failed", results.len() - failed);
    if failed == 0 {
        Ok(())
    } else {
        Err(format!("{failed} test tier(s) failed"))
    }
}

fn parse_only(args: &[String]) -> Result<Option<Vec<&'static str>>, String> {
    match args {
        [] => Ok(None),
        [flag, list] if flag == "--only" => {
            let mut names = Vec::new();
            for wanted in list.split(',') {
                let tier = TIERS.iter().find(|t| t.name == wanted).ok_or_else(|| {
                    let known: Vec<_> = TIERS.iter().map(|t| t.name).collect();
                    format!("no tier named {wanted}; tiers: {}", known.join(", "))
                })?;
                names.push(tier.name);
            }
            Ok(Some(names))
        }
        _ => Err("usage: cargo xtask test [--only TIER,TIER]".into()),
    }
}

fn fmt() -> Result<(), String> {
    shell::run(cmd("cargo", &["fmt", "--all", "--check"]))
}

fn clippy_native() -> Result<(), String> {
    shell::run(cmd(
        "cargo",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    ))
}

fn clippy_wasm() -> Result<(), String> {
    // Only the crates that ship in the browser are built for wasm32.
    let args = [
        "clippy",
        "-p",
        "nianbao-app",
        "-p",
        "report",
        "-p",
        "pdf-text",
        "-p",
        "pdf-worker",
        "--all-targets",
    ];
    let mut full = args.to_vec();
    full.extend(["--target", "wasm32-unknown-unknown", "--", "-D", "warnings"]);
    shell::run(cmd("cargo", &full))?;
    // The split build's `#[lazy]` code exists only with the feature `dist` builds with.
    shell::run(cmd(
        "cargo",
        &[
            "clippy",
            "-p",
            "nianbao-app",
            "--features",
            "split",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ],
    ))
}

fn unit() -> Result<(), String> {
    shell::run(cmd("cargo", &["test", "--workspace"]))
}

fn wasm() -> Result<(), String> {
    let mut command = cmd(
        "cargo",
        &[
            "test",
            "-p",
            "nianbao-app",
            "--target",
            "wasm32-unknown-unknown",
        ],
    );
    // wasm-bindgen-test-runner drives Chromium through ChromeDriver; webdriver.json at the
    // root gives it the flags Chromium needs as root on a closed network.
    command.env("CHROMEDRIVER", "/usr/bin/chromedriver");
    command.env("WASM_BINDGEN_TEST_TIMEOUT", "120");
    shell::run(command)
}

fn e2e() -> Result<(), String> {
    let dist = dist::build()?;
    let server = serve::bind(0)?;
    let port = serve::port_of(&server)?;
    let mut command = cmd("playwright", &["test"]);
    command.env("BASE_URL", format!("http://127.0.0.1:{port}"));
    // The single-file edition is opened from disk, not through the server.
    command.env("DIST_DIR", &dist);
    std::thread::spawn(move || serve::serve_forever(server, dist));
    shell::run(command)
}

fn firefox() -> Result<(), String> {
    // Reuses the build of the e2e tier when there is one.
    let dist = crate::shell::root().join("dist");
    let dist = if dist.join(crate::offline::SINGLE_FILE).exists() {
        dist
    } else {
        dist::build()?
    };
    let mut command = cmd("node", &["--test", "tests/firefox/"]);
    command.env("DIST_DIR", &dist);
    shell::run(command)
}
