//! Repeats inside units: stutters (a phrase immediately repeated) and repeated runs
//! of words (a sentence copied into a later paragraph).
//!
//! The exact finder compares whole units (lines or paragraphs). This stage works on the
//! words of the whole text and finds what it cannot see: a phrase doubled inside a
//! sentence, and a long run of words that occurs more than once without its unit
//! repeating.
//!
//! # Words
//!
//! Words are cut at Unicode word boundaries (UAX #29; an ASCII-only text takes a fast path
//! with the same rules): punctuation and whitespace are not words, "can't", "3.14" and
//! "1,000" are one word each, and every Han ideograph or hiragana character is a word of its
//! own. Words compare after the [`Unicode`](crate::Normalize::Unicode) normalization and
//! full lowercase folding (NFKC, curly quotes straightened, zero-width characters
//! dropped), by a 64-bit xxh3 hash of that normalized form.
//!
//! # Stutters
//!
//! A *stutter* is a phrase of 1 to `max_stutter_words` (default 8) words immediately
//! followed by one or more copies of itself: "the the", "President Ilham President Ilham",
//! "Foundation, Inc., Foundation, Inc.,". Three copies ("the the the") make one stutter
//! with `copies == 3`. At each word the shortest such phrase is taken, and the scan goes on
//! after the last copy.
//!
//! Its one occurrence runs from the first word of the first copy to the last word of the
//! last copy, and also takes the punctuation right after the last copy when the first copy
//! has the same punctuation after it (so the occurrence of "Foundation, Inc., Foundation,
//! Inc.," ends after the second `.,`). [`InnerRepeat::first_copy`] is the first copy
//! with the punctuation attached to its end ("Foundation, Inc.,").
//!
//! Not a stutter:
//!
//! - copies separated by a line break or by the end of a sentence (`.` `!` `?` `…` `。`
//!   `！` `？` followed by whitespace, closing quotes or brackets, or the next word):
//!   "It was the end. The end came fast." ("Inc., Foundation" is no sentence end: the
//!   period is followed by a comma; "Inc. Foundation" is, a documented miss);
//! - a single word repeated across punctuation: "very, very", "what it is, is", "no, no";
//! - a single word on the list of legitimate doubles (below), even with only spaces
//!   between: "had had", "that that", "ha ha", "bye bye", "very very", "no no";
//!   "is is" and "the the" are errors and are reported;
//! - a phrase made only of numbers ("10 10" in a table, "1 2 1 2");
//! - a single one-character word other than "a" and "I" written so ("x x", "A A" grades), and a
//!   phrase of one or two one-character words: reduplication is grammar in Chinese and
//!   Japanese ("谢谢", "研究研究", "ここ", "いろいろ"); three or more CJK characters
//!   repeated ("中华人民中华人民") are reported.
//!
//! Legitimate single-word doubles: `had that very really so no yes ha haha he hee ho hey hi
//! bye la na oh ah aw boo blah bla tut tsk shh sh hush knock ding dong chop bang boom
//! there now come well far many long much more again yeah yay wow ok okay mm hmm uh um er
//! wait`.
//!
//! A stutter is reported in every place it occurs, also inside a covered range (a unit or
//! block the exact finder already reports): it is an error within the unit, which a
//! repair of the repeat does not fix. [`InnerRepeat::in_covered`] says whether it lies
//! wholly inside one.
//!
//! # Repeated runs
//!
//! A *repeated run* is a run of at least `min_tokens` words (default 8) that occurs more
//! than once in the text, within a unit or across units. Runs are compared as sequences of
//! normalized words, so a sentence with different spacing, line wrapping or punctuation
//! still matches; its occurrences run from the first byte of its first word to the last
//! byte of its last word.
//!
//! 1. Tandem runs with a period of at most 8 words ("w w w w", "a b a b a b", and also
//!    legitimate doubles) are collapsed to the first copy followed by one marker standing
//!    for the other copies (the marker is the same wherever the same phrase repeats the
//!    same number of times). Periodic input of a short period is thereby one short
//!    sequence, and reports nothing but its stutter.
//! 2. A suffix array with LCP over the collapsed sequence of word ids gives every maximal
//!    repeat (right-maximal: an LCP interval; left-maximal: not all its occurrences are
//!    preceded by the same word) whose length in words is at least `min_tokens`.
//! 3. A repeat whose occurrences overlap one another (`S S` within `S S S`) is the
//!    tandem repetition of a shorter one (`S`, three times), which is reported instead;
//!    it is dropped. Occurrences wholly inside a covered range are dropped; a repeat
//!    left with fewer than two is dropped, and so is one whose occurrences all sit, one
//!    for one, inside the occurrences of a longer reported repeat with as many
//!    occurrences (checked against the 64 nearest).
//!
//! # Bounds
//!
//! Tokenizing, collapsing and the stutter scan take `O(n)` steps for `n` words (at most
//! 8 period checks of at most 8 words at each word); the suffix array takes
//! `O(n log n)`; enumerating maximal repeats is `O(n)`. Listing the occurrences of the
//! maximal repeats is the only step that can grow faster, on long-period periodic input
//! (a 20-word sentence repeated 100,000 times has 100,000 nested maximal repeats); it is
//! capped at `8 n + 1024` listed occurrences in all. Repeats with at most 16 occurrences
//! are listed first, fewest first, then the others, most first (so such a run lists its
//! sentence, then its self-overlapping multiples until the cap); repeats past the cap are
//! not reported.

