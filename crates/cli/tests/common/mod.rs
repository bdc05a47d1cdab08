//! Helpers shared by the CLI's integration tests: the fixtures of `tests/fixtures` and
//! running the binary.
#![allow(dead_code, unreachable_pub)] // each test file uses only some of them

use std::path::PathBuf;
use std::process::{Command, Output};

pub fn fixture(name: &str) -> String {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures"));
    dir.join(name).to_string_lossy().into_owned()
}

pub fn nianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .output()
        .expect("the binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
