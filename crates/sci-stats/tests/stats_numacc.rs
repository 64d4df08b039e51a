#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! NIST StRD univariate "NumAcc" datasets: certified mean and standard deviation on data
//! designed to break one-pass formulas. The datasets are defined by a simple pattern
//! (documented by NIST), so they are rebuilt here rather than read from disk:
//! NumAcc1 = [10000001, 10000003, 10000002]; NumAcc2..4 = `c + 0.2` followed by 500 pairs
//! `c + 0.1, c + 0.3` for c = 1, 1000000, 10000000. Certified values: mean = the centre,
//! standard deviation 1 (NumAcc1) or 0.1.
//!
//! Scored by the LRE (number of correct significant digits, capped at 15). The decimal inputs
//! are not representable in binary: for NumAcc4 each value carries an input error of about
//! 1e7 · 2⁻⁵³ ≈ 1e-9, i.e. 1e-8 of the 0.1 spread, so about 8 digits of the standard
//! deviation are all that any double-precision program can certify there.

use sci_core::ndarray::Array1;
use sci_stats::{DescribeOptions, describe_with, tstd};

fn lre(computed: f64, certified: f64) -> f64 {
    if computed == certified {
        15.0
    } else {
        (-((computed - certified).abs() / certified.abs()).log10()).min(15.0)
    }
}

fn numacc(centre: f64) -> Array1<f64> {
    let mut v = vec![centre + 0.2];
    for _ in 0..500 {
        v.push(centre + 0.1);
        v.push(centre + 0.3);
    }
    Array1::from(v)
}

#[test]
fn numacc1_is_exact() {
    let x = Array1::from(vec![10000001.0, 10000003.0, 10000002.0]);
    let d = describe_with(&x, &DescribeOptions::default()).unwrap();
    assert_eq!(d.mean, 10000002.0);
    assert_eq!(d.variance.sqrt(), 1.0);
    assert_eq!(tstd(&x).unwrap(), 1.0);
}

#[test]
fn numacc2_to_4_reach_the_representable_digits() {
    // (centre, minimum LRE of the mean, minimum LRE of the standard deviation)
    for (centre, mean_lre, sd_lre) in [(1.0, 14.0, 13.0), (1_000_000.0, 14.0, 9.0), (10_000_000.0, 14.0, 8.0)]
    {
        let x = numacc(centre);
        let d = describe_with(&x, &DescribeOptions::default()).unwrap();
        let (lm, ls) = (lre(d.mean, centre + 0.2), lre(d.variance.sqrt(), 0.1));
        println!("NumAcc centre {centre:e}: mean LRE {lm:.1}, sd LRE {ls:.1}");
        assert!(lm >= mean_lre, "mean LRE {lm} for centre {centre}");
        assert!(ls >= sd_lre, "sd LRE {ls} for centre {centre}");
        // Skewness is 0 and kurtosis fixed by the pattern, whatever the offset.
        assert!(d.skewness.abs() < 1e-6, "skewness {}", d.skewness);
    }
}
