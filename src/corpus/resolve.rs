//! Pass two, first half: the index's entries sorted into groups of equal fingerprints,
//! the blocks found over the sequence of group ids, and what to cut from each document.

use rayon::prelude::*;

use super::index::{CorpusIndex, Entry};
use crate::{blocks, group, Finder};

/// A block of units found in two or more documents, by document and unit numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorpusBlock {
    pub(super) units: usize,
    pub(super) runs: Vec<UnitRun>,
}

impl CorpusBlock {
    /// Units (of those long enough to count) in each occurrence.
    ///
    /// ```
    /// let docs = ["Header line of the site\nFooter line of the site", "Header line of the site\nFooter line of the site\nmore"];
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.index(&docs);
    /// assert_eq!(index.resolve().blocks()[0].units(), 2);
    /// ```
    pub fn units(&self) -> usize {
        self.units
    }

    /// Every occurrence, in corpus order.
    ///
    /// ```
    /// let docs = ["Header line of the site\nFooter line of the site", "Header line of the site\nFooter line of the site\nmore"];
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.index(&docs);
    /// let docs_of: Vec<usize> = index.resolve().blocks()[0].runs().iter().map(|r| r.doc()).collect();
    /// assert_eq!(docs_of, [0, 1]);
    /// ```
    pub fn runs(&self) -> &[UnitRun] {
        &self.runs
    }
}

/// A run of units in one document, by numbers: `first..=last` (0-based, all units of the
/// document counted, short ones included).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnitRun {
    pub(super) doc: u32,
    pub(super) first: u32,
    pub(super) last: u32,
}

impl UnitRun {
    /// The document.
    ///
    /// ```
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.index(&["the same footer on every page", "x", "the same footer on every page"]);
    /// assert_eq!(index.resolve().groups()[0][1].doc(), 2);
    /// ```
    pub fn doc(&self) -> usize {
        self.doc as usize
    }

    /// Its first unit (0-based, short units counted).
    ///
    /// ```
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.index(&["the same footer on every page", "x\nthe same footer on every page"]);
    /// assert_eq!(index.resolve().groups()[0][1].first(), 1);
    /// ```
    pub fn first(&self) -> usize {
        self.first as usize
    }

    /// Its last unit (inclusive; the first for a unit of a group).
    ///
    /// ```
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.index(&["the same footer on every page", "x\nthe same footer on every page"]);
    /// assert_eq!(index.resolve().groups()[0][1].last(), 1);
    /// ```
    pub fn last(&self) -> usize {
        self.last as usize
    }
}

