//! `cargo xtask ci`: everything CI checks, in the order that fails fastest.

use std::time::Duration;

use crate::process::{cargo, run_step};

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let mut skip_fmt = false;
    for arg in args {
        match arg.as_str() {
            "--skip-fmt" => skip_fmt = true,
            other => return Err(format!("ci: unknown option {other:?}")),
        }
    }
    let locked = crate::workspace_root().join("Cargo.lock").exists();
    let with_lock = |mut args: Vec<&'static str>| {
        if locked {
            args.push("--locked");
        }
        args
    };

    let mut timings: Vec<(&str, Duration)> = Vec::new();
    let mut step = |name: &'static str, cmd: &mut std::process::Command| -> Result<(), String> {
        timings.push((name, run_step(name, cmd)?));
        Ok(())
    };

    if !skip_fmt {
        step("fmt", cargo().args(["fmt", "--all", "--", "--check"]))?;
    }
    step(
        "clippy",
        cargo()
            .args(with_lock(vec!["clippy", "--workspace", "--all-targets"]))
            .args(["--", "-D", "warnings"]),
    )?;
    // Unit, integration and example/bench targets; doc tests separately (all-targets skips them).
    step("test", cargo().args(with_lock(vec!["test", "--workspace", "--all-targets"])))?;
    step("doctest", cargo().args(with_lock(vec!["test", "--workspace", "--doc"])))?;
    step(
        "rustdoc",
        cargo().args(with_lock(vec!["doc", "--workspace", "--no-deps"])).env("RUSTDOCFLAGS", "-D warnings"),
    )?;
    step("examples", cargo().args(with_lock(vec!["build", "--workspace", "--examples"])))?;
    // The README's run command is `cargo run --release --example tour`. CI runs it in the dev
    // profile, whose dependencies are already optimized (`[profile.dev.package."*"]`), to avoid
    // a second full optimized build of faer; SCI_TOUR_QUICK shrinks its sizes.
    step(
        "tour",
        cargo().args(with_lock(vec!["run", "-p", "sci", "--example", "tour"])).env("SCI_TOUR_QUICK", "1"),
    )?;

    println!("\n==> summary");
    let total: f64 = timings.iter().map(|(_, d)| d.as_secs_f64()).sum();
    for (name, d) in &timings {
        println!("    {name:<10} {:>8.1}s", d.as_secs_f64());
    }
    println!("    {:<10} {total:>8.1}s", "total");
    println!("ci: all steps passed");
    Ok(())
}
