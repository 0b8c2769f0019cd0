//! Blocks: runs of consecutive units that occur again, found over the sequence of group ids.
//!
//! A block is a *maximal repeat* of the sequence of eligible units, each unit replaced by
//! its group id: a run of two or more units that occurs at two or more places that do not
//! overlap, and that cannot be extended on either side at all of them. They are read off
//! the suffix array and its LCP array in one bottom-up pass over the LCP intervals (the
//! internal nodes of the suffix tree: runs followed by two different units somewhere), an
//! interval being kept when its runs are not all preceded by the same unit (left-diverse).
//! Each kept run's places are then taken from its interval in text order; places that
//! overlap the one before them (periodic input such as `A B A B A`) form one *cluster*,
//! which counts as one place, reported at its first occurrence. A run that overlaps its
//! own copy has a period `p` shorter than itself, and its first `p` units are a candidate
//! too (in `A B A B A`, `A B` three times). Last, a block every one of whose places lies
//! inside a place of another block is dropped: the 2-unit block inside each copy of a
//! 3-unit block is the 3-unit block's business.
//!
//! The work is the total number of places read, which stays near `n` on text and can be
//! quadratic on periodic input (a line repeated a million times is a chain of a million
//! nested runs). Above [`budget`]`(n)` places the search falls back to a left-to-right
//! greedy parse (each position's longest previous factor, cut at its period when it
//! overlaps its source), `O(n log n)`, which finds every periodic block but can miss a
//! maximal block whose later copy the parse had already given to another. So a line
//! repeated a million times is one group of a million units and no block, and
//! `A B A B A B` is the block `A B` three times, on either path.

use std::collections::{HashMap, HashSet};

use crate::group::Steps;
use crate::suffix::{lcp_array_steps, suffix_array_rounds};

/// A block: `len` eligible units long, starting at these eligible-unit positions.
pub(crate) struct Block {
    pub(crate) len: u32,
    pub(crate) starts: Vec<u32>,
}

/// How many places the maximal-repeat search may read on a sequence of `n` units before
/// it gives way to the greedy parse.
pub(crate) fn budget(n: usize) -> u64 {
    3 * n as u64
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
    let mut out = match maximal(seq, &sa, &lcp, &rank, steps) {
        Some(out) => out,
        None => greedy(seq, &sa, &lcp, &rank, steps),
    };
    out.sort_unstable_by(|x, y| x.starts[0].cmp(&y.starts[0]).then(y.len.cmp(&x.len)));
    out
}

/// Marks an LCP interval whose runs are preceded by different units (or one by none).
const DIVERSE: u32 = u32::MAX;

/// The maximal blocks (see the module docs), or `None` when listing them would read more
/// than [`budget`] places.
fn maximal(seq: &[u32], sa: &[u32], lcp: &[u32], rank: &[u32], steps: &mut Steps) -> Option<Vec<Block>> {
    let n = seq.len();
    let left = |r: usize| match sa[r] {
        0 => DIVERSE,
        p => seq[p as usize - 1],
    };
    let merge = |a: u32, b: u32| if a == b { a } else { DIVERSE };
    // Bottom-up over the LCP intervals: (lcp, first rank, left unit or DIVERSE).
    let mut nodes: Vec<(u32, usize, usize)> = Vec::new();
    let mut stack: Vec<(u32, usize, u32)> = vec![(0, 0, left(0))];
    for i in 1..=n {
        let cur = lcp.get(i).copied().unwrap_or(0);
        // The interval just closed that the next one (if it is longer than the top) holds.
        let mut child: Option<(usize, u32)> = None;
        while let Some(&(l, lb, st)) = stack.last() {
            if cur >= l {
                break;
            }
            stack.pop();
            if l >= 2 && st == DIVERSE {
                nodes.push((l, lb, i - 1));
            }
            child = Some((lb, st));
            if let Some(top) = stack.last_mut() {
                if cur <= top.0 {
                    top.2 = merge(top.2, st);
                    child = None;
                }
            }
        }
        if i == n {
            break;
        }
        match stack.last_mut() {
            Some(top) if top.0 == cur => top.2 = merge(top.2, left(i)),
            _ => {
                let (lb, st) = child.unwrap_or((i - 1, left(i - 1)));
                stack.push((cur, lb, merge(st, left(i))));
            }
        }
    }
    let budget = budget(n);
    let mut read: u64 = nodes.iter().map(|&(_, lo, hi)| (hi - lo + 1) as u64).sum();
    if read > budget {
        return None;
    }
    // A run is known by its suffix-array interval's first rank and its length.
    let mut seen: HashSet<(usize, u32)> = nodes.iter().map(|&(l, lo, _)| (lo, l)).collect();
    let mut found: Vec<Block> = Vec::new();
    let mut periods: Vec<(usize, usize)> = Vec::new();
    for &(l, lo, hi) in &nodes {
        let mut starts = sa[lo..=hi].to_vec();
        starts.sort_unstable();
        // The first two places that overlap give the period.
        if let Some(w) = starts.windows(2).find(|w| w[1] - w[0] < l) {
            if w[1] - w[0] >= 2 {
                periods.push((w[0] as usize, (w[1] - w[0]) as usize));
            }
        }
        found.extend(clustered(l, starts));
    }
    for (p, len) in periods {
        let (lo, hi) = interval(sa, lcp, rank, p, len);
        read += (hi - lo + 1) as u64;
        if read > budget {
            return None;
        }
        if !seen.insert((lo, len as u32)) {
            continue;
        }
        let mut starts = sa[lo..=hi].to_vec();
        starts.sort_unstable();
        found.extend(clustered(len as u32, starts));
    }
    steps.occurrences += read;
    Some(outermost(found))
}

