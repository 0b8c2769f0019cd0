//! Repetition statistics: Gopher's rules as datatrove 0.10 computes them.
//!
//! One job a file: [`stats`] holds the results ([`RepetitionStats`], [`RepetitionExplanation`],
//! [`TopNgram`]); [`rules`] the thresholds ([`GopherThresholds`], [`GopherRule`]);
//! [`analyzer`] the pass over one text ([`RepetitionAnalyzer`]), which runs [`pieces`]
//! (duplicate lines and paragraphs), [`vocab`] (numbering the words), [`top`] (top
//! n-grams) and [`duplicated`] (duplicated n-grams), on the helpers in [`hash`] (a hash
//! that composes over concatenation) and [`table`] (a hash set confirmed on text).
//!
//! Words come from the crate's one splitter ([`crate::words`]); two words are the same
//! word here when their text is equal, as datatrove compares them, not by the crate's
//! normalized "same word" ([`crate::normalize::WORDS`]) that stutters and shingles share.
//!
//! # One huge text
//!
//! The statistics are per-document figures, as datatrove computes them for each document
//! of a corpus: a corpus (JSONL, or many files) gets one set per document. One text file is
//! one document, however big: a 100 MB file gets one set of figures over the whole file, so
//! a line on its first page and the same line on its last count as a duplicate line, and the
//! top 2-gram is the most frequent 2-gram of the whole file. That is the definition, not a
//! shortcut; for figures per page or per chapter, cut the file into documents first (one
//! JSONL record each). The Gopher thresholds were chosen for web pages of a few kilobytes,
//! so on a whole book or a log file they flag more than on its parts.
//!
//! The cost stays linear on such a file: every pass is one scan with a hash-table look-up
//! per line, word or n-gram (counted in the tests as table probes: 4x the words costs at
//! most 4.5x the probes), and no pass compares a piece more than once. Memory is the text
//! plus about 35 bytes per word and the word's own bytes (its id, its offset and prefix hash
//! in the concatenated words, the n-gram numbers of two passes, the candidate flags; the
//! words themselves are read once and not kept in a list) and 32 to 64 bytes per distinct
//! item of the largest pass in the hash table, which grows with the items inserted, not
//! with the words scanned. The time is linear in counted work; on one document of tens of
//! megabytes the tables outgrow the cache and each look-up waits for memory, so the time
//! per byte grows until the tables are far larger than the cache (BENCHMARKS.md, "Memory of
//! `--json` and `--stats`").

mod analyzer;
mod duplicated;
mod hash;
mod pieces;
mod rules;
mod stats;
mod table;
mod top;
mod vocab;

pub use analyzer::RepetitionAnalyzer;
pub use rules::{GopherRule, GopherThresholds};
pub use stats::{RepetitionExplanation, RepetitionStats, TopNgram};

/// The n of each top n-gram statistic, in the order of
/// [`RepetitionStats::top_ngram_char_fraction`].
pub const TOP_NGRAM_SIZES: [usize; 3] = [2, 3, 4];

/// The n of each duplicated n-gram statistic, in the order of
/// [`RepetitionStats::duplicate_ngram_char_fraction`].
pub const DUPLICATE_NGRAM_SIZES: [usize; 6] = [5, 6, 7, 8, 9, 10];

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

#[cfg(test)]
mod tests {
    use super::*;

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

    /// Texts of about `words` words in shapes that stress the passes differently.
    fn shaped(shape: usize, words: usize) -> String {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |m: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % m as u64) as usize
        };
        let mut text = String::new();
        let block: Vec<String> = (0..200).map(|_| format!("w{}", next(1000))).collect();
        let long: Vec<String> = (0..100)
            .map(|_| (0..24).map(|_| char::from(b'a' + next(26) as u8)).collect())
            .collect();
        for i in 0..words {
            let word = match shape {
                0 => "la".to_string(),               // one word, one line
                1 => format!("u{i}"),                // every word distinct
                2 => format!("v{}", next(50)),       // a small vocabulary
                3 => block[i % block.len()].clone(), // one paragraph, repeated
                _ => long[next(long.len())].clone(), // long words, repeating
            };
            text.push_str(&word);
            text.push_str(match (shape, i % 10, i % 200) {
                (0, ..) => " ",
                (3, _, 199) => "\n\n",
                (_, 9, _) => "\n",
                _ => " ",
            });
        }
        text
    }

    #[test]
    fn work_is_linear_in_the_words() {
        // Counted work (hash-table probes of every pass) on 4x the words stays within
        // 4.5x, and within a constant per word; timing would be noise.
        let probes = |text: &str| {
            let mut a = RepetitionAnalyzer::new();
            let stats = a.stats(text);
            let why = RepetitionAnalyzer::new().explain(text);
            assert_eq!(why.stats, stats);
            (a.table.probes, stats.words as u64)
        };
        for shape in 0..5 {
            let (small, words) = probes(&shaped(shape, 5_000));
            let (big, big_words) = probes(&shaped(shape, 20_000));
            assert!(big * 2 <= small * 9, "shape {shape}: {small} then {big} probes");
            assert!(
                big <= 40 * big_words,
                "shape {shape}: {big} probes for {big_words} words"
            );
            assert!(small > words, "shape {shape}: every pass probes");
        }
    }
}
