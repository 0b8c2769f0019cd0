//! Repeated runs: runs of words that occur more than once, by a suffix array over the
//! word ids with short tandem runs collapsed (rules in the parent module's docs).

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use xxhash_rust::xxh3::xxh3_64;

use super::tokens::{IdHasher, Words};
use super::{occurrence, InnerKind, InnerRepeat, Work};
use crate::lines::LineIndex;
use crate::report::Occurrence;
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

/// The ranges of words (`start..end`, word indices, in order) that lie wholly inside one
/// of the merged `covered` ranges, by one sweep over both. A covered range that holds no
/// word (a line of `=====`) gives an empty range: no run crosses it either.
fn masked_words(words: &Words, covered: &[Span]) -> Vec<(u32, u32)> {
    let toks = &words.toks;
    let mut out: Vec<(u32, u32)> = Vec::new();
    let mut i = 0;
    for c in covered {
        while i < toks.len() && toks[i].start < c.start {
            i += 1;
        }
        let first = i;
        while i < toks.len() && toks[i].end <= c.end {
            i += 1;
        }
        out.push((first as u32, i as u32));
    }
    out
}

/// The collapsed sequence [`collapse`] makes.
struct Collapsed {
    /// The ids: word ids, tandem markers and covered markers.
    seq: Vec<u32>,
    /// The first word each position stands for (`starts[seq.len()]` is the number of
    /// words).
    starts: Vec<u32>,
    /// Every id is below this.
    alphabet: u32,
    /// Whether a tandem run was collapsed (a repeat may then hide in a marker).
    tandems: bool,
}

