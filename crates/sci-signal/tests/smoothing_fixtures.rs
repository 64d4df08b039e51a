//! `hilbert`, `detrend`, `medfilt`, `savgol_coeffs`, `savgol_filter` and `upfirdn` against
//! SciPy 1.17.1 (xtask/fixtures/smoothing.py).
//!
//! Tolerances: medfilt selects input values (exact). hilbert is two FFTs (errors ~log n·eps
//! relative to the signal's scale); detrend, savgol and upfirdn are short sums of products
//! computed in a different order than SciPy's BLAS/lstsq calls. Savitzky–Golay coefficients
//! are checked by their defining property and against SciPy within SciPy's own accuracy
//! (see `savgol_coeffs_match_scipy`); everything else at 1e-12 relative to the data.
#![allow(clippy::unwrap_used, clippy::panic)]

use sci_core::ndarray::ArrayD;
use sci_core::num_complex::Complex64;
use sci_signal::*;
use sci_testing::{Case, Fixture, Tol, assert_close};

fn fx() -> Fixture {
    Fixture::load(env!("CARGO_MANIFEST_DIR"), "smoothing")
}

fn scaled(want: &ArrayD<f64>, rtol: f64) -> Tol {
    let scale = want.iter().fold(1.0_f64, |m, v| m.max(v.abs()));
    Tol::new(rtol, rtol * scale)
}

fn axis(case: &Case) -> isize {
    case.input("axis").i64() as isize
}

#[test]
fn hilbert_matches_scipy() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("hilbert/") {
        let n = (!case.input("N").is_null()).then(|| case.input("N").usize());
        let got: ArrayD<Complex64> = hilbert(&case.input("x").array_f64(), n, axis(case)).unwrap();
        let want = case.output("z").array_c64();
        let scale = want.iter().fold(1.0_f64, |m, v| m.max(v.norm()));
        assert_close(&got, &want, Tol::new(1e-12, 1e-13 * scale), &case.name);
        count += 1;
    }
    assert_eq!(count, 5);
    assert!(hilbert(&ArrayD::<f64>::zeros(vec![4]), Some(0), -1).is_err());
}

#[test]
fn detrend_matches_scipy() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("detrend/") {
        let kind =
            if case.input("kind").str() == "constant" { DetrendType::Constant } else { DetrendType::Linear };
        let bp: Vec<usize> = case.input("bp").array_i64().iter().map(|&b| b as usize).collect();
        let options = DetrendOptions { axis: axis(case), kind, bp };
        let got = detrend_with(&case.input("x").array_f64(), &options).unwrap();
        let want = case.output("y").array_f64();
        assert_close(&got, &want, scaled(&want, 1e-12), &case.name);
        count += 1;
    }
    assert_eq!(count, 6);
    let x = ArrayD::<f64>::zeros(vec![5]);
    assert!(detrend_with(&x, &DetrendOptions { axis: -1, kind: DetrendType::Linear, bp: vec![6] }).is_err());
}

#[test]
fn medfilt_matches_scipy_exactly() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("medfilt/") {
        let k: Vec<usize> = case.input("k").array_i64().iter().map(|&v| v as usize).collect();
        let got = medfilt(&case.input("x").array_f64(), Some(&k)).unwrap();
        assert_eq!(got, case.output("y").array_f64(), "{}", case.name);
        count += 1;
    }
    assert_eq!(count, 7);
    assert!(medfilt(&ArrayD::<f64>::zeros(vec![5]), Some(&[4])).is_err());
    assert!(medfilt(&ArrayD::<f64>::zeros(vec![5, 5]), Some(&[3, 3, 3])).is_err());
}

