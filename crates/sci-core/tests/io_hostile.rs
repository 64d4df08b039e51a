//! Forged and malformed files are errors — never a panic, never a huge allocation.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{Cursor, Write};

use sci_core::Error;
use sci_core::io::{NpzReader, NpzWriter, SafetensorsFile, read_npy, read_npy_from, write_npy_to};
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

/// The same header under an arbitrary version byte and length-field width.
fn npy_versioned(major: u8, header: &str, data: &[u8]) -> Vec<u8> {
    let len_bytes = if major == 1 { 2 } else { 4 };
    let preamble = 8 + len_bytes;
    let mut h = header.as_bytes().to_vec();
    let total = (preamble + h.len() + 1).next_multiple_of(64);
    h.resize(total - preamble - 1, b' ');
    h.push(b'\n');
    let mut out = b"\x93NUMPY".to_vec();
    out.extend_from_slice(&[major, 0]);
    if major == 1 {
        out.extend_from_slice(&(h.len() as u16).to_le_bytes());
    } else {
        out.extend_from_slice(&(h.len() as u32).to_le_bytes());
    }
    out.extend_from_slice(&h);
    out.extend_from_slice(data);
    out
}

#[test]
fn versions_2_and_3_big_endian_and_fortran_by_hand() {
    // Big-endian doubles in Fortran order, under each header version.
    let mut data = Vec::new();
    for x in [1.0f64, 2.0, -2.0, 0.5] {
        data.extend_from_slice(&x.to_be_bytes());
    }
    for major in [1, 2, 3] {
        let bytes = npy_versioned(major, "{'descr': '>f8', 'fortran_order': True, 'shape': (2, 2), }", &data);
        let a: ArrayD<f64> = read_npy_from(bytes.as_slice()).unwrap();
        // Fortran order: the first column is (1, 2).
        assert_eq!(a, array![[1.0, -2.0], [2.0, 0.5]].into_dyn(), "version {major}");
    }
    // A descriptor without a byte-order character means native order.
    let native: Vec<u8> = [3.0f64].iter().flat_map(|x| x.to_ne_bytes()).collect();
    let bytes = npy("{'descr': 'f8', 'fortran_order': False, 'shape': (1,), }", &native);
    assert_eq!(read(&bytes).unwrap(), array![3.0].into_dyn());
}

#[test]
fn header_length_beyond_a_real_file_is_checked_before_reading() {
    let mut bytes = b"\x93NUMPY\x01\x00".to_vec();
    bytes.extend_from_slice(&60000u16.to_le_bytes());
    bytes.extend_from_slice(b"{'descr': '<f8'");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("short.npy");
    std::fs::write(&path, &bytes).unwrap();
    match read_npy::<f64, IxDyn, _>(&path) {
        Err(Error::Format { reason, .. }) => {
            assert!(reason.contains("header claims 60000 bytes"), "{reason}");
            assert!(reason.contains("short.npy"), "the path is named: {reason}");
        }
        other => panic!("{other:?}"),
    }
    // Just over the 1 MiB cap is refused outright; at the cap, the stream must deliver it.
    for (len, needle) in [((1u32 << 20) + 1, "exceeds the limit"), (1 << 20, "truncated header")] {
        let mut bytes = b"\x93NUMPY\x03\x00".to_vec();
        bytes.extend_from_slice(&len.to_le_bytes());
        bytes.extend_from_slice(b"{'descr': '<f8'}");
        assert_format_error(read(&bytes), needle);
    }
}

#[test]
fn unknown_and_mismatched_dtypes_name_both_sides() {
    let cases = [
        ("<f4", "float32 data (dtype '<f4'), but float64 ('<f8') was requested"),
        ("<i8", "int64 data"),
        (">c16", "complex128 data (dtype '>c16')"),
        ("<f2", "float16 data (dtype '<f2'), which sci cannot read"),
        ("<u8", "uint64 data"),
        ("<U5", "unsupported dtype '<U5'"),
        ("|S3", "unsupported dtype '|S3'"),
        ("|V8", "unsupported dtype '|V8'"),
        ("<M8[ns]", "unsupported dtype '<M8[ns]'"),
        ("", "unsupported dtype ''"),
        ("|O", "Python objects"),
        ("<O8", "Python objects"),
    ];
    for (descr, needle) in cases {
        let header = format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': (1,), }}");
        assert_format_error(read(&npy(&header, &[0; 8])), needle);
    }
}

