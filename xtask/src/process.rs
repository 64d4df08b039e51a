//! Running commands with a visible header and timing.

use std::process::Command;
use std::time::{Duration, Instant};

/// Runs `cmd` in the workspace root, streaming its output; fails with the step's name.
pub(crate) fn run_step(name: &str, cmd: &mut Command) -> Result<Duration, String> {
    let shown = describe(cmd);
    println!("\n==> {name}: {shown}");
    let start = Instant::now();
    let status = cmd
        .current_dir(crate::workspace_root())
        .status()
        .map_err(|e| format!("{name}: could not start `{shown}`: {e}"))?;
    let elapsed = start.elapsed();
    if status.success() {
        println!("==> {name}: ok in {:.1}s", elapsed.as_secs_f64());
        Ok(elapsed)
    } else {
        Err(format!("step `{name}` failed ({status}) after {:.1}s: `{shown}`", elapsed.as_secs_f64()))
    }
}

/// `cargo` as invoked by the outer `cargo xtask`, so the same toolchain is used.
pub(crate) fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

fn describe(cmd: &Command) -> String {
    let envs: Vec<String> = cmd
        .get_envs()
        .filter_map(|(k, v)| v.map(|v| format!("{}={}", k.to_string_lossy(), v.to_string_lossy())))
        .collect();
    let program = std::path::Path::new(cmd.get_program())
        .file_name()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    let args: Vec<String> = cmd.get_args().map(|a| a.to_string_lossy().into_owned()).collect();
    let mut parts = envs;
    parts.push(program);
    parts.extend(args);
    parts.join(" ")
}
