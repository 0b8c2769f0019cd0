//! Repetition statistics: Gopher's rules as datatrove 0.10 computes them.

use crate::report::Span;
use xxhash_rust::xxh3::xxh3_64;

/// The n of each top n-gram statistic, in the order of
/// [`RepetitionStats::top_ngram_char_fraction`].
pub const TOP_NGRAM_SIZES: [usize; 3] = [2, 3, 4];

/// The n of each duplicated n-gram statistic, in the order of
/// [`RepetitionStats::duplicate_ngram_char_fraction`].
pub const DUPLICATE_NGRAM_SIZES: [usize; 6] = [5, 6, 7, 8, 9, 10];

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

/// Computes the repetition statistics of `text`, with words by UAX #29.
///
/// # Words and datatrove's words
///
/// This function splits words by Unicode word boundaries (UAX #29), keeping the
/// segments that contain a letter or digit. datatrove's English tokenizer is spaCy's blank
/// `en` tokenizer with whitespace tokens dropped. They differ, so n-gram statistics differ:
///
/// * punctuation: spaCy makes `","`, `"!"`, `"--"`, `"."` tokens; UAX #29 drops them;
/// * contractions: spaCy splits `"can't"` into `"ca"`, `"n't"` and `"don't"` into `"do"`,
///   `"n't"`; UAX #29 keeps one word;
/// * hyphens: spaCy gives `"e"`, `"-"`, `"mail"`; UAX #29 gives `"e"`, `"mail"`;
/// * abbreviations: spaCy keeps `"U.S.A."`; UAX #29 gives `"U.S.A"` (the final period is
///   not part of the word);
/// * URLs and e-mail addresses are one spaCy token; UAX #29 splits them at `/`, `?`, `@`…;
/// * Chinese and Japanese: spaCy's blank tokenizer keeps a whole run without spaces as one
///   token; UAX #29 splits ideographs one by one;
/// * emoji and symbols are spaCy tokens; UAX #29 drops them.
///
/// Line and paragraph statistics do not depend on words. To get datatrove's n-gram
/// statistics too, pass its word list to [`repetition_stats_with_words`].
///
/// # Example
///
/// ```
/// let text = "Buy now!\nBuy now!\nBuy now!\nReal content here.";
/// let stats = dedupe::repetition_stats(text);
/// assert_eq!(stats.duplicate_line_fraction, 2.0 / 4.0);
/// assert!(dedupe::GopherThresholds::default().check(&stats).is_some());
/// ```
pub fn repetition_stats(text: &str) -> RepetitionStats {
    thread_local! {
        // Buffers reused across calls on this thread: no allocation per text.
        static ANALYZER: std::cell::RefCell<RepetitionAnalyzer> = Default::default();
    }
    ANALYZER.with(|a| match a.try_borrow_mut() {
        Ok(mut a) => a.stats(text),
        Err(_) => RepetitionAnalyzer::new().stats(text),
    })
}

/// Computes the repetition statistics of `text` with n-grams over the given `words`, for
/// example the word list datatrove's tokenizer produced for `text`. Line and paragraph
/// statistics come from `text` alone.
///
/// ```
/// // spaCy's words for "I can't, I can't!"
/// let words = ["I", "ca", "n't", ",", "I", "ca", "n't", "!"];
/// let stats = dedupe::repetition_stats_with_words("I can't, I can't!", &words);
/// // "I ca" × 2 = 8 characters of 17.
/// assert_eq!(stats.top_ngram(2), Some(8.0 / 17.0));
/// ```
pub fn repetition_stats_with_words(text: &str, words: &[&str]) -> RepetitionStats {
    RepetitionAnalyzer::new().stats_with_words(text, words)
}

/// Computes the repetition statistics of `text` (words by UAX #29) together with the spans
/// that produced them.
///
/// ```
/// let text = "intro\nsame line\nsame line\n";
/// let why = dedupe::explain_repetition(text);
/// let lines: Vec<&str> = why.duplicate_lines.iter().map(|&s| &text[s]).collect();
/// // The second "same line", and the empty line after the final '\n' is no duplicate.
/// assert_eq!(lines, ["same line"]);
/// let top = why.top_ngram(2).unwrap();
/// assert_eq!((top.count, &text[top.occurrences[0]]), (2, "same line"));
/// ```
pub fn explain_repetition(text: &str) -> RepetitionExplanation {
    RepetitionAnalyzer::new().explain(text)
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

/// A Gopher repetition rule, as named by datatrove.
///
/// [`Display`](std::fmt::Display) gives datatrove's reason string.
///
/// ```
/// assert_eq!(dedupe::GopherRule::TopNgram(2).to_string(), "top_2_gram");
/// assert_eq!(dedupe::GopherRule::DuplicateNgrams(5).to_string(), "duplicated_5_n_grams");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum GopherRule {
    /// The text is empty (`empty`).
    Empty,
    /// Too many duplicate paragraphs (`dup_para_frac`).
    DuplicateParagraphs,
    /// Too many characters in duplicate paragraphs (`dup_para_char_frac`).
    DuplicateParagraphChars,
    /// Too many duplicate lines (`dup_line_frac`).
    DuplicateLines,
    /// Too many characters in duplicate lines (`dup_line_char_frac`).
    DuplicateLineChars,
    /// The top n-gram covers too many characters (`top_{n}_gram`).
    TopNgram(u8),
    /// Duplicated n-grams cover too many characters (`duplicated_{n}_n_grams`).
    DuplicateNgrams(u8),
}

