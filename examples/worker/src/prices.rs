//! Prices, picked by index.

/// The sum of `prices[i]` for every `i` in `picked`; panics on an index past the end.
pub fn total(prices: &[u32], picked: &[u32]) -> u32 {
    let mut sum = 0;
    for &index in picked {
        sum += prices[index as usize]; // site:worker_total
    }
    sum
}
