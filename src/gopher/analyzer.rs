//! The pass over one text: lines and paragraphs, then the words' n-grams, in buffers
//! reused from one text to the next.

use xxhash_rust::xxh3::xxh3_64;

use super::pieces::{char_count, duplicates, split_lines, split_paragraphs};
use super::table::Table;
use super::{RepetitionExplanation, RepetitionStats, DUPLICATE_NGRAM_SIZES, TOP_NGRAM_SIZES};
use crate::report::Span;

/// Reusable buffers for computing [`RepetitionStats`] over many texts without allocating
/// per text.
///
/// ```
/// let mut analyzer = dedupe::RepetitionAnalyzer::new();
/// for text in ["a\na", "b b b b"] {
///    let stats = analyzer.stats(text);
///    assert_eq!(stats, dedupe::repetition_stats(text));
/// }
/// ```
#[derive(Debug, Default)]
pub struct RepetitionAnalyzer {
    /// Per word: its id. Words equal as text share an id; ids count up from 0 in order of
    /// first occurrence.
    pub(super) ids: Vec<u32>,
    /// Per id: the word's first occurrence and numbers.
    pub(super) vocab: Vec<VocabWord>,
    /// Whether a word of the current text holds a space (see `compute`).
    pub(super) space_in_words: bool,
    /// Whether every word is ASCII, so a window's chars are its bytes (see `chars_of`).
    pub(super) ascii_words: bool,
    /// Concatenation hash prefixes: `concat[i]` = G(words[..i]) (see `concat_key`).
    pub(super) concat: Vec<u64>,
    /// The same with a space after every word (only when words hold spaces).
    pub(super) spaced: Vec<u64>,
    pub(super) spaced_inv: Vec<u64>,
    /// Byte offsets of words in the text (only for explanations).
    pub(super) word_starts: Vec<usize>,
    /// Line and paragraph spans, and the hash of each line.
    pub(super) lines: Vec<Span>,
    pub(super) paragraphs: Vec<Span>,
    pub(super) line_keys: Vec<u64>,
    /// Per n-gram id of the current and the previous top n-gram pass: occurrences (id 0:
    /// 0, see `top_ngram`).
    pub(super) counts: Vec<u32>,
    pub(super) prev_counts: Vec<u32>,
    /// Per window of the current and the previous top n-gram pass: the n-gram's id.
    pub(super) grams: Vec<u32>,
    pub(super) prev_grams: Vec<u32>,
    /// Per window (spaced fallback): the index of the first equal window.
    pub(super) reps: Vec<u32>,
    /// Per word start: whether the window there may equal another (its 16-byte shingle
    /// repeats).
    pub(super) repeated: Vec<bool>,
    /// All words concatenated, and each word's offset in it (plus the total).
    pub(super) joined: Vec<u8>,
    pub(super) joined_offsets: Vec<usize>,
    /// Word starts where a duplicated n-gram scan must look (see `mark_repeated_shingles`).
    pub(super) candidates: Vec<u32>,
    pub(super) table: Table,
}

/// A distinct word of a text.
#[derive(Clone, Copy, Debug)]
pub(super) struct VocabWord {
    /// Index of its first occurrence in the word list.
    pub(super) first: u32,
    /// Bytes.
    pub(super) len: u32,
    /// G(word) and B^len (see [`poly_hash`]).
    pub(super) hash: u64,
    pub(super) pow: u64,
    /// The first 16 bytes, zero-padded.
    pub(super) head: [u8; 16],
}

impl RepetitionAnalyzer {
    /// A new analyzer with empty buffers.
    ///
    /// ```
    /// let mut analyzer = dedupe::RepetitionAnalyzer::new();
    /// assert_eq!(analyzer.stats("").chars, 0);
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Like [`repetition_stats`](crate::repetition_stats), reusing this analyzer's buffers.
    ///
    /// ```
    /// let mut analyzer = dedupe::RepetitionAnalyzer::new();
    /// assert_eq!(analyzer.stats("x\nx").duplicate_line_fraction, 0.5);
    /// ```
    pub fn stats(&mut self, text: &str) -> RepetitionStats {
        // The words go straight into the analyzer's arrays, never into a list of their own.
        // A word has a byte of its own, so there are at most `text.len()` of them.
        self.compute(text, crate::words::words(text).map(|(_, w)| w), text.len(), None)
    }

    /// Like [`repetition_stats_with_words`](crate::repetition_stats_with_words), reusing this analyzer's buffers.
    ///
    /// ```
    /// let mut analyzer = dedupe::RepetitionAnalyzer::new();
    /// let stats = analyzer.stats_with_words("a-b a-b", &["a", "-", "b", "a", "-", "b"]);
    /// assert_eq!(stats.top_ngram(2), Some(2.0 * 3.0 / 7.0));
    /// ```
    pub fn stats_with_words(&mut self, text: &str, words: &[&str]) -> RepetitionStats {
        self.compute(text, words.iter().copied(), words.len(), None)
    }

