//! Filter design and filtering against SciPy 1.17.1 (xtask/fixtures/signal.py → filter.json).
//!
//! Tolerances. Poles and zeros follow SciPy's formulas step by step, so they agree to a few
//! ulps (rtol 1e-12). Polynomial coefficients built from those roots and the pairing of
//! second-order sections are compared at rtol 1e-10 with an absolute floor of 1e-12 times
//! the largest coefficient (expanding an order-16 polynomial loses a few digits to
//! cancellation in its small coefficients, in SciPy and here alike). Filter outputs are
//! recursions of well-damped filters over 60 samples: rtol 1e-10 with a floor of 1e-12 of
//! the output scale.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sci_core::ndarray::{Array1, ArrayD, Ix1, Ix2};
use sci_core::num_complex::Complex64;
use sci_signal::*;
use sci_testing::{Case, Fixture, Tol, assert_close};

fn fx() -> Fixture {
    Fixture::load(env!("CARGO_MANIFEST_DIR"), "filter")
}

fn tol_for(want: &ArrayD<f64>) -> Tol {
    let scale = want.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    Tol::new(1e-10, 1e-12 * scale.max(1e-300))
}

fn check(got: &ArrayD<f64>, want: &ArrayD<f64>, what: &str) {
    assert_close(got, want, tol_for(want), what);
}

fn list(case: &Case, key: &str) -> Vec<f64> {
    case.input(key).json().as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect()
}

fn btype(case: &Case) -> BandType {
    match case.input("btype").str() {
        "lowpass" => BandType::Lowpass,
        "highpass" => BandType::Highpass,
        "bandpass" => BandType::Bandpass,
        "bandstop" => BandType::Bandstop,
        b => panic!("btype {b}"),
    }
}

fn padopts(case: &Case) -> FiltfiltOptions {
    let padtype = if case.input("padtype").is_null() {
        PadType::None
    } else {
        match case.input("padtype").str() {
            "odd" => PadType::Odd,
            "even" => PadType::Even,
            "constant" => PadType::Constant,
            p => panic!("padtype {p}"),
        }
    };
    let padlen = if case.input("padlen").is_null() { None } else { Some(case.input("padlen").usize()) };
    let axis = if case.has_input("axis") { case.input("axis").i64() as isize } else { -1 };
    FiltfiltOptions { axis, padtype, padlen }
}

fn axis(case: &Case) -> FilterOptions {
    FilterOptions { axis: if case.has_input("axis") { case.input("axis").i64() as isize } else { -1 } }
}

#[test]
fn butter_matches_scipy_in_every_form() {
    let fx = fx();
    let mut n = 0;
    for case in fx.cases_with_prefix("butter/") {
        let opts = IirOptions {
            btype: btype(case),
            analog: case.input("analog").bool(),
            fs: case.has_input("fs").then(|| case.input("fs").f64()),
            ..Default::default()
        };
        let order = case.input("N").usize();
        let wn = list(case, "Wn");
        if case.has_output("z") {
            let f = butter_zpk(order, &wn, &opts).unwrap();
            let (wz, wp) = (case.output("z").array_c64(), case.output("p").array_c64());
            let t = Tol::new(1e-12, 1e-14);
            assert_close(&f.z.into_dyn(), &wz, t, &format!("{} z", case.name));
            assert_close(&f.p.into_dyn(), &wp, t, &format!("{} p", case.name));
            let k = case.output("k").f64();
            assert!((f.k - k).abs() <= 1e-12 * k.abs(), "{}: k {} vs {k}", case.name, f.k);
        }
        let ba = butter_with(order, &wn, &opts).unwrap();
        check(&ba.b.into_dyn(), &case.output("b").array_f64(), &format!("{} b", case.name));
        check(&ba.a.into_dyn(), &case.output("a").array_f64(), &format!("{} a", case.name));
        let sos = butter_sos(order, &wn, &opts).unwrap();
        check(&sos.into_dyn(), &case.output("sos").array_f64(), &format!("{} sos", case.name));
        n += 1;
    }
    assert!(n >= 60, "{n}");
}

