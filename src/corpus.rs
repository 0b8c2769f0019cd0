//! Corpus: repeats across many documents, in parallel, in a fixed order.
//!
//! The work runs in two passes over the documents, so a corpus never has to be held in
//! memory at once:
//!
//! 1. **Index.** Each document is split, normalized and fingerprinted (in parallel, a
//!    batch at a time); [`CorpusIndex::add`] also makes its within-document [`Report`]
//!    ([`CorpusIndex::index`] does not), and every eligible unit adds one 24-byte entry
//!    to the [`CorpusIndex`]: a 128-bit fingerprint of its
//!    normalized text, its document number and its unit number. Indexes of shards can be
//!    saved, loaded and merged.
//! 2. **Resolve and locate.** [`CorpusIndex::resolve`] sorts the entries into groups of
//!    equal fingerprints and finds the blocks; [`CorpusRepeats::locate`] then turns one
//!    document's entries back into byte spans and line numbers (a split of that document,
//!    nothing more), and says what to cut from it.
//!
//! "First" always means first in document order, then in text order: results never
//! depend on which thread finished first, nor on the number of threads.
//!
//! Across documents the texts are no longer at hand, so equality rests on the 128-bit
//! fingerprint. With `n` units the chance that any two different units share one is about
//! `n² / 2¹²⁹`: 1.5 × 10⁻²¹ at 10⁹ units and 1.5 × 10⁻¹⁹ at 10¹⁰.

use std::io::{Read, Write};

use rayon::prelude::*;
use xxhash_rust::xxh3::{xxh3_128_with_seed, Xxh3};

use crate::group;
use crate::normalize::Scratch;
use crate::repair;
use crate::report::Occurrence;
use crate::split;
use crate::{Error, Finder, Report, Result, Span};

/// One eligible unit of the corpus: 24 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    fp: [u64; 2],
    doc: u32,
    unit: u32,
}

/// One document of the index: the fingerprint of its whole normalized text (a hash of its
/// units' fingerprints, in order), and its number of units (0 for a document with no text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct DocEntry {
    fp: [u64; 2],
    units: u32,
}

const MAGIC: &[u8; 8] = b"DEDUPEIX";
/// 2: a document's fingerprint is the hash of its units' fingerprints.
const FORMAT: u32 = 2;

/// The fingerprints of every unit of a corpus: what the first pass builds.
///
/// Build it with [`CorpusIndex::new`] and [`add`](CorpusIndex::add) (or
/// [`index`](CorpusIndex::index) when the within-document reports are not needed), or in
/// shards that are [`save`](CorpusIndex::save)d, [`load`](CorpusIndex::load)ed and
/// [`merge`](CorpusIndex::merge)d: merging the indexes of consecutive shards in order gives
/// the index of the whole corpus, entry for entry.
///
/// ```
/// use dedupe::{CorpusIndex, Finder};
///
/// let finder = Finder::new();
/// let docs = ["Subscribe to our newsletter today!\nStory one.", "Story two.\nSubscribe to our newsletter today!"];
/// let mut index = CorpusIndex::new(&finder);
/// index.add(&docs);
/// let repeats = index.resolve();
/// assert_eq!(repeats.groups().len(), 1);
/// let found = repeats.locate(1, docs[1]);
/// assert_eq!(found.groups()[0].1.line(), 2);
/// # Ok::<(), dedupe::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct CorpusIndex {
    finder: Finder,
    key: u64,
    docs: Vec<DocEntry>,
    entries: Vec<Entry>,
}

impl CorpusIndex {
    /// An empty index for documents searched with `finder`.
    ///
    /// ```
    /// let index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// assert_eq!(index.documents(), 0);
    /// ```
    pub fn new(finder: &Finder) -> Self {
        CorpusIndex {
            finder: finder.clone(),
            key: finder.config_key(),
            docs: Vec::new(),
            entries: Vec::new(),
        }
    }

    /// The number of documents added so far; the next one added gets this number.
    ///
    /// ```
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.add(&["one document", "and another"]);
    /// assert_eq!(index.documents(), 2);
    /// ```
    pub fn documents(&self) -> usize {
        self.docs.len()
    }

    /// The number of units in the index (those long enough to count).
    ///
    /// ```
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.add(&["a unit long enough to count\nshort"]);
    /// assert_eq!(index.units(), 1);
    /// ```
    pub fn units(&self) -> usize {
        self.entries.len()
    }

