//! Elliptic and Bessel designs, their prototypes, and the order-selection functions against
//! SciPy 1.17.1 (xtask/fixtures/filter_design.py → filter_design.json).
//!
//! Zeros and poles are compared as sets: both sides sorted by (re, im), each expected value
//! paired with the nearest unused computed one (robust where two values share a real part
//! to rounding). Tolerances, all 1e-12 relative:
//! - zeros, poles, gains: rtol 1e-12 with an absolute floor of 1e-13 × the largest
//!   magnitude (for exact zeros at the origin). The specifications keep `1 - m` of the
//!   elliptic designs above 1e-5, where SciPy's subtraction `1 - m` costs nothing visible;
//!   at higher orders SciPy itself loses digits (see `ellipap`'s docs and its unit test
//!   against an extended-precision reference);
//! - `ba` coefficients and second-order sections: rtol 1e-12 with an absolute floor of
//!   1e-12 × the largest coefficient, for the small coefficients that cancellation forms
//!   when a polynomial is expanded from its roots (in SciPy as here);
//! - orders exactly; natural frequencies rtol 1e-12 (closed forms), except that a band-stop
//!   edge may differ within SciPy's minimizer tolerance (see `order_selection_matches_scipy`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sci_core::ndarray::{Array1, ArrayD};
use sci_core::num_complex::Complex64;
use sci_signal::*;
use sci_testing::{Case, Fixture, Tol, assert_close};

fn fx() -> Fixture {
    Fixture::load(env!("CARGO_MANIFEST_DIR"), "filter_design")
}

fn list(case: &Case, key: &str) -> Vec<f64> {
    case.input(key).json().as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect()
}

fn btype_of(s: &str) -> BandType {
    match s {
        "lowpass" => BandType::Lowpass,
        "highpass" => BandType::Highpass,
        "bandpass" => BandType::Bandpass,
        "bandstop" => BandType::Bandstop,
        b => panic!("btype {b}"),
    }
}

fn norm_of(s: &str) -> BesselNorm {
    match s {
        "phase" => BesselNorm::Phase,
        "delay" => BesselNorm::Delay,
        "mag" => BesselNorm::Mag,
        n => panic!("norm {n}"),
    }
}

fn iir_opts(case: &Case, ftype: IirType) -> IirOptions {
    IirOptions {
        btype: btype_of(case.input("btype").str()),
        analog: case.input("analog").bool(),
        fs: case.has_input("fs").then(|| case.input("fs").f64()),
        ftype,
    }
}

fn lex(a: &Complex64, b: &Complex64) -> std::cmp::Ordering {
    a.re.total_cmp(&b.re).then(a.im.total_cmp(&b.im))
}

/// Compares two multisets of complex numbers (see the module docs).
fn assert_same_set(got: &Array1<Complex64>, want: &ArrayD<Complex64>, rtol: f64, what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: {} values, expected {}", got.len(), want.len());
    let mut want: Vec<Complex64> = want.iter().copied().collect();
    want.sort_by(lex);
    let mut left: Vec<Complex64> = got.to_vec();
    left.sort_by(lex);
    let mut paired = Vec::with_capacity(want.len());
    for w in &want {
        let (i, _) = left
            .iter()
            .enumerate()
            .min_by(|(_, a), (_, b)| (**a - w).norm().total_cmp(&(**b - w).norm()))
            .unwrap();
        paired.push(left.remove(i));
    }
    let scale = want.iter().fold(0.0f64, |m, v| m.max(v.norm()));
    assert_close(&Array1::from(paired), &Array1::from(want), Tol::new(rtol, 1e-13 * scale), what);
}

fn assert_gain(got: f64, want: f64, rtol: f64, what: &str) {
    assert!((got - want).abs() <= rtol * want.abs(), "{what}: k {got:e} vs {want:e}");
}

fn check_coeffs(got: &Array1<f64>, want: &ArrayD<f64>, what: &str) {
    let scale = want.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    assert_close(&got.clone().into_dyn(), want, Tol::new(1e-12, 1e-12 * scale), what);
}

/// Checks a design's zpk, ba and (when SciPy produced it) sos.
fn check_design(case: &Case, zpk: Zpk, ba: Ba, sos: Option<sci_core::ndarray::Array2<f64>>) {
    let name = &case.name;
    assert_same_set(&zpk.z, &case.output("z").array_c64(), 1e-12, &format!("{name} z"));
    assert_same_set(&zpk.p, &case.output("p").array_c64(), 1e-12, &format!("{name} p"));
    assert_gain(zpk.k, case.output("k").f64(), 1e-12, name);
    check_coeffs(&ba.b, &case.output("b").array_f64(), &format!("{name} b"));
    check_coeffs(&ba.a, &case.output("a").array_f64(), &format!("{name} a"));
    if case.has_output("sos") {
        let want = case.output("sos").array_f64();
        let scale = want.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        let got = sos.unwrap().into_dyn();
        assert_close(&got, &want, Tol::new(1e-12, 1e-12 * scale), &format!("{name} sos"));
    }
}

