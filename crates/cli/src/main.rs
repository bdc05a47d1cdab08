//! `nianbao`: the native command-line checker; all logic lives in the `report` crate.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--version") => {
            println!("nianbao {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!(
                "usage: nianbao check [--previous LAST_YEAR.json] [--format text|json] FILE..."
            );
            ExitCode::from(2)
        }
    }
}
