"""SciPy half of the optimize workloads (see scipy_bench.py); the sci half is
xtask/bench-runner/src/optimize.rs with the same names and inputs."""
import numpy as np
import scipy.optimize as so

from splitmix import matrix, uniform


def rosen_x0(n):
    """Rosenbrock start: entries uniform in [-0.5, 0.5)."""
    return 0.5 * matrix(21, 1, n)[0]


def exp_data(m):
    """a·exp(−b·x)+c on m points in [0, 4] with ±0.05 noise (a=2.5, b=1.3, c=0.5)."""
    x = np.linspace(0.0, 4.0, m)
    y = 2.5 * np.exp(-1.3 * x) + 0.5 + 0.05 * (2.0 * uniform(22, (m,)) - 1.0)
    return x, y


def exp_model(x, a, b, c):
    return a * np.exp(-b * x) + c


def slsqp_docs():
    fun = lambda x: (x[0] - 1) ** 2 + (x[1] - 2.5) ** 2
    cons = ({"type": "ineq", "fun": lambda x: x[0] - 2 * x[1] + 2},
            {"type": "ineq", "fun": lambda x: -x[0] - 2 * x[1] + 6},
            {"type": "ineq", "fun": lambda x: -x[0] + 2 * x[1] + 2})
    return so.minimize(fun, (2, 0), method="SLSQP", bounds=((0, None), (0, None)), constraints=cons)


def brentq_many(shifts):
    for c in shifts:
        so.brentq(lambda x: x ** 3 - 2 * x - 5 - c, 2.0, 3.0)


def workloads():
    return [
        ("optimize/bfgs_rosen_100", lambda: (rosen_x0(100),),
         lambda x0: so.minimize(so.rosen, x0, jac=so.rosen_der, method="BFGS")),
        ("optimize/lbfgsb_rosen_100", lambda: (rosen_x0(100),),
         lambda x0: so.minimize(so.rosen, x0, jac=so.rosen_der, method="L-BFGS-B", bounds=[(-2.0, 2.0)] * 100)),
        ("optimize/neldermead_rosen_10", lambda: (rosen_x0(10),),
         lambda x0: so.minimize(so.rosen, x0, method="Nelder-Mead")),
        ("optimize/curve_fit_exp_1e5", lambda: exp_data(100_000),
         lambda x, y: so.curve_fit(exp_model, x, y, p0=[1.0, 1.0, 0.0])),
        ("optimize/least_squares_exp_1e5", lambda: exp_data(100_000),
         lambda x, y: so.least_squares(lambda p: exp_model(x, *p) - y, [1.0, 1.0, 0.0])),
        ("optimize/slsqp_docs", lambda: (), slsqp_docs),
        ("optimize/brentq_cubic_1e4", lambda: (uniform(23, (10_000,)),), brentq_many),
        ("optimize/linprog_sparse_1000x2000", lambda: sparse_lp(1000, 2000, 20_000),
         lambda c, a, b: so.linprog(c, A_ub=a, b_ub=b, bounds=(0.0, 10.0))),
    ]


def sparse_lp(m, n, nnz):
    """Feasible sparse LP min c.x, A x <= b, 0 <= x <= 10 (as in bench-runner/src/optimize.rs):
    nnz entries at uniform positions plus one per row and column, values uniform in [-1, 1);
    b = A x_f + 0.1 + u for x_f uniform in [0, 2); c uniform in [-1, 1)."""
    import scipy.sparse as sp
    total = nnz + m + n
    rows = (uniform(31, (total,)) * m).astype(np.int64)
    cols = (uniform(32, (total,)) * n).astype(np.int64)
    rows[nnz:nnz + m] = np.arange(m)
    cols[nnz + m:] = np.arange(n)
    vals = 2.0 * uniform(33, (total,)) - 1.0
    a = sp.csr_matrix((vals, (rows, cols)), shape=(m, n))
    b = a @ (2.0 * uniform(34, (n,))) + 0.1 + uniform(35, (m,))
    c = 2.0 * uniform(36, (n,)) - 1.0
    return c, a, b
