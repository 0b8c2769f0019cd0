//! Property tests of `Finder::find_bytes` on input built from a few lines, some holding
//! invalid UTF-8 (lone continuation and lead bytes, truncated and overlong sequences) and
//! some the private-use characters invalid bytes are searched as.
//!
//! The oracle for groups: lines split at `\n`, `\r\n` and a lone `\r`, trimmed of ASCII
//! whitespace (the only whitespace the pool holds), the non-blank ones grouped by their
//! bytes; that is `Unit::Line` with `Normalize::Exact` and `min_bytes(1)`.

use std::collections::BTreeMap;

use dedupe::{Finder, FinderBuilder, Normalize, Occurrence, Report, Span, Unit};
use proptest::prelude::*;

/// Lines, valid UTF-8; several equal, some only after normalization.
const VALID: &[&str] = &[
    "the same line of text",
    "  the same line of text\t",
    "the  same line of text",
    "caf\u{e9} cr\u{e8}me, 5 \u{20ac}",
    "cafe\u{301} cre\u{300}me, 5 \u{20ac}",
    "the the stutter stutter here",
    "literal \u{10FFFF} private use",
    "literal \u{10FF80}\u{10FF7F} private use",
    "x",
];

/// Lines holding invalid bytes; some equal but for their invalid bytes, or for a valid
/// character standing where an invalid byte stands in another.
const INVALID: &[&[u8]] = &[
    b"the same line of text \x80",
    b"the same line of text \xFF",
    b"  the same line of text \xFF  ",
    b"the same line of text \xE2\x82",
    b"the same line of text \xE2\x82\xAC",
    b"the same line of text \xC0\xAF",
    b"caf\xE9 cr\xE8me, 5 \xE2\x82",
    b"\xFF",
    b"\xF4\x8F\xBF",
    b"literal \xFF private use",
    b"the the \xFF\xFF stutter stutter",
    b"\xED\xA0\x80 a surrogate, \xF8\x88\x80\x80\x80 five bytes",
];

const ENDS: &[&str] = &["\n", "\n", "\n", "\r\n", "\r", "\n\n", "\n \t\n"];

/// Input from `pieces`: each a line (valid when `.0 < VALID.len()`) and its line end.
fn build(pieces: &[(usize, usize)]) -> Vec<u8> {
    let mut out = Vec::new();
    for &(line, end) in pieces {
        match VALID.get(line) {
            Some(v) => out.extend_from_slice(v.as_bytes()),
            None => out.extend_from_slice(INVALID[line - VALID.len()]),
        }
        out.extend_from_slice(ENDS[end].as_bytes());
    }
    out
}

fn mixed_input() -> impl Strategy<Value = Vec<u8>> {
    let piece = (0..VALID.len() + INVALID.len(), 0..ENDS.len());
    (prop::collection::vec(piece, 0..24), any::<bool>()).prop_map(|(pieces, trim_end)| {
        let mut input = build(&pieces);
        if trim_end {
            while input.last().is_some_and(|b| b.is_ascii_whitespace()) {
                input.pop();
            }
        }
        input
    })
}

fn valid_input() -> impl Strategy<Value = String> {
    let piece = (0..VALID.len(), 0..ENDS.len());
    prop::collection::vec(piece, 0..24).prop_map(|pieces| String::from_utf8(build(&pieces)).unwrap())
}

/// The finders every property runs under.
fn finders() -> Vec<Finder> {
    let exact_lines = FinderBuilder::new()
        .unit(Unit::Line)
        .normalize(Normalize::Exact)
        .min_bytes(1)
        .build()
        .unwrap();
    let everything = FinderBuilder::new()
        .min_bytes(5)
        .fold_case(true)
        .inner(true)
        .min_run_words(2)
        .near(true)
        .build()
        .unwrap();
    let paragraphs = FinderBuilder::new()
        .unit(Unit::Paragraph)
        .min_bytes(1)
        .build()
        .unwrap();
    vec![exact_lines, Finder::new(), everything, paragraphs]
}

/// Every span of the report: occurrences of every kind, first copies and removals.
fn spans(report: &Report) -> Vec<Span> {
    let occurrences = report
        .groups()
        .iter()
        .flat_map(|g| g.occurrences())
        .chain(report.blocks().iter().flat_map(|b| b.occurrences()))
        .chain(report.inner().iter().flat_map(|s| s.occurrences()))
        .chain(report.near().iter().flat_map(|n| n.occurrences()));
    let mut all: Vec<Span> = occurrences.map(Occurrence::span).collect();
    all.extend(report.inner().iter().filter_map(|s| s.first_copy()));
    all.extend_from_slice(report.removals());
    all
}

fn occurrences(report: &Report) -> Vec<Occurrence> {
    let groups = report.groups().iter().flat_map(|g| g.occurrences());
    let blocks = report.blocks().iter().flat_map(|b| b.occurrences());
    let inner = report.inner().iter().flat_map(|s| s.occurrences());
    let near = report.near().iter().flat_map(|n| n.occurrences());
    groups.chain(blocks).chain(inner).chain(near).copied().collect()
}

/// The offsets a span may start or end at: the start of every valid character and of
/// every invalid byte, and the end of the input.
fn boundaries(input: &[u8]) -> Vec<bool> {
    let mut ok = vec![false; input.len() + 1];
    let mut at = 0;
    for chunk in input.utf8_chunks() {
        for (i, _) in chunk.valid().char_indices() {
            ok[at + i] = true;
        }
        at += chunk.valid().len();
        for _ in chunk.invalid() {
            ok[at] = true;
            at += 1;
        }
    }
    ok[input.len()] = true;
    ok
}

