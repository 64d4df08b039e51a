//! Window functions against SciPy 1.17.1 (xtask/fixtures/signal.py → windows.json).
//!
//! Tolerance: each value is a handful of operations on cosines, exponentials or Bessel
//! functions, so a few ulps of 1 separate two correct implementations; we allow 1e-14
//! absolute plus 1e-13 relative (the Kaiser window's I0 ratio differs from Cephes' by up
//! to ~10 ulps).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sci_signal::windows::*;
use sci_testing::{Case, Fixture, Tol, assert_close};

fn param(case: &Case, key: &str) -> f64 {
    case.input(key).f64()
}

fn window_for(case: &Case) -> Window {
    match case.input("name").str() {
        "kaiser" => {
            Window::Kaiser { beta: param(case, if case.has_input("beta") { "beta" } else { "param" }) }
        }
        "gaussian" => {
            Window::Gaussian { std: param(case, if case.has_input("std") { "std" } else { "param" }) }
        }
        "tukey" => {
            Window::Tukey { alpha: param(case, if case.has_input("alpha") { "alpha" } else { "param" }) }
        }
        "exponential" => {
            Window::Exponential { tau: if case.has_input("tau") { param(case, "tau") } else { 1.0 } }
        }
        name => name.parse().unwrap(),
    }
}

#[test]
fn windows_match_scipy() {
    let fx = Fixture::load(env!("CARGO_MANIFEST_DIR"), "windows");
    let tol = Tol::new(1e-13, 1e-14);
    let mut n = 0;
    for case in fx.cases_with_prefix("window/") {
        let m = case.input("m").usize();
        let sym = case.input("sym").bool();
        let got = if case.has_input("center") {
            exponential(m, Some(param(case, "center")), param(case, "tau"), sym).unwrap()
        } else {
            get_window(&window_for(case), m, !sym).unwrap()
        };
        assert_close(&got, &case.output("w").array1_f64(), tol, &case.name);
        n += 1;
    }
    for case in fx.cases_with_prefix("get_window/") {
        let got =
            get_window(&window_for(case), case.input("nx").usize(), case.input("fftbins").bool()).unwrap();
        assert_close(&got, &case.output("w").array1_f64(), tol, &case.name);
        n += 1;
    }
    assert!(n >= 340, "{n} cases");
}

#[test]
fn direct_calls_agree_with_get_window() {
    assert_eq!(hann(7, false), get_window(&Window::Hann, 7, true).unwrap());
    assert_eq!(kaiser(9, 5.0, true).unwrap(), get_window(&Window::Kaiser { beta: 5.0 }, 9, false).unwrap());
    assert_eq!(tukey(10, 0.4, false).unwrap(), get_window(&Window::Tukey { alpha: 0.4 }, 10, true).unwrap());
}

#[test]
fn bad_parameters_are_errors() {
    assert!(kaiser(5, f64::NAN, true).is_err());
    assert!(gaussian(5, 0.0, true).is_err());
    assert!(gaussian(5, -1.0, false).is_err());
    assert!(tukey(5, f64::NAN, true).is_err());
    assert!(exponential(5, Some(1.0), 1.0, true).is_err());
    assert!(exponential(5, None, 0.0, true).is_err());
    assert!("kaiser".parse::<Window>().is_err());
    assert!("no-such-window".parse::<Window>().is_err());
    // Huge beta stays finite (SciPy overflows to NaN here).
    let w = kaiser(11, 2000.0, true).unwrap();
    assert!(w.iter().all(|v| v.is_finite()) && (w[5] - 1.0).abs() < 1e-15);
}