    /// Adds a batch of documents, numbered on from [`documents`](CorpusIndex::documents),
    /// and returns their within-document reports in the same order. The batch is
    /// processed in parallel; the result does not depend on how documents are batched.
    ///
    /// ```
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// let reports = index.add(&["a doubled line, as scraped\na doubled line, as scraped"]);
    /// assert!(reports[0].has_repeats());
    /// ```
    pub fn add<S: AsRef<str> + Sync>(&mut self, texts: &[S]) -> Vec<Report> {
        self.index_batch(texts, true)
    }

    /// Adds a batch of documents as [`add`](CorpusIndex::add) does, without making their
    /// within-document reports: pass one alone, and the cheaper call when the reports are
    /// not needed. The index built is the same, entry for entry, whichever is called and
    /// however documents are batched.
    ///
    /// ```
    /// let finder = dedupe::Finder::new();
    /// let docs = ["Breaking news from the harbour\nShare this story with friends", "Share this story with friends"];
    /// let mut index = dedupe::CorpusIndex::new(&finder);
    /// index.index(&docs);
    /// assert_eq!((index.documents(), index.units()), (2, 3));
    /// assert_eq!(index.resolve().groups(), &[vec![(0, 1), (1, 0)]]);
    /// ```
    pub fn index<S: AsRef<str> + Sync>(&mut self, texts: &[S]) {
        self.index_batch(texts, false);
    }

    /// Pass one over a batch, in parallel chunks of consecutive documents; each thread
    /// reuses its buffers from document to document. Reports are made when `reports`.
    fn index_batch<S: AsRef<str> + Sync>(&mut self, texts: &[S], reports: bool) -> Vec<Report> {
        let finder = &self.finder;
        let first = self.docs.len();
        let parts: Vec<Part> = finder.install(|| {
            let chunk = (texts.len() / (4 * rayon::current_num_threads())).clamp(1, CHUNK_DOCS);
            texts
                .par_chunks(chunk)
                .enumerate()
                .map_init(Worker::default, |worker, (k, docs)| {
                    let bytes: usize = docs.iter().map(|t| t.as_ref().len()).sum();
                    let mut part = Part {
                        entries: Vec::with_capacity(bytes / 128 + 1),
                        docs: Vec::with_capacity(docs.len()),
                        reports: Vec::with_capacity(if reports { docs.len() } else { 0 }),
                    };
                    for (j, t) in docs.iter().enumerate() {
                        let doc_no = (first + k * chunk + j) as u32;
                        let report = index_document(finder, t.as_ref(), doc_no, worker, &mut part, reports);
                        part.reports.extend(report);
                    }
                    part
                })
                .collect()
        });
        // The first entries of an index are moved in, not copied: a text of a billion
        // bytes, alone in its batch, would otherwise hold its entries twice at once.
        if !self.entries.is_empty() {
            self.entries
                .reserve(parts.iter().map(|p| p.entries.len()).sum::<usize>());
        }
        self.docs.reserve(texts.len());
        let mut out = Vec::with_capacity(if reports { texts.len() } else { 0 });
        for part in parts {
            if self.entries.is_empty() {
                self.entries = part.entries;
            } else {
                self.entries.extend_from_slice(&part.entries);
            }
            self.docs.extend_from_slice(&part.docs);
            out.extend(part.reports);
        }
        out
    }

