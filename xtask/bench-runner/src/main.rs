//! The sci half of `cargo xtask bench --compare-scipy`.
//!
//! Each module file registers workloads with the same names and inputs as
//! `xtask/bench/scipy_bench.py`; inputs come from the shared SplitMix64 definition
//! ([`splitmix`]). Timing rule (both sides): one warm-up run, then at least five runs and at
//! least one second in total (at most fifty runs); the median is reported.
//!
//! usage: `sci-bench-runner --module {all,linalg,...} [--only NAME-SUBSTRING] --out results.json`

mod linalg;
mod optimize;
mod signal;
mod signal_spectral;
mod splitmix;
mod stats;
mod timing;

use std::process::ExitCode;

use serde_json::json;

/// A named workload: `setup` builds its inputs (untimed) and returns the timed closure.
pub(crate) struct Workload {
    pub name: &'static str,
    pub setup: fn() -> Box<dyn FnMut() -> sci::Result<()>>,
}

fn registry(module: &str) -> Vec<Workload> {
    match module {
        "linalg" => linalg::workloads(),
        "signal" => [signal::workloads(), signal_spectral::workloads()].into_iter().flatten().collect(),
        "stats" => stats::workloads(),
        "optimize" => optimize::workloads(),
        _ => Vec::new(),
    }
}

const MODULES: [&str; 7] = ["linalg", "sparse", "signal", "stats", "optimize", "ndimage", "interpolate"];

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sci-bench-runner: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).cloned();
    let module = value("--module").unwrap_or_else(|| "all".to_string());
    let out = value("--out").ok_or("--out is required")?;
    let only = value("--only");
    let threads = std::env::var("SCI_NUM_THREADS").ok().and_then(|v| v.parse().ok()).unwrap_or(2);
    sci::set_num_threads(threads).map_err(|e| e.to_string())?;

    let modules: Vec<&str> = if module == "all" { MODULES.to_vec() } else { vec![module.as_str()] };
    let mut results = Vec::new();
    for m in modules {
        for w in registry(m) {
            if only.as_deref().is_some_and(|o| !w.name.contains(o)) {
                continue;
            }
            let mut run = (w.setup)();
            let (seconds, runs) = timing::median_seconds(&mut run).map_err(|e| format!("{}: {e}", w.name))?;
            println!("  sci   {}: {:.3} ms (median of {runs})", w.name, seconds * 1e3);
            results.push(json!({"workload": w.name, "module": m, "seconds": seconds, "runs": runs}));
        }
    }
    let doc = json!({"threads": threads, "results": results});
    let text = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?;
    std::fs::write(&out, text).map_err(|e| format!("cannot write {out}: {e}"))
}
