//! The results: the statistics of a text, and the spans behind them.

use super::{DUPLICATE_NGRAM_SIZES, TOP_NGRAM_SIZES};
use crate::report::Span;

/// The Gopher repetition statistics of one text: the rules of Rae et al. 2021 (table A1),
/// computed exactly as huggingface datatrove 0.10's `GopherRepetitionFilter` computes them.
///
/// # Definitions
///
/// All character counts are counts of Unicode scalar values (Python's `len`), and every
/// character fraction is divided by the character count of the *whole* text.
///
/// * **Paragraphs**: the text with Python `str.strip()` whitespace removed from both ends,
///   split on every run of two or more `'\n'` (a single `'\n'` stays inside a paragraph).
///   The count fraction is divided by the number of paragraphs.
/// * **Lines**: the *unstripped* text split on every run of one or more `'\n'`. A text that
///   starts or ends with `'\n'` therefore has an empty first or last line, and an empty
///   line is a line like any other: `"\nword\n"` has three lines, one of them a duplicate
///   of zero characters. A `'\r'` before `'\n'` stays part of its line.
/// * **Duplicates** of paragraphs or lines: scanning in order, every piece equal to an
///   earlier one is a duplicate; the first occurrence is not. The character fraction adds
///   up the characters of the duplicates.
/// * **Top n-gram** (n = 2, 3, 4): the n-gram (overlapping windows of n words) that occurs
///   most often; among equally frequent ones, the one that occurs first. Its statistic is
///   `count × len(words joined with single spaces)`. Fewer than n words gives 0.
/// * **Duplicated n-grams** (n = 5 … 10): a greedy left-to-right scan over word positions.
///   At each position the n-gram is looked up in the set of n-grams seen so far; if seen,
///   its characters count as duplicated and the scan jumps n words ahead (the skipped
///   n-grams are *not* added to the set); otherwise it is added and the scan moves one word.
///   Here the characters are the words' characters *without* separators.
///
/// N-grams are compared the way datatrove compares them: as the joined string (with `' '`
/// for the top n-grams, with nothing for the duplicated ones), so `["ab", "c"]` and
/// `["a", "bc"]` are the same duplicated 2-gram. This crate numbers the distinct words
/// (confirmed on text) and compares top n-grams by word numbers, which is the same when no
/// word holds a space (with spaces it hashes the joined string instead); for duplicated
/// n-grams it hashes the joined string with a hash that composes over concatenation and
/// confirms every hash match by comparing the text. So results equal datatrove's exactly,
/// hash collisions included.
///
/// All fractions lie in `[0, 1]` except the top n-gram ones, which count overlapping
/// occurrences and so can exceed 1 (`"la la la la"` has the 2-gram `"la la"` 3 times:
/// 15 characters of 11). An empty text has every statistic 0.
///
/// ```
/// let stats = dedupe::repetition_stats("a b c\na b c\n\nthe end");
/// assert_eq!(stats.chars, 20);
/// assert_eq!(stats.duplicate_line_fraction, 1.0 / 3.0);
/// assert_eq!(stats.duplicate_line_char_fraction, 5.0 / 20.0);
/// assert_eq!(stats.duplicate_paragraph_fraction, 0.0);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct RepetitionStats {
    /// Characters (Unicode scalar values) in the text: the denominator of every character
    /// fraction.
    pub chars: usize,
    /// Number of words the n-gram statistics were computed from.
    pub words: usize,
    /// Duplicate paragraphs divided by the number of paragraphs (datatrove's
    /// `dup_para_frac`).
    pub duplicate_paragraph_fraction: f64,
    /// Characters of duplicate paragraphs divided by [`chars`](Self::chars)
    /// (`dup_para_char_frac`).
    pub duplicate_paragraph_char_fraction: f64,
    /// Duplicate lines divided by the number of lines (`dup_line_frac`).
    pub duplicate_line_fraction: f64,
    /// Characters of duplicate lines divided by [`chars`](Self::chars)
    /// (`dup_line_char_frac`).
    pub duplicate_line_char_fraction: f64,
    /// For n = 2, 3, 4 ([`TOP_NGRAM_SIZES`]): count times characters of the most frequent
    /// n-gram, divided by [`chars`](Self::chars) (`top_n_grams`).
    pub top_ngram_char_fraction: [f64; 3],
    /// For n = 5 … 10 ([`DUPLICATE_NGRAM_SIZES`]): characters of duplicated n-grams divided
    /// by [`chars`](Self::chars) (`dup_n_grams`).
    pub duplicate_ngram_char_fraction: [f64; 6],
}

