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
use sci_core::ndarray::{ArrayD, ArrayView3, ArrayViewD, ArrayViewMut3, Axis, IxDyn};
use sci_core::{Error, Result};

/// Lanes are gathered in blocks of about this many elements per buffer (4 to 64 lanes).
const BLOCK_ELEMS: usize = 1 << 16;
/// Rows per tile of the gather/scatter transposes.
const TILE: usize = 32;
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
            for j in 0..len {
                let row = plane.row(j);
                match row.as_slice() {
                    Some(r) => {
                        for (k, &v) in r[qb..qb + b].iter().enumerate() {
                            buf[k * len + j] = v;
                        }
                    }
                    None => {
                        for k in 0..b {
                            buf[k * len + j] = row[qb + k];
                        }
                    }
                }
            }
            for lane in buf[..b * len].chunks_mut(len) {
                kernel(work, lane);
            }
            for j in 0..len {
                let mut row = plane.row_mut(j);
                match row.as_slice_mut() {
                    Some(r) => {
                        for (k, d) in r[qb..qb + b].iter_mut().enumerate() {
                            *d = buf[k * len + j];
                        }
                    }
                    None => {
                        for k in 0..b {
                            row[qb + k] = buf[k * len + j];
                        }
                    }
                }
            }
            qb += b;
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
            // Gather as a tiled transpose: TILE rows at a time, each lane written in a
            // contiguous run, so both sides stay in cache and in the TLB.
            let src = x3.index_axis(Axis(0), p0 + p);
            let mut j0 = 0;
            while j0 < in_len {
                let jt = TILE.min(in_len - j0);
                for jj in 0..jt {
                    let row = src.row(j0 + jj);
                    // Rows of the standard-layout input are contiguous: read a run of the
                    // block's lanes as a slice, without per-element index arithmetic.
                    match row.as_slice() {
                        Some(r) => {
                            for (k, &v) in r[q0 + qb..q0 + qb + b].iter().enumerate() {
                                inb[k * in_len + j0 + jj] = v;
                            }
                        }
                        None => {
                            for k in 0..b {
                                inb[k * in_len + j0 + jj] = row[q0 + qb + k];
                            }
                        }
                    }
                }
                j0 += jt;
            }
            for k in 0..b {
                kernel(work, &inb[k * in_len..(k + 1) * in_len], &mut outb[k * out_len..(k + 1) * out_len]);
            }
            let mut dst = view.index_axis_mut(Axis(0), p);
            let mut j0 = 0;
            while j0 < out_len {
                let jt = TILE.min(out_len - j0);
                for jj in 0..jt {
                    let mut row = dst.row_mut(j0 + jj);
                    match row.as_slice_mut() {
                        Some(r) => {
                            for (k, d) in r[qb..qb + b].iter_mut().enumerate() {
                                *d = outb[k * out_len + j0 + jj];
                            }
                        }
                        None => {
                            for k in 0..b {
                                row[qb + k] = outb[k * out_len + j0 + jj];
                            }
                        }
                    }
                }
                j0 += jt;
            }
            qb += b;
        }
    }
}
