//! Property tests on text built from a small pool of lines and paragraphs, so repeats
//! occur, checked against naive oracles written from the documented rules.
//!
//! The oracles: lines split at `\n`, `\r\n` and a lone `\r`, trimmed with `str::trim`;
//! units are the non-blank lines, or runs of them for paragraphs; a unit counts when
//! `Finder::normalize` leaves at least `min_bytes` bytes; groups come from a `HashMap`
//! keyed by normalized text; blocks by brute force over every run (maximal repeats, see
//! `naive_blocks`), or a quadratic greedy longest-previous-factor parse past the budget.

use std::collections::{HashMap, HashSet};

use dedupe::{Finder, FinderBuilder, Normalize, Report, Span, Unit};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

// ---------------------------------------------------------------------------------------
// Text generation.

/// Lines, several of them equal to another one at some normalization level.
const LINES: &[&str] = &[
    "The quick brown fox jumps over the lazy dog.",
    "The quick  brown fox jumps over the lazy dog.",
    "The quick brown fox jumps over the lazy dog.   ",
    "\u{a0}The quick brown fox\u{a0}jumps over the lazy dog.",
    "THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG.",
    "\u{201C}Quoted words,\u{201D} she said, \u{2018}again\u{2019}.",
    "\"Quoted words,\" she said, 'again'.",
    "Caf\u{e9} cr\u{e8}me br\u{fb}l\u{e9}e, s'il vous pla\u{ee}t",
    "Cafe\u{301} cre\u{300}me bru\u{302}le\u{301}e, s'il vous plai\u{302}t",
    "\u{421}\u{44a}\u{435}\u{448}\u{44c} \u{436}\u{435} \u{435}\u{449}\u{451} \u{44d}\u{442}\u{438}\u{445} \u{431}\u{443}\u{43b}\u{43e}\u{43a}",
    "\u{421}\u{44a}\u{435}\u{448}\u{44c} \u{416}\u{415} \u{435}\u{449}\u{451} \u{44d}\u{442}\u{438}\u{445} \u{431}\u{443}\u{43b}\u{43e}\u{43a}",
    "\u{65e5}\u{672c}\u{8a9e}\u{306e}\u{30c6}\u{30ad}\u{30b9}\u{30c8}\u{3082}\u{91cd}\u{8907}\u{3059}\u{308b}",
    "\u{ff46}\u{ff55}\u{ff4c}\u{ff4c}width text, folded by NFKC",
    "fullwidth text, folded by NFKC",
    "zero\u{200B}width characters vanish here",
    "\u{feff}zerowidth characters vanish here",
    "\ttabs\tand   spaces\t mixed together ",
    "tabs and spaces mixed together",
    "\u{130}stanbul stra\u{df}e \u{3a3}\u{38a}\u{3a3}\u{3a5}\u{3a6}\u{39f}\u{3a3}",
    "i\u{307}stanbul stra\u{df}e \u{3c3}\u{3af}\u{3c3}\u{3c5}\u{3c6}\u{3bf}\u{3c3}",
    "\x0bvertical tab and form feed\x0c in a line",
    "vertical tab and form feed in a line",
    "next line\u{85}and line separator\u{2028}inside one",
    "next line and line separator inside one",
    "a line longer than one chunk of sixty-four bytes, with a double  space at the seam",
    "a line longer than one chunk of sixty-four bytes, with a double space at the seam",
    "Advertisement",
    "Share this",
    "ok",
    "Read more",
];

/// Hard-wrapped paragraphs; the second and third equal the first after whitespace
/// normalization, the fourth and fifth each other after Unicode normalization.
const PARAS: &[&[&str]] = &[
    &[
        "Permission is hereby granted, free of charge,",
        "to any person obtaining a copy.",
    ],
    &[
        "Permission is hereby  granted, free of charge,",
        "to any person obtaining a copy.",
    ],
    &[
        "Permission is hereby granted,",
        "free of charge, to any person obtaining a copy.",
    ],
    &[
        "\u{201C}Der Gr\u{fc}\u{df}e,\u{201D} sagte sie,",
        "und ging nach Hause.",
    ],
    &["\"Der Gru\u{308}\u{df}e,\" sagte sie,", "und ging nach Hause."],
];

