//! 0×0 inputs give what SciPy 1.17.1 gives for them (observed with `np.empty((0, 0))`):
//! empty factors and solutions, `det = 1`, `slogdet = (1, 0)`, `norm = 0`, `rank = 0`.
//! Where SciPy raises on 0×0 by accident of implementation (`logm`: "argmax of an empty
//! sequence", `funm`: IndexError) we return the empty result, and `cond` of an empty
//! matrix is an error in both.
#![allow(clippy::unwrap_used, clippy::panic)]

use sci_core::Error;
use sci_core::ndarray::{Array1, Array2};
use sci_core::num_complex::Complex64;
use sci_linalg::*;

fn empty() -> Array2<f64> {
    Array2::zeros((0, 0))
}

#[test]
fn decompositions_of_an_empty_matrix_are_empty() {
    let a = empty();
    let s = svd(&a).unwrap();
    assert_eq!((s.u.dim(), s.s.len(), s.vh.dim()), ((0, 0), 0, (0, 0)));
    assert_eq!(svdvals(&a).unwrap().len(), 0);
    let f = lu(&a).unwrap();
    assert_eq!((f.p.dim(), f.l.dim(), f.u.dim()), ((0, 0), (0, 0), (0, 0)));
    let f = lu_factor(&a).unwrap();
    assert_eq!((f.lu.dim(), f.piv.len()), ((0, 0), 0));
    assert_eq!(cholesky(&a).unwrap().dim(), (0, 0));
    let e = eigh(&a).unwrap();
    assert_eq!((e.w.len(), e.v.dim()), (0, (0, 0)));
    assert_eq!(eigvalsh(&a).unwrap().len(), 0);
    let e = eig(&a).unwrap();
    assert_eq!((e.w.len(), e.vr.unwrap().dim()), (0, (0, 0)));
    assert_eq!(eigvals(&a).unwrap().len(), 0);
    let q = qr(&a).unwrap();
    assert_eq!((q.q.dim(), q.r.dim()), ((0, 0), (0, 0)));
    let s = schur(&a).unwrap();
    assert_eq!((s.t.dim(), s.z.dim()), ((0, 0), (0, 0)));
    assert_eq!(hessenberg(&a).unwrap().h.dim(), (0, 0));
    let f = ldl(&a).unwrap();
    assert_eq!((f.lu.dim(), f.d.dim(), f.perm.len()), ((0, 0), (0, 0), 0));
    let p = polar(&a, PolarSide::Right).unwrap();
    assert_eq!((p.u.dim(), p.p.dim()), ((0, 0), (0, 0)));
}

#[test]
fn solvers_and_scalars_of_an_empty_matrix() {
    let a = empty();
    let b = Array1::<f64>::zeros(0);
    assert_eq!(det(&a).unwrap(), 1.0);
    let s = slogdet(&a).unwrap();
    assert_eq!((s.sign, s.logabsdet), (1.0, 0.0));
    assert_eq!(inv(&a).unwrap().dim(), (0, 0));
    assert_eq!(solve(&a, &b).unwrap().len(), 0);
    assert_eq!(solve_triangular(&a, &b).unwrap().len(), 0);
    let l = lstsq(&a, &b).unwrap();
    assert_eq!((l.x.len(), l.rank, l.s.len()), (0, 0, 0));
    assert_eq!(pinv(&a).unwrap().dim(), (0, 0));
    assert_eq!(norm(&a), 0.0);
    assert_eq!(matrix_rank(&a, None).unwrap(), 0);
    assert_eq!(null_space(&a, None).unwrap().dim(), (0, 0));
    assert_eq!(orth(&a, None).unwrap().dim(), (0, 0));
    assert!(matches!(cond(&a, MatrixNorm::Two), Err(Error::Empty { .. })));
}

#[test]
fn matrix_functions_of_an_empty_matrix_are_empty() {
    let a = empty();
    assert_eq!(expm(&a).unwrap().dim(), (0, 0));
    assert_eq!(sqrtm(&a).unwrap().dim(), (0, 0));
    assert_eq!(logm(&a).unwrap().dim(), (0, 0));
    assert_eq!(funm(&a, |z: Complex64| z.exp()).unwrap().f.dim(), (0, 0));
}
