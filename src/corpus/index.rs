//! Pass one: every unit of every document normalized, fingerprinted and entered in the
//! [`CorpusIndex`], in parallel, a batch at a time.

use rayon::prelude::*;
use xxhash_rust::xxh3::{xxh3_128_with_seed, xxh3_64_with_seed, Xxh3};

use super::format::Settings;
use super::resolve::{resolve, CorpusRepeats};
use crate::fingerprint::UnitPrint;
use crate::normalize::Scratch;
use crate::{pipeline, split};
use crate::{Error, Finder, Report, Result};

/// One eligible unit of the corpus: 24 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Entry {
    pub(super) fp: [u64; 2],
    pub(super) doc: u32,
    pub(super) unit: u32,
}

/// One document of the index: the fingerprint of its whole normalized text (a hash of its
/// units' fingerprints, in order), and its number of units (0 for a document with no text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct DocEntry {
    pub(super) fp: [u64; 2],
    pub(super) units: u32,
}

/// What an index knows of the input it was built from, to tell that input from another:
/// the number of documents and a 64-bit fingerprint of their lengths in bytes, in order.
/// Reading the documents again (no normalizing) gives it back; see
/// [`CorpusIndex::shard`].
///
/// ```
/// let mut print = dedupe::ShardPrint::new();
/// print.add("one document");
/// print.add("and another");
/// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
/// index.index(&["one document", "and another"]);
/// assert_eq!(index.shard(), print);
/// assert_eq!(print.documents(), 2);
/// let mut other = dedupe::ShardPrint::new();
/// other.add("one document");
/// other.add("and another one");
/// assert_ne!(other, print);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ShardPrint {
    documents: u64,
    print: u64,
}

impl ShardPrint {
    /// The print of no documents.
    ///
    /// ```
    /// assert_eq!(dedupe::ShardPrint::new().documents(), 0);
    /// ```
    pub fn new() -> ShardPrint {
        ShardPrint::default()
    }

    /// One more document.
    ///
    /// ```
    /// let mut print = dedupe::ShardPrint::new();
    /// print.add("text");
    /// assert_eq!(print.documents(), 1);
    /// ```
    pub fn add(&mut self, text: &str) {
        self.documents += 1;
        self.print = xxh3_64_with_seed(&(text.len() as u64).to_le_bytes(), self.print);
    }

    /// Mixes the id of the document just added into the print: what an index cannot see
    /// by itself (see [`CorpusIndex::set_shard`]).
    ///
    /// ```
    /// let (mut a, mut b) = (dedupe::ShardPrint::new(), dedupe::ShardPrint::new());
    /// a.add("same length");
    /// a.add_id(b"\"doc-1\"");
    /// b.add("same length");
    /// b.add_id(b"\"doc-2\"");
    /// assert_ne!(a, b);
    /// ```
    pub fn add_id(&mut self, id: &[u8]) {
        self.print = xxh3_64_with_seed(id, self.print ^ ID_SALT);
    }

    /// How many documents were added.
    ///
    /// ```
    /// assert_eq!(dedupe::ShardPrint::new().documents(), 0);
    /// ```
    pub fn documents(&self) -> u64 {
        self.documents
    }

    /// The fingerprint of the documents' lengths, in order.
    ///
    /// ```
    /// let (mut a, mut b) = (dedupe::ShardPrint::new(), dedupe::ShardPrint::new());
    /// a.add("ab");
    /// b.add("cd");
    /// assert_eq!(a.fingerprint(), b.fingerprint()); // lengths only
    /// ```
    pub fn fingerprint(&self) -> u64 {
        self.print
    }

    /// A print read from a saved index.
    pub(super) fn from_parts(documents: u64, print: u64) -> ShardPrint {
        ShardPrint { documents, print }
    }
}

/// Tells an id mixed in from a length.
const ID_SALT: u64 = 0x6964_6964_6964_6964;

