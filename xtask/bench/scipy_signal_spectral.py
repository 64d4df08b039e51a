"""SciPy half of the spectral-estimate and peak-finding workloads of the signal module (see
scipy_bench.py); the Rust half is xtask/bench-runner/src/signal_spectral.rs."""
import numpy as np
import scipy.signal as ss

from splitmix import matrix


def noisy_sine(seed, n):
    """A 1 kHz-period sine plus uniform noise in [-0.3, 0.3)."""
    return np.sin(2 * np.pi * np.arange(n) / 1000.0) + 0.3 * matrix(seed, 1, n)[0]


def workloads():
    return [
        ("signal/welch_1e6_nperseg1024", lambda: (matrix(130, 1, 10**6)[0],), lambda x: ss.welch(x, nperseg=1024)),
        ("signal/find_peaks_1e6", lambda: (noisy_sine(131, 10**6),), lambda x: ss.find_peaks(x)),
        ("signal/find_peaks_1e6_prominence1_distance100", lambda: (noisy_sine(131, 10**6),),
         lambda x: ss.find_peaks(x, prominence=1, distance=100)),
    ]
