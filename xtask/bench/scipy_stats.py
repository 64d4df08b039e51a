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
        ("stats/t_sf_1e6", lambda: (10.0 * uniform(104, 1_000_000) - 5.0,), lambda x: st.t.sf(x, 5.0)),
        ("stats/ttest_ind_1e6", lambda: (2.0 * uniform(105, 1_000_000) - 1.0, 2.0 * uniform(106, 1_000_000) - 0.99),
         lambda a, b: st.ttest_ind(a, b)),
        ("stats/pearsonr_1e6", lambda: _correlated(107, 1_000_000), lambda x, y: st.pearsonr(x, y)),
        ("stats/spearmanr_1e6", lambda: _correlated(109, 1_000_000), lambda x, y: st.spearmanr(x, y)),
        ("stats/ks_2samp_1e5_auto", lambda: (uniform(113, 100_000), uniform(114, 100_000) + 0.002),
         lambda x, y: st.ks_2samp(x, y)),
        ("stats/ks_2samp_1e6_asymp", lambda: (uniform(115, 1_000_000), uniform(116, 1_000_000) + 0.001),
         lambda x, y: st.ks_2samp(x, y, method="asymp")),
        ("stats/mannwhitneyu_1e5", lambda: (uniform(111, 100_000), uniform(112, 100_000) + 0.01),
         lambda x, y: st.mannwhitneyu(x, y)),
        ("stats/gaussian_kde_1e4x1e4", lambda: (4.0 * uniform(131, 10_000) - 2.0, 8.0 * uniform(132, 10_000) - 4.0),
         lambda data, pts: st.gaussian_kde(data).evaluate(pts)),
    ]


def _correlated(seed, n):
    """x uniform in [-1, 1) and y = x + uniform noise in [-1, 1) from the next stream."""
    x = 2.0 * uniform(seed, n) - 1.0
    return x, x + (2.0 * uniform(seed + 1, n) - 1.0)
