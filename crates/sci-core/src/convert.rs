//! Zero-copy views between ndarray and faer, and owned conversions both ways.
//!
//! ndarray is sci's public currency; faer does the dense linear algebra. These adapters let
//! a function take any ndarray the user holds — C order, Fortran order, transposed, sliced
//! with steps, reversed (negative strides), broadcast — and hand faer a view of the *same*
//! memory, with no copy. faer stores strides as signed integers, so every layout maps
//! directly. The reverse direction turns a faer view into an ndarray view; ndarray's raw
//! constructors only accept non-negative strides, so a reversed faer axis is rebuilt from its
//! lowest address and then flipped with [`ndarray::ArrayBase::invert_axis`].
//!
//! | from | to | cost |
//! |------|----|------|
//! | `&ArrayBase<S, Ix2>` | [`faer::MatRef`] via [`AsFaer::as_faer`] | O(1) |
//! | `&mut ArrayBase<S, Ix2>` | [`faer::MatMut`] via [`AsFaerMut::as_faer_mut`] | O(1) |
//! | `&ArrayBase<S, Ix1>` | [`faer::ColRef`] via [`AsFaerCol::as_faer_col`] | O(1) |
//! | [`faer::MatRef`] | `ArrayView2` via [`AsNdarray::as_ndarray`] | O(1) |
//! | [`faer::MatMut`] | `ArrayViewMut2` via [`AsNdarrayMut::as_ndarray_mut`] | O(1) |
//! | [`faer::ColRef`] | `ArrayView1` via [`AsNdarray::as_ndarray`] | O(1) |
//! | `&ArrayBase<S, Ix2>` | [`faer::Mat`] via [`to_faer`] | one copy |
//! | [`faer::MatRef`] | `Array2` (C order) via [`to_ndarray`] | one copy |

use faer::{ColMut, ColRef, Mat, MatMut, MatRef};
use ndarray::{
    Array2, ArrayBase, ArrayView1, ArrayView2, ArrayViewMut1, ArrayViewMut2, Axis, Data, DataMut, Ix1, Ix2,
    ShapeBuilder,
};

/// Borrow a 2-D ndarray as a faer [`MatRef`] without copying.
///
/// ```
/// use sci_core::{convert::AsFaer, ndarray::array};
/// let a = array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]];
/// let t = a.t(); // a transposed view: strides swapped, no copy
/// let m = t.as_faer();
/// assert_eq!((m.nrows(), m.ncols()), (3, 2));
/// assert_eq!(m[(2, 1)], 6.0);
/// ```
pub trait AsFaer<T> {
    /// A faer view of the same memory with the same logical indexing.
    fn as_faer(&self) -> MatRef<'_, T>;
}

/// Borrow a 2-D ndarray mutably as a faer [`MatMut`] without copying.
///
/// ```
/// use sci_core::{convert::AsFaerMut, ndarray::Array2};
/// let mut a = Array2::<f64>::zeros((2, 2));
/// a.as_faer_mut()[(0, 1)] = 7.0;
/// assert_eq!(a[[0, 1]], 7.0);
/// ```
pub trait AsFaerMut<T> {
    /// A mutable faer view of the same memory with the same logical indexing.
    fn as_faer_mut(&mut self) -> MatMut<'_, T>;
}

/// Borrow a 1-D ndarray as a faer column vector without copying.
///
/// ```
/// use sci_core::{convert::AsFaerCol, ndarray::{array, s}};
/// let x = array![1.0, 2.0, 3.0, 4.0];
/// let every_other_reversed = x.slice(s![..;-2]);
/// let col = every_other_reversed.as_faer_col();
/// assert_eq!((col[0], col[1]), (4.0, 2.0));
/// ```
pub trait AsFaerCol<T> {
    /// A faer column view of the same memory.
    fn as_faer_col(&self) -> ColRef<'_, T>;
}

/// Borrow a 1-D ndarray mutably as a faer column vector without copying.
///
/// ```
/// use sci_core::{convert::AsFaerColMut, ndarray::array};
/// let mut x = array![1.0, 2.0];
/// x.as_faer_col_mut()[1] = 5.0;
/// assert_eq!(x[1], 5.0);
/// ```
pub trait AsFaerColMut<T> {
    /// A mutable faer column view of the same memory.
    fn as_faer_col_mut(&mut self) -> ColMut<'_, T>;
}

/// Borrow a faer matrix or column as an ndarray view without copying.
///
/// ```
/// use sci_core::convert::AsNdarray;
/// let m = faer::mat![[1.0, 2.0], [3.0, 4.0]];
/// let v = m.as_ref().as_ndarray();
/// assert_eq!(v[[1, 0]], 3.0);
/// let reversed = m.as_ref().reverse_rows();
/// assert_eq!(reversed.as_ndarray()[[0, 0]], 3.0);
/// ```
pub trait AsNdarray {
    /// The ndarray view type produced.
    type View;
    /// An ndarray view of the same memory with the same logical indexing.
    fn as_ndarray(&self) -> Self::View;
}

