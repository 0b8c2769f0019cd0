//! The corpus stages together: against plain oracles, across thread counts, batchings and shards.

use super::index::Entry;
use super::resolve::{block_sequence, Place, SINGLE};
use super::*;
use crate::{blocks, group, Finder, FinderBuilder};
use xxhash_rust::xxh3::Xxh3;

const FOOTER: &str = "Copyright 2026 Example News Ltd\nAll rights reserved, no reuse\n";

fn corpus() -> Vec<String> {
    (0..40)
        .map(|i| match i % 4 {
            0 => format!("Story number {i} starts here today\n{FOOTER}"),
            1 => format!("{FOOTER}Story number {i} ends with a footer first"),
            2 => "An exact duplicate document, as syndicated\nSecond line of it, long enough\n".to_owned(),
            _ => format!("Unique text {i} with nothing shared at all\nreally nothing {i}"),
        })
        .collect()
}

#[test]
fn same_result_for_any_thread_count_and_batching() {
    let docs = corpus();
    let one = FinderBuilder::new()
        .threads(Some(1))
        .build()
        .unwrap()
        .find_many(&docs);
    for t in [2, 8] {
        let other = FinderBuilder::new()
            .threads(Some(t))
            .build()
            .unwrap()
            .find_many(&docs);
        assert_eq!(one.groups, other.groups);
        assert_eq!(one.blocks, other.blocks);
        assert_eq!(one.located, other.located);
        assert_eq!(one.documents, other.documents);
    }
}

#[test]
fn shards_merge_to_the_single_run() {
    let finder = Finder::new();
    let docs = corpus();
    let mut whole = CorpusIndex::new(&finder);
    whole.add(&docs);
    let mut merged = CorpusIndex::new(&finder);
    for shard in docs.chunks(13) {
        let mut part = CorpusIndex::new(&finder);
        part.add(shard);
        let mut bytes = Vec::new();
        part.save(&mut bytes).unwrap();
        merged
            .merge(CorpusIndex::load(&finder, &bytes[..]).unwrap())
            .unwrap();
    }
    assert_eq!(whole.entries, merged.entries);
    assert_eq!(whole.docs, merged.docs);
    let (a, b) = (whole.resolve(), merged.resolve());
    assert_eq!(a.groups, b.groups);
    assert_eq!(a.blocks, b.blocks);
    assert_eq!(a.removed, b.removed);
    for (i, d) in docs.iter().enumerate() {
        assert_eq!(a.locate(i, d).unwrap(), b.locate(i, d).unwrap());
    }
}

#[test]
fn cross_document_results() {
    let docs = corpus();
    let report = Finder::new().find_many(&docs);
    // The footer block occurs in the 20 documents of kinds 0 and 1.
    let footer = report
        .blocks()
        .iter()
        .find(|b| b.occurrences().len() == 20)
        .expect("footer block");
    assert_eq!(footer.units(), 2);
    assert_eq!(footer.occurrences()[0].doc(), 0);
    // Ten copies of the syndicated document.
    assert_eq!(
        report.duplicate_documents(),
        &[(0..10).map(|k| 4 * k + 2).collect::<Vec<_>>()]
    );
    // Corpus-wide repair keeps the first footer only.
    assert_eq!(report.repair(0, &docs[0]).unwrap(), docs[0]);
    assert_eq!(
        report.repair(4, &docs[4]).unwrap(),
        "Story number 4 starts here today\n"
    );
    assert_eq!(report.repair(6, &docs[6]).unwrap(), "");
    assert_eq!(
        report.repair(1, &docs[1]).unwrap(),
        "Story number 1 ends with a footer first"
    );
}

#[test]
fn indexes_of_other_settings_do_not_mix() {
    let a = CorpusIndex::new(&Finder::new());
    let b = CorpusIndex::new(&FinderBuilder::new().fold_case(true).build().unwrap());
    let mut a2 = a.clone();
    assert!(a2.merge(b.clone()).is_err());
    let mut bytes = Vec::new();
    b.save(&mut bytes).unwrap();
    assert!(CorpusIndex::load(&Finder::new(), &bytes[..]).is_err());
    assert!(CorpusIndex::load(&Finder::new(), &bytes[..bytes.len() - 1]).is_err());
}

#[test]
fn reports_of_the_index_are_the_finders() {
    let mut docs = corpus();
    // Long enough to be fingerprinted in parallel, with repeats far apart.
    let long: String = (0..60_000)
        .map(|i| format!("Line {} of a long text, \u{201C}quoted\u{201D}\n", i % 25_000))
        .collect();
    docs.push(long);
    docs.push(String::new());
    for finder in [
        Finder::new(),
        FinderBuilder::new().fold_case(true).min_bytes(5).build().unwrap(),
        FinderBuilder::new().inner(true).threads(Some(2)).build().unwrap(),
    ] {
        let mut index = CorpusIndex::new(&finder);
        let reports = index.add(&docs);
        for (i, (d, r)) in docs.iter().zip(&reports).enumerate() {
            assert_eq!(r, &finder.find(d).in_doc(i));
            assert!(r.found(d).all(|f| f.occurrence().doc() == i));
        }
    }
}

