//! Forged and malformed files are errors — never a panic, never a huge allocation.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{Cursor, Write};

use sci_core::Error;
use sci_core::io::{NpzReader, NpzWriter, SafetensorsFile, read_npy, read_npy_from};
use sci_core::ndarray::{Array1, ArrayD, IxDyn, array};

/// An .npy file with the given header dict, version 1.0, and `data` appended.
fn npy(header: &str, data: &[u8]) -> Vec<u8> {
    let mut h = header.as_bytes().to_vec();
    let total = (10 + h.len() + 1).next_multiple_of(64);
    h.resize(total - 10 - 1, b' ');
    h.push(b'\n');
    let mut out = b"\x93NUMPY\x01\x00".to_vec();
    out.extend_from_slice(&(h.len() as u16).to_le_bytes());
    out.extend_from_slice(&h);
    out.extend_from_slice(data);
    out
}

fn read(bytes: &[u8]) -> sci_core::Result<ArrayD<f64>> {
    read_npy_from(bytes)
}

fn assert_format_error(result: sci_core::Result<ArrayD<f64>>, needle: &str) {
    match result {
        Err(Error::Format { reason, .. }) => {
            assert!(reason.contains(needle), "reason {reason:?} lacks {needle:?}")
        }
        other => panic!("expected a format error mentioning {needle:?}, got {other:?}"),
    }
}

#[test]
fn header_claiming_terabytes_is_rejected_before_allocating() {
    // 2^40 doubles = 8 TiB claimed, 16 bytes present.
    let bytes = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1099511627776,), }", &[0u8; 16]);
    assert_format_error(read(&bytes), "stream ended");
    // Same through a file, where the size is checked before reading.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("forged.npy");
    std::fs::write(&path, &bytes).unwrap();
    match read_npy::<f64, IxDyn, _>(&path) {
        Err(Error::Format { reason, .. }) => assert!(reason.contains("file holds 16"), "{reason}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn overflowing_shapes_are_rejected() {
    let bytes = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296, 16), }", &[]);
    assert_format_error(read(&bytes), "more elements than memory");
    let bytes = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2305843009213693952,), }", &[]);
    assert_format_error(read(&bytes), "bytes than memory");
    let bytes = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (0, 18446744073709551615), }", &[]);
    assert!(read(&bytes).is_err());
}

#[test]
fn header_length_beyond_the_file_or_the_limit() {
    let mut bytes = b"\x93NUMPY\x02\x00".to_vec();
    bytes.extend_from_slice(&u32::MAX.to_le_bytes());
    assert_format_error(read(&bytes), "exceeds the limit");
    let mut bytes = b"\x93NUMPY\x01\x00".to_vec();
    bytes.extend_from_slice(&60000u16.to_le_bytes());
    bytes.extend_from_slice(b"{'descr'");
    assert_format_error(read(&bytes), "truncated header");
}

#[test]
fn bad_magic_version_and_dtypes() {
    assert_format_error(read(b"PK\x03\x04 not npy at all"), "magic");
    assert_format_error(read(b"\x93NU"), "too short");
    let mut v9 = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", &[0; 8]);
    v9[6] = 9;
    assert_format_error(read(&v9), "version 9");
    let obj = npy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", &[0; 8]);
    assert_format_error(read(&obj), "'|O'");
    let structured = npy("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }", &[0; 8]);
    assert_format_error(read(&structured), "structured");
    let negative = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }", &[0; 8]);
    assert_format_error(read(&negative), "negative");
}

#[test]
fn trailing_and_truncated_data() {
    let extra = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", &[0; 9]);
    assert_format_error(read(&extra), "after the array");
    let short = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", &[0; 15]);
    assert_format_error(read(&short), "ended after 15");
}

#[test]
fn invalid_bool_bytes() {
    let bytes = npy("{'descr': '|b1', 'fortran_order': False, 'shape': (2,), }", &[1, 7]);
    assert!(read_npy_from::<bool, IxDyn, _>(bytes.as_slice()).is_err());
}

#[test]
fn npz_entry_whose_header_lies_about_its_size() {
    // A stored archive whose single entry claims 2^40 doubles but holds 8 bytes.
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("x.npy", zip::write::SimpleFileOptions::default()).unwrap();
    zip.write_all(&npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1099511627776,), }", &[0; 8]))
        .unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let mut npz = NpzReader::new(Cursor::new(bytes)).unwrap();
    match npz.by_name::<f64, IxDyn>("x") {
        Err(Error::Format { format, reason }) => {
            assert_eq!(format, "npz");
            assert!(reason.contains("x.npy"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn compressed_npz_bomb_is_cut_off_at_the_header_size() {
    // 64 MiB of zeros compress to a few KiB; the header claims one element.
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("x.npy", opts).unwrap();
    zip.write_all(&npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", &[0; 8])).unwrap();
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..64 {
        zip.write_all(&zeros).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    assert!(bytes.len() < 1 << 20);
    let mut npz = NpzReader::new(Cursor::new(bytes)).unwrap();
    assert!(matches!(npz.by_name::<f64, IxDyn>("x"), Err(Error::Format { .. })));
}

#[test]
fn garbage_archives_and_missing_entries() {
    assert!(NpzReader::new(Cursor::new(b"not a zip file".to_vec())).is_err());
    let mut w = NpzWriter::new(Cursor::new(Vec::new()));
    w.add_array("a", &array![1.0]).unwrap();
    let mut npz = NpzReader::new(Cursor::new(w.finish().unwrap().into_inner())).unwrap();
    let err = npz.by_name::<f64, IxDyn>("b").unwrap_err();
    assert!(err.to_string().contains("[\"a\"]"), "{err}");
}

#[test]
fn forged_safetensors_headers() {
    // Header length far beyond the buffer.
    let mut bytes = (1u64 << 40).to_le_bytes().to_vec();
    bytes.extend_from_slice(b"{}");
    assert!(matches!(SafetensorsFile::from_bytes(bytes), Err(Error::Format { .. })));
    // Offsets past the end of the data.
    let header = br#"{"w":{"dtype":"F64","shape":[1000000],"data_offsets":[0,8000000]}}"#;
    let mut bytes = (header.len() as u64).to_le_bytes().to_vec();
    bytes.extend_from_slice(header);
    bytes.extend_from_slice(&[0u8; 16]);
    assert!(matches!(SafetensorsFile::from_bytes(bytes), Err(Error::Format { .. })));
    // Shape inconsistent with offsets.
    let header = br#"{"w":{"dtype":"F64","shape":[3],"data_offsets":[0,16]}}"#;
    let mut bytes = (header.len() as u64).to_le_bytes().to_vec();
    bytes.extend_from_slice(header);
    bytes.extend_from_slice(&[0u8; 16]);
    assert!(SafetensorsFile::from_bytes(bytes).is_err());
    // Overflowing shape.
    let header = br#"{"w":{"dtype":"F64","shape":[4294967296,4294967296,16],"data_offsets":[0,16]}}"#;
    let mut bytes = (header.len() as u64).to_le_bytes().to_vec();
    bytes.extend_from_slice(header);
    bytes.extend_from_slice(&[0u8; 16]);
    assert!(SafetensorsFile::from_bytes(bytes).is_err());
    // Truncated everything.
    assert!(SafetensorsFile::from_bytes(vec![1, 2, 3]).is_err());
}

#[test]
fn complex128_cannot_go_to_safetensors() {
    let z = Array1::from(vec![sci_core::num_complex::Complex64::new(1.0, 1.0)]);
    assert!(matches!(sci_core::io::SafetensorsWriter::new().add("z", &z), Err(Error::Unsupported(_))));
}
