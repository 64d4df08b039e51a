//! sci_signal::fft against SciPy 1.17.1 reference values (xtask/fixtures/fft.py).
//!
//! Tolerances. An FFT of length n computed in floating point has a normwise error of about
//! eps·log2(n) relative to the largest output; rustfft and pocketfft use different
//! factorizations, so individual outputs may differ by a few ulps of max|y|. We allow
//! rtol = 1e-12 plus an absolute 1e-14·max|y| (a few hundred ulps of the largest output, for
//! lengths ≤ 31 and up to three passes). f32 runs of the same inputs are compared with the
//! f64 SciPy results at 50 f32 epsilons (≈6e-6) relative to max|y|: the input rounding alone
//! contributes eps_f32·‖x‖, the transform another eps_f32·log2(n).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sci_core::ndarray::{ArrayD, IxDyn};
use sci_core::num_complex::{Complex32, Complex64};
use sci_signal::fft::*;
use sci_testing::{Case, Fixture, Tol, assert_close};

fn fx() -> Fixture {
    Fixture::load(env!("CARGO_MANIFEST_DIR"), "fft")
}

fn norm(case: &Case) -> Norm {
    if !case.has_input("norm") {
        return Norm::Backward;
    }
    match case.input("norm").str() {
        "backward" => Norm::Backward,
        "ortho" => Norm::Ortho,
        "forward" => Norm::Forward,
        other => panic!("unknown norm {other}"),
    }
}

fn opt_usize(case: &Case, key: &str) -> Option<usize> {
    case.has_input(key).then(|| case.input(key).usize())
}

/// A list of integers (SciPy's `s`/`axes`).
fn opt_list(case: &Case, key: &str) -> Option<Vec<i64>> {
    case.has_input(key)
        .then(|| case.input(key).json().as_array().unwrap().iter().map(|v| v.as_i64().unwrap()).collect())
}

fn fft_opts(case: &Case) -> FftOptions {
    FftOptions {
        n: opt_usize(case, "n"),
        axis: if case.has_input("axis") { case.input("axis").i64() as isize } else { -1 },
        norm: norm(case),
    }
}

fn fftn_opts(case: &Case) -> FftnOptions {
    FftnOptions {
        s: opt_list(case, "s").map(|v| v.iter().map(|&d| d as usize).collect()),
        axes: opt_list(case, "axes").map(|v| v.iter().map(|&d| d as isize).collect::<Vec<isize>>()),
        norm: norm(case),
    }
}

fn dct_type(case: &Case) -> DctType {
    match opt_usize(case, "type").unwrap_or(2) {
        1 => DctType::One,
        2 => DctType::Two,
        3 => DctType::Three,
        4 => DctType::Four,
        t => panic!("bad type {t}"),
    }
}

fn orth(case: &Case) -> Option<bool> {
    case.has_input("orthogonalize").then(|| case.input("orthogonalize").bool())
}

fn dct_opts(case: &Case) -> DctOptions {
    let f = fft_opts(case);
    DctOptions { dct_type: dct_type(case), n: f.n, axis: f.axis, norm: f.norm, orthogonalize: orth(case) }
}

fn dctn_opts(case: &Case) -> DctnOptions {
    let f = fftn_opts(case);
    DctnOptions { dct_type: dct_type(case), s: f.s, axes: f.axes, norm: f.norm, orthogonalize: orth(case) }
}

fn is_complex_input(case: &Case) -> bool {
    case.input("x").dtype().starts_with("complex")
}

fn max_abs(y: &ArrayD<Complex64>) -> f64 {
    y.iter().fold(0.0, |m, z| m.max(z.norm()))
}

fn check_c(got: &ArrayD<Complex64>, want: &ArrayD<Complex64>, case: &Case) {
    let scale = max_abs(want);
    assert_close(got, want, Tol::new(1e-12, 1e-14 * scale), &case.name);
}

fn check_c32(got: &ArrayD<Complex32>, want: &ArrayD<Complex64>, case: &Case) {
    let got = got.mapv(|z| Complex64::new(z.re as f64, z.im as f64));
    let scale = max_abs(want);
    assert_close(&got, want, Tol::eps::<f32>(50.0, scale), &format!("{} (f32)", case.name));
}

fn to_c32(x: &ArrayD<Complex64>) -> ArrayD<Complex32> {
    x.mapv(|z| Complex32::new(z.re as f32, z.im as f32))
}

fn cplx(y: &ArrayD<f64>) -> ArrayD<Complex64> {
    y.mapv(|v| Complex64::new(v, 0.0))
}

fn cplx32(y: &ArrayD<f32>) -> ArrayD<Complex32> {
    y.mapv(|v| Complex32::new(v, 0.0))
}

