//! What a search finds: spans, occurrences, groups, blocks, near duplicates, statistics,
//! and the cuts a repair makes. One shape within a document and across a corpus.

use std::ops::Index;

use crate::split::{Pos, RawUnit};
use crate::InnerRepeat;

/// A half-open range of byte offsets `start..end` into the text that was searched.
///
/// Offsets start at 0 and always fall on UTF-8 character boundaries. A unit's span
/// excludes its line terminator and any whitespace around it.
///
/// ```
/// use dedupe::Span;
/// let text = "hello world";
/// assert_eq!(&text[Span { start: 6, end: 11 }], "world");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// The number of bytes in the span.
    ///
    /// ```
    /// assert_eq!(dedupe::Span { start: 3, end: 10 }.len(), 7);
    /// ```
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span holds no bytes.
    ///
    /// ```
    /// assert!(dedupe::Span { start: 3, end: 3 }.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// Whether `other` lies wholly inside this span.
    ///
    /// ```
    /// use dedupe::Span;
    /// assert!(Span { start: 0, end: 10 }.contains(Span { start: 2, end: 10 }));
    /// assert!(!Span { start: 0, end: 10 }.contains(Span { start: 2, end: 11 }));
    /// ```
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl Index<Span> for str {
    type Output = str;

    fn index(&self, span: Span) -> &str {
        &self[span.start..span.end]
    }
}

/// One place a repeat occurs: a unit, a run of units for a block, or a run of words for
/// a repeat inside units.
///
/// Byte offsets start at 0; line numbers start at 1 and count `\n`, `\r\n` and a lone
/// `\r` as line ends; unit and document numbers start at 0. Every number is a `usize`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Occurrence {
    pub(crate) doc: usize,
    pub(crate) span: Span,
    pub(crate) line: usize,
    pub(crate) end_line: usize,
    pub(crate) unit: usize,
}

impl Occurrence {
    /// The occurrence of units `first..=last` of a split text, in document 0.
    pub(crate) fn of_units<P: Pos>(units: &[RawUnit<P>], first: usize, last: usize) -> Occurrence {
        let (f, l) = (&units[first], &units[last]);
        Occurrence {
            doc: 0,
            span: Span {
                start: f.span().start,
                end: l.span().end,
            },
            line: f.line(),
            end_line: l.end_line(),
            unit: first,
        }
    }

    /// The occurrence of any `span` of a text (a run of words), in document 0 and unit 0,
    /// its lines read off `lines`: how the stages that do not cut by units make theirs.
    pub(crate) fn of_span(lines: &mut crate::lines::LineIndex, span: Span) -> Occurrence {
        let (line, end_line) = lines.lines_of(span);
        Occurrence {
            doc: 0,
            span,
            line,
            end_line,
            unit: 0,
        }
    }

    /// The same place, in document `doc`: for an occurrence found in one text of a
    /// corpus, by a search that numbers it 0.
    ///
    /// ```
    /// let units = dedupe::Finder::new().units("one line\nanother line");
    /// assert_eq!(units[1].in_doc(4).doc(), 4);
    /// assert_eq!(units[1].in_doc(4).line(), 2);
    /// ```
    pub fn in_doc(self, doc: usize) -> Occurrence {
        Occurrence { doc, ..self }
    }

    /// The bytes it covers: from the start of its first unit to the end of its last,
    /// without line terminators or whitespace at either end.
    ///
    /// ```
    /// let text = "a repeated line here\nother text in between\na repeated line here\n";
    /// let report = dedupe::find_repeats(text);
    /// let later = report.groups()[0].occurrences()[1];
    /// assert_eq!((later.span().start, later.span().end), (43, 63));
    /// ```
    pub fn span(&self) -> Span {
        self.span
    }

    /// The line it starts on (1-based).
    ///
    /// ```
    /// let report = dedupe::find_repeats("a repeated line here\n\na repeated line here");
    /// assert_eq!(report.groups()[0].occurrences()[1].line(), 3);
    /// ```
    pub fn line(&self) -> usize {
        self.line
    }

    /// The line it ends on (1-based, inclusive).
    ///
    /// ```
    /// let report = dedupe::find_repeats("a repeated line here\n\na repeated line here");
    /// assert_eq!(report.groups()[0].occurrences()[1].end_line(), 3);
    /// ```
    pub fn end_line(&self) -> usize {
        self.end_line
    }

