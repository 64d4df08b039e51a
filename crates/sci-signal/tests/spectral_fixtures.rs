//! Spectral estimates against SciPy 1.17.1 (xtask/fixtures/spectral.py): `welch` (nine
//! option sets, 2-D along either axis, complex input), `csd`, `periodogram`, `coherence`,
//! `spectrogram` in every mode and `stft` with every boundary.
//!
//! Values are sums of FFT outputs (`O(log n · eps)` relative error each) over at most a few
//! dozen segments; both sides use the same window formulas, so 1e-10 relative to the
//! largest value of each output is a safe bound. Phases are compared where the magnitude is
//! not negligible (the angle of a rounding-level bin is noise in both libraries).
#![allow(clippy::unwrap_used, clippy::panic)]

use sci_core::ndarray::{Array1, ArrayD};
use sci_core::num_complex::Complex64;
use sci_signal::windows::Window;
use sci_signal::*;
use sci_testing::{Case, Fixture, Tol, assert_close};

fn fx() -> Fixture {
    Fixture::load(env!("CARGO_MANIFEST_DIR"), "spectral")
}

fn tol_for<T: Copy + Into<Complex64>>(want: &ArrayD<T>) -> Tol {
    let scale = want.iter().fold(0.0_f64, |m, &v| m.max(v.into().norm()));
    Tol::new(1e-10, 1e-10 * scale.max(1e-300))
}

fn opt_usize(case: &Case, key: &str) -> Option<usize> {
    case.has_input(key).then(|| case.input(key).usize())
}

fn window(case: &Case, default: SpectralWindow) -> SpectralWindow {
    if !case.has_input("window") {
        return default;
    }
    let v = case.input("window");
    if v.json().is_string() {
        match v.str() {
            "hann" => SpectralWindow::Named(Window::Hann),
            "hamming" => SpectralWindow::Named(Window::Hamming),
            other => panic!("window {other}"),
        }
    } else {
        SpectralWindow::Values(v.array1_f64())
    }
}

fn detrend(case: &Case, default: Detrend) -> Detrend {
    if !case.has_input("detrend") {
        return default;
    }
    match case.input("detrend").str() {
        "none" => Detrend::None,
        "constant" => Detrend::Constant,
        "linear" => Detrend::Linear,
        other => panic!("detrend {other}"),
    }
}

fn scaling(case: &Case) -> Scaling {
    match case.has_input("scaling").then(|| case.input("scaling").str()) {
        Some("spectrum") => Scaling::Spectrum,
        Some("density") | Some("psd") | None => Scaling::Density,
        Some(other) => panic!("scaling {other}"),
    }
}

fn welch_options(case: &Case) -> WelchOptions {
    WelchOptions {
        fs: if case.has_input("fs") { case.input("fs").f64() } else { 1.0 },
        window: window(case, SpectralWindow::Named(Window::Hann)),
        nperseg: opt_usize(case, "nperseg"),
        noverlap: opt_usize(case, "noverlap"),
        nfft: opt_usize(case, "nfft"),
        detrend: detrend(case, Detrend::Constant),
        return_onesided: !case.has_input("return_onesided") || case.input("return_onesided").bool(),
        scaling: scaling(case),
        axis: if case.has_input("axis") { case.input("axis").i64() as isize } else { -1 },
        average: if case.has_input("average") && case.input("average").str() == "median" {
            Average::Median
        } else {
            Average::Mean
        },
    }
}

fn check_f(got: &Array1<f64>, case: &Case) {
    let want = case.output("f").array_f64();
    assert_close(&got.clone().into_dyn(), &want, Tol::new(1e-14, 1e-14), &format!("{} f", case.name));
}

#[test]
fn welch_matches_scipy() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("welch/") {
        let options = welch_options(case);
        let p = if case.input("x").dtype().starts_with("complex") {
            welch_with(&case.input("x").array_c64(), &options).unwrap()
        } else {
            welch_with(&case.input("x").array_f64(), &options).unwrap()
        };
        check_f(&p.f, case);
        let want = case.output("p").array_f64();
        assert_close(&p.pxx, &want, tol_for(&want), &case.name);
        count += 1;
    }
    assert_eq!(count, 12);
}

