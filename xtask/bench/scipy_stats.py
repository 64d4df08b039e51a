"""SciPy half of the stats workloads (see scipy_bench.py); names and inputs match
xtask/bench-runner/src/stats.rs."""
import scipy.stats as st

from splitmix import uniform


def workloads():
    return [
        ("stats/describe_1e6", lambda: (2.0 * uniform(101, 1_000_000) - 1.0,), lambda x: st.describe(x)),
    ]
