//! Grouping: equal units into groups.
//!
//! Units are bucketed by fingerprint (a radix sort of compact keys: 32 fingerprint bits above the unit index), and
//! every bucket is verified on normalized text: a hash match alone never makes a group.

use crate::fingerprint::Candidate;
#[cfg(test)]
use crate::fingerprint::UnitPrint;
use crate::normalize::{Normalizer, Scratch};
use crate::split::{Pos, RawUnit};

/// No group: the unit is too short to count, or occurs once.
pub(crate) const NONE: u32 = u32::MAX;

/// Equal units: `members` are unit indices, ascending.
pub(crate) struct Group {
    pub(crate) members: Vec<u32>,
}

/// Work done, counted for tests of the bounds: no step count may grow faster than
/// `n log n` in the number of units, whatever the input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Steps {
    /// Normalized units compared by text (collision checks included).
    pub(crate) comparisons: u64,
    /// Suffix-array work: `n` a prefix-doubling round, plus Kasai's LCP extensions.
    pub(crate) suffix: u64,
    /// Suffix-array entries read to list block occurrences and find leftmost sources.
    pub(crate) occurrences: u64,
}

/// Groups the eligible units by normalized text.
///
/// `prints[i]` is unit `i`'s fingerprint; units that do not count are left out.
/// Returns the groups (sorted by first member) and each unit's group id ([`NONE`] if none).
pub(crate) fn group_units<P: Pos, C: Candidate>(
    text: &str,
    units: &[RawUnit<P>],
    prints: &[C],
    normalizer: Normalizer,
    steps: &mut Steps,
) -> (Vec<Group>, Vec<u32>) {
    // Compact keys: the top 32 bits of the 64-bit bucket key above the unit index, so a
    // key is one `u64` and the keys of a bucket are adjacent and in index order once
    // sorted; a run that shares those 32 bits is split by the whole key.
    let mut keys: Vec<u64> = prints
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.candidate().map(|f| compact(f, i)))
        .collect();
    sort_compact(&mut keys);

    let mut raw_groups: Vec<Vec<u32>> = Vec::new();
    let mut scratch = [Scratch::default(), Scratch::default()];
    let mut bucket: Vec<u32> = Vec::new();
    let key = |m: u32| prints[m as usize].candidate().unwrap_or(0);
    for run in keys
        .chunk_by(|a, b| a >> 32 == b >> 32)
        .filter(|run| run.len() >= 2)
    {
        bucket.clear();
        bucket.extend(run.iter().map(|&k| k as u32));
        // Units that share the 32 bits but not the whole key are apart, as the sort of
        // whole keys left them: so the work counted is the same.
        let first = key(bucket[0]);
        if !bucket.iter().all(|&m| key(m) == first) {
            bucket.sort_by_key(|&m| (key(m), m));
        }
        for sub in bucket
            .chunk_by(|&a, &b| key(a) == key(b))
            .filter(|sub| sub.len() >= 2)
        {
            verify_bucket(text, units, sub, normalizer, &mut scratch, &mut raw_groups, steps);
        }
    }
    raw_groups.sort_unstable_by_key(|g| g[0]);
    let mut class = vec![NONE; units.len()];
    for (id, g) in raw_groups.iter().enumerate() {
        for &m in g {
            class[m as usize] = id as u32;
        }
    }
    let groups = raw_groups.into_iter().map(|members| Group { members }).collect();
    (groups, class)
}

/// Below this many keys a comparison sort is cheaper than the radix passes.
const RADIX_MIN: usize = 2048;

/// A compact key: the top 32 bits of bucket key `f` above unit index `i`, held in 32 bits
/// as the `(fingerprint, u32 index)` keys before it held it.
#[inline]
fn compact(f: u64, i: usize) -> u64 {
    (f & !0xFFFF_FFFF) | (i as u32 as u64)
}

