//! Invariants of filtering and design on random inputs: the sections form and the
//! transfer-function form filter identically, `zi`-chunked filtering equals one pass,
//! filtfilt has zero phase (it commutes with time reversal), designed filters have unit
//! gain where they should, and sos2tf inverts zpk2sos.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use sci_core::ndarray::{Array1, s};
use sci_signal::*;

fn band() -> impl Strategy<Value = (BandType, Vec<f64>)> {
    prop_oneof![
        (0.05..0.9f64).prop_map(|w| (BandType::Lowpass, vec![w])),
        (0.05..0.9f64).prop_map(|w| (BandType::Highpass, vec![w])),
        (0.05..0.45f64, 0.05..0.45f64).prop_map(|(a, d)| (BandType::Bandpass, vec![a, a + d])),
        (0.05..0.45f64, 0.05..0.45f64).prop_map(|(a, d)| (BandType::Bandstop, vec![a, a + d])),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn sos_and_ba_forms_filter_alike(order in 1usize..5, (btype, wn) in band(),
                                     x in prop::collection::vec(-1.0..1.0f64, 1..200)) {
        let o = IirOptions { btype, ..Default::default() };
        let ba = butter_with(order, &wn, &o).unwrap();
        let sos = butter_sos(order, &wn, &o).unwrap();
        let x = Array1::from(x);
        let y1 = lfilter(&ba.b, &ba.a, &x).unwrap();
        let y2 = sosfilt(&sos, &x).unwrap();
        // Low orders: the direct form is well conditioned enough to agree to 1e-8.
        prop_assert!(y1.iter().zip(&y2).all(|(a, b)| (a - b).abs() < 1e-8), "{y1} vs {y2}");
        let back = sos2tf(&sos).unwrap();
        let scale = ba.a.iter().fold(1.0f64, |m, v| m.max(v.abs()));
        prop_assert!(back.a.iter().zip(&ba.a).all(|(p, q)| (p - q).abs() < 1e-10 * scale));
    }

    #[test]
    fn chunked_filtering_with_state_equals_one_pass(split in 0usize..100, x in prop::collection::vec(-1.0..1.0f64, 100)) {
        let ba = butter(3, 0.2).unwrap();
        let x = Array1::from(x);
        let whole = lfilter(&ba.b, &ba.a, &x).unwrap();
        let zi = Array1::<f64>::zeros(3);
        let o = FilterOptions::default();
        let first = lfilter_with_zi(&ba.b, &ba.a, &x.slice(s![..split]), &zi, &o).unwrap();
        let second = lfilter_with_zi(&ba.b, &ba.a, &x.slice(s![split..]), &first.zf, &o).unwrap();
        let joined: Vec<f64> = first.y.iter().chain(second.y.iter()).copied().collect();
        prop_assert!(joined.iter().zip(&whole).all(|(a, b)| (a - b).abs() < 1e-13));
        let sos = butter_sos(3, &[0.2], &IirOptions::default()).unwrap();
        let zs = sci_core::ndarray::Array2::<f64>::zeros((2, 2));
        let a = sosfilt_with_zi(&sos, &x.slice(s![..split]), &zs).unwrap();
        let b = sosfilt_with_zi(&sos, &x.slice(s![split..]), &a.zf).unwrap();
        let whole = sosfilt(&sos, &x).unwrap();
        let joined: Vec<f64> = a.y.iter().chain(b.y.iter()).copied().collect();
        prop_assert!(joined.iter().zip(&whole).all(|(p, q)| (p - q).abs() < 1e-13));
    }

    #[test]
    fn filtfilt_commutes_with_time_reversal(x in prop::collection::vec(-1.0..1.0f64, 40..120)) {
        let ba = butter(2, 0.3).unwrap();
        let sos = butter_sos(2, &[0.3], &IirOptions::default()).unwrap();
        let x = Array1::from(x);
        let rev = x.slice(s![..;-1]).to_owned();
        for padtype in [PadType::Odd, PadType::Even, PadType::Constant] {
            let o = FiltfiltOptions { padtype, ..Default::default() };
            let y = filtfilt_with(&ba.b, &ba.a, &x, &o).unwrap();
            let yr = filtfilt_with(&ba.b, &ba.a, &rev, &o).unwrap();
            // Forward-backward filtering is symmetric in time up to the start-up states.
            let mid = y.len() / 2;
            prop_assert!((y[mid] - yr[y.len() - 1 - mid]).abs() < 1e-6);
            let ys = sosfiltfilt_with(&sos, &x, &o).unwrap();
            prop_assert!(y.iter().zip(&ys).all(|(a, b)| (a - b).abs() < 1e-9));
        }
    }

    #[test]
    fn designed_filters_have_the_right_gains(order in 1usize..9, w in 0.05..0.9f64) {
        let lp = butter_sos(order, &[w], &IirOptions::default()).unwrap();
        let r = sosfreqz(&lp, &FreqzOptions { wor_n: 64, ..Default::default() }).unwrap();
        prop_assert!((r.h[0].norm() - 1.0).abs() < 1e-10); // unit DC gain
        // -3 dB at the cutoff
        let ba = butter(order, w).unwrap();
        let zinv = sci_core::num_complex::Complex64::from_polar(1.0, -std::f64::consts::PI * w);
        let eval = |c: &Array1<f64>| c.iter().rev().fold(sci_core::num_complex::Complex64::new(0.0, 0.0), |acc, &v| acc * zinv + v);
        let g = (eval(&ba.b) / eval(&ba.a)).norm();
        prop_assert!((g - std::f64::consts::FRAC_1_SQRT_2).abs() < 1e-8);
        let c1 = cheby1_sos(order, 1.0, &[w], &IirOptions::default()).unwrap();
        let r1 = sosfreqz(&c1, &FreqzOptions { wor_n: 256, ..Default::default() }).unwrap();
        // Chebyshev I: pass-band gain within [10^(-rp/20), 1]
        let lo = 10f64.powf(-1.0 / 20.0) - 1e-9;
        for (f, h) in r1.w.iter().zip(&r1.h) {
            if *f < std::f64::consts::PI * w * 0.99 {
                prop_assert!(h.norm() <= 1.0 + 1e-9 && h.norm() >= lo);
            }
        }
    }
}