impl std::fmt::Display for GopherRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GopherRule::Empty => f.write_str("empty"),
            GopherRule::DuplicateParagraphs => f.write_str("dup_para_frac"),
            GopherRule::DuplicateParagraphChars => f.write_str("dup_para_char_frac"),
            GopherRule::DuplicateLines => f.write_str("dup_line_frac"),
            GopherRule::DuplicateLineChars => f.write_str("dup_line_char_frac"),
            GopherRule::TopNgram(n) => write!(f, "top_{n}_gram"),
            GopherRule::DuplicateNgrams(n) => write!(f, "duplicated_{n}_n_grams"),
        }
    }
}

/// Thresholds of the Gopher repetition rules; a rule fires when its statistic is strictly
/// greater than its threshold, and `None` turns a rule off.
///
/// [`Default`] holds Gopher's values, which are datatrove's defaults: 0.3 for duplicate
/// paragraph and line fractions, 0.2 for their character fractions, 0.20 / 0.18 / 0.16 for
/// the top 2-, 3-, 4-grams and 0.15, 0.14, 0.13, 0.12, 0.11, 0.10 for duplicated 5- to
/// 10-grams.
///
/// One difference: datatrove also turns a paragraph or line rule off when its threshold
/// is `0`; here `Some(0.0)` fires on any duplicate.
///
/// ```
/// use dedupe::{GopherRule, GopherThresholds};
/// let stats = dedupe::repetition_stats("spam\nspam\nspam\neggs");
/// let mut gopher = GopherThresholds::default();
/// assert_eq!(gopher.check(&stats), Some(GopherRule::DuplicateLines));
/// gopher.duplicate_line_fraction = None;
/// assert_eq!(gopher.check(&stats), Some(GopherRule::DuplicateLineChars));
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GopherThresholds {
    /// For [`RepetitionStats::duplicate_paragraph_fraction`].
    pub duplicate_paragraph_fraction: Option<f64>,
    /// For [`RepetitionStats::duplicate_paragraph_char_fraction`].
    pub duplicate_paragraph_char_fraction: Option<f64>,
    /// For [`RepetitionStats::duplicate_line_fraction`].
    pub duplicate_line_fraction: Option<f64>,
    /// For [`RepetitionStats::duplicate_line_char_fraction`].
    pub duplicate_line_char_fraction: Option<f64>,
    /// For [`RepetitionStats::top_ngram_char_fraction`], n = 2, 3, 4.
    pub top_ngram_char_fraction: [Option<f64>; 3],
    /// For [`RepetitionStats::duplicate_ngram_char_fraction`], n = 5 … 10.
    pub duplicate_ngram_char_fraction: [Option<f64>; 6],
}

impl Default for GopherThresholds {
    fn default() -> Self {
        GopherThresholds {
            duplicate_paragraph_fraction: Some(0.3),
            duplicate_paragraph_char_fraction: Some(0.2),
            duplicate_line_fraction: Some(0.3),
            duplicate_line_char_fraction: Some(0.2),
            top_ngram_char_fraction: [Some(0.2), Some(0.18), Some(0.16)],
            duplicate_ngram_char_fraction: [
                Some(0.15),
                Some(0.14),
                Some(0.13),
                Some(0.12),
                Some(0.11),
                Some(0.10),
            ],
        }
    }
}

impl GopherThresholds {
    /// The first rule that fires, in datatrove's order (empty text, paragraphs, paragraph
    /// characters, lines, line characters, top 2- to 4-grams, duplicated 5- to 10-grams),
    /// which is the reason datatrove gives; `None` if the text passes.
    ///
    /// ```
    /// let gopher = dedupe::GopherThresholds::default();
    /// let prose = "Quiet rivers carve deep valleys through ancient stone, while patient \
    ///              farmers tend terraced fields above, harvesting barley, lentils and sweet \
    ///              apricots every autumn.";
    /// assert_eq!(gopher.check(&dedupe::repetition_stats(prose)), None);
    /// // Short texts fail: the first 2-gram alone is more than 20% of the characters.
    /// let short = dedupe::repetition_stats("A short, plain sentence.");
    /// assert_eq!(gopher.check(&short), Some(dedupe::GopherRule::TopNgram(2)));
    /// assert_eq!(gopher.check(&dedupe::repetition_stats("")), Some(dedupe::GopherRule::Empty));
    /// ```
    pub fn check(&self, stats: &RepetitionStats) -> Option<GopherRule> {
        self.rules(stats).next()
    }

    /// Every rule that fires, in datatrove's order.
    ///
    /// ```
    /// use dedupe::GopherRule;
    /// let stats = dedupe::repetition_stats("la la la la la la la la la la la la");
    /// let fired = dedupe::GopherThresholds::default().fired(&stats);
    /// assert_eq!(fired[0], GopherRule::TopNgram(2));
    /// assert!(fired.contains(&GopherRule::DuplicateNgrams(10)));
    /// ```
    pub fn fired(&self, stats: &RepetitionStats) -> Vec<GopherRule> {
        self.rules(stats).collect()
    }

