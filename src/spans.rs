//! Spans: repeats inside units. Stutters (a phrase immediately repeated) and repeated runs
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
//! Inc.," ends after the second `.,`). [`SpanRepeat::first_copy`] is the first copy
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
//! repair of the repeat does not fix. [`SpanRepeat::in_covered`] says whether it lies
//! wholly inside one.
//!
//! # Repeated spans
//!
//! A *repeated span* is a run of at least `min_tokens` words (default 8) that occurs more
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

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};
use xxhash_rust::xxh3::xxh3_64;

use crate::report::Occurrence;
use crate::split::RawUnit;
use crate::suffix::{lcp_array, suffix_array};
use crate::Span;

/// The longest period, in words, of the tandem runs collapsed before repeats are found.
const COLLAPSE_PERIOD: usize = 8;
/// Occurrences listed per word of text, at most, over all repeated spans.
const WORK_PER_TOKEN: usize = 8;
/// Occurrences listed regardless of the text's length.
const WORK_BASE: usize = 1024;
/// Repeats with at most this many occurrences are listed first.
const CHEAP_OCCURRENCES: usize = 16;
/// Earlier repeats a repeat is checked against for containment.
const CONTAINMENT_CANDIDATES: usize = 64;

/// Single words whose immediate double is legitimate (already lowercase).
const LEGIT_DOUBLES: &[&str] = &[
    "had", "that", "very", "really", "so", "no", "yes", "ha", "haha", "he", "hee", "ho", "hey", "hi", "bye",
    "la", "na", "oh", "ah", "aw", "boo", "blah", "bla", "tut", "tsk", "shh", "sh", "hush", "knock", "ding",
    "dong", "chop", "bang", "boom", "there", "now", "come", "well", "far", "many", "long", "much", "more",
    "again", "yeah", "yay", "wow", "ok", "okay", "mm", "hmm", "uh", "um", "er", "wait",
];

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
pub enum SpanKind {
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
pub struct SpanRepeat {
    pub(crate) kind: SpanKind,
    pub(crate) tokens: usize,
    pub(crate) copies: usize,
    pub(crate) occurrences: Vec<Occurrence>,
    pub(crate) first_copy: Option<Span>,
    pub(crate) in_covered: bool,
}

impl SpanRepeat {
    /// A stutter or a repeated run.
    ///
    /// ```
    /// fn is_stutter(s: &dedupe::InnerRepeat) -> bool {
    ///     s.kind() == dedupe::InnerKind::Stutter
    /// }
    /// ```
    pub fn kind(&self) -> SpanKind {
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
    /// fn lines(s: &dedupe::InnerRepeat) -> Vec<usize> {
    ///     s.occurrences().iter().map(|o| o.line()).collect()
    /// }
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

/// What [`find_spans`] looks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct SpanConfig {
    /// Repeated runs shorter than this many words are not reported (0 counts as 1).
    pub(crate) min_tokens: usize,
    /// Whether stutters are reported.
    pub(crate) stutters: bool,
    /// The longest stuttered phrase, in words.
    pub(crate) max_stutter_words: usize,
}

impl Default for SpanConfig {
    fn default() -> Self {
        SpanConfig {
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
pub(crate) fn find_spans(text: &str, covered: &[Span], cfg: &SpanConfig) -> Vec<SpanRepeat> {
    find_spans_counted(text, covered, cfg).0
}

/// Sets each occurrence's unit: the index of the unit its start falls in (or the last
/// unit starting before it). `units` in text order, as [`crate::split`] makes them.
pub(crate) fn assign_units(spans: &mut [SpanRepeat], units: &[RawUnit]) {
    for s in spans {
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

fn find_spans_counted(text: &str, covered: &[Span], cfg: &SpanConfig) -> (Vec<SpanRepeat>, Work) {
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

// ---------------------------------------------------------------------------------------
// Words

const NUMERIC: u8 = 1;
const ONE_CHAR: u8 = 2;

/// One word: its bytes, its id (equal ids, equal normalized words) and its class bits.
#[derive(Clone, Copy, Debug)]
struct Token {
    start: usize,
    end: usize,
    id: u32,
    class: u8,
}

/// A hasher for keys that are already hashes.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = x;
    }
}

type IdMap = HashMap<u64, u32, BuildHasherDefault<IdHasher>>;

/// The words of a text, with ids interned by normalized hash.
struct Words {
    toks: Vec<Token>,
    /// `toks[i].id`, contiguous for the period scans.
    ids: Vec<u32>,
    /// Ids given out: every id is below this.
    alphabet: u32,
    /// Ids of the legitimate single-word doubles present in the text, sorted.
    legit: Vec<u32>,
}

/// Reusable normalization buffers.
#[derive(Default)]
struct WordScratch {
    buf: String,
    nfkc: String,
}

impl Words {
    fn new(text: &str) -> Words {
        let mut ids = IdMap::with_capacity_and_hasher(text.len() / 8 + 16, Default::default());
        let mut scratch = WordScratch::default();
        let mut toks = Vec::with_capacity(text.len() / 6 + 1);
        let mut push = |start: usize, end: usize, ids: &mut IdMap| {
            let word = &text[start..end];
            let (hash, class) = word_key(word, &mut scratch);
            let next = ids.len() as u32;
            let id = *ids.entry(hash).or_insert(next);
            toks.push(Token {
                start,
                end,
                id,
                class,
            });
        };
        crate::words::words(text).for_each(|(start, w)| push(start, start + w.len(), &mut ids));
        let mut legit: Vec<u32> = legit_hashes()
            .iter()
            .filter_map(|h| ids.get(h).copied())
            .collect();
        legit.sort_unstable();
        Words {
            ids: toks.iter().map(|t| t.id).collect(),
            legit,
            alphabet: ids.len() as u32,
            toks,
        }
    }
}

/// Hashes of the legitimate doubles.
fn legit_hashes() -> &'static [u64] {
    static HASHES: OnceLock<Vec<u64>> = OnceLock::new();
    HASHES.get_or_init(|| LEGIT_DOUBLES.iter().map(|w| xxh3_64(w.as_bytes())).collect())
}

/// The hash of a word's normalized, lowercased form, and its class bits. Allocates
/// nothing once the scratch buffers have grown.
#[inline]
fn word_key(word: &str, scratch: &mut WordScratch) -> (u64, u8) {
    let bytes = word.as_bytes();
    if word.is_ascii() {
        let mut class = if bytes.len() == 1 { ONE_CHAR } else { 0 };
        if !bytes.iter().any(u8::is_ascii_alphabetic) {
            class |= NUMERIC;
        }
        if !bytes.iter().any(u8::is_ascii_uppercase) {
            return (xxh3_64(bytes), class);
        }
        scratch.buf.clear();
        scratch
            .buf
            .extend(bytes.iter().map(|b| b.to_ascii_lowercase() as char));
        return (xxh3_64(scratch.buf.as_bytes()), class);
    }
    let src: &str = if is_nfkc_quick(word.chars()) == IsNormalized::Yes {
        word
    } else {
        scratch.nfkc.clear();
        scratch.nfkc.extend(word.nfkc());
        &scratch.nfkc
    };
    let buf = &mut scratch.buf;
    buf.clear();
    let mut alphabetic = false;
    for c in src.chars() {
        let c = match c {
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => continue,
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' => '"',
            c => c,
        };
        alphabetic |= c.is_alphabetic();
        buf.extend(c.to_lowercase());
    }
    let mut class = if alphabetic { 0 } else { NUMERIC };
    let mut chars = word.chars();
    if chars.next().is_some() && chars.next().is_none() {
        class |= ONE_CHAR;
    }
    (xxh3_64(buf.as_bytes()), class)
}

// ---------------------------------------------------------------------------------------
// Stutters

/// Whether the bytes between two words end a line or a sentence.
fn hard_gap(gap: &str) -> bool {
    let mut chars = gap.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => return true,
            '.' | '!' | '?' | '\u{2026}' | '\u{3002}' | '\u{FF01}' | '\u{FF1F}' | '\u{FF61}' => {
                // Skip closing quotes and brackets, and further terminators.
                while let Some(&d) = chars.peek() {
                    if matches!(
                        d,
                        '"' | '\''
                            | ')'
                            | ']'
                            | '}'
                            | '\u{2019}'
                            | '\u{201D}'
                            | '\u{BB}'
                            | '\u{300D}'
                            | '\u{300F}'
                            | '.'
                            | '!'
                            | '?'
                            | '\u{2026}'
                    ) {
                        chars.next();
                    } else {
                        break;
                    }
                }
                match chars.peek() {
                    None => return true,
                    Some(d) if d.is_whitespace() => return true,
                    _ => {}
                }
            }
            _ => {}
        }
    }
    false
}

/// Whether copies may be separated by `gap`, for a phrase of `d` words.
#[inline]
fn boundary_ok(gap: &str, d: usize) -> bool {
    if d == 1 {
        // A single word doubles only across plain whitespace, never a line break.
        gap.bytes().all(|c| c == b' ' || c == b'\t') || (!gap.is_ascii() && gap.chars().all(is_inline_space))
    } else {
        !hard_gap(gap)
    }
}

fn is_inline_space(c: char) -> bool {
    c.is_whitespace()
        && !matches!(
            c,
            '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{0B}' | '\u{0C}'
        )
}

/// Whether an immediately repeated phrase is reported, by the rules in the module docs.
fn reportable(text: &str, words: &Words, phrase: &[Token]) -> bool {
    if phrase.iter().all(|t| t.class & NUMERIC != 0) {
        return false;
    }
    let one_char = phrase.iter().all(|t| t.class & ONE_CHAR != 0);
    if phrase.len() == 1 {
        let id = phrase[0].id;
        if words.legit.binary_search(&id).is_ok() {
            return false;
        }
        return !one_char || matches!(&text[phrase[0].start..phrase[0].end], "a" | "I");
    }
    !(one_char && phrase.len() < 3)
}

/// Trailing punctuation after token `t`: the gap's bytes up to the first whitespace.
fn trailing(text: &str, toks: &[Token], t: usize) -> usize {
    let end = toks.get(t + 1).map_or(text.len(), |n| n.start);
    let gap = &text[toks[t].end..end];
    gap.find(char::is_whitespace).unwrap_or(gap.len())
}

fn stutters(
    text: &str,
    words: &Words,
    covered: &[Span],
    max_words: usize,
    lines: &mut LineIndex,
    work: &mut Work,
    out: &mut Vec<SpanRepeat>,
) {
    let (toks, ids) = (&words.toks, &words.ids[..]);
    let n = toks.len();
    let same = |a: usize, b: usize, d: usize, work: &mut Work| {
        work.compared += d;
        ids[a..a + d] == ids[b..b + d]
    };
    let gap = |j: usize| &text[toks[j - 1].end..toks[j].start];
    let mut i = 0;
    while i + 1 < n {
        let mut found = None;
        for d in 1..=max_words {
            if i + 2 * d > n {
                break;
            }
            if ids[i] == ids[i + d] && same(i, i + d, d, work) && boundary_ok(gap(i + d), d) {
                found = Some(d);
                break;
            }
        }
        let Some(d) = found else {
            i += 1;
            continue;
        };
        let mut copies = 2;
        while i + (copies + 1) * d <= n
            && same(i, i + copies * d, d, work)
            && boundary_ok(gap(i + copies * d), d)
        {
            copies += 1;
        }
        let last = i + copies * d - 1;
        if reportable(text, words, &toks[i..i + d]) {
            let first_trail = trailing(text, toks, i + d - 1);
            let first_end = toks[i + d - 1].end + first_trail;
            let mut end = toks[last].end;
            let last_trail = trailing(text, toks, last);
            if last_trail == first_trail
                && text[end..end + last_trail] == text[toks[i + d - 1].end..first_end]
            {
                end += last_trail;
            }
            let span = Span {
                start: toks[i].start,
                end,
            };
            out.push(SpanRepeat {
                kind: SpanKind::Stutter,
                tokens: d,
                copies,
                occurrences: vec![lines.occurrence(span)],
                first_copy: Some(Span {
                    start: toks[i].start,
                    end: first_end,
                }),
                in_covered: is_covered(covered, span),
            });
        }
        i = last + 1;
    }
}

// ---------------------------------------------------------------------------------------
// Repeated spans

/// The word ids with tandem runs of period at most [`COLLAPSE_PERIOD`] collapsed to their
/// first copy and a marker, and the first word each collapsed position stands for
/// (`starts[m]` is the number of words).
fn collapse(words: &Words, work: &mut Work) -> (Vec<u32>, Vec<u32>, u32) {
    let ids = &words.ids[..];
    let n = ids.len();
    let mut seq = Vec::with_capacity(n);
    let mut starts = Vec::with_capacity(n + 1);
    let mut markers: HashMap<(u64, u32, u32), u32> = HashMap::new();
    let mut next = words.alphabet;
    let mut bytes: Vec<u8> = Vec::new();
    let same = |a: usize, b: usize, d: usize, work: &mut Work| {
        work.compared += d;
        ids[a..a + d] == ids[b..b + d]
    };
    let mut i = 0;
    while i < n {
        let mut found = None;
        for d in 1..=COLLAPSE_PERIOD {
            if i + 2 * d > n {
                break;
            }
            if ids[i] == ids[i + d] && same(i, i + d, d, work) {
                found = Some(d);
                break;
            }
        }
        let Some(d) = found else {
            seq.push(ids[i]);
            starts.push(i as u32);
            i += 1;
            continue;
        };
        let mut copies = 2;
        while i + (copies + 1) * d <= n && same(i, i + copies * d, d, work) {
            copies += 1;
        }
        seq.extend_from_slice(&ids[i..i + d]);
        starts.extend(i as u32..(i + d) as u32);
        bytes.clear();
        for id in &ids[i..i + d] {
            bytes.extend_from_slice(&id.to_le_bytes());
        }
        let key = (xxh3_64(&bytes), d as u32, copies as u32);
        let id = *markers.entry(key).or_insert_with(|| {
            next += 1;
            next - 1
        });
        seq.push(id);
        starts.push((i + d) as u32);
        i += copies * d;
    }
    starts.push(n as u32);
    (seq, starts, next)
}

/// Whether some window of `k` ids occurs twice (or a hash says so): without markers, a
/// repeat of `k` words needs one. A rolling polynomial hash, so `O(n)`.
fn repeated_window(seq: &[u32], k: usize) -> bool {
    const B: u64 = 0x9E37_79B9_7F4A_7C15;
    if seq.len() <= k {
        return false;
    }
    let top = (1..k).fold(1u64, |p, _| p.wrapping_mul(B));
    let mut seen: HashMap<u64, (), BuildHasherDefault<IdHasher>> =
        HashMap::with_capacity_and_hasher(seq.len(), Default::default());
    let mut h = 0u64;
    for (i, &x) in seq.iter().enumerate() {
        if i >= k {
            h = h.wrapping_sub(top.wrapping_mul(u64::from(seq[i - k]) + 1));
        }
        h = h.wrapping_mul(B).wrapping_add(u64::from(x) + 1);
        if i + 1 >= k && seen.insert(xxh3_64(&h.to_le_bytes()), ()).is_some() {
            return true;
        }
    }
    false
}

/// A maximal repeat: `len` collapsed positions, the suffix-array rows `lb..=rb`.
struct Candidate {
    len: u32,
    lb: u32,
    rb: u32,
}

/// Maximal repeats of `seq` at least `min_tokens` words long, by a bottom-up walk of the
/// LCP intervals that carries each interval's common preceding id (or none).
fn maximal_repeats(
    seq: &[u32],
    sa: &[u32],
    lcp: &[u32],
    starts: &[u32],
    min_tokens: usize,
) -> Vec<Candidate> {
    const EMPTY: u32 = u32::MAX;
    const MIXED: u32 = u32::MAX - 1;
    const START: u32 = u32::MAX - 2;
    let merge = |a: u32, b: u32| match (a, b) {
        (EMPTY, x) | (x, EMPTY) => x,
        (x, y) if x == y && x != START => x,
        _ => MIXED,
    };
    let left = |r: usize| match sa[r] {
        0 => START,
        p => seq[p as usize - 1],
    };
    let words = |p: u32, len: u32| (starts[(p + len) as usize] - starts[p as usize]) as usize;
    struct Frame {
        lcp: u32,
        lb: u32,
        left: u32,
    }
    let m = seq.len();
    let mut out = Vec::new();
    let mut stack = vec![Frame {
        lcp: 0,
        lb: 0,
        left: EMPTY,
    }];
    for r in 0..m {
        let leaf = left(r);
        if let Some(top) = stack.last_mut() {
            top.left = merge(top.left, leaf);
        }
        let h = if r + 1 < m { lcp[r + 1] } else { 0 };
        let mut lb = r as u32;
        let mut child: Option<u32> = None;
        while stack.last().is_some_and(|f| h < f.lcp) {
            let Some(f) = stack.pop() else { break };
            if f.left == MIXED && words(sa[f.lb as usize], f.lcp) >= min_tokens {
                out.push(Candidate {
                    len: f.lcp,
                    lb: f.lb,
                    rb: r as u32,
                });
            }
            lb = f.lb;
            match stack.last_mut() {
                Some(top) if h <= top.lcp => {
                    top.left = merge(top.left, f.left);
                    child = None;
                }
                _ => child = Some(f.left),
            }
        }
        if stack.last().is_some_and(|f| h > f.lcp) {
            stack.push(Frame {
                lcp: h,
                lb,
                left: merge(child.unwrap_or(EMPTY), leaf),
            });
        }
    }
    out
}

fn repeats(
    words: &Words,
    covered: &[Span],
    min_tokens: usize,
    lines: &mut LineIndex,
    work: &mut Work,
    out: &mut Vec<SpanRepeat>,
) {
    let toks = &words.toks;
    if toks.len() < 2 * min_tokens {
        return;
    }
    let (seq, starts, alphabet) = collapse(words, work);
    work.collapsed = seq.len();
    let m = seq.len();
    if m < 2 || (alphabet == words.alphabet && !repeated_window(&seq, min_tokens)) {
        return;
    }
    let sa = suffix_array(&seq, alphabet as usize);
    let mut rank = vec![0u32; m];
    for (r, &p) in sa.iter().enumerate() {
        rank[p as usize] = r as u32;
    }
    let lcp = lcp_array(&seq, &sa, &rank);
    drop(rank);
    let mut cands = maximal_repeats(&seq, &sa, &lcp, &starts, min_tokens);
    // Cheap candidates first, fewest occurrences first; then the rest, most first, so
    // that a long periodic run spends the budget on its period before its multiples.
    cands.sort_unstable_by_key(|c| {
        let size = c.rb - c.lb + 1;
        let key = if size as usize <= CHEAP_OCCURRENCES {
            size
        } else {
            u32::MAX - size
        };
        (key, std::cmp::Reverse(c.len), c.lb)
    });

    let mut budget = WORK_PER_TOKEN * toks.len() + WORK_BASE;
    let mut found: Vec<SpanRepeat> = Vec::new();
    let mut pos: Vec<u32> = Vec::new();
    for c in cands {
        let size = (c.rb - c.lb + 1) as usize;
        if size > budget {
            break;
        }
        budget -= size;
        work.listed += size;
        pos.clear();
        pos.extend_from_slice(&sa[c.lb as usize..=c.rb as usize]);
        pos.sort_unstable();
        if pos.windows(2).any(|w| w[1] - w[0] < c.len) {
            // It overlaps itself: the tandem repetition of a shorter repeat.
            continue;
        }
        let byte_span = |p: u32| {
            let first = starts[p as usize] as usize;
            let last = starts[(p + c.len) as usize] as usize - 1;
            Span {
                start: toks[first].start,
                end: toks[last].end,
            }
        };
        let mut occurrences = Vec::new();
        for &p in &pos {
            let span = byte_span(p);
            if !is_covered(covered, span) {
                occurrences.push(lines.occurrence(span));
            }
        }
        if occurrences.len() < 2 {
            continue;
        }
        let p = pos[0] as usize;
        found.push(SpanRepeat {
            kind: SpanKind::Repeat,
            tokens: (starts[p + c.len as usize] - starts[p]) as usize,
            copies: occurrences.len(),
            occurrences,
            first_copy: None,
            in_covered: false,
        });
    }
    drop_contained(&mut found);
    out.extend(found);
}

/// Drops repeats whose occurrences sit one for one inside those of a longer repeat with
/// as many occurrences.
fn drop_contained(found: &mut Vec<SpanRepeat>) {
    found.sort_by_key(|r| (r.occurrences[0].span.start, std::cmp::Reverse(r.tokens)));
    let inside = |a: &SpanRepeat, b: &SpanRepeat| {
        b.tokens > a.tokens
            && a.occurrences.len() == b.occurrences.len()
            && a.occurrences
                .iter()
                .zip(&b.occurrences)
                .all(|(x, y)| y.span.start <= x.span.start && x.span.end <= y.span.end)
    };
    let keep: Vec<bool> = (0..found.len())
        .map(|i| {
            let lo = i.saturating_sub(CONTAINMENT_CANDIDATES);
            !found[lo..i].iter().any(|b| inside(&found[i], b))
        })
        .collect();
    let mut k = keep.iter();
    found.retain(|_| k.next().copied().unwrap_or(true));
}

// ---------------------------------------------------------------------------------------
// Covered ranges and lines

/// Covered ranges sorted, with ranges that overlap or are separated by whitespace only
/// merged.
fn merge_covered(text: &str, covered: &[Span]) -> Vec<Span> {
    let mut v: Vec<Span> = covered
        .iter()
        .filter(|s| s.start < s.end && s.end <= text.len())
        .copied()
        .collect();
    v.sort_unstable();
    let mut out: Vec<Span> = Vec::with_capacity(v.len());
    for s in v {
        if let Some(last) = out.last_mut() {
            if s.start <= last.end
                || text
                    .get(last.end..s.start)
                    .is_some_and(|g| g.chars().all(char::is_whitespace))
            {
                last.end = last.end.max(s.end);
                continue;
            }
        }
        out.push(s);
    }
    out
}

/// Whether `span` lies wholly inside one of the merged `covered` ranges.
fn is_covered(covered: &[Span], span: Span) -> bool {
    let i = covered.partition_point(|c| c.start <= span.start);
    i > 0 && covered[i - 1].end >= span.end
}

/// Byte offset to 1-based line number; the line starts are found on first use.
struct LineIndex<'t> {
    text: &'t str,
    starts: Option<Vec<usize>>,
}

impl<'t> LineIndex<'t> {
    fn new(text: &'t str) -> Self {
        LineIndex { text, starts: None }
    }

