//! The built `ics-whatif` binary, run as an analyst would: shared by the CLI test crates
//! (`#[path = "support/cli.rs"] mod cli_support;`).

use std::process::{Command, Output};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_ics-whatif");

/// Runs the binary with `args`.
pub fn cli(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Runs and expects success; returns standard output and standard error.
pub fn ok_with_stderr(args: &[&str]) -> (String, String) {
    let out = cli(args);
    let err = String::from_utf8(out.stderr).expect("UTF-8 errors");
    assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    (String::from_utf8(out.stdout).expect("UTF-8 output"), err)
}

/// Runs and expects success; returns standard output.
pub fn ok(args: &[&str]) -> String {
    ok_with_stderr(args).0
}
