//! The sci half of the `optimize` workloads (same names and inputs as `xtask/bench/scipy_optimize.py`).

use crate::Workload;

pub(crate) fn workloads() -> Vec<Workload> {
    Vec::new()
}
