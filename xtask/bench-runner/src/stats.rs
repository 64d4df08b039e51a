//! The sci half of the `stats` workloads (same names and inputs as `xtask/bench/scipy_stats.py`).

use crate::Workload;

pub(crate) fn workloads() -> Vec<Workload> {
    Vec::new()
}