/// 1 + the line ends (`\n`, `\r\n`, a lone `\r`) before `offset`.
fn line_at(input: &[u8], offset: usize) -> usize {
    let before = &input[..offset];
    let lone_cr = |i: usize| before[i] == b'\r' && input.get(i + 1) != Some(&b'\n');
    1 + (0..before.len())
        .filter(|&i| before[i] == b'\n' || lone_cr(i))
        .count()
}

/// The oracle's groups, as line numbers: lines trimmed of ASCII whitespace, grouped by
/// their bytes, each group of two or more.
fn oracle_groups(input: &[u8]) -> Vec<Vec<usize>> {
    let mut lines: Vec<&[u8]> = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < input.len() {
        if input[i] == b'\n' || input[i] == b'\r' {
            lines.push(&input[start..i]);
            if input[i] == b'\r' && input.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            start = i + 1;
        }
        i += 1;
    }
    lines.push(&input[start..]);
    let mut by_bytes: BTreeMap<&[u8], Vec<usize>> = BTreeMap::new();
    for (n, line) in lines.iter().enumerate() {
        let trimmed = line.trim_ascii();
        if !trimmed.is_empty() {
            by_bytes.entry(trimmed).or_default().push(n + 1);
        }
    }
    let mut groups: Vec<Vec<usize>> = by_bytes.into_values().filter(|g| g.len() >= 2).collect();
    groups.sort();
    groups
}

/// The invalid sequences of `bytes`, in order.
fn invalid_parts(bytes: &[u8]) -> Vec<&[u8]> {
    bytes
        .utf8_chunks()
        .map(|c| c.invalid())
        .filter(|i| !i.is_empty())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// (1) Valid input gets exactly the report `find` gives.
    #[test]
    fn valid_input_gives_finds_report(text in valid_input()) {
        for finder in finders() {
            prop_assert_eq!(finder.find_bytes(text.as_bytes()), finder.find(&text));
        }
    }

    /// (2) Every span is in bounds, not empty, and on a character boundary; (5) line
    /// numbers count the line ends before an occurrence's start and end.
    #[test]
    fn spans_are_in_bounds_on_boundaries_with_right_lines(input in mixed_input()) {
        let ok = boundaries(&input);
        for finder in finders() {
            let report = finder.find_bytes(&input);
            prop_assert_eq!(report.bytes(), input.len());
            for s in spans(&report) {
                prop_assert!(s.start < s.end && s.end <= input.len(), "{:?} in {} bytes", s, input.len());
                prop_assert!(ok[s.start] && ok[s.end], "{:?} splits a character", s);
            }
            for o in occurrences(&report) {
                prop_assert_eq!(o.line(), line_at(&input, o.span().start));
                prop_assert_eq!(o.end_line(), line_at(&input, o.span().end));
            }
        }
    }

    /// (3) The repaired input with the removals put back is the input, and keeps the
    /// first occurrence of every group.
    #[test]
    fn repair_keeps_every_byte_it_does_not_cut(input in mixed_input()) {
        for finder in finders() {
            let report = finder.find_bytes(&input);
            let repaired = report.repair_bytes(&input).unwrap();
            let mut rebuilt = Vec::new();
            let (mut from_input, mut from_repaired) = (0, 0);
            for cut in report.removals() {
                prop_assert!(from_input <= cut.start, "removals overlap or are out of order");
                let kept = cut.start - from_input;
                rebuilt.extend_from_slice(&repaired[from_repaired..from_repaired + kept]);
                rebuilt.extend_from_slice(&input[..][*cut]);
                from_repaired += kept;
                from_input = cut.end;
            }
            rebuilt.extend_from_slice(&repaired[from_repaired..]);
            prop_assert_eq!(&rebuilt, &input);

            for g in report.groups() {
                let first = g.occurrences()[0];
                let s = first.span();
                let mut cut_before = 0;
                for cut in report.removals() {
                    prop_assert!(cut.end <= s.start || s.end <= cut.start, "first occurrence cut");
                    if cut.end <= s.start {
                        cut_before += cut.len();
                    }
                }
                let at = s.start - cut_before;
                prop_assert_eq!(&repaired[at..at + s.len()], first.bytes(&input));
            }
        }
    }

    /// (4) Groups equal the oracle's for exact lines; under every finder, the members of a
    /// group hold the same invalid sequences, and never some next to none.
    #[test]
    fn groups_compare_invalid_bytes_as_themselves(input in mixed_input()) {
        let finders = finders();
        let report = finders[0].find_bytes(&input);
        let mut found: Vec<Vec<usize>> = report
            .groups()
            .iter()
            .map(|g| g.occurrences().iter().map(|o| o.line()).collect())
            .collect();
        found.sort();
        prop_assert_eq!(found, oracle_groups(&input));
        for g in report.groups() {
            let first = g.occurrences()[0].bytes(&input);
            for o in g.occurrences() {
                prop_assert_eq!(o.bytes(&input), first);
            }
        }

        for finder in &finders[1..] {
            let report = finder.find_bytes(&input);
            for g in report.groups() {
                let first = invalid_parts(g.occurrences()[0].bytes(&input));
                for o in g.occurrences() {
                    prop_assert_eq!(invalid_parts(o.bytes(&input)), first.clone());
                }
            }
        }
    }
}
