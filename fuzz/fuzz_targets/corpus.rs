//! Corpus: documents cut from the input at NUL bytes; within- and cross-document results
//! hold their invariants, shards merge to the single run, and the corpus-wide repair keeps
//! every byte that is not a later occurrence.
#![no_main]

mod common;

use dedupe::CorpusIndex;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let (finder, text) = common::setup(data);
    let docs: Vec<&str> = text.split('\0').take(64).collect();
    let report = finder.find_many(&docs);
    for (i, d) in docs.iter().enumerate() {
        common::check_report(&finder, d, &report.documents()[i]);
        let repaired = report.repair(i, d).expect("same text");
        common::check_repair(d, report.located(i).unwrap().removals(), &repaired);
    }
    for g in report.groups() {
        let occ = g.occurrences();
        let first = finder.normalize(occ[0].text(docs[occ[0].doc()]));
        assert!(occ.iter().any(|o| o.doc() != occ[0].doc()));
        for o in occ {
            assert_eq!(finder.normalize(o.text(docs[o.doc()])), first);
        }
    }
    // Two shards, saved and loaded, merge to the single run.
    let half = docs.len() / 2;
    let mut whole = CorpusIndex::new(&finder);
    whole.add(&docs);
    let mut merged = CorpusIndex::new(&finder);
    for part in [&docs[..half], &docs[half..]] {
        let mut index = CorpusIndex::new(&finder);
        index.add(part);
        let mut bytes = Vec::new();
        index.save(&mut bytes).unwrap();
        merged
            .merge(CorpusIndex::load(&finder, &bytes[..]).unwrap())
            .unwrap();
    }
    let (a, b) = (whole.resolve(), merged.resolve());
    assert_eq!(a.groups(), b.groups());
    assert_eq!(a.blocks(), b.blocks());
    for (i, d) in docs.iter().enumerate() {
        assert_eq!(a.locate(i, d).unwrap(), b.locate(i, d).unwrap());
    }
});
