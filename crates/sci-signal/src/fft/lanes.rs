//! The batch driver: apply a 1-D kernel to every lane of an array along one axis.
//!
//! The input is brought to C order (no copy if it already is), the output is allocated in C
//! order with the transformed axis resized. Viewing both as `(pre, len, post)`:
//! - `post == 1` (the last axis): lanes are contiguous chunks, handed to the kernel as they are;
//! - otherwise lanes are strided; blocks of 4 to 64 neighbouring lanes are gathered into a
//!   contiguous buffer (reading rows of the block, which is cache friendly), transformed, and
//!   scattered back, as pocketfft does.
//!
//! Large batches run in parallel on sci's thread pool (SciPy's `workers`); every worker reuses
//! its own work buffers (plan scratch, gather/scatter blocks) across lanes.

use rayon::prelude::*;
use sci_core::ndarray::{
    ArrayD, ArrayView2, ArrayView3, ArrayViewD, ArrayViewMut2, ArrayViewMut3, Axis, IxDyn,
};
use sci_core::{Error, Result};

/// Lanes are gathered in blocks of about this many elements per buffer (4 to 64 lanes).
const BLOCK_ELEMS: usize = 1 << 16;
/// Task granularity along `post` (strided lanes).
const BLOCK: usize = 16;
/// Below this many output elements a batch runs on the calling thread.
const PAR_MIN_ELEMS: usize = 1 << 15;

/// Applies `kernel(work, lane_in, lane_out)` to every lane along `axis`; `lane_in` has the
/// input's length along `axis`, `lane_out` has `out_len` elements.
pub(crate) fn map_lanes<I, O, W, MW, K>(
    x: ArrayViewD<'_, I>,
    axis: usize,
    out_len: usize,
    make_work: MW,
    kernel: K,
) -> Result<ArrayD<O>>
where
    I: Copy + Send + Sync,
    O: Copy + Send + Sync + Default,
    W: Send,
    MW: Fn() -> W + Sync + Send,
    K: Fn(&mut W, &[I], &mut [O]) + Sync + Send,
{
    let x = x.as_standard_layout();
    let shape = x.shape().to_vec();
    let in_len = shape[axis];
    let pre: usize = shape[..axis].iter().product();
    let post: usize = shape[axis + 1..].iter().product();
    let mut out_shape = shape.clone();
    out_shape[axis] = out_len;
    let total = pre * out_len * post;
    let mut out = vec![O::default(); total];
    if total > 0 && in_len > 0 {
        let xs = x.as_slice().ok_or_else(|| internal("input is not contiguous after as_standard_layout"))?;
        let parallel = total >= PAR_MIN_ELEMS && pre * post > 1 && sci_core::num_threads() > 1;
        if post == 1 {
            if parallel {
                sci_core::install(|| {
                    xs.par_chunks(in_len)
                        .zip(out.par_chunks_mut(out_len))
                        .for_each_init(&make_work, |w, (i, o)| kernel(w, i, o));
                });
            } else {
                let mut w = make_work();
                for (i, o) in xs.chunks(in_len).zip(out.chunks_mut(out_len)) {
                    kernel(&mut w, i, o);
                }
            }
        } else {
            let x3 = ArrayView3::from_shape((pre, in_len, post), xs)?;
            let out3 = ArrayViewMut3::from_shape((pre, out_len, post), &mut out[..])?;
            let tasks = split_tasks(out3, if parallel { 4 * sci_core::num_threads() } else { 1 });
            let run = |bufs: &mut (W, Vec<I>, Vec<O>),
                       (p0, q0, view): (usize, usize, ArrayViewMut3<'_, O>)| {
                strided_block(&x3, p0, q0, view, bufs, &kernel);
            };
            run_tasks(tasks, parallel, || (make_work(), Vec::new(), Vec::new()), run);
        }
    }
    Ok(ArrayD::from_shape_vec(IxDyn(&out_shape), out)?)
}