    fn rules<'a>(&'a self, s: &'a RepetitionStats) -> impl Iterator<Item = GopherRule> + 'a {
        let over = |value: f64, threshold: Option<f64>| threshold.is_some_and(|t| value > t);
        let empty = (s.chars == 0).then_some(GopherRule::Empty);
        let fixed = [
            (
                s.duplicate_paragraph_fraction,
                self.duplicate_paragraph_fraction,
                GopherRule::DuplicateParagraphs,
            ),
            (
                s.duplicate_paragraph_char_fraction,
                self.duplicate_paragraph_char_fraction,
                GopherRule::DuplicateParagraphChars,
            ),
            (
                s.duplicate_line_fraction,
                self.duplicate_line_fraction,
                GopherRule::DuplicateLines,
            ),
            (
                s.duplicate_line_char_fraction,
                self.duplicate_line_char_fraction,
                GopherRule::DuplicateLineChars,
            ),
        ];
        let top = (0..3).map(move |i| {
            (
                s.top_ngram_char_fraction[i],
                self.top_ngram_char_fraction[i],
                GopherRule::TopNgram(TOP_NGRAM_SIZES[i] as u8),
            )
        });
        let dup = (0..6).map(move |i| {
            (
                s.duplicate_ngram_char_fraction[i],
                self.duplicate_ngram_char_fraction[i],
                GopherRule::DuplicateNgrams(DUPLICATE_NGRAM_SIZES[i] as u8),
            )
        });
        let nonempty = s.chars > 0;
        empty.into_iter().chain(
            fixed
                .into_iter()
                .chain(top)
                .chain(dup)
                .filter(move |&(v, t, _)| nonempty && over(v, t))
                .map(|(_, _, rule)| rule),
        )
    }
}

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
    ids: Vec<u32>,
    /// Per id: the word's first occurrence and numbers.
    vocab: Vec<VocabWord>,
    /// Whether a word of the current text holds a space (see `compute`).
    space_in_words: bool,
    /// Prefix sums of word chars; `prefix_chars[i]` = chars of words before word i.
    prefix_chars: Vec<usize>,
    /// Concatenation hash prefixes: `concat[i]` = G(words[..i]), `concat_inv[i]` = B^-off.
    concat: Vec<u64>,
    concat_inv: Vec<u64>,
    /// The same with a space after every word (only when words hold spaces).
    spaced: Vec<u64>,
    spaced_inv: Vec<u64>,
    /// Byte offsets of words in the text (only for explanations).
    word_starts: Vec<usize>,
    /// Line and paragraph spans, and the hash of each line.
    lines: Vec<Span>,
    paragraphs: Vec<Span>,
    line_keys: Vec<u64>,
    /// Per n-gram id of the current and the previous top n-gram pass: occurrences (id 0:
    /// 0, see `top_ngram`).
    counts: Vec<u32>,
    prev_counts: Vec<u32>,
    /// Per window of the current and the previous top n-gram pass: the n-gram's id.
    grams: Vec<u32>,
    prev_grams: Vec<u32>,
    /// Per window (spaced fallback): the index of the first equal window.
    reps: Vec<u32>,
    /// Per word start: whether the window there may equal another (its 16-byte shingle
    /// repeats).
    repeated: Vec<bool>,
    /// All words concatenated, and each word's offset in it (plus the total).
    joined: Vec<u8>,
    joined_offsets: Vec<usize>,
    /// Word starts where a duplicated n-gram scan must look (see `mark_repeated_shingles`).
    candidates: Vec<u32>,
    table: Table,
    /// The allocation of [`stats`](Self::stats)'s word list, kept empty between texts.
    word_buf: Vec<&'static str>,
}

/// A distinct word of a text.
#[derive(Clone, Copy, Debug)]
struct VocabWord {
    /// Index of its first occurrence in the word list.
    first: u32,
    /// Bytes.
    len: u32,
    /// Characters (Unicode scalar values).
    chars: u32,
    /// G(word), B^len and B^-len (see [`poly_hash`]).
    hash: u64,
    pow: u64,
    inv_pow: u64,
    /// The first 16 bytes, zero-padded.
    head: [u8; 16],
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

    /// Like [`repetition_stats`], reusing this analyzer's buffers.
    ///
    /// ```
    /// let mut analyzer = dedupe::RepetitionAnalyzer::new();
    /// assert_eq!(analyzer.stats("x\nx").duplicate_line_fraction, 0.5);
    /// ```
    pub fn stats(&mut self, text: &str) -> RepetitionStats {
        // Reuse the word list's allocation: the buffer is empty, so the in-place collect
        // only retypes it to this text's lifetime, and back.
        let mut words: Vec<&str> = std::mem::take(&mut self.word_buf)
            .into_iter()
            .map(|_| "")
            .collect();
        crate::words::words(text).for_each(|(_, w)| words.push(w));
        let stats = self.stats_with_words(text, &words);
        words.clear();
        self.word_buf = words.into_iter().map(|_| "").collect();
        stats
    }

    /// Like [`repetition_stats_with_words`], reusing this analyzer's buffers.
    ///
    /// ```
    /// let mut analyzer = dedupe::RepetitionAnalyzer::new();
    /// let stats = analyzer.stats_with_words("a-b a-b", &["a", "-", "b", "a", "-", "b"]);
    /// assert_eq!(stats.top_ngram(2), Some(2.0 * 3.0 / 7.0));
    /// ```
    pub fn stats_with_words(&mut self, text: &str, words: &[&str]) -> RepetitionStats {
        self.compute(text, words, None)
    }

    /// Like [`explain_repetition`], reusing this analyzer's buffers.
    ///
    /// ```
    /// let mut analyzer = dedupe::RepetitionAnalyzer::new();
    /// let why = analyzer.explain("p\n\np");
    /// assert_eq!(why.duplicate_paragraphs, [dedupe::Span { start: 3, end: 4 }]);
    /// ```
    pub fn explain(&mut self, text: &str) -> RepetitionExplanation {
        let mut starts = std::mem::take(&mut self.word_starts);
        starts.clear();
        let mut words = Vec::new();
        for (start, w) in crate::words::words(text) {
            starts.push(start);
            words.push(w);
        }
        let mut why = RepetitionExplanation::default();
        let stats = self.compute(text, &words, Some((&starts, &mut why)));
        why.stats = stats;
        self.word_starts = starts;
        why
    }

