//! `CorpusIndex::add_with`: the reports equal the report finder's own `find`, and the
//! index (so every corpus-wide result) equals the one `add` builds.

use dedupe::{CorpusIndex, FinderBuilder, Normalize, Unit};
use proptest::prelude::*;

/// Texts of a few repeated lines and words, so that groups, blocks, stutters and runs occur.
fn texts() -> impl Strategy<Value = Vec<String>> {
    let word = prop::sample::select(vec!["the", "cat", "sat", "on", "mat", "a", "long", "line"]);
    let line = prop::collection::vec(word, 0..8).prop_map(|w| w.join(" "));
    let lines = prop::collection::vec(prop::sample::select(vec![0usize, 1, 2, 3, 4, 5]), 0..30);
    (prop::collection::vec(line, 6), prop::collection::vec(lines, 1..5)).prop_map(|(pool, docs)| {
        docs.into_iter()
            .map(|d| d.iter().map(|&i| pool[i].as_str()).collect::<Vec<_>>().join("\n"))
            .collect()
    })
}

fn builder(unit: Unit, normalize: Normalize) -> FinderBuilder {
    let mut b = FinderBuilder::new();
    b.unit(unit).normalize(normalize).min_chars(3);
    b
}

proptest! {
    #[test]
    fn add_with_reports_equal_find(
        docs in texts(),
        unit in prop::sample::select(vec![Unit::Auto, Unit::Line, Unit::Paragraph]),
        normalize in prop::sample::select(vec![Normalize::Exact, Normalize::Whitespace, Normalize::Unicode]),
        runs in any::<bool>(),
    ) {
        let base = builder(unit, normalize);
        let mut with = base.clone();
        with.stutters(true);
        if runs {
            with.runs(true).min_run_words(2);
        }
        let (index_finder, report_finder) = (base.build().unwrap(), with.build().unwrap());
        let mut a = CorpusIndex::new(&index_finder);
        let mut b = CorpusIndex::new(&index_finder);
        a.add(&docs);
        let reports = b.add_with(&docs, &report_finder).unwrap();
        for (n, (d, r)) in docs.iter().zip(&reports).enumerate() {
            prop_assert_eq!(r, &report_finder.find(d).in_doc(n));
        }
        prop_assert_eq!(a.shard(), b.shard());
        prop_assert_eq!((a.documents(), a.units()), (b.documents(), b.units()));
        prop_assert_eq!(format!("{:?}", a.resolve()), format!("{:?}", b.resolve()));
    }
}

#[test]
fn add_with_refuses_other_keys() {
    let index_finder = builder(Unit::Line, Normalize::Whitespace).build().unwrap();
    let mut index = CorpusIndex::new(&index_finder);
    for other in [
        builder(Unit::Paragraph, Normalize::Whitespace),
        builder(Unit::Line, Normalize::Exact),
        {
            let mut b = builder(Unit::Line, Normalize::Whitespace);
            b.fold_case(true);
            b
        },
        {
            let mut b = builder(Unit::Line, Normalize::Whitespace);
            b.min_chars(4);
            b
        },
        {
            let mut b = builder(Unit::Line, Normalize::Whitespace);
            b.hash_seed(7);
            b
        },
    ] {
        assert!(index
            .add_with(&["some text here"], &other.build().unwrap())
            .is_err());
    }
    assert_eq!(index.documents(), 0);
}
