//! What a search finds: spans, occurrences, groups, blocks and statistics.

use std::ops::Index;

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
}

impl Index<Span> for str {
    type Output = str;

    fn index(&self, span: Span) -> &str {
        &self[span.start..span.end]
    }
}

/// One place a repeat occurs: a unit, or a run of units for a block.
///
/// Line numbers start at 1 and count `\n`, `\r\n` and a lone `\r` as line ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Occurrence {
    pub(crate) span: Span,
    pub(crate) line: usize,
    pub(crate) end_line: usize,
    pub(crate) unit: usize,
}

impl Occurrence {
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

    /// The index of its first unit among all units of the text (0-based).
    ///
    /// ```
    /// let report = dedupe::find_repeats("a repeated line here\nshort\na repeated line here");
    /// assert_eq!(report.groups()[0].occurrences()[1].unit(), 2);
    /// ```
    pub fn unit(&self) -> usize {
        self.unit
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

/// Units that are equal after normalization, every one of them, in text order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RepeatGroup {
    pub(crate) occurrences: Vec<Occurrence>,
}

impl RepeatGroup {
    /// Every occurrence, in text order; the first is the one a repair keeps.
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
/// Occurrences do not overlap and are in text order. Units too short to count
/// ([`FinderBuilder::min_bytes`](crate::FinderBuilder::min_bytes)) are skipped over: they
/// neither count toward a block nor break one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RepeatBlock {
    pub(crate) units: usize,
    pub(crate) occurrences: Vec<Occurrence>,
}

impl RepeatBlock {
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

    /// Every occurrence, in text order.
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

/// Units that are similar but not equal (near duplicates), found with
/// [`FinderBuilder::near`](crate::FinderBuilder::near).
///
/// Each occurrence stands for its whole group of equal units when it has one (the
/// group's first occurrence); equal units stay in [`Report::groups`].
#[derive(Clone, Debug, PartialEq)]
pub struct NearRepeat {
    pub(crate) occurrences: Vec<Occurrence>,
    pub(crate) pairs: Vec<(usize, usize, f64)>,
}

impl NearRepeat {
    /// The similar units, in text order.
    ///
    /// ```
    /// let a = "one two three four five six seven eight nine ten eleven twelve thirteen";
    /// let b = "one two three four five six seven eight nine ten eleven twelve fourteen";
    /// let report = dedupe::FinderBuilder::new().near(true).build()?.find(&format!("{a}\n{b}"));
    /// assert_eq!(report.near()[0].occurrences().len(), 2);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn occurrences(&self) -> &[Occurrence] {
        &self.occurrences
    }

    /// The verified pairs that connect the group: `(a, b, jaccard)`, `a < b` indexes into
    /// [`occurrences`](NearRepeat::occurrences), `jaccard` the exact similarity of their
    /// shingle sets (never under the threshold). Two members may be less similar than the
    /// threshold when a chain of pairs connects them.
    ///
    /// ```
    /// let a = "one two three four five six seven eight nine ten eleven twelve thirteen";
    /// let b = "one two three four five six seven eight nine ten eleven twelve fourteen";
    /// let report = dedupe::FinderBuilder::new().near(true).build()?.find(&format!("{a}\n{b}"));
    /// let (x, y, j) = report.near()[0].pairs()[0];
    /// assert_eq!((x, y), (0, 1));
    /// assert!((j - 8.0 / 10.0).abs() < 1e-12); // 8 of 10 distinct 5-shingles shared
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn pairs(&self) -> &[(usize, usize, f64)] {
        &self.pairs
    }
}

/// What a search cost, counted in steps rather than time, so that tests can check that
/// the work stays within `O(n log n)` of the `n` units on any input (a million equal
/// lines, periodic text, crafted fingerprint collisions).
///
/// ```
/// let text = "the same line, again and again\n".repeat(1000);
/// let work = dedupe::find_repeats(&text).work();
/// assert_eq!(work.units, 1000);
/// assert!(work.comparisons <= work.units);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Work {
    /// Units the text was cut into.
    pub units: u64,
    /// Normalized units compared by text to verify fingerprint matches (one a member of
    /// a group when there is no collision; `O(m log m)` for a bucket of `m` colliding units).
    pub comparisons: u64,
    /// Suffix-array steps for blocks: `n` a prefix-doubling round, plus LCP extensions.
    pub suffix_steps: u64,
    /// Suffix-array entries read to list block occurrences.
    pub occurrence_steps: u64,
}