    fn compute(
        &mut self,
        text: &str,
        words: &[&str],
        mut explain: Option<(&[usize], &mut RepetitionExplanation)>,
    ) -> RepetitionStats {
        let mut stats = RepetitionStats {
            words: words.len(),
            ..RepetitionStats::default()
        };
        if text.is_empty() {
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
        self.index_words(words);
        for (i, &n) in TOP_NGRAM_SIZES.iter().enumerate() {
            // Without spaces inside words, equal space-joined n-grams are equal word
            // tuples, so n-grams compare by word ids.
            let top = if self.space_in_words {
                self.top_ngram_spaced(words, n)
            } else {
                self.top_ngram(n)
            };
            if let Some((first, count)) = top {
                let chars = self.prefix_chars[first + n] - self.prefix_chars[first] + n - 1;
                stats.top_ngram_char_fraction[i] = (chars * count) as f64 / total;
                if let Some((starts, why)) = explain.as_mut() {
                    why.top_ngrams[i] = Some(self.top_occurrences(words, starts, n, first, count, chars));
                }
            }
        }
        self.mark_repeated_shingles();
        for (i, &n) in DUPLICATE_NGRAM_SIZES.iter().enumerate() {
            let spans = explain
                .as_mut()
                .map(|(starts, why)| (*starts, &mut why.duplicate_ngrams[i]));
            let chars = self.duplicated_ngrams(words, n, spans);
            stats.duplicate_ngram_char_fraction[i] = chars as f64 / total;
        }
        stats
    }

    /// Numbers the distinct words (`ids`, `vocab`, `space_in_words`) and fills the per-word
    /// arrays: prefix chars, the concatenation's prefix hashes and bytes, and with spaces
    /// in words the space-joined prefix hashes. One pass; the numbers of a word are
    /// computed once per distinct word.
    fn index_words(&mut self, words: &[&str]) {
        let m = words.len();
        let Self {
            ids,
            vocab,
            table,
            prefix_chars,
            concat,
            concat_inv,
            joined,
            joined_offsets,
            ..
        } = self;
        vocab.clear();
        table.reset(m);
        // Every element is written below: the old ones need no clearing.
        set_len(ids, m);
        set_len(joined_offsets, m);
        set_len(prefix_chars, m + 1);
        set_len(concat, m + 1);
        set_len(concat_inv, m + 1);
        (prefix_chars[0], concat[0], concat_inv[0]) = (0, 0, 1);
        // Words of up to 16 bytes are copied as 16 bytes from their vocabulary entry:
        // `joined` has 16 bytes of slack, cut at the end.
        let total: usize = words.iter().map(|w| w.len()).sum();
        set_len(joined, total + 16);
        // Slices: their lengths stay in registers while the loop writes through them.
        let (ids_out, offsets, chars_out) = (&mut ids[..], &mut joined_offsets[..], &mut prefix_chars[1..]);
        let (concat_out, inv_out, joined_out) = (&mut concat[1..], &mut concat_inv[1..], &mut joined[..]);
        let (mut g, mut off, mut inv, mut chars, mut end) = (0u64, 1u64, 1u64, 0usize, 0usize);
        let mut space = false;
        for (i, w) in words.iter().enumerate() {
            let bytes = w.as_bytes();
            let next = vocab.len() as u32;
            // Keys of words up to 7 bytes are exact: equal keys of equal length are equal
            // words.
            let found = table.find_or_insert(word_key(bytes), next, |id| {
                let v = &vocab[id as usize];
                v.len as usize == bytes.len() && (bytes.len() < 8 || words[v.first as usize] == *w)
            });
            let id = found.unwrap_or_else(|| {
                space |= bytes.iter().fold(false, |s, &c| s | (c == b' '));
                let mut head = [0u8; 16];
                let k = bytes.len().min(16);
                head[..k].copy_from_slice(&bytes[..k]);
                vocab.push(VocabWord {
                    first: i as u32,
                    len: bytes.len() as u32,
                    chars: if w.is_ascii() { bytes.len() } else { char_count(w) } as u32,
                    hash: poly_hash(bytes),
                    pow: pow_b(bytes.len()),
                    inv_pow: pow_inv_b(bytes.len()),
                    head,
                });
                next
            });
            ids_out[i] = id;
            let v = &vocab[id as usize];
            g = add(g, mul(off, v.hash));
            off = mul(off, v.pow);
            inv = mul(inv, v.inv_pow);
            chars += v.chars as usize;
            chars_out[i] = chars;
            concat_out[i] = g;
            inv_out[i] = inv;
            offsets[i] = end;
            if bytes.len() <= 16 {
                joined_out[end..end + 16].copy_from_slice(&v.head);
            } else {
                joined_out[end..end + bytes.len()].copy_from_slice(bytes);
            }
            end += bytes.len();
        }
        joined.truncate(end);
        joined_offsets.push(end);
        self.space_in_words = space;
        self.spaced.clear();
        self.spaced_inv.clear();
        if !space {
            return;
        }
        let (mut gs, mut offs, mut invs) = (0u64, 1u64, 1u64);
        self.spaced.push(gs);
        self.spaced_inv.push(invs);
        for &id in &self.ids {
            let v = &self.vocab[id as usize];
            // Word followed by a space: G(w ' ') = G(w) + B^|w| * digit(' ').
            gs = add(gs, mul(offs, add(v.hash, mul(v.pow, digit(b' ')))));
            offs = mul(offs, mul(v.pow, B));
            invs = mul(invs, mul(v.inv_pow, B_INV));
            self.spaced.push(gs);
            self.spaced_inv.push(invs);
        }
    }

    /// Hash of the words `i..i+n` joined with nothing.
    #[cfg(test)]
    fn concat_key(&self, i: usize, n: usize) -> u64 {
        mul(sub(self.concat[i + n], self.concat[i]), self.concat_inv[i])
    }

    /// Hash of the words `i..i+n` each followed by a space.
    fn spaced_key(&self, i: usize, n: usize) -> u64 {
        mul(sub(self.spaced[i + n], self.spaced[i]), self.spaced_inv[i])
    }

    /// The most frequent n-gram (first occurring among ties) by word ids: (first window,
    /// count). Passes run for n = 2, 3, 4 in turn: each numbers its n-grams from 1 by an
    /// exact key, for n = 2 the two word ids, for n > 2 the id of the (n-1)-gram prefix
    /// and the last word's id. An n-gram can repeat only where the (n-1)-grams at its
    /// window and the next both repeat; elsewhere it gets id 0 (count 0) without a
    /// look-up.
    fn top_ngram(&mut self, n: usize) -> Option<(usize, usize)> {
        let windows = (self.ids.len() + 1).checked_sub(n).filter(|&w| w > 0)?;
        std::mem::swap(&mut self.grams, &mut self.prev_grams);
        std::mem::swap(&mut self.counts, &mut self.prev_counts);
        let (ids, prev, prev_counts) = (&self.ids[..], &self.prev_grams[..], &self.prev_counts[..]);
        let (grams, counts) = (&mut self.grams, &mut self.counts);
        set_len(grams, windows);
        counts.clear();
        counts.push(0);
        self.table.reset(windows);
        for i in 0..windows {
            let key = if n == 2 {
                u64::from(ids[i]) << 32 | u64::from(ids[i + 1])
            } else if prev_counts[prev[i] as usize] < 2 || prev_counts[prev[i + 1] as usize] < 2 {
                grams[i] = 0;
                continue;
            } else {
                u64::from(prev[i]) << 32 | u64::from(ids[i + n - 1])
            };
            let next = counts.len() as u32;
            let gram = self.table.find_or_insert(key, next, |_| true).unwrap_or_else(|| {
                counts.push(0);
                next
            });
            grams[i] = gram;
            counts[gram as usize] += 1;
        }
        // Ids count up in order of first occurrence: among equal counts the lowest id
        // occurs first.
        let (best, best_count) =
            counts
                .iter()
                .enumerate()
                .fold((0, 0), |(b, bc), (g, &c)| if c > bc { (g, c) } else { (b, bc) });
        if best_count <= 1 {
            // Every n-gram occurs once: the first one wins.
            return Some((0, 1));
        }
        let first = grams.iter().position(|&g| g as usize == best).unwrap_or_default();
        Some((first, best_count as usize))
    }

    /// [`top_ngram`](Self::top_ngram) for words that hold spaces, where different word
    /// lists can join to equal n-grams: by the hash of the space-joined n-gram, confirmed
    /// on text.
    fn top_ngram_spaced(&mut self, words: &[&str], n: usize) -> Option<(usize, usize)> {
        let windows = (words.len() + 1).checked_sub(n).filter(|&w| w > 0)?;
        self.table.reset(windows);
        self.counts.clear();
        self.counts.resize(windows, 0);
        self.reps.clear();
        let (mut best, mut best_count) = (0usize, 0u32);
        for i in 0..windows {
            let key = self.spaced_key(i, n);
            let rep = match self.table.find_or_insert(key, i as u32, |j| {
                spaced_eq(&words[j as usize..j as usize + n], &words[i..i + n])
            }) {
                Some(j) => j as usize,
                None => i,
            };
            self.reps.push(rep as u32);
            let c = &mut self.counts[rep];
            *c += 1;
            if *c > best_count || (*c == best_count && rep < best) {
                best = rep;
                best_count = *c;
            }
        }
        if best_count <= 1 {
            (best, best_count) = (0, 1);
        }
        Some((best, best_count as usize))
    }

    /// Flags each word start whose 16 bytes of the concatenated words (fewer at the end)
    /// occur at another word start. An n-gram whose concatenation has 16 bytes or more can
    /// equal another only where both starts are flagged.
    fn mark_repeated_shingles(&mut self) {
        const K: usize = 16;
        let starts = self.joined_offsets.len() - 1;
        self.repeated.clear();
        self.repeated.resize(starts, false);
        self.table.reset(starts);
        let joined = &self.joined;
        for (i, &off) in self.joined_offsets[..starts].iter().enumerate() {
            let Some(shingle) = joined.get(off..off + K) else {
                self.repeated[i] = true;
                continue;
            };
            let (a, b) = shingle.split_at(8);
            let a = u64::from_le_bytes(a.try_into().unwrap_or_default());
            let b = u64::from_le_bytes(b.try_into().unwrap_or_default());
            let key = (a ^ b.rotate_left(29)).wrapping_mul(0xff51_afd7_ed55_8ccd) ^ b;
            if let Some(j) = self.table.find_or_insert(key, i as u32, |_| true) {
                self.repeated[i] = true;
                self.repeated[j as usize] = true;
            }
        }
        // Candidates of the duplicated n-gram scans: the starts of 5-word windows that are
        // flagged or have fewer than 16 bytes. A longer window has at least the bytes of
        // its first 5 words, so this covers every n >= 5.
        self.candidates.clear();
        let offsets = &self.joined_offsets;
        let repeated = &self.repeated;
        self.candidates.extend(
            (0..(starts + 1).saturating_sub(5))
                .filter(|&i| repeated[i] || offsets[i + 5] - offsets[i] < K)
                .map(|i| i as u32),
        );
    }

    fn top_occurrences(
        &self,
        words: &[&str],
        starts: &[usize],
        n: usize,
        first: usize,
        count: usize,
        chars: usize,
    ) -> TopNgram {
        let target = &words[first..first + n];
        let ids = &self.ids[first..first + n];
        let occurrences = (first..words.len() + 1 - n)
            .filter(|&i| {
                if self.space_in_words {
                    spaced_eq(&words[i..i + n], target)
                } else {
                    self.ids[i..i + n] == *ids
                }
            })
            .map(|i| word_span(words, starts, i, n))
            .collect();
        TopNgram {
            n,
            count,
            chars,
            occurrences,
        }
    }

    /// datatrove's `find_all_duplicate`: chars of duplicated n-grams, greedy scan.
    fn duplicated_ngrams(
        &mut self,
        words: &[&str],
        n: usize,
        mut out: Option<(&[usize], &mut Vec<Span>)>,
    ) -> usize {
        let Some(windows) = (words.len() + 1).checked_sub(n) else {
            return 0;
        };
        self.table.reset(windows);
        let (joined, offsets, table) = (&self.joined, &self.joined_offsets, &mut self.table);
        let (concat, concat_inv) = (&self.concat, &self.concat_inv);
        let mut chars = 0;
        let mut i = 0;
        // Windows between candidates are unique (see `mark_repeated_shingles`): the scan
        // moves one word past each without inserting it, so it can jump to the next
        // candidate.
        for &c in &self.candidates {
            let c = c as usize;
            if c < i {
                continue;
            }
            if c >= windows {
                break;
            }
            i = c;
            let bytes = offsets[i + n] - offsets[i];
            if bytes >= 16 && !self.repeated[i] {
                // No other window shares its first 16 bytes: unique, never looked up again.
                continue;
            }
            let key = mul(sub(concat[i + n], concat[i]), concat_inv[i]);
            let text = &joined[offsets[i]..offsets[i + n]];
            let seen = table.find_or_insert(key, i as u32, |j| {
                let j = j as usize;
                &joined[offsets[j]..offsets[j + n]] == text
            });
            if seen.is_some() {
                chars += self.prefix_chars[i + n] - self.prefix_chars[i];
                if let Some((starts, spans)) = out.as_mut() {
                    spans.push(word_span(words, starts, i, n));
                }
                i += n;
            } else {
                i += 1;
            }
        }
        chars
    }
}

/// datatrove's `find_duplicates` over `pieces` of `text`, with `key` giving each piece's
/// hash (confirmed on text): (duplicates, their chars).
fn duplicates(
    table: &mut Table,
    text: &str,
    ascii: bool,
    pieces: &[Span],
    mut out: Option<&mut Vec<Span>>,
    mut key: impl FnMut(Span) -> u64,
) -> (usize, usize) {
    table.reset(pieces.len());
    let (mut count, mut chars) = (0, 0);
    for (i, &span) in pieces.iter().enumerate() {
        let piece = &text[span];
        let found = table.find_or_insert(key(span), i as u32, |j| &text[pieces[j as usize]] == piece);
        if found.is_some() {
            count += 1;
            chars += if ascii { piece.len() } else { char_count(piece) };
            if let Some(out) = out.as_mut() {
                out.push(span);
            }
        }
    }
    (count, chars)
}

/// Sets the length of `v` to `n`, filling new elements with the default; the old ones keep
/// their values.
fn set_len<T: Copy + Default>(v: &mut Vec<T>, n: usize) {
    v.truncate(n);
    v.resize(n, T::default());
}

/// The span from the start of word `i` to the end of word `i + n - 1`.
fn word_span(words: &[&str], starts: &[usize], i: usize, n: usize) -> Span {
    let last = i + n - 1;
    Span {
        start: starts[i],
        end: starts[last] + words[last].len(),
    }
}

/// Whether two word lists are equal when joined with single spaces.
fn spaced_eq(a: &[&str], b: &[&str]) -> bool {
    if a == b {
        return true;
    }
    let len = |ws: &[&str]| ws.iter().map(|w| w.len() + 1).sum::<usize>();
    if len(a) != len(b) {
        return false;
    }
    let join = |ws: &[&str]| {
        ws.iter()
            .flat_map(|w| w.bytes().chain(std::iter::once(b' ')))
            .collect::<Vec<u8>>()
    };
    join(a) == join(b)
}

/// Python's `str.isspace`: Unicode White_Space plus U+001C..U+001F.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Unicode scalar values in `s` (Python's `len`).
fn char_count(s: &str) -> usize {
    s.as_bytes().iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// Runs of `'\n'` in `text[start..end]`: (run start, run end).
fn newline_runs(text: &str, start: usize, end: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = &text.as_bytes()[..end];
    let mut pos = start;
    std::iter::from_fn(move || {
        let s = pos + memchr::memchr(b'\n', &bytes[pos..])?;
        let e = s + bytes[s..].iter().take_while(|&&b| b == b'\n').count();
        pos = e;
        Some((s, e))
    })
}

/// `re.split(r"\n{2,}", text.strip())`, as spans of `text`.
fn split_paragraphs(text: &str, out: &mut Vec<Span>) {
    out.clear();
    let trimmed = text.trim_start_matches(is_py_space);
    let start = text.len() - trimmed.len();
    let end = start + trimmed.trim_end_matches(is_py_space).len();
    let mut piece = start;
    for (s, e) in newline_runs(text, start, end) {
        if e - s >= 2 {
            out.push(Span { start: piece, end: s });
            piece = e;
        }
    }
    out.push(Span { start: piece, end });
}

/// `re.split("\n+", text)`, as spans of `text`.
fn split_lines(text: &str, out: &mut Vec<Span>) {
    out.clear();
    let mut piece = 0;
    for (s, e) in newline_runs(text, 0, text.len()) {
        out.push(Span { start: piece, end: s });
        piece = e;
    }
    out.push(Span {
        start: piece,
        end: text.len(),
    });
}

// ---------------------------------------------------------------------------------------
// A polynomial hash modulo 2^64 that composes over concatenation: G(s) = sum over bytes k
// of (s_k + 1) * B^k, so G(s ++ t) = G(s) + B^|s| * G(t). The hash of a word window is a
// difference of prefix sums times B^-offset (B is odd, so invertible): one multiplication.
// Every key match is confirmed by comparing text, so the hash's quality affects speed only,
// never results.

const B: u64 = 0x0e3a_5f1b_c2d4_6a97 | 1;
const B_INV: u64 = inverse(B);
const POW_TABLE: usize = 64;
const B_POW: [u64; POW_TABLE] = powers(B);
const B_INV_POW: [u64; POW_TABLE] = powers(B_INV);

const fn mul(a: u64, b: u64) -> u64 {
    a.wrapping_mul(b)
}

const fn add(a: u64, b: u64) -> u64 {
    a.wrapping_add(b)
}

const fn sub(a: u64, b: u64) -> u64 {
    a.wrapping_sub(b)
}

/// The inverse of an odd number modulo 2^64, by Newton's iteration.
const fn inverse(b: u64) -> u64 {
    let mut x = b; // correct to 3 bits; each step doubles the correct bits
    let mut i = 0;
    while i < 6 {
        x = x.wrapping_mul(2u64.wrapping_sub(b.wrapping_mul(x)));
        i += 1;
    }
    x
}

const fn pow_mod(mut base: u64, mut exp: u64) -> u64 {
    let mut acc = 1u64;
    while exp > 0 {
        if exp & 1 == 1 {
            acc = acc.wrapping_mul(base);
        }
        base = base.wrapping_mul(base);
        exp >>= 1;
    }
    acc
}

const fn powers(base: u64) -> [u64; POW_TABLE] {
    let mut t = [1u64; POW_TABLE];
    let mut i = 1;
    while i < POW_TABLE {
        t[i] = t[i - 1].wrapping_mul(base);
        i += 1;
    }
    t
}

fn pow_b(len: usize) -> u64 {
    if len < POW_TABLE {
        B_POW[len]
    } else {
        pow_mod(B, len as u64)
    }
}

fn pow_inv_b(len: usize) -> u64 {
    if len < POW_TABLE {
        B_INV_POW[len]
    } else {
        pow_mod(B_INV, len as u64)
    }
}

fn digit(b: u8) -> u64 {
    b as u64 + 1
}

/// G(bytes), by Horner's rule from the last byte.
fn poly_hash(bytes: &[u8]) -> u64 {
    bytes.iter().rev().fold(0, |g, &b| add(mul(g, B), digit(b)))
}

/// The key of a word for numbering words: for up to 7 bytes the bytes and the length
/// themselves (exact), for longer words a hash (confirmed on text).
fn word_key(b: &[u8]) -> u64 {
    let n = b.len();
    let read4 = |i: usize| {
        let mut x = [0u8; 4];
        x.copy_from_slice(&b[i..i + 4]);
        u64::from(u32::from_le_bytes(x))
    };
    let read8 = |i: usize| {
        let mut x = [0u8; 8];
        x.copy_from_slice(&b[i..i + 8]);
        u64::from_le_bytes(x)
    };
    match n {
        0 => 0,
        // Overlapping reads: the bytes where they overlap are the same.
        1..=3 => {
            (u64::from(b[0]) | u64::from(b[n / 2]) << (8 * (n / 2)) | u64::from(b[n - 1]) << (8 * (n - 1)))
                | (n as u64) << 56
        }
        4..=7 => (read4(0) | read4(n - 4) << (8 * (n - 4))) | (n as u64) << 56,
        _ => {
            const K: u64 = 0x9e37_79b9_7f4a_7c15;
            let mut h = (n as u64).wrapping_mul(K);
            let mut i = 0;
            while i + 8 < n {
                h = (h ^ read8(i)).wrapping_mul(K).rotate_left(29);
                i += 8;
            }
            h = (h ^ read8(n - 8)).wrapping_mul(0xff51_afd7_ed55_8ccd);
            h ^ (h >> 32)
        }
    }
}

// ---------------------------------------------------------------------------------------

/// An open-addressing hash set of (key, representative index) that confirms key matches
/// with a caller's equality test, so hash collisions never merge distinct items. Slots are
/// invalidated by bumping a generation instead of clearing.
#[derive(Debug, Default)]
struct Table {
    slots: Vec<Slot>,
    generation: u32,
    shift: u32,
}

#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    key: u64,
    rep: u32,
    generation: u32,
}

impl Table {
    /// Empties the table, sized for `items` insertions at most.
    fn reset(&mut self, items: usize) {
        let size = (items.max(4) * 2).next_power_of_two();
        if self.slots.len() < size || self.generation == u32::MAX {
            self.slots.clear();
            self.slots.resize(size.max(self.slots.len()), Slot::default());
            self.generation = 0;
        }
        self.generation += 1;
        // Use all the slots for the hash range: a bigger table from an earlier text only
        // lowers the load.
        self.shift = 64 - self.slots.len().trailing_zeros();
    }