    fn line(&mut self, pos: usize) -> u64 {
        let text = self.text;
        let starts = self.starts.get_or_insert_with(|| {
            let b = text.as_bytes();
            let mut v = vec![0];
            let mut at = 0;
            while let Some(i) = memchr::memchr2(b'\n', b'\r', &b[at..]) {
                let e = at + i;
                at = if b[e] == b'\r' && b.get(e + 1) == Some(&b'\n') {
                    e + 2
                } else {
                    e + 1
                };
                v.push(at);
            }
            v
        });
        starts.partition_point(|&s| s <= pos) as u64
    }

    fn occurrence(&mut self, span: Span) -> Occurrence {
        Occurrence {
            span,
            doc: 0,
            line: self.line(span.start) as usize,
            end_line: self.line(span.end.saturating_sub(1).max(span.start)) as usize,
            unit: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{Normalize, Normalizer};

    const SEED: &str = include_str!("../tests/data/doubled-article.txt");

    fn find(text: &str) -> Vec<SpanRepeat> {
        find_spans(text, &[], &SpanConfig::default())
    }

    /// The stutters of `text`, as the text each occurrence covers.
    fn stutter_texts(text: &str) -> Vec<&str> {
        find(text)
            .iter()
            .filter(|s| s.kind == SpanKind::Stutter)
            .map(|s| &text[..][s.occurrences[0].span])
            .collect()
    }

    fn kinds(found: &[SpanRepeat], kind: SpanKind) -> Vec<&SpanRepeat> {
        found.iter().filter(|s| s.kind == kind).collect()
    }

    #[test]
    fn seed_stutters_at_the_known_offsets() {
        let covered = [Span {
            start: 3162,
            end: 6197,
        }];
        let found = find_spans(SEED, &covered, &SpanConfig::default());
        assert!(kinds(&found, SpanKind::Repeat).is_empty(), "{found:?}");
        let st = kinds(&found, SpanKind::Stutter);
        assert_eq!(st.len(), 2, "{st:?}");
        for (s, start, covered) in [(st[0], 1379, false), (st[1], 4415, true)] {
            let occ = s.occurrences[0];
            assert_eq!(
                occ.span,
                Span {
                    start,
                    end: start + 31
                }
            );
            assert_eq!(&SEED[occ.span], "President Ilham President Ilham");
            assert_eq!(
                s.first_copy,
                Some(Span {
                    start,
                    end: start + 15
                })
            );
            assert_eq!((s.tokens, s.copies, s.in_covered), (2, 2, covered));
            assert_eq!(occ.line, occ.end_line);
        }
        assert_eq!(st[0].occurrences[0].line, 6);
        assert_eq!(st[1].occurrences[0].line, 17);
    }

    #[test]
    fn seed_without_covered_ranges_is_one_repeated_body() {
        let reps: Vec<SpanRepeat> = find(SEED)
            .into_iter()
            .filter(|s| s.kind == SpanKind::Repeat)
            .collect();
        assert_eq!(reps.len(), 1, "{reps:?}");
        let occ = &reps[0].occurrences;
        assert_eq!(occ.len(), 2);
        assert_eq!((occ[0].span.start, occ[1].span.end), (126, 6196));
        assert_eq!((occ[0].line, occ[1].line), (2, 13));
    }

    #[test]
    fn stutters_are_found() {
        assert_eq!(stutter_texts("I saw the the cat."), vec!["the the"]);
        assert_eq!(stutter_texts("It is is broken."), vec!["is is"]);
        assert_eq!(stutter_texts("The The cat"), vec!["The The"]);
        assert_eq!(stutter_texts("and a a b"), vec!["a a"]);
        assert_eq!(
            stutter_texts("Azerbaijani President Ilham President Ilham Aliyev said"),
            vec!["President Ilham President Ilham"]
        );
        assert_eq!(
            stutter_texts("New York, New York is a song"),
            vec!["New York, New York"]
        );
        // Curly and straight quotes, case and fullwidth forms compare equal.
        assert_eq!(
            stutter_texts("we don\u{2019}t don't know"),
            vec!["don\u{2019}t don't"]
        );
        assert_eq!(stutter_texts("ＡＢＣ abc x"), vec!["ＡＢＣ abc"]);
        // A hard-wrapped phrase: the line break is inside a copy, not between copies.
        assert_eq!(
            stutter_texts("in the\nUnited States in the\nUnited States"),
            vec!["in the\nUnited States in the\nUnited States"]
        );
    }

    #[test]
    fn punctuation_shared_by_the_copies_is_part_of_them() {
        let text = "Free Software Foundation, Inc., Foundation, Inc., 51 Franklin Street";
        let found = find(text);
        let s = kinds(&found, SpanKind::Stutter)[0];
        assert_eq!(
            &text[..][s.occurrences[0].span],
            "Foundation, Inc., Foundation, Inc.,"
        );
        assert_eq!(s.first_copy.map(|c| &text[c]), Some("Foundation, Inc.,"));
        assert_eq!((s.tokens, s.copies), (2, 2));
    }

    #[test]
    fn three_copies_are_one_stutter() {
        let text = "see the the the end";
        let found = find(text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[..][found[0].occurrences[0].span], "the the the");
        assert_eq!((found[0].tokens, found[0].copies), (1, 3));
        assert_eq!(found[0].first_copy.map(|c| &text[c]), Some("the"));
        let text = "go to the shop go to the shop go to the shop now";
        let found = find(text);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].tokens, found[0].copies), (4, 3));
    }