/// The word ids with tandem runs of period at most [`COLLAPSE_PERIOD`] collapsed to their
/// first copy and a marker, and each range of `masked` words (the covered ones) replaced
/// by one id used nowhere else, so that no repeat includes or crosses it.
fn collapse(words: &Words, masked: &[(u32, u32)], work: &mut Work) -> Collapsed {
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
    let mut masked = masked.iter().peekable();
    let mut i = 0;
    while i < n {
        // Where the words free to collapse end: the next covered range, or the text's end.
        let limit = match masked.peek() {
            Some(&&(start, end)) if start as usize <= i => {
                seq.push(next);
                next += 1;
                starts.push(i as u32);
                i = end as usize;
                masked.next();
                continue;
            }
            Some(&&(start, _)) => start as usize,
            None => n,
        };
        let mut found = None;
        for d in 1..=COLLAPSE_PERIOD {
            if i + 2 * d > limit {
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
        while i + (copies + 1) * d <= limit && same(i, i + copies * d, d, work) {
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
    Collapsed {
        seq,
        starts,
        alphabet: next,
        tandems: !markers.is_empty(),
    }
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

/// Finds the repeated runs of `words` of at least `min_tokens` words outside the merged
/// `covered` ranges (rules in `rules.md`, "Repeated runs") and appends them to `out`.
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
    let masked = masked_words(words, covered);
    let Collapsed {
        seq,
        starts,
        alphabet,
        tandems,
    } = collapse(words, &masked, work);
    drop(masked);
    work.collapsed = seq.len();
    let m = seq.len();
    if m < 2 || (!tandems && !repeated_window(&seq, min_tokens)) {
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
    let mut found: Vec<Found> = Vec::new();
    for c in cands {
        let size = (c.rb - c.lb + 1) as usize;
        if size > budget {
            break;
        }
        budget -= size;
        work.listed += size;
        let mut pos = sa[c.lb as usize..=c.rb as usize].to_vec();
        pos.sort_unstable();
        if pos.windows(2).any(|w| w[1] - w[0] < c.len) {
            // It overlaps itself: the tandem repetition of a shorter repeat.
            continue;
        }
        found.push(Found { pos, len: c.len });
    }
    let keep = not_contained(&found);
    for (f, keep) in found.iter().zip(keep) {
        if !keep {
            continue;
        }
        let byte_span = |p: u32| {
            let first = starts[p as usize] as usize;
            let last = starts[(p + f.len) as usize] as usize - 1;
            Span {
                start: toks[first].start,
                end: toks[last].end,
            }
        };
        let occurrences: Vec<Occurrence> = f.pos.iter().map(|&p| occurrence(lines, byte_span(p))).collect();
        let p = f.pos[0] as usize;
        out.push(InnerRepeat {
            kind: InnerKind::Repeat,
            tokens: (starts[p + f.len as usize] - starts[p]) as usize,
            copies: occurrences.len(),
            occurrences,
            first_copy: None,
            in_covered: false,
        });
    }
}

/// A repeat found: where it starts in the collapsed sequence (ascending, two or more,
/// not overlapping) and its length there.
struct Found {
    pos: Vec<u32>,
    len: u32,
}

/// Which of `found` to keep: not those whose occurrences sit one for one inside the
/// occurrences of a longer one (a sub-run of it that occurs nowhere else).
///
/// Exact, in `O(r log r)` for `r` occurrences in all: a sub-run lies at the same offset
/// inside every occurrence of the run that holds it (the occurrences are equal sequences),
/// so its occurrences are the run's moved by a constant, and the two share the gaps
/// between consecutive occurrences. Among the repeats with equal gaps, one is inside
/// another everywhere exactly when its first occurrence is inside the other's first
/// occurrence: a sweep over first occurrences sorted by start (longer first on a tie),
/// holding the furthest end seen, finds them.
fn not_contained(found: &[Found]) -> Vec<bool> {
    let mut keep = vec![true; found.len()];
    let mut by_gaps: HashMap<Vec<u32>, Vec<usize>> = HashMap::new();
    for (i, f) in found.iter().enumerate() {
        let gaps: Vec<u32> = f.pos.windows(2).map(|w| w[1] - w[0]).collect();
        by_gaps.entry(gaps).or_default().push(i);
    }
    for mut same in by_gaps.into_values() {
        if same.len() < 2 {
            continue;
        }
        same.sort_unstable_by_key(|&i| (found[i].pos[0], std::cmp::Reverse(found[i].len)));
        let mut furthest = 0u32;
        for (k, &i) in same.iter().enumerate() {
            let end = found[i].pos[0] + found[i].len;
            if k > 0 && end <= furthest {
                keep[i] = false;
            }
            furthest = furthest.max(end);
        }
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inner::{find_inner, InnerConfig};

    fn cfg(min_tokens: usize) -> InnerConfig {
        InnerConfig {
            min_tokens,
            stutters: false,
            ..InnerConfig::default()
        }
    }

    /// The runs found, each as its word count and occurrence spans.
    fn runs(text: &str, covered: &[Span], min_tokens: usize) -> Vec<(usize, Vec<Span>)> {
        let mut v: Vec<(usize, Vec<Span>)> = find_inner(text, covered, &cfg(min_tokens))
            .into_iter()
            .map(|r| (r.tokens, r.occurrences.iter().map(|o| o.span).collect()))
            .collect();
        v.sort();
        v
    }

    /// The last place of `piece` in `text`, as the one covered range.
    fn last_copy(text: &str, piece: &str) -> [Span; 1] {
        let start = text.rfind(piece).expect("the piece is in the text");
        [Span {
            start,
            end: start + piece.len(),
        }]
    }

    /// The brute-force oracle of [`repeats`] on text without tandem runs of period
    /// [`COLLAPSE_PERIOD`] or less: every word sequence of `min_tokens` words or more,
    /// with words inside a covered range replaced by words found nowhere else, that occurs
    /// twice or more and is maximal (its occurrences are not all preceded by one word,
    /// nor all followed by one), whose occurrences do not overlap, and whose occurrences
    /// do not all sit one for one inside those of a longer such sequence.
    fn oracle(text: &str, covered: &[Span], min_tokens: usize) -> Vec<(usize, Vec<Span>)> {
        let words = Words::new(text);
        let merged = crate::inner::covered::merge_covered(text, covered);
        let ids: Vec<u64> = words
            .toks
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let inside = merged.iter().any(|c| c.start <= t.start && t.end <= c.end);
                if inside {
                    u64::MAX - i as u64
                } else {
                    u64::from(t.id)
                }
            })
            .collect();
        // A covered range with no word in it: a word found nowhere else before the word
        // that follows it, so that nothing crosses it (`at[k]` is word `k`'s place).
        let mut ids = ids;
        let mut at: Vec<usize> = (0..ids.len()).collect();
        for (b, c) in merged.iter().enumerate().rev() {
            if !words.toks.iter().any(|t| c.start <= t.start && t.end <= c.end) {
                let k = words.toks.partition_point(|t| t.start < c.start);
                ids.insert(k, u64::MAX / 2 - b as u64);
                at.iter_mut().skip(k).for_each(|a| *a += 1);
            }
        }
        let word_at: Vec<Option<usize>> = {
            let mut v = vec![None; ids.len()];
            for (k, &a) in at.iter().enumerate() {
                v[a] = Some(k);
            }
            v
        };
        let n = ids.len();
        let mut cands: Vec<(usize, Vec<usize>)> = Vec::new();
        for len in min_tokens.max(1)..=n {
            let mut seen: Vec<&[u64]> = Vec::new();
            for i in 0..=n - len {
                let w = &ids[i..i + len];
                if seen.contains(&w) {
                    continue;
                }
                seen.push(w);
                let pos: Vec<usize> = (0..=n - len).filter(|&j| &ids[j..j + len] == w).collect();
                if pos.len() < 2 {
                    continue;
                }
                let before: Vec<Option<u64>> =
                    pos.iter().map(|&j| j.checked_sub(1).map(|k| ids[k])).collect();
                let after: Vec<Option<u64>> = pos.iter().map(|&j| ids.get(j + len).copied()).collect();
                let one = |v: &[Option<u64>]| v[0].is_some() && v.iter().all(|x| *x == v[0]);
                if one(&before) || one(&after) || pos.windows(2).any(|p| p[1] - p[0] < len) {
                    continue;
                }
                cands.push((len, pos));
            }
        }
        let inside = |a: &(usize, Vec<usize>), b: &(usize, Vec<usize>)| {
            b.0 > a.0
                && a.1.len() == b.1.len()
                && a.1.iter().zip(&b.1).all(|(&x, &y)| y <= x && x + a.0 <= y + b.0)
        };
        let tok = |i: usize| &words.toks[word_at[i].expect("a run holds words only")];
        let span = |i: usize, len: usize| Span {
            start: tok(i).start,
            end: tok(i + len - 1).end,
        };
        let mut out: Vec<(usize, Vec<Span>)> = cands
            .iter()
            .filter(|a| !cands.iter().any(|b| inside(a, b)))
            .map(|(len, pos)| (*len, pos.iter().map(|&i| span(i, *len)).collect()))
            .collect();
        out.sort();
        out
    }

    /// Whether the words of `text` hold a tandem run of period [`COLLAPSE_PERIOD`] or
    /// less (which the oracle does not model).
    fn has_tandem(text: &str) -> bool {
        let ids = Words::new(text).ids;
        (1..=COLLAPSE_PERIOD)
            .any(|d| (0..ids.len().saturating_sub(2 * d - 1)).any(|i| ids[i..i + d] == ids[i + d..i + 2 * d]))
    }

    #[test]
    fn oracle_agrees_on_a_nested_example() {
        // "b c d e f" occurs three times, "a b c d e f g" twice (both inside it).
        let text = "a b c d e f g. x b c d e f y. a b c d e f g.";
        let want = oracle(text, &[], 3);
        assert_eq!(runs(text, &[], 3), want);
        assert_eq!(
            want.iter().map(|r| (r.0, r.1.len())).collect::<Vec<_>>(),
            [(5, 3), (7, 2)]
        );
    }

    #[test]
    fn a_run_inside_copies_of_one_repeated_unit_is_no_finding() {
        // The unit repeats (its second copy is covered): the run is its repeat.
        let unit = "the committee met on tuesday to discuss the budget for next year";
        let text = format!("{unit}\nsomething else here\n{unit}\n");
        let covered = last_copy(&text, unit);
        assert!(runs(&text, &covered, 8).is_empty());
        // Without the covered range it is a run of 12 words.
        assert_eq!(runs(&text, &[], 8).len(), 1);
    }

    #[test]
    fn a_run_reaching_out_of_a_covered_unit_is_cut_at_its_edge() {
        // From real man pages (openssl): a repeated COPYRIGHT paragraph followed by a
        // footer line that differs from page to page. The run over the paragraph and the
        // start of the footer is the paragraph's repeat, no finding of its own.
        let para = "Licensed under the Apache License 2.0 (the \"License\"). You may not use this file except in compliance with the License.";
        let text = format!("{para}\n3.0.19 2026-01-27 REQ(1SSL)\n\n{para}\n3.0.19 2026-01-27 X509(1SSL)\n");
        let covered = last_copy(&text, para);
        assert!(
            runs(&text, &covered, 8).is_empty(),
            "{:?}",
            runs(&text, &covered, 8)
        );
        assert_eq!(runs(&text, &covered, 8), oracle(&text, &covered, 8));
    }

    #[test]
    fn a_sentence_twice_inside_a_repeated_unit_is_reported_once() {
        let s = "the quick brown fox jumps over the lazy dog again";
        let unit = format!("{s} and then {s}");
        let text = format!("{unit}\n\n{unit}\n");
        let covered = last_copy(&text, &unit);
        let found = runs(&text, &covered, 8);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1.len(), 2);
        assert!(found[0].1.iter().all(|o| o.end <= unit.len()));
    }

    /// The 64-nearest check missed a sub-run when more than 64 runs start between the
    /// run and it; the one test now is exact.
    #[test]
    fn containment_is_exact_past_sixty_four_runs() {
        // One long run (at 0 and 10_000), 80 sub-runs each with a third occurrence of its
        // own, and one sub-run (offset 90) with no other occurrence.
        let mut found = vec![Found {
            pos: vec![0, 10_000],
            len: 200,
        }];
        for k in 1..=80 {
            found.push(Found {
                pos: vec![k, 10_000 + k, 20_000 + 50 * k],
                len: 10,
            });
        }
        found.push(Found {
            pos: vec![90, 10_090],
            len: 10,
        });
        // And one with the gaps of the long run but outside it.
        found.push(Found {
            pos: vec![150, 10_150],
            len: 100,
        });
        let keep = not_contained(&found);
        assert!(keep[..81].iter().all(|&k| k));
        assert!(!keep[81]);
        assert!(keep[82]);
    }

    #[test]
    fn not_contained_matches_brute_force() {
        // Runs over a few gap patterns and offsets, every pair checked directly.
        let mut found = Vec::new();
        for gaps in [vec![100u32], vec![100, 37], vec![50]] {
            for start in [0u32, 3, 5, 9] {
                for len in [4u32, 6, 12] {
                    let mut pos = vec![start];
                    for g in &gaps {
                        pos.push(pos.last().unwrap() + g);
                    }
                    found.push(Found { pos, len });
                }
            }
        }
        let keep = not_contained(&found);
        for (i, a) in found.iter().enumerate() {
            let inside = found.iter().enumerate().any(|(j, b)| {
                j != i
                    && b.len > a.len
                    && a.pos.len() == b.pos.len()
                    && a.pos
                        .iter()
                        .zip(&b.pos)
                        .all(|(&x, &y)| y <= x && x + a.len <= y + b.len)
            });
            assert_eq!(keep[i], !inside, "{i}");
        }
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        /// Text from slices of one sentence of distinct words (so that slices repeat,
        /// nest and overlap), joined by words of their own or by nothing, and rules of
        /// `====` (no word); some pieces marked covered.
        fn text() -> impl Strategy<Value = (String, Vec<Span>)> {
            let piece = (0usize..20, 0usize..12, any::<bool>(), any::<bool>());
            proptest::collection::vec(piece, 1..14).prop_map(|pieces| {
                let base: Vec<String> = (0..32).map(|i| format!("w{i}")).collect();
                let mut text = String::new();
                let mut covered = Vec::new();
                for (k, (start, len, glue, cover)) in pieces.into_iter().enumerate() {
                    let end = (start + len).min(base.len());
                    let from = text.len();
                    if len == 0 {
                        text.push_str("====");
                    } else {
                        text.push_str(&base[start..end].join(" "));
                    }
                    if cover {
                        covered.push(Span {
                            start: from,
                            end: text.len(),
                        });
                    }
                    text.push_str(if glue { " " } else { "\n" });
                    if !glue {
                        text.push_str(&format!("sep{k}\n"));
                    }
                }
                (text, covered)
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(512))]

            #[test]
            fn runs_equal_the_brute_force_oracle((text, covered) in text(), min in 2usize..6) {
                prop_assume!(!has_tandem(&text));
                prop_assert_eq!(runs(&text, &covered, min), oracle(&text, &covered, min));
                prop_assert_eq!(runs(&text, &[], min), oracle(&text, &[], min));
            }
        }
    }
}
