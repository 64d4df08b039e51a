//! Write then read gives back the same array, for every element type and layout.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use std::io::Read;

use sci_core::io::{
    FileElement, NpzReader, NpzWriter, SafetensorsFile, SafetensorsWriter, TensorDtype, read_npy,
    read_npy_from, read_npz, read_safetensors, write_npy, write_npy_to,
};
use sci_core::ndarray::{Array1, Array2, Array3, ArrayD, Ix1, Ix2, IxDyn, ShapeBuilder, Slice, s};
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

        // Safetensors from views of any layout (written row-major).
        let t = a.t();
        let z = a.mapv(|x| Complex32::new(x as f32, -1.0));
        let bytes = SafetensorsWriter::new()
            .add("a", &a).unwrap()
            .add("t", &t).unwrap()
            .add("i", &a.mapv(|x| x as i64)).unwrap()
            .add("z", &z).unwrap()
            .add("b", &a.mapv(|x| x < 0.0)).unwrap()
            .to_bytes().unwrap();
        let file = SafetensorsFile::from_bytes(bytes).unwrap();
        prop_assert_eq!(file.get::<f64>("a").unwrap(), a.clone());
        prop_assert_eq!(file.get::<f64>("t").unwrap(), t.to_owned());
        prop_assert_eq!(file.get::<i64>("i").unwrap(), a.mapv(|x| x as i64));
        prop_assert_eq!(file.get::<Complex32>("z").unwrap(), z);
        prop_assert_eq!(file.get::<bool>("b").unwrap(), a.mapv(|x| x < 0.0));
    }
}

/// The header dict of an `.npy` byte buffer (version 1.0).
fn header_of(bytes: &[u8]) -> String {
    let len = u16::from_le_bytes([bytes[8], bytes[9]]) as usize;
    String::from_utf8(bytes[10..10 + len].to_vec()).unwrap()
}

#[test]
fn fortran_arrays_are_written_in_fortran_order_from_memory() {
    let f = Array2::from_shape_fn((3, 4).f(), |(i, j)| (10 * i + j) as f64);
    let mut bytes = Vec::new();
    write_npy_to(&mut bytes, &f).unwrap();
    assert!(header_of(&bytes).contains("'fortran_order': True, 'shape': (3, 4)"), "{}", header_of(&bytes));
    // The data are the array's memory, column by column.
    let data: Vec<f64> =
        bytes[bytes.len() - 96..].chunks(8).map(|c| f64::from_le_bytes(c.try_into().unwrap())).collect();
    assert_eq!(data.as_slice(), f.as_slice_memory_order().unwrap());
    let back: Array2<f64> = read_npy_from(bytes.as_slice()).unwrap();
    assert_eq!(back, f);
    assert!(back.t().is_standard_layout());

    // A strided or reversed view is written in C order with its logical values.
    for view in [f.slice(s![..;2, ..]), f.slice(s![.., ..;-1]), f.t().slice(s![1.., ..])] {
        let mut bytes = Vec::new();
        write_npy_to(&mut bytes, &view).unwrap();
        assert!(header_of(&bytes).contains("'fortran_order': False"));
        let back: Array2<f64> = read_npy_from(bytes.as_slice()).unwrap();
        assert_eq!(back, view);
    }
    // 1-D and 0-D arrays are always C order; so is a C-contiguous matrix.
    for (bytes, want) in [
        (npy_bytes(&Array1::from(vec![1.0, 2.0])), "'shape': (2,)"),
        (npy_bytes(&sci_core::ndarray::arr0(1.5)), "'shape': ()"),
        (npy_bytes(&Array2::<f64>::zeros((2, 3))), "'fortran_order': False, 'shape': (2, 3)"),
    ] {
        assert!(header_of(&bytes).contains(want), "{}", header_of(&bytes));
    }
}

fn npy_bytes<D: sci_core::ndarray::Dimension>(a: &sci_core::ndarray::Array<f64, D>) -> Vec<u8> {
    let mut bytes = Vec::new();
    write_npy_to(&mut bytes, a).unwrap();
    // The data start at a multiple of 64, as NumPy requires.
    assert_eq!((10 + header_of(&bytes).len()) % 64, 0);
    bytes
}

/// Delivers one byte per `read` call, like a slow socket.
struct Trickle<'a>(&'a [u8]);

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match (self.0.split_first(), buf.first_mut()) {
            (Some((&b, rest)), Some(slot)) => {
                *slot = b;
                self.0 = rest;
                Ok(1)
            }
            _ => Ok(0),
        }
    }
}

