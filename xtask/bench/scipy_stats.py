"""SciPy half of the stats workloads (see scipy_bench.py); names and inputs match
xtask/bench-runner/src/stats.rs."""
import numpy as np
import scipy.stats as st

from splitmix import uniform


def workloads():
    return [
        ("stats/describe_1e6", lambda: (2.0 * uniform(101, 1_000_000) - 1.0,), lambda x: st.describe(x)),
        ("stats/norm_rvs_1e7", lambda: (), lambda: st.norm.rvs(size=10_000_000, random_state=np.random.default_rng(1))),
        ("stats/norm_cdf_1e6", lambda: (8.0 * uniform(102, 1_000_000) - 4.0,), lambda x: st.norm.cdf(x)),
        ("stats/norm_ppf_1e6", lambda: (uniform(103, 1_000_000),), lambda q: st.norm.ppf(q)),
    ]
