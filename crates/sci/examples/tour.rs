//! A tour of sci: `cargo run --release --example tour`.
//!
//! Builds an array, hands it to faer without copying, factors it, saves it for NumPy and
//! PyTorch (`.npy`, `.safetensors`), reads the files back and checks them; then finds the
//! tones of a noisy signal (FFT, Welch, peaks), compares two samples (t-test) and
//! minimizes the Rosenbrock function. Set `SCI_TOUR_QUICK=1` to run on small sizes (CI
//! does). The tour grows with each module.

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

    // 6. Signal processing: spectrum and peaks of a noisy two-tone signal.
    use sci::stats::ContinuousDistribution;
    use sci::stats::rand::SeedableRng;
    let mut rng = sci::stats::rand::rngs::StdRng::seed_from_u64(7);
    let fs = 1000.0;
    let len = if quick { 4096 } else { 1 << 20 };
    let noise = sci::stats::Norm::new(0.0, 0.5)?.rvs(len, &mut rng);
    let signal = Array1::from_shape_fn(len, |i| {
        let t = i as f64 / fs;
        (2.0 * std::f64::consts::PI * 50.0 * t).sin()
            + 0.5 * (2.0 * std::f64::consts::PI * 120.0 * t).sin()
            + noise[i]
    });
    let t = Instant::now();
    let spectrum = sci::fft::rfft(&signal)?;
    println!("6. rfft of {len} samples in {:.1?} ({} bins)", t.elapsed(), spectrum.len());
    let t = Instant::now();
    let psd = sci::signal::welch_with(
        &signal,
        &sci::signal::WelchOptions { fs, nperseg: Some(1024), ..Default::default() },
    )?;
    let peaks = sci::signal::find_peaks_with(
        &psd.pxx,
        &sci::signal::FindPeaksOptions {
            prominence: Some(sci::signal::Interval::at_least(0.01)),
            ..Default::default()
        },
    )?;
    let tones: Vec<f64> = peaks.peaks.iter().map(|&k| psd.f[k]).collect();
    println!("   welch PSD + find_peaks in {:.1?}: tones at {tones:?} Hz", t.elapsed());

    // 7. Statistics: is a shifted sample distinguishable from the original?
    let n = if quick { 1_000 } else { 1_000_000 };
    let train = sci::stats::Norm::standard().rvs(n, &mut rng);
    let test = sci::stats::Norm::new(0.1, 1.0)?.rvs(n, &mut rng);
    let tt = sci::stats::ttest_ind(&train, &test)?;
    let d = sci::stats::describe(&train)?;
    println!(
        "7. {n} draws each: train mean {:.4}, variance {:.4}; ttest_ind t = {:.3}, p = {:.3e}",
        d.mean, d.variance, tt.statistic, tt.pvalue
    );

    // 8. Optimization: the Rosenbrock function from a standard start.
    let t = Instant::now();
    let result = sci::optimize::minimize(|x| sci::optimize::rosen(&x), &array![-1.2, 1.0])?;
    println!(
        "8. minimize(rosen) from (-1.2, 1) in {:.1?}: x = [{:.6}, {:.6}], {} iterations, {} evaluations",
        t.elapsed(),
        result.x[0],
        result.x[1],
        result.nit,
        result.nfev
    );

    println!("\ndone.");
    Ok(())
}