/// Runs a transform with complex-or-real input and complex output in both precisions.
macro_rules! check_any_to_complex {
    ($case:expr, $f:ident, $opts:expr) => {{
        let case = $case;
        let want = case.output("y").array_c64();
        if is_complex_input(case) {
            let x = case.input("x").array_c64();
            check_c(&$f(&x, &$opts).unwrap(), &want, case);
            check_c32(&$f(&to_c32(&x), &$opts).unwrap(), &want, case);
        } else {
            let x = case.input("x").array_f64();
            check_c(&$f(&x, &$opts).unwrap(), &want, case);
            check_c32(&$f(&x.mapv(|v| v as f32), &$opts).unwrap(), &want, case);
        }
    }};
}

/// Real input, complex output (rfft family).
macro_rules! check_real_to_complex {
    ($case:expr, $f:ident, $opts:expr) => {{
        let case = $case;
        let want = case.output("y").array_c64();
        let x = case.input("x").array_f64();
        check_c(&$f(&x, &$opts).unwrap(), &want, case);
        check_c32(&$f(&x.mapv(|v| v as f32), &$opts).unwrap(), &want, case);
    }};
}

/// Complex input, real output (irfft family).
macro_rules! check_complex_to_real {
    ($case:expr, $f:ident, $opts:expr) => {{
        let case = $case;
        let want = cplx(&case.output("y").array_f64());
        let x = case.input("x").array_c64();
        check_c(&cplx(&$f(&x, &$opts).unwrap()), &want, case);
        check_c32(&cplx32(&$f(&to_c32(&x), &$opts).unwrap()), &want, case);
    }};
}

/// Real input, real output (dct family).
macro_rules! check_real_to_real {
    ($case:expr, $f:ident, $opts:expr) => {{
        let case = $case;
        let want = cplx(&case.output("y").array_f64());
        let x = case.input("x").array_f64();
        check_c(&cplx(&$f(&x, &$opts).unwrap()), &want, case);
        check_c32(&cplx32(&$f(&x.mapv(|v| v as f32), &$opts).unwrap()), &want, case);
    }};
}

fn count(fx: &Fixture, prefix: &str) -> usize {
    fx.cases_with_prefix(prefix).count()
}

#[test]
fn complex_transforms_match_scipy() {
    let fx = fx();
    for case in &fx.cases {
        let name = case.name.split('/').next().unwrap();
        match name {
            "fft" => check_any_to_complex!(case, fft_with, fft_opts(case)),
            "ifft" => check_any_to_complex!(case, ifft_with, fft_opts(case)),
            "fftn" => check_any_to_complex!(case, fftn_with, fftn_opts(case)),
            "ifftn" => check_any_to_complex!(case, ifftn_with, fftn_opts(case)),
            "fft2" => check_any_to_complex!(case, fft2_with, fftn_opts(case)),
            "ifft2" => check_any_to_complex!(case, ifft2_with, fftn_opts(case)),
            _ => {}
        }
    }
    assert!(count(&fx, "fft/") >= 40 && count(&fx, "ifft/") >= 30 && count(&fx, "fftn/") >= 6);
}

#[test]
fn real_and_hermitian_transforms_match_scipy() {
    let fx = fx();
    for case in &fx.cases {
        let name = case.name.split('/').next().unwrap();
        match name {
            "rfft" => check_real_to_complex!(case, rfft_with, fft_opts(case)),
            "ihfft" => check_real_to_complex!(case, ihfft_with, fft_opts(case)),
            "rfftn" => check_real_to_complex!(case, rfftn_with, fftn_opts(case)),
            "rfft2" => check_real_to_complex!(case, rfft2_with, fftn_opts(case)),
            "irfft" => check_complex_to_real!(case, irfft_with, fft_opts(case)),
            "hfft" => check_complex_to_real!(case, hfft_with, fft_opts(case)),
            "irfftn" => check_complex_to_real!(case, irfftn_with, fftn_opts(case)),
            "irfft2" => check_complex_to_real!(case, irfft2_with, fftn_opts(case)),
            _ => {}
        }
    }
    assert!(count(&fx, "rfft/") >= 30 && count(&fx, "irfft/") >= 25 && count(&fx, "hfft/") >= 25);
}

#[test]
fn cosine_and_sine_transforms_match_scipy() {
    let fx = fx();
    for case in &fx.cases {
        let name = case.name.split('/').next().unwrap();
        match name {
            "dct" => check_real_to_real!(case, dct_with, dct_opts(case)),
            "idct" => check_real_to_real!(case, idct_with, dct_opts(case)),
            "dst" => check_real_to_real!(case, dst_with, dct_opts(case)),
            "idst" => check_real_to_real!(case, idst_with, dct_opts(case)),
            "dctn" => check_real_to_real!(case, dctn_with, dctn_opts(case)),
            "idctn" => check_real_to_real!(case, idctn_with, dctn_opts(case)),
            "dstn" => check_real_to_real!(case, dstn_with, dctn_opts(case)),
            "idstn" => check_real_to_real!(case, idstn_with, dctn_opts(case)),
            _ => {}
        }
    }
    assert!(count(&fx, "dct/") >= 60 && count(&fx, "idstn/") >= 8);
}