/// Borrow a faer mutable matrix or column as a mutable ndarray view without copying.
///
/// ```
/// use sci_core::convert::AsNdarrayMut;
/// let mut m = faer::Mat::<f64>::zeros(2, 3);
/// m.as_mut().as_ndarray_mut()[[1, 2]] = 9.0;
/// assert_eq!(m[(1, 2)], 9.0);
/// ```
pub trait AsNdarrayMut {
    /// The mutable ndarray view type produced.
    type ViewMut;
    /// A mutable ndarray view of the same memory.
    fn as_ndarray_mut(&mut self) -> Self::ViewMut;
}

impl<T, S> AsFaer<T> for ArrayBase<S, Ix2>
where
    S: Data<Elem = T>,
{
    #[inline]
    fn as_faer(&self) -> MatRef<'_, T> {
        let (m, n) = self.dim();
        let st = self.strides();
        // SAFETY: ndarray guarantees that for every in-bounds index (i, j) the address
        // `ptr + i*st[0] + j*st[1]` lies inside the borrowed allocation (strides may be
        // negative, zero for broadcast axes, or arbitrary for empty axes — faer accepts
        // signed strides and never dereferences an empty matrix). The borrow of `self`
        // outlives the returned view, and `MatRef` only reads.
        unsafe { MatRef::from_raw_parts(self.as_ptr(), m, n, st[0], st[1]) }
    }
}

impl<T, S> AsFaerMut<T> for ArrayBase<S, Ix2>
where
    S: DataMut<Elem = T>,
{
    #[inline]
    fn as_faer_mut(&mut self) -> MatMut<'_, T> {
        let (m, n) = self.dim();
        let (rs, cs) = (self.strides()[0], self.strides()[1]);
        // SAFETY: as in `as_faer`, plus: `as_mut_ptr` un-shares the data (copy-on-write
        // storage) and a `DataMut` array never aliases two in-bounds indices, so the
        // exclusive borrow of `self` makes the mutable view unique for its lifetime.
        unsafe { MatMut::from_raw_parts_mut(self.as_mut_ptr(), m, n, rs, cs) }
    }
}

impl<T, S> AsFaerCol<T> for ArrayBase<S, Ix1>
where
    S: Data<Elem = T>,
{
    #[inline]
    fn as_faer_col(&self) -> ColRef<'_, T> {
        // SAFETY: same reasoning as `AsFaer::as_faer`, for one axis.
        unsafe { ColRef::from_raw_parts(self.as_ptr(), self.len(), self.strides()[0]) }
    }
}

impl<T, S> AsFaerColMut<T> for ArrayBase<S, Ix1>
where
    S: DataMut<Elem = T>,
{
    #[inline]
    fn as_faer_col_mut(&mut self) -> ColMut<'_, T> {
        let (n, st) = (self.len(), self.strides()[0]);
        // SAFETY: same reasoning as `AsFaerMut::as_faer_mut`, for one axis.
        unsafe { ColMut::from_raw_parts_mut(self.as_mut_ptr(), n, st) }
    }
}

/// For one axis of length `len` and signed stride `stride`: the offset (in elements) from the
/// logical first element to the lowest address, the non-negative stride to use from there,
/// and whether the axis must be inverted afterwards.
#[inline]
fn normalize_axis_stride(len: usize, stride: isize) -> (isize, usize, bool) {
    if len <= 1 {
        // The stride of an axis with at most one element is never used to move.
        (0, 0, false)
    } else if stride < 0 {
        (stride * (len as isize - 1), stride.unsigned_abs(), true)
    } else {
        (0, stride as usize, false)
    }
}

impl<'a, T> AsNdarray for MatRef<'a, T> {
    type View = ArrayView2<'a, T>;

    fn as_ndarray(&self) -> ArrayView2<'a, T> {
        let (m, n) = (self.nrows(), self.ncols());
        let (r_off, rs, r_flip) = normalize_axis_stride(m, self.row_stride());
        let (c_off, cs, c_flip) = normalize_axis_stride(n, self.col_stride());
        // SAFETY: faer guarantees every in-bounds element of the view is readable for 'a.
        // Starting from the lowest-addressed element (offsets computed above from in-bounds
        // indices only, and skipped for empty matrices) with non-negative strides addresses
        // exactly the same set of elements, which is what `from_shape_ptr` requires.
        let mut view = unsafe {
            let ptr = if m == 0 || n == 0 { self.as_ptr() } else { self.as_ptr().offset(r_off + c_off) };
            ArrayView2::from_shape_ptr((m, n).strides((rs, cs)), ptr)
        };
        if r_flip {
            view.invert_axis(Axis(0));
        }
        if c_flip {
            view.invert_axis(Axis(1));
        }
        view
    }
}

