//! Grouping: equal units into groups, and runs of consecutive units into maximal blocks.
//!
//! Units are bucketed by fingerprint (a sort of compact `(fingerprint, index)` keys), and
//! every bucket is verified on normalized text: a hash match alone never makes a group.
//!
//! Blocks come from a left-to-right greedy parse of the sequence of eligible units, each
//! unit replaced by its group id: at each position, the longest run that also starts at
//! an earlier position (the *longest previous factor*, found with a suffix array in
//! `O(n log n)`) is a copy of that earlier run. A copy that overlaps its source (periodic
//! input such as `A B A B A B`) is cut at the period, so `A B A B A B` is the block `A B`
//! three times and a line repeated a million times is one group of a million units and no
//! block; a last, partial period (`A B A B A`) is left to the groups. Every distinct copied run of two or more units becomes a block, with every
//! non-overlapping place it occurs, found from the suffix array.

use std::collections::HashMap;

use crate::normalize::{Normalizer, Scratch};
use crate::split::RawUnit;

/// No group: the unit is too short to count, or occurs once.
pub(crate) const NONE: u32 = u32::MAX;

/// Equal units: `members` are unit indices, ascending.
pub(crate) struct Group {
    pub(crate) members: Vec<u32>,
}

/// A block: `len` eligible units long, starting at these eligible-unit positions.
pub(crate) struct Block {
    pub(crate) len: u32,
    pub(crate) starts: Vec<u32>,
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
/// `fingerprints[i]` is unit `i`'s fingerprint, or `None` when it is not eligible.
/// Returns the groups (sorted by first member) and each unit's group id ([`NONE`] if none).
pub(crate) fn group_units(
    text: &str,
    units: &[RawUnit],
    fingerprints: &[Option<u64>],
    normalizer: Normalizer,
    steps: &mut Steps,
) -> (Vec<Group>, Vec<u32>) {
    let mut keys: Vec<(u64, u32)> = fingerprints
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.map(|f| (f, i as u32)))
        .collect();
    keys.sort_unstable();

