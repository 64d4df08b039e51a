//! `cargo xtask`: the sci workspace's automation.
//!
//! - `cargo xtask ci` — the one test command (fmt, clippy, tests, rustdoc, examples, tour).
//! - `cargo xtask fixtures [NAME...]` — regenerate SciPy reference fixtures.
//! - `cargo xtask bench [--module M] [--compare-scipy [--only NAME]]` — criterion benches, or the same
//!   workloads timed in sci and SciPy side by side.
//! - `cargo xtask nist [--dir PATH]` — the NIST StRD accuracy suites (data outside the repo).
//!
//! See `xtask/README.md` for how to add fixtures and benchmark workloads.

mod bench;
mod ci;
mod fixtures;
mod nist;
mod process;
mod python;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  ci [--skip-fmt]                     fmt check, clippy -D warnings, all tests (unit,
                                      integration, doc), rustdoc -D warnings, examples,
                                      and the tour in quick mode
  fixtures [NAME...]                  regenerate SciPy reference fixtures by running
                                      xtask/fixtures/NAME.py (all of them by default) in a
                                      pinned virtualenv outside the source tree
  bench [--module M] [--compare-scipy [--only NAME]]
                                      run the criterion benches of sci-M (all modules by
                                      default); with --compare-scipy, time the shared
                                      workloads in sci and SciPy at 2 threads and write
                                      target/sci-bench/compare.json (--only: workloads
                                      whose name contains NAME)
  nist [--dir PATH]                   run the NIST StRD accuracy tests (ignored by default)
                                      against the certified data in PATH (default:
                                      ../shared/nist beside the workspace)
  help                                this text

environment:
  SCI_VENV      virtualenv to use instead of <tmp>/sci-venv-<hash of requirements.txt>
  SCI_PYTHON    interpreter used to create the virtualenv (default: python3)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("ci") => ci::run(&args[1..]),
        Some("fixtures") => fixtures::run(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("nist") => nist::run(&args[1..]),
        Some("help" | "--help" | "-h") | None => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command {other:?}\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (the parent of this crate's directory).
pub(crate) fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}
