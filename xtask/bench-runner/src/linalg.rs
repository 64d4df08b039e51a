//! linalg workloads; names and inputs match `linalg_workloads` in `xtask/bench/scipy_bench.py`.

use sci::linalg;

use crate::Workload;
use crate::splitmix::{matrix, spd};

pub(crate) fn workloads() -> Vec<Workload> {
    vec![
        Workload {
            name: "linalg/matmul_2000x2000",
            setup: || {
                let (a, b) = (matrix(1, 2000, 2000), matrix(2, 2000, 2000));
                Box::new(move || linalg::matmul(&a, &b).map(drop))
            },
        },
        Workload {
            name: "linalg/solve_2000x2000",
            setup: || {
                let a = matrix(3, 2000, 2000);
                let b = matrix(4, 2000, 1).column(0).to_owned();
                Box::new(move || linalg::solve(&a, &b).map(drop))
            },
        },
        Workload {
            name: "linalg/inv_1000x1000",
            setup: || {
                let a = matrix(5, 1000, 1000);
                Box::new(move || linalg::inv(&a).map(drop))
            },
        },
        Workload {
            name: "linalg/det_1000x1000",
            setup: || {
                let a = matrix(6, 1000, 1000);
                Box::new(move || linalg::det(&a).map(drop))
            },
        },
        Workload {
            name: "linalg/cholesky_2000x2000",
            setup: || match spd(7, 2000) {
                Ok(a) => Box::new(move || linalg::cholesky(&a).map(drop)),
                Err(e) => Box::new(move || Err(sci::Error::invalid_argument("setup", e.to_string()))),
            },
        },
        Workload {
            name: "linalg/svd_1000x1000_thin",
            setup: || {
                let a = matrix(8, 1000, 1000);
                let opts = linalg::SvdOptions { full_matrices: false, ..Default::default() };
                Box::new(move || linalg::svd_with(&a, &opts).map(drop))
            },
        },
        Workload {
            name: "linalg/svd_2000x200_thin",
            setup: || {
                let a = matrix(9, 2000, 200);
                let opts = linalg::SvdOptions { full_matrices: false, ..Default::default() };
                Box::new(move || linalg::svd_with(&a, &opts).map(drop))
            },
        },
        Workload {
            name: "linalg/eigh_1000x1000_vectors",
            setup: || match spd(10, 1000) {
                Ok(a) => Box::new(move || linalg::eigh(&a).map(drop)),
                Err(e) => Box::new(move || Err(sci::Error::invalid_argument("setup", e.to_string()))),
            },
        },
        Workload {
            name: "linalg/pinv_1000x500",
            setup: || {
                let a = matrix(11, 1000, 500);
                Box::new(move || linalg::pinv(&a).map(drop))
            },
        },
        Workload {
            name: "linalg/lstsq_2000x200",
            setup: || {
                let a = matrix(12, 2000, 200);
                let b = matrix(13, 2000, 1).column(0).to_owned();
                Box::new(move || linalg::lstsq(&a, &b).map(drop))
            },
        },
        Workload {
            name: "linalg/qr_1000x1000",
            setup: || {
                let a = matrix(14, 1000, 1000);
                Box::new(move || linalg::qr(&a).map(drop))
            },
        },
        Workload {
            name: "linalg/eig_500x500_vectors",
            setup: || {
                let a = matrix(15, 500, 500);
                Box::new(move || linalg::eig(&a).map(drop))
            },
        },
    ]
}
