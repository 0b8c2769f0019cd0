//! `Finder::unit_fingerprints` and `Finder::cuts_for_units`, the per-document halves of a
//! corpus-wide repair, against the corpus index: the first occurrence of each fingerprint
//! in corpus order decided by a plain `HashMap` (the oracle a cluster's groupby stands
//! for) must cut exactly what `CorpusRepeats::locate` cuts.

use std::collections::HashMap;

use dedupe::{CorpusIndex, Finder, FinderBuilder, Span, Unit};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "Subscribe to our newsletter for more stories",
    "subscribe to our   newsletter for more stories",
    "Copyright 2026 Example News Ltd",
    "A story of its own, told once here",
    "short",
    "",
    "  indented line that repeats elsewhere",
    "indented line that repeats elsewhere",
    "Caf\u{e9} cr\u{e8}me, a line with accents",
    "Cafe\u{301} cre\u{300}me, a line with accents",
];

fn corpus() -> impl Strategy<Value = Vec<String>> {
    let doc = prop::collection::vec((0..PIECES.len(), 0..3usize), 0..12).prop_map(|parts| {
        let mut text = String::new();
        for (p, sep) in parts {
            text.push_str(PIECES[p]);
            text.push_str(["\n", "\n\n", "\r\n"][sep]);
        }
        text
    });
    prop::collection::vec(doc, 0..8)
}

/// The cuts of a corpus-wide repair from the per-document halves and a `HashMap`.
fn cuts_by_fingerprint(finder: &Finder, docs: &[String]) -> Vec<Vec<Span>> {
    let mut first: HashMap<u128, (usize, usize)> = HashMap::new();
    let prints: Vec<Vec<(usize, u128)>> = docs.iter().map(|d| finder.unit_fingerprints(d)).collect();
    for (doc, units) in prints.iter().enumerate() {
        for &(unit, fp) in units {
            first.entry(fp).or_insert((doc, unit));
        }
    }
    docs.iter()
        .zip(&prints)
        .enumerate()
        .map(|(doc, (text, units))| {
            let remove: Vec<usize> = units
                .iter()
                .filter(|&&(unit, fp)| first[&fp] != (doc, unit))
                .map(|&(unit, _)| unit)
                .collect();
            finder.cuts_for_units(text, &remove)
        })
        .collect()
}

fn cuts_by_index(finder: &Finder, docs: &[String]) -> Vec<Vec<Span>> {
    let mut index = CorpusIndex::new(finder);
    index.index(docs);
    let repeats = index.resolve();
    docs.iter()
        .enumerate()
        .map(|(doc, text)| repeats.locate(doc, text).unwrap().removals().to_vec())
        .collect()
}

proptest! {
    #[test]
    fn same_cuts_as_the_corpus_index(docs in corpus(), unit in 0..3usize, min_bytes in 1..30usize) {
        let finder = FinderBuilder::new()
            .unit([Unit::Auto, Unit::Line, Unit::Paragraph][unit])
            .min_bytes(min_bytes)
            .build()
            .unwrap();
        prop_assert_eq!(cuts_by_fingerprint(&finder, &docs), cuts_by_index(&finder, &docs));
    }

    #[test]
    fn fingerprints_are_the_counting_units(docs in corpus()) {
        let finder = Finder::new();
        for text in &docs {
            let units = finder.units(text);
            let counted: Vec<usize> = finder.unit_fingerprints(text).iter().map(|&(u, _)| u).collect();
            let oracle: Vec<usize> = (0..units.len()).filter(|&u| finder.counts(units[u].text(text))).collect();
            prop_assert_eq!(counted, oracle);
        }
    }
}

#[test]
fn unit_numbers_past_the_end_are_ignored() {
    let finder = Finder::new();
    assert_eq!(finder.cuts_for_units("only one unit here, long", &[5, 99]), []);
    assert_eq!(finder.unit_fingerprints(""), []);
}
