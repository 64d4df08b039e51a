//! Invariants of the convolutions on random inputs: direct and FFT methods agree (the
//! convolution theorem), overlap-add agrees with both, convolution commutes, and
//! correlation is convolution with the reversed conjugate.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use sci_core::ndarray::{Array1, Array2};
use sci_signal::*;

fn mode_strategy() -> impl Strategy<Value = Mode> {
    prop_oneof![Just(Mode::Full), Just(Mode::Same), Just(Mode::Valid)]
}

fn close(a: &[f64], b: &[f64], scale: f64) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= 1e-11 * scale)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn fft_direct_and_overlap_add_agree(
        x in prop::collection::vec(-1.0..1.0f64, 1..400),
        h in prop::collection::vec(-1.0..1.0f64, 1..40),
        mode in mode_strategy(),
    ) {
        let (x, h) = (Array1::from(x), Array1::from(h));
        let direct = convolve_with(&x, &h, &ConvolveOptions { mode, method: Method::Direct }).unwrap();
        let by_fft = convolve_with(&x, &h, &ConvolveOptions { mode, method: Method::Fft }).unwrap();
        let oa = oaconvolve_with(&x, &h, &FftConvolveOptions { mode }).unwrap();
        let scale = h.len() as f64;
        prop_assert!(close(direct.as_slice().unwrap(), by_fft.as_slice().unwrap(), scale));
        prop_assert!(close(direct.as_slice().unwrap(), oa.as_slice().unwrap(), scale));
    }

    #[test]
    fn full_convolution_commutes_and_correlation_is_reversed_convolution(
        x in prop::collection::vec(-1.0..1.0f64, 1..60),
        h in prop::collection::vec(-1.0..1.0f64, 1..60),
    ) {
        let (x, h) = (Array1::from(x), Array1::from(h));
        let xh = convolve(&x, &h).unwrap();
        let hx = convolve(&h, &x).unwrap();
        prop_assert!(close(xh.as_slice().unwrap(), hx.as_slice().unwrap(), 60.0));
        let rev = h.slice(sci_core::ndarray::s![..;-1]).to_owned();
        let c = correlate(&x, &h).unwrap();
        let via = convolve(&x, &rev).unwrap();
        prop_assert!(close(c.as_slice().unwrap(), via.as_slice().unwrap(), 60.0));
    }

    #[test]
    fn two_d_direct_matches_fft(r in 1usize..12, c in 1usize..12, kr in 1usize..5, kc in 1usize..5, seed in 0u64..100) {
        let a = Array2::from_shape_fn((r, c), |(i, j)| ((i * 7 + j * 3) as f64 + seed as f64).sin());
        let k = Array2::from_shape_fn((kr, kc), |(i, j)| ((i + 2 * j) as f64 - seed as f64).cos());
        let d = convolve2d(&a, &k).unwrap();
        let f = fftconvolve(&a, &k).unwrap();
        prop_assert!(d.iter().zip(&f).all(|(x, y)| (x - y).abs() <= 1e-11 * 20.0));
    }
}