#[test]
fn malformed_dicts_have_clear_reasons() {
    let cases = [
        ("{'descr': '<f8', 'fortran_order': False}", "missing 'shape'"),
        ("{'fortran_order': False, 'shape': (1,)}", "missing 'descr'"),
        ("{'descr': '<f8', 'shape': (1,)}", "missing 'fortran_order'"),
        ("{'descr' '<f8', 'fortran_order': False, 'shape': (1,)}", "expected ':'"),
        ("['descr', '<f8']", "expected '{'"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (1,)} junk", "after the dict"),
        ("{'descr': '<f8, 'fortran_order': False, 'shape': (1,)}", "header"),
        ("{'descr': '<f8', 'fortran_order': 'yes', 'shape': (1,)}", "True or False"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': ('a',)}", "tuple of integers"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': [1]}", "header"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (1.5,)}", "header"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x': 1}", "unexpected key 'x'"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (1 2)}", "malformed tuple"),
        ("{'descr': 'a\\'b', 'fortran_order': False, 'shape': (1,)}", "escape"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (-3,)}", "negative"),
    ];
    for (header, needle) in cases {
        assert_format_error(read(&npy(header, &[0; 8])), needle);
    }
    let many = format!("{{'descr': '<f8', 'fortran_order': False, 'shape': ({}), }}", "1, ".repeat(65));
    assert_format_error(read(&npy(&many, &[0; 8])), "more than 64");
    // Invalid UTF-8 inside a string.
    let mut bytes = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", &[0; 8]);
    bytes[12] = 0xff; // the 'd' of 'descr'
    assert_format_error(read(&bytes), "UTF-8");
}

#[test]
fn every_prefix_of_a_valid_file_is_an_error_not_a_panic() {
    let mut bytes = Vec::new();
    write_npy_to(&mut bytes, &array![[1.0, 2.0], [3.0, 4.0]]).unwrap();
    for cut in 0..bytes.len() {
        assert!(read(&bytes[..cut]).is_err(), "prefix of {cut} bytes accepted");
    }
    assert!(read(&bytes).is_ok());
    // Flipping any single header byte never panics.
    for i in 0..bytes.len() - 32 {
        let mut forged = bytes.clone();
        forged[i] ^= 0x5a;
        let _ = read(&forged);
    }
}

#[test]
fn writer_refuses_more_dimensions_than_numpy_allows() {
    let a = ArrayD::<f64>::zeros(IxDyn(&[1; 65]));
    assert!(matches!(write_npy_to(Vec::new(), &a), Err(Error::Unsupported(_))));
    let a = ArrayD::<f64>::zeros(IxDyn(&[1; 64]));
    let mut bytes = Vec::new();
    write_npy_to(&mut bytes, &a).unwrap();
    assert_eq!(read(&bytes).unwrap().ndim(), 64);
}

/// A one-entry archive holding `payload` as `x.npy`.
fn archive(payload: &[u8], method: zip::CompressionMethod) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("x.npy", zip::write::SimpleFileOptions::default().compression_method(method)).unwrap();
    zip.write_all(payload).unwrap();
    zip.finish().unwrap().into_inner()
}

/// Overwrites a little-endian u32 field of the (only) central directory record.
fn patch_central_directory(bytes: &mut [u8], field_offset: usize, value: u32) {
    let cd = bytes.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
    bytes[cd + field_offset..cd + field_offset + 4].copy_from_slice(&value.to_le_bytes());
}

#[test]
fn npz_entries_whose_declared_sizes_lie() {
    const COMPRESSED_SIZE: usize = 20;
    const UNCOMPRESSED_SIZE: usize = 24;
    let payload = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", &[0; 16]);
    for method in [zip::CompressionMethod::Stored, zip::CompressionMethod::Deflated] {
        // The honest archive reads.
        let honest = archive(&payload, method);
        let mut npz = NpzReader::new(Cursor::new(honest.clone())).unwrap();
        assert_eq!(npz.by_name::<f64, IxDyn>("x").unwrap(), ArrayD::<f64>::zeros(IxDyn(&[2])));

        // The directory claims a different uncompressed size: small, one more, enormous.
        for lie in [1, payload.len() as u32 + 1, u32::MAX - 1] {
            let mut bytes = honest.clone();
            patch_central_directory(&mut bytes, UNCOMPRESSED_SIZE, lie);
            let mut npz = NpzReader::new(Cursor::new(bytes)).unwrap();
            match npz.by_name::<f64, IxDyn>("x") {
                Err(Error::Format { reason, .. }) => {
                    assert!(reason.contains(&format!("declares {lie}")), "{method:?}: {reason}")
                }
                other => panic!("{method:?} lie {lie}: {other:?}"),
            }
        }
        // The compressed size lies: too short cuts the entry (an error); too long runs
        // into the directory, an error for stored data, while a deflate stream ends at its
        // own end marker and the entry, complete and CRC-checked, may read correctly.
        // Never a panic or a huge allocation.
        for lie in [8, honest.len() as u32 * 4, u32::MAX - 1] {
            let mut bytes = honest.clone();
            patch_central_directory(&mut bytes, COMPRESSED_SIZE, lie);
            if let Ok(mut npz) = NpzReader::new(Cursor::new(bytes)) {
                match npz.by_name::<f64, IxDyn>("x") {
                    Ok(a) => {
                        assert!(lie > 8 && method == zip::CompressionMethod::Deflated, "{method:?} {lie}");
                        assert_eq!(a, ArrayD::<f64>::zeros(IxDyn(&[2])));
                    }
                    Err(e) => assert!(matches!(e, Error::Format { .. } | Error::Io { .. }), "{e:?}"),
                }
            }
        }
    }
}

