"""The SciPy half of `cargo xtask bench --compare-scipy`.

Each workload is (name, setup, run): setup builds inputs from the shared SplitMix64
definition (untimed), run is timed. The Rust half (xtask/bench-runner) registers the same
names with the same inputs. Threads are limited by the environment xtask sets
(OPENBLAS_NUM_THREADS=2, ...).

usage: scipy_bench.py --module {all,linalg,...} --out results.json
"""
import argparse
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402
import scipy  # noqa: E402
import scipy.linalg as sl  # noqa: E402

from splitmix import matrix, spd  # noqa: E402


def linalg_workloads():
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


WORKLOADS = {
    "linalg": linalg_workloads,
}


def time_workload(setup, run, min_runs=5, min_total=1.0, max_runs=50):
    args = setup()
    run(*args)  # warm-up
    times = []
    while len(times) < min_runs or (sum(times) < min_total and len(times) < max_runs):
        start = time.perf_counter()
        run(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times), len(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--module", default="all")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    modules = list(WORKLOADS) if args.module == "all" else [args.module]
    results = []
    for module in modules:
        for name, setup, run in WORKLOADS.get(module, lambda: [])():
            seconds, runs = time_workload(setup, run)
            print(f"  scipy {name}: {seconds * 1e3:.3f} ms (median of {runs})", flush=True)
            results.append({"workload": name, "module": module, "seconds": seconds, "runs": runs})
    with open(args.out, "w") as f:
        json.dump({"numpy": np.__version__, "scipy": scipy.__version__, "results": results}, f, indent=1)


if __name__ == "__main__":
    main()