#[test]
fn large_arrays_and_byte_at_a_time_readers() {
    // More elements than the writer's chunk, a reversed 3-D view, complex data.
    let a =
        Array3::from_shape_fn((7, 50, 61), |(i, j, k)| Complex64::new(i as f64 - j as f64 * 0.5, k as f64));
    let view = a.slice(s![..;-1, 3.., ..;3]);
    let mut bytes = Vec::new();
    write_npy_to(&mut bytes, &view).unwrap();
    let back: Array3<Complex64> = read_npy_from(Trickle(&bytes)).unwrap();
    assert_eq!(back, view);
    let big = Array1::from_shape_fn(100_003, |i| i as i64 * 3 - 7);
    let mut bytes = Vec::new();
    write_npy_to(&mut bytes, &big).unwrap();
    assert_eq!(read_npy_from::<i64, _, _>(Trickle(&bytes)).unwrap(), big);
}

#[test]
fn files_round_trip_in_rust() {
    let dir = tempfile::tempdir().unwrap();
    let m = Array2::from_shape_fn((4, 3).f(), |(i, j)| i as f64 / 3.0 - j as f64);
    let z = Array1::from_shape_fn(5, |i| Complex64::new(i as f64, -(i as f64)));
    let e = ArrayD::<f32>::zeros(IxDyn(&[0, 3]));

    let path = dir.path().join("m.npy");
    write_npy(&path, &m).unwrap();
    assert_eq!(read_npy::<f64, Ix2, _>(&path).unwrap(), m);
    write_npy(&path, &z.view()).unwrap(); // overwrites
    assert_eq!(read_npy::<Complex64, _, _>(&path).unwrap(), z);
    write_npy(&path, &e).unwrap();
    assert_eq!(read_npy::<f32, IxDyn, _>(&path).unwrap(), e);
    let missing = read_npy::<f64, Ix2, _>(dir.path().join("nope.npy")).unwrap_err();
    assert!(matches!(missing, sci_core::Error::Io { path: Some(_), .. }), "{missing}");

    for compress in [false, true] {
        let path = dir.path().join(format!("a{compress}.npz"));
        let mut w = NpzWriter::create(&path).unwrap().compressed(compress);
        w.add_array("m", &m).unwrap();
        w.add_array("z", &z).unwrap();
        w.add_array("empty", &e).unwrap();
        w.add_array("flags", &Array1::from(vec![true, false])).unwrap();
        w.finish().unwrap();
        let mut npz = read_npz(&path).unwrap();
        assert_eq!(npz.names(), vec!["m", "z", "empty", "flags"]);
        assert_eq!(npz.by_name::<f64, Ix2>("m").unwrap(), m);
        assert_eq!(npz.by_name::<Complex64, _>("z.npy").unwrap(), z);
        assert_eq!(npz.by_name::<f32, IxDyn>("empty").unwrap(), e);
        assert_eq!(npz.by_name::<bool, _>("flags").unwrap(), Array1::from(vec![true, false]));
        assert!(matches!(npz.by_name::<f64, Ix1>("m"), Err(sci_core::Error::ShapeMismatch { .. })));
    }

    let path = dir.path().join("t.safetensors");
    SafetensorsWriter::new()
        .add("m", &m)
        .unwrap()
        .add("idx", &Array1::from(vec![3_i64, -4]))
        .unwrap()
        .add("w32", &m.mapv(|x| x as f32).slice(s![..;-1, ..]))
        .unwrap()
        .add("i32", &Array1::from(vec![i32::MIN, 0]))
        .unwrap()
        .add("u8", &Array1::from(vec![0_u8, 255]))
        .unwrap()
        .metadata("format", "pt")
        .metadata("author", "sci")
        .write(&path)
        .unwrap();
    let file = read_safetensors(&path).unwrap();
    assert_eq!(file.names(), vec!["i32", "idx", "m", "u8", "w32"]);
    assert_eq!(file.get::<f64>("m").unwrap(), m.clone().into_dyn());
    assert_eq!(file.get::<i64>("idx").unwrap(), Array1::from(vec![3_i64, -4]).into_dyn());
    assert_eq!(file.get::<f32>("w32").unwrap(), m.mapv(|x| x as f32).slice(s![..;-1, ..]).into_dyn());
    assert_eq!(file.get::<i32>("i32").unwrap(), Array1::from(vec![i32::MIN, 0]).into_dyn());
    assert_eq!(file.dtype("u8").unwrap(), TensorDtype::U8);
    assert_eq!(file.metadata().len(), 2);
    assert_eq!(file.metadata()["author"], "sci");
}