impl RepetitionStats {
    /// The top n-gram character fraction for `n` in 2..=4, or `None` for another `n`.
    ///
    /// ```
    /// let stats = dedupe::repetition_stats("to be or not to be");
    /// // "to be" occurs twice: 2 × 5 characters out of 18.
    /// assert_eq!(stats.top_ngram(2), Some(10.0 / 18.0));
    /// assert_eq!(stats.top_ngram(5), None);
    /// ```
    pub fn top_ngram(&self, n: usize) -> Option<f64> {
        let i = TOP_NGRAM_SIZES.iter().position(|&m| m == n)?;
        Some(self.top_ngram_char_fraction[i])
    }

    /// The duplicated n-gram character fraction for `n` in 5..=10, or `None` for another
    /// `n`.
    ///
    /// ```
    /// let stats = dedupe::repetition_stats("one two three four five one two three four five");
    /// // The second "one two three four five" is duplicated: 19 characters (no spaces) of 47.
    /// assert_eq!(stats.duplicate_ngram(5), Some(19.0 / 47.0));
    /// assert_eq!(stats.duplicate_ngram(6), Some(0.0));
    /// assert_eq!(stats.duplicate_ngram(4), None);
    /// ```
    pub fn duplicate_ngram(&self, n: usize) -> Option<f64> {
        let i = DUPLICATE_NGRAM_SIZES.iter().position(|&m| m == n)?;
        Some(self.duplicate_ngram_char_fraction[i])
    }
}

/// The statistics of a text and the byte spans behind each of them.
///
/// Spans are half-open byte offsets into the text. Lines and paragraphs exclude their
/// `'\n'` separators; an empty line's span is empty.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct RepetitionExplanation {
    /// The statistics.
    pub stats: RepetitionStats,
    /// Every paragraph counted as a duplicate (equal to an earlier one), in text order.
    pub duplicate_paragraphs: Vec<Span>,
    /// Every line counted as a duplicate, in text order.
    pub duplicate_lines: Vec<Span>,
    /// The top n-gram for n = 2, 3, 4 ([`TOP_NGRAM_SIZES`]); `None` with fewer than n words.
    pub top_ngrams: [Option<TopNgram>; 3],
    /// For n = 5 … 10 ([`DUPLICATE_NGRAM_SIZES`]): each n-gram occurrence counted as
    /// duplicated, from its first word's start to its last word's end, in text order.
    pub duplicate_ngrams: [Vec<Span>; 6],
}

impl RepetitionExplanation {
    /// The top n-gram for `n` in 2..=4.
    ///
    /// ```
    /// let why = dedupe::explain_repetition("to be or not to be");
    /// let top = why.top_ngram(2).unwrap();
    /// assert_eq!(top.count, 2);
    /// assert_eq!(top.occurrences, [dedupe::Span { start: 0, end: 5 }, dedupe::Span { start: 13, end: 18 }]);
    /// ```
    pub fn top_ngram(&self, n: usize) -> Option<&TopNgram> {
        let i = TOP_NGRAM_SIZES.iter().position(|&m| m == n)?;
        self.top_ngrams[i].as_ref()
    }

    /// The duplicated n-gram spans for `n` in 5..=10 (empty for another `n`).
    ///
    /// ```
    /// let text = "one two three four five, one two three four five";
    /// let why = dedupe::explain_repetition(text);
    /// let spans = why.duplicate_ngrams(5);
    /// assert_eq!(spans.len(), 1);
    /// assert_eq!(&text[spans[0]], "one two three four five");
    /// assert_eq!(spans[0].start, 25);
    /// ```
    pub fn duplicate_ngrams(&self, n: usize) -> &[Span] {
        match DUPLICATE_NGRAM_SIZES.iter().position(|&m| m == n) {
            Some(i) => &self.duplicate_ngrams[i],
            None => &[],
        }
    }
}

/// The most frequent n-gram of a text and where it occurs.
///
/// ```
/// let why = dedupe::explain_repetition("na na na na");
/// let top = why.top_ngram(2).unwrap();
/// assert_eq!((top.n, top.count, top.chars), (2, 3, 5));
/// assert_eq!(top.occurrences.len(), 3); // overlapping windows
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct TopNgram {
    /// Words in the n-gram.
    pub n: usize,
    /// How often it occurs (overlapping occurrences count).
    pub count: usize,
    /// Characters of its words joined with single spaces.
    pub chars: usize,
    /// Every occurrence, from its first word's start to its last word's end, in text order.
    pub occurrences: Vec<Span>,
}