    /// The number of its first unit among all units of its text (0-based, short units
    /// counted).
    ///
    /// ```
    /// let report = dedupe::find_repeats("a repeated line here\nshort\na repeated line here");
    /// assert_eq!(report.groups()[0].occurrences()[1].unit(), 2);
    /// ```
    pub fn unit(&self) -> usize {
        self.unit
    }

    /// The document it is in: its number in the corpus given to
    /// [`Finder::find_many`](crate::Finder::find_many) or a [`CorpusIndex`](crate::CorpusIndex),
    /// and 0 for a single text.
    ///
    /// ```
    /// let docs = ["a footer on every single page", "a footer on every single page"];
    /// let report = dedupe::Finder::new().find_many(&docs);
    /// let docs_of: Vec<usize> = report.groups()[0].occurrences().iter().map(|o| o.doc()).collect();
    /// assert_eq!(docs_of, [0, 1]);
    /// ```
    pub fn doc(&self) -> usize {
        self.doc
    }

    /// Its text, sliced from the text the report was made from.
    ///
    /// ```
    /// let text = "a repeated line here\n  a repeated line here  \n";
    /// let report = dedupe::find_repeats(text);
    /// assert_eq!(report.groups()[0].occurrences()[1].text(text), "a repeated line here");
    /// ```
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.span]
    }
}

/// Units that are equal after normalization, every one of them, in order (text order in
/// one document; document, then text order across a corpus).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Group {
    pub(crate) occurrences: Vec<Occurrence>,
}

impl Group {
    /// A group of `occurrences`, as found across a corpus (their order kept): for a
    /// caller that collects the [`Member`](crate::Member)s of each group document by
    /// document, as a streaming corpus search does.
    ///
    /// ```
    /// let text = "a line that repeats itself\na line that repeats itself";
    /// let found = dedupe::find_repeats(text);
    /// let group = dedupe::Group::new(found.groups()[0].occurrences().to_vec());
    /// assert_eq!(&group, &found.groups()[0]);
    /// ```
    pub fn new(occurrences: Vec<Occurrence>) -> Group {
        Group { occurrences }
    }

    /// Every occurrence, in order; the first is the one a repair keeps.
    ///
    /// ```
    /// let report = dedupe::find_repeats("the same line, again\nthe same line, again\nthe same line, again");
    /// assert_eq!(report.groups()[0].occurrences().len(), 3);
    /// ```
    pub fn occurrences(&self) -> &[Occurrence] {
        &self.occurrences
    }
}

/// A maximal run of consecutive units that occurs again, with every place it occurs.
///
/// Occurrences do not overlap and are in order. Units too short to count
/// ([`FinderBuilder::min_chars`](crate::FinderBuilder::min_chars)) are skipped over: they
/// neither count toward a block nor break one.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Block {
    pub(crate) units: usize,
    pub(crate) occurrences: Vec<Occurrence>,
}

impl Block {
    /// A block of `units` units at `occurrences` (their order kept), as found across a
    /// corpus: see [`Group::new`].
    ///
    /// ```
    /// let text = "first paragraph line\nsecond paragraph line\nfirst paragraph line\nsecond paragraph line";
    /// let found = dedupe::find_repeats(text);
    /// let block = dedupe::Block::new(2, found.blocks()[0].occurrences().to_vec());
    /// assert_eq!(&block, &found.blocks()[0]);
    /// ```
    pub fn new(units: usize, occurrences: Vec<Occurrence>) -> Block {
        Block { units, occurrences }
    }

    /// How many units (of those long enough to count) each occurrence holds.
    ///
    /// ```
    /// let text = "first paragraph line\nsecond paragraph line\nfirst paragraph line\nsecond paragraph line";
    /// let report = dedupe::find_repeats(text);
    /// assert_eq!(report.blocks()[0].units(), 2);
    /// ```
    pub fn units(&self) -> usize {
        self.units
    }

    /// Every occurrence, in order; the first is the one a repair keeps.
    ///
    /// ```
    /// let text = "first paragraph line\nsecond paragraph line\nfirst paragraph line\nsecond paragraph line";
    /// let report = dedupe::find_repeats(text);
    /// let occ = report.blocks()[0].occurrences();
    /// assert_eq!((occ[1].line(), occ[1].end_line()), (3, 4));
    /// ```
    pub fn occurrences(&self) -> &[Occurrence] {
        &self.occurrences
    }
}