#[test]
fn chebyshev_designs_match_scipy_in_every_form() {
    let fx = fx();
    let mut n = 0;
    for case in fx.cases_with_prefix("cheby/") {
        let param = case.input("param").f64();
        let ftype = if case.input("family").str() == "cheby1" {
            IirType::Cheby1 { rp: param }
        } else {
            IirType::Cheby2 { rs: param }
        };
        let opts = IirOptions { btype: btype(case), analog: case.input("analog").bool(), fs: None, ftype };
        let order = case.input("N").usize();
        let wn = list(case, "Wn");
        let f = iirfilter_zpk(order, &wn, &opts).unwrap();
        let t = Tol::new(1e-11, 1e-13);
        assert_close(&f.z.into_dyn(), &case.output("z").array_c64(), t, &format!("{} z", case.name));
        assert_close(&f.p.into_dyn(), &case.output("p").array_c64(), t, &format!("{} p", case.name));
        let k = case.output("k").f64();
        assert!((f.k - k).abs() <= 1e-11 * k.abs(), "{}: k {} vs {k}", case.name, f.k);
        let ba = iirfilter(order, &wn, &opts).unwrap();
        check(&ba.b.into_dyn(), &case.output("b").array_f64(), &format!("{} b", case.name));
        check(&ba.a.into_dyn(), &case.output("a").array_f64(), &format!("{} a", case.name));
        let sos = iirfilter_sos(order, &wn, &opts).unwrap();
        check(&sos.into_dyn(), &case.output("sos").array_f64(), &format!("{} sos", case.name));
        n += 1;
    }
    // the convenience wrappers are the same designs
    assert_eq!(
        cheby1(4, 1.0, 0.3).unwrap(),
        iirfilter(4, &[0.3], &IirOptions { ftype: IirType::Cheby1 { rp: 1.0 }, ..Default::default() })
            .unwrap()
    );
    assert!(cheby2(3, -1.0, 0.3).is_err() && cheby1(3, f64::NAN, 0.3).is_err());
    assert!(n >= 190, "{n}");
}

#[test]
fn lfilter_and_filtfilt_match_scipy() {
    let fx = fx();
    for case in fx.cases_with_prefix("lfilter/") {
        let (b, a) = (case.input("b").array1_f64(), case.input("a").array1_f64());
        let x = case.input("x").array_f64();
        if case.has_input("zi") {
            let x = x.into_dimensionality::<Ix1>().unwrap();
            let zi = case.input("zi").array1_f64();
            let r = lfilter_with_zi(&b, &a, &x, &zi, &FilterOptions::default()).unwrap();
            check(&r.y.into_dyn(), &case.output("y").array_f64(), &case.name);
            check(&r.zf.into_dyn(), &case.output("zf").array_f64(), &format!("{} zf", case.name));
        } else {
            let y = lfilter_with(&b, &a, &x, &axis(case)).unwrap();
            check(&y, &case.output("y").array_f64(), &case.name);
            // f32 at f32 precision: rtol 1e-4 (a 4th-order recursion amplifies rounding).
            let y32 = lfilter_with(
                &b.mapv(|v| v as f32),
                &a.mapv(|v| v as f32),
                &x.mapv(|v| v as f32),
                &axis(case),
            )
            .unwrap();
            let want = case.output("y").array_f64();
            let scale = want.iter().fold(0.0f64, |m, v| m.max(v.abs()));
            assert_close(
                &y32.mapv(|v| v as f64),
                &want,
                Tol::new(1e-4, 1e-4 * scale),
                &format!("{} f32", case.name),
            );
        }
    }
    for case in fx.cases_with_prefix("lfilter_zi/") {
        let (b, a) = (case.input("b").array1_f64(), case.input("a").array1_f64());
        check(&lfilter_zi(&b, &a).unwrap().into_dyn(), &case.output("zi").array_f64(), &case.name);
    }
    let mut n = 0;
    for case in fx.cases_with_prefix("filtfilt/") {
        let (b, a) = (case.input("b").array1_f64(), case.input("a").array1_f64());
        let y = filtfilt_with(&b, &a, &case.input("x").array_f64(), &padopts(case)).unwrap();
        check(&y, &case.output("y").array_f64(), &case.name);
        n += 1;
    }
    assert!(n >= 19);
}

