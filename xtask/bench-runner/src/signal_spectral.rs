//! The sci half of the spectral-estimate and peak-finding workloads of the signal module
//! (same names and inputs as `xtask/bench/scipy_signal_spectral.py`).

use sci::ndarray::Array1;
use sci::signal::{FindPeaksOptions, Interval, WelchOptions, find_peaks, find_peaks_with, welch_with};

use crate::Workload;
use crate::splitmix::{matrix, uniform};

/// `sin(2π i / 1000) + 0.3 · matrix(seed, 1, n)[0]` of the Python side.
fn noisy_sine(seed: u64, n: usize) -> Array1<f64> {
    Array1::from_shape_fn(n, |i| {
        (2.0 * std::f64::consts::PI * i as f64 / 1000.0).sin() + 0.3 * (2.0 * uniform(seed, i as u64) - 1.0)
    })
}

pub(crate) fn workloads() -> Vec<Workload> {
    vec![
        Workload {
            name: "signal/welch_1e6_nperseg1024",
            setup: || {
                let x = matrix(130, 1, 1_000_000).row(0).to_owned();
                let options = WelchOptions { nperseg: Some(1024), ..Default::default() };
                Box::new(move || welch_with(&x, &options).map(drop))
            },
        },
        Workload {
            name: "signal/find_peaks_1e6",
            setup: || {
                let x = noisy_sine(131, 1_000_000);
                Box::new(move || find_peaks(&x).map(drop))
            },
        },
        Workload {
            name: "signal/find_peaks_1e6_prominence1_distance100",
            setup: || {
                let x = noisy_sine(131, 1_000_000);
                let options = FindPeaksOptions {
                    prominence: Some(Interval::at_least(1.0)),
                    distance: Some(100.0),
                    ..Default::default()
                };
                Box::new(move || find_peaks_with(&x, &options).map(drop))
            },
        },
    ]
}