    #[test]
    fn what_is_not_a_stutter() {
        for text in [
            "He had had enough.",
            "He said that that was fine.",
            "Ha ha, very funny.",
            "ha ha ha ha",
            "Bye bye now.",
            "It is very very good.",
            "It is very, very good.",
            "What it is, is a problem.",
            "No, no, no.",
            "a table 10 10 20 20 1.5 1.5",
            "rows 1 2 1 2 3",
            "It was the end. The end came fast.",
            "Why? Why did you go?",
            "He said \"stop.\" Stop was all he said.",
            "a line ends here\nhere it goes on",
            "x x y y",
            "grades A A B",
            "谢谢你。我们研究研究。妈妈说",
            "ここはいろいろです",
            "",
            "   \n\n  ",
            "word",
        ] {
            assert_eq!(stutter_texts(text), Vec::<&str>::new(), "{text:?}");
        }
    }

    #[test]
    fn three_cjk_characters_repeated_are_a_stutter() {
        assert_eq!(stutter_texts("中华人民中华人民共和国"), vec!["中华人民中华人民"]);
    }

    #[test]
    fn stutters_can_be_turned_off() {
        let cfg = SpanConfig {
            stutters: false,
            ..SpanConfig::default()
        };
        assert!(find_spans("the the", &[], &cfg).is_empty());
        let cfg = SpanConfig {
            max_stutter_words: 1,
            ..SpanConfig::default()
        };
        assert!(find_spans("New York New York", &[], &cfg).is_empty());
    }

