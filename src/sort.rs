//! One stable sort for the model and the app.
//!
//! Each `sort_by` or `sort_by_key` on a new element type or with a new closure compiles its
//! own copy of the standard library's stable sort, about 5 KB of wasm each (fourteen copies
//! were 72 KB raw, 22 KB gzipped). The functions here sort a list of indexes instead, through
//! one comparison behind a `dyn`, so the standard sort is compiled once; then they move the
//! elements into that order. The result is exactly `slice::sort_by`'s: a stable sort, equal
//! elements kept in their order. For the short lists they serve (causes, levers, places,
//! systems, months), the extra indirection costs nothing that shows; the Monte Carlo's sorts of
//! `f64`s keep `sort_by(f64::total_cmp)`.

use std::cmp::Ordering;

/// Sorts `idx` stably by `cmp` (`idx.sort_by(|&a, &b| cmp(a, b))`): the one instantiation
/// of the standard stable sort behind this module.
#[inline(never)]
pub fn sort_indexes(idx: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    idx.sort_by(|&a, &b| cmp(a, b));
}

/// The same as `v.sort_by(cmp)`: stable, equal elements keep their order.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut idx: Vec<usize> = (0..v.len()).collect();
    sort_indexes(&mut idx, &mut |a, b| cmp(&v[a], &v[b]));
    permute(v, &mut idx);
}

/// The same as `v.sort_by_key(key)`: stable, equal keys keep their order.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Puts `v` in the order `idx` gives (`v[k]` becomes the old `v[idx[k]]`), cycle by cycle,
/// with swaps only. `idx` is used up (each done entry set to `usize::MAX`).
fn permute<T>(v: &mut [T], idx: &mut [usize]) {
    for start in 0..idx.len() {
        let mut k = start;
        while idx[k] != usize::MAX {
            let from = idx[k];
            idx[k] = usize::MAX;
            if from == start {
                break;
            }
            v.swap(k, from);
            k = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::unnecessary_sort_by)] // `sort_by` itself is what is compared against
    fn sorts_as_the_standard_stable_sort_does() {
        // A small deterministic generator: lists of every length up to 40 with many ties.
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for len in 0..40 {
            for _ in 0..25 {
                let v: Vec<(u8, usize)> = (0..len)
                    .map(|i| {
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        ((x % 5) as u8, i)
                    })
                    .collect();
                let mut want = v.clone();
                want.sort_by(|a, b| b.0.cmp(&a.0));
                let mut got = v.clone();
                sort_by(&mut got, |a, b| b.0.cmp(&a.0));
                assert_eq!(got, want);
                let mut want = v.clone();
                want.sort_by_key(|e| e.0);
                let mut got = v;
                sort_by_key(&mut got, |e| e.0);
                assert_eq!(got, want);
            }
        }
    }

    #[test]
    fn sorts_indexes_stably() {
        let keys: [f64; 5] = [3.0, 1.0, 3.0, 2.0, 1.0];
        let mut idx: Vec<usize> = (0..keys.len()).collect();
        sort_indexes(&mut idx, &mut |a, b| keys[b].total_cmp(&keys[a]));
        assert_eq!(idx, [0, 2, 3, 1, 4]);
    }
}