mod covered;
mod runs;
mod stutter;
#[cfg(test)]
mod tests;
mod tokens;

use crate::lines::LineIndex;
use crate::report::Occurrence;
use crate::split::RawUnit;
use crate::Span;

use covered::merge_covered;
use runs::repeats;
use stutter::stutters;
use tokens::Words;

/// What kind of repeat a [`InnerRepeat`] is.
///
/// ```
/// use dedupe::InnerKind;
/// fn describe(kind: InnerKind) -> &'static str {
///     match kind {
///         InnerKind::Stutter => "a phrase immediately repeated",
///         InnerKind::Repeat => "a run of words that occurs again",
///         _ => "something new",
///     }
/// }
/// assert_eq!(describe(InnerKind::Stutter), "a phrase immediately repeated");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum InnerKind {
    /// A phrase of a few words immediately followed by copies of itself ("the the").
    Stutter,
    /// A run of words that occurs more than once, not necessarily adjacent.
    Repeat,
}

/// A repeat inside units: a stutter, or a repeated run of words, with where it occurs.
///
/// Byte offsets start at 0; line numbers start at 1 and count `\n`, `\r\n` and a lone
/// `\r` as line ends. Spans start at the first byte of a word and end after the last byte
/// of a word (a stutter's also after punctuation its copies share, see
/// [`InnerRepeat::first_copy`]); they never include surrounding whitespace.
///
/// ```
/// use dedupe::{InnerKind, InnerRepeat};
/// // The fields a caller reads, whatever search made the repeat.
/// fn summary(s: &InnerRepeat, text: &str) -> String {
///     let first = &s.occurrences()[0];
///     match s.kind() {
///         InnerKind::Stutter => format!("line {}: {:?} x{}", first.line(), first.text(text), s.copies()),
///         _ => format!("{} words, {} times", s.tokens(), s.occurrences().len()),
///     }
/// }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct InnerRepeat {
    pub(crate) kind: InnerKind,
    pub(crate) tokens: usize,
    pub(crate) copies: usize,
    pub(crate) occurrences: Vec<Occurrence>,
    pub(crate) first_copy: Option<Span>,
    pub(crate) in_covered: bool,
}

impl InnerRepeat {
    /// A stutter or a repeated run.
    ///
    /// ```
    /// fn is_stutter(s: &dedupe::InnerRepeat) -> bool {
    ///     s.kind() == dedupe::InnerKind::Stutter
    /// }
    /// ```
    pub fn kind(&self) -> InnerKind {
        self.kind
    }

    /// Words in one copy (a stutter) or one occurrence (a repeated run).
    ///
    /// ```
    /// // "President Ilham President Ilham" is a stutter of 2 words, 2 copies.
    /// fn words_repeated(s: &dedupe::InnerRepeat) -> usize {
    ///     s.tokens() * (s.copies() - 1)
    /// }
    /// ```
    pub fn tokens(&self) -> usize {
        self.tokens
    }

    /// For a stutter, how many copies of the phrase follow one another (2 for "the the",
    /// 3 for "the the the"); for a repeated run, the number of occurrences.
    ///
    /// ```
    /// fn tripled(s: &dedupe::InnerRepeat) -> bool {
    ///     s.copies() >= 3
    /// }
    /// ```
    pub fn copies(&self) -> usize {
        self.copies
    }