/// Two near-duplicate units of a [`NearRepeat`] and their verified similarity.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NearPair {
    pub(crate) a: usize,
    pub(crate) b: usize,
    pub(crate) jaccard: f64,
}

impl NearPair {
    /// The first text, as an index into [`NearRepeat::texts`]; `a() < b()`.
    ///
    /// ```
    /// let a = "one two three four five six seven eight nine ten eleven twelve thirteen";
    /// let b = "one two three four five six seven eight nine ten eleven twelve fourteen";
    /// let report = dedupe::FinderBuilder::new().near(true).build()?.find(&format!("{a}\n{b}"));
    /// assert_eq!(report.near()[0].pairs()[0].a(), 0);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn a(&self) -> usize {
        self.a
    }

    /// The second text, as an index into [`NearRepeat::texts`].
    ///
    /// ```
    /// let a = "one two three four five six seven eight nine ten eleven twelve thirteen";
    /// let b = "one two three four five six seven eight nine ten eleven twelve fourteen";
    /// let report = dedupe::FinderBuilder::new().near(true).build()?.find(&format!("{a}\n{b}"));
    /// assert_eq!(report.near()[0].pairs()[0].b(), 1);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn b(&self) -> usize {
        self.b
    }

    /// The exact Jaccard similarity of the two units' shingle sets, never under the
    /// threshold.
    ///
    /// ```
    /// let a = "one two three four five six seven eight nine ten eleven twelve thirteen";
    /// let b = "one two three four five six seven eight nine ten eleven twelve fourteen";
    /// let report = dedupe::FinderBuilder::new().near(true).build()?.find(&format!("{a}\n{b}"));
    /// let j = report.near()[0].pairs()[0].jaccard();
    /// assert!((j - 8.0 / 10.0).abs() < 1e-12); // 8 of 10 distinct 5-shingles shared
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn jaccard(&self) -> f64 {
        self.jaccard
    }
}

/// Units that are similar but not equal (near duplicates), found with
/// [`FinderBuilder::near`](crate::FinderBuilder::near).
///
/// A group holds *texts* (distinct units, similar but not equal) and lists every
/// occurrence of each: the exact copies of a member are in the group too (they are also in
/// [`Report::groups`]). The verified pairs are between texts, not between every two
/// occurrences.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NearRepeat {
    pub(crate) occurrences: Vec<Occurrence>,
    pub(crate) texts: Vec<Vec<usize>>,
    pub(crate) pairs: Vec<NearPair>,
}

impl NearRepeat {
    /// Every occurrence of every text in the group, in text order.
    ///
    /// ```
    /// let a = "one two three four five six seven eight nine ten eleven twelve thirteen";
    /// let b = "one two three four five six seven eight nine ten eleven twelve fourteen";
    /// let report = dedupe::FinderBuilder::new().near(true).build()?.find(&format!("{a}\n{b}\n{a}"));
    /// assert_eq!(report.near()[0].occurrences().len(), 3); // a twice, b once
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn occurrences(&self) -> &[Occurrence] {
        &self.occurrences
    }

    /// The texts of the group, ordered by first occurrence: for each, the indexes into
    /// [`occurrences`](NearRepeat::occurrences) of its copies, ascending.
    ///
    /// ```
    /// let a = "one two three four five six seven eight nine ten eleven twelve thirteen";
    /// let b = "one two three four five six seven eight nine ten eleven twelve fourteen";
    /// let report = dedupe::FinderBuilder::new().near(true).build()?.find(&format!("{a}\n{b}\n{a}"));
    /// assert_eq!(report.near()[0].texts(), &[vec![0, 2], vec![1]]);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn texts(&self) -> &[Vec<usize>] {
        &self.texts
    }

    /// The verified pairs of texts that connect the group (indexes into
    /// [`texts`](NearRepeat::texts)). Two texts may be less similar than the threshold when
    /// a chain of pairs connects them.
    ///
    /// ```
    /// let a = "one two three four five six seven eight nine ten eleven twelve thirteen";
    /// let b = "one two three four five six seven eight nine ten eleven twelve fourteen";
    /// let report = dedupe::FinderBuilder::new().near(true).build()?.find(&format!("{a}\n{b}"));
    /// assert_eq!(report.near()[0].pairs().len(), 1);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn pairs(&self) -> &[NearPair] {
        &self.pairs
    }
}