#[test]
fn helpers_match_scipy() {
    let fx = fx();
    for case in fx.cases_with_prefix("fftfreq/") {
        let got = fftfreq(case.input("n").usize(), case.input("d").f64()).unwrap().into_dyn();
        // Same formula as NumPy (k · (1/(n d))): bit-for-bit.
        assert_close(&got, &case.output("y").array_f64(), Tol::new(0.0, 0.0), &case.name);
    }
    for case in fx.cases_with_prefix("rfftfreq/") {
        let got = rfftfreq(case.input("n").usize(), case.input("d").f64()).unwrap().into_dyn();
        assert_close(&got, &case.output("y").array_f64(), Tol::new(0.0, 0.0), &case.name);
    }
    for case in
        fx.cases.iter().filter(|c| c.name.starts_with("fftshift/") || c.name.starts_with("ifftshift/"))
    {
        let x = case.input("x").array_f64();
        let inverse = case.name.starts_with("ifftshift/");
        let got = match (
            opt_list(case, "axes").map(|v| v.iter().map(|&d| d as isize).collect::<Vec<isize>>()),
            inverse,
        ) {
            (None, false) => fftshift(&x),
            (None, true) => ifftshift(&x),
            (Some(axes), false) => fftshift_axes(&x, &axes).unwrap(),
            (Some(axes), true) => ifftshift_axes(&x, &axes).unwrap(),
        };
        assert_eq!(got, case.output("y").array_f64(), "{}", case.name);
    }
    let mut n = 0;
    for case in fx.cases_with_prefix("next_fast_len/") {
        let got = next_fast_len(case.input("target").usize(), case.input("real").bool()).unwrap();
        assert_eq!(got, case.output("y").usize(), "{}", case.name);
        n += 1;
    }
    assert!(n >= 20);
}

#[test]
fn strided_and_reversed_inputs_give_the_same_transform() {
    let fx = fx();
    let case = fx.case("fft/c3d_axis1");
    let x = case.input("x").array_c64();
    // A reversed view of a reversed copy is the original array in a negative-stride layout.
    let mut rev = x.clone();
    rev.invert_axis(sci_core::ndarray::Axis(1));
    let mut view = rev.view();
    view.invert_axis(sci_core::ndarray::Axis(1));
    let got = fft_with(&view, &fft_opts(case)).unwrap();
    check_c(&got, &case.output("y").array_c64(), case);
    let t = x.t();
    let y = fftn_with(&t, &FftnOptions { axes: Some(vec![1]), ..Default::default() }).unwrap();
    let want = case.output("y").array_c64();
    check_c(&y, &want.t().to_owned(), case);
}

#[test]
fn bad_input_is_an_error() {
    let x = ArrayD::<f64>::zeros(IxDyn(&[4, 3]));
    assert!(fft_with(&x, &FftOptions { n: Some(0), ..Default::default() }).is_err());
    assert!(fft_with(&x, &FftOptions { axis: 2, ..Default::default() }).is_err());
    assert!(fft_with(&x, &FftOptions { axis: -3, ..Default::default() }).is_err());
    assert!(fft(&ArrayD::<f64>::zeros(IxDyn(&[0]))).is_err());
    assert!(fft(&ArrayD::<f64>::zeros(IxDyn(&[]))).is_err());
    assert!(irfft(&ArrayD::<f64>::zeros(IxDyn(&[1]))).is_err());
    assert!(rfftn_with(&x, &FftnOptions { axes: Some(vec![]), ..Default::default() }).is_err());
    assert!(fftn_with(&x, &FftnOptions { axes: Some(vec![0, -2]), ..Default::default() }).is_err());
    assert!(fftn_with(&x, &FftnOptions { s: Some(vec![2, 2, 2]), ..Default::default() }).is_err());
    assert!(
        fftn_with(&x, &FftnOptions { s: Some(vec![2]), axes: Some(vec![0, 1]), ..Default::default() })
            .is_err()
    );
    assert!(fftn_with(&x, &FftnOptions { s: Some(vec![0, 2]), ..Default::default() }).is_err());
    assert!(fft2(&ArrayD::<f64>::zeros(IxDyn(&[4]))).is_err());
    let one = ArrayD::<f64>::zeros(IxDyn(&[1]));
    assert!(dct_with(&one, &DctOptions { dct_type: DctType::One, ..Default::default() }).is_err());
    assert!(dst_with(&one, &DctOptions { dct_type: DctType::One, ..Default::default() }).is_ok());
    assert!(fftfreq(0, 1.0).is_err());
    assert!(rfftfreq(4, 0.0).is_err());
    assert!(fftshift_axes(&x, &[2]).is_err());
    // fftn over no axes returns the input, as SciPy does.
    assert_eq!(
        fftn_with(&x, &FftnOptions { axes: Some(vec![]), ..Default::default() }).unwrap().shape(),
        &[4, 3]
    );
}