    /// Returns the representative of an equal item, or inserts `rep` and returns `None`.
    fn find_or_insert(&mut self, key: u64, rep: u32, eq: impl Fn(u32) -> bool) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut i = (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize;
        loop {
            let slot = &mut self.slots[i];
            if slot.generation != self.generation {
                *slot = Slot {
                    key,
                    rep,
                    generation: self.generation,
                };
                return None;
            }
            if slot.key == key && eq(slot.rep) {
                return Some(slot.rep);
            }
            i = (i + 1) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<&str> {
        let mut v = Vec::new();
        split_lines(text, &mut v);
        v.into_iter().map(|s| &text[s]).collect()
    }

    fn paragraphs(text: &str) -> Vec<&str> {
        let mut v = Vec::new();
        split_paragraphs(text, &mut v);
        v.into_iter().map(|s| &text[s]).collect()
    }

    #[test]
    fn splits_lines_like_python_re_split() {
        assert_eq!(lines(""), [""]);
        assert_eq!(lines("a"), ["a"]);
        assert_eq!(lines("a\nb\n"), ["a", "b", ""]);
        assert_eq!(lines("\n\na\n\n\nb"), ["", "a", "b"]);
        assert_eq!(lines("a\r\n\r\nb"), ["a\r", "\r", "b"]);
    }

    #[test]
    fn splits_paragraphs_like_python_re_split_of_strip() {
        assert_eq!(paragraphs("  \n"), [""]);
        assert_eq!(paragraphs("\n\na\nb\n\n\nc \u{1f}"), ["a\nb", "c"]);
        assert_eq!(paragraphs("a\r\n\r\nb"), ["a\r\n\r\nb"]);
        assert_eq!(paragraphs("\u{3000}x\u{a0}"), ["x"]);
    }

    #[test]
    fn counts_chars_like_python_len() {
        assert_eq!(char_count("héllo wörld 😀"), 13);
    }

    #[test]
    fn empty_lines_count_as_duplicates() {
        // re.split gives ["", "word", ""]: the second "" is a duplicate of 0 characters.
        let s = repetition_stats("\nword\n");
        assert_eq!(s.duplicate_line_fraction, 1.0 / 3.0);
        assert_eq!(s.duplicate_line_char_fraction, 0.0);
    }

    #[test]
    fn duplicated_ngrams_compare_concatenations() {
        // "ab c d e f" and "a bc d e f" join to the same "abcdef".
        let words = ["ab", "c", "d", "e", "f", "a", "bc", "d", "e", "f"];
        let s = repetition_stats_with_words("whatever text of some length", &words);
        assert_eq!(s.duplicate_ngram(5), Some(6.0 / 28.0));
        // Joined with spaces "ab c" and "a bc" differ; "d e" and "e f" occur twice each,
        // and "d e" first.
        assert_eq!(s.top_ngram(2), Some(2.0 * 3.0 / 28.0));
    }

    #[test]
    fn top_ngram_ties_go_to_the_first() {
        // "x y" and "long words" both occur twice; "x y" occurs first.
        let words = ["x", "y", "long", "words", "x", "y", "long", "words"];
        let s = repetition_stats_with_words("0123456789", &words);
        assert_eq!(s.top_ngram(2), Some(2.0 * 3.0 / 10.0));
        let words = ["long", "words", "x", "y", "long", "words", "x", "y"];
        let s = repetition_stats_with_words("0123456789", &words);
        assert_eq!(s.top_ngram(2), Some(2.0 * 10.0 / 10.0));
    }

    #[test]
    fn duplicated_ngram_scan_skips_n_words() {
        // Windows of a a a a a a a (7 words), n = 5: positions 0 (new), 1 (dup, jump to 6),
        // 6 is past the last window 2: 5 chars.
        let words = ["a"; 7];
        let s = repetition_stats_with_words("0123456789", &words);
        assert_eq!(s.duplicate_ngram(5), Some(0.5));
    }

    #[test]
    fn hash_composes_over_concatenation() {
        let mut a = RepetitionAnalyzer::new();
        let words = ["ab", "c", "a", "bc", "abc", " "];
        a.index_words(&words);
        assert_eq!(a.concat_key(0, 2), a.concat_key(2, 2));
        assert_eq!(a.concat_key(0, 2), a.concat_key(4, 1));
        assert_ne!(a.spaced_key(0, 2), a.spaced_key(2, 2));
        assert_eq!(mul(B, B_INV), 1);
        let long = "x".repeat(100);
        let words = [&long, &long, "y", &long, "y"];
        a.index_words(&words);
        assert_eq!(a.concat_key(1, 2), a.concat_key(3, 2));
    }

    #[test]
    fn table_confirms_equality() {
        let mut t = Table::default();
        t.reset(3);
        assert_eq!(t.find_or_insert(7, 0, |_| false), None);
        // Same key, different item: inserted beside it.
        assert_eq!(t.find_or_insert(7, 1, |_| false), None);
        assert_eq!(t.find_or_insert(7, 2, |j| j == 1), Some(1));
        t.reset(3);
        assert_eq!(t.find_or_insert(7, 0, |_| true), None);
    }

    #[test]
    fn explains_duplicates() {
        let text = "a b\n\nc d e f g h\n\na b\n\nc d e f g h";
        let why = explain_repetition(text);
        let paras: Vec<&str> = why.duplicate_paragraphs.iter().map(|&s| &text[s]).collect();
        assert_eq!(paras, ["a b", "c d e f g h"]);
        assert_eq!(why.stats.duplicate_paragraph_fraction, 0.5);
        assert_eq!(why.duplicate_lines, why.duplicate_paragraphs);
        // Words a b c d e f g h a b c d e f g h: the 5-gram at the second "a" is the first
        // duplicate, and the scan then jumps past the last window.
        let dup5: Vec<&str> = why.duplicate_ngrams(5).iter().map(|&s| &text[s]).collect();
        assert_eq!(dup5, ["a b\n\nc d e"]);
        assert_eq!(why.duplicate_ngrams(5)[0].start, 18);
        assert_eq!(why.stats, repetition_stats(text));
    }

    #[test]
    fn empty_text_is_all_zero() {
        let s = repetition_stats("");
        assert_eq!(s, RepetitionStats::default());
        assert_eq!(GopherThresholds::default().fired(&s), [GopherRule::Empty]);
        assert_eq!(explain_repetition("").top_ngram(2), None);
    }

    #[test]
    fn whitespace_only_text() {
        let s = repetition_stats(" \n\n ");
        // One empty paragraph; lines [" ", " "], the second a duplicate of 1 character.
        assert_eq!(s.duplicate_paragraph_fraction, 0.0);
        assert_eq!(s.duplicate_line_fraction, 0.5);
        assert_eq!(s.duplicate_line_char_fraction, 0.25);
        assert_eq!(s.top_ngram(2), Some(0.0));
    }
}