/// A near group from its texts, each given as the units of its copies, and the verified
/// pairs between texts: the occurrences in text order, each text's copies as indexes into
/// them.
pub(crate) fn near_repeat(
    texts: impl Iterator<Item = Vec<usize>>,
    pairs: &[NearPair],
    occurrence: impl Fn(usize) -> Occurrence,
) -> NearRepeat {
    let mut all: Vec<(usize, usize)> = Vec::new();
    let mut count = 0;
    for (t, units) in texts.enumerate() {
        all.extend(units.into_iter().map(|u| (u, t)));
        count = t + 1;
    }
    all.sort_unstable();
    all.dedup_by_key(|&mut (u, _)| u);
    let mut copies = vec![Vec::new(); count];
    for (k, &(_, t)) in all.iter().enumerate() {
        copies[t].push(k);
    }
    NearRepeat {
        occurrences: all.iter().map(|&(u, _)| occurrence(u)).collect(),
        texts: copies,
        pairs: pairs.to_vec(),
    }
}

/// What a search cost, counted in steps rather than time, so that tests can check that
/// the work stays within `O(n log n)` of the `n` units on any input. Unstable, behind the
/// `internals` feature.
#[cfg(feature = "internals")]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Work {
    /// Units the text was cut into.
    pub units: u64,
    /// Normalized units compared by text to verify fingerprint matches.
    pub comparisons: u64,
    /// Suffix-array steps for blocks: `n` a prefix-doubling round, plus LCP extensions.
    pub suffix_steps: u64,
    /// Suffix-array entries read to list block occurrences.
    pub occurrence_steps: u64,
}

/// How much of a text is repeated.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Stats {
    pub(crate) units: usize,
    pub(crate) repeated_units: usize,
    pub(crate) repeated_bytes: usize,
    pub(crate) repeated_fraction: f64,
}

impl Stats {
    /// Units the text was cut into, short ones included.
    ///
    /// ```
    /// assert_eq!(dedupe::find_repeats("one\ntwo").stats().units(), 2);
    /// ```
    pub fn units(&self) -> usize {
        self.units
    }

    /// Units that repeat an earlier unit (every occurrence but the first of each group).
    ///
    /// ```
    /// let report = dedupe::find_repeats("a line that repeats itself\na line that repeats itself");
    /// assert_eq!(report.stats().repeated_units(), 1);
    /// ```
    pub fn repeated_units(&self) -> usize {
        self.repeated_units
    }

    /// Bytes covered by repeats: the later occurrences of every block (from the start of
    /// its first unit to the end of its last) and of every group, each byte counted once.
    ///
    /// ```
    /// let report = dedupe::find_repeats("a line that repeats itself\na line that repeats itself");
    /// assert_eq!(report.stats().repeated_bytes(), 26);
    /// ```
    pub fn repeated_bytes(&self) -> usize {
        self.repeated_bytes
    }

    /// [`repeated_bytes`](Stats::repeated_bytes) over the text's length (0 for an empty
    /// text).
    ///
    /// ```
    /// assert_eq!(dedupe::find_repeats("").stats().repeated_fraction(), 0.0);
    /// ```
    pub fn repeated_fraction(&self) -> f64 {
        self.repeated_fraction
    }
}

/// Everything found in one text. Holds offsets, not text: slice the text with
/// [`Occurrence::span`] or [`Occurrence::text`].
///
/// `Display` writes the human report, one finding per line; [`Report::show`] adds the
/// text of each finding.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Report {
    pub(crate) bytes: usize,
    pub(crate) unit: crate::Unit,
    pub(crate) groups: Vec<Group>,
    pub(crate) blocks: Vec<Block>,
    pub(crate) inner: Vec<InnerRepeat>,
    pub(crate) near: Vec<NearRepeat>,
    pub(crate) stats: Stats,
    pub(crate) removals: Vec<Span>,
    #[cfg(feature = "internals")]
    #[cfg_attr(feature = "serde", serde(skip))]
    pub(crate) work: Work,
}