    const SENTENCE: &str = "The committee approved the new budget after a long debate on Tuesday";

    #[test]
    fn a_sentence_copied_into_a_later_paragraph() {
        let text = format!(
            "Opening words here.\n\nFirst paragraph says {SENTENCE}, and more.\n\nUnrelated filler text.\n\nLater, as reported: {SENTENCE}."
        );
        let found = find(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        let r = &found[0];
        assert_eq!((r.kind, r.tokens, r.copies), (SpanKind::Repeat, 12, 2));
        for o in &r.occurrences {
            assert_eq!(&text[..][o.span], SENTENCE);
        }
        assert_eq!((r.occurrences[0].line, r.occurrences[1].line), (3, 7));
        assert_eq!(r.first_copy, None);
    }

    #[test]
    fn repeats_compare_normalized_words() {
        let other = "the Committee approved the NEW budget,\nafter a long debate on tuesday";
        let text = format!("{SENTENCE} and then. Again: {other}!");
        let found = find(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(&text[..][found[0].occurrences[1].span], other);
        assert_eq!(
            (found[0].occurrences[1].line, found[0].occurrences[1].end_line),
            (1, 2)
        );
    }

    #[test]
    fn short_runs_are_not_repeats() {
        let text = "one two three four five six seven. Then one two three four five six seven.";
        assert!(find(text).is_empty());
        let cfg = SpanConfig {
            min_tokens: 7,
            ..SpanConfig::default()
        };
        assert_eq!(find_spans(text, &[], &cfg).len(), 1);
    }

    #[test]
    fn three_places_and_adjacent_copies() {
        // Three copies in a row of a sentence longer than a stutter: one repeat, three
        // occurrences, not also "S S" twice (overlapping).
        let text = format!("{SENTENCE} {SENTENCE} {SENTENCE} done");
        let found = find(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].occurrences.len(), 3);
        let spans: Vec<&str> = found[0].occurrences.iter().map(|o| &text[..][o.span]).collect();
        assert_eq!(spans, vec![SENTENCE; 3]);
        // Three separate places.
        let text = format!("a {SENTENCE} b\nc {SENTENCE} d\ne {SENTENCE} f");
        let found = find(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].occurrences.iter().map(|o| o.line).collect::<Vec<_>>(),
            vec![1, 2, 3]
        );
    }

