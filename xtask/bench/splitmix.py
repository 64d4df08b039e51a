"""SplitMix64 inputs shared with xtask/bench-runner/src/splitmix.rs.

Value i (0-based) of stream `seed` is mix(seed + (i + 1) * 0x9E3779B97F4A7C15) with the
standard SplitMix64 finalizer, mapped to [0, 1) as (z >> 11) * 2**-53. Being counter-based,
it vectorizes in numpy; the Rust side computes the same bits.
"""
import numpy as np

GAMMA = np.uint64(0x9E3779B97F4A7C15)


def uniform(seed, shape):
    n = int(np.prod(shape))
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + GAMMA * np.arange(1, n + 1, dtype=np.uint64)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return ((z >> np.uint64(11)).astype(np.float64) * 2.0**-53).reshape(shape)


def matrix(seed, rows, cols):
    """Entries uniform in [-1, 1)."""
    return 2.0 * uniform(seed, (rows, cols)) - 1.0


def spd(seed, n):
    """A well-conditioned symmetric positive definite matrix: A Aᵀ / n + I."""
    a = matrix(seed, n, n)
    return a @ a.T / n + np.eye(n)