impl Report {
    /// Every group of equal units, including those inside blocks, sorted by first occurrence.
    ///
    /// ```
    /// let report = dedupe::find_repeats("one line that repeats\nanother line\none line that repeats");
    /// assert_eq!(report.groups().len(), 1);
    /// ```
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// Every maximal repeated block of two or more units, sorted by first occurrence.
    ///
    /// ```
    /// let text = include_str!("../tests/data/doubled-article.txt");
    /// let report = dedupe::find_repeats(text);
    /// let block = &report.blocks()[0];
    /// assert_eq!(block.units(), 11);
    /// assert_eq!(block.occurrences()[1].line(), 13);
    /// ```
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// Repeats inside units, when the finder looks for them
    /// ([`FinderBuilder::inner`](crate::FinderBuilder::inner)): stutters, and runs of words
    /// that occur again outside the repeated units and blocks already reported. Sorted by
    /// first occurrence.
    ///
    /// ```
    /// let text = include_str!("../tests/data/doubled-article.txt");
    /// let report = dedupe::FinderBuilder::new().inner(true).build()?.find(text);
    /// let stutter = &report.inner()[0];
    /// assert_eq!(stutter.occurrences()[0].text(text), "President Ilham President Ilham");
    /// assert_eq!(stutter.occurrences()[0].line(), 6);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn inner(&self) -> &[InnerRepeat] {
        &self.inner
    }

    /// Keeps only the repeats inside units for which `keep` is true (in order). For
    /// instance, the repeated runs of a document that is an exact duplicate of an earlier
    /// one are no finding of its own: [`Finder::find_many`](crate::Finder::find_many) drops
    /// them, as the CLI does, with the documents of
    /// [`CorpusRepeats::later_duplicates`](crate::CorpusRepeats::later_duplicates).
    ///
    /// ```
    /// use dedupe::InnerKind;
    /// let text = "He met the the president.";
    /// let mut report = dedupe::FinderBuilder::new().inner(true).build()?.find(text);
    /// assert_eq!(report.inner().len(), 1);
    /// report.retain_inner(|r| r.kind() != InnerKind::Stutter);
    /// assert!(report.inner().is_empty());
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn retain_inner(&mut self, keep: impl FnMut(&InnerRepeat) -> bool) {
        self.inner.retain(keep);
    }

    /// Near-duplicate units, when the finder looks for them
    /// ([`FinderBuilder::near`](crate::FinderBuilder::near)), sorted by first occurrence.
    ///
    /// ```
    /// let report = dedupe::find_repeats("anything");
    /// assert!(report.near().is_empty()); // off by default
    /// ```
    pub fn near(&self) -> &[NearRepeat] {
        &self.near
    }

    /// The units a near-duplicate search of this text looks at, of `counting` (the numbers
    /// of the units long enough to count, ascending): every one but the later copies in a
    /// group of equal units, since a near group holds units that are similar, not equal,
    /// and lists each text's copies with it. What [`set_near`](Report::set_near) takes.
    ///
    /// ```
    /// let text = "one two three four five six seven\nshort\none two three four five six seven";
    /// let finder = dedupe::Finder::new();
    /// let report = finder.find(text);
    /// let units = finder.units(text);
    /// let counting = units.iter().filter(|o| finder.counts(o.text(text))).map(|o| o.unit());
    /// assert_eq!(report.near_units(counting), [0]);
    /// ```
    pub fn near_units(&self, counting: impl IntoIterator<Item = usize>) -> Vec<usize> {
        let mut later: Vec<usize> = self
            .groups
            .iter()
            .flat_map(|g| g.occurrences[1..].iter().map(|o| o.unit))
            .collect();
        later.sort_unstable();
        counting
            .into_iter()
            .filter(|u| later.binary_search(u).is_err())
            .collect()
    }

    /// Sets the near duplicates of this report (made without them) from near groups found
    /// elsewhere: `groups` are the groups among the texts of the units `near` (members are
    /// positions in it), as [`near_units`](Report::near_units) chooses them, and `units`
    /// every unit of the text ([`Finder::units`](crate::Finder::units)). The result is the
    /// report a finder with [`FinderBuilder::near`](crate::FinderBuilder::near) makes, when
    /// `groups` are [`NearFinder::groups`](crate::near::NearFinder::groups) of those texts;
    /// the CLI makes them from the keys of its corpus-wide search of units
    /// ([`NearVerify::groups_among`](crate::near::NearVerify::groups_among)), each unit
    /// sketched once.
    ///
    /// ```
    /// use dedupe::near::NearFinder;
    /// let a = "the committee met on tuesday to discuss the budget for the coming year and agreed";
    /// let b = "the committee met on tuesday to discuss the budget for the coming year and argued";
    /// let text = format!("{a}\n{b}\n{a}");
    /// let finder = dedupe::Finder::new();
    /// let units = finder.units(&text);
    /// let mut report = finder.find(&text);
    /// let near = report.near_units(0..units.len());
    /// let texts: Vec<&str> = near.iter().map(|&u| units[u].text(&text)).collect();
    /// let groups = NearFinder::new(&Default::default())?.groups(&texts);
    /// report.set_near(&units, &near, &groups);
    /// assert_eq!(report, dedupe::FinderBuilder::new().near(true).build()?.find(&text));
    /// assert_eq!(report.near()[0].texts(), &[vec![0, 2], vec![1]]);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn set_near(&mut self, units: &[Occurrence], near: &[usize], groups: &[crate::near::NearGroup]) {
        let mut first_of: Vec<(usize, usize)> = self
            .groups
            .iter()
            .enumerate()
            .map(|(k, g)| (g.occurrences[0].unit, k))
            .collect();
        first_of.sort_unstable();
        let copies = |u: usize| match first_of.binary_search_by_key(&u, |&(f, _)| f) {
            Ok(at) => self.groups[first_of[at].1]
                .occurrences
                .iter()
                .map(|o| o.unit)
                .collect(),
            Err(_) => vec![u],
        };
        self.near = groups
            .iter()
            .map(|g| {
                near_repeat(g.members().iter().map(|&m| copies(near[m])), g.pairs(), |u| {
                    units[u]
                })
            })
            .collect();
    }

    /// What the search cost, in steps (unstable, behind the `internals` feature).
    #[cfg(feature = "internals")]
    pub fn work(&self) -> Work {
        self.work
    }

    /// How much of the text repeats.
    ///
    /// ```
    /// let report = dedupe::find_repeats("a line that repeats itself\na line that repeats itself");
    /// assert_eq!(report.stats().repeated_units(), 1);
    /// assert_eq!(report.stats().repeated_bytes(), 26);
    /// ```
    pub fn stats(&self) -> Stats {
        self.stats
    }

    /// The number of units the text was cut into, short ones included.
    ///
    /// ```
    /// assert_eq!(dedupe::find_repeats("a\n\nb\n\nc").units(), 3);
    /// ```
    pub fn units(&self) -> usize {
        self.stats.units
    }

    /// The length in bytes of the text the report was made from.
    ///
    /// ```
    /// assert_eq!(dedupe::find_repeats("abc").bytes(), 3);
    /// ```
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// The unit the text was cut into ([`Unit::Auto`](crate::Unit::Auto) resolved).
    ///
    /// ```
    /// assert_eq!(dedupe::find_repeats("one\ntwo").unit(), dedupe::Unit::Line);
    /// ```
    pub fn unit(&self) -> crate::Unit {
        self.unit
    }

    /// Whether anything was found: a group, a block, a repeat inside a unit, or a near
    /// duplicate.
    ///
    /// ```
    /// assert!(!dedupe::find_repeats("nothing repeats here").has_repeats());
    /// let stutter = dedupe::FinderBuilder::new().inner(true).build()?.find("He met the the president.");
    /// assert!(stutter.has_repeats());
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn has_repeats(&self) -> bool {
        !(self.groups.is_empty() && self.blocks.is_empty() && self.inner.is_empty() && self.near.is_empty())
    }

    /// The byte ranges [`repair`](Report::repair) cuts, ascending and disjoint: every
    /// later occurrence of a repeated unit together with the separator after it (or, at
    /// the end of the text, the separator before it).
    ///
    /// The input is exactly the repaired text with these ranges put back.
    ///
    /// ```
    /// let text = "a line that repeats itself\nsomething else entirely\na line that repeats itself\n";
    /// let report = dedupe::find_repeats(text);
    /// let cut = report.removals()[0];
    /// assert_eq!(&text[cut.start..cut.end], "\na line that repeats itself");
    /// ```
    pub fn removals(&self) -> &[Span] {
        &self.removals
    }

    /// The text with repeats removed: the first occurrence of every repeated unit and
    /// block is kept, later ones are cut with their separator, and every other byte is
    /// kept as it was.
    ///
    /// Fails with [`Error::TextMismatch`](crate::Error::TextMismatch) when `text` is not
    /// the length of the text the report was made from.
    ///
    /// ```
    /// let text = "keep me, I am the first\nunique line here\nkeep me, I am the first\nlast line of text\n";
    /// let report = dedupe::find_repeats(text);
    /// assert_eq!(report.repair(text)?, "keep me, I am the first\nunique line here\nlast line of text\n");
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn repair(&self, text: &str) -> crate::Result<String> {
        crate::repair::apply(text, self.bytes, &self.removals)
    }

    /// Every reported occurrence with its text: those of groups, then blocks, repeats
    /// inside units and near duplicates, each in report order.
    ///
    /// ```
    /// use dedupe::Found;
    /// let text = "a line that repeats itself\nother\na line that repeats itself";
    /// let report = dedupe::find_repeats(text);
    /// let found: Vec<(usize, &str, bool)> =
    ///     report.found(text).map(|f| (f.occurrence().line(), f.text(), f.is_first())).collect();
    /// assert_eq!(found, [(1, "a line that repeats itself", true), (3, "a line that repeats itself", false)]);
    /// ```
    pub fn found<'r, 't>(&'r self, text: &'t str) -> impl Iterator<Item = Found<'r, 't>> + 'r
    where
        't: 'r,
    {
        fn each<'r, 't>(
            kind: Kind,
            lists: impl Iterator<Item = &'r [Occurrence]> + 'r,
            text: &'t str,
        ) -> impl Iterator<Item = Found<'r, 't>> + 'r
        where
            't: 'r,
        {
            lists.enumerate().flat_map(move |(index, occurrences)| {
                occurrences.iter().enumerate().map(move |(k, occurrence)| Found {
                    kind,
                    index,
                    first: k == 0,
                    occurrence,
                    text: &text[occurrence.span],
                })
            })
        }
        let groups = each(Kind::Group, self.groups.iter().map(|g| g.occurrences()), text);
        let blocks = each(Kind::Block, self.blocks.iter().map(|b| b.occurrences()), text);
        let inner = self.inner.iter().enumerate().flat_map(move |(index, r)| {
            r.occurrences()
                .iter()
                .enumerate()
                .map(move |(k, occurrence)| Found {
                    kind: Kind::Inner(r.kind()),
                    index,
                    first: k == 0,
                    occurrence,
                    text: &text[occurrence.span],
                })
        });
        let near = each(Kind::Near, self.near.iter().map(|n| n.occurrences()), text);
        groups.chain(blocks).chain(inner).chain(near)
    }

    /// The human report with the text of each finding (see [`Report`]'s `Display`).
    ///
    /// ```
    /// let text = "a line that repeats itself\nother\na line that repeats itself";
    /// let shown = dedupe::find_repeats(text).show(text).to_string();
    /// assert!(shown.contains("line 3: repeats line 1 (bytes 33..59): \"a line that repeats itself\""));
    /// ```
    pub fn show<'r, 't>(&'r self, text: &'t str) -> Shown<'r, 't> {
        Shown {
            report: self,
            text: Some(text),
            name: None,
            notes: &[],
        }
    }

    /// The same report, its occurrences moved to document `doc` (see
    /// [`Occurrence::doc`]): for a report made by [`Finder::find`](crate::Finder::find) on
    /// one document of a corpus, before it is put with the others.
    ///
    /// ```
    /// let report = dedupe::find_repeats("a line that repeats itself\na line that repeats itself");
    /// assert_eq!(report.in_doc(7).groups()[0].occurrences()[1].doc(), 7);
    /// ```
    pub fn in_doc(mut self, doc: usize) -> Report {
        let occurrences = self
            .groups
            .iter_mut()
            .flat_map(|g| g.occurrences.iter_mut())
            .chain(self.blocks.iter_mut().flat_map(|b| b.occurrences.iter_mut()))
            .chain(self.inner.iter_mut().flat_map(|r| r.occurrences.iter_mut()))
            .chain(self.near.iter_mut().flat_map(|n| n.occurrences.iter_mut()));
        for o in occurrences {
            o.doc = doc;
        }
        self
    }
}