/// Applies `kernel(work, lane)` in place to every lane of the C-ordered `y` along `axis`.
///
/// Strided lanes are gathered a block at a time into one buffer, transformed there and
/// written back, so the array is never copied and only one block buffer per worker is live.
pub(crate) fn map_lanes_in_place<O, W, MW, K>(
    y: &mut ArrayD<O>,
    axis: usize,
    make_work: MW,
    kernel: K,
) -> Result<()>
where
    O: Copy + Send + Sync + Default,
    W: Send,
    MW: Fn() -> W + Sync + Send,
    K: Fn(&mut W, &mut [O]) + Sync + Send,
{
    let shape = y.shape().to_vec();
    let len = shape[axis];
    let pre: usize = shape[..axis].iter().product();
    let post: usize = shape[axis + 1..].iter().product();
    let total = pre * len * post;
    if total == 0 {
        return Ok(());
    }
    let parallel = total >= PAR_MIN_ELEMS && pre * post > 1 && sci_core::num_threads() > 1;
    let ys = y.as_slice_mut().ok_or_else(|| internal("in-place lanes need a C-ordered array"))?;
    if post == 1 {
        if parallel {
            sci_core::install(|| ys.par_chunks_mut(len).for_each_init(&make_work, |w, lane| kernel(w, lane)));
        } else {
            let mut w = make_work();
            ys.chunks_mut(len).for_each(|lane| kernel(&mut w, lane));
        }
        return Ok(());
    }
    let y3 = ArrayViewMut3::from_shape((pre, len, post), ys)?;
    let tasks = split_tasks(y3, if parallel { 4 * sci_core::num_threads() } else { 1 });
    let run = |bufs: &mut (W, Vec<O>), (_, _, view): (usize, usize, ArrayViewMut3<'_, O>)| {
        strided_block_in_place(view, bufs, &kernel);
    };
    run_tasks(tasks, parallel, || (make_work(), Vec::new()), run);
    Ok(())
}

/// Runs `run(buffers, task)` over the tasks, on sci's pool with one set of buffers per
/// worker when `parallel`, else in order with one set.
fn run_tasks<T, B, IB, R>(tasks: Vec<T>, parallel: bool, init: IB, run: R)
where
    T: Send,
    IB: Fn() -> B + Sync + Send,
    R: Fn(&mut B, T) + Sync + Send,
{
    if parallel {
        sci_core::install(|| tasks.into_par_iter().for_each_init(init, run));
    } else {
        let mut bufs = init();
        for t in tasks {
            run(&mut bufs, t);
        }
    }
}

