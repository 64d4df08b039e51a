//! Invariants of the elliptic and Bessel designs and of the order-selection functions on
//! random specifications: an elliptic filter's pass-band ripple is exactly `rp` and its stop
//! band is at least `rs` down; each Bessel normalization puts its defining property at
//! 1 rad/s; a filter designed with the order and frequencies from `*ord` meets the
//! specification it came from.
//!
//! Gains are evaluated from zeros, poles and gain as sums of logarithms (exact to rounding
//! at any order); the grid checks use `sosfreqz`. Tolerances are in dB: 1e-9 where a gain
//! equals a specified value by construction, 1e-6 for "meets the spec" (the design hits the
//! spec exactly at one edge, so only rounding separates it from the bound).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::f64::consts::PI;

use proptest::prelude::*;
use sci_core::num_complex::Complex64;
use sci_signal::*;

/// `20 log10 |H(s)|` of a zpk filter at the point `s` (analog `jω` or digital `e^{jθ}`).
fn gain_db_at(f: &Zpk, s: Complex64) -> f64 {
    let num: f64 = f.z.iter().map(|&z| (s - z).norm().log10()).sum();
    let den: f64 = f.p.iter().map(|&p| (s - p).norm().log10()).sum();
    20.0 * (f.k.abs().log10() + num - den)
}

fn analog_db(f: &Zpk, w: f64) -> f64 {
    gain_db_at(f, Complex64::new(0.0, w))
}

/// Gain at `w` relative to Nyquist (digital) or in rad/s (analog).
fn gain_db(f: &Zpk, w: f64, analog: bool) -> f64 {
    if analog { analog_db(f, w) } else { gain_db_at(f, Complex64::from_polar(1.0, PI * w)) }
}

