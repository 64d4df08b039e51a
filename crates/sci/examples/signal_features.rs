//! Signal features: the seed's convolution, then a noisy two-tone signal → zero-phase
//! Butterworth lowpass → Welch power spectrum → spectral peaks.
//!
//! `cargo run --release --example signal_features`
//!
//! The same steps in SciPy: `convolve([1, 2, 3, 4], [0.5, 0.5], mode='valid')`,
//! `butter(4, 200, fs=1000, output='sos')`, `sosfiltfilt(sos, x)`,
//! `welch(y, fs=1000, nperseg=256)`, `find_peaks(pxx, prominence=...)`, `rfft`/`rfftfreq`.

use sci::ndarray::{Array1, array};
use sci::signal::{
    self, ConvolveOptions, FindPeaksOptions, IirOptions, Interval, Mode, WelchOptions, butter_sos,
    sosfiltfilt,
};

/// A small deterministic generator (a 64-bit LCG mapped to [-1, 1)), so the example needs no
/// random-number crate.
fn noise(n: usize, seed: u64) -> Array1<f64> {
    let mut state = seed;
    Array1::from_shape_fn(n, |_| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((state >> 11) as f64 / (1u64 << 53) as f64) * 2.0 - 1.0
    })
}

fn main() -> sci::Result<()> {
    // 1. The seed example: a two-point moving average, only where the kernel fits.
    let valid = ConvolveOptions { mode: Mode::Valid, ..Default::default() };
    let y = signal::convolve_with(&array![1.0, 2.0, 3.0, 4.0], &array![0.5, 0.5], &valid)?;
    println!("convolve([1, 2, 3, 4], [0.5, 0.5], valid) = {y}");

    // 2. Two seconds at 1 kHz: tones at 50 and 120 Hz, a 350 Hz interferer and noise.
    let fs = 1000.0;
    let n = 2000;
    let t = Array1::from_shape_fn(n, |i| i as f64 / fs);
    let tone = |f: f64, a: f64| t.mapv(|t| a * (2.0 * std::f64::consts::PI * f * t).sin());
    let x = tone(50.0, 1.0) + tone(120.0, 0.5) + tone(350.0, 0.8) + noise(n, 7) * 0.6;

    // 3. Zero-phase 4th-order Butterworth lowpass at 200 Hz, as second-order sections.
    let sos = butter_sos(4, &[200.0], &IirOptions { fs: Some(fs), ..Default::default() })?;
    let filtered = sosfiltfilt(&sos, &x)?;

    // 4. Welch power spectral density of both.
    let opts = WelchOptions { fs, nperseg: Some(256), ..Default::default() };
    let raw_psd = signal::welch_with(&x, &opts)?;
    let psd = signal::welch_with(&filtered, &opts)?;
    let power_near = |p: &Array1<f64>, f0: f64| {
        let i = psd.f.iter().position(|&f| f >= f0).unwrap_or(0);
        p[i]
    };
    println!(
        "PSD at 350 Hz: raw {:.2e}, filtered {:.2e} (the interferer is removed)",
        power_near(&raw_psd.pxx, 350.0),
        power_near(&psd.pxx, 350.0)
    );

    // 5. Spectral peaks that stand out by at least 10% of the largest power.
    let top = psd.pxx.iter().cloned().fold(0.0, f64::max);
    let peaks = signal::find_peaks_with(
        &psd.pxx,
        &FindPeaksOptions { prominence: Some(Interval::at_least(0.1 * top)), ..Default::default() },
    )?;
    let freqs: Vec<f64> = peaks.peaks.iter().map(|&i| psd.f[i]).collect();
    println!("spectral peaks of the filtered signal at {freqs:?} Hz");

    // The strongest component by a plain real FFT, for comparison.
    let spectrum = sci::fft::rfft(&filtered)?;
    let bins = sci::fft::rfftfreq(n, 1.0 / fs)?;
    let (k, _) = spectrum
        .iter()
        .enumerate()
        .skip(1)
        .fold((0, 0.0), |best, (i, z)| if z.norm() > best.1 { (i, z.norm()) } else { best });
    println!("strongest rfft bin: {} Hz", bins[k]);
    Ok(())
}
