//! Convolution and correlation against SciPy 1.17.1 (xtask/fixtures/signal.py).
//!
//! Tolerances. Direct sums of at most a few hundred products of O(1) Gaussian values
//! agree with SciPy's to a few ulps of the sum of |products|; FFT-based results carry an
//! absolute error of about eps·log2(N)·Σ|in1|·max|in2| spread over all outputs. We compare
//! every method with rtol 1e-10 and an absolute floor of 1e-12·scale, where scale is the
//! largest output magnitude (the ordinary size of a term), so a near-zero output is judged
//! against the size of the data rather than itself.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sci_core::ndarray::{ArrayD, Ix2};
use sci_core::num_complex::Complex64;
use sci_signal::*;
use sci_testing::{Case, Fixture, Tol, assert_close};

fn fx() -> Fixture {
    Fixture::load(env!("CARGO_MANIFEST_DIR"), "signal")
}

fn mode(case: &Case) -> Mode {
    match case.input("mode").str() {
        "full" => Mode::Full,
        "same" => Mode::Same,
        "valid" => Mode::Valid,
        m => panic!("mode {m}"),
    }
}

fn method(case: &Case) -> Method {
    match case.input("method").str() {
        "direct" => Method::Direct,
        "fft" => Method::Fft,
        "auto" => Method::Auto,
        m => panic!("method {m}"),
    }
}

fn boundary(case: &Case) -> Boundary {
    match case.input("boundary").str() {
        "fill" => Boundary::Fill,
        "wrap" => Boundary::Wrap,
        "symm" => Boundary::Symm,
        b => panic!("boundary {b}"),
    }
}

fn is_complex(case: &Case) -> bool {
    case.input("in1").dtype().starts_with("complex")
}

fn tol(want: &ArrayD<Complex64>) -> Tol {
    let scale = want.iter().fold(0.0f64, |m, z| m.max(z.norm()));
    Tol::new(1e-10, 1e-12 * scale.max(1.0))
}

/// Runs `$f(in1, in2, opts)` in f64 (real or complex as the case says) and in f32
/// (real cases), comparing with SciPy's output.
macro_rules! check {
    ($case:expr, $f:expr, $opts:expr) => {{
        let case = $case;
        let want = case.output("y").array_c64();
        if is_complex(case) {
            let (a, b) = (case.input("in1").array_c64(), case.input("in2").array_c64());
            let got = $f(&a, &b, &$opts).unwrap().into_dyn();
            assert_close(&got, &want, tol(&want), &case.name);
        } else {
            let (a, b) = (case.input("in1").array_f64(), case.input("in2").array_f64());
            let got = $f(&a, &b, &$opts).unwrap().into_dyn();
            assert_close(&got.mapv(|v| Complex64::new(v, 0.0)), &want, tol(&want), &case.name);
            // f32: the inputs rounded to f32, compared at 1e3 f32 epsilons of the scale.
            let (a32, b32) = (a.mapv(|v| v as f32), b.mapv(|v| v as f32));
            let got32 = $f(&a32, &b32, &$opts).unwrap().into_dyn();
            let scale = want.iter().fold(1.0f64, |m, z| m.max(z.norm()));
            let got32 = got32.mapv(|v| Complex64::new(v as f64, 0.0));
            assert_close(
                &got32,
                &want,
                Tol::new(1e-3, 1e3 * f32::EPSILON as f64 * scale),
                &format!("{} f32", case.name),
            );
        }
    }};
}

#[test]
fn convolve_and_correlate_match_scipy_in_every_mode_and_method() {
    let fx = fx();
    let mut n = 0;
    for case in
        fx.cases.iter().filter(|c| c.name.starts_with("convolve/") || c.name.starts_with("correlate/"))
    {
        let opts = ConvolveOptions { mode: mode(case), method: method(case) };
        if case.name.starts_with("convolve/") {
            check!(case, convolve_with, opts);
        } else {
            check!(case, correlate_with, opts);
        }
        // Auto must agree too, whichever it picks.
        let auto = ConvolveOptions { method: Method::Auto, ..opts };
        if case.name.starts_with("convolve/") {
            check!(case, convolve_with, auto);
        }
        n += 1;
    }
    assert!(n >= 120, "{n} cases");
}

#[test]
fn fftconvolve_and_oaconvolve_match_scipy() {
    let fx = fx();
    let mut n = 0;
    for case in fx.cases_with_prefix("fftconvolve/") {
        check!(case, fftconvolve_with, FftConvolveOptions { mode: mode(case) });
        n += 1;
    }
    for case in fx.cases_with_prefix("oaconvolve/") {
        check!(case, oaconvolve_with, FftConvolveOptions { mode: mode(case) });
        n += 1;
    }
    assert!(n >= 60, "{n} cases");
}