/// Bisection for the frequency in `[lo, hi]` where a monotone gain crosses `level` dB.
fn crossing(g: impl Fn(f64) -> f64, level: f64, mut lo: f64, mut hi: f64) -> f64 {
    let above_at_lo = g(lo) > level;
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if (g(mid) > level) == above_at_lo {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn elliptic_prototype_is_equiripple(n in 2usize..=10, rp in 0.05..3.0f64, extra in 15.0..80.0f64) {
        let rs = rp + extra;
        let f = ellipap(n, rp, rs).unwrap();
        // Pass band [0, 1]: between -rp and 0 dB, exactly -rp at the edge.
        prop_assert!((analog_db(&f, 1.0) + rp).abs() < 1e-9, "edge {}", analog_db(&f, 1.0));
        for i in 0..=400 {
            let g = analog_db(&f, i as f64 / 400.0);
            prop_assert!(g <= 1e-9 && g >= -rp - 1e-9, "pass band gain {g} at {}", i as f64 / 400.0);
        }
        // Stop band: from where the transition reaches -rs (before the first zero) on,
        // never above -rs.
        let first_zero = f.z.iter().map(|z| z.im.abs()).fold(f64::INFINITY, f64::min);
        let ws = crossing(|w| analog_db(&f, w), -rs, 1.0, first_zero);
        prop_assert!(ws > 1.0 && ws < first_zero);
        for i in 0..=2000 {
            let w = ws * (100.0f64).powf(i as f64 / 2000.0);
            let g = analog_db(&f, w);
            prop_assert!(g <= -rs + 1e-9, "stop band gain {g} > {} at {w}", -rs);
        }
        // Equiripple: between the first two zeros (or beyond the only one) the gain comes
        // back up to -rs.
        let mut zs: Vec<f64> = f.z.iter().map(|z| z.im).filter(|&v| v > 0.0).collect();
        zs.sort_by(f64::total_cmp);
        let (a, b) = (zs[0], if zs.len() > 1 { zs[1] } else { 1e3 * zs[0] });
        let peak = (1..400).map(|i| analog_db(&f, a * (b / a).powf(i as f64 / 400.0))).fold(f64::MIN, f64::max);
        prop_assert!(peak > -rs - 0.05, "stop-band ripple peak {peak} vs {}", -rs);
    }

    #[test]
    fn digital_elliptic_ripple_is_rp_at_the_edge(n in 1usize..=9, rp in 0.1..2.0f64, extra in 20.0..60.0f64,
                                                  wn in 0.05..0.9f64, high in any::<bool>()) {
        let rs = rp + extra;
        let btype = if high { BandType::Highpass } else { BandType::Lowpass };
        let opts = IirOptions { btype, ..Default::default() };
        let f = ellip_zpk(n, rp, rs, &[wn], &opts).unwrap();
        prop_assert!((gain_db(&f, wn, false) + rp).abs() < 1e-9);
        let sos = ellip_sos(n, rp, rs, &[wn], &opts).unwrap();
        let r = sosfreqz(&sos, &FreqzOptions { wor_n: 2048, fs: 2.0, ..Default::default() }).unwrap();
        for (w, h) in r.w.iter().zip(&r.h) {
            let in_pass = if high { *w >= wn } else { *w <= wn };
            if in_pass {
                let g = 20.0 * h.norm().log10();
                prop_assert!(g <= 1e-8 && g >= -rp - 1e-8, "pass-band gain {g} at {w}");
            }
        }
    }

    #[test]
    fn bessel_normalizations_hold(n in 1usize..=25) {
        // delay: group delay at DC, -Σ Re(1/p), is 1 s.
        let f = besselap(n, BesselNorm::Delay).unwrap();
        let tau: f64 = f.p.iter().map(|p| -p.inv().re).sum();
        prop_assert!((tau - 1.0).abs() < 1e-12, "delay {tau}");
        // phase: unit DC gain and the Butterworth asymptote |H(jω)| ~ ω^-n (Π(-p) = 1).
        // The phase at 1 rad/s is -nπ/4 exactly for n <= 2 and a little above it beyond
        // (SciPy's "phase midpoint" is this asymptote normalization).
        let f = besselap(n, BesselNorm::Phase).unwrap();
        prop_assert_eq!(f.k, 1.0);
        prop_assert!(analog_db(&f, 0.0).abs() < 1e-11);
        let w = 1e7;
        prop_assert!((analog_db(&f, w) + 20.0 * n as f64 * w.log10()).abs() < 1e-4);
        let phase: f64 = f.p.iter().map(|&p| -(Complex64::new(0.0, 1.0) - p).arg()).sum();
        let excess = phase + n as f64 * PI / 4.0;
        prop_assert!(if n <= 2 { excess.abs() < 1e-12 } else { excess > 0.0 && excess < 0.04 * n as f64 }, "phase {phase}");
        // mag: -3 dB (|H| = 1/√2) at 1 rad/s, unit DC gain.
        let f = besselap(n, BesselNorm::Mag).unwrap();
        let g = 10f64.powf(analog_db(&f, 1.0) / 20.0);
        prop_assert!((g - 0.5f64.sqrt()).abs() < 1e-12, "|H(j)| = {g}");
        prop_assert!(analog_db(&f, 0.0).abs() < 1e-11);
        // digital lowpass: unit DC gain
        let d = bessel_zpk(n, &[0.3], BesselNorm::Phase, &IirOptions::default()).unwrap();
        prop_assert!(gain_db(&d, 0.0, false).abs() < 1e-10);
    }

    #[test]
    fn designs_from_order_selection_meet_the_spec(kind in 0usize..4, family in 0usize..4, analog in any::<bool>(),
                                                   a in 0.05..0.3f64, d1 in 0.03..0.15f64, bw in 0.05..0.3f64,
                                                   d2 in 0.03..0.15f64, gpass in 0.1..3.0f64, gstop in 20.0..80.0f64) {
        // Edges in (0, 0.9): lowpass, highpass, bandpass, bandstop.
        let (wp, ws): (Vec<f64>, Vec<f64>) = match kind {
            0 => (vec![a + bw], vec![a + bw + d1]),
            1 => (vec![a + bw + d1], vec![a + bw]),
            2 => (vec![a + d1, a + d1 + bw], vec![a, a + d1 + bw + d2]),
            _ => (vec![a, a + d1 + bw + d2], vec![a + d1, a + d1 + bw]),
        };
        let scale = if analog { 10.0 } else { 1.0 };
        let (wp, ws): (Vec<f64>, Vec<f64>) = (wp.iter().map(|v| v * scale).collect(), ws.iter().map(|v| v * scale).collect());
        let ftype = [IirDesignType::Butter, IirDesignType::Cheby1, IirDesignType::Cheby2, IirDesignType::Ellip][family];
        let opts = IirDesignOptions { analog, ftype, fs: None };
        let f = iirdesign_zpk(&wp, &ws, gpass, gstop, &opts).unwrap();
        // The band each frequency belongs to, on a grid plus the exact edges.
        let top = if analog { 20.0 } else { 1.0 };
        let mut grid: Vec<f64> = (1..1000).map(|i| top * i as f64 / 1000.0).collect();
        grid.extend(wp.iter().chain(&ws));
        for w in grid {
            let g = gain_db(&f, w, analog);
            let (in_pass, in_stop) = match kind {
                0 => (w <= wp[0], w >= ws[0]),
                1 => (w >= wp[0], w <= ws[0]),
                2 => (w >= wp[0] && w <= wp[1], w <= ws[0] || w >= ws[1]),
                _ => (w <= wp[0] || w >= wp[1], w >= ws[0] && w <= ws[1]),
            };
            if in_pass {
                prop_assert!(g >= -gpass - 1e-6, "{ftype:?} kind {kind}: pass-band gain {g} < {} at {w}", -gpass);
            }
            if in_stop {
                prop_assert!(g <= -gstop + 1e-6, "{ftype:?} kind {kind}: stop-band gain {g} > {} at {w}", -gstop);
            }
        }
    }
}

/// How far rounding of the zeros and poles alone (each stored to `f64`) can move the gain
/// at `w` rad/s, in dB: `(20/ln 10) Σ ε|v| / |jw - v|`. Near a pole of very high Q (high
/// elliptic orders put poles within 1e-8 of the jω axis) this is the attainable accuracy
/// of any computation, in SciPy as here.
fn rounding_db(f: &Zpk, w: f64) -> f64 {
    let s = Complex64::new(0.0, w);
    let sum: f64 = f.z.iter().chain(f.p.iter()).map(|&v| f64::EPSILON * v.norm() / (s - v).norm()).sum();
    20.0 / std::f64::consts::LN_10 * sum
}

/// High orders with little attenuation put the selectivity `m` within 1e-12 of 1, where
/// SciPy's prototype (which forms `1 - m` by subtraction) loses digits; this one keeps the
/// pass band exactly `rp` deep and the stop band at least `rs` down, to the accuracy the
/// `f64` pole positions allow (`rounding_db`, times a small factor for the evaluation).
#[test]
fn high_order_elliptic_prototypes_stay_exact() {
    for (n, rp, rs) in [(15, 3.0, 20.0), (20, 1.0, 30.0), (25, 3.0, 20.0), (30, 0.5, 40.0), (12, 0.01, 200.0)]
    {
        let f = ellipap(n, rp, rs).unwrap();
        assert!(f.p.iter().all(|p| p.re < 0.0), "n={n}: unstable");
        let tol = |w: f64| 1e-10 + 8.0 * rounding_db(&f, w);
        let edge = analog_db(&f, 1.0);
        assert!((edge + rp).abs() < tol(1.0), "n={n}: edge {edge}, allowed {}", tol(1.0));
        for i in 0..=2000 {
            let w = i as f64 / 2000.0;
            let g = analog_db(&f, w);
            assert!(g <= tol(w) && g >= -rp - tol(w), "n={n}: pass-band gain {g} at {w}");
        }
        let first_zero = f.z.iter().map(|z| z.im.abs()).fold(f64::INFINITY, f64::min);
        let ws = crossing(|w| analog_db(&f, w), -rs, 1.0, first_zero);
        for i in 0..=4000 {
            let w = ws * (1e4f64).powf(i as f64 / 4000.0);
            assert!(analog_db(&f, w) <= -rs + tol(w), "n={n}: stop-band gain {} at {w}", analog_db(&f, w));
        }
        assert!(ws > 1.0 && ws < first_zero, "n={n}: ws={ws}");
    }
}
