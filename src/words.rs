//! Words: the tokens that stutters, shingles and n-gram statistics are built from.
//!
//! [`words`] follows Unicode word boundaries (UAX #29). ASCII text takes a hand-written
//! segmenter that applies the same rules to the ASCII word-break classes, 64 bytes at a
//! time; it yields exactly what `unicode-segmentation` yields (checked by property
//! tests) at several times the speed. It also takes the common non-ASCII letters and
//! punctuation whose rules are those of ASCII ones ([`simple_char`]); only the
//! stretches around other characters go to `unicode-segmentation` (see [`MixedWords`]).

use unicode_segmentation::{UnicodeSegmentation, UnicodeWordIndices};

/// The words of `text` by Unicode word boundaries (UAX #29), with their byte offsets.
///
/// Punctuation and whitespace are not words; "can't" and "3.14" are one word each.
pub(crate) fn words(text: &str) -> Words<'_> {
    if text.is_ascii() {
        Words::Ascii(AsciiWords {
            text,
            bounds: ascii_word_bounds(text.as_bytes()),
        })
    } else {
        Words::Mixed(MixedWords {
            text,
            pos: 0,
            part: Part::Done,
        })
    }
}

/// The iterator [`words`] returns.
pub(crate) enum Words<'t> {
    Ascii(AsciiWords<'t>),
    Mixed(MixedWords<'t>),
}

impl<'t> Iterator for Words<'t> {
    type Item = (usize, &'t str);

    #[inline]
    fn next(&mut self) -> Option<(usize, &'t str)> {
        match self {
            Words::Ascii(it) => it.next(),
            Words::Mixed(it) => it.next(),
        }
    }

    // `for_each` and the other internal iterations run each part's loop on its own, with
    // the segmenter's state in registers.
    #[inline]
    fn fold<B, F: FnMut(B, Self::Item) -> B>(self, init: B, f: F) -> B {
        match self {
            Words::Ascii(it) => it.fold(init, f),
            Words::Mixed(it) => it.fold(init, f),
        }
    }
}

/// Words of a text with non-ASCII characters: parts with only ASCII and [simple]
/// characters by the ASCII segmenter, the rest by `unicode-segmentation`.
///
/// The text is cut only where UAX #29 always breaks and no rule looks across: before a
/// run of ASCII spaces that follows a character other than a space (ASCII or simple),
/// and after a run of spaces that an ASCII character other than a space follows. Between
/// a space and such a character there is always a break (WB3d joins only spaces, WB4
/// only Extend, Format and ZWJ characters, none of them ASCII or simple, and WB5-WB13b
/// need a letter, digit, `_` or mid-letter/number character on both sides of the
/// break); the rules with context (WB6, WB7, WB11, WB12) look one character past the
/// break, which is a space on one side, so they cannot join. A part with other
/// characters runs from the start of the space run before its first such character to
/// the end of the space run after its last.
///
/// [simple]: simple_char
pub(crate) struct MixedWords<'t> {
    text: &'t str,
    /// Where the next part starts.
    pos: usize,
    part: Part<'t>,
}

enum Part<'t> {
    Done,
    Ascii(AsciiWordBounds<'t>, usize),
    Unicode(UnicodeWordIndices<'t>, usize),
}

impl<'t> MixedWords<'t> {
    /// Sets `part` to the part starting at `pos`, and advances `pos` past it.
    fn next_part(&mut self) {
        let b = self.text.as_bytes();
        let n = b.len();
        let start = self.pos;
        let Some(first) = first_complex(b, start) else {
            self.part = Part::Ascii(simple_word_bounds(&b[start..]), start);
            self.pos = n;
            return;
        };
        // Back to the start of the space run before `first` (or to `start`).
        let mut cut = b[start..first]
            .iter()
            .rposition(|&c| c == b' ')
            .map_or(start, |i| start + i);
        while cut > start && b[cut - 1] == b' ' {
            cut -= 1;
        }
        if cut > start {
            self.part = Part::Ascii(simple_word_bounds(&b[start..cut]), start);
            self.pos = cut;
            return;
        }
        // Forward to the first ASCII non-space after a space.
        let mut end = n;
        let mut i = first + 1;
        while i < n {
            if b[i - 1] == b' ' && b[i] < 0x80 && b[i] != b' ' {
                end = i;
                break;
            }
            i += 1;
        }
        self.part = Part::Unicode(self.text[start..end].unicode_word_indices(), start);
        self.pos = end;
    }
}

impl<'t> Iterator for MixedWords<'t> {
    type Item = (usize, &'t str);

    fn next(&mut self) -> Option<(usize, &'t str)> {
        loop {
            match &mut self.part {
                Part::Ascii(it, off) => {
                    if let Some((s, e)) = it.next() {
                        return Some((*off + s, &self.text[*off + s..*off + e]));
                    }
                }
                Part::Unicode(it, off) => {
                    if let Some((s, w)) = it.next() {
                        return Some((*off + s, w));
                    }
                }
                Part::Done => {}
            }
            if self.pos >= self.text.len() {
                self.part = Part::Done;
                return None;
            }
            self.next_part();
        }
    }

    fn fold<B, F: FnMut(B, Self::Item) -> B>(mut self, init: B, mut f: F) -> B {
        let text = self.text;
        let mut acc = init;
        loop {
            match std::mem::replace(&mut self.part, Part::Done) {
                Part::Ascii(it, off) => {
                    acc = it.fold(acc, |acc, (s, e)| f(acc, (off + s, &text[off + s..off + e])));
                }
                Part::Unicode(it, off) => acc = it.fold(acc, |acc, (s, w)| f(acc, (off + s, w))),
                Part::Done => {}
            }
            if self.pos >= text.len() {
                return acc;
            }
            self.next_part();
        }
    }
}

/// The word-break class of the non-ASCII character at `b[i]` (a leading byte) if it is
/// *simple*, with its length in bytes; `None` otherwise.
///
/// Simple characters are common non-ASCII characters that UAX #29 treats like an ASCII
/// letter (ALetter: Latin letters U+00C0..U+024F except `×` and `÷`, and `ª`, `µ`, `º`)
/// or like ASCII punctuation that never joins (Other: the rest of U+00A0..U+00BF except
/// the soft hyphen, the middle dot, the cedilla and the numeric `²`, `³`, `¹`, `¼`, `½`,
/// `¾`; `×`, `÷`; and dashes, quotes and other
/// punctuation of U+2010..U+203E except the mid-letter U+2018, U+2019, U+2024, U+2027);
/// also the letters of IPA (U+0250..U+02AF), Cyrillic (U+0400..U+052F but the
/// combining marks U+0483..U+0489; U+0482 is Other), Latin Extended Additional
/// (U+1E00..U+1EFF) and the Hangul syllables (U+AC00..U+D7A3), and as Other the box
/// drawing, block elements and geometric shapes (U+2500..U+25FF).
/// None of them is Extend, Format, ZWJ or a space, so the ASCII rules segment text with
/// them exactly (checked against `unicode-segmentation` for every one of them).
#[inline]
fn simple_char(b: &[u8], i: usize) -> Option<(u8, usize)> {
    let second = *b.get(i + 1)?;
    match b[i] {
        0xC2 => match second {
            0xAA | 0xB5 | 0xBA => Some((LETTER, 2)),
            // The soft hyphen (Format), the middle dot and the cedilla (they join letters
            // in unicode-segmentation), and ² ³ ¹ ¼ ½ ¾ (Other, but numeric, so alone
            // they are words).
            0xAD | 0xB7 | 0xB8 | 0xB2 | 0xB3 | 0xB9 | 0xBC..=0xBE => None,
            0xA0..=0xBF => Some((OTHER, 2)),
            _ => None,
        },
        0xC3 => match second {
            0x97 | 0xB7 => Some((OTHER, 2)),
            _ => Some((LETTER, 2)),
        },
        // Latin Extended-A and -B, IPA.
        0xC4..=0xC9 => Some((LETTER, 2)),
        0xCA if second <= 0xAF => Some((LETTER, 2)),
        // Cyrillic and Cyrillic Supplement letters, not the combining marks U+0483..U+0489.
        0xD0 | 0xD1 | 0xD3 => Some((LETTER, 2)),
        0xD2 => match second {
            0x82 => Some((OTHER, 2)),
            0x83..=0x89 => None,
            _ => Some((LETTER, 2)),
        },
        0xD4 if second <= 0xAF => Some((LETTER, 2)),
        0xE1 if (0xB8..=0xBB).contains(&second) => {
            // Latin Extended Additional (Vietnamese).
            b.get(i + 2)?;
            Some((LETTER, 3))
        }
        0xE2 => {
            let third = *b.get(i + 2)?;
            match (second, third) {
                (0x80, 0x90..=0x97 | 0x9A..=0xA3 | 0xA5 | 0xA6 | 0xB0..=0xBE) => Some((OTHER, 3)),
                // Box drawing, block elements, geometric shapes.
                (0x94..=0x97, _) => Some((OTHER, 3)),
                _ => None,
            }
        }
        // Hangul syllables U+AC00..U+D7A3.
        0xEA..=0xED => {
            let third = *b.get(i + 2)?;
            let cp =
                (u32::from(b[i] & 0x0F) << 12) | (u32::from(second & 0x3F) << 6) | u32::from(third & 0x3F);
            (0xAC00..=0xD7A3).contains(&cp).then_some((LETTER, 3))
        }
        _ => None,
    }
}

/// The position of the first non-ASCII character at or after `i` that is not
/// [simple](simple_char).
fn first_complex(b: &[u8], mut i: usize) -> Option<usize> {
    loop {
        i = next_non_ascii(b, i)?;
        // A run of non-ASCII characters (a word in another script) at once.
        while i < b.len() && b[i] >= 0x80 {
            match simple_char(b, i) {
                Some((_, len)) => i += len,
                None => return Some(i),
            }
        }
    }
}

/// The position of the first byte at or after `i` at or above 0x80, eight bytes at a
/// time.
fn next_non_ascii(b: &[u8], i: usize) -> Option<usize> {
    let mut chunks = b[i..].chunks_exact(8);
    let mut at = i;
    for c in &mut chunks {
        let mut x = [0u8; 8];
        x.copy_from_slice(c);
        let high = u64::from_le_bytes(x) & HI;
        if high != 0 {
            return Some(at + high.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    chunks.remainder().iter().position(|&c| c >= 0x80).map(|p| at + p)
}

// ASCII word-break classes (Unicode WordBreakProperty.txt restricted to U+0000..U+007F).
const OTHER: u8 = 0;
/// ALetter: A-Z, a-z.
const LETTER: u8 = 1;
/// Numeric: 0-9.
const NUMERIC: u8 = 2;
/// ExtendNumLet: `_`.
const EXTEND_NUM_LET: u8 = 3;
/// MidLetter: `:`.
const MID_LETTER: u8 = 4;
/// MidNum: `,` and `;`.
const MID_NUM: u8 = 5;
/// MidNumLet `.` and Single_Quote `'` (together "MidNumLetQ" in UAX #29).
const MID_NUM_LET_Q: u8 = 6;

const CLASS: [u8; 128] = {
    let mut t = [OTHER; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = match b as u8 {
            b'a'..=b'z' | b'A'..=b'Z' => LETTER,
            b'0'..=b'9' => NUMERIC,
            b'_' => EXTEND_NUM_LET,
            b':' => MID_LETTER,
            b',' | b';' => MID_NUM,
            b'.' | b'\'' => MID_NUM_LET_Q,
            _ => OTHER,
        };
        b += 1;
    }
    t
};

/// UAX #29 words of an all-ASCII text.
///
/// In ASCII only rules WB5-WB13b can join characters into a segment that holds a letter
/// or digit (WB3 joins CR LF, WB3d joins spaces; such segments are not words). A word
/// starts at a letter, digit or `_`, and a segment starting elsewhere is one character
/// or has no letter or digit. Inside a word the previous character is always a letter,
/// digit or `_`, so only a MidLetter, MidNum or MidNumLetQ character between two letters
/// or two digits extends a word past a letter, digit or `_` (WB6, WB7, WB11, WB12).
pub(crate) struct AsciiWords<'t> {
    text: &'t str,
    bounds: AsciiWordBounds<'t>,
}

impl<'t> Iterator for AsciiWords<'t> {
    type Item = (usize, &'t str);

    #[inline]
    fn next(&mut self) -> Option<(usize, &'t str)> {
        let (s, e) = self.bounds.next()?;
        Some((s, &self.text[s..e]))
    }

    #[inline]
    fn fold<B, F: FnMut(B, Self::Item) -> B>(self, init: B, mut f: F) -> B {
        let text = self.text;
        self.bounds.fold(init, |acc, (s, e)| f(acc, (s, &text[s..e])))
    }
}

/// The byte ranges `start..end` of the UAX #29 words of ASCII bytes (see
/// [`AsciiWords`]), or of UTF-8 text whose non-ASCII characters are all
/// [simple](simple_char), whose bytes count as letters or as punctuation that never
/// joins. Case does not matter, so ASCII bytes may be lower-cased first.
///
/// Works on blocks of 64 bytes: a bit mask of the letters, digits and `_` (a byte loop
/// that compiles to vector instructions, then eight bytes at a time into bits), with the
/// rare MidLetter/MidNum/MidNumLetQ bytes between two such
/// bytes checked one by one (WB6, WB7, WB11, WB12); words are then the runs of set bits,
/// found with `trailing_zeros`, without a branch per byte.
pub(crate) struct AsciiWordBounds<'b> {
    bytes: &'b [u8],
    /// Start of the next block to classify.
    next_block: usize,
    /// Start of the current block.
    base: usize,
    /// Bits of the current block where a word starts or ends, not yet consumed.
    edges: u64,
    /// Whether the last byte of the current block is in a word.
    carry: u64,
    in_word: bool,
    start: usize,
}

/// The word bounds of `bytes`, which must be ASCII.
pub(crate) fn ascii_word_bounds(bytes: &[u8]) -> AsciiWordBounds<'_> {
    debug_assert!(bytes.is_ascii());
    simple_word_bounds(bytes)
}

/// The word bounds of `bytes`, which must be UTF-8 of ASCII and [simple](simple_char)
/// characters only.
fn simple_word_bounds(bytes: &[u8]) -> AsciiWordBounds<'_> {
    debug_assert!(std::str::from_utf8(bytes).is_ok() && first_complex(bytes, 0).is_none());
    AsciiWordBounds {
        bytes,
        next_block: 0,
        base: 0,
        edges: 0,
        carry: 0,
        in_word: false,
        start: 0,
    }
}

const HI: u64 = 0x8080_8080_8080_8080;

/// The high bits of the eight bytes gathered into the low eight bits.
#[inline]
fn gather(m: u64) -> u64 {
    ((m >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// The word-break class of the byte at `p` of ASCII and [simple](simple_char)
/// characters: that of its character.
#[inline]
fn class_at(b: &[u8], p: usize) -> u8 {
    let c = b[p];
    if c < 0x80 {
        return CLASS[usize::from(c)];
    }
    let mut lead = p;
    while lead > 0 && b[lead] & 0xC0 == 0x80 {
        lead -= 1;
    }
    simple_char(b, lead).map_or(OTHER, |(class, _)| class)
}

impl AsciiWordBounds<'_> {
    /// Classifies the block at `base`: one bit per byte, set for bytes in words. `carry`
    /// tells whether the byte before is in a word.
    #[inline(never)]
    fn block(&self, base: usize, carry: u64) -> u64 {
        let b = self.bytes;
        // The block, zero-padded past the end (0 is not a word byte); only the last
        // block is copied.
        let tail: [u8; 64];
        let block: &[u8; 64] = match b.get(base..base + 64).and_then(|c| c.try_into().ok()) {
            Some(block) => block,
            None => {
                let mut t = [0u8; 64];
                t[..b.len() - base].copy_from_slice(&b[base..]);
                tail = t;
                &tail
            }
        };
        // Byte by byte into flag bytes (0x80 or 0), a loop the compiler vectorizes: letters,
        // digits and `_`; and `,` `.` `:` `;` `'` and `-` (between `,` and `.`), which the
        // check of the candidates below drops. Bytes at or above 0x80 are neither.
        let (mut word_flags, mut mid_flags) = ([0u8; 64], [0u8; 64]);
        for k in 0..64 {
            let c = block[k];
            let letter = (c | 0x20).wrapping_sub(b'a') < 26;
            let is_word = letter | (c.wrapping_sub(b'0') < 10) | (c == b'_');
            let is_mid = (c.wrapping_sub(b',') < 3) | (c.wrapping_sub(b':') < 2) | (c == b'\'');
            word_flags[k] = u8::from(is_word) << 7;
            mid_flags[k] = u8::from(is_mid) << 7;
        }
        let bits = |flags: &[u8; 64], mask: u64| {
            (0..8).fold(0u64, |acc, j| {
                let mut eight = [0u8; 8];
                eight.copy_from_slice(&flags[8 * j..8 * j + 8]);
                acc | gather(u64::from_le_bytes(eight) & mask) << (8 * j)
            })
        };
        let (mut word, mid, mut high) = (bits(&word_flags, HI), bits(&mid_flags, HI), bits(block, HI));
        // Bytes of non-ASCII letters: a lead byte by its character, a continuation byte
        // as the byte before it (of the same character) unless it starts the block. The
        // text holds simple characters only, so most lead bytes tell the class alone.
        while high != 0 {
            let k = high.trailing_zeros() as usize;
            let letter = match block[k] {
                c if c & 0xC0 == 0x80 && k > 0 => (word >> (k - 1)) & 1,
                0xC4..=0xCA | 0xD0 | 0xD1 | 0xD3 | 0xD4 | 0xE1 | 0xEA..=0xED => 1,
                0xE2 => 0,
                _ => u64::from(class_at(b, base + k) == LETTER),
            };
            word |= letter << k;
            high &= high - 1;
        }
        if mid != 0 {
            let after = b.get(base + 64).map_or(0, |_| {
                u64::from(matches!(
                    class_at(b, base + 64),
                    LETTER | NUMERIC | EXTEND_NUM_LET
                ))
            });
            let mut cand = mid & ((word << 1) | carry) & ((word >> 1) | (after << 63));
            while cand != 0 {
                let p = base + cand.trailing_zeros() as usize;
                let (prev, cur, next) = (class_at(b, p - 1), CLASS[usize::from(b[p])], class_at(b, p + 1));
                // WB6/WB7: letter (MidLetter | MidNumLetQ) letter.
                // WB11/WB12: digit (MidNum | MidNumLetQ) digit.
                if cur != OTHER
                    && ((prev == LETTER && next == LETTER && cur != MID_NUM)
                        || (prev == NUMERIC && next == NUMERIC && cur != MID_LETTER))
                {
                    word |= cand & cand.wrapping_neg();
                }
                cand &= cand - 1;
            }
        }
        word
    }

    /// Whether `start..end` holds a letter or digit (a run of `_` alone is no word).
    #[inline]
    fn has_alnum(&self, start: usize, end: usize) -> bool {
        self.bytes[start] != b'_' || self.bytes[start..end].iter().any(|&c| c != b'_')
    }
}

impl Iterator for AsciiWordBounds<'_> {
    type Item = (usize, usize);

    #[inline]
    fn next(&mut self) -> Option<(usize, usize)> {
        loop {
            if self.edges != 0 {
                let pos = self.base + self.edges.trailing_zeros() as usize;
                self.edges &= self.edges - 1;
                if !self.in_word {
                    self.in_word = true;
                    self.start = pos;
                    continue;
                }
                self.in_word = false;
                if self.has_alnum(self.start, pos) {
                    return Some((self.start, pos));
                }
                continue;
            }
            if self.next_block >= self.bytes.len() {
                if self.in_word {
                    self.in_word = false;
                    let end = self.bytes.len();
                    if self.has_alnum(self.start, end) {
                        return Some((self.start, end));
                    }
                }
                return None;
            }
            let word = self.block(self.next_block, self.carry);
            self.edges = word ^ ((word << 1) | self.carry);
            self.carry = word >> 63;
            self.base = self.next_block;
            self.next_block += 64;
        }
    }

    /// [`next`](Self::next)'s loop with the state in local variables.
    #[inline]
    fn fold<B, F: FnMut(B, Self::Item) -> B>(self, init: B, mut f: F) -> B {
        let mut acc = init;
        let (mut edges, mut carry, mut base, mut next_block) =
            (self.edges, self.carry, self.base, self.next_block);
        let (mut in_word, mut start) = (self.in_word, self.start);
        loop {
            while edges != 0 {
                let pos = base + edges.trailing_zeros() as usize;
                edges &= edges - 1;
                if !in_word {
                    start = pos;
                } else if self.has_alnum(start, pos) {
                    acc = f(acc, (start, pos));
                }
                in_word = !in_word;
            }
            if next_block >= self.bytes.len() {
                let end = self.bytes.len();
                if in_word && self.has_alnum(start, end) {
                    acc = f(acc, (start, end));
                }
                return acc;
            }
            let word = self.block(next_block, carry);
            edges = word ^ ((word << 1) | carry);
            carry = word >> 63;
            base = next_block;
            next_block += 64;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn splits_on_unicode_boundaries() {
        let got: Vec<_> = words("Hello, world! can't 3.14").collect();
        assert_eq!(got, vec![(0, "Hello"), (7, "world"), (14, "can't"), (20, "3.14")]);
    }

    fn reference(text: &str) -> Vec<(usize, &str)> {
        text.unicode_word_indices().collect()
    }

    #[test]
    fn ascii_fast_path_matches_unicode_segmentation_on_edge_cases() {
        for text in [
            "",
            "_",
            "__",
            "_a",
            "a_",
            "a_1",
            "1_a",
            "a.b",
            "a..b",
            "a.",
            ".a",
            "1.2",
            "1.a",
            "a.1",
            "a:b",
            "1:2",
            "1,2",
            "a,b",
            "1;2",
            "a'b",
            "1'2",
            "a'",
            "a_.b",
            "a:_",
            "1,,2",
            "x.y.z",
            "1.2.3",
            "a.b:c'd",
            "3.14,15",
            "_._",
            "a_'b",
            "a\r\nb",
            "a\tb",
            "a-b",
            "a\"b",
            "can't stop",
            "x__y__",
            "__1",
            "\x7fa\x00b",
            "a:1",
            "1:a",
        ] {
            assert_eq!(words(text).collect::<Vec<_>>(), reference(text), "{text:?}");
        }
    }

    #[test]
    fn ascii_fast_path_across_block_boundaries() {
        for n in [62, 63, 64, 65, 127, 128, 129] {
            for tail in ["", ".b", "'b", ",1", ":c", " d", "_", "._"] {
                for fill in ["a", "1", "_", " ", "."] {
                    let text = fill.repeat(n) + tail;
                    assert_eq!(words(&text).collect::<Vec<_>>(), reference(&text), "{text:?}");
                    let text = format!("x{text}");
                    assert_eq!(words(&text).collect::<Vec<_>>(), reference(&text), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn mixed_text_matches_unicode_segmentation() {
        for text in [
            "caf\u{e9} au lait",
            "It\u{2019}s a test \u{2014} of it",
            " \u{301}abc",
            "  \u{93F}abc def",
            "abc \u{93F} def",
            "a.\u{e9} b",
            "\u{4e2d}\u{6587} and English \u{4e2d}",
            "x \u{a0} y",
            "one two\u{3000}three four",
            "a \u{200d}\u{1f600} b",
            "end with \u{e9}",
            "\u{e9}",
            "  \u{e9}  ",
        ] {
            assert_eq!(words(text).collect::<Vec<_>>(), reference(text), "{text:?}");
        }
    }

    /// Every character `simple_char` accepts, and the ones beside them it refuses.
    fn simple_range() -> impl Iterator<Item = char> {
        ('\u{80}'..='\u{540}')
            .chain('\u{1df0}'..='\u{1f10}')
            .chain('\u{2000}'..='\u{2610}')
            .chain('\u{abf0}'..='\u{d7b0}')
    }

    #[test]
    fn simple_characters_segment_like_unicode_segmentation() {
        let (mut simple, mut wrong) = (0, Vec::new());
        for c in simple_range() {
            let mut buf = [0u8; 4];
            let enc = c.encode_utf8(&mut buf).as_bytes();
            if simple_char(enc, 0).is_none() {
                continue;
            }
            simple += 1;
            for context in [
                "{}",
                "a{}b",
                "{}{}",
                "1{}2",
                "_{}_",
                "a'{}",
                "{}'a",
                "{}.{}",
                "1.{}",
                "{}.1",
                "a:{}",
                "{}:a",
                "{},1",
                "x {} y",
                "{}a.b",
                "a.b{}",
                "{}'{}",
                "{}_1",
                "1_{}",
                "é{}é",
                "{}—{}",
                "a{}.b",
                "a.{}b",
                "{}  \u{e9}\u{301}",
            ] {
                let text = context.replace("{}", c.encode_utf8(&mut [0u8; 4]));
                if words(&text).collect::<Vec<_>>() != reference(&text) {
                    wrong.push(format!("{text:?} (U+{:04X})", c as u32));
                }
            }
        }
        assert!(wrong.is_empty(), "{wrong:?}");
        assert!(simple > 400, "{simple} simple characters");
    }

    /// Each part followed by its separator.
    fn interleave(parts: &[String], seps: &[String]) -> String {
        parts
            .iter()
            .zip(seps)
            .flat_map(|(p, s)| [p.as_str(), s.as_str()])
            .collect()
    }

    proptest! {
        #[test]
        fn mixed_text_with_simple_characters_matches(
            text in "[aZ09_.',: \u{a0}\u{aa}\u{ab}\u{ad}\u{b7}\u{d7}\u{e9}\u{17f}\u{24f}\u{250}\u{2014}\u{2019}\u{201c}\u{2024}\u{2027}\u{203f}\u{301}\u{4e2d}]{0,120}",
        ) {
            prop_assert_eq!(words(&text).collect::<Vec<_>>(), reference(&text));
        }

        #[test]
        fn mixed_scripts_with_simple_characters_match(
            text in "[aZ09_.',:; \u{a0}\u{e9}\u{400}\u{416}\u{44f}\u{482}\u{483}\u{489}\u{48a}\u{4ff}\u{52f}\u{531}\u{1e00}\u{1ef9}\u{2010}\u{2500}\u{25b6}\u{25ff}\u{ac00}\u{d7a3}\u{d7a4}\u{11a8}\u{4e2d}\u{3042}\u{30a2}\u{301}\u{200d}]{0,120}",
        ) {
            prop_assert_eq!(words(&text).collect::<Vec<_>>(), reference(&text));
        }

        #[test]
        fn mixed_script_words_match(
            parts in prop::collection::vec("[a-zA-Z0-9\u{410}-\u{44f}\u{400}-\u{4ff}\u{ac00}-\u{ac20}\u{1ea0}-\u{1ef9}\u{e0}-\u{ff}\u{4e00}-\u{4e10}\u{3041}-\u{3050}]{1,8}", 0..30),
            seps in prop::collection::vec("[ ,.:'\n\u{a0}\u{2014}\u{2019}\u{2500}\u{483}\u{301}]{1,3}", 30),
        ) {
            let text = interleave(&parts, &seps);
            prop_assert_eq!(words(&text).collect::<Vec<_>>(), reference(&text));
        }

        #[test]
        fn mixed_text_matches(
            text in "[aZ09_.',: \r\n\t\u{e9}\u{301}\u{93F}\u{4e2d}\u{2019}\u{2014}\u{a0}\u{3000}\u{200d}\u{1f600}\u{5d0}\"]{0,120}",
        ) {
            prop_assert_eq!(words(&text).collect::<Vec<_>>(), reference(&text));
        }

        #[test]
        fn mixed_words_with_spaces_match(
            parts in prop::collection::vec("[a-z0-9.'\u{e9}\u{301}\u{4e2d}\u{2019}_]{0,8}", 0..30),
            seps in prop::collection::vec("[ ,.\u{a0}]{1,3}", 30),
        ) {
            let text = interleave(&parts, &seps);
            prop_assert_eq!(words(&text).collect::<Vec<_>>(), reference(&text));
        }

        #[test]
        fn ascii_fast_path_matches_unicode_segmentation(
            text in "[aZ09_.',:; \r\n\t\x0b\x0c\"!-]{0,300}",
        ) {
            prop_assert_eq!(words(&text).collect::<Vec<_>>(), reference(&text));
        }

        #[test]
        fn ascii_fast_path_matches_on_any_ascii(text in "[\x00-\x7f]{0,300}") {
            prop_assert_eq!(words(&text).collect::<Vec<_>>(), reference(&text));
        }
    }
}
