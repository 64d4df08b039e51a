"""SciPy half of the signal workloads (see scipy_bench.py); the Rust half is
xtask/bench-runner/src/signal.rs.

FFTs use scipy.fft with its defaults (workers=None: pocketfft runs a single 1-D transform
on one thread and never spawns threads for batches unless asked); sci runs at 2 threads,
which only matters for the batched fft2 lanes. Complex inputs are re + i·im from two
SplitMix64 streams in [-1, 1).
"""
import scipy.fft as sf
import scipy.signal as ss

from splitmix import matrix


def cvec(seed, n):
    return matrix(seed, 1, n)[0] + 1j * matrix(seed + 1, 1, n)[0]


def cmat(seed, rows, cols):
    return matrix(seed, rows, cols) + 1j * matrix(seed + 1, rows, cols)


def workloads():
    return [
        ("signal/fft_2^20_complex", lambda: (cvec(101, 2**20),), lambda x: sf.fft(x)),
        ("signal/rfft_2^20", lambda: (matrix(103, 1, 2**20)[0],), lambda x: sf.rfft(x)),
        ("signal/fft_1000003", lambda: (cvec(104, 1000003),), lambda x: sf.fft(x)),
        ("signal/fft2_2048x2048", lambda: (cmat(106, 2048, 2048),), lambda x: sf.fft2(x)),
        ("signal/convolve_1e6_1000_same_auto", lambda: (matrix(108, 1, 10**6)[0], matrix(109, 1, 1000)[0]),
         lambda x, h: ss.convolve(x, h, mode="same", method="auto")),
        ("signal/convolve_1e6_1000_same_fft", lambda: (matrix(108, 1, 10**6)[0], matrix(109, 1, 1000)[0]),
         lambda x, h: ss.convolve(x, h, mode="same", method="fft")),
        ("signal/convolve_1e6_64_same_direct", lambda: (matrix(108, 1, 10**6)[0], matrix(110, 1, 64)[0]),
         lambda x, h: ss.convolve(x, h, mode="same", method="direct")),
        ("signal/lfilter_butter8_1e6", lambda: (*ss.butter(8, 0.1), matrix(111, 1, 10**6)[0]),
         lambda b, a, x: ss.lfilter(b, a, x)),
        ("signal/sosfilt_butter8_1e6", lambda: (ss.butter(8, 0.1, output="sos"), matrix(111, 1, 10**6)[0]),
         lambda sos, x: ss.sosfilt(sos, x)),
        ("signal/filtfilt_butter8_1e6", lambda: (*ss.butter(8, 0.1), matrix(111, 1, 10**6)[0]),
         lambda b, a, x: ss.filtfilt(b, a, x)),
        ("signal/oaconvolve_1e6_1000", lambda: (matrix(108, 1, 10**6)[0], matrix(109, 1, 1000)[0]),
         lambda x, h: ss.oaconvolve(x, h)),
    ]
