//! Blocks: runs of consecutive units that occur again, found over the sequence of group ids.
//!
//! Blocks come from a left-to-right greedy parse of the sequence of eligible units, each
//! unit replaced by its group id: at each position, the longest run that also starts at
//! an earlier position (the *longest previous factor*, found with a suffix array in
//! `O(n log n)`) is a copy of that earlier run. A copy that overlaps its source (periodic
//! input such as `A B A B A B`) is cut at the period, so `A B A B A B` is the block `A B`
//! three times and a line repeated a million times is one group of a million units and no
//! block; a last, partial period (`A B A B A`) is left to the groups. Every distinct
//! copied run of two or more units becomes a block, with every non-overlapping place it
//! occurs, found from the suffix array.

use std::collections::HashMap;

use crate::group::Steps;
use crate::suffix::{lcp_array_steps, suffix_array_rounds};

/// A block: `len` eligible units long, starting at these eligible-unit positions.
pub(crate) struct Block {
    pub(crate) len: u32,
    pub(crate) starts: Vec<u32>,
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
    use crate::suffix::tests::seqs;
    use crate::suffix::{lcp_array, suffix_array};

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
}