/// What repeats across a corpus, by document and unit number; see [`CorpusIndex::resolve`].
#[derive(Clone, Debug, Default)]
pub struct CorpusRepeats {
    pub(super) finder: Option<Finder>,
    /// The number of documents resolved.
    pub(super) documents: usize,
    /// Units equal across two or more documents, each a run of one unit, ascending.
    pub(super) groups: Vec<Vec<UnitRun>>,
    /// Blocks found in two or more documents.
    pub(super) blocks: Vec<CorpusBlock>,
    pub(super) duplicates: Vec<Vec<usize>>,
    /// Every place that belongs to a group or block: `(doc, unit, what)`, ascending.
    pub(super) places: Vec<(u32, u32, Place)>,
    /// Units to cut for a corpus-wide repair: `(doc, unit)`, ascending.
    pub(super) removed: Vec<(u32, u32)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Place {
    Group(u32),
    Block { block: u32, last_unit: u32 },
}

/// In `class` during [`resolve`]: a unit that occurs once in the whole corpus.
pub(super) const SINGLE: u32 = u32::MAX;

pub(super) fn resolve(index: &CorpusIndex) -> CorpusRepeats {
    let sorted = index
        .entries
        .windows(2)
        .all(|w| (w[0].doc, w[0].unit) < (w[1].doc, w[1].unit));
    let entries: std::borrow::Cow<[Entry]> = if sorted {
        std::borrow::Cow::Borrowed(&index.entries)
    } else {
        let mut owned = index.entries.clone();
        owned.par_sort_unstable_by_key(|e| (e.doc, e.unit));
        std::borrow::Cow::Owned(owned)
    };
    let entries: &[Entry] = &entries;
    let n = entries.len();

    // Runs of equal fingerprints, each ascending in position, split on the second half
    // in the rare case it differs. `class` first holds each unit's first occurrence (or
    // SINGLE), then its class.
    let mut keys = fingerprint_order(entries);
    let mut class = vec![SINGLE; n];
    let mut shared_first = Vec::new(); // first occurrences of units in two or more documents
    for run in keys.chunk_by_mut(|a, b| a.0 == b.0) {
        if run.len() < 2 {
            continue;
        }
        let fp1 = |&(_, m): &(u64, u32)| entries[m as usize].fp[1];
        if run.iter().any(|k| fp1(k) != fp1(&run[0])) {
            run.sort_unstable_by_key(|k| (fp1(k), k.1));
        }
        for members in run.chunk_by(|a, b| fp1(a) == fp1(b)) {
            if members.len() < 2 {
                continue;
            }
            let first = members[0].1;
            for &(_, m) in members {
                class[m as usize] = first;
            }
            let first_doc = entries[first as usize].doc;
            if members.iter().any(|&(_, m)| entries[m as usize].doc != first_doc) {
                shared_first.push(first);
            }
        }
    }
    drop(keys);
    // Class ids in order of first occurrence; every later occurrence is cut. Entries are
    // in corpus order, so `removed` is too.
    let mut classes = 0u32;
    let mut removed = Vec::new();
    for k in 0..n {
        let first = class[k];
        if first == k as u32 {
            class[k] = classes;
            classes += 1;
        } else if first != SINGLE {
            class[k] = class[first as usize];
            removed.push((entries[k].doc, entries[k].unit));
        }
    }
    // Groups are the classes found in two or more documents, numbered in class order
    // (which is the order of first occurrence); members, and places, come in corpus order.
    let mut group_of = vec![SINGLE; classes as usize];
    for &first in &shared_first {
        group_of[class[first as usize] as usize] = 0;
    }
    drop(shared_first);
    let mut shared = 0u32;
    for g in group_of.iter_mut().filter(|g| **g == 0) {
        *g = shared;
        shared += 1;
    }
    let mut groups: Vec<Vec<UnitRun>> = vec![Vec::new(); shared as usize];
    let mut group_places = Vec::new();
    for (e, &c) in entries.iter().zip(&class) {
        if c != SINGLE && group_of[c as usize] != SINGLE {
            let g = group_of[c as usize];
            groups[g as usize].push(UnitRun {
                doc: e.doc,
                first: e.unit,
                last: e.unit,
            });
            group_places.push((e.doc, e.unit, Place::Group(g)));
        }
    }
    drop(group_of);

    // Blocks: one sequence of class ids over all documents, with a unique separator
    // between documents, so no block runs from one document into the next. Units that
    // occur once can be in no block: each run of them is one separator too, which
    // changes no block (positions keep their order, and copies that overlap have no
    // such unit between them) and leaves the sequence as short as the repeats.
    let (seq, at, separator) = block_sequence(entries, &class, classes);
    drop(class);
    let mut blocks = Vec::new();
    let mut kept_starts = Vec::new();
    for b in blocks::blocks(&seq, separator as usize, &mut group::Steps::default()) {
        let runs: Vec<UnitRun> = b
            .starts
            .iter()
            .map(|&s| {
                let first = entries[at[s as usize] as usize];
                let last = entries[at[(s + b.len - 1) as usize] as usize];
                UnitRun {
                    doc: first.doc,
                    first: first.unit,
                    last: last.unit,
                }
            })
            .collect();
        if runs.iter().any(|r| r.doc != runs[0].doc) {
            blocks.push(CorpusBlock {
                units: b.len as usize,
                runs,
            });
            kept_starts.push(b.starts);
        }
    }
    // Block places in corpus order, which is the order of their starts in `seq`, by a
    // counting sort on the start; places with the same start stay in block order, as
    // `Place` orders them.
    let mut next = vec![0u32; seq.len() + 1];
    for &s in kept_starts.iter().flatten() {
        next[s as usize + 1] += 1;
    }
    for k in 1..next.len() {
        next[k] += next[k - 1];
    }
    let mut block_places = vec![(0, 0, Place::Group(0)); next[seq.len()] as usize];
    for (id, (b, starts)) in blocks.iter().zip(&kept_starts).enumerate() {
        for (r, &s) in b.runs.iter().zip(starts) {
            let place = Place::Block {
                block: id as u32,
                last_unit: r.last,
            };
            block_places[next[s as usize] as usize] = (r.doc, r.first, place);
            next[s as usize] += 1;
        }
    }
    drop((next, kept_starts));
    let places = merge_sorted(group_places, block_places);

    // Documents equal after normalization.
    let mut docs: Vec<(usize, [u64; 2])> = index
        .docs
        .iter()
        .enumerate()
        .filter(|(_, d)| d.units > 0)
        .map(|(i, d)| (i, d.fp))
        .collect();
    docs.sort_unstable_by_key(|&(i, fp)| (fp, i));
    let mut duplicates: Vec<Vec<usize>> = docs
        .chunk_by(|a, b| a.1 == b.1)
        .filter(|c| c.len() >= 2)
        .map(|c| c.iter().map(|d| d.0).collect())
        .collect();
    duplicates.sort_unstable();

    CorpusRepeats {
        finder: Some(index.finder.clone()),
        documents: index.docs.len(),
        groups,
        blocks,
        duplicates,
        places,
        removed,
    }
}

/// `(fp[0], position)` of every entry, sorted. Fingerprints are uniform, so one counting
/// pass on their top bits leaves buckets of a few keys, each then sorted on its own
/// (in parallel): far less work than a comparison sort of the whole.
fn fingerprint_order(entries: &[Entry]) -> Vec<(u64, u32)> {
    let n = entries.len();
    let bits = (usize::BITS - (n / 8).leading_zeros()).min(24);
    let mut keys = vec![(0u64, 0u32); n];
    if bits == 0 {
        for (k, (i, e)) in keys.iter_mut().zip(entries.iter().enumerate()) {
            *k = (e.fp[0], i as u32);
        }
        keys.sort_unstable();
        return keys;
    }
    let shift = 64 - bits;
    let mut next = vec![0u32; (1 << bits) + 1];
    for e in entries {
        next[(e.fp[0] >> shift) as usize + 1] += 1;
    }
    for b in 1..next.len() {
        next[b] += next[b - 1];
    }
    // Bucket `b` starts at `next[b]`; the start of every 1/16 of the keys per thread,
    // rounded down to a bucket start, cuts them into pieces sorted in parallel.
    let pieces = 16 * rayon::current_num_threads();
    let mut cuts: Vec<usize> = (1..pieces)
        .map(|p| {
            let b = next.partition_point(|&start| (start as usize) <= p * n / pieces);
            next[b - 1] as usize
        })
        .collect();
    cuts.push(n);
    cuts.dedup();
    for (i, e) in entries.iter().enumerate() {
        let b = (e.fp[0] >> shift) as usize;
        keys[next[b] as usize] = (e.fp[0], i as u32);
        next[b] += 1;
    }
    drop(next);
    let mut slices = Vec::with_capacity(cuts.len());
    let mut rest: &mut [(u64, u32)] = &mut keys;
    let mut at = 0;
    for &cut in &cuts {
        let (piece, tail) = rest.split_at_mut(cut - at);
        slices.push(piece);
        rest = tail;
        at = cut;
    }
    slices.into_par_iter().for_each(|piece| {
        for bucket in piece.chunk_by_mut(|a, b| a.0 >> shift == b.0 >> shift) {
            sort_bucket(bucket);
        }
    });
    keys
}

/// Sorts a bucket of `(fingerprint, position)` keys whose positions are ascending: by
/// insertion, stable on the fingerprint alone, when it is as short as buckets of uniform
/// fingerprints are; otherwise (crafted fingerprints) by a sort that is `O(n log n)`.
fn sort_bucket(bucket: &mut [(u64, u32)]) {
    if bucket.len() > 32 {
        bucket.sort_unstable();
        return;
    }
    for i in 1..bucket.len() {
        let key = bucket[i];
        let mut j = i;
        while j > 0 && bucket[j - 1].0 > key.0 {
            bucket[j] = bucket[j - 1];
            j -= 1;
        }
        bucket[j] = key;
    }
}

/// The sorted union of two sorted lists.
fn merge_sorted<T: Ord + Copy>(a: Vec<T>, b: Vec<T>) -> Vec<T> {
    if b.is_empty() {
        return a;
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if b[j] < a[i] {
            out.push(b[j]);
            j += 1;
        } else {
            out.push(a[i]);
            i += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// The sequence [`group::blocks`] parses: the class ids of each run of two or more
/// consecutive units of a document that repeat, with a separator (ids from `classes` on)
/// after each run; for each position, its entry (`u32::MAX` for a separator); and the next
/// free id.
///
/// A repeating unit alone between units that occur once (or a document's ends) is left
/// out: a block is two or more consecutive units, so it can hold no such unit, and
/// leaving it out moves no other unit past another.
pub(super) fn block_sequence(entries: &[Entry], class: &[u32], classes: u32) -> (Vec<u32>, Vec<u32>, u32) {
    let mut seq: Vec<u32> = Vec::new();
    let mut at: Vec<u32> = Vec::new();
    let mut separator = classes;
    let mut last_doc = None;
    // Units in the current run, and whether a kept run ended since the last separator.
    let mut run = 0usize;
    let mut ended = false;
    let end_run = |seq: &mut Vec<u32>, at: &mut Vec<u32>, run: &mut usize, ended: &mut bool| {
        if *run == 1 {
            seq.pop();
            at.pop();
        } else if *run >= 2 {
            *ended = true;
        }
        *run = 0;
    };
    for (k, e) in entries.iter().enumerate() {
        let repeats = class[k] != SINGLE;
        if !repeats || last_doc.is_some_and(|d| d != e.doc) {
            end_run(&mut seq, &mut at, &mut run, &mut ended);
        }
        last_doc = Some(e.doc);
        if repeats {
            if run == 0 && std::mem::take(&mut ended) {
                seq.push(separator);
                at.push(u32::MAX);
                separator += 1;
            }
            seq.push(class[k]);
            at.push(k as u32);
            run += 1;
        }
    }
    end_run(&mut seq, &mut at, &mut run, &mut ended);
    (seq, at, separator)
}
