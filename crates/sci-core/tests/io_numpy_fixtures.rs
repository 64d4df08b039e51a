//! Files written by real NumPy 2.4.6 and safetensors 0.8.0 (see xtask/fixtures/io.py) read
//! back exactly.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use sci_core::io::{TensorDtype, read_npy, read_npz, read_safetensors, write_npy_to};
use sci_core::ndarray::{Array0, Array1, Array2, Array3, ArrayD, Ix2, array};
use sci_core::num_complex::{Complex32, Complex64};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/io").join(name)
}

#[test]
fn c_order_f64() {
    let a: Array2<f64> = read_npy(fixture("c_f64_3x4.npy")).unwrap();
    // np.arange(12.0).reshape(3, 4) * 0.1, the same IEEE operations here.
    assert_eq!(a, Array2::from_shape_fn((3, 4), |(i, j)| (i * 4 + j) as f64 * 0.1));
    assert!(a.is_standard_layout());
}

#[test]
fn fortran_order_f32_keeps_logical_values() {
    let a: Array3<f32> = read_npy(fixture("fortran_f32_2x3x2.npy")).unwrap();
    assert_eq!(a, Array3::from_shape_fn((2, 3, 2), |(i, j, k)| (i * 6 + j * 2 + k) as f32 / 8.0));
    assert!(a.t().is_standard_layout(), "Fortran data are kept in Fortran order, without a copy");
}

#[test]
fn int64_extremes() {
    let a: Array1<i64> = read_npy(fixture("i64_1d.npy")).unwrap();
    assert_eq!(a, array![-3, 0, 1 << 62, i64::MIN + 1]);
}

#[test]
fn complex_values() {
    let a: Array2<Complex64> = read_npy(fixture("c128_2x2.npy")).unwrap();
    assert_eq!(
        a,
        array![
            [Complex64::new(1.0, 2.0), Complex64::new(0.0, -0.5)],
            [Complex64::new(3.0, 0.0), Complex64::new(1e-300, 1e300)]
        ]
    );
    let b: Array1<Complex32> = read_npy(fixture("c64_1d.npy")).unwrap();
    assert_eq!(b, array![Complex32::new(1.0, -1.0), Complex32::new(0.25, 4.0)]);
}

#[test]
fn big_endian_is_byte_swapped() {
    let a: Array1<f64> = read_npy(fixture("big_endian_f8.npy")).unwrap();
    assert_eq!(a, array![0.0, 0.25, 0.5, 0.75, 1.0]);
}

#[test]
fn other_integer_types() {
    let a: Array2<i32> = read_npy(fixture("i32_2x2.npy")).unwrap();
    assert_eq!(a, array![[1, -2], [i32::MAX, i32::MIN]]);
    let b: Array1<u8> = read_npy(fixture("u8_1d.npy")).unwrap();
    assert_eq!(b, array![0, 1, 127, 255]);
}

#[test]
fn big_endian_integers_and_fortran_complex() {
    let a: Array1<i32> = read_npy(fixture("big_endian_i4.npy")).unwrap();
    assert_eq!(a, array![1, -1, (1 << 30) + 7]);
    let z: Array2<Complex64> = read_npy(fixture("big_endian_c16_fortran_2x3.npy")).unwrap();
    let k = |i: usize, j: usize| (3 * i + j) as f64;
    assert_eq!(z, Array2::from_shape_fn((2, 3), |(i, j)| Complex64::new(k(i, j), k(i, j) - 0.5)));
    assert!(z.t().is_standard_layout());
}

#[test]
fn header_versions_2_and_3() {
    let a: Array2<f64> = read_npy(fixture("v2_f64_2x2.npy")).unwrap();
    assert_eq!(a, array![[1.0, -2.0], [0.5, 1e-310]]);
    assert_eq!(a[[1, 1]].to_bits(), 1e-310_f64.to_bits()); // a subnormal, bit-exact
    let b: Array1<i64> = read_npy(fixture("v3_i64_3.npy")).unwrap();
    assert_eq!(b, array![10, 20, 30]);
}

#[test]
fn zero_dimensional_empty_and_bool() {
    let s: Array0<f64> = read_npy(fixture("scalar_0d.npy")).unwrap();
    assert_eq!(s.into_scalar(), 3.5);
    let e: Array2<f64> = read_npy(fixture("empty_0x3.npy")).unwrap();
    assert_eq!(e.dim(), (0, 3));
    let b: Array1<bool> = read_npy(fixture("bool_1d.npy")).unwrap();
    assert_eq!(b, array![true, false, true]);
}

#[test]
fn dtype_and_dimension_mismatches_are_errors() {
    let err = read_npy::<f32, Ix2, _>(fixture("c_f64_3x4.npy")).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("'<f8'") && msg.contains("float32"), "{msg}");
    assert!(msg.contains("c_f64_3x4.npy"), "the path is named: {msg}");
    let err = read_npy::<f64, sci_core::ndarray::Ix1, _>(fixture("c_f64_3x4.npy")).unwrap_err();
    assert!(matches!(err, sci_core::Error::ShapeMismatch { .. }), "{err}");
    let d: ArrayD<f64> = read_npy(fixture("c_f64_3x4.npy")).unwrap();
    assert_eq!(d.shape(), &[3, 4]);
    // Big-endian data of the right type but the wrong width is still a different dtype.
    assert!(read_npy::<i64, sci_core::ndarray::Ix1, _>(fixture("big_endian_i4.npy")).is_err());
}

