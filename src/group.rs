//! Grouping: equal units into groups.
//!
//! Units are bucketed by fingerprint (a sort of compact `(fingerprint, index)` keys), and
//! every bucket is verified on normalized text: a hash match alone never makes a group.

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
pub(crate) fn group_units<P: Pos>(
    text: &str,
    units: &[RawUnit<P>],
    prints: &[UnitPrint],
    normalizer: Normalizer,
    steps: &mut Steps,
) -> (Vec<Group>, Vec<u32>) {
    let mut keys: Vec<(u64, u32)> = prints
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.candidate().map(|f| (f, i as u32)))
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