/// Line terminators, `\n` most often.
const BREAKS: &[&str] = &["\n", "\n", "\r\n", "\r"];
/// Blank lines.
const BLANKS: &[&str] = &["", "", "  ", "\u{a0}", "\t\u{3000}"];

#[derive(Clone, Debug)]
enum Item {
    Line(usize),
    Blank(usize),
    /// A paragraph and a blank line after it.
    Para(usize),
}

fn item() -> impl Strategy<Value = (Item, usize)> {
    (
        prop_oneof![
            6 => (0..LINES.len()).prop_map(Item::Line),
            2 => (0..BLANKS.len()).prop_map(Item::Blank),
            2 => (0..PARAS.len()).prop_map(Item::Para),
        ],
        0..BREAKS.len(),
    )
}

/// The items, each followed by its line terminator, the last one's dropped unless
/// `final_break`.
fn build(items: &[(Item, usize)], final_break: bool) -> String {
    let mut out = String::new();
    for (k, (item, brk)) in items.iter().enumerate() {
        let brk = BREAKS[*brk];
        match item {
            Item::Line(i) => out.push_str(LINES[*i]),
            Item::Blank(i) => out.push_str(BLANKS[*i]),
            Item::Para(i) => {
                out.push_str(&PARAS[*i].join(brk));
                out.push_str(brk);
            }
        }
        if final_break || k + 1 < items.len() {
            out.push_str(brk);
        }
    }
    out
}

fn text() -> impl Strategy<Value = String> {
    (prop::collection::vec(item(), 0..40), any::<bool>()).prop_map(|(items, fb)| build(&items, fb))
}

#[derive(Clone, Debug)]
struct Config {
    unit: Unit,
    normalize: Normalize,
    fold_case: bool,
    min_bytes: usize,
}

impl Config {
    fn builder(&self) -> FinderBuilder {
        let mut b = FinderBuilder::new();
        b.unit(self.unit)
            .normalize(self.normalize)
            .fold_case(self.fold_case)
            .min_bytes(self.min_bytes);
        b
    }

    fn finder(&self) -> Finder {
        self.builder().build().unwrap()
    }
}

fn config() -> impl Strategy<Value = Config> {
    (
        prop_oneof![Just(Unit::Auto), Just(Unit::Line), Just(Unit::Paragraph)],
        prop_oneof![
            Just(Normalize::Exact),
            Just(Normalize::Whitespace),
            Just(Normalize::Unicode)
        ],
        any::<bool>(),
        prop_oneof![Just(1usize), Just(12), Just(20)],
    )
        .prop_map(|(unit, normalize, fold_case, min_bytes)| Config {
            unit,
            normalize,
            fold_case,
            min_bytes,
        })
}

// ---------------------------------------------------------------------------------------
// Naive oracles.

/// One line: its content `start..end` (terminator excluded) and where the next begins.
struct Line {
    start: usize,
    end: usize,
    next: usize,
}

fn naive_lines(text: &str) -> Vec<Line> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < b.len() {
        let len = match b[i] {
            b'\n' => 1,
            b'\r' if b.get(i + 1) == Some(&b'\n') => 2,
            b'\r' => 1,
            _ => 0,
        };
        if len == 0 {
            i += 1;
            continue;
        }
        out.push(Line {
            start,
            end: i,
            next: i + len,
        });
        i += len;
        start = i;
    }
    out.push(Line {
        start,
        end: b.len(),
        next: b.len(),
    });
    out
}