#[test]
fn convolve2d_and_correlate2d_match_scipy_with_every_boundary() {
    let fx = fx();
    let mut n = 0;
    for case in
        fx.cases.iter().filter(|c| c.name.starts_with("convolve2d/") || c.name.starts_with("correlate2d/"))
    {
        let opts = Convolve2dOptions {
            mode: mode(case),
            boundary: boundary(case),
            fillvalue: case.input("fillvalue").f64(),
        };
        let f2 = |a: &ArrayD<f64>, b: &ArrayD<f64>, o: &Convolve2dOptions| {
            let (a, b) = (
                a.view().into_dimensionality::<Ix2>().unwrap(),
                b.view().into_dimensionality::<Ix2>().unwrap(),
            );
            if case.name.starts_with("convolve2d/") {
                convolve2d_with(&a, &b, o)
            } else {
                correlate2d_with(&a, &b, o)
            }
        };
        let want = case.output("y").array_c64();
        if is_complex(case) {
            let (a, b) = (case.input("in1").array2_c64(), case.input("in2").array2_c64());
            let got = if case.name.starts_with("convolve2d/") {
                convolve2d_with(&a, &b, &opts)
            } else {
                correlate2d_with(&a, &b, &opts)
            }
            .unwrap();
            assert_close(&got.into_dyn(), &want, tol(&want), &case.name);
        } else {
            let got = f2(&case.input("in1").array_f64(), &case.input("in2").array_f64(), &opts).unwrap();
            assert_close(&got.into_dyn().mapv(|v| Complex64::new(v, 0.0)), &want, tol(&want), &case.name);
        }
        n += 1;
    }
    assert!(n >= 130, "{n} cases");
}

#[test]
fn choose_conv_method_matches_scipy() {
    let fx = fx();
    for case in fx.cases_with_prefix("choose_conv_method/") {
        let shape = |k: &str| -> Vec<usize> {
            case.input(k).json().as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect()
        };
        let (a, b) = (ArrayD::<f64>::zeros(shape("s1")), ArrayD::<f64>::zeros(shape("s2")));
        let got = choose_conv_method(&a, &b, mode(case)).unwrap();
        let want = if case.output("method").str() == "fft" { Method::Fft } else { Method::Direct };
        assert_eq!(got, want, "{}", case.name);
    }
}

#[test]
fn correlation_lags_and_deconvolve_match_scipy() {
    let fx = fx();
    for case in fx.cases_with_prefix("correlation_lags/") {
        let got = correlation_lags(case.input("in1_len").usize(), case.input("in2_len").usize(), mode(case))
            .unwrap();
        let want: Vec<isize> = case.output("lags").array_i64().iter().map(|&v| v as isize).collect();
        assert_eq!(got.to_vec(), want, "{}", case.name);
    }
    for case in fx.cases_with_prefix("deconvolve/") {
        let (s, d) = (case.input("signal").array1_f64(), case.input("divisor").array1_f64());
        let got = deconvolve(&s, &d).unwrap();
        // Long division accumulates at most len(quotient) roundings per term: 1e-12 of the
        // data scale.
        let t = Tol::new(1e-10, 1e-12 * s.iter().fold(1.0f64, |m, v| m.max(v.abs())));
        assert_close(&got.quotient, &case.output("quotient").array1_f64(), t, &case.name);
        assert_close(&got.remainder, &case.output("remainder").array1_f64(), t, &case.name);
    }
}

#[test]
fn bad_input_is_an_error() {
    use sci_core::ndarray::{Array1, Array2, array};
    let e = Array1::<f64>::zeros(0);
    let x = array![1.0, 2.0];
    assert!(matches!(convolve(&e, &x), Err(sci_core::Error::Empty { .. })));
    assert!(matches!(correlate(&x, &e), Err(sci_core::Error::Empty { .. })));
    assert!(fftconvolve(&e, &x).is_err());
    assert!(oaconvolve(&x, &e).is_err());
    let (a, b) = (Array2::<f64>::zeros((3, 5)), Array2::<f64>::zeros((5, 3)));
    let valid = ConvolveOptions { mode: Mode::Valid, ..Default::default() };
    assert!(matches!(convolve_with(&a, &b, &valid), Err(sci_core::Error::ShapeMismatch { .. })));
    let v2 = Convolve2dOptions { mode: Mode::Valid, ..Default::default() };
    assert!(convolve2d_with(&a, &b, &v2).is_err());
    let (d1, d2) = (ArrayD::<f64>::zeros(vec![3]), ArrayD::<f64>::zeros(vec![3, 1]));
    assert!(matches!(convolve(&d1, &d2), Err(sci_core::Error::ShapeMismatch { .. })));
    assert!(deconvolve(&x, &array![0.0, 1.0]).is_err());
    assert!(correlation_lags(0, 3, Mode::Full).is_err());
    // NaN propagates (documented): the direct sum touches outputs 1..=2 only.
    let y = convolve_with(
        &array![1.0, f64::NAN, 1.0],
        &array![1.0, 1.0],
        &ConvolveOptions { method: Method::Direct, ..Default::default() },
    )
    .unwrap();
    assert!(y[0] == 1.0 && y[1].is_nan() && y[2].is_nan() && y[3] == 1.0);
}