/// What kind of finding a [`Found`] occurrence belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// A [`Group`] of equal units.
    Group,
    /// A repeated [`Block`].
    Block,
    /// A repeat inside units ([`InnerRepeat`]) of this kind.
    Inner(crate::InnerKind),
    /// A [`NearRepeat`].
    Near,
}

/// One reported occurrence and its text; see [`Report::found`].
#[derive(Clone, Copy, Debug)]
pub struct Found<'r, 't> {
    kind: Kind,
    index: usize,
    first: bool,
    occurrence: &'r Occurrence,
    text: &'t str,
}

impl<'r, 't> Found<'r, 't> {
    /// What kind of finding it belongs to.
    ///
    /// ```
    /// let text = "a line that repeats itself\na line that repeats itself";
    /// let report = dedupe::find_repeats(text);
    /// assert!(report.found(text).all(|f| f.kind() == dedupe::Kind::Group));
    /// ```
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The finding's index in its list ([`Report::groups`], [`Report::blocks`],
    /// [`Report::inner`] or [`Report::near`]).
    ///
    /// ```
    /// let text = "a line that repeats itself\na line that repeats itself";
    /// let report = dedupe::find_repeats(text);
    /// assert!(report.found(text).all(|f| f.index() == 0));
    /// ```
    pub fn index(&self) -> usize {
        self.index
    }