    /// Appends `other`, an index of the documents that follow this one's: its documents
    /// are numbered on from this index's.
    ///
    /// Fails with [`Error::Config`] when the two were built with different settings.
    ///
    /// ```
    /// let finder = dedupe::Finder::new();
    /// let (mut a, mut b) = (dedupe::CorpusIndex::new(&finder), dedupe::CorpusIndex::new(&finder));
    /// a.add(&["shard one text, a boilerplate line"]);
    /// b.add(&["shard two text, a boilerplate line"]);
    /// a.merge(b)?;
    /// assert_eq!(a.documents(), 2);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn merge(&mut self, other: CorpusIndex) -> Result<()> {
        if other.key != self.key {
            return Err(Error::Config(
                "indexes built with different settings cannot be merged",
            ));
        }
        let offset = u32::try_from(self.docs.len()).map_err(|_| Error::Config("more than 2^32 documents"))?;
        self.entries.extend(other.entries.into_iter().map(|e| Entry {
            doc: e.doc + offset,
            ..e
        }));
        self.docs.extend(other.docs);
        Ok(())
    }

    /// Writes the index in a compact binary form (little-endian, 24 bytes a unit).
    ///
    /// ```
    /// let finder = dedupe::Finder::new();
    /// let mut index = dedupe::CorpusIndex::new(&finder);
    /// index.add(&["some text worth indexing here"]);
    /// let mut bytes = Vec::new();
    /// index.save(&mut bytes)?;
    /// let loaded = dedupe::CorpusIndex::load(&finder, &bytes[..])?;
    /// assert_eq!(loaded.units(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn save(&self, mut w: impl Write) -> std::io::Result<()> {
        let mut buf = Vec::with_capacity(32 + self.docs.len() * 20 + self.entries.len() * 24);
        buf.extend_from_slice(MAGIC);
        buf.extend_from_slice(&FORMAT.to_le_bytes());
        buf.extend_from_slice(&self.key.to_le_bytes());
        buf.extend_from_slice(&(self.docs.len() as u64).to_le_bytes());
        buf.extend_from_slice(&(self.entries.len() as u64).to_le_bytes());
        for d in &self.docs {
            buf.extend_from_slice(&d.fp[0].to_le_bytes());
            buf.extend_from_slice(&d.fp[1].to_le_bytes());
            buf.extend_from_slice(&d.units.to_le_bytes());
        }
        for e in &self.entries {
            buf.extend_from_slice(&e.fp[0].to_le_bytes());
            buf.extend_from_slice(&e.fp[1].to_le_bytes());
            buf.extend_from_slice(&e.doc.to_le_bytes());
            buf.extend_from_slice(&e.unit.to_le_bytes());
        }
        w.write_all(&buf)
    }

    /// Reads an index written by [`save`](CorpusIndex::save), for documents searched with
    /// `finder`.
    ///
    /// Fails with [`Error::Config`] when the bytes are not an index, are cut short, or were
    /// built with other settings than `finder`'s.
    ///
    /// ```
    /// let finder = dedupe::Finder::new();
    /// assert!(dedupe::CorpusIndex::load(&finder, &b"not an index"[..]).is_err());
    /// ```
    pub fn load(finder: &Finder, mut r: impl Read) -> Result<Self> {
        let bad = || Error::Config("not a dedupe index, or a truncated one");
        let mut bytes = Vec::new();
        r.read_to_end(&mut bytes).map_err(|_| bad())?;
        let mut at = 0usize;
        let mut take = |n: usize| -> Result<&[u8]> {
            let s = bytes.get(at..at + n).ok_or_else(bad)?;
            at += n;
            Ok(s)
        };
        if take(8)? != MAGIC || u32::from_le_bytes(take(4)?.try_into().unwrap()) != FORMAT {
            return Err(bad());
        }
        let key = u64::from_le_bytes(take(8)?.try_into().unwrap());
        if key != finder.config_key() {
            return Err(Error::Config("index built with different settings"));
        }
        let ndocs = u64::from_le_bytes(take(8)?.try_into().unwrap()) as usize;
        let nentries = u64::from_le_bytes(take(8)?.try_into().unwrap()) as usize;
        let u64_at = |s: &[u8], i: usize| u64::from_le_bytes(s[i..i + 8].try_into().unwrap());
        let u32_at = |s: &[u8], i: usize| u32::from_le_bytes(s[i..i + 4].try_into().unwrap());
        let doc_bytes = take(ndocs.checked_mul(20).ok_or_else(bad)?)?;
        let docs: Vec<DocEntry> = doc_bytes
            .chunks_exact(20)
            .map(|c| DocEntry {
                fp: [u64_at(c, 0), u64_at(c, 8)],
                units: u32_at(c, 16),
            })
            .collect();
        let entry_bytes = take(nentries.checked_mul(24).ok_or_else(bad)?)?;
        let entries: Vec<Entry> = entry_bytes
            .chunks_exact(24)
            .map(|c| Entry {
                fp: [u64_at(c, 0), u64_at(c, 8)],
                doc: u32_at(c, 16),
                unit: u32_at(c, 20),
            })
            .collect();
        if entries.iter().any(|e| e.doc as usize >= docs.len()) {
            return Err(bad());
        }
        Ok(CorpusIndex {
            finder: finder.clone(),
            key,
            docs,
            entries,
        })
    }

    /// Groups the units of every document by fingerprint and finds the blocks: what
    /// repeats across documents, and what to cut from each document so that every unit
    /// is left once in the whole corpus.
    ///
    /// ```
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.add(&["the same footer on every page", "the same footer on every page"]);
    /// let repeats = index.resolve();
    /// assert_eq!(repeats.duplicate_documents(), &[vec![0, 1]]);
    /// ```
    pub fn resolve(&self) -> CorpusRepeats {
        self.finder.install(|| resolve(self))
    }
}

