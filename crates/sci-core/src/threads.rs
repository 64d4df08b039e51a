//! One place to control how many threads sci uses.
//!
//! sci parallelises through rayon (large loops) and faer (dense linear algebra, which runs on
//! rayon too). By default both use rayon's global pool, sized to all cores (or to
//! `RAYON_NUM_THREADS`). [`set_num_threads`] switches sci to a dedicated pool of the given
//! size; every parallel section in sci runs through [`install`], so the setting covers
//! rayon loops and faer kernels alike. The environment variable `SCI_NUM_THREADS` is read
//! once, at the first use, as the initial setting.
//!
//! This plays the role of SciPy's `workers=` arguments and of `threadpoolctl` for BLAS.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};

use crate::{Error, Result};

/// 0 means "not set": use rayon's global pool.
static REQUESTED: AtomicUsize = AtomicUsize::new(0);
static ENV_READ: AtomicBool = AtomicBool::new(false);
static POOL: RwLock<Option<Arc<rayon::ThreadPool>>> = RwLock::new(None);

/// Sets the number of threads sci's parallel sections use; `0` restores the default
/// (rayon's global pool, normally one thread per core).
///
/// Fails only if the operating system refuses to start the threads.
///
/// ```
/// sci_core::set_num_threads(2)?;
/// assert_eq!(sci_core::num_threads(), 2);
/// sci_core::set_num_threads(0)?; // back to all cores
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn set_num_threads(n: usize) -> Result<()> {
    ENV_READ.store(true, Ordering::SeqCst);
    let pool = if n == 0 {
        None
    } else {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .thread_name(|i| format!("sci-worker-{i}"))
            .build()
            .map_err(|e| Error::invalid_argument("n", format!("could not start {n} threads: {e}")))?;
        Some(Arc::new(pool))
    };
    let mut guard = POOL.write().unwrap_or_else(|poisoned| poisoned.into_inner());
    *guard = pool;
    REQUESTED.store(n, Ordering::SeqCst);
    Ok(())
}

/// The number of threads sci's parallel sections use.
///
/// ```
/// assert!(sci_core::num_threads() >= 1);
/// ```
pub fn num_threads() -> usize {
    read_env_once();
    match REQUESTED.load(Ordering::SeqCst) {
        0 => rayon::current_num_threads(),
        n => n,
    }
}

/// The faer parallelism matching [`num_threads`]: sequential for one thread, rayon otherwise.
///
/// Pass it to faer kernels *inside* [`install`], so they run on sci's pool.
///
/// ```
/// let par = sci_core::faer_par();
/// assert!(matches!(par, faer::Par::Seq | faer::Par::Rayon(_)));
/// ```
pub fn faer_par() -> faer::Par {
    match num_threads() {
        0 | 1 => faer::Par::Seq,
        n => faer::Par::rayon(n),
    }
}

/// Runs `f` on sci's thread pool, so rayon iterators and faer kernels inside it use the
/// configured number of threads. Without [`set_num_threads`] it simply calls `f`.
///
/// ```
/// use rayon::prelude::*;
/// sci_core::set_num_threads(2)?;
/// let total: u64 = sci_core::install(|| (0..1000u64).into_par_iter().sum());
/// assert_eq!(total, 499_500);
/// assert_eq!(sci_core::install(rayon::current_num_threads), 2);
/// sci_core::set_num_threads(0)?;
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn install<R, F>(f: F) -> R
where
    R: Send,
    F: FnOnce() -> R + Send,
{
    read_env_once();
    let pool = POOL.read().unwrap_or_else(|poisoned| poisoned.into_inner()).clone();
    match pool {
        Some(pool) => pool.install(f),
        None => f(),
    }
}

fn read_env_once() {
    if ENV_READ.swap(true, Ordering::SeqCst) {
        return;
    }
    if let Some(n) = std::env::var("SCI_NUM_THREADS").ok().and_then(|v| v.trim().parse::<usize>().ok()) {
        // An unusable value leaves the default in place rather than failing a computation.
        let _ = set_num_threads(n);
    }
}
