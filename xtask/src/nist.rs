//! `cargo xtask nist [--dir PATH]`: the NIST StRD accuracy suites.
//!
//! The certified datasets live outside the repository (by default `../shared/nist` beside
//! the workspace root; see that folder's README) and are never copied in. Tests that need
//! them are `#[ignore]`d, carry `nist` in their names and read the folder from
//! `SCI_NIST_DIR`; this command sets it and runs exactly those tests, printing their
//! accuracy tables (`--nocapture`).

use std::path::PathBuf;

use crate::process::{cargo, run_step};

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let dir = match args {
        [] => crate::workspace_root().join("..").join("shared").join("nist"),
        [flag, path] if flag == "--dir" => PathBuf::from(path),
        _ => return Err(format!("usage: cargo xtask nist [--dir PATH], got {args:?}")),
    };
    let dir = dir.canonicalize().map_err(|e| {
        format!("NIST StRD folder {} not found ({e}); pass --dir PATH or set it up first", dir.display())
    })?;
    if !dir.join("README.md").exists() {
        return Err(format!("{} does not look like the NIST StRD folder (no README.md)", dir.display()));
    }
    run_step(
        "nist",
        cargo()
            .args(["test", "--workspace", "--locked", "--", "--ignored", "nist", "--nocapture"])
            .env("SCI_NIST_DIR", &dir),
    )?;
    Ok(())
}