/// The block of `len` units at the first place of each cluster of `starts` (ascending),
/// if there are two clusters or more.
fn clustered(len: u32, starts: Vec<u32>) -> Option<Block> {
    let mut kept = Vec::new();
    let mut prev: Option<u32> = None;
    for s in starts {
        if prev.map_or(true, |p| s >= p + len) {
            kept.push(s);
        }
        prev = Some(s);
    }
    (kept.len() >= 2).then_some(Block { len, starts: kept })
}

/// `blocks` without those every place of which lies inside a place of another.
fn outermost(blocks: Vec<Block>) -> Vec<Block> {
    // Places as (start, end, block), by start and then longest first: a place is inside
    // another exactly when one before it in this order reaches as far. Two places of one
    // block never overlap and two blocks never share a place, so that other is another
    // block's.
    let mut places: Vec<(u32, u32, u32)> = blocks
        .iter()
        .enumerate()
        .flat_map(|(b, x)| x.starts.iter().map(move |&s| (s, s + x.len, b as u32)))
        .collect();
    places.sort_unstable_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)));
    let mut outside = vec![false; blocks.len()];
    let mut reach = 0u32;
    for (i, &(_, end, b)) in places.iter().enumerate() {
        if i == 0 || end > reach {
            outside[b as usize] = true;
        }
        reach = reach.max(end);
    }
    blocks
        .into_iter()
        .zip(outside)
        .filter_map(|(b, keep)| keep.then_some(b))
        .collect()
}

/// The greedy parse (see the module docs): `O(n log n)` on any input.
fn greedy(seq: &[u32], sa: &[u32], lcp: &[u32], rank: &[u32], steps: &mut Steps) -> Vec<Block> {
    let n = seq.len();
    let (lpf_len, lpf_src) = longest_previous_factor(sa, lcp);

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
            let (lo, hi) = interval(sa, lcp, rank, i, len);
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
                    let starts = occurrences(sa, lcp, rank, at, piece);
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

    #[test]
    fn a_block_inside_other_blocks_everywhere_is_not_reported() {
        // A B C x A B C y B C D z B C D (#14): `B C` occurs four times, each inside a copy
        // of `A B C` or of `B C D`.
        let seq = [0, 1, 2, 9, 0, 1, 2, 10, 1, 2, 3, 11, 1, 2, 3];
        assert_eq!(block_list(&seq), vec![(3, vec![0, 4]), (3, vec![8, 12])]);
    }

    #[test]
    fn a_copy_the_greedy_parse_gave_away_is_found() {
        // A B C x B C D y A B C D (#14): the greedy parse takes `A B C` at 8, so the copy
        // of `B C D` at 9 was never a factor of its own.
        let seq = [0, 1, 2, 9, 1, 2, 3, 10, 0, 1, 2, 3];
        assert_eq!(block_list(&seq), vec![(3, vec![0, 8]), (3, vec![4, 9])]);
        let greedy = {
            let sa = suffix_array(&seq, 11);
            let mut rank = vec![0u32; seq.len()];
            for (r, &p) in sa.iter().enumerate() {
                rank[p as usize] = r as u32;
            }
            let lcp = lcp_array(&seq, &sa, &rank);
            let mut found = greedy(&seq, &sa, &lcp, &rank, &mut Steps::default());
            found.sort_unstable_by_key(|b| (b.starts[0], b.len));
            found.into_iter().map(|b| (b.len, b.starts)).collect::<Vec<_>>()
        };
        assert_eq!(greedy, vec![(3, vec![0, 8]), (2, vec![1, 4, 9])]);
    }

    #[test]
    fn a_run_that_overlaps_its_copy_gives_its_period() {
        // A B A B A: `A B A` overlaps itself; its period `A B` occurs twice apart.
        assert_eq!(block_list(&[0, 1, 0, 1, 0]), vec![(2, vec![0, 2])]);
        // X A B A B A Y ... A B A Z: the overlapping pair is one place.
        let seq = [5, 0, 1, 0, 1, 0, 6, 0, 1, 0, 7];
        assert_eq!(block_list(&seq), vec![(3, vec![1, 7]), (2, vec![1, 3, 7])]);
    }

    #[test]
    fn quadratic_inputs_fall_back_within_budget() {
        let mut steps = Steps::default();
        let seq: Vec<u32> = (0..100_000).map(|i| i % 3).collect();
        let found = blocks(&seq, 3, &mut steps);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].len, 3);
        assert!(steps.occurrences <= 4 * seq.len() as u64, "{}", steps.occurrences);
    }
}
