//! Peak finding against SciPy 1.17.1 (xtask/fixtures/peaks.py): `find_peaks` under every
//! condition alone and combined, on noisy sines and on a signal with plateaus;
//! `peak_prominences` with and without a window; `peak_widths` at three relative heights;
//! `argrelmax`/`argrelmin` in 1-D and along both axes of a 2-D array, clip and wrap modes.
//!
//! Indices must match exactly. Heights, thresholds and prominences are differences of input
//! samples (exact, or one rounding); interpolated width positions involve one division, so
//! everything real-valued is compared at rtol 1e-13 with atol 1e-13.
#![allow(clippy::unwrap_used, clippy::panic)]

use sci_core::ndarray::{Array1, ArrayD};
use sci_signal::*;
use sci_testing::{Case, Fixture, FixtureValue, Tol, assert_close};

const TOL: Tol = Tol::new(1e-13, 1e-13);

fn fx() -> Fixture {
    Fixture::load(env!("CARGO_MANIFEST_DIR"), "peaks")
}

fn interval(case: &Case, key: &str) -> Option<Interval> {
    if !case.has_input(key) {
        return None;
    }
    let v = case.input(key).json();
    Some(match v.as_array() {
        Some(pair) => Interval { min: pair[0].as_f64(), max: pair[1].as_f64() },
        None => Interval::at_least(v.as_f64().unwrap()),
    })
}

fn indices(v: FixtureValue<'_>) -> Vec<usize> {
    v.array_i64().iter().map(|&i| i as usize).collect()
}

fn check_usize(got: &Option<Array1<usize>>, case: &Case, key: &str) {
    match (got, case.has_output(key)) {
        (Some(g), true) => assert_eq!(g.to_vec(), indices(case.output(key)), "{}: {key}", case.name),
        (None, false) => {}
        _ => panic!("{}: property {key} presence differs from SciPy", case.name),
    }
}

fn check_f64(got: &Option<Array1<f64>>, case: &Case, key: &str) {
    match (got, case.has_output(key)) {
        (Some(g), true) => {
            let want: ArrayD<f64> = case.output(key).array_f64();
            assert_close(&g.clone().into_dyn(), &want, TOL, &format!("{}: {key}", case.name));
        }
        (None, false) => {}
        _ => panic!("{}: property {key} presence differs from SciPy", case.name),
    }
}

#[test]
fn find_peaks_matches_scipy() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("find_peaks/") {
        let x = case.input("x").array1_f64();
        let options = FindPeaksOptions {
            height: interval(case, "height"),
            threshold: interval(case, "threshold"),
            distance: case.has_input("distance").then(|| case.input("distance").f64()),
            prominence: interval(case, "prominence"),
            width: interval(case, "width"),
            wlen: case.has_input("wlen").then(|| case.input("wlen").f64()),
            rel_height: if case.has_input("rel_height") { case.input("rel_height").f64() } else { 0.5 },
            plateau_size: interval(case, "plateau_size"),
        };
        let found = find_peaks_with(&x, &options).unwrap();
        assert_eq!(found.peaks.to_vec(), indices(case.output("peaks")), "{}: peaks", case.name);
        let p = &found.properties;
        check_usize(&p.plateau_sizes, case, "plateau_sizes");
        check_usize(&p.left_edges, case, "left_edges");
        check_usize(&p.right_edges, case, "right_edges");
        check_f64(&p.peak_heights, case, "peak_heights");
        check_f64(&p.left_thresholds, case, "left_thresholds");
        check_f64(&p.right_thresholds, case, "right_thresholds");
        check_f64(&p.prominences, case, "prominences");
        check_usize(&p.left_bases, case, "left_bases");
        check_usize(&p.right_bases, case, "right_bases");
        check_f64(&p.widths, case, "widths");
        check_f64(&p.width_heights, case, "width_heights");
        check_f64(&p.left_ips, case, "left_ips");
        check_f64(&p.right_ips, case, "right_ips");
        count += 1;
    }
    assert_eq!(count, 28);
}

#[test]
fn prominences_and_widths_match_scipy() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("peak_prominences/") {
        let x = case.input("x").array1_f64();
        let peaks = indices(case.input("peaks"));
        let wlen = (!case.input("wlen").is_null()).then(|| case.input("wlen").f64());
        let p = peak_prominences(&x, &peaks, wlen).unwrap();
        assert_close(&p.prominences.into_dyn(), &case.output("prominences").array_f64(), TOL, &case.name);
        assert_eq!(p.left_bases.to_vec(), indices(case.output("left_bases")), "{}", case.name);
        assert_eq!(p.right_bases.to_vec(), indices(case.output("right_bases")), "{}", case.name);
        count += 1;
    }
    for case in fx.cases_with_prefix("peak_widths/") {
        let x = case.input("x").array1_f64();
        let peaks = indices(case.input("peaks"));
        let w = peak_widths(&x, &peaks, case.input("rel_height").f64(), None, None).unwrap();
        for (got, key) in [
            (w.widths, "widths"),
            (w.width_heights, "width_heights"),
            (w.left_ips, "left_ips"),
            (w.right_ips, "right_ips"),
        ] {
            assert_close(
                &got.into_dyn(),
                &case.output(key).array_f64(),
                TOL,
                &format!("{} {key}", case.name),
            );
        }
        count += 1;
    }
    assert_eq!(count, 5);
}

#[test]
fn argrelextrema_matches_scipy() {
    let fx = fx();
    let mut count = 0;
    for prefix in ["argrelmax/", "argrelmin/"] {
        for case in fx.cases_with_prefix(prefix) {
            let order = case.input("order").usize();
            let axis = case.input("axis").usize() as isize;
            let mode = if case.input("mode").str() == "wrap" { ExtremaMode::Wrap } else { ExtremaMode::Clip };
            let x = case.input("x").array_f64();
            let got = if prefix == "argrelmax/" {
                argrelmax(&x, axis, order, mode)
            } else {
                argrelmin(&x, axis, order, mode)
            }
            .unwrap();
            assert_eq!(got[0].to_vec(), indices(case.output("idx0")), "{}", case.name);
            if case.has_output("idx1") {
                assert_eq!(got[1].to_vec(), indices(case.output("idx1")), "{}", case.name);
            }
            count += 1;
        }
    }
    assert_eq!(count, 24);
}

#[test]
fn invalid_conditions_are_errors() {
    let x = Array1::from(vec![0.0, 1.0, 0.0, 2.0, 0.0]);
    let bad =
        |o: FindPeaksOptions| matches!(find_peaks_with(&x, &o), Err(sci_core::Error::InvalidArgument { .. }));
    assert!(bad(FindPeaksOptions { distance: Some(0.5), ..Default::default() }));
    assert!(bad(FindPeaksOptions {
        prominence: Some(Interval::at_least(0.0)),
        wlen: Some(1.0),
        ..Default::default()
    }));
    assert!(bad(FindPeaksOptions {
        width: Some(Interval::at_least(0.0)),
        rel_height: -0.1,
        ..Default::default()
    }));
    assert!(peak_prominences(&x, &[7], None).is_err());
    assert!(argrelmax(&x, 0, 0, ExtremaMode::Clip).is_err());
    assert!(argrelmax(&x, 1, 1, ExtremaMode::Clip).is_err());
    // Empty and tiny signals have no peaks; NaN is never a peak.
    assert_eq!(find_peaks(&Array1::<f64>::zeros(0)).unwrap().peaks.len(), 0);
    assert_eq!(find_peaks(&Array1::from(vec![0.0, f64::NAN, 0.0])).unwrap().peaks.len(), 0);
}
