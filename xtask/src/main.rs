//! `cargo xtask`: one entry point for setting up, building, serving, testing and benchmarking.
//! It replaces shell scripts so that a fresh machine needs only `cargo` to get going.

mod bench_report;
mod compress;
mod dist;
mod offline;
mod serve;
mod setup;
mod shell;
mod split;
mod test;
mod tidy;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  setup [--build]   install what the tests need, or with --build only what the build
                    needs (idempotent; serve and dist run the --build part themselves)
  serve [--port N]  build the release app and serve it on http://127.0.0.1:8080
  dist              build the deployable folder dist/ and print every asset's size
  test [--only T]   run every test tier (fmt, clippy, clippy-wasm, unit, wasm, e2e)
  bench             run the core benchmarks and measure the release bundle
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => match args.get(1).map(String::as_str) {
            None => setup::run(setup::Need::Test),
            Some("--build") => setup::run(setup::Need::Build),
            Some(other) => Err(format!("setup: unknown option {other}")),
        },
        Some("serve") => serve::run(&args[1..]),
        Some("dist") => dist::run().map(|_| ()),
        Some("test") => test::run(&args[1..]),
        Some("bench") => dist::bench(),
        Some("help" | "--help" | "-h") => {
            print!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("unknown or missing command\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}
