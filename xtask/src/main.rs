//! `cargo xtask`: setup, test, serve, bench and dist for Nianbao.

fn main() {
    eprintln!("cargo xtask: not yet");
}