    /// Whether it is the finding's first occurrence (the one a repair keeps).
    ///
    /// ```
    /// let text = "a line that repeats itself\na line that repeats itself";
    /// let report = dedupe::find_repeats(text);
    /// assert_eq!(report.found(text).filter(|f| f.is_first()).count(), 1);
    /// ```
    pub fn is_first(&self) -> bool {
        self.first
    }

    /// The occurrence.
    ///
    /// ```
    /// let text = "a line that repeats itself\na line that repeats itself";
    /// let report = dedupe::find_repeats(text);
    /// assert_eq!(report.found(text).last().unwrap().occurrence().line(), 2);
    /// ```
    pub fn occurrence(&self) -> &'r Occurrence {
        self.occurrence
    }

    /// Its text.
    ///
    /// ```
    /// let text = "a line that repeats itself\na line that repeats itself";
    /// let report = dedupe::find_repeats(text);
    /// assert!(report.found(text).all(|f| f.text() == "a line that repeats itself"));
    /// ```
    pub fn text(&self) -> &'t str {
        self.text
    }
}

/// The human report of [`Report::show`]: `Display` with the text of each finding,
/// optionally under a name ([`named`](Shown::named)) and with findings of the caller's
/// own ([`notes`](Shown::notes)).
#[derive(Clone, Copy, Debug)]
pub struct Shown<'r, 't> {
    pub(crate) report: &'r Report,
    pub(crate) text: Option<&'t str>,
    pub(crate) name: Option<&'t str>,
    pub(crate) notes: &'r [crate::Note],
}

