//! PCA through the SVD: reduce a 100×10 feature matrix to its 2 principal components.
//!
//! `cargo run --release --example pca_svd`
//!
//! The same steps in SciPy: `xc = x - x.mean(0)`, `u, s, vh = scipy.linalg.svd(xc,
//! full_matrices=False)`, scores `xc @ vh[:2].T`, explained variance `s**2 / (n - 1)`.

use sci::linalg::{SvdOptions, svd_with};
use sci::prelude::*;

fn main() -> sci::Result<()> {
    // 100 samples of 10 features that really live near a 2-D plane, plus a little noise:
    // x = z · W + noise with latent z (100×2) and loadings W (2×10).
    let (n, d) = (100, 10);
    let latent =
        Array2::from_shape_fn((n, 2), |(i, k)| ((i * (k + 3)) as f64 * 0.37).sin() * (3.0 - k as f64));
    let loadings = Array2::from_shape_fn((2, d), |(k, j)| ((k * d + j) as f64 * 0.91).cos());
    let noise = Array2::from_shape_fn((n, d), |(i, j)| ((i * d + j) as f64 * 12.9898).sin() * 0.05);
    let x = sci::linalg::matmul(&latent, &loadings)? + noise;

    // Center the features; PCA is the SVD of the centered matrix.
    let mean = x.mean_axis(Axis(0)).ok_or_else(|| Error::empty("x"))?;
    let xc = &x - &mean;
    let f = svd_with(&xc, &SvdOptions { full_matrices: false, ..Default::default() })?;

    let variance = f.s.mapv(|s| s * s / (n as f64 - 1.0));
    let total: f64 = variance.sum();
    println!("explained variance ratio per component:");
    for (i, v) in variance.iter().enumerate() {
        println!("  PC{:<2} {:6.2}%", i + 1, 100.0 * v / total);
    }

    // Project onto the first two principal directions (rows of Vᴴ).
    let components = f.vh.slice(s![..2, ..]).to_owned();
    let scores = sci::linalg::matmul(&xc, &components.t())?;
    println!("\nscores: {} samples × {} components; first three rows:", scores.nrows(), scores.ncols());
    for row in scores.rows().into_iter().take(3) {
        println!("  [{:9.4}, {:9.4}]", row[0], row[1]);
    }

    let kept = (variance[0] + variance[1]) / total;
    println!("\n2 components keep {:.2}% of the variance", 100.0 * kept);
    if kept < 0.95 {
        return Err(Error::invalid_argument("x", "the synthetic data should be nearly 2-dimensional"));
    }
    Ok(())
}