/// The in-place counterpart of [`strided_block`]: gather a block of lanes, transform, scatter
/// back to where they came from.
fn strided_block_in_place<O, W, K>(mut view: ArrayViewMut3<'_, O>, bufs: &mut (W, Vec<O>), kernel: &K)
where
    O: Copy + Default,
    K: Fn(&mut W, &mut [O]),
{
    let (pl, len, ql) = view.dim();
    let (work, buf) = bufs;
    let block = (BLOCK_ELEMS / len).clamp(4, 64);
    if buf.len() < len * block {
        buf.resize(len * block, O::default());
    }
    for p in 0..pl {
        let mut plane = view.index_axis_mut(Axis(0), p);
        let mut qb = 0;
        while qb < ql {
            let b = block.min(ql - qb);
            gather(plane.view(), qb, b, buf);
            for lane in buf[..b * len].chunks_mut(len) {
                kernel(work, lane);
            }
            scatter(buf, plane.view_mut(), qb, b);
            qb += b;
        }
    }
}

/// Copies lanes `q..q + b` of `src` (lanes are its columns, length `src.nrows()`) into
/// `buf`, lane after lane. Rows are read as contiguous runs of the block's lanes when the
/// layout allows.
fn gather<T: Copy>(src: ArrayView2<'_, T>, q: usize, b: usize, buf: &mut [T]) {
    let len = src.nrows();
    for (j, row) in src.rows().into_iter().enumerate() {
        match row.as_slice() {
            Some(r) => r[q..q + b].iter().enumerate().for_each(|(k, &v)| buf[k * len + j] = v),
            None => (0..b).for_each(|k| buf[k * len + j] = row[q + k]),
        }
    }
}

/// The inverse of [`gather`]: writes the `b` lanes in `buf` to lanes `q..q + b` of `dst`.
fn scatter<T: Copy>(buf: &[T], mut dst: ArrayViewMut2<'_, T>, q: usize, b: usize) {
    let len = dst.nrows();
    for (j, mut row) in dst.rows_mut().into_iter().enumerate() {
        match row.as_slice_mut() {
            Some(r) => r[q..q + b].iter_mut().enumerate().for_each(|(k, d)| *d = buf[k * len + j]),
            None => (0..b).for_each(|k| row[q + k] = buf[k * len + j]),
        }
    }
}

fn internal(what: &str) -> Error {
    Error::Unsupported(format!("internal error in the FFT lane driver: {what}"))
}

/// Splits the `(pre, len, post)` output into about `want` disjoint tasks, along `pre` when it
/// is large enough, otherwise along `post` in multiples of [`BLOCK`].
fn split_tasks<O>(out3: ArrayViewMut3<'_, O>, want: usize) -> Vec<(usize, usize, ArrayViewMut3<'_, O>)> {
    let (pre, _, post) = out3.dim();
    let mut tasks = Vec::new();
    if want <= 1 {
        tasks.push((0, 0, out3));
        return tasks;
    }
    let (p_chunk, q_chunk) = if pre >= want {
        (pre.div_ceil(want), post)
    } else {
        let per_p = want.div_ceil(pre);
        let blocks = post.div_ceil(BLOCK);
        (1, blocks.div_ceil(per_p).max(1) * BLOCK)
    };
    let mut rest = out3;
    let mut p0 = 0;
    while p0 < pre {
        let take = p_chunk.min(pre - p0);
        let (head, tail) = rest.split_at(Axis(0), take);
        rest = tail;
        let mut row_rest = head;
        let mut q0 = 0;
        while q0 < post {
            let takeq = q_chunk.min(post - q0);
            let (h, t) = row_rest.split_at(Axis(2), takeq);
            row_rest = t;
            tasks.push((p0, q0, h));
            q0 += takeq;
        }
        p0 += take;
    }
    tasks
}

/// Transforms the strided lanes of one task, a block of neighbouring lanes at a time.
fn strided_block<I, O, W, K>(
    x3: &ArrayView3<'_, I>,
    p0: usize,
    q0: usize,
    mut view: ArrayViewMut3<'_, O>,
    bufs: &mut (W, Vec<I>, Vec<O>),
    kernel: &K,
) where
    I: Copy,
    O: Copy + Default,
    K: Fn(&mut W, &[I], &mut [O]),
{
    let (pl, out_len, ql) = view.dim();
    let in_len = x3.dim().1;
    let (work, inb, outb) = bufs;
    // Lanes per block: enough to read rows in runs, few enough to keep the buffers small.
    let block = (BLOCK_ELEMS / in_len.max(out_len)).clamp(4, 64);
    if inb.len() < in_len * block
        && let Some(&fill) = x3.iter().next()
    {
        inb.resize(in_len * block, fill);
    }
    if outb.len() < out_len * block {
        outb.resize(out_len * block, O::default());
    }
    for p in 0..pl {
        let mut qb = 0;
        while qb < ql {
            let b = block.min(ql - qb);
            gather(x3.index_axis(Axis(0), p0 + p), q0 + qb, b, inb);
            for k in 0..b {
                kernel(work, &inb[k * in_len..(k + 1) * in_len], &mut outb[k * out_len..(k + 1) * out_len]);
            }
            scatter(outb, view.index_axis_mut(Axis(0), p), qb, b);
            qb += b;
        }
    }
}
