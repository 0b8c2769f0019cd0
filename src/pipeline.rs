//! One document: units -> fingerprints -> groups -> blocks -> repeats inside units and
//! near duplicates -> [`Report`].
//!
//! [`Finder::find`](crate::Finder::find) runs it on one text; the corpus index runs it on
//! each document from the fingerprints it computed anyway, so that every unit is
//! normalized once.

use crate::blocks;
use crate::finder::Finder;
use crate::fingerprint::Candidate;
use crate::group::{self, NONE};
use crate::normalize::Scratch;
use crate::report::{near_repeat, Block, Group, Occurrence, Report, Stats};
use crate::split::{self, Pos, RawUnit, Unit};
use crate::{inner, repair, Span};

/// Splits, fingerprints and searches `text`, with units of 16 bytes when it is under
/// 4 GiB ([`split::narrow`]).
pub(crate) fn find(finder: &Finder, text: &str) -> Report {
    if split::narrow(text) {
        find_with::<u32>(finder, text)
    } else {
        find_with::<usize>(finder, text)
    }
}

/// [`find`] with units that hold their offsets as `P`.
fn find_with<P: Pos>(finder: &Finder, text: &str) -> Report {
    let (unit, units) = split::split::<P>(text, finder.unit_setting());
    // The stutters do not depend on the exact repeats, which only mark them: their scan
    // runs beside the search (on a 100 MB file of man pages and Python sources, the
    // grouping and blocks took 0.25 s on one thread while the other waited).
    let (mut report, stutters) = rayon::join(
        || {
            // Proposals, not 128-bit fingerprints: every bucket is verified on text, and
            // the report shows no fingerprint.
            let mut prints = Vec::new();
            finder
                .keys()
                .propose_units(text, &units, &mut Scratch::default(), &mut prints);
            report(finder, text, unit, &units, &prints)
        },
        || {
            finder
                .inner_setting()
                .map(|cfg| (cfg, inner::stutters_in(text, &units[..], cfg)))
        },
    );
    if let Some((cfg, stutters)) = stutters {
        add_inner_after(cfg, text, &units, &mut report, stutters);
    }
    report
}

/// The repeats inside units of `text`, when the finder looks for them, added to the
/// `report` of its exact repeats ([`report`]).
pub(crate) fn add_inner<P: Pos>(finder: &Finder, text: &str, units: &[RawUnit<P>], report: &mut Report) {
    if let Some(cfg) = finder.inner_setting() {
        let stutters = inner::stutters_in(text, units, cfg);
        add_inner_after(cfg, text, units, report, stutters);
    }
}

/// [`add_inner`] from the `stutters` of `text` ([`inner::stutters_in`] with `cfg`).
fn add_inner_after<P: Pos>(
    cfg: &inner::InnerConfig,
    text: &str,
    units: &[RawUnit<P>],
    report: &mut Report,
    stutters: inner::Stutters,
) {
    // What the exact finder reports already: later occurrences of units and blocks (in
    // a vector of their number: collected from the chain, it doubled to twice that).
    let later = |o: &[Occurrence]| o.len() - 1;
    let n = report.groups.iter().map(|g| later(&g.occurrences)).sum::<usize>()
        + report.blocks.iter().map(|b| later(&b.occurrences)).sum::<usize>();
    let mut covered: Vec<Span> = Vec::with_capacity(n);
    covered.extend(
        report
            .groups
            .iter()
            .flat_map(|g| &g.occurrences[1..])
            .chain(report.blocks.iter().flat_map(|b| &b.occurrences[1..]))
            .map(|o| o.span),
    );
    let mut found = inner::find_inner_after(text, units, &covered, cfg, stutters);
    inner::assign_units(&mut found, units);
    report.inner = found;
}

