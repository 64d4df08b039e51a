//! The one thread-count knob covers rayon loops and faer kernels.
#![allow(clippy::unwrap_used)]

use rayon::prelude::*;

#[test]
fn set_num_threads_controls_rayon_and_faer() {
    sci_core::set_num_threads(3).unwrap();
    assert_eq!(sci_core::num_threads(), 3);
    assert_eq!(sci_core::install(rayon::current_num_threads), 3);
    assert_eq!(sci_core::faer_par(), faer::Par::rayon(3));
    let threads_seen: std::collections::BTreeSet<String> = sci_core::install(|| {
        (0..64).into_par_iter().map(|_| std::thread::current().name().unwrap_or("").to_string()).collect()
    });
    assert!(threads_seen.iter().all(|n| n.starts_with("sci-worker-")), "{threads_seen:?}");

    sci_core::set_num_threads(1).unwrap();
    assert_eq!(sci_core::faer_par(), faer::Par::Seq);

    sci_core::set_num_threads(0).unwrap();
    assert_eq!(sci_core::num_threads(), rayon::current_num_threads());
}