#[test]
fn index_builds_the_index_add_does() {
    let mut docs = corpus();
    docs.push(String::new());
    docs.push("short\n\n   \nlines".to_owned());
    docs.push("wrapped lines of a\nparagraph go here\n\nand another\nparagraph too\n".to_owned());
    let added = {
        let mut index = CorpusIndex::new(&Finder::new());
        index.add(&docs);
        index
    };
    for threads in [1, 2, 8] {
        let finder = FinderBuilder::new().threads(Some(threads)).build().unwrap();
        for batch in [1, 7, docs.len()] {
            let mut index = CorpusIndex::new(&finder);
            for chunk in docs.chunks(batch) {
                index.index(chunk);
            }
            assert_eq!(index.entries, added.entries, "{threads} threads, batch {batch}");
            assert_eq!(index.docs, added.docs, "{threads} threads, batch {batch}");
        }
    }
}

/// Blocks of a sequence as `(doc, first, last)` runs.
fn runs_of(entries: &[Entry], seq: &[u32], at: &[u32], alphabet: u32) -> Vec<Vec<UnitRun>> {
    blocks::blocks(seq, alphabet as usize, &mut group::Steps::default())
        .iter()
        .map(|b| {
            b.starts
                .iter()
                .map(|&s| {
                    let (f, l) = (
                        entries[at[s as usize] as usize],
                        entries[at[(s + b.len - 1) as usize] as usize],
                    );
                    UnitRun {
                        doc: f.doc,
                        first: f.unit,
                        last: l.unit,
                    }
                })
                .collect()
        })
        .collect()
}

/// Small random corpora of lines drawn from a small vocabulary, with lines of their own.
fn random_corpora(rounds: u64) -> impl Iterator<Item = Vec<String>> {
    let mut state = 7u64;
    let mut next = move |n: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % n
    };
    (0..rounds).map(move |round| {
        let vocabulary = 2 + next(10);
        (0..1 + next(8))
            .map(|d| {
                (0..next(14))
                    .map(|u| match next(vocabulary + 3) {
                        k if k < vocabulary => format!("a shared line number {k}\n"),
                        _ => format!("a line of its own {round} {d} {u}\n"),
                    })
                    .collect()
            })
            .collect()
    })
}

/// A document's fingerprint is the hash of its units' fingerprints, one after another,
/// however many there are (past 64 KB of them they are hashed in pieces).
#[test]
fn document_fingerprint_hashes_every_unit_fingerprint() {
    for units in [1, 4095, 4096, 4097, 10_000] {
        let text: String = (0..units)
            .map(|i| format!("unit number {i} of this document\n"))
            .collect();
        let finder = Finder::new();
        let mut index = CorpusIndex::new(&finder);
        index.index(&[text]);
        assert_eq!(index.entries.len(), units);
        let mut hasher = Xxh3::with_seed(finder.keys().seed);
        for e in &index.entries {
            hasher.update(&e.fp[0].to_le_bytes());
            hasher.update(&e.fp[1].to_le_bytes());
        }
        let fp = hasher.digest128();
        assert_eq!(index.docs[0].fp, [fp as u64, (fp >> 64) as u64], "{units} units");
    }
}

#[test]
fn resolve_matches_a_plain_oracle() {
    for docs in random_corpora(300) {
        let mut index = CorpusIndex::new(&Finder::new());
        index.add(&docs);
        let repeats = index.resolve();
        let entries = &index.entries;
        // Every unit by fingerprint, in corpus order.
        let mut by_fp: std::collections::HashMap<[u64; 2], Vec<(u32, u32)>> = Default::default();
        let mut removed = Vec::new();
        for e in entries {
            let seen = by_fp.entry(e.fp).or_default();
            if !seen.is_empty() {
                removed.push((e.doc, e.unit));
            }
            seen.push((e.doc, e.unit));
        }
        let mut groups: Vec<Vec<(u32, u32)>> = by_fp
            .into_values()
            .filter(|m| m.iter().any(|p| p.0 != m[0].0))
            .collect();
        groups.sort();
        let mut places = Vec::new();
        for (g, members) in groups.iter().enumerate() {
            places.extend(members.iter().map(|&(d, u)| (d, u, Place::Group(g as u32))));
        }
        for (b, block) in repeats.blocks.iter().enumerate() {
            places.extend(block.runs.iter().map(|r| {
                let place = Place::Block {
                    block: b as u32,
                    last_unit: r.last,
                };
                (r.doc, r.first, place)
            }));
        }
        places.sort();
        let got: Vec<Vec<(u32, u32)>> = repeats
            .groups
            .iter()
            .map(|g| g.iter().map(|r| (r.doc, r.first)).collect())
            .collect();
        assert_eq!(got, groups, "{docs:?}");
        assert_eq!(repeats.removed, removed, "{docs:?}");
        assert_eq!(repeats.places, places, "{docs:?}");
        // A document is involved exactly when it has a place or a cut.
        for (d, text) in docs.iter().enumerate() {
            let involved =
                places.iter().any(|p| p.0 as usize == d) || removed.iter().any(|r| r.0 as usize == d);
            assert_eq!(repeats.involves(d), involved, "{docs:?} {d}");
            let found = repeats.locate(d, text).unwrap();
            if !involved {
                assert_eq!(
                    found,
                    DocRepeats {
                        bytes: text.len(),
                        ..DocRepeats::default()
                    }
                );
            }
        }
    }
}