#[test]
fn csd_and_coherence_match_scipy() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("csd/") {
        let c = csd_with(&case.input("x").array1_f64(), &case.input("y").array1_f64(), &welch_options(case))
            .unwrap();
        check_f(&c.f, case);
        let want = case.output("p").array_c64();
        assert_close(&c.pxy.into_dyn(), &want, tol_for(&want), &case.name);
        count += 1;
    }
    for case in fx.cases_with_prefix("coherence/") {
        let c = coherence_with(
            &case.input("x").array1_f64(),
            &case.input("y").array1_f64(),
            &welch_options(case),
        )
        .unwrap();
        check_f(&c.f, case);
        assert_close(&c.cxy.into_dyn(), &case.output("p").array_f64(), Tol::new(1e-10, 1e-12), &case.name);
        count += 1;
    }
    assert_eq!(count, 5);
}

#[test]
fn periodogram_matches_scipy() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("periodogram/") {
        let w = welch_options(case);
        let options = PeriodogramOptions {
            fs: w.fs,
            window: window(case, SpectralWindow::Named(Window::Boxcar)),
            nfft: w.nfft,
            detrend: w.detrend,
            return_onesided: w.return_onesided,
            scaling: w.scaling,
            axis: -1,
        };
        let p = periodogram_with(&case.input("x").array1_f64(), &options).unwrap();
        check_f(&p.f, case);
        let want = case.output("p").array_f64();
        assert_close(&p.pxx.into_dyn(), &want, tol_for(&want), &case.name);
        count += 1;
    }
    assert_eq!(count, 6);
}

#[test]
fn spectrogram_matches_scipy() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("spectrogram/") {
        let w = welch_options(case);
        let mode = case.input("mode").str();
        let options = SpectrogramOptions {
            fs: w.fs,
            nperseg: w.nperseg,
            noverlap: w.noverlap,
            axis: w.axis,
            mode: match mode {
                "magnitude" => SpectrogramMode::Magnitude,
                "angle" => SpectrogramMode::Angle,
                "phase" => SpectrogramMode::Phase,
                _ => SpectrogramMode::Psd,
            },
            ..Default::default()
        };
        let x = case.input("x").array_f64();
        if mode == "complex" {
            let s = spectrogram_complex_with(&x, &options).unwrap();
            check_f(&s.f, case);
            let want = case.output("s").array_c64();
            assert_close(&s.sxx, &want, tol_for(&want), &case.name);
        } else {
            let s = spectrogram_with(&x, &options).unwrap();
            check_f(&s.f, case);
            assert_close(&s.t.into_dyn(), &case.output("t").array_f64(), Tol::new(1e-14, 1e-14), &case.name);
            let want = case.output("s").array_f64();
            if mode == "angle" || mode == "phase" {
                // Compare phases only where the bin carries signal; see the module docs.
                let magnitude = spectrogram_with(
                    &x,
                    &SpectrogramOptions { mode: SpectrogramMode::Magnitude, ..options.clone() },
                )
                .unwrap();
                let big = magnitude.sxx.iter().fold(0.0_f64, |m, v| m.max(*v));
                for ((g, w), m) in s.sxx.iter().zip(want.iter()).zip(magnitude.sxx.iter()) {
                    if *m > 1e-8 * big {
                        let d = (g - w).rem_euclid(2.0 * std::f64::consts::PI);
                        let d = d.min(2.0 * std::f64::consts::PI - d);
                        assert!(d < 1e-8, "{}: phase {g} vs {w}", case.name);
                    }
                }
            } else {
                assert_close(&s.sxx, &want, tol_for(&want), &case.name);
            }
        }
        count += 1;
    }
    assert_eq!(count, 6);
}

#[test]
fn stft_matches_scipy() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("stft/") {
        let w = welch_options(case);
        let boundary = match case.has_input("boundary").then(|| case.input("boundary").str()) {
            None | Some("zeros") => Some(StftBoundary::Zeros),
            Some("even") => Some(StftBoundary::Even),
            Some("odd") => Some(StftBoundary::Odd),
            Some("constant") => Some(StftBoundary::Constant),
            Some("none") => None,
            Some(other) => panic!("boundary {other}"),
        };
        let options = StftOptions {
            fs: w.fs,
            nperseg: w.nperseg.unwrap_or(256),
            noverlap: w.noverlap,
            detrend: detrend(case, Detrend::None),
            return_onesided: w.return_onesided,
            boundary,
            padded: !case.has_input("padded") || case.input("padded").bool(),
            axis: w.axis,
            // SciPy's stft defaults to 'spectrum'; 'psd' selects the density.
            scaling: if case.has_input("scaling") { Scaling::Density } else { Scaling::Spectrum },
            ..Default::default()
        };
        let s = stft_with(&case.input("x").array_f64(), &options).unwrap();
        check_f(&s.f, case);
        assert_close(
            &s.t.into_dyn(),
            &case.output("t").array_f64(),
            Tol::new(1e-14, 1e-14),
            &format!("{} t", case.name),
        );
        let want = case.output("s").array_c64();
        assert_close(&s.sxx, &want, tol_for(&want), &case.name);
        count += 1;
    }
    assert_eq!(count, 9);
}