#[test]
fn sosfilt_and_sosfiltfilt_match_scipy() {
    let fx = fx();
    for case in fx.cases_with_prefix("sosfilt/") {
        let sos = case.input("sos").array2_f64();
        let x = case.input("x").array_f64();
        if case.has_input("zi") {
            let x = x.into_dimensionality::<Ix1>().unwrap();
            let zi = case.input("zi").array2_f64();
            let r = sosfilt_with_zi(&sos, &x, &zi).unwrap();
            check(&r.y.into_dyn(), &case.output("y").array_f64(), &case.name);
            check(&r.zf.into_dyn(), &case.output("zf").array_f64(), &format!("{} zf", case.name));
        } else {
            check(&sosfilt_with(&sos, &x, &axis(case)).unwrap(), &case.output("y").array_f64(), &case.name);
        }
    }
    for case in fx.cases_with_prefix("sosfilt_zi/") {
        let sos = case.input("sos").array2_f64();
        check(&sosfilt_zi(&sos).unwrap().into_dyn(), &case.output("zi").array_f64(), &case.name);
    }
    let mut n = 0;
    for case in fx.cases_with_prefix("sosfiltfilt/") {
        let sos = case.input("sos").array2_f64();
        let y = sosfiltfilt_with(&sos, &case.input("x").array_f64(), &padopts(case)).unwrap();
        check(&y, &case.output("y").array_f64(), &case.name);
        n += 1;
    }
    assert!(n >= 13);
}

fn zpk_from(case: &Case) -> Zpk {
    Zpk {
        z: case.input("z").array_c64().into_dimensionality::<Ix1>().unwrap(),
        p: case.input("p").array_c64().into_dimensionality::<Ix1>().unwrap(),
        k: case.input("k").f64(),
    }
}

fn sorted(v: &Array1<Complex64>) -> Vec<Complex64> {
    let mut v = v.to_vec();
    v.sort_by(|a, b| a.re.total_cmp(&b.re).then(a.im.total_cmp(&b.im)));
    v
}

#[test]
fn conversions_match_scipy() {
    let fx = fx();
    for case in fx.cases_with_prefix("zpk2tf/") {
        let ba = zpk2tf(&zpk_from(case)).unwrap();
        check(&ba.b.into_dyn(), &case.output("b").array_f64(), &format!("{} b", case.name));
        check(&ba.a.into_dyn(), &case.output("a").array_f64(), &format!("{} a", case.name));
    }
    let mut n_tf2zpk = 0;
    for case in fx.cases_with_prefix("tf2zpk/") {
        let f = tf2zpk(&case.input("b").array1_f64(), &case.input("a").array1_f64()).unwrap();
        // Root order is not specified (NumPy returns eigenvalue order): match each root. The
        // roots are simple and well separated, so both root finders reach ~1e-13.
        for (key, got) in [("z", &f.z), ("p", &f.p)] {
            let want = case.output(key).array_c64().into_dimensionality::<Ix1>().unwrap();
            assert_eq!(got.len(), want.len(), "{} {key}", case.name);
            let mut left = got.to_vec();
            for w in sorted(&want) {
                let (i, d) = left
                    .iter()
                    .enumerate()
                    .map(|(i, g)| (i, (g - w).norm()))
                    .fold((0, f64::INFINITY), |b, c| if c.1 < b.1 { c } else { b });
                assert!(d < 1e-11, "{} {key}: no root near {w} (closest {d:e})", case.name);
                left.remove(i);
            }
        }
        assert!((f.k - case.output("k").f64()).abs() < 1e-13 * f.k.abs());
        n_tf2zpk += 1;
    }
    assert!(n_tf2zpk >= 7);

    for case in fx.cases_with_prefix("zpk2sos/") {
        let pairing = match case.input("pairing").str() {
            "nearest" => Pairing::Nearest,
            "keep_odd" => Pairing::KeepOdd,
            _ => Pairing::Minimal,
        };
        let analog = case.has_input("analog") && case.input("analog").bool();
        let sos = zpk2sos(&zpk_from(case), &SosOptions { pairing: Some(pairing), analog }).unwrap();
        check(&sos.into_dyn(), &case.output("sos").array_f64(), &case.name);
    }
    let case = fx.case("tf2sos/mixed");
    let sos =
        tf2sos(&case.input("b").array1_f64(), &case.input("a").array1_f64(), &SosOptions::default()).unwrap();
    check(&sos.into_dyn(), &case.output("sos").array_f64(), &case.name);
    for case in fx.cases_with_prefix("sos2tf/") {
        let ba = sos2tf(&case.input("sos").array2_f64()).unwrap();
        check(&ba.b.into_dyn(), &case.output("b").array_f64(), &case.name);
        check(&ba.a.into_dyn(), &case.output("a").array_f64(), &case.name);
    }
}