/// "12 documents, fingerprint 0123456789abcdef".
///
/// ```
/// assert_eq!(dedupe::ShardPrint::new().to_string(), "0 documents, fingerprint 0000000000000000");
/// ```
impl std::fmt::Display for ShardPrint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} documents, fingerprint {:016x}", self.documents, self.print)
    }
}

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
/// let found = repeats.locate(1, docs[1])?;
/// assert_eq!(found.groups()[0].occurrence().line(), 2);
/// # Ok::<(), dedupe::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct CorpusIndex {
    pub(super) finder: Finder,
    pub(super) settings: Settings,
    pub(super) docs: Vec<DocEntry>,
    pub(super) entries: Vec<Entry>,
    pub(super) shard: ShardPrint,
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
            settings: Settings::of(finder),
            docs: Vec::new(),
            entries: Vec::new(),
            shard: ShardPrint::new(),
        }
    }

    /// The documents this index was built from, as a [`ShardPrint`]; saved with it, so
    /// that a loaded shard's index can be checked against the input it is used with. An
    /// index [`merge`](CorpusIndex::merge)d from others has a print of its own, which no
    /// input has.
    ///
    /// ```
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.index(&["a", "bc"]);
    /// assert_eq!(index.shard().documents(), 2);
    /// ```
    pub fn shard(&self) -> ShardPrint {
        self.shard
    }

    /// Replaces the print saved with the index by one of the same documents that knows
    /// more of them, their ids say ([`ShardPrint::add_id`]): the `dedupe` command does, so
    /// that a shard's index is told from input with the same lengths but other ids.
    ///
    /// Fails with [`Error::Config`] when `print` is not of as many documents.
    ///
    /// ```
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.index(&["a document"]);
    /// let mut print = dedupe::ShardPrint::new();
    /// print.add("a document");
    /// print.add_id(b"7");
    /// index.set_shard(print)?;
    /// assert_eq!(index.shard(), print);
    /// assert!(index.set_shard(dedupe::ShardPrint::new()).is_err());
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn set_shard(&mut self, print: ShardPrint) -> Result<()> {
        if print.documents != self.docs.len() as u64 {
            return Err(Error::Config("a shard print of other documents than the index's"));
        }
        self.shard = print;
        Ok(())
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

    /// The units of document `doc` that count (long enough to be indexed), ascending, by
    /// their numbers in [`Finder::units`] (`Occurrence::unit`): the units `u` of its
    /// text for which the index's finder's [`Finder::counts`] holds, read off the index
    /// without normalizing them again. None for a document not in the index.
    ///
    /// ```
    /// let finder = dedupe::Finder::new();
    /// let text = "a unit long enough to count\nshort\nanother unit long enough";
    /// let mut index = dedupe::CorpusIndex::new(&finder);
    /// index.index(&["an earlier document, with one unit", text]);
    /// let counting: Vec<usize> = index.counting_units(1).collect();
    /// assert_eq!(counting, [0, 2]);
    /// let units = finder.units(text);
    /// assert!(counting.iter().all(|&u| finder.counts(units[u].text(text))));
    /// assert_eq!(index.counting_units(2).count(), 0);
    /// ```
    pub fn counting_units(&self, doc: usize) -> impl Iterator<Item = usize> + '_ {
        self.doc_entries(doc).iter().map(|e| e.unit as usize)
    }

    /// The units of document `doc` that count, as
    /// [`counting_units`](CorpusIndex::counting_units) lists them, each with the 128-bit
    /// fingerprint of its normalized text: units with equal prints are equal as the
    /// index (and so the exact search) compares them, without normalizing them again.
    ///
    /// ```
    /// let finder = dedupe::Finder::new();
    /// let text = "a unit long enough to count\nshort\n  A unit long enough to count";
    /// let mut index = dedupe::CorpusIndex::new(&finder);
    /// index.index(&[text]);
    /// let prints: Vec<(usize, u128)> = index.counting_prints(0).collect();
    /// assert_eq!(prints.len(), 2);
    /// assert_eq!((prints[0].0, prints[1].0), (0, 2));
    /// assert_ne!(prints[0].1, prints[1].1); // case counts by default
    /// ```
    pub fn counting_prints(&self, doc: usize) -> impl Iterator<Item = (usize, u128)> + '_ {
        self.doc_entries(doc)
            .iter()
            .map(|e| (e.unit as usize, (e.fp[1] as u128) << 64 | e.fp[0] as u128))
    }

    /// The entries of document `doc`.
    fn doc_entries(&self, doc: usize) -> &[Entry] {
        // Entries are in (document, unit) order: added document by document, and merged
        // shard after shard.
        let at = |d: usize| self.entries.partition_point(|e| (e.doc as usize) < d);
        let (start, end) = (at(doc), at(doc.saturating_add(1)));
        &self.entries[start..end.max(start)]
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
        let finder = self.finder.clone();
        self.index_batch(texts, Some(&finder))
    }

    /// Adds a batch of documents as [`add`](CorpusIndex::add) does, and returns their
    /// reports as `finder` makes them: each equals `finder.find(text)`, made from the
    /// fingerprints the index computes anyway, so that stutters, runs or near duplicates
    /// within documents cost no second split and hash. The index built is the same as
    /// [`add`](CorpusIndex::add)'s.
    ///
    /// Fails with [`Error::Config`], adding nothing, when `finder` splits, normalizes or
    /// fingerprints units otherwise than the index's finder (unit, normalization, case,
    /// minimum size, seed).
    ///
    /// ```
    /// use dedupe::{CorpusIndex, FinderBuilder};
    ///
    /// let mut builder = FinderBuilder::new();
    /// let mut index = CorpusIndex::new(&builder.build()?);
    /// let finder = builder.stutters(true).build()?;
    /// let text = "the the cat sat on the mat\nanother line entirely";
    /// let reports = index.add_with(&[text], &finder)?;
    /// assert_eq!(reports[0], finder.find(text).in_doc(0));
    /// assert!(index.add_with(&[text], &builder.min_chars(3).build()?).is_err());
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn add_with<S: AsRef<str> + Sync>(&mut self, texts: &[S], finder: &Finder) -> Result<Vec<Report>> {
        if Settings::of(finder) != self.settings {
            return Err(Error::Config(
                "a report finder that splits, normalizes or fingerprints units otherwise than the index's",
            ));
        }
        Ok(self.index_batch(texts, Some(finder)))
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
    /// let places: Vec<(usize, usize)> =
    ///     index.resolve().groups()[0].iter().map(|r| (r.doc(), r.first())).collect();
    /// assert_eq!(places, [(0, 1), (1, 0)]);
    /// ```
    pub fn index<S: AsRef<str> + Sync>(&mut self, texts: &[S]) {
        self.index_batch(texts, None);
    }

    /// Pass one over a batch, in parallel chunks of consecutive documents; each thread
    /// reuses its buffers from document to document. Reports are made by `reports`, when
    /// given (a finder with the index's keys).
    fn index_batch<S: AsRef<str> + Sync>(&mut self, texts: &[S], reports: Option<&Finder>) -> Vec<Report> {
        for t in texts {
            self.shard.add(t.as_ref());
        }
        let finder = &self.finder;
        let first = self.docs.len();
        let parts: Vec<Part> = finder.install(|| {
            let chunk = (texts.len() / (4 * rayon::current_num_threads())).clamp(1, CHUNK_DOCS);
            texts
                .par_chunks(chunk)
                .enumerate()
                .map_init(Worker::default, |worker, (k, docs)| {
                    // Entries are reserved document by document, for the units that count.
                    let mut part = Part {
                        entries: Vec::new(),
                        docs: Vec::with_capacity(docs.len()),
                        reports: Vec::with_capacity(if reports.is_some() { docs.len() } else { 0 }),
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
        let mut out = Vec::with_capacity(if reports.is_some() { texts.len() } else { 0 });
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
    /// Fails with [`Error::Index`] when the two were built with different settings.
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
        if let Some(what) = self.settings.differs(&other.settings) {
            return Err(Error::Index(format!(
                "indexes built with different settings cannot be merged ({what})"
            )));
        }
        let offset = u32::try_from(self.docs.len()).map_err(|_| Error::Config("more than 2^32 documents"))?;
        self.entries.extend(other.entries.into_iter().map(|e| Entry {
            doc: e.doc + offset,
            ..e
        }));
        self.docs.extend(other.docs);
        self.shard = ShardPrint {
            documents: self.shard.documents + other.shard.documents,
            print: xxh3_64_with_seed(&other.shard.print.to_le_bytes(), self.shard.print),
        };
        Ok(())
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
    units: Vec<split::RawUnit<u32>>,
    /// The units of a document of 4 GiB or more.
    wide: Vec<split::RawUnit<usize>>,
    /// Each unit's fingerprint, and whether it is long enough to count.
    prints: Vec<UnitPrint>,
    /// The units' fingerprints as bytes, in order: what the document's fingerprint hashes.
    whole: Vec<u8>,
    scratch: Scratch,
}

/// Documents a thread indexes at a time, at most.
const CHUNK_DOCS: usize = 32;

/// A document's units' fingerprints are hashed this many bytes at a time, at most.
const WHOLE_BYTES: usize = 1 << 16;

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
    report: Option<&Finder>,
) -> Option<Report> {
    if split::narrow(text) {
        let units = &mut std::mem::take(&mut worker.units);
        let r = index_with(finder, text, doc_no, units, worker, part, report);
        worker.units = std::mem::take(units);
        r
    } else {
        let units = &mut std::mem::take(&mut worker.wide);
        let r = index_with(finder, text, doc_no, units, worker, part, report);
        worker.wide = std::mem::take(units);
        r
    }
}

/// [`index_document`] with units that hold their offsets as `P`, split into `units`.
fn index_with<P: split::Pos>(
    finder: &Finder,
    text: &str,
    doc_no: u32,
    units: &mut Vec<split::RawUnit<P>>,
    worker: &mut Worker,
    part: &mut Part,
    report: Option<&Finder>,
) -> Option<Report> {
    let Worker {
        prints,
        whole,
        scratch,
        ..
    } = worker;
    let unit = split::split_into(text, finder.unit_setting(), units);
    let keys = finder.keys();
    keys.print_units(text, units, scratch, prints);
    part.entries.reserve(prints.iter().filter(|p| p.counts).count());
    // Hashing the fingerprints' bytes in one call gives the digest of hashing them one
    // by one into a streaming hasher. A document of many units streams them 64 KB at a
    // time, so that the buffer stays small (a 1 GB text would need 68 MB for it).
    whole.clear();
    let mut streamed: Option<Xxh3> = None;
    for (i, p) in prints.iter().enumerate() {
        if whole.len() >= WHOLE_BYTES {
            streamed
                .get_or_insert_with(|| Xxh3::with_seed(keys.seed))
                .update(whole);
            whole.clear();
        }
        whole.extend_from_slice(&p.hash[0].to_le_bytes());
        whole.extend_from_slice(&p.hash[1].to_le_bytes());
        if p.counts {
            part.entries.push(Entry {
                fp: p.hash,
                doc: doc_no,
                unit: i as u32,
            });
        }
    }
    let fp = match streamed {
        None => xxh3_128_with_seed(whole, keys.seed),
        Some(mut hasher) => {
            hasher.update(whole);
            hasher.digest128()
        }
    };
    part.docs.push(DocEntry {
        fp: [fp as u64, (fp >> 64) as u64],
        units: units.len() as u32,
    });
    report.map(|finder| {
        let mut r = pipeline::report(finder, text, unit, units, prints);
        pipeline::add_inner(finder, text, units, &mut r);
        r.in_doc(doc_no as usize)
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use crate::{CorpusIndex, FinderBuilder, Unit};

    fn doc() -> impl Strategy<Value = String> {
        let line = prop::sample::select(vec![
            "Shared boilerplate line of the site",
            "  short  ",
            "Caf\u{E9} du coin, menu of the day\u{200B}",
            "\u{FF26}\u{FF55}\u{FF4C}\u{FF4C} width text, long enough",
            "\u{9274}\u{4E8E}\u{6709}\u{5FC5}\u{8981}\u{4FC3}\u{8FDB}",
            "   ",
            "",
        ]);
        prop::collection::vec(line, 0..10).prop_map(|lines| lines.join("\n"))
    }

    proptest! {
        /// The counting units read off the index equal the naive oracle: every unit of
        /// the split, normalized again by `Finder::counts`.
        #[test]
        fn counting_units_equal_the_units_that_count(
            docs in prop::collection::vec(doc(), 0..8),
            unit in prop::sample::select(vec![Unit::Auto, Unit::Line, Unit::Paragraph]),
            min in 1usize..30,
            batch in 1usize..4,
        ) {
            let finder = FinderBuilder::new().unit(unit).min_chars(min).build().unwrap();
            let mut index = CorpusIndex::new(&finder);
            for b in docs.chunks(batch) {
                index.index(b);
            }
            for (d, text) in docs.iter().enumerate() {
                let want: Vec<usize> = finder
                    .units(text)
                    .iter()
                    .filter(|o| finder.counts(o.text(text)))
                    .map(|o| o.unit())
                    .collect();
                prop_assert_eq!(index.counting_units(d).collect::<Vec<_>>(), want);
            }
        }

        /// Two counting units have equal prints exactly when `Finder::normalize` makes
        /// them equal (within a document and across documents).
        #[test]
        fn counting_prints_are_equal_for_equal_normalized_units(
            docs in prop::collection::vec(doc(), 0..6),
            unit in prop::sample::select(vec![Unit::Auto, Unit::Line, Unit::Paragraph]),
            fold in any::<bool>(),
        ) {
            let finder = FinderBuilder::new().unit(unit).min_chars(3).fold_case(fold).build().unwrap();
            let mut index = CorpusIndex::new(&finder);
            index.index(&docs);
            let mut all = Vec::new();
            for (d, text) in docs.iter().enumerate() {
                let units = finder.units(text);
                let prints: Vec<(usize, u128)> = index.counting_prints(d).collect();
                let counting: Vec<usize> = index.counting_units(d).collect();
                prop_assert_eq!(prints.iter().map(|p| p.0).collect::<Vec<_>>(), counting);
                for (u, p) in prints {
                    all.push((finder.normalize(units[u].text(text)).into_owned(), p));
                }
            }
            for (a, pa) in &all {
                for (b, pb) in &all {
                    prop_assert_eq!(a == b, pa == pb);
                }
            }
        }
    }
}