#[test]
fn ellipap_matches_scipy() {
    let fx = fx();
    let mut n = 0;
    for case in fx.cases_with_prefix("ellipap/") {
        let f = ellipap(case.input("N").usize(), case.input("rp").f64(), case.input("rs").f64()).unwrap();
        assert_same_set(&f.z, &case.output("z").array_c64(), 1e-12, &format!("{} z", case.name));
        assert_same_set(&f.p, &case.output("p").array_c64(), 1e-12, &format!("{} p", case.name));
        assert_gain(f.k, case.output("k").f64(), 1e-12, &case.name);
        n += 1;
    }
    assert!(n >= 36, "{n}");
}

#[test]
fn besselap_matches_scipy() {
    let fx = fx();
    let mut n = 0;
    for case in fx.cases_with_prefix("besselap/") {
        let f = besselap(case.input("N").usize(), norm_of(case.input("norm").str())).unwrap();
        assert!(f.z.is_empty());
        assert_same_set(&f.p, &case.output("p").array_c64(), 1e-12, &format!("{} p", case.name));
        assert_gain(f.k, case.output("k").f64(), 1e-12, &case.name);
        n += 1;
    }
    assert!(n >= 39, "{n}");
}

#[test]
fn ellip_designs_match_scipy_in_every_form() {
    let fx = fx();
    let mut n = 0;
    for case in fx.cases_with_prefix("ellip/") {
        let (order, rp, rs) = (case.input("N").usize(), case.input("rp").f64(), case.input("rs").f64());
        let wn = list(case, "Wn");
        let opts = iir_opts(case, IirType::Ellip { rp, rs });
        let zpk = ellip_zpk(order, rp, rs, &wn, &opts).unwrap();
        assert_eq!(zpk, iirfilter_zpk(order, &wn, &opts).unwrap());
        let ba = ellip_with(order, rp, rs, &wn, &opts).unwrap();
        let sos = case.has_output("sos").then(|| ellip_sos(order, rp, rs, &wn, &opts).unwrap());
        check_design(case, zpk, ba, sos);
        n += 1;
    }
    assert!(n >= 50, "{n}");
    assert_eq!(
        ellip(4, 1.0, 40.0, 0.3).unwrap(),
        ellip_with(4, 1.0, 40.0, &[0.3], &IirOptions::default()).unwrap()
    );
}

#[test]
fn bessel_designs_match_scipy_in_every_form() {
    let fx = fx();
    let mut n = 0;
    for case in fx.cases_with_prefix("bessel/") {
        let order = case.input("N").usize();
        let norm = norm_of(case.input("norm").str());
        let wn = list(case, "Wn");
        let opts = iir_opts(case, IirType::Bessel { norm });
        let zpk = bessel_zpk(order, &wn, norm, &opts).unwrap();
        assert_eq!(zpk, iirfilter_zpk(order, &wn, &opts).unwrap());
        let ba = bessel_with(order, &wn, norm, &opts).unwrap();
        let sos = case.has_output("sos").then(|| bessel_sos(order, &wn, norm, &opts).unwrap());
        check_design(case, zpk, ba, sos);
        n += 1;
    }
    assert!(n >= 45, "{n}");
    assert_eq!(
        bessel(3, 0.25).unwrap(),
        bessel_with(3, &[0.25], BesselNorm::Phase, &IirOptions::default()).unwrap()
    );
}

type OrdFn = fn(&[f64], &[f64], f64, f64, &OrdOptions) -> sci_core::Result<IirOrder>;

