//! `cargo xtask fixtures [NAME...]`: regenerate reference fixtures with real SciPy.

use std::process::Command;

use crate::process::run_step;
use crate::python::{ensure_venv, is_generator};

pub(crate) fn run(names: &[String]) -> Result<(), String> {
    let root = crate::workspace_root();
    let dir = root.join("xtask").join("fixtures");
    let mut scripts: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| is_generator(p))
        .collect();
    scripts.sort();
    if !names.is_empty() {
        for name in names {
            if !scripts.iter().any(|p| p.file_stem().is_some_and(|s| s == name.as_str())) {
                return Err(format!("no generator xtask/fixtures/{name}.py"));
            }
        }
        scripts.retain(|p| p.file_stem().is_some_and(|s| names.iter().any(|n| s == n.as_str())));
    }
    let python = ensure_venv()?;
    for script in &scripts {
        let name = script.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        // `-P` plus `runpy` keeps the generators' folder off the front of `sys.path`, so a
        // generator named like a standard-library module (`signal.py`) cannot shadow the
        // module SciPy imports; `_fixturelib` is found through the folder appended last.
        let bootstrap = "import sys, runpy; sys.path.append(sys.argv[1]); \
                         runpy.run_path(sys.argv[2], run_name='__main__')";
        run_step(
            &format!("fixtures/{name}"),
            Command::new(&python)
                .args(["-P", "-c", bootstrap])
                .arg(&dir)
                .arg(script)
                .env("PYTHONHASHSEED", "0"),
        )?;
    }
    println!("\nfixtures: ran {} generator(s); review and commit the changed files", scripts.len());
    Ok(())
}
