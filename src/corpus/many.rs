//! Both passes over documents held in memory: [`Finder::find_many`] and its
//! [`CorpusReport`].

use super::index::CorpusIndex;
use super::locate::DocRepeats;
use super::resolve::CorpusRepeats;
use crate::report::{Block, Group};
use crate::{Error, EscapedBytes, Finder, InnerKind, Report, Result};

/// A text document, as [`Finder::find_many`] is given it.
struct Text<T>(T);

impl<T: AsRef<str>> AsRef<str> for Text<T> {
    fn as_ref(&self) -> &str {
        self.0.as_ref()
    }
}

/// A corpus searched in one call: see [`Finder::find_many`].
#[derive(Clone, Debug)]
pub struct CorpusReport {
    pub(super) documents: Vec<Report>,
    repeats: CorpusRepeats,
    pub(super) groups: Vec<Group>,
    pub(super) blocks: Vec<Block>,
    pub(super) located: Vec<DocRepeats>,
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
    /// let second = report.groups()[0].occurrences()[1];
    /// assert_eq!((second.doc(), second.line()), (1, 2));
    /// ```
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// Blocks of two or more units found in two or more documents, every occurrence,
    /// blocks sorted by first occurrence.
    ///
    /// ```
    /// let footer = "Copyright 2026 Example News Ltd\nAll rights reserved, no reuse";
    /// let report = dedupe::Finder::new().find_many([footer, footer]);
    /// assert_eq!(report.blocks()[0].units(), 2);
    /// ```
    pub fn blocks(&self) -> &[Block] {
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
    /// Fails with [`Error::NoDocument`] when there is no document `doc`.
    ///
    /// ```
    /// let report = dedupe::Finder::new().find_many(["a line that is shared", "a line that is shared"]);
    /// assert_eq!(report.located(1)?.removals().len(), 1);
    /// assert!(report.located(2).is_err());
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn located(&self, doc: usize) -> Result<&DocRepeats> {
        self.located.get(doc).ok_or(Error::NoDocument {
            doc,
            documents: self.located.len(),
        })
    }

    /// Document `doc` with repeats removed corpus-wide: the first occurrence of every
    /// unit in the whole corpus is kept, every other byte too.
    ///
    /// Fails with [`Error::NoDocument`] when there is no document `doc`, and with
    /// [`Error::TextMismatch`] when `text` is not its text.
    ///
    /// ```
    /// let docs = ["Keep this sentence in doc one\nmine", "theirs\nKeep this sentence in doc one"];
    /// let report = dedupe::Finder::new().find_many(docs);
    /// assert_eq!(report.repair(1, docs[1])?, "theirs");
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn repair(&self, doc: usize, text: &str) -> Result<String> {
        self.located(doc)?.repair(text)
    }

    /// Document `doc` with repeats removed corpus-wide, as [`repair`](CorpusReport::repair),
    /// for a report of [`Finder::find_many_bytes`]: every byte not cut, invalid UTF-8
    /// or not, is kept.
    ///
    /// Fails as `repair` does.
    ///
    /// ```
    /// let docs: [&[u8]; 2] = [b"\xFF shared line of the corpus", b"\xFF shared line of the corpus\n\xFE"];
    /// let report = dedupe::Finder::new().find_many_bytes(docs);
    /// assert_eq!(report.repair_bytes(1, docs[1])?, b"\xFE");
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn repair_bytes(&self, doc: usize, input: &[u8]) -> Result<Vec<u8>> {
        self.located(doc)?.repair_bytes(input)
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
        self.many(docs.into_iter().map(Text), |_, _| {}, |_, _| {})
    }

    /// [`find_many`](Finder::find_many) for documents given as bytes, which may hold
    /// invalid UTF-8: each is searched as [`find_bytes`](Finder::find_bytes) searches
    /// (an invalid byte equals only the same byte, across documents too), and every
    /// offset is a byte offset into its document. Valid UTF-8 gets exactly the report of
    /// `find_many`.
    ///
    /// ```
    /// let pages: [&[u8]; 2] = [b"Caf\xE9 menu of the day\nmine", b"theirs\nCaf\xE9 menu of the day"];
    /// let report = dedupe::Finder::new().find_many_bytes(pages);
    /// let later = report.groups()[0].occurrences()[1];
    /// assert_eq!((later.doc(), later.span().start), (1, 7));
    /// assert_eq!(report.repair_bytes(1, pages[1])?, b"theirs");
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn find_many_bytes<I>(&self, docs: I) -> CorpusReport
    where
        I: IntoIterator,
        I::IntoIter: Clone,
        I::Item: AsRef<[u8]>,
    {
        let escape = |d: I::Item| EscapedBytes::new(d.as_ref());
        self.many(
            docs.into_iter().map(escape),
            |e, r| e.restore(r),
            |e, f| e.restore_located(f),
        )
    }

    /// Both passes over `docs`, each document's offsets rewritten by `restore` (its
    /// report) and `restore_located` (its corpus-wide part) before they are gathered.
    fn many<I, D>(
        &self,
        docs: I,
        restore: impl Fn(&D, &mut Report),
        restore_located: impl Fn(&D, &mut DocRepeats),
    ) -> CorpusReport
    where
        I: Iterator<Item = D> + Clone,
        D: AsRef<str> + Sync,
    {
        let mut index = CorpusIndex::new(self);
        let mut documents = Vec::new();
        let mut batch = Vec::with_capacity(BATCH);
        let mut add = |batch: &mut Vec<D>| {
            let reports = index.add(batch);
            for (d, mut r) in batch.drain(..).zip(reports) {
                restore(&d, &mut r);
                documents.push(r);
            }
        };
        for d in docs.clone() {
            batch.push(d);
            if batch.len() == BATCH {
                add(&mut batch);
            }
        }
        add(&mut batch);
        drop(batch);
        let repeats = index.resolve();
        // A document that duplicates an earlier one repeats its runs: they are the
        // first copy's findings, not its own.
        for doc in repeats.later_duplicates() {
            if let Some(r) = documents.get_mut(doc) {
                r.retain_inner(|r| r.kind() != InnerKind::Repeat);
            }
        }
        let mut groups: Vec<Group> = vec![
            Group {
                occurrences: Vec::new()
            };
            repeats.groups.len()
        ];
        let mut blocks: Vec<Block> = repeats
            .blocks
            .iter()
            .map(|b| Block {
                units: b.units,
                occurrences: Vec::new(),
            })
            .collect();
        let mut located = Vec::with_capacity(documents.len());
        // Pass two reads as many documents as pass one did, should the iterator yield
        // another number the second time.
        for (doc, text) in docs.enumerate().take(documents.len()) {
            let Ok(mut found) = repeats.locate(doc, text.as_ref()) else {
                continue;
            };
            restore_located(&text, &mut found);
            if let Some(r) = documents.get_mut(doc) {
                found.trim_runs(r);
            }
            for m in &found.groups {
                groups[m.of()].occurrences.push(m.occurrence());
            }
            for m in &found.blocks {
                blocks[m.of()].occurrences.push(m.occurrence());
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
