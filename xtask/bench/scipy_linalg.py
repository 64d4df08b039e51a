"""SciPy half of the linalg workloads (see scipy_bench.py)."""
import scipy.linalg as sl

from splitmix import matrix, spd


def workloads():
    return [
        ("linalg/matmul_2000x2000", lambda: (matrix(1, 2000, 2000), matrix(2, 2000, 2000)), lambda a, b: a @ b),
        ("linalg/solve_2000x2000", lambda: (matrix(3, 2000, 2000), matrix(4, 2000, 1)[:, 0]), lambda a, b: sl.solve(a, b)),
        ("linalg/inv_1000x1000", lambda: (matrix(5, 1000, 1000),), lambda a: sl.inv(a)),
        ("linalg/det_1000x1000", lambda: (matrix(6, 1000, 1000),), lambda a: sl.det(a)),
        ("linalg/cholesky_2000x2000", lambda: (spd(7, 2000),), lambda a: sl.cholesky(a)),
        ("linalg/svd_1000x1000_thin", lambda: (matrix(8, 1000, 1000),), lambda a: sl.svd(a, full_matrices=False)),
        ("linalg/svd_2000x200_thin", lambda: (matrix(9, 2000, 200),), lambda a: sl.svd(a, full_matrices=False)),
        ("linalg/eigh_1000x1000_vectors", lambda: (spd(10, 1000),), lambda a: sl.eigh(a)),
        ("linalg/pinv_1000x500", lambda: (matrix(11, 1000, 500),), lambda a: sl.pinv(a)),
        ("linalg/lstsq_2000x200", lambda: (matrix(12, 2000, 200), matrix(13, 2000, 1)[:, 0]), lambda a, b: sl.lstsq(a, b)),
        ("linalg/qr_1000x1000", lambda: (matrix(14, 1000, 1000),), lambda a: sl.qr(a)),
        ("linalg/eig_500x500_vectors", lambda: (matrix(15, 500, 500),), lambda a: sl.eig(a)),
    ]
