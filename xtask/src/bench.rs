//! `cargo xtask bench [--module M] [--compare-scipy [--only NAME-SUBSTRING]]`.
//!
//! With `--compare-scipy`, the same workloads run in SciPy (`xtask/bench/scipy_bench.py`)
//! and in sci (`xtask/bench-runner`), both limited to two threads, on inputs both sides
//! generate from the same SplitMix64 definition. The medians are joined by workload name,
//! printed as a table and written to `target/sci-bench/compare.json`.

use std::collections::BTreeMap;
use std::process::Command;

use serde_json::{Value, json};

use crate::process::{cargo, run_step};
use crate::python::{ensure_venv, limit_threads};

const MODULES: [&str; 7] = ["linalg", "sparse", "signal", "stats", "optimize", "ndimage", "interpolate"];
const THREADS: usize = 2;

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let mut module: Option<String> = None;
    let mut compare = false;
    let mut only: Option<String> = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--compare-scipy" => compare = true,
            "--module" => module = Some(it.next().ok_or("--module needs a value")?.clone()),
            "--only" => only = Some(it.next().ok_or("--only needs a value")?.clone()),
            other => return Err(format!("bench: unknown option {other:?}")),
        }
    }
    if let Some(m) = &module
        && !MODULES.contains(&m.as_str())
    {
        return Err(format!("unknown module {m:?}; expected one of {MODULES:?}"));
    }
    if only.is_some() && !compare {
        return Err("--only filters the --compare-scipy workloads; add --compare-scipy".into());
    }
    if compare { compare_scipy(module.as_deref(), only.as_deref()) } else { criterion(module.as_deref()) }
}

fn criterion(module: Option<&str>) -> Result<(), String> {
    let mut cmd = cargo();
    cmd.arg("bench");
    match module {
        Some(m) => cmd.args(["-p", &format!("sci-{m}")]),
        None => cmd.args(MODULES.iter().flat_map(|m| ["-p".to_string(), format!("sci-{m}")])),
    };
    run_step("criterion", &mut cmd).map(|_| ())
}

fn compare_scipy(module: Option<&str>, only: Option<&str>) -> Result<(), String> {
    let root = crate::workspace_root();
    let out_dir = root.join("target").join("sci-bench");
    std::fs::create_dir_all(&out_dir).map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    let module_arg = module.unwrap_or("all");

    let python = ensure_venv()?;
    let scipy_json = out_dir.join("scipy.json");
    let script = root.join("xtask").join("bench").join("scipy_bench.py");
    let mut py = Command::new(&python);
    py.arg(&script).args(["--module", module_arg, "--out"]).arg(&scipy_json);
    if let Some(o) = only {
        py.args(["--only", o]);
    }
    run_step("scipy", limit_threads(&mut py, THREADS))?;

    let sci_json = out_dir.join("sci.json");
    let mut rs = cargo();
    rs.args(["run", "--release", "--quiet", "-p", "sci-bench-runner", "--", "--module", module_arg, "--out"])
        .arg(&sci_json)
        .env("SCI_NUM_THREADS", THREADS.to_string())
        .env("RAYON_NUM_THREADS", THREADS.to_string());
    if let Some(o) = only {
        rs.args(["--only", o]);
    }
    run_step("sci", &mut rs)?;

    let scipy = read_results(&scipy_json)?;
    let sci = read_results(&sci_json)?;
    let mut names: Vec<&String> = sci.keys().chain(scipy.keys()).collect();
    names.sort();
    names.dedup();

    let mut rows = Vec::new();
    println!("\n{:<34} {:<12} {:>12} {:>12} {:>8}", "workload", "module", "sci", "scipy", "ratio");
    println!("{}", "-".repeat(82));
    for name in names {
        let (module, sci_s) = sci.get(name).map(|(m, s)| (m.clone(), Some(*s))).unwrap_or_default();
        let (py_module, scipy_s) = scipy.get(name).map(|(m, s)| (m.clone(), Some(*s))).unwrap_or_default();
        let module = if module.is_empty() { py_module } else { module };
        let ratio = match (sci_s, scipy_s) {
            (Some(a), Some(b)) if b > 0.0 => Some(a / b),
            _ => None,
        };
        println!(
            "{:<34} {:<12} {:>12} {:>12} {:>8}",
            name,
            module,
            sci_s.map_or("missing".into(), fmt_time),
            scipy_s.map_or("missing".into(), fmt_time),
            ratio.map_or("-".into(), |r| format!("{r:.2}")),
        );
        rows.push(
            json!({"workload": name, "module": module, "sci_s": sci_s, "scipy_s": scipy_s, "ratio": ratio}),
        );
    }
    let out = out_dir.join("compare.json");
    let text = serde_json::to_string_pretty(&Value::Array(rows)).map_err(|e| e.to_string())?;
    std::fs::write(&out, text + "\n").map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!(
        "\nratio = sci time / scipy time (median of repeated runs, {THREADS} threads each); wrote {}",
        out.display()
    );
    Ok(())
}

/// Reads `{"results": [{"workload", "module", "seconds"}]}` into name → (module, seconds).
fn read_results(path: &std::path::Path) -> Result<BTreeMap<String, (String, f64)>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let value: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let results =
        value.get("results").and_then(Value::as_array).ok_or(format!("{}: no results", path.display()))?;
    let mut map = BTreeMap::new();
    for r in results {
        let name = r.get("workload").and_then(Value::as_str).ok_or("result without workload")?;
        let module = r.get("module").and_then(Value::as_str).unwrap_or("");
        let seconds = r.get("seconds").and_then(Value::as_f64).ok_or("result without seconds")?;
        map.insert(name.to_string(), (module.to_string(), seconds));
    }
    Ok(map)
}

fn fmt_time(s: f64) -> String {
    if s >= 1.0 {
        format!("{s:.3} s")
    } else if s >= 1e-3 {
        format!("{:.3} ms", s * 1e3)
    } else {
        format!("{:.3} µs", s * 1e6)
    }
}