impl<'a, T> AsNdarray for ColRef<'a, T> {
    type View = ArrayView1<'a, T>;

    fn as_ndarray(&self) -> ArrayView1<'a, T> {
        let n = self.nrows();
        let (off, st, flip) = normalize_axis_stride(n, self.row_stride());
        // SAFETY: as for `MatRef::as_ndarray`, with one axis.
        let mut view = unsafe {
            let ptr = if n == 0 { self.as_ptr() } else { self.as_ptr().offset(off) };
            ArrayView1::from_shape_ptr(n.strides(st), ptr)
        };
        if flip {
            view.invert_axis(Axis(0));
        }
        view
    }
}

impl<'a, T> AsNdarrayMut for MatMut<'a, T> {
    type ViewMut = ArrayViewMut2<'a, T>;

    /// Reborrows the whole lifetime `'a`; call it on a `MatMut` you own (`m.as_mut()` of a
    /// `Mat`, or a view you are done with).
    fn as_ndarray_mut(&mut self) -> ArrayViewMut2<'a, T> {
        let (m, n) = (self.nrows(), self.ncols());
        let (r_off, rs, r_flip) = normalize_axis_stride(m, self.row_stride());
        let (c_off, cs, c_flip) = normalize_axis_stride(n, self.col_stride());
        let base = self.as_ptr_mut();
        // SAFETY: faer guarantees a `MatMut` addresses distinct, writable elements for 'a.
        // We take `&mut self`, and the caller's `MatMut` cannot be used to alias the result
        // because it is borrowed mutably here; see the note on `AsNdarray` for the offsets.
        let mut view = unsafe {
            let ptr = if m == 0 || n == 0 { base } else { base.offset(r_off + c_off) };
            ArrayViewMut2::from_shape_ptr((m, n).strides((rs, cs)), ptr)
        };
        if r_flip {
            view.invert_axis(Axis(0));
        }
        if c_flip {
            view.invert_axis(Axis(1));
        }
        view
    }
}

impl<'a, T> AsNdarrayMut for ColMut<'a, T> {
    type ViewMut = ArrayViewMut1<'a, T>;

    fn as_ndarray_mut(&mut self) -> ArrayViewMut1<'a, T> {
        let n = self.nrows();
        let (off, st, flip) = normalize_axis_stride(n, self.row_stride());
        let base = self.as_ptr_mut();
        // SAFETY: as for `MatMut::as_ndarray_mut`, with one axis.
        let mut view = unsafe {
            let ptr = if n == 0 { base } else { base.offset(off) };
            ArrayViewMut1::from_shape_ptr(n.strides(st), ptr)
        };
        if flip {
            view.invert_axis(Axis(0));
        }
        view
    }
}

/// Copies any 2-D ndarray into an owned faer [`Mat`] (column-major).
///
/// Use it when an algorithm needs a private, writable copy anyway (in-place factorizations).
///
/// ```
/// use sci_core::{convert::to_faer, ndarray::array};
/// let m = to_faer(&array![[1.0, 2.0], [3.0, 4.0]]);
/// assert_eq!(m[(1, 0)], 3.0);
/// ```
pub fn to_faer<T, S>(a: &ArrayBase<S, Ix2>) -> Mat<T>
where
    T: Clone,
    S: Data<Elem = T>,
{
    a.as_faer().cloned()
}

/// Copies a faer matrix view into an owned ndarray in standard (C) order.
///
/// ```
/// use sci_core::convert::to_ndarray;
/// let m = faer::mat![[1.0, 2.0], [3.0, 4.0]];
/// let a = to_ndarray(m.as_ref());
/// assert!(a.is_standard_layout());
/// assert_eq!(a, sci_core::ndarray::array![[1.0, 2.0], [3.0, 4.0]]);
/// ```
pub fn to_ndarray<T: Clone>(m: MatRef<'_, T>) -> Array2<T> {
    m.as_ndarray().to_owned()
}

/// Copies a faer matrix view into an owned ndarray in Fortran (column-major) order, which
/// for a column-major faer matrix is one contiguous copy per column.
///
/// ```
/// use sci_core::convert::to_ndarray_fortran;
/// let m = faer::mat![[1.0, 2.0], [3.0, 4.0]];
/// let a = to_ndarray_fortran(m.as_ref());
/// assert!(a.t().is_standard_layout());
/// assert_eq!(a[[1, 0]], 3.0);
/// ```
pub fn to_ndarray_fortran<T: Clone>(m: MatRef<'_, T>) -> Array2<T> {
    let mut out = Array2::uninit((m.nrows(), m.ncols()).f());
    out.zip_mut_with(&m.as_ndarray(), |dst, src| {
        dst.write(src.clone());
    });
    // SAFETY: `zip_mut_with` visited every element of `out` once and wrote it.
    unsafe { out.assume_init() }
}
