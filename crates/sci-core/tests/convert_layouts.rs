//! Zero-copy views between ndarray and faer, for every layout ndarray can produce.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use faer::Mat;
use proptest::prelude::*;
use sci_core::convert::{
    AsFaer, AsFaerCol, AsFaerColMut, AsFaerMut, AsNdarray, AsNdarrayMut, to_faer, to_ndarray,
    to_ndarray_fortran,
};
use sci_core::ndarray::{Array1, Array2, ArrayView2, ShapeBuilder, s};
use sci_core::num_complex::Complex64;

fn filled(m: usize, n: usize) -> Array2<f64> {
    Array2::from_shape_fn((m, n), |(i, j)| (100 * i + j) as f64)
}

/// The faer view must index exactly like the ndarray view and alias its memory.
fn assert_same_matrix(a: &ArrayView2<'_, f64>) {
    let m = a.as_faer();
    assert_eq!((m.nrows(), m.ncols()), a.dim());
    for i in 0..a.nrows() {
        for j in 0..a.ncols() {
            assert_eq!(m[(i, j)], a[[i, j]], "element ({i}, {j})");
            assert!(std::ptr::eq(&m[(i, j)], &a[[i, j]]), "element ({i}, {j}) was copied");
        }
    }
    // And back: the ndarray view of the faer view is the original view.
    let back = m.as_ndarray();
    assert_eq!(back, *a);
    if !a.is_empty() {
        assert!(std::ptr::eq(&back[[0, 0]], &a[[0, 0]]));
    }
}

#[test]
fn c_order() {
    let a = filled(4, 5);
    assert!(a.is_standard_layout());
    assert_same_matrix(&a.view());
}

#[test]
fn fortran_order() {
    let mut a = Array2::<f64>::zeros((4, 5).f());
    a.assign(&filled(4, 5));
    assert!(a.t().is_standard_layout());
    assert_same_matrix(&a.view());
    let m = a.as_faer();
    assert_eq!((m.row_stride(), m.col_stride()), (1, 4));
}

#[test]
fn transposed() {
    let a = filled(3, 6);
    assert_same_matrix(&a.t());
}

#[test]
fn sliced_with_steps() {
    let a = filled(9, 11);
    assert_same_matrix(&a.slice(s![1..8;3, 2..;4]));
}

#[test]
fn negative_strides_on_each_and_both_axes() {
    let a = filled(5, 7);
    assert_same_matrix(&a.slice(s![..;-1, ..]));
    assert_same_matrix(&a.slice(s![.., ..;-1]));
    assert_same_matrix(&a.slice(s![..;-2, ..;-3]));
    assert_same_matrix(&a.slice(s![..;-1, ..;-1]).t());
    let m = a.slice(s![..;-1, ..]);
    assert!(m.as_faer().row_stride() < 0);
}

#[test]
fn broadcast_zero_stride() {
    let row = Array1::from(vec![1.0, 2.0, 3.0]);
    let b = row.broadcast((4, 3)).unwrap();
    assert_eq!(b.strides(), &[0, 1]);
    let m = b.as_faer();
    assert_eq!(m[(3, 2)], 3.0);
    assert_eq!(m.row_stride(), 0);
}

#[test]
fn empty_shapes() {
    for (r, c) in [(0, 0), (0, 4), (3, 0)] {
        let a = Array2::<f64>::zeros((r, c));
        assert_same_matrix(&a.view());
        assert_same_matrix(&a.t());
        let owned = to_faer(&a);
        assert_eq!((owned.nrows(), owned.ncols()), (r, c));
        assert_eq!(to_ndarray(owned.as_ref()).dim(), (r, c));
    }
}

#[test]
fn mutable_views_write_through_for_every_layout() {
    let mut a = filled(6, 8);
    {
        let mut v = a.slice_mut(s![..;-2, 1..;3]);
        let mut m = v.as_faer_mut();
        m[(0, 0)] = -1.0; // logical (0,0) of the view = a[5, 1]
        m[(2, 1)] = -2.0; // = a[1, 4]
    }
    assert_eq!(a[[5, 1]], -1.0);
    assert_eq!(a[[1, 4]], -2.0);

    let mut f = Array2::<f64>::zeros((3, 2).f());
    f.as_faer_mut()[(2, 1)] = 7.0;
    assert_eq!(f[[2, 1]], 7.0);

    let mut t = filled(2, 3);
    t.view_mut().reversed_axes().as_faer_mut()[(2, 0)] = 9.0;
    assert_eq!(t[[0, 2]], 9.0);
}

