//! Pass two, second half: one document's entries turned back into byte spans and line
//! numbers (a split of that document, nothing more), and what to cut from it.

use super::resolve::{CorpusBlock, CorpusRepeats, Place, UnitRun};
use crate::report::Occurrence;
use crate::{repair, split, Error, Result, Span};

impl CorpusRepeats {
    /// Units equal across two or more documents, each a run of one unit
    /// ([`first`](UnitRun::first) equals [`last`](UnitRun::last)) in corpus order, groups
    /// sorted by first occurrence. [`locate`](CorpusRepeats::locate) gives their spans.
    ///
    /// ```
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.add(&["Story A.\nShared boilerplate line here", "Shared boilerplate line here"]);
    /// let places: Vec<(usize, usize)> =
    ///     index.resolve().groups()[0].iter().map(|r| (r.doc(), r.first())).collect();
    /// assert_eq!(places, [(0, 1), (1, 0)]);
    /// ```
    pub fn groups(&self) -> &[Vec<UnitRun>] {
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
    /// assert_eq!(block.units(), 2);
    /// let second = block.runs()[1];
    /// assert_eq!((second.doc(), second.first(), second.last()), (1, 1, 2));
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

    /// The documents that are exact duplicates of an earlier one: every document of
    /// [`duplicate_documents`](CorpusRepeats::duplicate_documents) but the first of its
    /// set, ascending. Their repeated runs are the first copy's, and are not reported
    /// (see [`Report::retain_inner`](crate::Report::retain_inner)).
    ///
    /// ```
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.add(&["same text", "other", "same   text", "same text"]);
    /// assert_eq!(index.resolve().later_duplicates(), [2, 3]);
    /// ```
    pub fn later_duplicates(&self) -> Vec<usize> {
        let mut later: Vec<usize> = self
            .duplicates
            .iter()
            .flat_map(|set| set.iter().skip(1).copied())
            .collect();
        later.sort_unstable();
        later
    }

    /// Pass two for one document: the spans and lines of its units that belong to
    /// cross-document groups and blocks, and the cuts of a corpus-wide repair (every unit
    /// whose first occurrence in the corpus is elsewhere goes, with its separator).
    ///
    /// `text` must be the text document `doc` was indexed from; a text that does not fit
    /// the index gives what can be matched and nothing else (never a panic). Fails with
    /// [`Error::NoDocument`](crate::Error::NoDocument) when the index had no document
    /// `doc`.
    ///
    /// ```
    /// let docs = ["Intro of story one.\nRead more at example.com today", "Read more at example.com today\nStory two."];
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.add(&docs);
    /// let repeats = index.resolve();
    /// let second = repeats.locate(1, docs[1])?;
    /// assert_eq!(second.groups()[0].occurrence().span(), dedupe::Span { start: 0, end: 30 });
    /// assert_eq!(second.repair(docs[1])?, "Story two.");
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn locate(&self, doc: usize, text: &str) -> Result<DocRepeats> {
        let finder = match &self.finder {
            Some(finder) if doc < self.documents => finder,
            _ => {
                return Err(Error::NoDocument {
                    doc,
                    documents: self.documents,
                })
            }
        };
        let doc_no = doc;
        let doc = doc as u32;
        let places = range_of(&self.places, |p| p.0, doc);
        let removed = range_of(&self.removed, |p| p.0, doc);
        if places.is_empty() && removed.is_empty() {
            return Ok(DocRepeats {
                bytes: text.len(),
                ..DocRepeats::default()
            });
        }
        Ok(if split::narrow(text) {
            located::<u32>(finder, text, doc_no, places, removed)
        } else {
            located::<usize>(finder, text, doc_no, places, removed)
        })
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

/// [`CorpusRepeats::locate`] for a document with entries, its units holding their
/// offsets as `P`.
fn located<P: split::Pos>(
    finder: &crate::Finder,
    text: &str,
    doc_no: usize,
    places: &[(u32, u32, Place)],
    removed: &[(u32, u32)],
) -> DocRepeats {
    let (_, units) = split::split::<P>(text, finder.unit_setting());
    let occurrence = |first: u32, last: u32| -> Option<Occurrence> {
        let (f, l) = (first as usize, last as usize);
        (l < units.len() && units[f].span().start <= units[l].span().end)
            .then(|| Occurrence::of_units(&units, f, l).in_doc(doc_no))
    };
    let mut groups = Vec::new();
    let mut blocks = Vec::new();
    for &(_, unit, place) in places {
        match place {
            Place::Group(g) => groups.extend(occurrence(unit, unit).map(|occurrence| Member {
                of: g as usize,
                occurrence,
            })),
            Place::Block { block, last_unit } => {
                blocks.extend(occurrence(unit, last_unit).map(|occurrence| Member {
                    of: block as usize,
                    occurrence,
                }))
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

/// The entries of `doc` in a slice sorted by document.
fn range_of<T>(sorted: &[T], doc_of: impl Fn(&T) -> u32, doc: u32) -> &[T] {
    let lo = sorted.partition_point(|p| doc_of(p) < doc);
    let hi = sorted.partition_point(|p| doc_of(p) <= doc);
    &sorted[lo..hi]
}

/// One document's part in the corpus-wide results; see [`CorpusRepeats::locate`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocRepeats {
    pub(super) bytes: usize,
    pub(super) groups: Vec<Member>,
    pub(super) blocks: Vec<Member>,
    pub(super) removals: Vec<Span>,
}

/// An occurrence in one document of a group or block found across the corpus.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Member {
    of: usize,
    occurrence: Occurrence,
}

impl Member {
    /// The number of the group or block it belongs to, an index into
    /// [`CorpusRepeats::groups`] or [`CorpusRepeats::blocks`] (and the same lists of a
    /// [`CorpusReport`](crate::CorpusReport)).
    ///
    /// ```
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.add(&["a line that is shared", "a line that is shared"]);
    /// assert_eq!(index.resolve().locate(0, "a line that is shared")?.groups()[0].of(), 0);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn of(&self) -> usize {
        self.of
    }

    /// Where it is in the document.
    ///
    /// ```
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.add(&["a line that is shared", "a line that is shared"]);
    /// let member = index.resolve().locate(1, "a line that is shared")?.groups()[0];
    /// assert_eq!((member.occurrence().doc(), member.occurrence().line()), (1, 1));
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn occurrence(&self) -> Occurrence {
        self.occurrence
    }
}

impl DocRepeats {
    /// Rewrites every offset with `f`, and the text's length to `bytes`: from the escaped
    /// text of input with invalid UTF-8 back to the input (see [`crate::EscapedBytes`]).
    pub(crate) fn map_spans(&mut self, bytes: usize, f: impl Fn(Span) -> Span) {
        self.bytes = bytes;
        for m in self.groups.iter_mut().chain(&mut self.blocks) {
            m.occurrence.span = f(m.occurrence.span);
        }
        for cut in &mut self.removals {
            *cut = f(*cut);
        }
    }

    /// The input with every cut of [`removals`](DocRepeats::removals) made, every other
    /// byte (invalid UTF-8 or not) kept: [`repair`](DocRepeats::repair) for input given as
    /// bytes, once the offsets are the input's (see [`crate::EscapedBytes::restore_located`]).
    ///
    /// Fails with [`Error::TextMismatch`](crate::Error::TextMismatch) when `input` is not
    /// the located input's length.
    ///
    /// ```
    /// let input = b"caf\xE9 is a shared line\ncaf\xE9 is a shared line\n";
    /// let escaped = dedupe::EscapedBytes::new(input);
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.add(&[escaped.as_str()]);
    /// let mut found = index.resolve().locate(0, escaped.as_str())?;
    /// escaped.restore_located(&mut found);
    /// assert_eq!(found.repair_bytes(input)?, b"caf\xE9 is a shared line\n");
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn repair_bytes(&self, input: &[u8]) -> Result<Vec<u8>> {
        crate::bytes::cut(input, self.bytes, &self.removals)
    }

    /// A document that is a corpus of its own: what a corpus-wide repair cuts from it is
    /// what its report cuts, and it takes part in no group or block across documents.
    ///
    /// ```
    /// let text = "a line that repeats itself\nmine alone\na line that repeats itself";
    /// let report = dedupe::find_repeats(text);
    /// let alone = dedupe::DocRepeats::alone(&report);
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.index(&[text]);
    /// assert_eq!(alone.removals(), index.resolve().locate(0, text)?.removals());
    /// assert!(alone.groups().is_empty() && alone.blocks().is_empty());
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn alone(report: &crate::Report) -> Self {
        DocRepeats::from_cuts(report.bytes(), report.removals().to_vec())
    }

    /// Only cuts, as the fixed-memory mode knows them.
    pub(crate) fn from_cuts(bytes: usize, removals: Vec<Span>) -> Self {
        DocRepeats {
            bytes,
            removals,
            ..DocRepeats::default()
        }
    }

    /// Its units in cross-document groups, in text order.
    ///
    /// ```
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.add(&["a line that is shared", "a line that is shared"]);
    /// assert_eq!(index.resolve().locate(0, "a line that is shared")?.groups()[0].of(), 0);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn groups(&self) -> &[Member] {
        &self.groups
    }

    /// Its runs of units in cross-document blocks, in text order.
    ///
    /// ```
    /// let doc = "one shared line of footer\nanother shared line of it";
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.add(&[doc, doc]);
    /// assert_eq!(index.resolve().locate(1, doc)?.blocks()[0].occurrence().end_line(), 2);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn blocks(&self) -> &[Member] {
        &self.blocks
    }

    /// The byte ranges a corpus-wide repair cuts from this document, ascending.
    ///
    /// ```
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.add(&["a line that is shared", "mine\na line that is shared"]);
    /// let cuts = index.resolve().locate(1, "mine\na line that is shared")?.removals().to_vec();
    /// assert_eq!(cuts, vec![dedupe::Span { start: 4, end: 26 }]);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn removals(&self) -> &[Span] {
        &self.removals
    }

    /// Drops from `report`, this document's own report (in the same offsets), the
    /// occurrences of repeated runs ([`InnerKind::Repeat`](crate::InnerKind::Repeat)) that
    /// lie wholly inside what a corpus-wide repair cuts ([`removals`](DocRepeats::removals)),
    /// and then every run left with fewer than two occurrences: a run inside a unit that
    /// repeats one of another document is that unit's repeat, not a finding of its own
    /// (the rule [`find_repeats`](crate::find_repeats) applies within a document).
    /// Stutters are kept: each copy holds the error.
    ///
    /// ```
    /// let shared = "This shared paragraph of the corpus comes with many words in it.";
    /// let doc = format!("{shared}\nOwn text. {shared}");
    /// let finder = dedupe::FinderBuilder::new().runs(true).build()?;
    /// let mut report = finder.find(&doc);
    /// assert_eq!(report.inner().len(), 1); // the sentence, twice in the document
    /// let mut index = dedupe::CorpusIndex::new(&finder);
    /// index.add(&[shared, doc.as_str()]);
    /// let found = index.resolve().locate(1, &doc)?;
    /// found.trim_runs(&mut report); // its first line repeats document 0
    /// assert!(report.inner().is_empty());
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn trim_runs(&self, report: &mut crate::Report) {
        let cuts = &self.removals;
        let inside = |s: Span| {
            // The last cut starting at or before `s.start`; cuts are ascending and disjoint.
            let i = cuts.partition_point(|c| c.start <= s.start);
            i > 0 && cuts[i - 1].end >= s.end
        };
        let mut trimmed = Vec::new();
        report.inner.retain_mut(|r| {
            if r.kind != crate::InnerKind::Repeat {
                return true;
            }
            let before = r.occurrences.len();
            r.occurrences.retain(|o| !inside(o.span));
            r.copies = r.occurrences.len();
            let keep = r.occurrences.len() >= 2;
            if keep && r.copies < before {
                trimmed.push((r.occurrences[0].span.start, r.occurrences[0].span.end));
            }
            keep
        });
        if trimmed.is_empty() {
            return;
        }
        trimmed.sort_unstable();
        // A trimmed run may now sit, one for one, inside a longer run left with the same
        // occurrences: it is that run's sub-run and goes (the search's rule). Checked
        // against every run while the comparisons stay under a bound (a document whose
        // runs are mostly trimmed is rare: they come from units shared with others).
        let mut budget: usize = 1 << 22;
        let runs = &report.inner;
        let sub: Vec<bool> = runs
            .iter()
            .map(|t| {
                let Some(first) = t.occurrences.first() else {
                    return false;
                };
                if t.kind != crate::InnerKind::Repeat
                    || trimmed
                        .binary_search(&(first.span.start, first.span.end))
                        .is_err()
                {
                    return false;
                }
                runs.iter().any(|s| {
                    budget = budget.saturating_sub(1);
                    budget > 0
                        && s.kind == crate::InnerKind::Repeat
                        && s.tokens > t.tokens
                        && s.occurrences.len() == t.occurrences.len()
                        && s.occurrences
                            .iter()
                            .zip(&t.occurrences)
                            .all(|(a, b)| a.span.contains(b.span))
                })
            })
            .collect();
        let mut i = 0;
        report.inner.retain(|_| {
            i += 1;
            !sub[i - 1]
        });
    }

    /// The document with every unit cut whose first occurrence in the corpus comes
    /// earlier; every other byte kept.
    ///
    /// Fails with [`Error::TextMismatch`] when `text` is not the located text.
    ///
    /// ```
    /// let mut index = dedupe::CorpusIndex::new(&dedupe::Finder::new());
    /// index.add(&["a line that is shared", "mine\na line that is shared\n"]);
    /// let second = index.resolve().locate(1, "mine\na line that is shared\n")?;
    /// assert_eq!(second.repair("mine\na line that is shared\n")?, "mine\n");
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn repair(&self, text: &str) -> Result<String> {
        repair::apply(text, self.bytes, &self.removals)
    }
}