#[test]
fn invalid_parameters_are_errors() {
    let x = Array1::from_shape_fn(100, |i| i as f64);
    let bad = |o: WelchOptions| welch_with(&x, &o).is_err();
    assert!(bad(WelchOptions { nperseg: Some(0), ..Default::default() }));
    assert!(bad(WelchOptions { nperseg: Some(10), noverlap: Some(10), ..Default::default() }));
    assert!(bad(WelchOptions { nperseg: Some(10), nfft: Some(5), ..Default::default() }));
    assert!(bad(WelchOptions { fs: 0.0, ..Default::default() }));
    assert!(bad(WelchOptions { window: SpectralWindow::Values(Array1::ones(200)), ..Default::default() }));
    assert!(bad(WelchOptions {
        window: SpectralWindow::Values(Array1::ones(20)),
        nperseg: Some(10),
        ..Default::default()
    }));
    assert!(csd(&x, &Array1::<f64>::zeros(99)).is_err());
    assert!(stft_with(&x, &StftOptions { nperseg: 8, noverlap: Some(8), ..Default::default() }).is_err());
    // nperseg longer than the signal shrinks to its length, as in SciPy.
    let short = Array1::from(vec![1.0, 2.0, 4.0]);
    let s = stft_with(
        &short,
        &StftOptions { nperseg: 8, boundary: Some(StftBoundary::Even), ..Default::default() },
    )
    .unwrap();
    assert_eq!(s.f.len(), 2);
    // Empty input gives empty output, as in SciPy.
    let empty = welch(&Array1::<f64>::zeros(0)).unwrap();
    assert_eq!((empty.f.len(), empty.pxx.len()), (0, 0));
}

/// `istft` of SciPy's STFTs: the reconstruction equals SciPy's (which equals the original
/// signal wherever NOLA holds) to 1e-10 relative; where NOLA fails (SciPy warns) ours
/// refuses unless `check_nola` is off, and then matches SciPy's samples.
#[test]
fn istft_matches_scipy() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("istft/") {
        let options = IstftOptions {
            nperseg: opt_usize(case, "nperseg"),
            noverlap: opt_usize(case, "noverlap"),
            boundary: !case.has_input("boundary") || case.input("boundary").str() != "none",
            time_axis: if case.has_input("time_axis") { case.input("time_axis").i64() as isize } else { -1 },
            freq_axis: if case.has_input("freq_axis") { case.input("freq_axis").i64() as isize } else { -2 },
            scaling: if case.has_input("scaling") { Scaling::Density } else { Scaling::Spectrum },
            // Hann (periodic) has w[0] = 0, so without overlap or without the boundary
            // extension some sample is uncovered: SciPy warns (NOLA), we refuse by default.
            check_nola: !(case.name.ends_with("nola_fail") || case.name.ends_with("no_boundary")),
            ..Default::default()
        };
        let z = case.input("z").array_c64();
        let t_want = case.output("t").array_f64();
        if case.has_input("onesided") {
            let got = istft_complex_with(&z, &options).unwrap();
            let want = case.output("x").array_c64();
            assert_close(&got.x, &want, tol_for(&want), &case.name);
            assert_close(&got.t.into_dyn(), &t_want, Tol::new(1e-14, 1e-14), &case.name);
        } else {
            let got = istft_with(&z, &options).unwrap();
            let want = case.output("x").array_f64();
            assert_close(&got.x, &want, tol_for(&want), &case.name);
            assert_close(&got.t.into_dyn(), &t_want, Tol::new(1e-14, 1e-14), &case.name);
        }
        if !options.check_nola {
            assert!(istft_with(&z, &IstftOptions { check_nola: true, ..options.clone() }).is_err());
        }
        count += 1;
    }
    assert_eq!(count, 7);
}
