//! Invariants of sci_signal::fft: inverse round trips, Parseval, linearity of lanes
//! (batched = one by one), on random inputs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use sci_core::ndarray::{Array1, Array2, Axis};
use sci_core::num_complex::Complex64;
use sci_signal::fft::*;

fn norm_strategy() -> impl Strategy<Value = Norm> {
    prop_oneof![Just(Norm::Backward), Just(Norm::Ortho), Just(Norm::Forward)]
}

fn dct_type_strategy() -> impl Strategy<Value = DctType> {
    prop_oneof![Just(DctType::One), Just(DctType::Two), Just(DctType::Three), Just(DctType::Four)]
}

fn signal(max: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(-10.0..10.0f64, 2..max)
}

/// Round-off bound for a transform pair: a few hundred ulps of the signal's largest value.
fn tol(x: &[f64]) -> f64 {
    1e-13 * x.iter().fold(1.0, |m: f64, v| m.max(v.abs())) * (x.len() as f64).sqrt()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn ifft_inverts_fft(re in signal(200), norm in norm_strategy()) {
        let x = Array1::from_iter(re.iter().enumerate().map(|(i, &v)| Complex64::new(v, re[re.len() - 1 - i])));
        let o = FftOptions { norm, ..Default::default() };
        let back = ifft_with(&fft_with(&x, &o).unwrap(), &o).unwrap();
        for (b, a) in back.iter().zip(&x) {
            prop_assert!((b - a).norm() <= tol(&re));
        }
    }

    #[test]
    fn irfft_inverts_rfft(re in signal(200), norm in norm_strategy()) {
        let x = Array1::from(re.clone());
        let o = FftOptions { norm, ..Default::default() };
        let y = rfft_with(&x, &o).unwrap();
        let back = irfft_with(&y, &FftOptions { n: Some(x.len()), ..o.clone() }).unwrap();
        for (b, a) in back.iter().zip(&x) {
            prop_assert!((b - a).abs() <= tol(&re));
        }
        // rfft is the first half of fft of the same signal
        let full = fft_with(&x, &o).unwrap();
        for (h, f) in y.iter().zip(&full) {
            prop_assert!((h - f).norm() <= tol(&re) * x.len() as f64);
        }
    }

    #[test]
    fn hfft_inverts_ihfft(re in signal(100), norm in norm_strategy()) {
        let x = Array1::from(re.clone());
        let o = FftOptions { norm, ..Default::default() };
        let back = hfft_with(&ihfft_with(&x, &o).unwrap(), &FftOptions { n: Some(x.len()), ..o.clone() }).unwrap();
        for (b, a) in back.iter().zip(&x) {
            prop_assert!((b - a).abs() <= tol(&re));
        }
    }

    #[test]
    fn parseval_holds_for_ortho(re in signal(300)) {
        let x = Array1::from(re.clone());
        let y = fft_with(&x, &FftOptions { norm: Norm::Ortho, ..Default::default() }).unwrap();
        let ex: f64 = x.iter().map(|v| v * v).sum();
        let ey: f64 = y.iter().map(|v| v.norm_sqr()).sum();
        prop_assert!((ex - ey).abs() <= 1e-12 * ex.max(1.0));
        // and for the orthonormal DCT-II
        let c = dct_with(&x, &DctOptions { norm: Norm::Ortho, ..Default::default() }).unwrap();
        let ec: f64 = c.iter().map(|v| v * v).sum();
        prop_assert!((ex - ec).abs() <= 1e-12 * ex.max(1.0));
    }

    #[test]
    fn idct_and_idst_invert(re in signal(60), t in dct_type_strategy(), norm in norm_strategy()) {
        let x = Array1::from(re.clone());
        let o = DctOptions { dct_type: t, norm, ..Default::default() };
        let back = idct_with(&dct_with(&x, &o).unwrap(), &o).unwrap();
        let back_s = idst_with(&dst_with(&x, &o).unwrap(), &o).unwrap();
        for ((b, s), a) in back.iter().zip(&back_s).zip(&x) {
            prop_assert!((b - a).abs() <= 10.0 * tol(&re));
            prop_assert!((s - a).abs() <= 10.0 * tol(&re));
        }
    }

    #[test]
    fn irfftn_inverts_rfftn(rows in 1usize..12, cols in 2usize..12, seed in 0u64..1000) {
        let x = Array2::from_shape_fn((rows, cols), |(i, j)| ((i * 31 + j * 17) as f64 + seed as f64).sin());
        let y = rfftn(&x).unwrap();
        let back = irfftn_with(&y, &FftnOptions { s: Some(vec![rows, cols]), ..Default::default() }).unwrap();
        for (b, a) in back.iter().zip(&x) {
            prop_assert!((b - a).abs() <= 1e-13);
        }
    }
}

/// Batches large enough for the parallel, blocked code path give exactly the lane-by-lane
/// results (every lane goes through the same plan).
#[test]
fn batched_axes_equal_lane_by_lane() {
    let (m, n) = (300, 257);
    let x = Array2::from_shape_fn((m, n), |(i, j)| {
        Complex64::new((i as f64 * 0.37).sin(), (j as f64 * 0.11).cos())
    });
    for axis in [0usize, 1] {
        let y = fft_with(&x, &FftOptions { axis: axis as isize, ..Default::default() }).unwrap();
        for (lane_in, lane_out) in x.lanes(Axis(axis)).into_iter().zip(y.lanes(Axis(axis))) {
            let one = fft(&lane_in).unwrap();
            assert_eq!(one, lane_out.to_owned(), "axis {axis}");
        }
        let r =
            rfft_with(&x.mapv(|z| z.re), &FftOptions { axis: axis as isize, ..Default::default() }).unwrap();
        for (lane_in, lane_out) in x.lanes(Axis(axis)).into_iter().zip(r.lanes(Axis(axis))) {
            assert_eq!(rfft(&lane_in.mapv(|z| z.re)).unwrap(), lane_out.to_owned(), "rfft axis {axis}");
        }
    }
}
