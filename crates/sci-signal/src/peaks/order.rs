//! The visiting order of `find_peaks`' distance selection: an argsort of `f64` priorities.

/// Indices of `keys` in ascending [`f64::total_cmp`] order, equal keys by ascending index
/// (a stable argsort).
///
/// An LSD radix sort on the keys' order-preserving bit patterns: one histogram pass, then one
/// scatter pass per byte that is not the same for every key. Linear time, so a million
/// candidate peaks sort in a few milliseconds instead of the tens a comparison sort takes.
pub(super) fn stable_argsort(keys: &[f64]) -> Vec<usize> {
    let n = keys.len();
    if u32::try_from(n).is_err() {
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| keys[a].total_cmp(&keys[b]));
        return order;
    }
    let mut items: Vec<(u64, u32)> = keys.iter().zip(0u32..).map(|(&k, i)| (ordered_bits(k), i)).collect();
    let mut counts = [[0usize; 256]; 8];
    for &(bits, _) in &items {
        for (byte, count) in counts.iter_mut().enumerate() {
            count[((bits >> (8 * byte)) & 0xff) as usize] += 1;
        }
    }
    let mut spare = vec![(0u64, 0u32); n];
    for (byte, count) in counts.iter().enumerate() {
        if count.contains(&n) {
            continue; // every key has the same value in this byte
        }
        let mut next = [0usize; 256];
        let mut sum = 0;
        for (slot, &c) in next.iter_mut().zip(count) {
            *slot = sum;
            sum += c;
        }
        for &item in &items {
            let digit = ((item.0 >> (8 * byte)) & 0xff) as usize;
            spare[next[digit]] = item;
            next[digit] += 1;
        }
        std::mem::swap(&mut items, &mut spare);
    }
    items.into_iter().map(|(_, i)| i as usize).collect()
}

/// A `u64` whose unsigned order is the [`f64::total_cmp`] order of `v`.
fn ordered_bits(v: f64) -> u64 {
    let bits = v.to_bits();
    if bits >> 63 == 1 { !bits } else { bits | (1 << 63) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_a_stable_comparison_sort() {
        let mut keys: Vec<f64> = (0..5000).map(|i| (((i * 7919) % 1013) as f64 - 500.0) / 3.0).collect();
        keys.extend([0.0, -0.0, f64::INFINITY, f64::NEG_INFINITY, 1e-310, -1e-310, 0.0, 2.5, 2.5]);
        let mut expected: Vec<usize> = (0..keys.len()).collect();
        expected.sort_by(|&a, &b| keys[a].total_cmp(&keys[b]));
        assert_eq!(stable_argsort(&keys), expected);
        assert!(stable_argsort(&[]).is_empty());
        assert_eq!(stable_argsort(&[1.0, 1.0, 1.0]), vec![0, 1, 2]);
    }
}
