//! The sci half of the `signal` workloads (same names and inputs as `xtask/bench/scipy_signal.py`).

use crate::Workload;

pub(crate) fn workloads() -> Vec<Workload> {
    Vec::new()
}
