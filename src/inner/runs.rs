//! Repeated runs: runs of words that occur more than once, by a suffix array over the
//! word ids with short tandem runs collapsed (rules in the parent module's docs).

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use xxhash_rust::xxh3::xxh3_64;

use super::covered::is_covered;
use super::tokens::{IdHasher, Words};
use super::{occurrence, InnerKind, InnerRepeat, Work};
use crate::lines::LineIndex;
use crate::suffix::{lcp_array, suffix_array};
use crate::Span;

/// The longest period, in words, of the tandem runs collapsed before repeats are found.
const COLLAPSE_PERIOD: usize = 8;
/// Occurrences listed per word of text, at most, over all repeated runs.
pub(super) const WORK_PER_TOKEN: usize = 8;
/// Occurrences listed regardless of the text's length.
pub(super) const WORK_BASE: usize = 1024;
/// Repeats with at most this many occurrences are listed first.
const CHEAP_OCCURRENCES: usize = 16;
/// Earlier repeats a repeat is checked against for containment.
const CONTAINMENT_CANDIDATES: usize = 64;

/// The word ids with tandem runs of period at most [`COLLAPSE_PERIOD`] collapsed to their
/// first copy and a marker, and the first word each collapsed position stands for
/// (`starts[m]` is the number of words).
fn collapse(words: &Words, work: &mut Work) -> (Vec<u32>, Vec<u32>, u32) {
    let ids = &words.ids[..];
    let n = ids.len();
    let mut seq = Vec::with_capacity(n);
    let mut starts = Vec::with_capacity(n + 1);
    let mut markers: HashMap<(u64, u32, u32), u32> = HashMap::new();
    let mut next = words.alphabet;
    let mut bytes: Vec<u8> = Vec::new();
    let same = |a: usize, b: usize, d: usize, work: &mut Work| {
        work.compared += d;
        ids[a..a + d] == ids[b..b + d]
    };
    let mut i = 0;
    while i < n {
        let mut found = None;
        for d in 1..=COLLAPSE_PERIOD {
            if i + 2 * d > n {
                break;
            }
            if ids[i] == ids[i + d] && same(i, i + d, d, work) {
                found = Some(d);
                break;
            }
        }
        let Some(d) = found else {
            seq.push(ids[i]);
            starts.push(i as u32);
            i += 1;
            continue;
        };
        let mut copies = 2;
        while i + (copies + 1) * d <= n && same(i, i + copies * d, d, work) {
            copies += 1;
        }
        seq.extend_from_slice(&ids[i..i + d]);
        starts.extend(i as u32..(i + d) as u32);
        bytes.clear();
        for id in &ids[i..i + d] {
            bytes.extend_from_slice(&id.to_le_bytes());
        }
        let key = (xxh3_64(&bytes), d as u32, copies as u32);
        let id = *markers.entry(key).or_insert_with(|| {
            next += 1;
            next - 1
        });
        seq.push(id);
        starts.push((i + d) as u32);
        i += copies * d;
    }
    starts.push(n as u32);
    (seq, starts, next)
}

/// Whether some window of `k` ids occurs twice (or a hash says so): without markers, a
/// repeat of `k` words needs one. A rolling polynomial hash, so `O(n)`.
fn repeated_window(seq: &[u32], k: usize) -> bool {
    const B: u64 = 0x9E37_79B9_7F4A_7C15;
    if seq.len() <= k {
        return false;
    }
    let top = (1..k).fold(1u64, |p, _| p.wrapping_mul(B));
    let mut seen: HashMap<u64, (), BuildHasherDefault<IdHasher>> =
        HashMap::with_capacity_and_hasher(seq.len(), Default::default());
    let mut h = 0u64;
    for (i, &x) in seq.iter().enumerate() {
        if i >= k {
            h = h.wrapping_sub(top.wrapping_mul(u64::from(seq[i - k]) + 1));
        }
        h = h.wrapping_mul(B).wrapping_add(u64::from(x) + 1);
        if i + 1 >= k && seen.insert(xxh3_64(&h.to_le_bytes()), ()).is_some() {
            return true;
        }
    }
    false
}

/// A maximal repeat: `len` collapsed positions, the suffix-array rows `lb..=rb`.
struct Candidate {
    len: u32,
    lb: u32,
    rb: u32,
}