/// The report of `text` from its units and their fingerprints, without repeats inside
/// units ([`add_inner`] adds them): groups, blocks, near duplicates.
pub(crate) fn report<P: Pos, C: Candidate>(
    finder: &Finder,
    text: &str,
    unit: Unit,
    units: &[RawUnit<P>],
    prints: &[C],
) -> Report {
    let normalizer = finder.keys().normalizer;
    let mut steps = group::Steps::default();
    let (classes, class) = group::group_units(text, units, prints, normalizer, &mut steps);

    // The sequence of eligible units, each as its group id, except that each run of
    // units in no group becomes one id of its own: such units occur once, so they only
    // ever end a block, and a shorter sequence makes the suffix array cheaper.
    // `at[k]` is the unit of `seq[k]`.
    let mut at: Vec<u32> = Vec::new();
    let runs = if classes.is_empty() {
        Vec::new()
    } else {
        let alone = classes.len() as u32;
        let mut next = alone;
        let mut seq: Vec<u32> = Vec::new();
        let eligible = (0..units.len()).filter(|&i| prints[i].counts());
        for i in eligible {
            let id = match class[i] {
                NONE if seq.last().is_some_and(|&last| last >= alone) => continue,
                NONE => {
                    next += 1;
                    next - 1
                }
                c => c,
            };
            seq.push(id);
            at.push(i as u32);
        }
        blocks::blocks(&seq, next as usize, &mut steps)
    };

    let occurrence = |first: usize, last: usize| Occurrence::of_units(units, first, last);
    let groups: Vec<Group> = classes
        .iter()
        .map(|g| Group {
            occurrences: g
                .members
                .iter()
                .map(|&m| occurrence(m as usize, m as usize))
                .collect(),
        })
        .collect();
    let blocks: Vec<Block> = runs
        .iter()
        .map(|b| Block {
            units: b.len as usize,
            occurrences: b
                .starts
                .iter()
                .map(|&s| {
                    let first = at[s as usize] as usize;
                    let last = at[(s + b.len - 1) as usize] as usize;
                    occurrence(first, last)
                })
                .collect(),
        })
        .collect();

    let stats = unit_stats(text.len(), units, &classes, &runs, &at);
    let removals = repair::removals(text, units, &groups);
    let near = match finder.near_setting() {
        Some(near) => {
            // One representative of each group of equal units: near groups hold units
            // that are similar, not equal.
            let reps: Vec<usize> = (0..units.len())
                .filter(|&i| {
                    prints[i].counts()
                        && (class[i] == NONE || groups[class[i] as usize].occurrences[0].unit == i)
                })
                .collect();
            let texts: Vec<&str> = reps.iter().map(|&i| &text[units[i].span()]).collect();
            near.groups(&texts)
                .into_iter()
                .map(|g| {
                    // Every occurrence of each text: its exact copies are in the group.
                    let copies = |i: usize| match class[i] {
                        NONE => vec![i],
                        c => groups[c as usize].occurrences.iter().map(|o| o.unit).collect(),
                    };
                    near_repeat(g.members().iter().map(|&m| copies(reps[m])), g.pairs(), |u| {
                        occurrence(u, u)
                    })
                })
                .collect()
        }
        None => Vec::new(),
    };
    Report {
        bytes: text.len(),
        unit,
        groups,
        blocks,
        inner: Vec::new(),
        near,
        stats,
        removals,
        #[cfg(feature = "internals")]
        work: crate::report::Work {
            units: units.len() as u64,
            comparisons: steps.comparisons,
            suffix_steps: steps.suffix,
            occurrence_steps: steps.occurrences,
        },
    }
}

/// [`stats`] of the groups `classes` and the blocks `runs` (over `seq`, whose `k`th entry
/// is unit `at[k]`) of a text of `bytes` bytes cut into `units`, without sorting spans:
/// every later occurrence covers the units `first..=last` and the gaps between them, so
/// the farthest unit reached by an occurrence starting at or before each unit, in one
/// sweep over the units, says which units and gaps are repeated bytes.
fn unit_stats<P: Pos>(
    bytes: usize,
    units: &[RawUnit<P>],
    classes: &[group::Group],
    runs: &[blocks::Block],
    at: &[u32],
) -> Stats {
    // `reach[i]`: one more than the last unit of an occurrence starting at unit `i` (0: none).
    let mut reach = vec![0u32; units.len()];
    let mut repeated_units = 0;
    let mut cover = |first: usize, last: usize| reach[first] = reach[first].max(last as u32 + 1);
    for g in classes {
        repeated_units += g.members.len() - 1;
        for &m in &g.members[1..] {
            cover(m as usize, m as usize);
        }
    }
    for b in runs {
        for &s in &b.starts[1..] {
            cover(at[s as usize] as usize, at[(s + b.len - 1) as usize] as usize);
        }
    }
    let mut repeated_bytes = 0;
    let mut to = 0u32;
    for (i, u) in units.iter().enumerate() {
        to = to.max(reach[i]);
        if to as usize > i {
            let span = u.span();
            repeated_bytes += span.len();
            if to as usize > i + 1 {
                repeated_bytes += units[i + 1].span().start - span.end;
            }
        }
    }
    counted(bytes, units.len(), repeated_units, repeated_bytes)
}

