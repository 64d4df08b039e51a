//! The sci half of the `signal` workloads (same names and inputs as `xtask/bench/scipy_signal.py`).

use sci::fft;
use sci::ndarray::{Array1, Array2};
use sci::num_complex::Complex64;
use sci::signal::{self, ConvolveOptions, Method, Mode};

use crate::Workload;
use crate::splitmix::{matrix, uniform};

/// `matrix(seed, 1, n)[0] + 1j * matrix(seed + 1, 1, n)[0]` of the Python side.
fn cvec(seed: u64, n: usize) -> Array1<Complex64> {
    Array1::from_shape_fn(n, |i| {
        Complex64::new(2.0 * uniform(seed, i as u64) - 1.0, 2.0 * uniform(seed + 1, i as u64) - 1.0)
    })
}

fn cmat(seed: u64, rows: usize, cols: usize) -> Array2<Complex64> {
    let (re, im) = (matrix(seed, rows, cols), matrix(seed + 1, rows, cols));
    Array2::from_shape_fn((rows, cols), |ij| Complex64::new(re[ij], im[ij]))
}

fn rvec(seed: u64, n: usize) -> Array1<f64> {
    matrix(seed, 1, n).row(0).to_owned()
}

pub(crate) fn workloads() -> Vec<Workload> {
    vec![
        Workload {
            name: "signal/fft_2^20_complex",
            setup: || {
                let x = cvec(101, 1 << 20);
                Box::new(move || fft::fft(&x).map(drop))
            },
        },
        Workload {
            name: "signal/rfft_2^20",
            setup: || {
                let x = rvec(103, 1 << 20);
                Box::new(move || fft::rfft(&x).map(drop))
            },
        },
        Workload {
            name: "signal/fft_1000003",
            setup: || {
                let x = cvec(104, 1_000_003);
                Box::new(move || fft::fft(&x).map(drop))
            },
        },
        Workload {
            name: "signal/fft2_2048x2048",
            setup: || {
                let x = cmat(106, 2048, 2048);
                Box::new(move || fft::fft2(&x).map(drop))
            },
        },
        Workload {
            name: "signal/convolve_1e6_1000_same_auto",
            setup: || {
                let (x, h) = (rvec(108, 1_000_000), rvec(109, 1000));
                let o = ConvolveOptions { mode: Mode::Same, method: Method::Auto };
                Box::new(move || signal::convolve_with(&x, &h, &o).map(drop))
            },
        },
        Workload {
            name: "signal/convolve_1e6_1000_same_fft",
            setup: || {
                let (x, h) = (rvec(108, 1_000_000), rvec(109, 1000));
                let o = ConvolveOptions { mode: Mode::Same, method: Method::Fft };
                Box::new(move || signal::convolve_with(&x, &h, &o).map(drop))
            },
        },
        Workload {
            name: "signal/convolve_1e6_64_same_direct",
            setup: || {
                let (x, h) = (rvec(108, 1_000_000), rvec(110, 64));
                let o = ConvolveOptions { mode: Mode::Same, method: Method::Direct };
                Box::new(move || signal::convolve_with(&x, &h, &o).map(drop))
            },
        },
        Workload {
            name: "signal/lfilter_butter8_1e6",
            setup: || match signal::butter(8, 0.1) {
                Ok(ba) => {
                    let x = rvec(111, 1_000_000);
                    Box::new(move || signal::lfilter(&ba.b, &ba.a, &x).map(drop))
                }
                Err(e) => Box::new(move || Err(sci::Error::invalid_argument("setup", e.to_string()))),
            },
        },
        Workload {
            name: "signal/sosfilt_butter8_1e6",
            setup: || match signal::butter_sos(8, &[0.1], &signal::IirOptions::default()) {
                Ok(sos) => {
                    let x = rvec(111, 1_000_000);
                    Box::new(move || signal::sosfilt(&sos, &x).map(drop))
                }
                Err(e) => Box::new(move || Err(sci::Error::invalid_argument("setup", e.to_string()))),
            },
        },
        Workload {
            name: "signal/filtfilt_butter8_1e6",
            setup: || match signal::butter(8, 0.1) {
                Ok(ba) => {
                    let x = rvec(111, 1_000_000);
                    Box::new(move || signal::filtfilt(&ba.b, &ba.a, &x).map(drop))
                }
                Err(e) => Box::new(move || Err(sci::Error::invalid_argument("setup", e.to_string()))),
            },
        },
        Workload {
            name: "signal/oaconvolve_1e6_1000",
            setup: || {
                let (x, h) = (rvec(108, 1_000_000), rvec(109, 1000));
                Box::new(move || signal::oaconvolve(&x, &h).map(drop))
            },
        },
    ]
}