    /// Where it occurs, in text order. A stutter has one occurrence, covering all its
    /// copies; a repeated run has two or more, not overlapping.
    ///
    /// ```
    /// let finder = dedupe::FinderBuilder::new().inner(true).build()?;
    /// let report = finder.find("A first line.\nI saw the the cat.");
    /// let lines: Vec<usize> = report.inner()[0].occurrences().iter().map(|o| o.line()).collect();
    /// assert_eq!(lines, [2]);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn occurrences(&self) -> &[Occurrence] {
        &self.occurrences
    }

    /// For a stutter, the first copy with the punctuation attached to its end (up to the
    /// next whitespace or word): what is left once the stutter is repaired. `None` for a
    /// repeated run.
    ///
    /// ```
    /// // Repairing a stutter: keep the first copy, cut the rest of the occurrence.
    /// fn repaired(s: &dedupe::InnerRepeat, text: &str) -> Option<String> {
    ///     let copy = s.first_copy()?;
    ///     let occ = s.occurrences()[0].span();
    ///     Some(format!("{}{}{}", &text[..occ.start], &text[copy], &text[occ.end..]))
    /// }
    /// ```
    pub fn first_copy(&self) -> Option<Span> {
        self.first_copy
    }

    /// Whether a stutter lies wholly inside a range already reported as a repeated unit
    /// or block. Always `false` for a repeated run (occurrences inside such ranges are
    /// dropped).
    ///
    /// ```
    /// fn fresh(s: &dedupe::InnerRepeat) -> bool {
    ///     !s.in_covered()
    /// }
    /// ```
    pub fn in_covered(&self) -> bool {
        self.in_covered
    }
}

/// What [`find_inner`] looks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct InnerConfig {
    /// Repeated runs shorter than this many words are not reported (0 counts as 1).
    pub(crate) min_tokens: usize,
    /// Whether stutters are reported.
    pub(crate) stutters: bool,
    /// The longest stuttered phrase, in words.
    pub(crate) max_stutter_words: usize,
}

impl Default for InnerConfig {
    fn default() -> Self {
        InnerConfig {
            min_tokens: 8,
            stutters: true,
            max_stutter_words: 8,
        }
    }
}

/// Finds the stutters and repeated runs of `text`, sorted by where their first
/// occurrence starts (stutters first on a tie, then longer first).
///
/// `covered` holds byte ranges already reported (the later occurrences of repeated units
/// and blocks), in any order: occurrences of repeated runs wholly inside one (or inside
/// several separated only by whitespace) are dropped; stutters inside them are kept and
/// marked. Occurrences carry unit 0: see [`assign_units`].
pub(crate) fn find_inner(text: &str, covered: &[Span], cfg: &InnerConfig) -> Vec<InnerRepeat> {
    find_counted(text, covered, cfg).0
}

/// Sets each occurrence's unit: the index of the unit its start falls in (or the last
/// unit starting before it). `units` in text order, as [`crate::split`] makes them.
pub(crate) fn assign_units(found: &mut [InnerRepeat], units: &[RawUnit]) {
    for s in found {
        for o in &mut s.occurrences {
            o.unit = units
                .partition_point(|u| u.span.start <= o.span.start)
                .saturating_sub(1);
        }
    }
}

/// Steps taken, for tests of the bounds.
#[derive(Clone, Copy, Debug, Default)]
struct Work {
    /// Words in the text.
    tokens: usize,
    /// Word ids compared by the stutter scan and the collapse.
    compared: usize,
    /// Length of the collapsed sequence.
    collapsed: usize,
    /// Occurrences listed for repeated runs.
    listed: usize,
}

fn find_counted(text: &str, covered: &[Span], cfg: &InnerConfig) -> (Vec<InnerRepeat>, Work) {
    let mut work = Work::default();
    let words = Words::new(text);
    work.tokens = words.toks.len();
    let covered = merge_covered(text, covered);
    let mut lines = LineIndex::new(text);
    let mut out = Vec::new();
    if cfg.stutters && cfg.max_stutter_words > 0 {
        stutters(
            text,
            &words,
            &covered,
            cfg.max_stutter_words,
            &mut lines,
            &mut work,
            &mut out,
        );
    }
    repeats(
        &words,
        &covered,
        cfg.min_tokens.max(1),
        &mut lines,
        &mut work,
        &mut out,
    );
    out.sort_by(|a, b| {
        (a.occurrences[0].span.start, a.kind, b.tokens).cmp(&(b.occurrences[0].span.start, b.kind, a.tokens))
    });
    (out, work)
}

/// The occurrence of `span` (unit 0 until [`assign_units`]).
fn occurrence(lines: &mut LineIndex, span: Span) -> Occurrence {
    let (line, end_line) = lines.lines_of(span);
    Occurrence {
        doc: 0,
        span,
        line,
        end_line,
        unit: 0,
    }
}
