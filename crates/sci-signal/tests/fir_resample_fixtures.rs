//! FIR design and resampling against SciPy 1.17.1 (xtask/fixtures/fir_resample.py).
//!
//! `firwin` coefficients are short sums of sinc values times window values; `firwin2` is an
//! inverse FFT of an interpolated response; resampling is FFTs or a polyphase FIR. All of
//! these agree with SciPy to a few ulps of the largest coefficient, so 1e-12 relative to
//! each output's largest magnitude is a safe, tight bound.
#![allow(clippy::unwrap_used, clippy::panic)]

use sci_core::ndarray::ArrayD;
use sci_core::num_complex::Complex64;
use sci_signal::windows::Window;
use sci_signal::*;
use sci_testing::{Case, Fixture, Tol, assert_close};

fn fx() -> Fixture {
    Fixture::load(env!("CARGO_MANIFEST_DIR"), "fir_resample")
}

fn tol<T: Copy + Into<Complex64>>(want: &ArrayD<T>) -> Tol {
    let scale = want.iter().fold(0.0_f64, |m, &v| m.max(v.into().norm()));
    Tol::new(1e-12, 1e-12 * scale)
}

fn window(name: &str) -> Window {
    match name {
        "hann" => Window::Hann,
        "hamming" => Window::Hamming,
        "blackman" => Window::Blackman,
        other => panic!("window {other}"),
    }
}

fn vec_of(case: &Case, key: &str) -> Vec<f64> {
    case.input(key).array1_f64().to_vec()
}

#[test]
fn firwin_matches_scipy() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("firwin/") {
        let pass_zero = if !case.has_input("pass_zero") {
            PassZero::Yes
        } else {
            let v = case.input("pass_zero").json();
            match (v.as_bool(), v.as_str()) {
                (Some(true), _) => PassZero::Yes,
                (Some(false), _) => PassZero::No,
                (_, Some("bandpass")) => PassZero::Bandpass,
                (_, Some("bandstop")) => PassZero::Bandstop,
                (_, Some("highpass")) => PassZero::Highpass,
                (_, Some("lowpass")) => PassZero::Lowpass,
                _ => panic!("pass_zero {v}"),
            }
        };
        let options = FirwinOptions {
            width: case.has_input("width").then(|| case.input("width").f64()),
            window: if case.has_input("window") {
                window(case.input("window").str())
            } else {
                Window::Hamming
            },
            pass_zero,
            scale: !case.has_input("scale") || case.input("scale").bool(),
            fs: if case.has_input("fs") { case.input("fs").f64() } else { 2.0 },
        };
        let h = firwin_with(case.input("numtaps").usize(), &vec_of(case, "cutoff"), &options).unwrap();
        let want = case.output("h").array_f64();
        assert_close(&h.into_dyn(), &want, tol(&want), &case.name);
        count += 1;
    }
    assert_eq!(count, 9);
    let highpass = FirwinOptions { pass_zero: PassZero::Highpass, ..Default::default() };
    assert!(firwin_with(10, &[0.5], &highpass).is_err(), "even taps passing Nyquist");
    assert!(firwin(11, &[1.0]).is_err());
    assert!(firwin(11, &[]).is_err());
    assert!(
        firwin_with(11, &[0.2, 0.4], &FirwinOptions { pass_zero: PassZero::Lowpass, ..Default::default() })
            .is_err()
    );
}

#[test]
fn firwin2_matches_scipy() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("firwin2/") {
        let options = Firwin2Options {
            nfreqs: case.has_input("nfreqs").then(|| case.input("nfreqs").usize()),
            window: if case.has_input("window") && case.input("window").is_null() {
                None
            } else {
                Some(Window::Hamming)
            },
            antisymmetric: case.has_input("antisymmetric") && case.input("antisymmetric").bool(),
            fs: if case.has_input("fs") { case.input("fs").f64() } else { 2.0 },
        };
        let h = firwin2_with(
            case.input("numtaps").usize(),
            &vec_of(case, "freq"),
            &vec_of(case, "gain"),
            &options,
        )
        .unwrap();
        let want = case.output("h").array_f64();
        assert_close(&h.into_dyn(), &want, tol(&want), &case.name);
        count += 1;
    }
    assert_eq!(count, 6);
    assert!(firwin2(10, &[0.0, 0.5, 1.0], &[1.0, 1.0, 1.0]).is_err(), "type II with Nyquist gain");
    assert!(firwin2(11, &[0.0, 0.5, 0.9], &[1.0, 1.0, 0.0]).is_err(), "must end at fs/2");
    assert!(firwin2(11, &[0.0, 0.5, 0.5, 0.5, 1.0], &[1.0; 5]).is_err(), "value three times");
}