#[test]
fn order_selection_matches_scipy() {
    let fx = fx();
    let funcs: [(&str, OrdFn); 4] = [
        ("buttord/", buttord_with),
        ("cheb1ord/", cheb1ord_with),
        ("cheb2ord/", cheb2ord_with),
        ("ellipord/", ellipord_with),
    ];
    let (mut bandstop, mut bandstop_exact) = (0, 0);
    for (prefix, f) in funcs {
        let mut n = 0;
        for case in fx.cases_with_prefix(prefix) {
            let opts = OrdOptions {
                analog: case.input("analog").bool(),
                fs: (!case.input("fs").is_null()).then(|| case.input("fs").f64()),
            };
            let (wp, ws) = (list(case, "wp"), list(case, "ws"));
            let got = f(&wp, &ws, case.input("gpass").f64(), case.input("gstop").f64(), &opts).unwrap();
            assert_eq!(got.order, case.output("order").usize(), "{}", case.name);
            assert_eq!(got.btype, btype_of(case.output("btype").str()), "{}", case.name);
            let want = case.output("wn").array_f64();
            let got = Array1::from(got.wn).into_dyn();
            if case.output("btype").str() == "bandstop" {
                // SciPy's band-edge search can take a rounding-dependent branch (see the
                // module docs of the order functions): within its tolerance, 1e-5 on the
                // pre-warped edge (times fs/2 in Hz), and exact in most cases.
                let unit = opts.fs.map_or(1.0, |fs| fs / 2.0);
                assert_close(&got, &want, Tol::new(0.0, 1e-5 * unit), &case.name);
                bandstop += 1;
                if got.iter().zip(&want).all(|(g, w)| (g - w).abs() <= 1e-12 * w.abs()) {
                    bandstop_exact += 1;
                }
            } else {
                assert_close(&got, &want, Tol::new(1e-12, 0.0), &case.name);
            }
            n += 1;
        }
        assert!(n >= 24, "{prefix}: {n}");
    }
    assert!(
        bandstop >= 24 && bandstop_exact + 2 >= bandstop,
        "{bandstop_exact} of {bandstop} band-stop cases exact"
    );
    // The convenience forms are the digital defaults.
    assert_eq!(
        buttord(&[0.2], &[0.3], 3.0, 40.0).unwrap(),
        buttord_with(&[0.2], &[0.3], 3.0, 40.0, &OrdOptions::default()).unwrap()
    );
    assert_eq!(
        cheb1ord(&[0.2], &[0.3], 3.0, 40.0).unwrap().order,
        cheb1ord_with(&[0.2], &[0.3], 3.0, 40.0, &OrdOptions::default()).unwrap().order
    );
    assert_eq!(
        cheb2ord(&[0.2], &[0.3], 3.0, 40.0).unwrap(),
        cheb2ord_with(&[0.2], &[0.3], 3.0, 40.0, &OrdOptions::default()).unwrap()
    );
    assert_eq!(
        ellipord(&[0.2], &[0.3], 3.0, 40.0).unwrap(),
        ellipord_with(&[0.2], &[0.3], 3.0, 40.0, &OrdOptions::default()).unwrap()
    );
}

#[test]
fn iirdesign_matches_scipy() {
    let fx = fx();
    let mut n = 0;
    for case in fx.cases_with_prefix("iirdesign/") {
        let ftype = match case.input("ftype").str() {
            "ellip" => IirDesignType::Ellip,
            "butter" => IirDesignType::Butter,
            "cheby1" => IirDesignType::Cheby1,
            "cheby2" => IirDesignType::Cheby2,
            t => panic!("ftype {t}"),
        };
        let opts = IirDesignOptions { ftype, ..Default::default() };
        let (wp, ws) = (list(case, "wp"), list(case, "ws"));
        let (gpass, gstop) = (case.input("gpass").f64(), case.input("gstop").f64());
        let zpk = iirdesign_zpk(&wp, &ws, gpass, gstop, &opts).unwrap();
        assert_same_set(&zpk.z, &case.output("z").array_c64(), 1e-12, &format!("{} z", case.name));
        assert_same_set(&zpk.p, &case.output("p").array_c64(), 1e-12, &format!("{} p", case.name));
        assert_gain(zpk.k, case.output("k").f64(), 1e-12, &case.name);
        let want = case.output("sos").array_f64();
        let scale = want.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        let sos = iirdesign_sos(&wp, &ws, gpass, gstop, &opts).unwrap();
        assert_close(&sos.into_dyn(), &want, Tol::new(1e-12, 1e-12 * scale), &format!("{} sos", case.name));
        let ba = iirdesign_with(&wp, &ws, gpass, gstop, &opts).unwrap();
        assert_eq!(ba, zpk2tf(&zpk).unwrap());
        n += 1;
    }
    assert!(n >= 16, "{n}");
    assert_eq!(
        iirdesign(&[0.2], &[0.3], 1.0, 40.0).unwrap(),
        iirdesign_with(&[0.2], &[0.3], 1.0, 40.0, &IirDesignOptions::default()).unwrap()
    );
}

fn is_invalid<T: std::fmt::Debug>(r: sci_core::Result<T>, name: &str) {
    match r {
        Err(sci_core::Error::InvalidArgument { name: got, .. }) => {
            assert_eq!(got, name, "wrong argument named")
        }
        other => panic!("expected InvalidArgument({name}), got {other:?}"),
    }
}