    #[test]
    fn nested_repeats_with_different_counts() {
        // "x S y" twice and S a third time: the longer run twice, S three times.
        let long = format!("alpha {SENTENCE} omega");
        let text = format!("{long}. Filler one.\n{long}. Filler two.\nBare: {SENTENCE}.");
        let found = find(&text);
        let mut got: Vec<(usize, usize)> = found.iter().map(|r| (r.tokens, r.copies)).collect();
        got.sort_unstable();
        assert_eq!(got, vec![(12, 3), (15, 2)], "{found:?}");
    }

    #[test]
    fn covered_occurrences_are_dropped() {
        let text = format!("{SENTENCE}.\n{SENTENCE}.\n{SENTENCE}.");
        let second_line = Span {
            start: SENTENCE.len() + 2,
            end: 2 * SENTENCE.len() + 3,
        };
        let found = find_spans(&text, &[second_line], &SpanConfig::default());
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].occurrences.iter().map(|o| o.line).collect::<Vec<_>>(),
            vec![1, 3]
        );
        let third_line = Span {
            start: second_line.end + 1,
            end: text.len(),
        };
        // Two covered lines separated by a line break cover a repeat across them.
        assert!(find_spans(&text, &[third_line, second_line], &SpanConfig::default()).is_empty());
    }

    #[test]
    fn lines_count_every_terminator() {
        let text = format!("x\r\ny\rz\n\r\n{SENTENCE}\r{SENTENCE}");
        let found = find(&text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].occurrences.iter().map(|o| o.line).collect::<Vec<_>>(),
            vec![5, 6]
        );
    }

    #[test]
    fn units_are_assigned() {
        let text = format!("{SENTENCE}\nsomething else\n{SENTENCE}");
        let mut found = find(&text);
        let (_, units) = crate::split::split(&text, crate::Unit::Line);
        assign_units(&mut found, &units);
        assert_eq!(
            found[0].occurrences.iter().map(|o| o.unit).collect::<Vec<_>>(),
            vec![0, 2]
        );
    }

    #[test]
    fn cjk_and_odd_text_do_not_panic() {
        let cjk = "中华人民共和国成立于一九四九年。中华人民共和国成立于一九四九年。東京は日本の首都です東京は日本の首都です";
        let found = find(cjk);
        for s in &found {
            for o in &s.occurrences {
                assert!(cjk.is_char_boundary(o.span.start) && cjk.is_char_boundary(o.span.end));
            }
        }
        assert!(found.iter().any(|s| s.kind == SpanKind::Repeat));
        for text in [
            "",
            " ",
            "\u{200B}\u{FEFF}",
            "e\u{301}e\u{301}",
            "___ ___",
            "'' ''",
            "\r\r\r",
            "a",
        ] {
            let _ = find(text);
        }
    }

    fn assert_bounded(text: &str, max_found: usize) {
        let (found, work) = find_spans_counted(text, &[], &SpanConfig::default());
        let n = work.tokens;
        assert!(work.compared <= 40 * n + 64, "{work:?}");
        assert!(work.listed <= WORK_PER_TOKEN * n + WORK_BASE, "{work:?}");
        assert!(found.len() <= max_found, "{} found", found.len());
        let occurrences: usize = found.iter().map(|s| s.occurrences.len()).sum();
        assert!(occurrences <= WORK_PER_TOKEN * n + WORK_BASE);
    }

    #[test]
    fn periodic_input_is_bounded() {
        const MB: usize = 1 << 20;
        let one = "word ".repeat(2 * MB / 5);
        let (found, work) = find_spans_counted(&one, &[], &SpanConfig::default());
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].tokens, found[0].copies), (1, 2 * MB / 5));
        assert_eq!(work.collapsed, 2);
        assert_bounded(&one, 1);

        let two = "alpha beta ".repeat(2 * MB / 11);
        let (found, work) = find_spans_counted(&two, &[], &SpanConfig::default());
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].tokens, found[0].copies), (2, 2 * MB / 11));
        assert_eq!(work.collapsed, 3);

        // A period longer than a stutter: one repeat with every copy.
        let long = format!("{SENTENCE} ").repeat(MB / (SENTENCE.len() + 1));
        let (found, work) = find_spans_counted(&long, &[], &SpanConfig::default());
        assert!(
            work.listed <= WORK_PER_TOKEN * work.tokens + WORK_BASE,
            "{work:?}"
        );
        let best = found
            .iter()
            .max_by_key(|s| s.occurrences.len())
            .map(|s| (s.tokens, s.copies));
        assert_eq!(best, Some((12, MB / (SENTENCE.len() + 1))));
        assert_bounded(&long, WORK_PER_TOKEN * work.tokens + WORK_BASE);
    }

    #[test]
    #[ignore = "10 MB in a debug build is slow; run with --release -- --ignored"]
    fn ten_megabytes_of_periodic_input() {
        let one = "word ".repeat(2 << 20);
        assert_bounded(&one, 1);
        let two = "alpha beta ".repeat(1 << 20);
        assert_bounded(&two, 1);
        let copies = (10 << 20) / (SENTENCE.len() + 1);
        let long = format!("{SENTENCE} ").repeat(copies);
        let (found, work) = find_spans_counted(&long, &[], &SpanConfig::default());
        assert!(
            work.listed <= WORK_PER_TOKEN * work.tokens + WORK_BASE,
            "{work:?}"
        );
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].tokens, found[0].copies), (12, copies));
    }

    /// The normalized words of `s`, by the crate's normalizer (an independent oracle).
    fn normalized_words(s: &str) -> Vec<String> {
        let n = Normalizer {
            level: Normalize::Unicode,
            fold_case: true,
        };
        unicode_segmentation::UnicodeSegmentation::unicode_words(s)
            .map(|w| n.normalize_cow(w).into_owned())
            .collect()
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        fn word() -> impl Strategy<Value = String> {
            prop::sample::select(vec![
                "the",
                "The",
                "cat",
                "sat",
                "on",
                "mat",
                "a",
                "dog",
                "10",
                "\u{201C}quote\u{201D}",
                "don\u{2019}t",
                "don't",
                "Ärger",
                "猫",
                "ここ",
                "Inc.,",
                "ｆｕｌｌ",
                "e\u{301}",
                "is",
                "had",
            ])
            .prop_map(str::to_owned)
        }

        fn sep() -> impl Strategy<Value = &'static str> {
            prop::sample::select(vec![
                " ", " ", " ", ", ", ". ", "\n", "\r\n", "\n\n", "\r", "\t", "",
            ])
        }

        /// Text from a few phrases, repeated and mixed, so repeats occur.
        fn text() -> impl Strategy<Value = String> {
            let phrase = prop::collection::vec((word(), sep()), 1..12)
                .prop_map(|ws| ws.into_iter().map(|(w, s)| format!("{w}{s}")).collect::<String>());
            (
                prop::collection::vec(phrase, 1..5),
                prop::collection::vec(0usize..5, 0..12),
            )
                .prop_map(|(ps, order)| {
                    let mut s = String::new();
                    for i in order {
                        s.push_str(&ps[i % ps.len()]);
                        s.push(' ');
                    }
                    s
                })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            #[test]
            fn reports_are_sound(text in text(), min in 2usize..10) {
                let cfg = SpanConfig { min_tokens: min, ..SpanConfig::default() };
                let found = find_spans(&text, &[], &cfg);
                for s in &found {
                    prop_assert!(!s.occurrences.is_empty());
                    for o in &s.occurrences {
                        let sp = o.span;
                        prop_assert!(sp.start < sp.end && sp.end <= text.len());
                        prop_assert!(text.is_char_boundary(sp.start) && text.is_char_boundary(sp.end));
                        let line = 1 + text[..sp.start].matches('\n').count()
                            + text[..sp.start].matches('\r').count()
                            - text[..sp.start].matches("\r\n").count();
                        prop_assert_eq!(o.line, line);
                        prop_assert!(o.end_line >= o.line);
                    }
                    match s.kind {
                        SpanKind::Repeat => {
                            prop_assert!(s.occurrences.len() >= 2);
                            prop_assert!(s.tokens >= min);
                            let first = normalized_words(&text[..][s.occurrences[0].span]);
                            prop_assert_eq!(first.len(), s.tokens);
                            for (a, b) in s.occurrences.iter().zip(&s.occurrences[1..]) {
                                prop_assert!(a.span.end <= b.span.start);
                                prop_assert_eq!(&normalized_words(&text[..][b.span]), &first);
                            }
                        }
                        SpanKind::Stutter => {
                            let copy = normalized_words(&text[..][s.first_copy.unwrap()]);
                            prop_assert_eq!(copy.len(), s.tokens);
                            let all = normalized_words(&text[..][s.occurrences[0].span]);
                            prop_assert_eq!(all.len(), s.tokens * s.copies);
                            for chunk in all.chunks(s.tokens) {
                                prop_assert_eq!(chunk, &copy[..]);
                            }
                        }
                    }
                }
            }
        }
    }
}