/// Our coefficients reproduce the derivative of every monomial up to `polyorder` (the
/// defining property) to 1e-12; they are also compared with SciPy's at SciPy's own
/// accuracy on that property (recorded by the generator): SciPy's `lstsq` on the unscaled
/// Vandermonde matrix loses digits as windows and orders grow, and at w = 51, p = 12 its
/// coefficients sum to 6e-8 instead of 1, so that case is checked by the property alone.
#[test]
fn savgol_coeffs_match_scipy() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("savgol_coeffs/") {
        let (w, p) = (case.input("w").usize(), case.input("p").usize());
        let options = SavgolCoeffsOptions {
            deriv: case.input("deriv").usize(),
            delta: case.input("delta").f64(),
            pos: (!case.input("pos").is_null()).then(|| case.input("pos").f64()),
            usage: if case.input("use").str() == "dot" { SavgolUse::Dot } else { SavgolUse::Conv },
        };
        let got = savgol_coeffs_with(w, p, &options).unwrap();
        let ours = moment_error(&got.to_vec(), w, p, &options);
        assert!(ours <= 1e-12, "{}: our coefficients miss a monomial by {ours:e}", case.name);
        let scipy_error = case.output("scipy_moment_error").f64();
        if scipy_error < 1e-6 {
            let want = case.output("c").array_f64();
            assert_close(
                &got.into_dyn(),
                &want,
                scaled(&want, 1e-12_f64.max(100.0 * scipy_error)),
                &case.name,
            );
        }
        count += 1;
    }
    assert_eq!(count, 8);
    assert!(savgol_coeffs(5, 5).is_err());
    let bad_pos = SavgolCoeffsOptions { pos: Some(5.0), ..Default::default() };
    assert!(savgol_coeffs_with(5, 2, &bad_pos).is_err());
}

/// `max_k |Σⱼ cⱼ xⱼᵏ − d!/Δᵈ·[k = d]| / max(Σⱼ |cⱼ xⱼᵏ|, d!/Δᵈ)` for window positions `xⱼ`.
fn moment_error(c: &[f64], w: usize, p: usize, o: &SavgolCoeffsOptions) -> f64 {
    if o.deriv > p {
        return c.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
    }
    let pos = o.pos.unwrap_or((w as f64 - 1.0) / 2.0);
    let dot: Vec<f64> =
        if o.usage == SavgolUse::Conv { c.iter().rev().copied().collect() } else { c.to_vec() };
    let target = (1..=o.deriv).map(|k| k as f64).product::<f64>() / o.delta.powi(o.deriv as i32);
    (0..=p)
        .map(|k| {
            let terms = dot.iter().enumerate().map(|(j, c)| c * (j as f64 - pos).powi(k as i32));
            let (s, size) = terms.fold((0.0, 0.0), |(s, a), t: f64| (s + t, a + t.abs()));
            // Relative to the terms' magnitudes: the sum itself cancels to ~eps·size.
            (s - if k == o.deriv { target } else { 0.0 }).abs() / size.max(target)
        })
        .fold(0.0, f64::max)
}

#[test]
fn savgol_filter_matches_scipy() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("savgol_filter/") {
        let mode = match case.input("mode").str() {
            "interp" => SavgolMode::Interp,
            "mirror" => SavgolMode::Mirror,
            "nearest" => SavgolMode::Nearest,
            "wrap" => SavgolMode::Wrap,
            "constant" => SavgolMode::Constant(case.input("cval").f64()),
            other => panic!("unknown mode {other}"),
        };
        let options = SavgolOptions {
            deriv: case.input("deriv").usize(),
            delta: case.input("delta").f64(),
            axis: axis(case),
            mode,
        };
        let got = savgol_filter(
            &case.input("x").array_f64(),
            case.input("w").usize(),
            case.input("p").usize(),
            &options,
        )
        .unwrap();
        let want = case.output("y").array_f64();
        assert_close(&got, &want, scaled(&want, 1e-12), &case.name);
        count += 1;
    }
    assert_eq!(count, 9);
    let short = ArrayD::<f64>::zeros(vec![4]);
    assert!(savgol_filter(&short, 5, 2, &SavgolOptions::default()).is_err());
}

#[test]
fn upfirdn_matches_scipy() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("upfirdn/") {
        let h = case.input("h").array1_f64();
        let got = upfirdn(
            &h,
            &case.input("x").array_f64(),
            case.input("up").usize(),
            case.input("down").usize(),
            axis(case),
        )
        .unwrap();
        let want = case.output("y").array_f64();
        assert_eq!(got.shape(), want.shape(), "{}", case.name);
        assert_close(&got, &want, scaled(&want, 1e-12), &case.name);
        count += 1;
    }
    assert_eq!(count, 7);
    let h = sci_core::ndarray::Array1::<f64>::ones(3);
    assert!(upfirdn(&h, &ArrayD::<f64>::zeros(vec![4]), 0, 1, -1).is_err());
}
