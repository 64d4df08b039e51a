"""The SciPy half of `cargo xtask bench --compare-scipy`.

Each module's workloads live in scipy_<module>.py as `workloads()`, a list of
(name, setup, run): setup builds inputs from the shared SplitMix64
definition (untimed), run is timed. The Rust half (xtask/bench-runner) registers the same
names with the same inputs. Threads are limited by the environment xtask sets
(OPENBLAS_NUM_THREADS=2, ...).

usage: scipy_bench.py --module {all,linalg,...} [--only NAME-SUBSTRING] --out results.json
"""
import argparse
import importlib
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402
import scipy  # noqa: E402

MODULES = ["linalg", "sparse", "signal", "stats", "optimize", "ndimage", "interpolate"]


def module_workloads(module):
    """Workloads of `module`: xtask/bench/scipy_<module>.py, then scipy_<module>_*.py files in
    name order (none if the module has no file yet)."""
    here = os.path.dirname(os.path.abspath(__file__))
    names = sorted(f[:-3] for f in os.listdir(here)
                   if f.endswith(".py") and (f == f"scipy_{module}.py" or f.startswith(f"scipy_{module}_")))
    names.sort(key=lambda name: name != f"scipy_{module}")
    return [w for name in names for w in importlib.import_module(name).workloads()]


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
    parser.add_argument("--only", default=None, help="run only workloads whose name contains this")
    args = parser.parse_args()
    modules = MODULES if args.module == "all" else [args.module]
    results = []
    for module in modules:
        for name, setup, run in module_workloads(module):
            if args.only is not None and args.only not in name:
                continue
            seconds, runs = time_workload(setup, run)
            print(f"  scipy {name}: {seconds * 1e3:.3f} ms (median of {runs})", flush=True)
            results.append({"workload": name, "module": module, "seconds": seconds, "runs": runs})
    with open(args.out, "w") as f:
        json.dump({"numpy": np.__version__, "scipy": scipy.__version__, "results": results}, f, indent=1)


if __name__ == "__main__":
    main()
