//! Write then read gives back the same array, for every element type and layout.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use sci_core::io::{
    FileElement, NpzReader, NpzWriter, SafetensorsFile, SafetensorsWriter, read_npy_from, write_npy_to,
};
use sci_core::ndarray::{ArrayD, IxDyn, ShapeBuilder, Slice};
use sci_core::num_complex::{Complex32, Complex64};

/// A base array and a recipe for viewing it: optional Fortran order, reversed axis,
/// stepped axis, transposition.
fn arrays() -> impl Strategy<Value = (Vec<usize>, bool, usize, bool, Vec<f64>)> {
    proptest::collection::vec(0usize..4, 0..=4).prop_flat_map(|shape| {
        let n: usize = shape.iter().product();
        (Just(shape), any::<bool>(), 0usize..4, any::<bool>(), proptest::collection::vec(-1e6f64..1e6, n))
    })
}

fn build<T: FileElement>(shape: &[usize], fortran: bool, values: &[T]) -> ArrayD<T> {
    let a = ArrayD::from_shape_vec(IxDyn(shape), values.to_vec()).unwrap();
    if fortran {
        let mut f = ArrayD::from_elem(IxDyn(shape).f(), T::default());
        f.assign(&a);
        f
    } else {
        a
    }
}

fn check_npy<T: FileElement + PartialEq + std::fmt::Debug>(view: sci_core::ndarray::ArrayViewD<'_, T>) {
    let mut bytes = Vec::new();
    write_npy_to(&mut bytes, &view).unwrap();
    let back: ArrayD<T> = read_npy_from(bytes.as_slice()).unwrap();
    assert_eq!(back, view);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn npy_round_trips_any_layout((shape, fortran, axis, transpose, values) in arrays()) {
        let a = build(&shape, fortran, &values);
        let mut view = a.view();
        if view.ndim() > 0 {
            let ax = sci_core::ndarray::Axis(axis % view.ndim());
            view.slice_axis_inplace(ax, Slice::new(0, None, -2));
        }
        if transpose {
            view = view.reversed_axes();
        }
        check_npy(view.view());
        check_npy(view.mapv(|x| x as f32).view());
        check_npy(view.mapv(|x| x as i64).view());
        check_npy(view.mapv(|x| x as i32).view());
        check_npy(view.mapv(|x| Complex64::new(x, -x / 3.0)).view());
        check_npy(view.mapv(|x| Complex32::new(x as f32, 1.0)).view());
        check_npy(view.mapv(|x| x > 0.0).view());
        check_npy(view.mapv(|x| x as u8).view());
    }

    #[test]
    fn npz_and_safetensors_round_trip((shape, fortran, _axis, _t, values) in arrays(), compress in any::<bool>()) {
        let a = build(&shape, fortran, &values);
        let mut w = NpzWriter::new(std::io::Cursor::new(Vec::new())).compressed(compress);
        w.add_array("a", &a).unwrap();
        w.add_array("a32", &a.mapv(|x| x as f32)).unwrap();
        let mut npz = NpzReader::new(std::io::Cursor::new(w.finish().unwrap().into_inner())).unwrap();
        let back: ArrayD<f64> = npz.by_name("a").unwrap();
        prop_assert_eq!(&back, &a);
        let back32: ArrayD<f32> = npz.by_name("a32").unwrap();
        prop_assert_eq!(back32, a.mapv(|x| x as f32));

        let bytes = SafetensorsWriter::new().add("a", &a).unwrap().add("i", &a.mapv(|x| x as i64)).unwrap().to_bytes().unwrap();
        let file = SafetensorsFile::from_bytes(bytes).unwrap();
        prop_assert_eq!(file.get::<f64>("a").unwrap(), a.clone());
        prop_assert_eq!(file.get::<i64>("i").unwrap(), a.mapv(|x| x as i64));
    }
}