/// How much of a text is repeated.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Stats {
    /// Units the text was cut into, short ones included.
    pub units: usize,
    /// Units that repeat an earlier unit (every occurrence but the first of each group).
    pub repeated_units: usize,
    /// Bytes covered by repeats: the later occurrences of every block (from the start of
    /// its first unit to the end of its last) and of every group.
    pub repeated_bytes: usize,
    /// `repeated_bytes` over the text's length (0 for an empty text).
    pub repeated_fraction: f64,
}

/// Everything found in one text. Holds offsets, not text: slice the text with
/// [`Occurrence::span`] or [`Occurrence::text`].
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub(crate) bytes: usize,
    pub(crate) unit: crate::Unit,
    pub(crate) groups: Vec<RepeatGroup>,
    pub(crate) blocks: Vec<RepeatBlock>,
    pub(crate) stats: Stats,
    pub(crate) removals: Vec<Span>,
    pub(crate) inner: Vec<crate::InnerRepeat>,
    pub(crate) near: Vec<NearRepeat>,
    pub(crate) work: Work,
}

impl Report {
    /// Every group of equal units, including those inside blocks, sorted by first occurrence.
    ///
    /// ```
    /// let report = dedupe::find_repeats("one line that repeats\nanother line\none line that repeats");
    /// assert_eq!(report.groups().len(), 1);
    /// ```
    pub fn groups(&self) -> &[RepeatGroup] {
        &self.groups
    }

    /// Every maximal repeated block of two or more units, sorted by first occurrence.
    ///
    /// ```
    /// let text = std::fs::read_to_string("tests/data/doubled-article.txt")?;
    /// let report = dedupe::find_repeats(&text);
    /// let block = &report.blocks()[0];
    /// assert_eq!(block.units(), 11);
    /// assert_eq!(block.occurrences()[1].line(), 13);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn blocks(&self) -> &[RepeatBlock] {
        &self.blocks
    }

    /// Repeats inside units, when the finder looks for them
    /// ([`FinderBuilder::inner`](crate::FinderBuilder::inner)): stutters, and runs of words
    /// that occur again outside the repeated units and blocks already reported. Sorted by
    /// first occurrence.
    ///
    /// ```
    /// let text = std::fs::read_to_string("tests/data/doubled-article.txt")?;
    /// let report = dedupe::FinderBuilder::new().inner(true).build()?.find(&text);
    /// let stutter = &report.inner()[0];
    /// assert_eq!(stutter.occurrences()[0].text(&text), "President Ilham President Ilham");
    /// assert_eq!(stutter.occurrences()[0].line(), 6);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn inner(&self) -> &[crate::InnerRepeat] {
        &self.inner
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

    /// What the search cost, in steps.
    ///
    /// ```
    /// assert_eq!(dedupe::find_repeats("").work().comparisons, 0);
    /// ```
    pub fn work(&self) -> Work {
        self.work
    }

    /// The repetition statistics.
    ///
    /// ```
    /// let report = dedupe::find_repeats("a line that repeats itself\na line that repeats itself");
    /// assert_eq!(report.stats().repeated_units, 1);
    /// assert_eq!(report.stats().repeated_bytes, 26);
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

    /// Whether anything repeats.
    ///
    /// ```
    /// assert!(!dedupe::find_repeats("nothing repeats here").has_repeats());
    /// ```
    pub fn has_repeats(&self) -> bool {
        !self.groups.is_empty()
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
}