#[test]
fn bad_designs_are_errors() {
    let d = IirOptions::default();
    is_invalid(ellip_zpk(0, 1.0, 40.0, &[0.2], &d), "N");
    is_invalid(ellip_zpk(3, 0.0, 40.0, &[0.2], &d), "rp");
    is_invalid(ellip_zpk(3, -1.0, 40.0, &[0.2], &d), "rp");
    is_invalid(ellip_zpk(3, 1.0, 0.0, &[0.2], &d), "rs");
    is_invalid(ellip_zpk(3, 1.0, f64::NAN, &[0.2], &d), "rs");
    is_invalid(ellip_zpk(3, 40.0, 20.0, &[0.2], &d), "rs"); // rs <= rp
    is_invalid(ellip_zpk(3, 1.0, 40.0, &[1.0], &d), "Wn");
    is_invalid(ellip_zpk(3, 1.0, 40.0, &[0.0], &d), "Wn");
    is_invalid(ellip_zpk(3, 1.0, 40.0, &[600.0], &IirOptions { fs: Some(1000.0), ..d }), "Wn");
    is_invalid(ellip_zpk(3, 1.0, 40.0, &[0.4, 0.2], &IirOptions { btype: BandType::Bandpass, ..d }), "Wn");
    is_invalid(ellip_zpk(3, 1.0, 40.0, &[0.2], &IirOptions { analog: true, fs: Some(10.0), ..d }), "fs");
    is_invalid(ellipap(3, 1.0, 5000.0), "rs"); // 10^(rs/10) overflows
    is_invalid(bessel_zpk(0, &[0.2], BesselNorm::Phase, &d), "N");
    is_invalid(bessel_zpk(3, &[-0.2], BesselNorm::Mag, &d), "Wn");
    is_invalid(bessel_zpk(3, &[0.2, 0.3], BesselNorm::Delay, &d), "Wn");
    is_invalid(besselap(200, BesselNorm::Delay), "N"); // the gain (2n)!/(2^n n!) overflows
    assert!(besselap(200, BesselNorm::Phase).is_ok());
    is_invalid(besselap(501, BesselNorm::Phase), "N");
}

#[test]
fn bad_order_specifications_are_errors() {
    let d = OrdOptions::default();
    for f in [buttord_with as OrdFn, cheb1ord_with, cheb2ord_with, ellipord_with] {
        is_invalid(f(&[0.2], &[0.3], 0.0, 40.0, &d), "gpass");
        is_invalid(f(&[0.2], &[0.3], -1.0, 40.0, &d), "gpass");
        is_invalid(f(&[0.2], &[0.3], 3.0, 0.0, &d), "gstop");
        is_invalid(f(&[0.2], &[0.3], 40.0, 3.0, &d), "gpass"); // gpass >= gstop
        is_invalid(f(&[0.2], &[0.3], 3.0, 3.0, &d), "gpass");
        is_invalid(f(&[0.2], &[0.2], 3.0, 40.0, &d), "wp, ws"); // no transition band
        is_invalid(f(&[0.2], &[1.2], 3.0, 40.0, &d), "wp, ws"); // beyond Nyquist
        is_invalid(f(&[0.0], &[0.3], 3.0, 40.0, &d), "wp, ws");
        is_invalid(f(&[f64::NAN], &[0.3], 3.0, 40.0, &d), "wp, ws");
        is_invalid(
            f(&[300.0], &[500.0], 3.0, 40.0, &OrdOptions { fs: Some(900.0), analog: false }),
            "wp, ws",
        );
        is_invalid(f(&[30.0], &[50.0], 3.0, 40.0, &OrdOptions { fs: Some(900.0), analog: true }), "fs");
        // bandpass whose upper pass edge lies beyond the upper stop edge: inconsistent
        is_invalid(f(&[0.2, 0.7], &[0.1, 0.6], 3.0, 40.0, &d), "wp, ws");
        // pass band and stop band overlapping / interleaved
        is_invalid(f(&[0.2, 0.5], &[0.3, 0.6], 3.0, 40.0, &d), "wp, ws");
        match f(&[0.2, 0.5], &[0.3], 3.0, 40.0, &d) {
            Err(sci_core::Error::ShapeMismatch { .. }) => {}
            other => panic!("expected ShapeMismatch, got {other:?}"),
        }
        assert!(f(&[0.1, 0.2, 0.3], &[0.05, 0.25, 0.35], 3.0, 40.0, &d).is_err());
        // analog edges may exceed 1
        assert!(f(&[200.0], &[300.0], 3.0, 40.0, &OrdOptions { analog: true, fs: None }).is_ok());
    }
}
