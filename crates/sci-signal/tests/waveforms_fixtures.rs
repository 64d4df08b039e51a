//! Waveform generators against SciPy 1.17.1 (xtask/fixtures/waveforms.py).
//!
//! Each value is one or two libm calls on the same arguments (`fmod`/`rem_euclid`, `cos`,
//! `exp`, `pow`), so results agree to a few ulps; the phase of a chirp reaches ~100 rad,
//! where one ulp of the argument moves cos by ~1e-14, hence atol 1e-12.
#![allow(clippy::unwrap_used, clippy::panic)]

use sci_core::ndarray::ArrayD;
use sci_core::num_complex::Complex64;
use sci_signal::*;
use sci_testing::{Fixture, Tol, assert_close};

const TOL: Tol = Tol::new(1e-13, 1e-12);

fn fx() -> Fixture {
    Fixture::load(env!("CARGO_MANIFEST_DIR"), "waveforms")
}

#[test]
fn sawtooth_and_square_match_scipy() {
    let fx = fx();
    for case in fx.cases_with_prefix("sawtooth/") {
        let y = sawtooth(&case.input("t").array1_f64(), case.input("width").f64());
        assert_close(&y.into_dyn(), &case.output("y").array_f64(), TOL, &case.name);
    }
    for case in fx.cases_with_prefix("square/") {
        let y = square(&case.input("t").array1_f64(), case.input("duty").f64());
        assert_close(&y.into_dyn(), &case.output("y").array_f64(), TOL, &case.name);
    }
    assert_eq!(fx.cases_with_prefix("sawtooth/").count() + fx.cases_with_prefix("square/").count(), 10);
}

#[test]
fn gausspulse_matches_scipy() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("gausspulse/") {
        let options = GaussPulseOptions {
            fc: case.input("fc").f64(),
            bw: case.input("bw").f64(),
            bwr: case.input("bwr").f64(),
            tpr: case.input("tpr").f64(),
        };
        let p = gausspulse(&case.input("t").array1_f64(), &options).unwrap();
        assert_close(&p.real.into_dyn(), &case.output("real").array_f64(), TOL, &case.name);
        assert_close(&p.quadrature.into_dyn(), &case.output("quadrature").array_f64(), TOL, &case.name);
        assert_close(&p.envelope.into_dyn(), &case.output("envelope").array_f64(), TOL, &case.name);
        if case.output("cutoff").is_null() {
            // SciPy divides by a = 0 for fc = 0 (infinite cutoff).
            assert!(gausspulse_cutoff(&options).unwrap().is_infinite());
        } else {
            let want = case.output("cutoff").f64();
            assert!((gausspulse_cutoff(&options).unwrap() - want).abs() <= 1e-14 * want, "{}", case.name);
        }
        count += 1;
    }
    assert_eq!(count, 3);
    let bad = GaussPulseOptions { bwr: 1.0, ..Default::default() };
    assert!(gausspulse(&ArrayD::<f64>::zeros(vec![2]), &bad).is_err());
    assert!(gausspulse_cutoff(&GaussPulseOptions { tpr: 0.0, ..Default::default() }).is_err());
}

#[test]
fn chirp_matches_scipy() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("chirp/") {
        let method = match case.input("method").str() {
            "linear" => ChirpMethod::Linear,
            "quadratic" => ChirpMethod::Quadratic,
            "logarithmic" => ChirpMethod::Logarithmic,
            "hyperbolic" => ChirpMethod::Hyperbolic,
            other => panic!("unknown method {other}"),
        };
        let options = ChirpOptions {
            method,
            phi: case.input("phi").f64(),
            vertex_zero: case.input("vertex_zero").bool(),
        };
        let t = case.input("t").array1_f64();
        let (f0, t1, f1) = (case.input("f0").f64(), case.input("t1").f64(), case.input("f1").f64());
        let y = chirp(&t, f0, t1, f1, &options).unwrap();
        assert_close(&y.into_dyn(), &case.output("y").array_f64(), TOL, &case.name);
        let z: ArrayD<Complex64> = chirp_complex(&t, f0, t1, f1, &options).unwrap().into_dyn();
        assert_close(&z, &case.output("z").array_c64(), TOL, &case.name);
        count += 1;
    }
    assert_eq!(count, 10);
    let t = ArrayD::<f64>::zeros(vec![3]);
    let log = ChirpOptions { method: ChirpMethod::Logarithmic, ..ChirpOptions::scipy() };
    assert!(chirp(&t, -1.0, 1.0, 2.0, &log).is_err());
    let hyp = ChirpOptions { method: ChirpMethod::Hyperbolic, ..ChirpOptions::scipy() };
    assert!(chirp(&t, 0.0, 1.0, 2.0, &hyp).is_err());
}

#[test]
fn unit_impulse_matches_scipy() {
    let fx = fx();
    let idx = |name: &str| match name {
        "unit_impulse/first" => ImpulseIndex::First,
        "unit_impulse/mid" => ImpulseIndex::Mid,
        "unit_impulse/diag" => ImpulseIndex::Diagonal(2),
        "unit_impulse/at" => ImpulseIndex::At(vec![1, 0, 3]),
        other => panic!("unknown case {other}"),
    };
    let mut count = 0;
    for case in fx.cases_with_prefix("unit_impulse/") {
        let shape: Vec<usize> = case.input("shape").array_i64().iter().map(|&s| s as usize).collect();
        let d = unit_impulse::<f64>(&shape, &idx(&case.name)).unwrap();
        assert_eq!(d, case.output("d").array_f64(), "{}", case.name);
        count += 1;
    }
    assert_eq!(count, 4);
    assert!(unit_impulse::<f64>(&[3], &ImpulseIndex::Diagonal(3)).is_err());
    assert!(unit_impulse::<f64>(&[3, 3], &ImpulseIndex::At(vec![1])).is_err());
}