impl<'r, 't> Shown<'r, 't> {
    /// Each line under `name`, as a compiler or grep writes its messages: `NAME:LINE: …`,
    /// with a column (in bytes, from 1) where several findings start on one line, and
    /// the summary as `NAME: …`. A finding's lines and bytes follow its message.
    ///
    /// ```
    /// let text = "first line that repeats\nsecond line that repeats\nfirst line that repeats\nsecond line that repeats\n";
    /// let shown = dedupe::find_repeats(text).show(text).named("a.txt").to_string();
    /// assert!(shown.starts_with("a.txt:3: repeats lines 1-2, a block of 2 lines (lines 3-4, bytes 49..97): \"first line"));
    /// assert!(shown.lines().all(|l| l.starts_with("a.txt:")));
    /// ```
    pub fn named(mut self, name: &'t str) -> Self {
        self.name = Some(name);
        self
    }

    /// Puts `notes` among the findings, each where its occurrence starts, and counts
    /// them in the summary as findings across documents.
    ///
    /// ```
    /// let text = "a line that repeats itself\nother\na line that repeats itself";
    /// let report = dedupe::find_repeats(text);
    /// let notes = [dedupe::Note::new(report.groups()[0].occurrences()[0], "repeats line 4 of a.txt")];
    /// let shown = report.show(text).named("b.txt").notes(&notes).to_string();
    /// assert_eq!(shown.lines().next(), Some("b.txt:1: repeats line 4 of a.txt (bytes 0..26): \"a line that repeats itself\""));
    /// assert!(shown.lines().last().unwrap().contains("1 group, 1 finding across documents;"));
    /// ```
    pub fn notes(mut self, notes: &'r [crate::Note]) -> Self {
        self.notes = notes;
        self
    }
}

impl std::fmt::Display for Report {
    /// One finding per line, ordered by where the later copy starts, then a summary line:
    ///
    /// ```
    /// let text = include_str!("../tests/data/doubled-article.txt");
    /// let report = dedupe::find_repeats(text).to_string();
    /// assert!(report.starts_with("lines 13-23: repeat lines 2-12, a block of 11 lines (bytes 3162..6197)\n"));
    /// ```
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Shown {
            report: self,
            text: None,
            name: None,
            notes: &[],
        }
        .fmt(f)
    }
}

impl std::fmt::Display for Shown<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        crate::display::write(f, self)
    }
}