/// The repetition statistics of a report of a text of `bytes` bytes cut into `units` units.
pub(crate) fn stats(bytes: usize, units: usize, groups: &[Group], blocks: &[Block]) -> Stats {
    let mut spans: Vec<Span> = Vec::new();
    let mut repeated_units = 0;
    for g in groups {
        repeated_units += g.occurrences.len() - 1;
        spans.extend(g.occurrences[1..].iter().map(|o| o.span));
    }
    for b in blocks {
        spans.extend(b.occurrences[1..].iter().map(|o| o.span));
    }
    spans.sort_unstable();
    let mut repeated_bytes = 0;
    let mut covered_to = 0;
    for s in spans {
        let start = s.start.max(covered_to);
        if s.end > start {
            repeated_bytes += s.end - start;
            covered_to = s.end;
        }
    }
    counted(bytes, units, repeated_units, repeated_bytes)
}

/// The statistics of these counts, for a text of `bytes` bytes.
fn counted(bytes: usize, units: usize, repeated_units: usize, repeated_bytes: usize) -> Stats {
    Stats {
        units,
        repeated_units,
        repeated_bytes,
        repeated_fraction: if bytes == 0 {
            0.0
        } else {
            repeated_bytes as f64 / bytes as f64
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FinderBuilder;

    /// Text with groups, blocks, stutters, near duplicates, blank lines and `\r\n`.
    fn text(seed: usize) -> String {
        let mut t = String::new();
        for i in 0..400 {
            let k = (i * 7 + seed) % 13;
            match k {
                0 => t.push_str("\r\n"),
                1 | 2 => t.push_str("a line that repeats itself, with enough words\n"),
                3 => t.push_str("the the the cat sat on the mat, the cat sat on the mat\n\n"),
                4 => t.push_str("first of a block of lines\nsecond of a block of lines\n"),
                5 => t.push_str(&format!(
                    "a line of its own, number {i}, nearly like the others\n"
                )),
                _ => t.push_str(&format!("unit {k} of the text, wrapped\nover two lines\n\n")),
            }
        }
        t
    }

    #[test]
    fn narrow_and_wide_units_give_the_same_report() {
        for seed in 0..6 {
            let t = text(seed);
            for unit in [Unit::Auto, Unit::Line, Unit::Paragraph] {
                let f = FinderBuilder::new()
                    .unit(unit)
                    .stutters(true)
                    .near(true)
                    .build()
                    .unwrap();
                let narrow = find_with::<u32>(&f, &t);
                assert!(!narrow.groups().is_empty() && !narrow.blocks().is_empty());
                assert_eq!(narrow, find_with::<usize>(&f, &t), "{seed} {unit:?}");
                assert_eq!(narrow, find(&f, &t));
            }
        }
        assert!(split::narrow("short"));
    }

    /// The report from xxh3-64 proposals is the report from the 128-bit fingerprints
    /// (the old path, which the corpus index still takes).
    #[test]
    fn proposals_and_fingerprints_give_the_same_report() {
        for seed in 0..6 {
            let t = text(seed);
            for unit in [Unit::Line, Unit::Paragraph] {
                let f = FinderBuilder::new().unit(unit).near(true).build().unwrap();
                let (unit, units) = split::split::<u32>(&t, unit);
                let mut prints = Vec::new();
                f.keys()
                    .print_units(&t, &units, &mut Scratch::default(), &mut prints);
                let old = report(&f, &t, unit, &units, &prints);
                assert!(!old.groups().is_empty() && !old.blocks().is_empty());
                assert_eq!(old, find_with::<u32>(&f, &t), "{seed} {unit:?}");
            }
        }
    }

    proptest::proptest! {
        /// The statistics swept over units equal those of the sorted spans of the
        /// report's later occurrences (the old way, kept as [`stats`]).
        #[test]
        fn unit_stats_equal_sorted_span_stats(
            picks in proptest::collection::vec(0usize..12, 0..300),
            para in proptest::bool::ANY,
        ) {
            let pieces = [
                "a line that repeats itself, long enough\n",
                "another line that repeats, long enough\n",
                "\n",
                "short\n",
                "  indented line that repeats, long enough  \r\n",
                "first of a block of two lines here\nsecond of a block of two lines\n",
                "one more line that is long enough to count\n",
                "x\n",
                "a line that repeats itself, long enough\n\n",
                "\u{4e2d}\u{6587}\u{7684}\u{4e00}\u{884c}\u{6587}\u{5b57}\u{91cd}\u{590d}\n",
                "tail without newline, long enough to count",
                "   \n",
            ];
            let t: String = picks.iter().map(|&k| pieces[k]).collect();
            let unit = if para { Unit::Paragraph } else { Unit::Line };
            let f = FinderBuilder::new().unit(unit).build().unwrap();
            let r = find(&f, &t);
            let want = stats(t.len(), r.units(), &r.groups, &r.blocks);
            proptest::prop_assert_eq!(r.stats, want);
        }
    }
}