/// `breaks[pos]` is the number of line breaks in `text[..pos]`, counting `\n`, and `\r`
/// when no `\n` follows it; a position's line number is one more.
fn naive_breaks(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut out = vec![0usize; b.len() + 1];
    for i in 0..b.len() {
        let brk = b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n'));
        out[i + 1] = out[i] + usize::from(brk);
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct NaiveUnit {
    span: Span,
    line: usize,
    end_line: usize,
}

fn naive_units(text: &str, unit: Unit) -> Vec<NaiveUnit> {
    let mut out: Vec<NaiveUnit> = Vec::new();
    for (k, l) in naive_lines(text).iter().enumerate() {
        let piece = &text[l.start..l.end];
        if piece.trim().is_empty() {
            continue;
        }
        let start = l.start + (piece.len() - piece.trim_start().len());
        let end = l.start + piece.trim_end().len();
        let line = k + 1;
        match out.last_mut() {
            Some(p) if unit == Unit::Paragraph && p.end_line + 1 == line => {
                p.span.end = end;
                p.end_line = line;
            }
            _ => out.push(NaiveUnit {
                span: Span { start, end },
                line,
                end_line: line,
            }),
        }
    }
    out
}

/// Each unit's normalized text when it is long enough to count.
fn naive_eligible(finder: &Finder, min_bytes: usize, text: &str, units: &[NaiveUnit]) -> Vec<Option<String>> {
    units
        .iter()
        .map(|u| {
            let n = finder.normalize(&text[u.span]).into_owned();
            (n.len() >= min_bytes).then_some(n)
        })
        .collect()
}

/// Groups of unit indices with equal normalized text, sorted by first member.
fn naive_groups(normal: &[Option<String>]) -> Vec<Vec<usize>> {
    let mut by_text: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, n) in normal.iter().enumerate() {
        if let Some(n) = n {
            by_text.entry(n).or_default().push(i);
        }
    }
    let mut groups: Vec<Vec<usize>> = by_text.into_values().filter(|g| g.len() >= 2).collect();
    groups.sort();
    groups
}

/// Every non-overlapping occurrence of `pat` in `seq`, greedy from the left.
fn greedy_occurrences(seq: &[u32], pat: &[u32]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut p = 0;
    while p + pat.len() <= seq.len() {
        if seq[p..p + pat.len()] == *pat {
            out.push(p);
            p += pat.len();
        } else {
            p += 1;
        }
    }
    out
}

/// Every occurrence of `pat` in `seq`, ascending.
fn all_occurrences(seq: &[u32], pat: &[u32]) -> Vec<usize> {
    (0..=seq.len().saturating_sub(pat.len()))
        .filter(|&p| p + pat.len() <= seq.len() && seq[p..p + pat.len()] == *pat)
        .collect()
}

/// The first place of each cluster of overlapping places of a run of `len` units.
fn cluster_starts(occ: &[usize], len: usize) -> Vec<usize> {
    let mut out = Vec::new();
    for (k, &p) in occ.iter().enumerate() {
        if k == 0 || p >= occ[k - 1] + len {
            out.push(p);
        }
    }
    out
}

/// Blocks as `(units, starts)` over `seq`, as blocks.rs documents them: every run of two or
/// more units that occurs twice or more, is followed by two different units (or the end)
/// and preceded by two different units (or the start) at its occurrences, plus the period
/// of each such run that overlaps its own copy; each reported at the first place of every
/// cluster of overlapping places, when there are two clusters or more; minus the blocks
/// all of whose places lie inside another's. When that reads more places than
/// `blocks::budget` (three per unit), the greedy parse's blocks instead. Brute force.
fn naive_blocks(seq: &[u32]) -> Vec<(usize, Vec<usize>)> {
    let n = seq.len();
    if n < 4 {
        return Vec::new();
    }
    let mut candidates: Vec<&[u32]> = Vec::new();
    let mut read = 0usize;
    let mut periods: Vec<&[u32]> = Vec::new();
    for len in 2..n {
        for start in 0..=n - len {
            let w = &seq[start..start + len];
            let occ = all_occurrences(seq, w);
            if occ[0] != start || occ.len() < 2 {
                continue;
            }
            let rights: HashSet<Option<u32>> = occ.iter().map(|&p| seq.get(p + len).copied()).collect();
            let lefts: HashSet<Option<u32>> = occ.iter().map(|&p| p.checked_sub(1).map(|q| seq[q])).collect();
            if rights.len() < 2 || (lefts.len() < 2 && !lefts.contains(&None)) {
                continue;
            }
            read += occ.len();
            candidates.push(w);
            if let Some(k) = (1..occ.len()).find(|&k| occ[k] - occ[k - 1] < len) {
                let (p, q) = (occ[k - 1], occ[k]);
                if q - p >= 2 {
                    let u = &seq[p..q];
                    read += all_occurrences(seq, u).len();
                    periods.push(u);
                }
            }
        }
    }
    if read > 3 * n {
        return naive_greedy_blocks(seq);
    }
    for u in periods {
        if !candidates.contains(&u) {
            candidates.push(u);
        }
    }
    let found: Vec<(usize, Vec<usize>)> = candidates
        .iter()
        .map(|w| (w.len(), cluster_starts(&all_occurrences(seq, w), w.len())))
        .filter(|(_, starts)| starts.len() >= 2)
        .collect();
    let inside_another = |b: usize, s: usize| {
        let e = s + found[b].0;
        found
            .iter()
            .enumerate()
            .any(|(c, (len, starts))| c != b && starts.iter().any(|&t| t <= s && t + len >= e))
    };
    let mut out: Vec<(usize, Vec<usize>)> = (0..found.len())
        .filter(|&b| !found[b].1.iter().all(|&s| inside_another(b, s)))
        .map(|b| found[b].clone())
        .collect();
    out.sort_by(|x, y| x.1[0].cmp(&y.1[0]).then(y.0.cmp(&x.0)));
    out
}

/// The greedy parse blocks.rs falls back to: a greedy parse
/// taking at each position the longest run that also starts earlier (leftmost source on
/// ties), cut at the period when it overlaps its source (a partial last period dropped);
/// every distinct piece of two or
/// more units, with all its non-overlapping occurrences. Quadratic and obvious.
fn naive_greedy_blocks(seq: &[u32]) -> Vec<(usize, Vec<usize>)> {
    let n = seq.len();
    let common = |i: usize, j: usize| (0..n - i).take_while(|&k| seq[i + k] == seq[j + k]).count();
    let mut pieces: Vec<&[u32]> = Vec::new();
    let mut i = 0;
    while i < n {
        let (mut len, mut src) = (0, 0);
        for j in 0..i {
            let l = common(i, j);
            if l > len {
                (len, src) = (l, j);
            }
        }
        if len < 2 {
            i += 1;
            continue;
        }
        let period = i - src;
        let mut at = i;
        while at < i + len {
            let piece = period.min(i + len - at);
            let content = &seq[at..at + piece];
            // A last, partial period of an overlapping copy is not a block of its own.
            let tail = period < len && piece < period;
            if piece >= 2 && !tail && !pieces.contains(&content) {
                pieces.push(content);
            }
            at += piece;
        }
        i += len;
    }
    let mut out: Vec<(usize, Vec<usize>)> = pieces
        .into_iter()
        .map(|p| (p.len(), greedy_occurrences(seq, p)))
        .filter(|(_, starts)| starts.len() >= 2)
        .collect();
    out.sort_by(|x, y| x.1[0].cmp(&y.1[0]).then(y.0.cmp(&x.0)));
    out
}

// ---------------------------------------------------------------------------------------
// Checks.

/// The index of the unit whose span ends at `end`.
fn unit_ending_at(units: &[NaiveUnit], end: usize) -> Option<usize> {
    units.binary_search_by_key(&end, |u| u.span.end).ok()
}

/// Groups as unit indices, and blocks as `(units, first unit, last unit)` of every
/// occurrence: the structure in unit-relative terms.
type Structure = (Vec<Vec<usize>>, Vec<(usize, Vec<(usize, usize)>)>);

fn structure(report: &Report, units: &[NaiveUnit]) -> Structure {
    let groups = report
        .groups()
        .iter()
        .map(|g| g.occurrences().iter().map(|o| o.unit()).collect())
        .collect();
    let last_unit = |end: usize| unit_ending_at(units, end).unwrap();
    let blocks = report
        .blocks()
        .iter()
        .map(|b| {
            let occ = b
                .occurrences()
                .iter()
                .map(|o| (o.unit(), last_unit(o.span().end)))
                .collect();
            (b.units(), occ)
        })
        .collect();
    (groups, blocks)
}

/// Everything but threads and repair: units, groups and blocks against the oracles,
/// spans, lines, ordering, statistics. `block_oracle` runs the quadratic block oracle.
fn check_report(
    text: &str,
    config: &Config,
    finder: &Finder,
    report: &Report,
    block_oracle: bool,
) -> Result<(), TestCaseError> {
    let unit = report.unit();
    prop_assert!(unit == Unit::Line || unit == Unit::Paragraph);
    if config.unit != Unit::Auto {
        prop_assert_eq!(unit, config.unit);
    }
    let units = naive_units(text, unit);
    prop_assert_eq!(report.units(), units.len());
    prop_assert_eq!(report.bytes(), text.len());
    let normal = naive_eligible(finder, config.min_bytes, text, &units);
    let breaks = naive_breaks(text);

    // (a) Completeness and soundness of groups, against the HashMap oracle.
    let want = naive_groups(&normal);
    let got: Vec<Vec<usize>> = report
        .groups()
        .iter()
        .map(|g| g.occurrences().iter().map(|o| o.unit()).collect())
        .collect();
    prop_assert_eq!(&got, &want, "groups (unit indices)");
    // Members are equal after `Finder::normalize`, compared as text.
    for g in report.groups() {
        let first = finder.normalize(g.occurrences()[0].text(text));
        prop_assert!(first.len() >= config.min_bytes);
        for o in g.occurrences() {
            prop_assert_eq!(&finder.normalize(o.text(text)), &first);
        }
    }

    // (b), (c) Spans and lines of every occurrence.
    let all = report
        .groups()
        .iter()
        .flat_map(|g| g.occurrences())
        .chain(report.blocks().iter().flat_map(|b| b.occurrences()));
    for o in all {
        let s = o.span();
        prop_assert!(s.start < s.end && s.end <= text.len(), "{:?}", s);
        prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        prop_assert_eq!(o.line(), 1 + breaks[s.start]);
        prop_assert_eq!(o.end_line(), 1 + breaks[s.end]);
        let first = units[o.unit()];
        prop_assert_eq!(s.start, first.span.start);
        prop_assert_eq!(o.line(), first.line);
    }
    for g in report.groups() {
        for o in g.occurrences() {
            let u = units[o.unit()];
            prop_assert_eq!((o.span(), o.line(), o.end_line()), (u.span, u.line, u.end_line));
        }
        for w in g.occurrences().windows(2) {
            prop_assert!(w[0].span().end < w[1].span().start, "group occurrences sorted");
        }
    }
    for w in report.groups().windows(2) {
        prop_assert!(w[0].occurrences()[0].unit() < w[1].occurrences()[0].unit());
    }

    // (g) Blocks: consistent with the groups, then against the parse oracle.
    let eligible: Vec<usize> = (0..units.len()).filter(|&i| normal[i].is_some()).collect();
    let mut group_of = vec![None; units.len()];
    for (id, g) in report.groups().iter().enumerate() {
        for o in g.occurrences() {
            group_of[o.unit()] = Some(id);
        }
    }
    for b in report.blocks() {
        prop_assert!(b.units() >= 2 && b.occurrences().len() >= 2);
        let mut first_seq = None;
        for o in b.occurrences() {
            // It starts and ends on eligible units.
            let last = unit_ending_at(&units, o.span().end);
            prop_assert!(last.is_some(), "block ends mid-unit");
            let last = last.unwrap();
            prop_assert!(normal[o.unit()].is_some() && normal[last].is_some());
            prop_assert_eq!(o.end_line(), units[last].end_line);
            // The eligible units inside the occurrence, as group ids.
            let inside: Vec<Option<usize>> = (o.unit()..=last)
                .filter(|&i| normal[i].is_some())
                .map(|i| group_of[i])
                .collect();
            prop_assert_eq!(inside.len(), b.units());
            prop_assert!(inside.iter().all(Option::is_some), "block unit in no group");
            match &first_seq {
                None => first_seq = Some(inside),
                Some(f) => prop_assert_eq!(f, &inside, "block occurrences differ"),
            }
        }
        for w in b.occurrences().windows(2) {
            prop_assert!(w[0].span().end < w[1].span().start, "block occurrences overlap");
        }
    }
    for w in report.blocks().windows(2) {
        let (x, y) = (&w[0], &w[1]);
        let (xs, ys) = (x.occurrences()[0].unit(), y.occurrences()[0].unit());
        prop_assert!(xs < ys || (xs == ys && x.units() > y.units()), "blocks sorted");
    }
    if block_oracle {
        // Each run of units in no group is one id of its own, as in the pipeline (which
        // reads the budget off the sequence's length); `at` maps back to eligible units.
        let mut next = report.groups().len() as u32;
        let mut seq: Vec<u32> = Vec::new();
        let mut at: Vec<usize> = Vec::new();
        for (k, &i) in eligible.iter().enumerate() {
            let id = match group_of[i] {
                Some(g) => g as u32,
                None if seq.last().is_some_and(|&l| l >= report.groups().len() as u32) => continue,
                None => {
                    next += 1;
                    next - 1
                }
            };
            seq.push(id);
            at.push(k);
        }
        let want = if report.groups().is_empty() {
            Vec::new()
        } else {
            naive_blocks(&seq)
                .into_iter()
                .map(|(len, starts)| (len, starts.into_iter().map(|s| at[s]).collect()))
                .collect()
        };
        let position = |unit: usize| eligible.iter().position(|&e| e == unit).unwrap();
        let got: Vec<(usize, Vec<usize>)> = report
            .blocks()
            .iter()
            .map(|b| {
                (
                    b.units(),
                    b.occurrences().iter().map(|o| position(o.unit())).collect(),
                )
            })
            .collect();
        prop_assert_eq!(got, want, "blocks (eligible positions) for {:?}", seq);
    }

    // Statistics.
    let stats = report.stats();
    prop_assert_eq!(stats.units(), units.len());
    let repeated: usize = want.iter().map(|g| g.len() - 1).sum();
    prop_assert_eq!(stats.repeated_units(), repeated);
    let mut covered = vec![false; text.len()];
    let later = report
        .groups()
        .iter()
        .flat_map(|g| &g.occurrences()[1..])
        .chain(report.blocks().iter().flat_map(|b| &b.occurrences()[1..]));
    for o in later {
        covered[o.span().start..o.span().end].fill(true);
    }
    prop_assert_eq!(stats.repeated_bytes(), covered.iter().filter(|&&c| c).count());
    Ok(())
}

/// (f) Repair: removals put back give the input; only later occurrences (and the
/// whitespace around them) go; nothing repeats afterwards; repairing again is a no-op.
fn check_repair(text: &str, config: &Config, report: &Report) -> Result<(), TestCaseError> {
    let units = naive_units(text, report.unit());
    let removals = report.removals();
    for r in removals {
        prop_assert!(r.start < r.end && r.end <= text.len(), "{:?}", r);
        prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
    }
    for w in removals.windows(2) {
        prop_assert!(w[0].end <= w[1].start, "removals ascending and disjoint");
    }
    let repaired = report.repair(text).unwrap();
    // Put the removed pieces back between the kept ones: every other byte is kept.
    let mut rebuilt = String::new();
    let (mut at_text, mut at_repaired) = (0, 0);
    for r in removals {
        let keep = r.start - at_text;
        rebuilt.push_str(&repaired[at_repaired..at_repaired + keep]);
        rebuilt.push_str(&text[*r]);
        at_repaired += keep;
        at_text = r.end;
    }
    rebuilt.push_str(&repaired[at_repaired..]);
    prop_assert_eq!(&rebuilt, text);

    let mut later = vec![false; units.len()];
    for g in report.groups() {
        for o in &g.occurrences()[1..] {
            later[o.unit()] = true;
        }
    }
    let removed = |at: usize| removals.iter().any(|r| r.start <= at && at < r.end);
    for (u, &gone) in units.iter().zip(&later) {
        let inside = (u.span.start..u.span.end).filter(|&i| removed(i)).count();
        prop_assert_eq!(inside, if gone { u.span.len() } else { 0 }, "unit {:?}", u);
    }
    for r in removals {
        for (i, c) in text[*r].char_indices() {
            let at = r.start + i;
            let in_later = units
                .iter()
                .zip(&later)
                .any(|(u, &gone)| gone && u.span.start <= at && at < u.span.end);
            prop_assert!(c.is_whitespace() || in_later, "removed {:?} at {}", c, at);
        }
    }

    let explicit = Config {
        unit: report.unit(),
        ..config.clone()
    }
    .finder();
    let again = explicit.find(&repaired);
    prop_assert!(again.groups().is_empty(), "repeats left in {:?}", repaired);
    prop_assert_eq!(again.units(), units.len() - later.iter().filter(|&&l| l).count());
    prop_assert_eq!(again.repair(&repaired).unwrap(), repaired);
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Properties.

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// (a), (b), (c), (g): the report against the oracles; (f) repair.
    #[test]
    fn report_matches_oracles(text in text(), config in config()) {
        let finder = config.finder();
        let report = finder.find(&text);
        check_report(&text, &config, &finder, &report, true)?;
        check_repair(&text, &config, &report)?;
        // Auto is the same as the unit it picked.
        if config.unit == Unit::Auto {
            let explicit = Config { unit: report.unit(), ..config.clone() }.finder();
            prop_assert_eq!(explicit.find(&text), report);
        }
    }

    /// (e) Extra blank lines anywhere (lines) or next to blank lines (paragraphs) change
    /// no group or block, in unit-relative terms.
    #[test]
    fn extra_blank_lines_change_nothing(
        text in text(),
        config in config(),
        paragraph in any::<bool>(),
        mask in any::<u64>(),
        blank in prop::sample::select(vec!["\n", "  \n", "\u{a0}\r\n", "\t\r\n"]),
    ) {
        let unit = if paragraph { Unit::Paragraph } else { Unit::Line };
        let config = Config { unit, ..config };
        let finder = config.finder();
        let lines = naive_lines(&text);
        let mut padded = String::new();
        let mut at = 0;
        // Before the first line, and after every terminator the mask picks (of a blank
        // line only, for paragraphs). Every inserted line ends in `\n`, so it cannot
        // join a `\r` after it into a `\r\n`.
        let insert = |padded: &mut String, k: usize| {
            if mask >> (k % 64) & 1 == 1 {
                padded.push_str(blank);
            }
        };
        insert(&mut padded, 63);
        for (k, l) in lines.iter().enumerate() {
            padded.push_str(&text[at..l.next]);
            at = l.next;
            let is_blank = text[l.start..l.end].trim().is_empty();
            if l.next > l.end && (!paragraph || is_blank) {
                insert(&mut padded, k);
            }
        }
        padded.push_str(&text[at..]);
        prop_assert!(padded.len() >= text.len());

        let before = finder.find(&text);
        let after = finder.find(&padded);
        let units_before = naive_units(&text, unit);
        let units_after = naive_units(&padded, unit);
        prop_assert_eq!(units_before.len(), units_after.len());
        prop_assert_eq!(structure(&before, &units_before), structure(&after, &units_after));
        check_report(&padded, &config, &finder, &after, false)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// (d) The same report whatever the number of threads.
    #[test]
    fn threads_do_not_change_the_report(text in text(), config in config()) {
        let report = config.finder().find(&text);
        for n in [1, 2, 8] {
            let finder = config.builder().threads(Some(n)).build().unwrap();
            prop_assert_eq!(&finder.find(&text), &report, "threads {}", n);
        }
    }
}

/// A tiny xorshift, so the large input is the same on every run.
fn xorshift(x: &mut u64) -> u64 {
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    *x
}

/// (d) Texts of 1 MiB and more are normalized and hashed in parallel: the report is the
/// same with 1, 2 and 8 threads and the global pool, and equal to the oracle's groups.
#[test]
fn large_input_takes_the_parallel_path_and_agrees() {
    let mut x = 0x2545_f491_4f6c_dd1d_u64;
    let mut text = String::new();
    while text.len() < (1 << 20) + 4096 {
        let r = xorshift(&mut x);
        // Mostly unique lines, with pool lines and paragraphs mixed in so groups and
        // blocks of every kind occur.
        match r % 10 {
            0..=1 => text.push_str(&format!("unique line {} of the large input", r >> 8)),
            2..=5 => text.push_str(LINES[(r >> 8) as usize % LINES.len()]),
            6 => text.push_str(&PARAS[(r >> 8) as usize % PARAS.len()].join("\n")),
            _ => text.push_str(BLANKS[(r >> 8) as usize % BLANKS.len()]),
        }
        text.push_str(BREAKS[(r >> 16) as usize % BREAKS.len()]);
    }
    for unit in [Unit::Line, Unit::Paragraph] {
        let config = Config {
            unit,
            normalize: Normalize::Unicode,
            fold_case: true,
            min_bytes: 12,
        };
        let finder = config.finder();
        let report = finder.find(&text);
        let (g, b) = (report.groups().len(), report.blocks().len());
        assert!(g > 10 && b > 10, "{unit:?}: {g} groups, {b} blocks");
        check_report(&text, &config, &finder, &report, false).unwrap();
        for n in [1, 2, 8] {
            let threaded = config.builder().threads(Some(n)).build().unwrap();
            assert!(threaded.find(&text) == report, "threads {n}, {unit:?}");
        }
    }
}

/// (g) Every text over three long lines and one short one, up to seven lines: blocks
/// against the oracle, exhaustively.
#[test]
fn blocks_match_the_oracle_on_every_small_text() {
    const SYMBOLS: [&str; 4] = [
        "Alpha line of the story here",
        "Bravo line of the story here",
        "Charlie line of the story here",
        "Advertisement",
    ];
    let config = Config {
        unit: Unit::Line,
        normalize: Normalize::Unicode,
        fold_case: false,
        min_bytes: 20,
    };
    let finder = config.finder();
    let mut count = 0;
    for len in 0..=7u32 {
        for mut code in 0..4usize.pow(len) {
            let mut text = String::new();
            for _ in 0..len {
                text.push_str(SYMBOLS[code % 4]);
                text.push('\n');
                code /= 4;
            }
            let report = finder.find(&text);
            check_report(&text, &config, &finder, &report, true).unwrap_or_else(|e| panic!("{text:?}: {e}"));
            check_repair(&text, &config, &report).unwrap_or_else(|e| panic!("{text:?}: {e}"));
            count += 1;
        }
    }
    assert_eq!(count, 21845);
}