#[test]
fn faer_to_ndarray_handles_faer_layouts() {
    let m = Mat::from_fn(4, 3, |i, j| (10 * i + j) as f64);
    let cases = [
        (m.as_ref(), "column-major"),
        (m.as_ref().reverse_rows(), "reversed rows"),
        (m.as_ref().reverse_cols(), "reversed columns"),
        (m.as_ref().reverse_rows_and_cols(), "both reversed"),
        (m.as_ref().transpose(), "transposed"),
        (m.as_ref().transpose().reverse_cols(), "transposed, reversed"),
        (m.as_ref().submatrix(1, 1, 2, 2), "submatrix"),
    ];
    for (view, name) in cases {
        let nd = view.as_ndarray();
        assert_eq!(nd.dim(), (view.nrows(), view.ncols()), "{name}");
        for i in 0..view.nrows() {
            for j in 0..view.ncols() {
                assert!(std::ptr::eq(&nd[[i, j]], &view[(i, j)]), "{name}: ({i}, {j})");
            }
        }
    }
}

#[test]
fn faer_mut_to_ndarray_mut_writes_through() {
    let mut m = Mat::<f64>::zeros(3, 4);
    {
        let mut v = m.as_mut().reverse_rows_mut();
        let mut nd = v.as_ndarray_mut();
        nd[[0, 3]] = 5.0; // = m[(2, 3)]
    }
    assert_eq!(m[(2, 3)], 5.0);
}

#[test]
fn columns_both_ways_including_reversed() {
    let x = Array1::from_shape_fn(7, |i| i as f64);
    let rev = x.slice(s![..;-2]);
    let c = rev.as_faer_col();
    assert_eq!(c.nrows(), 4);
    assert_eq!((c[0], c[3]), (6.0, 0.0));
    let back = c.as_ndarray();
    assert_eq!(back, rev);

    let mut y = Array1::<f64>::zeros(5);
    y.slice_mut(s![..;-1]).as_faer_col_mut()[0] = 3.0;
    assert_eq!(y[4], 3.0);

    let mut col = faer::Col::<f64>::zeros(3);
    col.as_mut().reverse_rows_mut().as_ndarray_mut()[0] = 1.0;
    assert_eq!(col[2], 1.0);
}

#[test]
fn owned_conversions_both_ways() {
    let a = filled(3, 4);
    let m = to_faer(&a.slice(s![..;-1, ..]));
    assert_eq!(m[(0, 0)], a[[2, 0]]);
    let back = to_ndarray(m.as_ref());
    assert!(back.is_standard_layout());
    assert_eq!(back, a.slice(s![..;-1, ..]));
    let fortran = to_ndarray_fortran(m.as_ref());
    assert!(fortran.t().is_standard_layout());
    assert_eq!(fortran, back);
}

#[test]
fn complex_elements_keep_their_layout() {
    let a = Array2::from_shape_fn((3, 2), |(i, j)| Complex64::new(i as f64, j as f64));
    let t = a.t();
    let m = t.as_faer();
    assert_eq!(m[(1, 2)], Complex64::new(2.0, 1.0));
}

/// A layout recipe applied to a base array: optional transpose, steps and reversals.
#[derive(Debug, Clone)]
struct Layout {
    rows: usize,
    cols: usize,
    fortran: bool,
    transpose: bool,
    row_step: isize,
    col_step: isize,
}

fn layout() -> impl Strategy<Value = Layout> {
    (
        0usize..7,
        0usize..7,
        any::<bool>(),
        any::<bool>(),
        prop_oneof![Just(1isize), Just(2), Just(-1), Just(-3)],
        prop_oneof![Just(1isize), Just(3), Just(-1), Just(-2)],
    )
        .prop_map(|(rows, cols, fortran, transpose, row_step, col_step)| Layout {
            rows,
            cols,
            fortran,
            transpose,
            row_step,
            col_step,
        })
}

proptest! {
    #[test]
    fn any_layout_round_trips_without_copying(l in layout()) {
        let mut base = if l.fortran { Array2::<f64>::zeros((l.rows, l.cols).f()) } else { Array2::<f64>::zeros((l.rows, l.cols)) };
        base.assign(&filled(l.rows, l.cols));
        let sliced = base.slice(s![..;l.row_step, ..;l.col_step]);
        let view = if l.transpose { sliced.reversed_axes() } else { sliced };
        assert_same_matrix(&view);
        let owned = to_ndarray(to_faer(&view).as_ref());
        prop_assert_eq!(owned, view.to_owned());
    }

    #[test]
    fn any_layout_is_writable_through_faer(l in layout(), value in -1e6f64..1e6) {
        let mut base = if l.fortran { Array2::<f64>::zeros((l.rows, l.cols).f()) } else { Array2::<f64>::zeros((l.rows, l.cols)) };
        let expected = {
            let mut copy = base.clone();
            let mut v = copy.slice_mut(s![..;l.row_step, ..;l.col_step]);
            v.fill(value);
            copy
        };
        {
            let mut v = base.slice_mut(s![..;l.row_step, ..;l.col_step]);
            let mut v = if l.transpose { v.view_mut().reversed_axes() } else { v.view_mut() };
            let mut m = v.as_faer_mut();
            for j in 0..m.ncols() {
                for i in 0..m.nrows() {
                    m[(i, j)] = value;
                }
            }
        }
        prop_assert_eq!(base, expected);
    }
}
