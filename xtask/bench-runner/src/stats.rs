//! The sci half of the `stats` workloads (same names and inputs as `xtask/bench/scipy_stats.py`).

use sci::ndarray::Array1;
use sci::stats::rand::SeedableRng;
use sci::stats::{self, ContinuousDistribution, Norm, StudentT};

use crate::Workload;
use crate::splitmix::uniform;

/// `n` values `a * uniform(seed, i) + b`, as `a * uniform(seed, n) + b` in Python.
fn affine(seed: u64, n: usize, a: f64, b: f64) -> Array1<f64> {
    Array1::from_shape_fn(n, |i| a * uniform(seed, i as u64) + b)
}

/// `x = 2u − 1` from stream `seed` and `y = x + 2u' − 1` from stream `seed + 1`.
fn correlated(seed: u64, n: usize) -> (Array1<f64>, Array1<f64>) {
    let x = affine(seed, n, 2.0, -1.0);
    let noise = affine(seed + 1, n, 2.0, -1.0);
    let y = &x + &noise;
    (x, y)
}

pub(crate) fn workloads() -> Vec<Workload> {
    vec![
        Workload {
            name: "stats/describe_1e6",
            setup: || {
                let x = affine(101, 1_000_000, 2.0, -1.0);
                Box::new(move || stats::describe(&x).map(drop))
            },
        },
        Workload {
            name: "stats/norm_rvs_1e7",
            setup: || {
                Box::new(move || {
                    let mut rng = stats::rand::rngs::StdRng::seed_from_u64(1);
                    std::hint::black_box(Norm::standard().rvs(10_000_000, &mut rng));
                    Ok(())
                })
            },
        },
        Workload {
            name: "stats/norm_cdf_1e6",
            setup: || {
                let x = affine(102, 1_000_000, 8.0, -4.0);
                Box::new(move || {
                    std::hint::black_box(Norm::standard().cdf_array(&x));
                    Ok(())
                })
            },
        },
        Workload {
            name: "stats/norm_ppf_1e6",
            setup: || {
                let q = affine(103, 1_000_000, 1.0, 0.0);
                Box::new(move || {
                    std::hint::black_box(Norm::standard().ppf_array(&q));
                    Ok(())
                })
            },
        },
        Workload {
            name: "stats/t_sf_1e6",
            setup: || {
                let x = affine(104, 1_000_000, 10.0, -5.0);
                match StudentT::new(5.0, 0.0, 1.0) {
                    Ok(t) => Box::new(move || {
                        std::hint::black_box(t.sf_array(&x));
                        Ok(())
                    }),
                    Err(e) => Box::new(move || Err(sci::Error::invalid_argument("setup", e.to_string()))),
                }
            },
        },
        Workload {
            name: "stats/ttest_ind_1e6",
            setup: || {
                let a = affine(105, 1_000_000, 2.0, -1.0);
                let b = affine(106, 1_000_000, 2.0, -0.99);
                Box::new(move || stats::ttest_ind(&a, &b).map(drop))
            },
        },
        Workload {
            name: "stats/pearsonr_1e6",
            setup: || {
                let (x, y) = correlated(107, 1_000_000);
                Box::new(move || stats::pearsonr(&x, &y).map(drop))
            },
        },
        Workload {
            name: "stats/spearmanr_1e6",
            setup: || {
                let (x, y) = correlated(109, 1_000_000);
                Box::new(move || stats::spearmanr(&x, &y).map(drop))
            },
        },
        Workload {
            name: "stats/mannwhitneyu_1e5",
            setup: || {
                let x = affine(111, 100_000, 1.0, 0.0);
                let y = affine(112, 100_000, 1.0, 0.01);
                Box::new(move || stats::mannwhitneyu(&x, &y).map(drop))
            },
        },
        Workload {
            name: "stats/ks_2samp_1e5_auto",
            setup: || {
                let x = affine(113, 100_000, 1.0, 0.0);
                let y = affine(114, 100_000, 1.0, 0.002);
                Box::new(move || stats::ks_2samp(&x, &y).map(drop))
            },
        },
        Workload {
            name: "stats/ks_2samp_1e6_asymp",
            setup: || {
                let x = affine(115, 1_000_000, 1.0, 0.0);
                let y = affine(116, 1_000_000, 1.0, 0.001);
                let o = stats::KstestOptions { method: stats::KsMethod::Asymp, ..Default::default() };
                Box::new(move || stats::ks_2samp_with(&x, &y, &o).map(drop))
            },
        },
        Workload {
            name: "stats/gaussian_kde_1e4x1e4",
            setup: || {
                let data = affine(131, 10_000, 4.0, -2.0);
                let pts = affine(132, 10_000, 8.0, -4.0);
                Box::new(move || {
                    std::hint::black_box(stats::gaussian_kde(&data)?.evaluate(&pts)?);
                    Ok(())
                })
            },
        },
    ]
}
