//! The timing rule shared with the SciPy side.

use std::time::Instant;

/// One warm-up run, then at least 5 runs and 1 s in total (at most 50); the median.
pub(crate) fn median_seconds(run: &mut dyn FnMut() -> sci::Result<()>) -> sci::Result<(f64, usize)> {
    run()?;
    let mut times = Vec::new();
    while times.len() < 5 || (times.iter().sum::<f64>() < 1.0 && times.len() < 50) {
        let start = Instant::now();
        run()?;
        times.push(start.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let n = times.len();
    let median = if n % 2 == 1 { times[n / 2] } else { 0.5 * (times[n / 2 - 1] + times[n / 2]) };
    Ok((median, n))
}