/// Sorts compact keys that come in ascending index order, as `sort_unstable` would: an
/// LSD radix sort of the 32 key bits in three passes of 11, 11 and 10 bits (all three
/// histograms counted in one pass first, a digit that every key shares skipped), stable,
/// so the index bits stay ascending: 3 passes over 8-byte keys where [`sort_keys`] made 8
/// over 16-byte ones.
fn sort_compact(keys: &mut Vec<u64>) {
    debug_assert!(keys.windows(2).all(|w| (w[0] as u32) < (w[1] as u32)));
    let n = keys.len();
    if n < RADIX_MIN {
        keys.sort_unstable();
        return;
    }
    const SHIFTS: [u32; 3] = [32, 43, 54];
    const MASK: u64 = 0x7FF;
    let mut counts = vec![[0usize; 2048]; 3];
    for &k in keys.iter() {
        for (c, &s) in counts.iter_mut().zip(&SHIFTS) {
            c[((k >> s) & MASK) as usize] += 1;
        }
    }
    let mut from = std::mem::take(keys);
    let mut to = vec![0u64; n];
    for (c, &s) in counts.iter_mut().zip(&SHIFTS) {
        if c.contains(&n) {
            continue;
        }
        let mut sum = 0;
        for slot in c.iter_mut() {
            let k = *slot;
            *slot = sum;
            sum += k;
        }
        for &key in &from {
            let slot = &mut c[((key >> s) & MASK) as usize];
            to[*slot] = key;
            *slot += 1;
        }
        std::mem::swap(&mut from, &mut to);
    }
    *keys = from;
}

/// Sorts `(fingerprint, index)` keys that come in ascending index order, as
/// `sort_unstable` would: by fingerprint, then index. An LSD radix sort on the
/// fingerprint's 8 bytes, stable, so equal fingerprints keep their indices ascending:
/// linear in the keys (8 passes of counting and scattering, all 8 histograms counted in one
/// pass first, a byte that every key shares skipped) where the comparison sort took
/// `n log n` comparisons of 12-byte keys.
#[cfg(test)]
fn sort_keys(keys: &mut Vec<(u64, u32)>) {
    debug_assert!(keys.windows(2).all(|w| w[0].1 < w[1].1));
    let n = keys.len();
    if n < RADIX_MIN {
        keys.sort_unstable();
        return;
    }
    let mut counts = [[0usize; 256]; 8];
    for &(f, _) in keys.iter() {
        for (d, c) in counts.iter_mut().enumerate() {
            c[(f >> (8 * d)) as usize & 0xFF] += 1;
        }
    }
    let mut from = std::mem::take(keys);
    let mut to = vec![(0u64, 0u32); n];
    for (d, c) in counts.iter().enumerate() {
        if c.contains(&n) {
            continue;
        }
        let mut next = [0usize; 256];
        let mut sum = 0;
        for (slot, &k) in next.iter_mut().zip(c) {
            *slot = sum;
            sum += k;
        }
        for &key in &from {
            let b = (key.0 >> (8 * d)) as usize & 0xFF;
            to[next[b]] = key;
            next[b] += 1;
        }
        std::mem::swap(&mut from, &mut to);
    }
    *keys = from;
}