fn freq_opts(case: &Case) -> FreqzOptions {
    let mut o = FreqzOptions::default();
    if case.has_input("worN") {
        o.wor_n = case.input("worN").usize();
    }
    if case.has_input("whole") {
        o.whole = case.input("whole").bool();
    }
    if case.has_input("include_nyquist") {
        o.include_nyquist = case.input("include_nyquist").bool();
    }
    if case.has_input("fs") {
        o.fs = case.input("fs").f64();
    }
    o
}

#[test]
fn frequency_responses_match_scipy() {
    let fx = fx();
    let mut n = 0;
    for case in fx.cases.iter().filter(|c| c.name.starts_with("freqz/") || c.name.starts_with("sosfreqz/")) {
        let r = if case.name.starts_with("freqz/") {
            freqz(&case.input("b").array1_f64(), &case.input("a").array1_f64(), &freq_opts(case)).unwrap()
        } else {
            sosfreqz(&case.input("sos").array2_f64(), &freq_opts(case)).unwrap()
        };
        assert_close(&r.w.into_dyn(), &case.output("w").array_f64(), Tol::new(1e-14, 1e-15), &case.name);
        // SciPy evaluates with an FFT, sci by Horner: both are accurate to ~1e-15 of |H|max.
        assert_close(&r.h.into_dyn(), &case.output("h").array_c64(), Tol::new(1e-10, 1e-13), &case.name);
        n += 1;
    }
    assert!(n >= 9);
}

#[test]
fn bad_input_is_an_error() {
    use sci_core::ndarray::{Array2, array};
    let x = Array1::<f64>::ones(10);
    assert!(lfilter(&array![1.0], &array![0.0, 1.0], &x).is_err());
    assert!(lfilter(&Array1::<f64>::zeros(0), &array![1.0], &x).is_err());
    assert!(lfilter_with(&array![1.0], &array![1.0], &x, &FilterOptions { axis: 1 }).is_err());
    let zi_bad = array![0.0, 0.0, 0.0];
    assert!(
        lfilter_with_zi(&array![1.0, 1.0], &array![1.0, 0.5], &x, &zi_bad, &FilterOptions::default())
            .is_err()
    );
    assert!(lfilter_zi(&array![1.0], &array![0.0, 0.0]).is_err());
    assert!(matches!(
        lfilter_zi(&array![1.0, 0.0], &array![1.0, -1.0]),
        Err(sci_core::Error::Singular { .. })
    ));
    assert!(sosfilt(&Array2::<f64>::zeros((2, 5)), &x).is_err());
    assert!(sosfilt(&array![[1.0, 0.0, 0.0, 2.0, 0.0, 0.0]], &x).is_err());
    assert!(sosfilt(&Array2::<f64>::zeros((0, 6)), &x).is_err());
    // padding longer than the signal
    let (b, a) = (array![0.2, 0.2], array![1.0, -0.6]);
    assert!(filtfilt(&b, &a, &Array1::<f64>::ones(6)).is_err());
    assert!(filtfilt(&b, &a, &Array1::<f64>::ones(7)).is_ok());
    // design errors
    let d = IirOptions::default();
    assert!(butter(0, 0.3).is_err());
    assert!(butter(2, 0.0).is_err());
    assert!(butter(2, 1.0).is_err());
    assert!(butter(2, f64::NAN).is_err());
    assert!(butter_with(2, &[0.1, 0.2], &d).is_err());
    assert!(butter_with(2, &[0.3, 0.2], &IirOptions { btype: BandType::Bandpass, ..d }).is_err());
    assert!(butter_with(2, &[600.0], &IirOptions { fs: Some(1000.0), ..d }).is_err());
    assert!(butter_with(2, &[1.0], &IirOptions { fs: Some(10.0), analog: true, ..d }).is_err());
    let unpaired = Zpk { z: array![Complex64::new(0.0, 1.0)], p: array![Complex64::new(0.5, 0.0)], k: 1.0 };
    assert!(zpk2tf(&unpaired).is_err());
    assert!(zpk2sos(&unpaired, &SosOptions::default()).is_err());
    assert!(freqz(&array![1.0], &array![1.0], &FreqzOptions { wor_n: 0, ..Default::default() }).is_err());
    assert!(sos2tf(&Array2::<f64>::zeros((1, 4))).is_err());
    let _ = Ix2;
}