    /// Like [`explain_repetition`](crate::explain_repetition), reusing this analyzer's buffers.
    ///
    /// ```
    /// let mut analyzer = dedupe::RepetitionAnalyzer::new();
    /// let why = analyzer.explain("p\n\np");
    /// assert_eq!(why.duplicate_paragraphs, [dedupe::Span { start: 3, end: 4 }]);
    /// ```
    pub fn explain(&mut self, text: &str) -> RepetitionExplanation {
        let mut starts = std::mem::take(&mut self.word_starts);
        starts.clear();
        // One pass of the word splitter: the starts are kept for the spans, the words for
        // the analyzer's arrays.
        let mut words = Vec::new();
        for (start, w) in crate::words::words(text) {
            starts.push(start);
            words.push(w);
        }
        let mut why = RepetitionExplanation::default();
        let stats = self.compute(
            text,
            words.iter().copied(),
            words.len(),
            Some((&starts, &mut why)),
        );
        why.stats = stats;
        self.word_starts = starts;
        why
    }

    /// The statistics of `text` with its `words` (at most `most` of them), read once.
    fn compute<'a>(
        &mut self,
        text: &str,
        words: impl Iterator<Item = &'a str>,
        most: usize,
        mut explain: Option<(&[usize], &mut RepetitionExplanation)>,
    ) -> RepetitionStats {
        let mut stats = RepetitionStats::default();
        if text.is_empty() {
            // No statistics, but the words (there are some only in a list given with an
            // empty text) are counted.
            stats.words = words.count();
            return stats;
        }
        let ascii = text.is_ascii();
        stats.chars = if ascii { text.len() } else { char_count(text) };
        let total = stats.chars as f64;

        // Lines, then paragraphs: a paragraph that is also a line (same bounds) reuses the
        // line's hash.
        split_lines(text, &mut self.lines);
        self.line_keys.clear();
        let (lines, line_keys) = (&self.lines, &mut self.line_keys);
        let out = explain.as_mut().map(|e| &mut e.1.duplicate_lines);
        let dups = duplicates(&mut self.table, text, ascii, lines, out, |span| {
            let key = xxh3_64(text[span].as_bytes());
            line_keys.push(key);
            key
        });
        stats.duplicate_line_fraction = dups.0 as f64 / lines.len() as f64;
        stats.duplicate_line_char_fraction = dups.1 as f64 / total;

        split_paragraphs(text, &mut self.paragraphs);
        let (paragraphs, line_keys) = (&self.paragraphs, &self.line_keys);
        let mut j = 0;
        let out = explain.as_mut().map(|e| &mut e.1.duplicate_paragraphs);
        let dups = duplicates(&mut self.table, text, ascii, paragraphs, out, |span| {
            while j < lines.len() && lines[j].start < span.start {
                j += 1;
            }
            match lines.get(j) {
                Some(&line) if line == span => line_keys[j],
                _ => xxh3_64(text[span].as_bytes()),
            }
        });
        stats.duplicate_paragraph_fraction = dups.0 as f64 / paragraphs.len() as f64;
        stats.duplicate_paragraph_char_fraction = dups.1 as f64 / total;

        // N-grams.
        self.index_words(words, most);
        stats.words = self.ids.len();
        for (i, &n) in TOP_NGRAM_SIZES.iter().enumerate() {
            // Without spaces inside words, equal space-joined n-grams are equal word
            // tuples, so n-grams compare by word ids.
            let top = if self.space_in_words {
                self.top_ngram_spaced(n)
            } else {
                self.top_ngram(n)
            };
            if let Some((first, count)) = top {
                let chars = self.chars_of(first, n) + n - 1;
                stats.top_ngram_char_fraction[i] = (chars * count) as f64 / total;
                if let Some((starts, why)) = explain.as_mut() {
                    why.top_ngrams[i] = Some(self.top_occurrences(starts, n, first, count, chars));
                }
            }
        }
        self.mark_repeated_shingles();
        for (i, &n) in DUPLICATE_NGRAM_SIZES.iter().enumerate() {
            let spans = explain
                .as_mut()
                .map(|(starts, why)| (*starts, &mut why.duplicate_ngrams[i]));
            let chars = self.duplicated_ngrams(n, spans);
            stats.duplicate_ngram_char_fraction[i] = chars as f64 / total;
        }
        stats
    }
}

/// Sets the length of `v` to `n`, filling new elements with the default; the old ones keep
/// their values.
#[inline]
pub(super) fn set_len<T: Copy + Default>(v: &mut Vec<T>, n: usize) {
    v.truncate(n);
    v.resize(n, T::default());
}

impl RepetitionAnalyzer {
    /// The span from the start of word `i` to the end of word `i + n - 1`, with the words'
    /// byte offsets in the text.
    #[inline]
    pub(super) fn word_span(&self, starts: &[usize], i: usize, n: usize) -> Span {
        let last = i + n - 1;
        Span {
            start: starts[i],
            end: starts[last] + self.word(last).len(),
        }
    }
}
