//! A tour of sci: `cargo run --release --example tour`.
//!
//! Builds an array, hands it to faer without copying, factors it, saves it for NumPy and
//! PyTorch (`.npy`, `.safetensors`), reads the files back and checks them. Set
//! `SCI_TOUR_QUICK=1` to run on small sizes (CI does). The tour grows with each module.

use std::time::Instant;

use sci::convert::AsFaer;
use sci::prelude::*;

fn main() -> sci::Result<()> {
    let quick = std::env::var_os("SCI_TOUR_QUICK").is_some();
    let n = if quick { 64 } else { 1000 };
    println!("sci tour ({} mode, {} threads)\n", if quick { "quick" } else { "full" }, sci::num_threads());

    // 1. Arrays are ndarray arrays.
    // A deterministic, well-conditioned test matrix: pseudo-random entries plus a diagonal.
    let x = Array2::from_shape_fn((n, n), |(i, j)| {
        ((i * n + j) as f64 * 0.618_034).sin() + if i == j { 2.0 } else { 0.0 }
    });
    println!("1. built a {n}x{n} f64 array (ndarray, C order)");

    // 2. Any layout is viewed by faer without a copy: here a transposed, reversed slice.
    let view = x.slice(s![..;-1, ..]);
    let view = view.t();
    let m = view.as_faer();
    assert!(std::ptr::eq(&m[(0, 0)], &view[[0, 0]]));
    println!(
        "2. viewed a transposed, row-reversed slice as faer::MatRef {}x{} (strides {}, {}) without copying",
        m.nrows(),
        m.ncols(),
        m.row_stride(),
        m.col_stride()
    );

    // 3. Linear algebra through faer.
    let t = Instant::now();
    let gram = sci::linalg::matmul(&x.t(), &x)?;
    println!("3. xᵀx via faer GEMM in {:.1?}", t.elapsed());
    let t = Instant::now();
    let s = sci::linalg::svdvals(&x)?;
    println!(
        "   singular values of x in {:.1?}: largest {:.4}, smallest {:.3e}, 2-norm condition {:.3e}",
        t.elapsed(),
        s[0],
        s[s.len() - 1],
        s[0] / s[s.len() - 1]
    );

    // 4. Errors, not panics.
    let bad = array![[1.0, f64::NAN], [0.0, 1.0]];
    match sci::linalg::svd(&bad) {
        Err(e) => println!("4. bad input is an error: {e}"),
        Ok(_) => return Err(Error::invalid_argument("bad", "a NaN input was accepted")),
    }

    // 5. Interchange with NumPy and PyTorch.
    let dir = std::env::temp_dir().join(format!("sci-tour-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| Error::io_at(&dir, e))?;
    let npy = dir.join("gram.npy");
    sci::io::write_npy(&npy, &gram)?;
    let back: Array2<f64> = sci::io::read_npy(&npy)?;
    assert_eq!(back, gram);
    println!("5. wrote and re-read {} (np.load reads it)", npy.display());

    let weights = x.slice(s![..4, ..3]).mapv(|v| v as f32).into_dyn();
    let st = dir.join("weights.safetensors");
    sci::io::SafetensorsWriter::new()
        .add("layer.weight", &weights)?
        .add("gram", &gram.view().into_dyn())?
        .write(&st)?;
    let file = sci::io::read_safetensors(&st)?;
    let w: ArrayD<f32> = file.get("layer.weight")?;
    assert_eq!(w, weights);
    println!(
        "   wrote and re-read {} with tensors {:?} (torch/candle/burn load it)",
        st.display(),
        file.names()
    );

    std::fs::remove_dir_all(&dir).map_err(|e| Error::io_at(&dir, e))?;
    println!("\ndone.");
    Ok(())
}