#[test]
fn npz_entries_with_corrupted_data_fail_their_checksum() {
    let payload = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", &[0; 16]);
    let mut bytes = archive(&payload, zip::CompressionMethod::Stored);
    // The last data byte of the entry, right before the central directory.
    let cd = bytes.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
    bytes[cd - 1] ^= 1;
    let mut npz = NpzReader::new(Cursor::new(bytes)).unwrap();
    assert!(npz.by_name::<f64, IxDyn>("x").is_err());
}

#[test]
fn npz_entries_that_are_not_npy_and_duplicate_names() {
    let mut bytes = archive(b"hello, world", zip::CompressionMethod::Deflated);
    let mut npz = NpzReader::new(Cursor::new(bytes.clone())).unwrap();
    match npz.by_name::<f64, IxDyn>("x") {
        Err(Error::Format { format, reason }) => {
            assert_eq!(format, "npz");
            assert!(reason.contains("\"x.npy\"") && reason.contains("magic"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    bytes.truncate(bytes.len() / 2);
    assert!(NpzReader::new(Cursor::new(bytes)).is_err());
    let mut w = NpzWriter::new(Cursor::new(Vec::new()));
    w.add_array("a", &array![1.0]).unwrap();
    assert!(matches!(w.add_array("a", &array![2.0]), Err(Error::InvalidArgument { .. })));
}

/// A safetensors buffer with the given JSON header and data.
fn safetensors_bytes(header: &str, data: &[u8]) -> Vec<u8> {
    let mut bytes = (header.len() as u64).to_le_bytes().to_vec();
    bytes.extend_from_slice(header.as_bytes());
    bytes.extend_from_slice(data);
    bytes
}

#[test]
fn malformed_safetensors_headers() {
    for header in [
        "not json",
        r#"{"w":{"dtype":"X99","shape":[1],"data_offsets":[0,8]}}"#,
        r#"{"w":{"dtype":"F64","shape":[-1],"data_offsets":[0,8]}}"#,
        r#"{"w":{"dtype":"F64","shape":[1],"data_offsets":[8,0]}}"#,
        r#"{"w":{"dtype":"F64","shape":[1]}}"#,
        r#"{"__metadata__":{"k":1},"w":{"dtype":"F64","shape":[1],"data_offsets":[0,8]}}"#,
        r#"{"a":{"dtype":"F64","shape":[1],"data_offsets":[0,8]},"b":{"dtype":"F64","shape":[1],"data_offsets":[0,8]}}"#,
    ] {
        assert!(
            matches!(
                SafetensorsFile::from_bytes(safetensors_bytes(header, &[0; 8])),
                Err(Error::Format { .. })
            ),
            "accepted {header}"
        );
    }
    // Header length zero, and larger than the buffer by one.
    assert!(SafetensorsFile::from_bytes(0u64.to_le_bytes().to_vec()).is_err());
    let mut bytes = safetensors_bytes("{}", &[]);
    bytes[0] = 3;
    assert!(SafetensorsFile::from_bytes(bytes).is_err());
    // A bool tensor holding a byte that is not 0 or 1 parses but does not decode.
    let file = SafetensorsFile::from_bytes(safetensors_bytes(
        r#"{"b":{"dtype":"BOOL","shape":[2],"data_offsets":[0,2]}}"#,
        &[1, 2],
    ))
    .unwrap();
    assert!(matches!(file.get::<bool>("b"), Err(Error::Format { .. })));
}