#[test]
fn units_that_occur_once_collapse_without_changing_blocks() {
    for (round, docs) in random_corpora(300).enumerate() {
        let mut index = CorpusIndex::new(&Finder::new());
        index.add(&docs);
        let entries = &index.entries;
        // Classes by first occurrence, every unit its own when it occurs once.
        let mut ids = std::collections::HashMap::new();
        let mut count = std::collections::HashMap::new();
        for e in entries {
            *count.entry(e.fp).or_insert(0) += 1;
        }
        let mut class = Vec::new();
        let mut full = Vec::new();
        let mut full_at = Vec::new();
        let mut fresh = 1_000_000u32;
        for (k, e) in entries.iter().enumerate() {
            if k > 0 && entries[k - 1].doc != e.doc {
                full.push(fresh);
                full_at.push(u32::MAX);
                fresh += 1;
            }
            if count[&e.fp] == 1 {
                class.push(SINGLE);
                full.push(fresh);
                fresh += 1;
            } else {
                let n = ids.len() as u32;
                let id = *ids.entry(e.fp).or_insert(n);
                class.push(id);
                full.push(id);
            }
            full_at.push(k as u32);
        }
        let (seq, at, separator) = block_sequence(entries, &class, ids.len() as u32);
        assert!(seq.len() <= full.len());
        assert_eq!(
            runs_of(entries, &seq, &at, separator),
            runs_of(entries, &full, &full_at, fresh),
            "round {round}: {docs:?}"
        );
    }
}

#[test]
fn entries_are_24_bytes() {
    assert_eq!(std::mem::size_of::<Entry>(), 24);
}

/// Issue #14: documents with invalid UTF-8 are searched across the corpus by
/// `find_many_bytes`, offsets into each document's bytes, repair keeping invalid bytes;
/// valid documents get exactly `find_many`'s report.
#[test]
fn regression_find_many_bytes_searches_invalid_utf8() {
    let finder = Finder::new();
    let docs = corpus();
    let text = finder.find_many(&docs);
    let bytes = finder.find_many_bytes(docs.iter().map(String::as_bytes));
    assert_eq!(bytes.groups(), text.groups());
    assert_eq!(bytes.blocks(), text.blocks());
    assert_eq!(bytes.documents(), text.documents());
    for d in 0..docs.len() {
        assert_eq!(bytes.located(d).unwrap(), text.located(d).unwrap());
    }

    let latin1: Vec<&[u8]> = vec![
        b"Caf\xE9 de la gare, menu du jour\nStory one, its own line\n",
        b"Story two, another line\nCaf\xE9 de la gare, menu du jour\n\xFF\xFE trailing bytes\n",
        // The same line with the byte encoded as UTF-8 is another line.
        "Caf\u{e9} de la gare, menu du jour\n".as_bytes(),
    ];
    let report = finder.find_many_bytes(latin1.iter().copied());
    assert_eq!(report.groups().len(), 1);
    let places: Vec<(usize, usize)> = report.groups()[0]
        .occurrences()
        .iter()
        .map(|o| (o.doc(), o.span().start))
        .collect();
    assert_eq!(places, [(0, 0), (1, 24)]);
    let later = report.groups()[0].occurrences()[1];
    assert_eq!(later.bytes(latin1[1]), b"Caf\xE9 de la gare, menu du jour");
    assert_eq!(
        report.repair_bytes(1, latin1[1]).unwrap(),
        b"Story two, another line\n\xFF\xFE trailing bytes\n"
    );
    assert_eq!(report.repair_bytes(2, latin1[2]).unwrap(), latin1[2]);
    // Whatever was cut, the kept bytes and the cuts rebuild the input.
    for (d, input) in latin1.iter().enumerate() {
        let cut: usize = report
            .located(d)
            .unwrap()
            .removals()
            .iter()
            .map(|s| s.len())
            .sum();
        assert_eq!(report.repair_bytes(d, input).unwrap().len() + cut, input.len());
    }
}