/// Pass one's result for a chunk of consecutive documents.
struct Part {
    entries: Vec<Entry>,
    docs: Vec<DocEntry>,
    reports: Vec<Report>,
}

/// What one thread of pass one reuses from document to document.
#[derive(Default)]
struct Worker {
    units: Vec<split::RawUnit>,
    /// Each unit's fingerprint, and whether it is long enough to count.
    hashed: Vec<([u64; 2], bool)>,
    /// The units' fingerprints as bytes, in order: what the document's fingerprint hashes.
    whole: Vec<u8>,
    scratch: Scratch,
}

/// Documents a thread indexes at a time, at most.
const CHUNK_DOCS: usize = 32;

/// A document's units' fingerprints are hashed this many bytes at a time, at most.
const WHOLE_BYTES: usize = 1 << 16;

/// Texts at least this long are fingerprinted in parallel, in chunks of this many units.
const PARALLEL_BYTES: usize = 1 << 20;
const CHUNK_UNITS: usize = 4096;

/// Pass one for one document: adds its entry and its eligible units' to `part`, and makes
/// its report when `report`. Each unit is normalized and hashed once: its 128-bit
/// fingerprint goes to the index, its low 64 bits to the within-document report (where
/// equality is checked on the text), and the fingerprints of all its units, short ones
/// included, make the document's.
fn index_document(
    finder: &Finder,
    text: &str,
    doc_no: u32,
    worker: &mut Worker,
    part: &mut Part,
    report: bool,
) -> Option<Report> {
    let Worker {
        units,
        hashed,
        whole,
        scratch,
    } = worker;
    let unit = split::split_into(text, finder.unit_setting(), units);
    let normalizer = finder.normalizer_setting();
    let (min, seed) = (finder.min_bytes_setting(), finder.seed_setting());
    let one = |u: &split::RawUnit, scratch: &mut Scratch| {
        let normal = normalizer.apply(&text[u.span], scratch);
        let fp = xxh3_128_with_seed(normal.as_bytes(), seed);
        ([fp as u64, (fp >> 64) as u64], normal.len() >= min)
    };
    hashed.clear();
    if text.len() < PARALLEL_BYTES {
        hashed.extend(units.iter().map(|u| one(u, scratch)));
    } else {
        hashed.resize(units.len(), ([0; 2], false));
        hashed
            .par_chunks_mut(CHUNK_UNITS)
            .zip(units.par_chunks(CHUNK_UNITS))
            .for_each_init(Scratch::default, |scratch, (out, units)| {
                for (o, u) in out.iter_mut().zip(units) {
                    *o = one(u, scratch);
                }
            });
    }
    // Hashing the fingerprints' bytes in one call gives the digest of hashing them one
    // by one into a streaming hasher. A document of many units streams them 64 KB at a
    // time, so that the buffer stays small (a 1 GB text would need 68 MB for it).
    whole.clear();
    let mut streamed: Option<Xxh3> = None;
    for (i, &(fp, eligible)) in hashed.iter().enumerate() {
        if whole.len() >= WHOLE_BYTES {
            streamed
                .get_or_insert_with(|| Xxh3::with_seed(seed))
                .update(whole);
            whole.clear();
        }
        whole.extend_from_slice(&fp[0].to_le_bytes());
        whole.extend_from_slice(&fp[1].to_le_bytes());
        if eligible {
            part.entries.push(Entry {
                fp,
                doc: doc_no,
                unit: i as u32,
            });
        }
    }
    let fp = match streamed {
        None => xxh3_128_with_seed(whole, seed),
        Some(mut hasher) => {
            hasher.update(whole);
            hasher.digest128()
        }
    };
    part.docs.push(DocEntry {
        fp: [fp as u64, (fp >> 64) as u64],
        units: units.len() as u32,
    });
    report.then(|| {
        let fingerprints: Vec<Option<u64>> = hashed
            .iter()
            .map(|&(fp, eligible)| eligible.then_some(fp[0]))
            .collect();
        finder.report(text, unit, units, &fingerprints)
    })
}

/// A block of units found in two or more documents, by document and unit numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorpusBlock {
    /// Units (of those long enough to count) in each occurrence.
    pub units: usize,
    /// Every occurrence, in corpus order.
    pub places: Vec<UnitRun>,
}