#[test]
fn savez_stored_and_compressed() {
    for name in ["savez.npz", "savez_compressed.npz"] {
        let mut npz = read_npz(fixture(name)).unwrap();
        // np.savez keeps keyword order.
        assert_eq!(npz.names(), vec!["x", "m"], "{name}");
        let x: Array1<f64> = npz.by_name("x").unwrap();
        assert_eq!(x, array![0.0, 0.25, 0.5, 0.75, 1.0], "{name}");
        let m: Array2<i64> = npz.by_name("m.npy").unwrap();
        assert_eq!(m, array![[0, 1, 2], [3, 4, 5]], "{name}");
        assert!(npz.by_name::<f64, Ix2>("m").is_err(), "{name}: int64 is not float64");
    }
}

#[test]
fn safetensors_from_python() {
    let file = read_safetensors(fixture("tensors.safetensors")).unwrap();
    assert_eq!(file.names(), vec!["half", "indices", "layer.bias", "layer.weight", "spectrum"]);
    assert_eq!(file.metadata().len(), 1);
    assert_eq!(file.metadata().get("format").map(String::as_str), Some("np"));

    let w: ArrayD<f32> = file.get("layer.weight").unwrap();
    assert_eq!(w, Array2::from_shape_fn((2, 3), |(i, j)| (i * 3 + j) as f32 - 2.5).into_dyn());
    assert_eq!(file.info("layer.weight").unwrap().shape, vec![2, 3]);
    assert_eq!(file.dtype("layer.weight").unwrap(), TensorDtype::F32);
    assert_eq!(file.get_as_f32("layer.weight").unwrap(), w);

    let b: ArrayD<f64> = file.get("layer.bias").unwrap();
    assert_eq!(b, array![0.5, -1.0, 2.0].into_dyn());
    let idx: ArrayD<i64> = file.get("indices").unwrap();
    assert_eq!(idx, array![7, -1, 0, 1 << 40].into_dyn());
    assert_eq!(file.dtype("indices").unwrap(), TensorDtype::I64);

    let z: ArrayD<Complex32> = file.get("spectrum").unwrap();
    assert_eq!(z, array![Complex32::new(1.0, 2.0), Complex32::new(-0.5, -0.25)].into_dyn());
    assert_eq!(file.dtype("spectrum").unwrap(), TensorDtype::C64);

    assert_eq!(file.dtype("half").unwrap(), TensorDtype::F16);
    let h = file.get_as_f32("half").unwrap();
    let bits: Vec<u32> = h.iter().map(|x| x.to_bits()).collect();
    let want: Vec<u32> =
        [1.5, 65504.0, 2f32.powi(-24), -0.0, f32::INFINITY].iter().map(|x: &f32| x.to_bits()).collect();
    assert_eq!(bits, want);
    assert!(file.get::<f32>("half").is_err(), "get never converts");

    assert!(file.get::<f64>("layer.weight").is_err());
    assert!(file.get_as_f32("layer.bias").is_err(), "f64 does not narrow");
    assert!(matches!(file.get::<f32>("missing"), Err(sci_core::Error::InvalidArgument { .. })));
}

/// sci's writer produces exactly the bytes `np.save` does (header, padding, order, data).
#[test]
fn writer_output_is_byte_identical_to_np_save() {
    fn same<A: sci_core::io::FileElement, D: sci_core::ndarray::Dimension>(
        name: &str,
        a: &sci_core::ndarray::Array<A, D>,
    ) {
        let mut bytes = Vec::new();
        write_npy_to(&mut bytes, a).unwrap();
        assert_eq!(bytes, std::fs::read(fixture(name)).unwrap(), "{name}");
    }
    use sci_core::ndarray::ShapeBuilder;
    same("c_f64_3x4.npy", &Array2::from_shape_fn((3, 4), |(i, j)| (i * 4 + j) as f64 * 0.1));
    same(
        "fortran_f32_2x3x2.npy",
        &Array3::from_shape_fn((2, 3, 2).f(), |(i, j, k)| (i * 6 + j * 2 + k) as f32 / 8.0),
    );
    same("i64_1d.npy", &array![-3_i64, 0, 1 << 62, i64::MIN + 1]);
    same("i32_2x2.npy", &array![[1_i32, -2], [i32::MAX, i32::MIN]]);
    same("u8_1d.npy", &array![0_u8, 1, 127, 255]);
    same("c64_1d.npy", &array![Complex32::new(1.0, -1.0), Complex32::new(0.25, 4.0)]);
    same("scalar_0d.npy", &sci_core::ndarray::arr0(3.5));
    same("empty_0x3.npy", &Array2::<f64>::zeros((0, 3)));
    same("bool_1d.npy", &array![true, false, true]);
}
