//! Files written by real NumPy 2.4.6 and safetensors 0.8.0 (see xtask/fixtures/io.py) read
//! back exactly.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use sci_core::io::{TensorDtype, read_npy, read_npz, read_safetensors};
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
    assert!(err.to_string().contains("'<f8'"), "{err}");
    assert!(read_npy::<f64, sci_core::ndarray::Ix1, _>(fixture("c_f64_3x4.npy")).is_err());
    let d: ArrayD<f64> = read_npy(fixture("c_f64_3x4.npy")).unwrap();
    assert_eq!(d.shape(), &[3, 4]);
}

#[test]
fn savez_stored_and_compressed() {
    for name in ["savez.npz", "savez_compressed.npz"] {
        let mut npz = read_npz(fixture(name)).unwrap();
        let mut names = npz.names();
        names.sort();
        assert_eq!(names, vec!["m", "x"], "{name}");
        let x: Array1<f64> = npz.by_name("x").unwrap();
        assert_eq!(x, array![0.0, 0.25, 0.5, 0.75, 1.0], "{name}");
        let m: Array2<i64> = npz.by_name("m").unwrap();
        assert_eq!(m, array![[0, 1, 2], [3, 4, 5]], "{name}");
    }
}

#[test]
fn safetensors_from_python() {
    let file = read_safetensors(fixture("tensors.safetensors")).unwrap();
    assert_eq!(file.names(), vec!["indices", "layer.bias", "layer.weight"]);
    assert_eq!(file.metadata().get("format").map(String::as_str), Some("np"));
    assert_eq!(file.metadata().get("source").map(String::as_str), Some("sci fixtures"));
    let w: ArrayD<f32> = file.get("layer.weight").unwrap();
    assert_eq!(w, Array2::from_shape_fn((2, 3), |(i, j)| (i * 3 + j) as f32 - 2.5).into_dyn());
    assert_eq!(file.info("layer.weight").unwrap().dtype, TensorDtype::F32);
    let b: ArrayD<f64> = file.get("layer.bias").unwrap();
    assert_eq!(b, array![0.5, -1.0, 2.0].into_dyn());
    let idx: ArrayD<i64> = file.get("indices").unwrap();
    assert_eq!(idx, array![7, -1, 0, 1 << 40].into_dyn());
    assert!(file.get::<f64>("layer.weight").is_err());
    assert!(file.get::<f32>("missing").is_err());
}