    let mut raw_groups: Vec<Vec<u32>> = Vec::new();
    let mut scratch = [Scratch::default(), Scratch::default()];
    for run in keys.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() >= 2) {
        let bucket: Vec<u32> = run.iter().map(|k| k.1).collect();
        verify_bucket(
            text,
            units,
            &bucket,
            normalizer,
            &mut scratch,
            &mut raw_groups,
            steps,
        );
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

/// Splits one fingerprint bucket (indices ascending) into groups of truly equal units.
///
/// The common case, all members equal to the first, costs one comparison a member. Only
/// when a member differs (a fingerprint collision) is the bucket sorted by text, which
/// keeps crafted collisions at `O(n log n)` comparisons rather than `O(n^2)`.
fn verify_bucket(
    text: &str,
    units: &[RawUnit],
    bucket: &[u32],
    normalizer: Normalizer,
    scratch: &mut [Scratch; 2],
    out: &mut Vec<Vec<u32>>,
    steps: &mut Steps,
) {
    let [a, b] = scratch;
    let first = normalizer.apply(&text[units[bucket[0] as usize].span], a);
    let all_equal = bucket[1..].iter().all(|&m| {
        steps.comparisons += 1;
        normalizer.apply(&text[units[m as usize].span], b) == first
    });
    if all_equal {
        out.push(bucket.to_vec());
        return;
    }
    let mut texts: Vec<(String, u32)> = bucket
        .iter()
        .map(|&m| {
            (
                normalizer
                    .normalize_cow(&text[units[m as usize].span])
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

/// Maximal repeated blocks over `seq`, the group ids of the eligible units in order
/// (`seq[i] < alphabet`, units in no group given ids of their own).
pub(crate) fn blocks(seq: &[u32], alphabet: usize, steps: &mut Steps) -> Vec<Block> {
    let n = seq.len();
    if n < 4 {
        return Vec::new();
    }
    let (sa, rounds) = suffix_array_rounds(seq, alphabet);
    let mut rank = vec![0u32; n];
    for (r, &p) in sa.iter().enumerate() {
        rank[p as usize] = r as u32;
    }
    let (lcp, extensions) = lcp_array_steps(seq, &sa, &rank);
    steps.suffix += rounds * n as u64 + extensions;
    let (lpf_len, lpf_src) = longest_previous_factor(&sa, &lcp);

    // The greedy parse, cutting overlapping copies at their period.
    let mut seen: HashMap<&[u32], usize> = HashMap::new();
    let mut out: Vec<Block> = Vec::new();
    let mut i = 0usize;
    while i < n {
        let len = lpf_len[i] as usize;
        if len < 2 {
            i += 1;
            continue;
        }
        // Of several earlier sources the suffix-array neighbours give any one; a copy
        // that overlaps it may have another it does not overlap, so take the leftmost.
        let mut src = lpf_src[i] as usize;
        if src + len > i {
            let (lo, hi) = interval(&sa, &lcp, &rank, i, len);
            steps.occurrences += (hi - lo + 1) as u64;
            src = sa[lo..=hi].iter().min().map_or(src, |&s| s as usize);
        }
        let period = i - src;
        let mut at = i;
        while at < i + len {
            let piece = period.min(i + len - at);
            // The last, partial period of a copy that overlaps its source is a prefix of
            // the block just found, not a block of its own.
            let tail = period < len && piece < period;
            if piece >= 2 && !tail {
                let content = &seq[at..at + piece];
                if !seen.contains_key(content) {
                    seen.insert(content, out.len());
                    let starts = occurrences(&sa, &lcp, &rank, at, piece);
                    steps.occurrences += starts.len() as u64;
                    out.push(Block {
                        len: piece as u32,
                        starts,
                    });
                }
            }
            at += piece;
        }
        i += len;
    }
    out.retain(|b| b.starts.len() >= 2);
    out.sort_unstable_by(|x, y| x.starts[0].cmp(&y.starts[0]).then(y.len.cmp(&x.len)));
    out
}

/// The suffix-array ranks `lo..=hi` of every suffix that starts with `seq[at..at + len]`.
fn interval(sa: &[u32], lcp: &[u32], rank: &[u32], at: usize, len: usize) -> (usize, usize) {
    let r = rank[at] as usize;
    let len32 = len as u32;
    let mut lo = r;
    while lo > 0 && lcp[lo] >= len32 {
        lo -= 1;
    }
    let mut hi = r;
    while hi + 1 < sa.len() && lcp[hi + 1] >= len32 {
        hi += 1;
    }
    (lo, hi)
}

/// Every non-overlapping start of the run `seq[at..at + len]`, ascending.
fn occurrences(sa: &[u32], lcp: &[u32], rank: &[u32], at: usize, len: usize) -> Vec<u32> {
    let len32 = len as u32;
    let (lo, hi) = interval(sa, lcp, rank, at, len);
    let mut starts: Vec<u32> = sa[lo..=hi].to_vec();
    starts.sort_unstable();
    let mut kept = Vec::with_capacity(starts.len());
    let mut free_from = 0u32;
    for s in starts {
        if s >= free_from {
            kept.push(s);
            free_from = s + len32;
        }
    }
    kept
}

/// Suffix array of `s` (`s[i] < alphabet`): SA-IS, `O(n + alphabet)`; a suffix that is a
/// prefix of another sorts first.
pub(crate) fn suffix_array(s: &[u32], alphabet: usize) -> Vec<u32> {
    suffix_array_rounds(s, alphabet).0
}

/// Below this length, prefix doubling beats SA-IS's fixed costs.
const DOUBLING_BELOW: usize = 40;

/// [`suffix_array`], and the work it took in units of `n`: 1 for SA-IS, whose recursion
/// on at most half the length keeps all its levels under `2n`, or the number of
/// prefix-doubling rounds (at most `1 + log2 n`) for short inputs.
fn suffix_array_rounds(s: &[u32], alphabet: usize) -> (Vec<u32>, u64) {
    if s.len() < DOUBLING_BELOW {
        return prefix_doubling(s, alphabet);
    }
    let upper = s.iter().max().map_or(0, |&m| m as usize);
    (sa_is(s, upper), 1)
}

/// The SA-IS suffix array (Nong, Zhang and Chan, 2009) of `s`, whose values are at most
/// `upper`, as in the AtCoder Library's `sa_is` (CC0). `u32::MAX` marks an empty slot.
fn sa_is(s: &[u32], upper: usize) -> Vec<u32> {
    const EMPTY: u32 = u32::MAX;
    let n = s.len();
    if n < DOUBLING_BELOW {
        return prefix_doubling(s, upper + 1).0;
    }
    // `ls[i]`: suffix `i` is S-type (smaller than suffix `i + 1`); the last is L-type.
    let mut ls = vec![false; n];
    for i in (0..n - 1).rev() {
        ls[i] = if s[i] == s[i + 1] {
            ls[i + 1]
        } else {
            s[i] < s[i + 1]
        };
    }
    // Bucket starts: `sum_l[c]` for L-type suffixes of `c`, `sum_s[c]` for S-type ones.
    let mut sum_l = vec![0u32; upper + 2];
    let mut sum_s = vec![0u32; upper + 2];
    for i in 0..n {
        if ls[i] {
            sum_l[s[i] as usize + 1] += 1;
        } else {
            sum_s[s[i] as usize] += 1;
        }
    }
    for c in 0..=upper {
        sum_s[c] += sum_l[c];
        sum_l[c + 1] += sum_s[c];
    }
    let mut sa = vec![EMPTY; n];
    let mut buf = vec![0u32; upper + 2];
    let mut induce = |sa: &mut [u32], lms: &[u32]| {
        sa.fill(EMPTY);
        buf.copy_from_slice(&sum_s);
        for &d in lms {
            let c = s[d as usize] as usize;
            sa[buf[c] as usize] = d;
            buf[c] += 1;
        }
        buf.copy_from_slice(&sum_l);
        let c = s[n - 1] as usize;
        sa[buf[c] as usize] = (n - 1) as u32;
        buf[c] += 1;
        for i in 0..n {
            let v = sa[i];
            if v != EMPTY && v >= 1 && !ls[v as usize - 1] {
                let c = s[v as usize - 1] as usize;
                sa[buf[c] as usize] = v - 1;
                buf[c] += 1;
            }
        }
        buf.copy_from_slice(&sum_l);
        for i in (0..n).rev() {
            let v = sa[i];
            if v != EMPTY && v >= 1 && ls[v as usize - 1] {
                let c = s[v as usize - 1] as usize + 1;
                buf[c] -= 1;
                sa[buf[c] as usize] = v - 1;
            }
        }
    };
    // LMS positions (S-type right after L-type), and each one's number among them.
    let mut lms_map = vec![EMPTY; n + 1];
    let mut lms: Vec<u32> = Vec::new();
    for i in 1..n {
        if !ls[i - 1] && ls[i] {
            lms_map[i] = lms.len() as u32;
            lms.push(i as u32);
        }
    }
    let m = lms.len();
    induce(&mut sa, &lms);
    if m > 0 {
        // Name the LMS substrings in sorted order, then sort them by recursion.
        let sorted_lms: Vec<u32> = sa
            .iter()
            .copied()
            .filter(|&v| v != EMPTY && lms_map[v as usize] != EMPTY)
            .collect();
        let mut rec_s = vec![0u32; m];
        let mut rec_upper = 0u32;
        rec_s[lms_map[sorted_lms[0] as usize] as usize] = 0;
        for i in 1..m {
            let (mut l, mut r) = (sorted_lms[i - 1] as usize, sorted_lms[i] as usize);
            let end = |p: usize| {
                let k = lms_map[p] as usize + 1;
                if k < m {
                    lms[k] as usize
                } else {
                    n
                }
            };
            let (end_l, end_r) = (end(l), end(r));
            let mut same = end_l - l == end_r - r;
            if same {
                while l < end_l && s[l] == s[r] {
                    l += 1;
                    r += 1;
                }
                if l == n || s[l] != s[r] {
                    same = false;
                }
            }
            if !same {
                rec_upper += 1;
            }
            rec_s[lms_map[sorted_lms[i] as usize] as usize] = rec_upper;
        }
        let rec_sa = sa_is(&rec_s, rec_upper as usize);
        let sorted_lms: Vec<u32> = rec_sa.iter().map(|&i| lms[i as usize]).collect();
        induce(&mut sa, &sorted_lms);
    }
    sa
}

/// Suffix array of `s` by prefix doubling with two counting sorts a round, and the number
/// of rounds: `O(n log n)`.
fn prefix_doubling(s: &[u32], alphabet: usize) -> (Vec<u32>, u64) {
    let n = s.len();
    if n == 0 {
        return (Vec::new(), 0);
    }
    let mut rounds = 0u64;
    let mut rank: Vec<u32> = s.to_vec();
    let mut sa: Vec<u32> = (0..n as u32).collect();
    let mut tmp: Vec<u32> = vec![0; n];
    let mut keys = alphabet.max(n) + 1;
    let mut count: Vec<u32> = Vec::new();
    let mut k = 1usize;
    loop {
        rounds += 1;
        let second = |i: u32| -> usize {
            let j = i as usize + k;
            if j < n {
                rank[j] as usize + 1
            } else {
                0
            }
        };
        // Sort by the second key, then stably by the first.
        counting_sort(&sa, &mut tmp, &mut count, keys + 1, second);
        counting_sort(&tmp, &mut sa, &mut count, keys + 1, |i| rank[i as usize] as usize);
        // Re-rank.
        let mut new_rank = vec![0u32; n];
        let mut r = 0u32;
        for w in 1..n {
            let (p, q) = (sa[w - 1], sa[w]);
            if rank[p as usize] != rank[q as usize] || second(p) != second(q) {
                r += 1;
            }
            new_rank[q as usize] = r;
        }
        new_rank[sa[0] as usize] = 0;
        rank = new_rank;
        keys = r as usize + 1;
        if r as usize == n - 1 {
            break;
        }
        k *= 2;
        if k >= n {
            break;
        }
    }
    (sa, rounds)
}

fn counting_sort(
    src: &[u32],
    dst: &mut [u32],
    count: &mut Vec<u32>,
    keys: usize,
    key: impl Fn(u32) -> usize,
) {
    count.clear();
    count.resize(keys + 1, 0);
    for &i in src {
        count[key(i) + 1] += 1;
    }
    for c in 1..count.len() {
        count[c] += count[c - 1];
    }
    for &i in src {
        let k = key(i);
        dst[count[k] as usize] = i;
        count[k] += 1;
    }
}

/// Kasai's algorithm: `lcp[r]` is the common prefix length of suffixes `sa[r - 1]` and `sa[r]`.
pub(crate) fn lcp_array(s: &[u32], sa: &[u32], rank: &[u32]) -> Vec<u32> {
    lcp_array_steps(s, sa, rank).0
}

/// [`lcp_array`], and the number of extension steps it took (at most `2n`).
fn lcp_array_steps(s: &[u32], sa: &[u32], rank: &[u32]) -> (Vec<u32>, u64) {
    let n = s.len();
    let mut lcp = vec![0u32; n];
    let mut h = 0usize;
    let mut extensions = 0u64;
    for i in 0..n {
        let r = rank[i] as usize;
        if r > 0 {
            let j = sa[r - 1] as usize;
            while i + h < n && j + h < n && s[i + h] == s[j + h] {
                h += 1;
                extensions += 1;
            }
            lcp[r] = h as u32;
            h = h.saturating_sub(1);
        } else {
            h = 0;
        }
    }
    (lcp, extensions)
}

/// For each position, the longest run starting there that also starts at an earlier
/// position, and that earlier position: the nearest suffixes in suffix-array order that
/// start earlier in the text (previous and next smaller values), with the LCP to each
/// kept on a monotone stack. `O(n)`.
fn longest_previous_factor(sa: &[u32], lcp: &[u32]) -> (Vec<u32>, Vec<u32>) {
    let n = sa.len();
    let mut len = vec![0u32; n];
    let mut src = vec![0u32; n];
    let mut stack: Vec<(usize, u32)> = Vec::new();
    // Previous smaller value, scanning ranks upwards.
    for r in 0..n {
        if let Some(top) = stack.last_mut() {
            top.1 = top.1.min(lcp[r]);
        }
        settle(&mut stack, sa, sa[r], &mut len, &mut src);
        stack.push((r, u32::MAX));
    }
    // Next smaller value, scanning ranks downwards.
    stack.clear();
    for r in (0..n).rev() {
        if let Some(top) = stack.last_mut() {
            top.1 = top.1.min(lcp[r + 1]);
        }
        settle(&mut stack, sa, sa[r], &mut len, &mut src);
        stack.push((r, u32::MAX));
    }
    (len, src)
}

/// Pops the entries for suffixes starting after `p`, then offers the top as `p`'s source.
fn settle(stack: &mut Vec<(usize, u32)>, sa: &[u32], p: u32, len: &mut [u32], src: &mut [u32]) {
    while let Some(&(tr, tm)) = stack.last() {
        if sa[tr] > p {
            stack.pop();
            if let Some(below) = stack.last_mut() {
                below.1 = below.1.min(tm);
            }
        } else {
            break;
        }
    }
    if let Some(&(tr, tm)) = stack.last() {
        let p = p as usize;
        if tm > len[p] || (tm == len[p] && tm > 0 && sa[tr] < src[p]) {
            len[p] = tm;
            src[p] = sa[tr];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive_sa(s: &[u32]) -> Vec<u32> {
        let mut sa: Vec<u32> = (0..s.len() as u32).collect();
        sa.sort_by(|&a, &b| s[a as usize..].cmp(&s[b as usize..]));
        sa
    }

    fn naive_lpf(s: &[u32]) -> Vec<u32> {
        (0..s.len())
            .map(|i| {
                (0..i)
                    .map(|j| s[i..].iter().zip(&s[j..]).take_while(|(a, b)| a == b).count())
                    .max()
                    .unwrap_or(0) as u32
            })
            .collect()
    }

    fn seqs() -> Vec<Vec<u32>> {
        let mut out = vec![
            vec![0, 1, 0, 1, 0, 1],
            vec![0; 17],
            vec![0, 0, 1, 0, 0, 1],
            vec![2, 1, 0, 2, 1, 0, 2, 1, 3],
            vec![5],
            vec![],
        ];
        let mut x = 7u64;
        for len in 1..60 {
            let mut v = Vec::new();
            for _ in 0..len {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                v.push((x % 3) as u32);
            }
            out.push(v);
        }
        out
    }

    #[test]
    fn colliding_fingerprints_are_split_by_text() {
        use crate::normalize::Normalize;
        use crate::Span;
        let text = "first text here\nother text here\nfirst text here\nother text here\nlone one";
        let mut units = Vec::new();
        let mut start = 0;
        for (k, line) in text.split('\n').enumerate() {
            let span = Span {
                start,
                end: start + line.len(),
            };
            let line = k + 1;
            units.push(RawUnit {
                span,
                line,
                end_line: line,
            });
            start = span.end + 1;
        }
        let normalizer = Normalizer {
            level: Normalize::Unicode,
            fold_case: false,
        };
        let (groups, class) = group_units(text, &units, &[Some(7); 5], normalizer, &mut Steps::default());
        let members: Vec<Vec<u32>> = groups.into_iter().map(|g| g.members).collect();
        assert_eq!(members, vec![vec![0, 2], vec![1, 3]]);
        assert_eq!(class, vec![0, 1, 0, 1, NONE]);
    }

    #[test]
    fn suffix_array_matches_naive() {
        for s in seqs() {
            assert_eq!(suffix_array(&s, 6), naive_sa(&s), "{s:?}");
        }
    }

    #[test]
    fn sa_is_matches_naive_on_long_inputs() {
        let mut x = 11u64;
        let mut next = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        for round in 0..300 {
            let len = DOUBLING_BELOW as u64 + next(600);
            let alphabet = [1, 2, 3, 5, 40, 1000][round % 6];
            let mut s: Vec<u32> = (0..len).map(|_| next(alphabet) as u32).collect();
            if round % 5 == 0 {
                // Periodic, with a few changes: long LMS substrings and deep recursion.
                let period = 1 + next(7) as usize;
                for i in period..s.len() {
                    s[i] = s[i - period];
                }
                for _ in 0..next(4) {
                    let i = next(len) as usize;
                    s[i] = next(alphabet) as u32;
                }
            }
            assert_eq!(suffix_array(&s, alphabet as usize), naive_sa(&s), "{s:?}");
        }
    }

    #[test]
    fn lpf_matches_naive() {
        for s in seqs() {
            if s.is_empty() {
                continue;
            }
            let sa = suffix_array(&s, 6);
            let mut rank = vec![0u32; s.len()];
            for (r, &p) in sa.iter().enumerate() {
                rank[p as usize] = r as u32;
            }
            let lcp = lcp_array(&s, &sa, &rank);
            let (len, src) = longest_previous_factor(&sa, &lcp);
            assert_eq!(len, naive_lpf(&s), "{s:?}");
            for i in 0..s.len() {
                let (l, j) = (len[i] as usize, src[i] as usize);
                if l > 0 {
                    assert!(j < i);
                    assert_eq!(s[i..i + l], s[j..j + l]);
                }
            }
        }
    }

    fn block_list(seq: &[u32]) -> Vec<(u32, Vec<u32>)> {
        blocks(seq, 16, &mut Steps::default())
            .into_iter()
            .map(|b| (b.len, b.starts))
            .collect()
    }

    #[test]
    fn periodic_input_is_cut_at_its_period() {
        assert_eq!(block_list(&[0, 1, 0, 1, 0, 1]), vec![(2, vec![0, 2, 4])]);
        assert_eq!(block_list(&[0; 1000]), vec![]);
        assert_eq!(block_list(&[0, 1, 2, 0, 1, 2, 0, 1, 2]), vec![(3, vec![0, 3, 6])]);
    }

    #[test]
    fn doubled_body_is_one_block() {
        let mut seq = vec![9];
        seq.extend(0..8);
        seq.extend(0..8);
        assert_eq!(block_list(&seq), vec![(8, vec![1, 9])]);
    }

    #[test]
    fn an_overlapping_source_does_not_hide_a_distant_one() {
        // A A B A C B A A A: at 7, `A A` copies 0 (apart) as well as 6 (overlapping).
        let seq = [0, 0, 1, 0, 2, 1, 0, 0, 0];
        assert_eq!(block_list(&seq), vec![(2, vec![0, 6]), (2, vec![2, 5])]);
    }

    #[test]
    fn a_prefix_of_a_block_repeated_later_is_its_own_block() {
        // A B C x A B C y A B
        let seq = [0, 1, 2, 10, 0, 1, 2, 11, 0, 1];
        assert_eq!(block_list(&seq), vec![(3, vec![0, 4]), (2, vec![0, 4, 8])]);
    }

    #[test]
    fn crafted_collisions_cost_n_log_n_comparisons() {
        // Every unit distinct, every fingerprint the same: what an attacker who knows
        // the seed could aim for. Sorting the bucket keeps it at O(n log n).
        let n = 4096usize;
        let text: String = (0..n).map(|i| format!("distinct unit number {i:05}\n")).collect();
        let (_, units) = crate::split::split(&text, crate::Unit::Line);
        let normalizer = Normalizer {
            level: crate::Normalize::Unicode,
            fold_case: false,
        };
        let mut steps = Steps::default();
        let (groups, _) = group_units(&text, &units, &vec![Some(42); n], normalizer, &mut steps);
        assert!(groups.is_empty());
        let bound = (2 * n * (usize::BITS - n.leading_zeros()) as usize) as u64;
        assert!(steps.comparisons <= bound, "{} > {bound}", steps.comparisons);
    }
}