/// A shard's print comes back from a saved index, and tells its input from another's.
#[test]
fn shard_print_survives_save_and_load() {
    let finder = Finder::new();
    let docs = corpus();
    let mut index = CorpusIndex::new(&finder);
    index.index(&docs[..20]);
    let mut bytes = Vec::new();
    index.save(&mut bytes).unwrap();
    let loaded = CorpusIndex::load(&finder, &bytes[..]).unwrap();
    let print = |texts: &[String]| {
        let mut p = ShardPrint::new();
        texts.iter().for_each(|t| p.add(t));
        p
    };
    assert_eq!(loaded.shard(), print(&docs[..20]));
    assert_ne!(loaded.shard(), print(&docs[20..]));
    assert_ne!(loaded.shard(), print(&docs[..19]));
}

/// `find_many_bytes` against a plain oracle: every invalid byte `b` written as the
/// private-use character `U+F0000 + b` (four bytes, as an escape is; no such character
/// occurs otherwise), the text searched by `find_many`, its offsets mapped back. Groups,
/// blocks, cuts and repairs must be the same.
mod invalid_bytes_oracle {
    use super::*;
    use proptest::prelude::*;

    /// `input` as the oracle's text, and the input offset of each of its offsets.
    fn stand_in(input: &[u8]) -> (String, Vec<usize>) {
        let mut text = String::new();
        let mut back = Vec::new();
        let mut at = 0;
        for chunk in input.utf8_chunks() {
            for (i, c) in chunk.valid().char_indices() {
                back.extend(std::iter::repeat(at + i).take(c.len_utf8()));
            }
            text.push_str(chunk.valid());
            at += chunk.valid().len();
            for &b in chunk.invalid() {
                let c = char::from_u32(0xF0000 + u32::from(b)).unwrap();
                back.extend(std::iter::repeat(at).take(4));
                text.push(c);
                at += 1;
            }
        }
        back.push(at);
        (text, back)
    }

    fn doc() -> impl Strategy<Value = Vec<u8>> {
        let line = prop::sample::select(vec![
            &b"Shared boilerplate line of the site"[..],
            b"Caf\xE9 du coin, menu of the day",
            b"Caf\xE8 du coin, menu of the day",
            b"\xFF\xFE a line with bytes in front",
            b"Another line, long enough to count",
            b"",
        ]);
        prop::collection::vec(line, 0..8).prop_map(|lines| lines.join(&b"\n"[..]))
    }

    proptest! {
        #[test]
        fn find_many_bytes_equals_the_stand_in_oracle(docs in prop::collection::vec(doc(), 1..6)) {
            let finder = FinderBuilder::new().min_bytes(10).build().unwrap();
            let report = finder.find_many_bytes(&docs);
            let stood: Vec<(String, Vec<usize>)> = docs.iter().map(|d| stand_in(d)).collect();
            let oracle = finder.find_many(stood.iter().map(|(t, _)| t.as_str()));
            let map = |o: &crate::Occurrence| {
                let back = &stood[o.doc()].1;
                (o.doc(), back[o.span().start], back[o.span().end], o.line())
            };
            let places = |groups: Vec<Vec<crate::Occurrence>>| -> Vec<Vec<(usize, usize, usize, usize)>> {
                groups.iter().map(|g| g.iter().map(map).collect()).collect()
            };
            let ours: Vec<Vec<_>> = report.groups().iter()
                .map(|g| g.occurrences().iter().map(|o| (o.doc(), o.span().start, o.span().end, o.line())).collect())
                .collect();
            prop_assert_eq!(ours, places(oracle.groups().iter().map(|g| g.occurrences().to_vec()).collect()));
            prop_assert_eq!(report.blocks().len(), oracle.blocks().len());
            for (d, input) in docs.iter().enumerate() {
                let back = &stood[d].1;
                let cuts: Vec<(usize, usize)> = oracle.located(d).unwrap().removals().iter()
                    .map(|s| (back[s.start], back[s.end])).collect();
                let ours: Vec<(usize, usize)> = report.located(d).unwrap().removals().iter()
                    .map(|s| (s.start, s.end)).collect();
                prop_assert_eq!(&ours, &cuts);
                let repaired = report.repair_bytes(d, input).unwrap();
                let mut want = Vec::new();
                let mut at = 0;
                for (a, b) in cuts {
                    want.extend_from_slice(&input[at..a]);
                    at = b;
                }
                want.extend_from_slice(&input[at..]);
                prop_assert_eq!(repaired, want);
            }
        }
    }
}
