//! The sci half of the `stats` workloads (same names and inputs as `xtask/bench/scipy_stats.py`).

use sci::ndarray::Array1;
use sci::stats;

use crate::Workload;
use crate::splitmix::uniform;

/// `n` values uniform in `[-1, 1)` from stream `seed`, as `2 * uniform(seed, n) - 1` in Python.
fn signed(seed: u64, n: usize) -> Array1<f64> {
    Array1::from_shape_fn(n, |i| 2.0 * uniform(seed, i as u64) - 1.0)
}

pub(crate) fn workloads() -> Vec<Workload> {
    vec![Workload {
        name: "stats/describe_1e6",
        setup: || {
            let x = signed(101, 1_000_000);
            Box::new(move || stats::describe(&x).map(drop))
        },
    }]
}