/// Maximal repeats of `seq` at least `min_tokens` words long, by a bottom-up walk of the
/// LCP intervals that carries each interval's common preceding id (or none).
fn maximal_repeats(
    seq: &[u32],
    sa: &[u32],
    lcp: &[u32],
    starts: &[u32],
    min_tokens: usize,
) -> Vec<Candidate> {
    const EMPTY: u32 = u32::MAX;
    const MIXED: u32 = u32::MAX - 1;
    const START: u32 = u32::MAX - 2;
    let merge = |a: u32, b: u32| match (a, b) {
        (EMPTY, x) | (x, EMPTY) => x,
        (x, y) if x == y && x != START => x,
        _ => MIXED,
    };
    let left = |r: usize| match sa[r] {
        0 => START,
        p => seq[p as usize - 1],
    };
    let words = |p: u32, len: u32| (starts[(p + len) as usize] - starts[p as usize]) as usize;
    struct Frame {
        lcp: u32,
        lb: u32,
        left: u32,
    }
    let m = seq.len();
    let mut out = Vec::new();
    let mut stack = vec![Frame {
        lcp: 0,
        lb: 0,
        left: EMPTY,
    }];
    for r in 0..m {
        let leaf = left(r);
        if let Some(top) = stack.last_mut() {
            top.left = merge(top.left, leaf);
        }
        let h = if r + 1 < m { lcp[r + 1] } else { 0 };
        let mut lb = r as u32;
        let mut child: Option<u32> = None;
        while stack.last().is_some_and(|f| h < f.lcp) {
            let Some(f) = stack.pop() else { break };
            if f.left == MIXED && words(sa[f.lb as usize], f.lcp) >= min_tokens {
                out.push(Candidate {
                    len: f.lcp,
                    lb: f.lb,
                    rb: r as u32,
                });
            }
            lb = f.lb;
            match stack.last_mut() {
                Some(top) if h <= top.lcp => {
                    top.left = merge(top.left, f.left);
                    child = None;
                }
                _ => child = Some(f.left),
            }
        }
        if stack.last().is_some_and(|f| h > f.lcp) {
            stack.push(Frame {
                lcp: h,
                lb,
                left: merge(child.unwrap_or(EMPTY), leaf),
            });
        }
    }
    out
}

pub(super) fn repeats(
    words: &Words,
    covered: &[Span],
    min_tokens: usize,
    lines: &mut LineIndex,
    work: &mut Work,
    out: &mut Vec<InnerRepeat>,
) {
    let toks = &words.toks;
    if toks.len() < 2 * min_tokens {
        return;
    }
    let (seq, starts, alphabet) = collapse(words, work);
    work.collapsed = seq.len();
    let m = seq.len();
    if m < 2 || (alphabet == words.alphabet && !repeated_window(&seq, min_tokens)) {
        return;
    }
    let sa = suffix_array(&seq, alphabet as usize);
    let mut rank = vec![0u32; m];
    for (r, &p) in sa.iter().enumerate() {
        rank[p as usize] = r as u32;
    }
    let lcp = lcp_array(&seq, &sa, &rank);
    drop(rank);
    let mut cands = maximal_repeats(&seq, &sa, &lcp, &starts, min_tokens);
    // Cheap candidates first, fewest occurrences first; then the rest, most first, so
    // that a long periodic run spends the budget on its period before its multiples.
    cands.sort_unstable_by_key(|c| {
        let size = c.rb - c.lb + 1;
        let key = if size as usize <= CHEAP_OCCURRENCES {
            size
        } else {
            u32::MAX - size
        };
        (key, std::cmp::Reverse(c.len), c.lb)
    });

    let mut budget = WORK_PER_TOKEN * toks.len() + WORK_BASE;
    let mut found: Vec<InnerRepeat> = Vec::new();
    let mut pos: Vec<u32> = Vec::new();
    for c in cands {
        let size = (c.rb - c.lb + 1) as usize;
        if size > budget {
            break;
        }
        budget -= size;
        work.listed += size;
        pos.clear();
        pos.extend_from_slice(&sa[c.lb as usize..=c.rb as usize]);
        pos.sort_unstable();
        if pos.windows(2).any(|w| w[1] - w[0] < c.len) {
            // It overlaps itself: the tandem repetition of a shorter repeat.
            continue;
        }
        let byte_span = |p: u32| {
            let first = starts[p as usize] as usize;
            let last = starts[(p + c.len) as usize] as usize - 1;
            Span {
                start: toks[first].start,
                end: toks[last].end,
            }
        };
        let mut occurrences = Vec::new();
        for &p in &pos {
            let span = byte_span(p);
            if !is_covered(covered, span) {
                occurrences.push(occurrence(lines, span));
            }
        }
        if occurrences.len() < 2 {
            continue;
        }
        let p = pos[0] as usize;
        found.push(InnerRepeat {
            kind: InnerKind::Repeat,
            tokens: (starts[p + c.len as usize] - starts[p]) as usize,
            copies: occurrences.len(),
            occurrences,
            first_copy: None,
            in_covered: false,
        });
    }
    drop_contained(&mut found);
    out.extend(found);
}

/// Drops repeats whose occurrences sit one for one inside those of a longer repeat with
/// as many occurrences.
fn drop_contained(found: &mut Vec<InnerRepeat>) {
    found.sort_by_key(|r| (r.occurrences[0].span.start, std::cmp::Reverse(r.tokens)));
    let inside = |a: &InnerRepeat, b: &InnerRepeat| {
        b.tokens > a.tokens
            && a.occurrences.len() == b.occurrences.len()
            && a.occurrences
                .iter()
                .zip(&b.occurrences)
                .all(|(x, y)| y.span.start <= x.span.start && x.span.end <= y.span.end)
    };
    let keep: Vec<bool> = (0..found.len())
        .map(|i| {
            let lo = i.saturating_sub(CONTAINMENT_CANDIDATES);
            !found[lo..i].iter().any(|b| inside(&found[i], b))
        })
        .collect();
    let mut k = keep.iter();
    found.retain(|_| k.next().copied().unwrap_or(true));
}