/// Splits one fingerprint bucket (indices ascending) into groups of truly equal units.
///
/// The common case, all members equal to the first, costs one comparison a member. Only
/// when a member differs (a fingerprint collision) is the bucket sorted by text, which
/// keeps crafted collisions at `O(n log n)` comparisons rather than `O(n^2)`.
fn verify_bucket<P: Pos>(
    text: &str,
    units: &[RawUnit<P>],
    bucket: &[u32],
    normalizer: Normalizer,
    scratch: &mut [Scratch; 2],
    out: &mut Vec<Vec<u32>>,
    steps: &mut Steps,
) {
    let [a, b] = scratch;
    let raw = |m: u32| &text[units[m as usize].span()];
    let raw_first = raw(bucket[0]);
    // Equal bytes have equal normal forms, and most members are byte-identical copies of
    // the first: only from the first member that differs in its bytes on are units
    // normalized and compared as normalized text.
    steps.comparisons += bucket.len() as u64 - 1;
    let all_equal = match bucket[1..].iter().position(|&m| raw(m) != raw_first) {
        None => true,
        Some(p) => {
            let first = normalizer.apply(raw_first, a);
            bucket[1 + p..]
                .iter()
                .all(|&m| raw(m) == raw_first || normalizer.apply(raw(m), b) == first)
        }
    };
    if all_equal {
        out.push(bucket.to_vec());
        return;
    }
    let mut texts: Vec<(String, u32)> = bucket
        .iter()
        .map(|&m| {
            (
                normalizer
                    .normalize_cow(&text[units[m as usize].span()])
                    .into_owned(),
                m,
            )
        })
        .collect();
    texts.sort_unstable_by(|x, y| {
        steps.comparisons += 1;
        x.cmp(y)
    });
    for run in texts.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() >= 2) {
        out.push(run.iter().map(|t| t.1).collect());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The radix sort orders keys as the comparison sort does, whatever their
        /// fingerprints (few distinct ones, shared bytes, any size around the cut-over).
        #[test]
        fn radix_sort_equals_comparison_sort(
            fps in prop::collection::vec(any::<u64>(), 0..6000),
            mask in prop_oneof![Just(u64::MAX), Just(0xFF), Just(0xFF00_0000_0000_00FF), Just(0)],
        ) {
            let mut keys: Vec<(u64, u32)> =
                fps.iter().enumerate().map(|(i, &f)| (f & mask, i as u32)).collect();
            let mut want = keys.clone();
            want.sort_unstable();
            sort_keys(&mut keys);
            prop_assert_eq!(keys, want);
        }

        /// The compact radix sort orders keys as the comparison sort does, and buckets
        /// (keys by their top 32 bits) come out as the old sort of `(fingerprint, index)`
        /// keys gives them when the fingerprints' low 32 bits are zero.
        #[test]
        fn compact_sort_equals_old_sort(
            fps in prop::collection::vec(any::<u64>(), 0..6000),
            mask in prop_oneof![Just(u64::MAX), Just(0xFF << 32), Just(0xFF00_0000_00FF_0000), Just(0), Just(0x7FF << 43)],
        ) {
            let mut keys: Vec<u64> =
                fps.iter().enumerate().map(|(i, &f)| compact(f & mask, i)).collect();
            let mut want = keys.clone();
            want.sort_unstable();
            sort_compact(&mut keys);
            prop_assert_eq!(&keys, &want);
            let mut old: Vec<(u64, u32)> =
                fps.iter().enumerate().map(|(i, &f)| (f & mask & !0xFFFF_FFFF, i as u32)).collect();
            sort_keys(&mut old);
            let old: Vec<u64> = old.iter().map(|&(f, i)| f | i as u64).collect();
            prop_assert_eq!(keys, old);
        }
    }

    /// A unit that counts, with this fingerprint.
    fn print(fp: u64) -> UnitPrint {
        UnitPrint {
            hash: [fp, 0],
            counts: true,
        }
    }

    #[test]
    fn colliding_fingerprints_are_split_by_text() {
        use crate::normalize::Normalize;
        use crate::Span;
        let text = "first text here\nother text here\nfirst text here\nother text here\nlone one";
        let mut units: Vec<RawUnit> = Vec::new();
        let mut start = 0;
        for (k, line) in text.split('\n').enumerate() {
            let span = Span {
                start,
                end: start + line.len(),
            };
            let line = k + 1;
            units.push(RawUnit::new(span, line, line));
            start = span.end + 1;
        }
        let normalizer = Normalizer {
            level: Normalize::Unicode,
            fold_case: false,
        };
        let (groups, class) = group_units(text, &units, &[print(7); 5], normalizer, &mut Steps::default());
        let members: Vec<Vec<u32>> = groups.into_iter().map(|g| g.members).collect();
        assert_eq!(members, vec![vec![0, 2], vec![1, 3]]);
        assert_eq!(class, vec![0, 1, 0, 1, NONE]);
    }

    #[test]
    fn crafted_collisions_cost_n_log_n_comparisons() {
        // Every unit distinct, every fingerprint the same: what an attacker who knows
        // the seed could aim for. Sorting the bucket keeps it at O(n log n).
        let n = 4096usize;
        let text: String = (0..n).map(|i| format!("distinct unit number {i:05}\n")).collect();
        let (_, units) = crate::split::split::<u32>(&text, crate::Unit::Line);
        let normalizer = Normalizer {
            level: crate::Normalize::Unicode,
            fold_case: false,
        };
        let mut steps = Steps::default();
        let (groups, _) = group_units(&text, &units, &vec![print(42); n], normalizer, &mut steps);
        assert!(groups.is_empty());
        let bound = (2 * n * (usize::BITS - n.leading_zeros()) as usize) as u64;
        assert!(steps.comparisons <= bound, "{} > {bound}", steps.comparisons);
    }
}
