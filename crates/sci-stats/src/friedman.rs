//! The Friedman test for repeated measurements: SciPy's `friedmanchisquare`.

use sci_core::ndarray::{ArrayBase, ArrayView1, Data, Ix1};
use sci_core::{Error, Result};

use crate::common::TestResult;
use crate::descriptive::rankdata;
use crate::distributions::{Chi2, ContinuousDistribution};

fn views<S: Data<Elem = f64>>(samples: &[ArrayBase<S, Ix1>]) -> Vec<ArrayView1<'_, f64>> {
    samples.iter().map(|s| s.view()).collect()
}

fn nan_result() -> TestResult {
    TestResult { statistic: f64::NAN, pvalue: f64::NAN }
}

/// Friedman test for repeated measurements: `k ≥ 3` treatments observed on the same `n`
/// blocks, SciPy's `friedmanchisquare(*samples)`. Ranks within each block, corrects for
/// ties, `χ²(k−1)` p-value. `O(n k log k)`.
///
/// # Errors
/// [`Error::InvalidArgument`] for fewer than three treatments or treatments of different
/// lengths. NaN in the data gives NaN.
///
/// ```
/// use sci_stats::friedmanchisquare;
/// use sci_core::ndarray::array;
/// let r = friedmanchisquare(&[array![1.0, 2.0, 3.0, 4.0], array![2.0, 3.0, 4.0, 5.0], array![3.0, 4.0, 5.0, 6.0]])?;
/// assert!((r.statistic - 8.0).abs() < 1e-12);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn friedmanchisquare<S: Data<Elem = f64>>(samples: &[ArrayBase<S, Ix1>]) -> Result<TestResult> {
    let groups = views(samples);
    let k = groups.len();
    if k < 3 {
        return Err(Error::invalid_argument(
            "samples",
            format!("at least 3 sets of samples must be given, got {k}"),
        ));
    }
    let n = groups[0].len();
    if groups.iter().any(|g| g.len() != n) {
        return Err(Error::invalid_argument("samples", "unequal numbers of observations"));
    }
    if groups.iter().any(|g| g.iter().any(|v| v.is_nan())) || n == 0 {
        return Ok(nan_result());
    }
    let mut column_sums = vec![0.0; k];
    let mut ties = 0.0;
    for block in 0..n {
        let row: Vec<f64> = groups.iter().map(|g| g[block]).collect();
        let ranks = rankdata(&ArrayView1::from(&row))?;
        for (s, r) in column_sums.iter_mut().zip(ranks.iter()) {
            *s += r;
        }
        let mut sorted = row.clone();
        sorted.sort_by(f64::total_cmp);
        let mut i = 0;
        while i < k {
            let mut j = i + 1;
            while j < k && sorted[j] == sorted[i] {
                j += 1;
            }
            let t = (j - i) as f64;
            if t > 1.0 {
                ties += t * (t * t - 1.0);
            }
            i = j;
        }
    }
    let (kf, nf) = (k as f64, n as f64);
    let c = 1.0 - ties / (kf * (kf * kf - 1.0) * nf);
    let ssbn: f64 = column_sums.iter().map(|s| s * s).sum();
    let chisq = (12.0 / (kf * nf * (kf + 1.0)) * ssbn - 3.0 * nf * (kf + 1.0)) / c;
    let pvalue = Chi2::new(kf - 1.0, 0.0, 1.0)?.sf(chisq);
    Ok(TestResult { statistic: chisq, pvalue })
}