#[test]
fn kaiser_helpers_match_scipy() {
    let fx = fx();
    for case in fx.cases_with_prefix("kaiserord/") {
        let (taps, beta) = kaiserord(case.input("ripple").f64(), case.input("width").f64()).unwrap();
        assert_eq!(taps, case.output("numtaps").usize(), "{}", case.name);
        assert!((beta - case.output("beta").f64()).abs() <= 1e-14 * beta.abs().max(1.0), "{}", case.name);
        let atten = kaiser_atten(31, case.input("width").f64());
        assert!((atten - case.output("atten").f64()).abs() <= 1e-13 * atten, "{}", case.name);
    }
    assert_eq!(fx.cases_with_prefix("kaiserord/").count(), 4);
    assert!(kaiserord(5.0, 0.1).is_err());
}

#[test]
fn resample_matches_scipy() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("resample/") {
        let options = ResampleOptions {
            axis: case.input("axis").i64() as isize,
            window: case
                .has_input("window")
                .then(|| ResampleWindow::Named(window(case.input("window").str()))),
        };
        let y = resample_with(&case.input("x").array_f64(), case.input("num").usize(), &options).unwrap();
        let want = case.output("y").array_f64();
        assert_close(&y, &want, tol(&want), &case.name);
        count += 1;
    }
    for case in fx.cases_with_prefix("resample_complex/") {
        let y = resample_complex_with(
            &case.input("x").array_c64(),
            case.input("num").usize(),
            &ResampleOptions::default(),
        )
        .unwrap();
        let want = case.output("y").array_c64();
        assert_close(&y, &want, tol(&want), &case.name);
        count += 1;
    }
    assert_eq!(count, 11);
    assert!(resample(&ArrayD::<f64>::zeros(vec![4]), 0).is_err());
}

#[test]
fn resample_poly_matches_scipy() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("resample_poly/") {
        let padtype = match case.input("padtype").str() {
            "constant" => ResamplePad::Zeros,
            "mean" => ResamplePad::Mean,
            "median" => ResamplePad::Median,
            "minimum" => ResamplePad::Minimum,
            "maximum" => ResamplePad::Maximum,
            other => panic!("padtype {other}"),
        };
        let window = if case.has_input("taps") {
            PolyWindow::Taps(case.input("taps").array1_f64())
        } else if case.has_input("window") {
            PolyWindow::Named(window(case.input("window").str()))
        } else {
            PolyWindow::Named(Window::Kaiser { beta: 5.0 })
        };
        let options = ResamplePolyOptions { axis: case.input("axis").i64() as isize, window, padtype };
        let y = resample_poly_with(
            &case.input("x").array_f64(),
            case.input("up").usize(),
            case.input("down").usize(),
            &options,
        )
        .unwrap();
        let want = case.output("y").array_f64();
        assert_eq!(y.shape(), want.shape(), "{}", case.name);
        assert_close(&y, &want, tol(&want), &case.name);
        count += 1;
    }
    assert_eq!(count, 8);
    assert!(resample_poly(&ArrayD::<f64>::zeros(vec![4]), 0, 1).is_err());
}

/// `decimate`: IIR paths run SciPy's Chebyshev I design through `sosfiltfilt`/`sosfilt`
/// (recursions of ~1e3 steps, errors ~1e-13 relative), FIR paths `resample_poly`/`upfirdn`.
#[test]
fn decimate_matches_scipy() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("decimate/") {
        let options = DecimateOptions {
            n: (!case.input("n").is_null()).then(|| case.input("n").usize()),
            ftype: if case.input("ftype").str() == "fir" { DecimateType::Fir } else { DecimateType::Iir },
            axis: case.input("axis").i64() as isize,
            zero_phase: case.input("zero_phase").bool(),
        };
        let y = decimate_with(&case.input("x").array_f64(), case.input("q").usize(), &options).unwrap();
        let want = case.output("y").array_f64();
        assert_eq!(y.shape(), want.shape(), "{}", case.name);
        let scale = want.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
        assert_close(&y, &want, Tol::new(1e-10, 1e-11 * scale), &case.name);
        count += 1;
    }
    assert_eq!(count, 7);
    assert!(decimate(&ArrayD::<f64>::zeros(vec![40]), 0).is_err());
}