/// A run of units in one document, by numbers: `first..=last` (0-based, all units of the
/// document counted, short ones included).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnitRun {
    /// The document.
    pub doc: u32,
    /// Its first unit.
    pub first: u32,
    /// Its last unit.
    pub last: u32,
}

/// What repeats across a corpus, by document and unit number; see [`CorpusIndex::resolve`].
#[derive(Clone, Debug, Default)]
pub struct CorpusRepeats {
    finder: Option<Finder>,
    /// Units equal across two or more documents: `(doc, unit)`, ascending.
    groups: Vec<Vec<(u32, u32)>>,
    /// Blocks found in two or more documents.
    blocks: Vec<CorpusBlock>,
    duplicates: Vec<Vec<usize>>,
    /// Every place that belongs to a group or block: `(doc, unit, what)`, ascending.
    places: Vec<(u32, u32, Place)>,
    /// Units to cut for a corpus-wide repair: `(doc, unit)`, ascending.
    removed: Vec<(u32, u32)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    Group(u32),
    Block { block: u32, last_unit: u32 },
}

/// In `class` during [`resolve`]: a unit that occurs once in the whole corpus.
const SINGLE: u32 = u32::MAX;

fn resolve(index: &CorpusIndex) -> CorpusRepeats {
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
    let mut groups: Vec<Vec<(u32, u32)>> = vec![Vec::new(); shared as usize];
    let mut group_places = Vec::new();
    for (e, &c) in entries.iter().zip(&class) {
        if c != SINGLE && group_of[c as usize] != SINGLE {
            let g = group_of[c as usize];
            groups[g as usize].push((e.doc, e.unit));
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
    for b in group::blocks(&seq, separator as usize, &mut group::Steps::default()) {
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
                places: runs,
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
        for (r, &s) in b.places.iter().zip(starts) {
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
fn block_sequence(entries: &[Entry], class: &[u32], classes: u32) -> (Vec<u32>, Vec<u32>, u32) {
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

impl CorpusRepeats {
    /// Units equal across two or more documents, as `(document, unit)` numbers in corpus
    /// order, groups sorted by first occurrence. [`locate`](CorpusRepeats::locate) gives
    /// their spans.
    ///
    /// ```
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.add(&["Story A.\nShared boilerplate line here", "Shared boilerplate line here"]);
    /// assert_eq!(index.resolve().groups(), &[vec![(0, 1), (1, 0)]]);
    /// ```
    pub fn groups(&self) -> &[Vec<(u32, u32)>] {
        &self.groups
    }

    /// Blocks of two or more units found in two or more documents, sorted by first
    /// occurrence.
    ///
    /// ```
    /// let footer = "Copyright 2026 Example News Ltd\nAll rights reserved, no reuse\n";
    /// let docs = [format!("First story, a long line\n{footer}"), format!("Second story, a long line\n{footer}")];
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.add(&docs);
    /// let repeats = index.resolve();
    /// let block = &repeats.blocks()[0];
    /// assert_eq!(block.units, 2);
    /// assert_eq!(block.places[1], dedupe::UnitRun { doc: 1, first: 1, last: 2 });
    /// ```
    pub fn blocks(&self) -> &[CorpusBlock] {
        &self.blocks
    }

    /// Documents whose whole normalized text is equal (documents with no text aside),
    /// each set ascending, sets sorted by first document.
    ///
    /// ```
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.add(&["same text", "other", "same   text"]);
    /// assert_eq!(index.resolve().duplicate_documents(), &[vec![0, 2]]);
    /// ```
    pub fn duplicate_documents(&self) -> &[Vec<usize>] {
        &self.duplicates
    }

    /// Pass two for one document: the spans and lines of its units that belong to
    /// cross-document groups and blocks, and the cuts of a corpus-wide repair (every unit
    /// whose first occurrence in the corpus is elsewhere goes, with its separator).
    ///
    /// `text` must be the text document `doc` was indexed from; a text that does not fit
    /// the index gives what can be matched and nothing else (never a panic).
    ///
    /// ```
    /// let docs = ["Intro of story one.\nRead more at example.com today", "Read more at example.com today\nStory two."];
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.add(&docs);
    /// let repeats = index.resolve();
    /// let second = repeats.locate(1, docs[1]);
    /// assert_eq!(second.groups()[0].1.span(), dedupe::Span { start: 0, end: 30 });
    /// assert_eq!(second.repair(docs[1])?, "Story two.");
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn locate(&self, doc: usize, text: &str) -> DocRepeats {
        let Some(finder) = &self.finder else {
            return DocRepeats {
                bytes: text.len(),
                ..DocRepeats::default()
            };
        };
        let doc = doc as u32;
        let places = range_of(&self.places, |p| p.0, doc);
        let removed = range_of(&self.removed, |p| p.0, doc);
        if places.is_empty() && removed.is_empty() {
            return DocRepeats {
                bytes: text.len(),
                ..DocRepeats::default()
            };
        }
        let (_, units) = split::split(text, finder.unit_setting());
        let occurrence = |first: u32, last: u32| -> Option<Occurrence> {
            let (f, l) = (units.get(first as usize)?, units.get(last as usize)?);
            (f.span.start <= l.span.end).then_some(Occurrence {
                span: Span {
                    start: f.span.start,
                    end: l.span.end,
                },
                line: f.line,
                end_line: l.end_line,
                unit: first as usize,
            })
        };
        let mut groups = Vec::new();
        let mut blocks = Vec::new();
        for &(_, unit, place) in places {
            match place {
                Place::Group(g) => groups.extend(occurrence(unit, unit).map(|o| (g as usize, o))),
                Place::Block { block, last_unit } => {
                    blocks.extend(occurrence(unit, last_unit).map(|o| (block as usize, o)))
                }
            }
        }
        let mut flags = vec![false; units.len()];
        for &(_, unit) in removed {
            if let Some(f) = flags.get_mut(unit as usize) {
                *f = true;
            }
        }
        let removals = repair::cuts(text, &units, &flags);
        DocRepeats {
            bytes: text.len(),
            groups,
            blocks,
            removals,
        }
    }

    /// Whether unit `unit` of document `doc` repeats a unit earlier in the corpus (and so
    /// is cut by a corpus-wide repair).
    ///
    /// ```
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.add(&["a line that is shared", "mine alone here\na line that is shared"]);
    /// let repeats = index.resolve();
    /// assert!(!repeats.is_repeat(0, 0));
    /// assert!(repeats.is_repeat(1, 1));
    /// ```
    pub fn is_repeat(&self, doc: usize, unit: usize) -> bool {
        self.removed.binary_search(&(doc as u32, unit as u32)).is_ok()
    }

    /// The number of units a document loses in a corpus-wide repair.
    ///
    /// ```
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.add(&["a line that is shared\nmine alone", "a line that is shared"]);
    /// assert_eq!(index.resolve().removed_units(1), 1);
    /// ```
    pub fn removed_units(&self, doc: usize) -> usize {
        range_of(&self.removed, |p| p.0, doc as u32).len()
    }

    /// Whether document `doc` takes any part in the corpus-wide results: a place in a
    /// group or block, or a unit cut. A document that does not can be passed over in
    /// the second pass: [`locate`](CorpusRepeats::locate) would find nothing in it.
    ///
    /// ```
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.add(&["a line that is shared", "mine alone, nothing shared", "a line that is shared"]);
    /// let repeats = index.resolve();
    /// assert_eq!((0..3).map(|d| repeats.involves(d)).collect::<Vec<_>>(), [true, false, true]);
    /// ```
    pub fn involves(&self, doc: usize) -> bool {
        let doc = doc as u32;
        !range_of(&self.places, |p| p.0, doc).is_empty() || !range_of(&self.removed, |p| p.0, doc).is_empty()
    }
}

/// The entries of `doc` in a slice sorted by document.
fn range_of<T>(sorted: &[T], doc_of: impl Fn(&T) -> u32, doc: u32) -> &[T] {
    let lo = sorted.partition_point(|p| doc_of(p) < doc);
    let hi = sorted.partition_point(|p| doc_of(p) <= doc);
    &sorted[lo..hi]
}

/// One document's part in the corpus-wide results; see [`CorpusRepeats::locate`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocRepeats {
    bytes: usize,
    groups: Vec<(usize, Occurrence)>,
    blocks: Vec<(usize, Occurrence)>,
    removals: Vec<Span>,
}

impl DocRepeats {
    /// Only cuts, as the fixed-memory mode knows them.
    pub(crate) fn from_cuts(bytes: usize, removals: Vec<Span>) -> Self {
        DocRepeats {
            bytes,
            removals,
            ..DocRepeats::default()
        }
    }

    /// Its units in cross-document groups: `(group number, occurrence)`, in text order.
    ///
    /// ```
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.add(&["a line that is shared", "a line that is shared"]);
    /// assert_eq!(index.resolve().locate(0, "a line that is shared").groups()[0].0, 0);
    /// ```
    pub fn groups(&self) -> &[(usize, Occurrence)] {
        &self.groups
    }

    /// Its runs of units in cross-document blocks: `(block number, occurrence)`.
    ///
    /// ```
    /// let doc = "one shared line of footer\nanother shared line of it";
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.add(&[doc, doc]);
    /// assert_eq!(index.resolve().locate(1, doc).blocks()[0].1.end_line(), 2);
    /// ```
    pub fn blocks(&self) -> &[(usize, Occurrence)] {
        &self.blocks
    }

    /// The byte ranges a corpus-wide repair cuts from this document, ascending.
    ///
    /// ```
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.add(&["a line that is shared", "mine\na line that is shared"]);
    /// let cuts = index.resolve().locate(1, "mine\na line that is shared").removals().to_vec();
    /// assert_eq!(cuts, vec![dedupe::Span { start: 4, end: 26 }]);
    /// ```
    pub fn removals(&self) -> &[Span] {
        &self.removals
    }

    /// The document with every unit cut whose first occurrence in the corpus comes
    /// earlier; every other byte kept.
    ///
    /// Fails with [`Error::TextMismatch`] when `text` is not the located text.
    ///
    /// ```
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.add(&["a line that is shared", "mine\na line that is shared\n"]);
    /// let second = index.resolve().locate(1, "mine\na line that is shared\n");
    /// assert_eq!(second.repair("mine\na line that is shared\n")?, "mine\n");
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn repair(&self, text: &str) -> Result<String> {
        repair::apply(text, self.bytes, &self.removals)
    }
}

/// A corpus searched in one call: see [`Finder::find_many`].
#[derive(Clone, Debug)]
pub struct CorpusReport {
    documents: Vec<Report>,
    repeats: CorpusRepeats,
    groups: Vec<Vec<DocOccurrence>>,
    blocks: Vec<(usize, Vec<DocOccurrence>)>,
    located: Vec<DocRepeats>,
}

/// An occurrence in a corpus: a document number and a place in that document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocOccurrence {
    /// The document's number, counted from 0 in the order documents were given.
    pub doc: usize,
    /// The place in that document.
    pub occurrence: Occurrence,
}

impl CorpusReport {
    /// The within-document report of every document, in the order they were given.
    ///
    /// ```
    /// let report = dedupe::Finder::new().find_many(["a doubled line right here\na doubled line right here", "x"]);
    /// assert!(report.documents()[0].has_repeats());
    /// ```
    pub fn documents(&self) -> &[Report] {
        &self.documents
    }

    /// Units equal across two or more documents, every occurrence, groups sorted by first
    /// occurrence.
    ///
    /// ```
    /// let report = dedupe::Finder::new().find_many(["Shared line of boilerplate\nA", "B\nShared line of boilerplate"]);
    /// let occ = &report.groups()[0];
    /// assert_eq!((occ[1].doc, occ[1].occurrence.line()), (1, 2));
    /// ```
    pub fn groups(&self) -> &[Vec<DocOccurrence>] {
        &self.groups
    }

    /// Blocks of two or more units found in two or more documents: units each, and every
    /// occurrence.
    ///
    /// ```
    /// let footer = "Copyright 2026 Example News Ltd\nAll rights reserved, no reuse";
    /// let report = dedupe::Finder::new().find_many([footer, footer]);
    /// assert_eq!(report.blocks()[0].0, 2);
    /// ```
    pub fn blocks(&self) -> &[(usize, Vec<DocOccurrence>)] {
        &self.blocks
    }

    /// Documents whose whole normalized text is equal, as in
    /// [`CorpusRepeats::duplicate_documents`].
    ///
    /// ```
    /// let report = dedupe::Finder::new().find_many(["same", "same"]);
    /// assert_eq!(report.duplicate_documents(), &[vec![0, 1]]);
    /// ```
    pub fn duplicate_documents(&self) -> &[Vec<usize>] {
        self.repeats.duplicate_documents()
    }

    /// Document `doc`'s part in the cross-document results (its cuts, among others).
    ///
    /// ```
    /// let report = dedupe::Finder::new().find_many(["a line that is shared", "a line that is shared"]);
    /// assert_eq!(report.located(1).removals().len(), 1);
    /// ```
    pub fn located(&self, doc: usize) -> &DocRepeats {
        &self.located[doc]
    }

    /// Document `doc` with repeats removed corpus-wide: the first occurrence of every
    /// unit in the whole corpus is kept, every other byte too.
    ///
    /// ```
    /// let docs = ["Keep this sentence in doc one\nmine", "theirs\nKeep this sentence in doc one"];
    /// let report = dedupe::Finder::new().find_many(docs);
    /// assert_eq!(report.repair(1, docs[1])?, "theirs");
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn repair(&self, doc: usize, text: &str) -> Result<String> {
        match self.located.get(doc) {
            Some(l) => l.repair(text),
            None => Err(Error::Config("no such document")),
        }
    }
}

/// How many documents [`Finder::find_many`] indexes at once.
const BATCH: usize = 256;

impl Finder {
    /// Finds repeats within and across documents, in two passes over `docs` (hence the
    /// `Clone` iterator: a slice, a `Vec`, or an iterator that reads files again).
    ///
    /// Per-document work runs in parallel; results are in document order and do not
    /// depend on the number of threads.
    ///
    /// ```
    /// let pages = [
    ///     "Local team wins the cup\nSubscribe for more stories like this",
    ///     "Storm expected this weekend\nSubscribe for more stories like this",
    /// ];
    /// let report = dedupe::Finder::new().find_many(pages);
    /// assert_eq!(report.groups().len(), 1);
    /// assert_eq!(report.repair(1, pages[1])?, "Storm expected this weekend");
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn find_many<I>(&self, docs: I) -> CorpusReport
    where
        I: IntoIterator,
        I::IntoIter: Clone,
        I::Item: AsRef<str> + Sync,
    {
        let docs = docs.into_iter();
        let mut index = CorpusIndex::new(self);
        let mut documents = Vec::new();
        let mut batch = Vec::with_capacity(BATCH);
        for d in docs.clone() {
            batch.push(d);
            if batch.len() == BATCH {
                documents.extend(index.add(&batch));
                batch.clear();
            }
        }
        documents.extend(index.add(&batch));
        drop(batch);
        let repeats = index.resolve();
        let mut groups: Vec<Vec<DocOccurrence>> = vec![Vec::new(); repeats.groups.len()];
        let mut blocks: Vec<(usize, Vec<DocOccurrence>)> =
            repeats.blocks.iter().map(|b| (b.units, Vec::new())).collect();
        let mut located = Vec::with_capacity(documents.len());
        for (doc, text) in docs.enumerate() {
            let found = repeats.locate(doc, text.as_ref());
            for &(g, occurrence) in &found.groups {
                groups[g].push(DocOccurrence { doc, occurrence });
            }
            for &(b, occurrence) in &found.blocks {
                blocks[b].1.push(DocOccurrence { doc, occurrence });
            }
            located.push(found);
        }
        CorpusReport {
            documents,
            repeats,
            groups,
            blocks,
            located,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FinderBuilder;

    const FOOTER: &str = "Copyright 2026 Example News Ltd\nAll rights reserved, no reuse\n";

    fn corpus() -> Vec<String> {
        (0..40)
            .map(|i| match i % 4 {
                0 => format!("Story number {i} starts here today\n{FOOTER}"),
                1 => format!("{FOOTER}Story number {i} ends with a footer first"),
                2 => {
                    "An exact duplicate document, as syndicated\nSecond line of it, long enough\n".to_owned()
                }
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
            assert_eq!(a.locate(i, d), b.locate(i, d));
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
            .find(|b| b.1.len() == 20)
            .expect("footer block");
        assert_eq!(footer.0, 2);
        assert_eq!(footer.1[0].doc, 0);
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
            for (d, r) in docs.iter().zip(&reports) {
                assert_eq!(r, &finder.find(d));
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
        group::blocks(seq, alphabet as usize, &mut group::Steps::default())
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
            let mut hasher = Xxh3::with_seed(finder.seed_setting());
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
                places.extend(block.places.iter().map(|r| {
                    let place = Place::Block {
                        block: b as u32,
                        last_unit: r.last,
                    };
                    (r.doc, r.first, place)
                }));
            }
            places.sort();
            assert_eq!(repeats.groups, groups, "{docs:?}");
            assert_eq!(repeats.removed, removed, "{docs:?}");
            assert_eq!(repeats.places, places, "{docs:?}");
            // A document is involved exactly when it has a place or a cut.
            for (d, text) in docs.iter().enumerate() {
                let involved =
                    places.iter().any(|p| p.0 as usize == d) || removed.iter().any(|r| r.0 as usize == d);
                assert_eq!(repeats.involves(d), involved, "{docs:?} {d}");
                let found = repeats.locate(d, text);
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
}
