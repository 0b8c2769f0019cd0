//! Normalization: what two units, and two words, must share, after which they count as
//! equal.
//!
//! Normalization only decides equality. Reported spans always point into the original
//! bytes, and nothing is ever rewritten in the text a caller gets back.
//!
//! Words (as [`crate::words`] cuts them) are the same word when they are equal under
//! [`WORDS`]: the one definition that stutters, repeated runs and near-duplicate shingles
//! share. The Gopher statistics compare words as text, as datatrove does.

use std::borrow::Cow;

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// How unit text is normalized before units are compared.
///
/// Every level trims the unit (a unit's span never includes surrounding whitespace).
/// Each level includes the one before it:
///
/// | level | what else it does |
/// |---|---|
/// | [`Exact`](Normalize::Exact) | nothing: units must be byte-for-byte equal |
/// | [`Whitespace`](Normalize::Whitespace) | every run of whitespace (tab, CR, NBSP, U+3000, line breaks inside a paragraph, ...) becomes one space |
/// | [`Unicode`](Normalize::Unicode) (default) | Unicode NFKC; curly quotes fold to straight ones (`‘ ’ ‚ ‛` to `'`, `“ ” „ ‟` to `"`); zero-width characters (U+200B-U+200D, U+2060), soft hyphens and byte order marks are dropped |
///
/// Case folding is separate and off by default: see
/// [`FinderBuilder::fold_case`](crate::FinderBuilder::fold_case).
///
/// ```
/// use dedupe::{FinderBuilder, Normalize};
///
/// let finder = FinderBuilder::new().normalize(Normalize::Whitespace).build()?;
/// assert_eq!(finder.normalize("  a\t\u{a0} b "), "a b");
/// # Ok::<(), dedupe::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum Normalize {
    /// Units must be byte-for-byte equal (after trimming).
    Exact,
    /// Whitespace runs collapse to one space.
    Whitespace,
    /// Whitespace, NFKC, quote folding and invisible characters dropped.
    #[default]
    Unicode,
}

/// A normalization level with its case setting: a pure function from text to text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Normalizer {
    pub(crate) level: Normalize,
    pub(crate) fold_case: bool,
}

/// The one definition of "the same word": two words are the same word when their
/// normal forms under this normalizer are equal. That is the
/// [`Unicode`](Normalize::Unicode) level (NFKC, curly quotes straightened, zero-width
/// characters, soft hyphens and byte order marks dropped) with full lowercase folding;
/// trimming and collapsing whitespace change a word only in the rare case that it holds
/// whitespace after NFKC (UAX #29 keeps a space and a combining mark after it together,
/// and NFKC turns a spacing accent such as U+00B8 into a space and a mark); such a word
/// then equals the word without that whitespace. Stutters and repeated runs
/// (`crate::inner`) and near-duplicate shingles (`crate::near`) compare words by it,
/// through [`word`].
pub(crate) const WORDS: Normalizer = Normalizer {
    level: Normalize::Unicode,
    fold_case: true,
};

/// The normal form of `word` (a word as [`crate::words`] cuts it) under [`WORDS`]:
/// `word` itself when it is already normal (the common case: lowercase ASCII, or text
/// the fast checks accept), else written into `scratch`.
#[inline]
pub(crate) fn word<'a>(word: &'a str, scratch: &'a mut Scratch) -> &'a str {
    let b = word.as_bytes();
    if b.is_ascii() && !b.iter().any(|c| matches!(c, b' ' | b'\0'..=b'\x1f')) {
        // Printable ASCII without spaces: WORDS only lowercases it.
        if !b.iter().any(u8::is_ascii_uppercase) {
            return word;
        }
        scratch.out.clear();
        scratch.out.push_str(word);
        scratch.out.make_ascii_lowercase();
        return &scratch.out;
    }
    WORDS.apply(word, scratch)
}

/// Reusable buffers, so normalizing a unit allocates nothing once they have grown.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    out: String,
    nfkc: String,
}

impl Normalizer {
    /// Normalizes `text`, borrowing it when it is already normal (the common case),
    /// writing into `scratch` otherwise.
    #[inline]
    pub(crate) fn apply<'a>(&self, text: &'a str, scratch: &'a mut Scratch) -> &'a str {
        if (self.level == Normalize::Exact && !self.fold_case) || self.is_normal_ascii(text.as_bytes()) {
            return text;
        }
        scratch.out.clear();
        if text.is_ascii() {
            self.ascii_into(text, &mut scratch.out);
        } else if self.is_normal_unicode(text) {
            return text;
        } else {
            self.unicode_into(text, &mut scratch.out, &mut scratch.nfkc);
        }
        &scratch.out
    }

    /// Whether `text` (which may hold non-ASCII) is left unchanged: the check that lets
    /// already-normal Cyrillic, CJK or accented Latin be hashed in place.
    ///
    /// Sound, not complete: `true` proves the normalized text is `text`. At the Unicode
    /// level every non-ASCII character must be one [`is_common_nfkc`] accepts (curly
    /// quotes excepted, since they fold), or else be no whitespace, no character that is
    /// dropped or folded, and leave the whole text passing `is_nfkc_quick`.
    fn is_normal_unicode(&self, text: &str) -> bool {
        let b = text.as_bytes();
        let collapse = self.level != Normalize::Exact;
        let unicode = self.level == Normalize::Unicode;
        let fold = self.fold_case;
        // Starts true so a leading space fails; a trailing one is caught after the loop.
        let mut prev_space = true;
        let mut need_quick_check = false;
        let mut i = 0;
        while i < b.len() {
            // 32 ASCII bytes at a time, branch-free so it vectorizes, as `is_normal_ascii`.
            if i + 32 <= b.len() {
                let (mut high, mut bad, mut prev) = (0u8, 0u8, prev_space as u8);
                for &c in &b[i..i + 32] {
                    let space = (c == b' ') as u8;
                    high |= c >> 7;
                    bad |= (collapse as u8 & ((c < 0x20) as u8 | (space & prev)))
                        | (fold as u8 & (c.wrapping_sub(b'A') < 26) as u8);
                    prev = space;
                }
                if high == 0 {
                    if bad != 0 {
                        return false;
                    }
                    prev_space = prev != 0;
                    i += 32;
                    continue;
                }
            }
            let c = b[i];
            if c < 0x80 {
                if collapse {
                    let space = c == b' ';
                    if c < 0x20 || (space && prev_space) {
                        return false;
                    }
                    prev_space = space;
                }
                if fold && c.is_ascii_uppercase() {
                    return false;
                }
                i += 1;
                continue;
            }
            prev_space = false;
            if let len @ 1.. = self.lead_kept(c) {
                i += len;
                continue;
            }
            let (ch, len) = decode(b, i);
            i += len;
            if unicode {
                if !is_common_nfkc(ch) || is_folded_quote(ch) {
                    let folds = is_folded_quote(ch) || fullwidth_ascii(ch).is_some();
                    if folds || ch.is_whitespace() || is_dropped(ch) {
                        return false;
                    }
                    need_quick_check = true;
                }
            } else if collapse && ch.is_whitespace() {
                return false;
            }
            if fold && !lowercase_unchanged(ch) {
                return false;
            }
        }
        if collapse && prev_space {
            return false;
        }
        !need_quick_check || is_nfkc_quick(text.chars()) == IsNormalized::Yes
    }

    /// The length of the character at `b[j]` when [`Normalizer::fold_into`] copies it
    /// whole (printable ASCII, or a character it [`Normalizer::keeps`]), else 0.
    #[inline(always)]
    fn kept_len(&self, b: &[u8], j: usize) -> usize {
        let c = b[j];
        if c > b' ' && c < 0x80 {
            1
        } else if c >= 0x80 {
            if let len @ 1.. = self.lead_kept(c) {
                return len;
            }
            let (c, len) = decode(b, j);
            if self.keeps(c) {
                len
            } else {
                0
            }
        } else {
            0
        }
    }

    /// The length of every character that lead byte `lead` starts when each of them is one
    /// [`Normalizer::keeps`], else 0: the CJK ideographs U+5000-U+9FFF (leads E5-E9) always,
    /// and without case folding Latin-1 letters U+00C0-U+00FF (C3) and Cyrillic
    /// U+0400-U+047F (D0, D1). Read before decoding, so the common scripts skip
    /// [`decode`] and the block tests (kana and Hangul left out: no gain).
    #[inline(always)]
    fn lead_kept(&self, lead: u8) -> usize {
        match lead {
            0xE5..=0xE9 => 3,
            0xC3 | 0xD0 | 0xD1 if !self.fold_case => 2,
            _ => 0,
        }
    }

    /// Whether non-ASCII `c` is copied unchanged by [`Normalizer::fold_into`] (on text
    /// that is NFKC, at the Unicode level): at that level only [`is_common_nfkc`]
    /// characters count, so that a run of them needs no NFKC check.
    #[inline]
    fn keeps(&self, c: char) -> bool {
        let kept = if self.level == Normalize::Unicode {
            is_common_nfkc(c) && !is_folded_quote(c)
        } else {
            self.level == Normalize::Exact || !c.is_whitespace()
        };
        kept && (!self.fold_case || lowercase_unchanged(c))
    }

    /// Normalizes into a fresh `Cow`.
    pub(crate) fn normalize_cow<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut scratch = Scratch::default();
        let normal = self.apply(text, &mut scratch);
        if normal.len() == text.len() && normal.as_ptr() == text.as_ptr() {
            Cow::Borrowed(text)
        } else {
            Cow::Owned(normal.to_owned())
        }
    }

    /// Whether pure-ASCII `b` is left unchanged: the hot path's one cheap check.
    ///
    /// Trimmed ASCII text without control characters, without two spaces in a row and
    /// (when folding case) without capitals is normal at every level.
    ///
    /// Eight bytes at a time as one `u64` (the bit tricks of [`plain_prefix`]); the last
    /// partial word is padded with `a`, which is normal everywhere.
    #[inline]
    pub(crate) fn is_normal_ascii(&self, b: &[u8]) -> bool {
        let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
            return true;
        };
        if first == b' ' || last == b' ' {
            return false;
        }
        let mut prev_space = 0u64;
        let mut words = b.chunks_exact(8);
        for w in &mut words {
            let x = w.try_into().map_or(HIGH, u64::from_le_bytes);
            if self.ascii_word_bad(x, &mut prev_space) {
                return false;
            }
        }
        let rem = words.remainder();
        if rem.is_empty() {
            return true;
        }
        let mut pad = [b'a'; 8];
        pad[..rem.len()].copy_from_slice(rem);
        !self.ascii_word_bad(u64::from_le_bytes(pad), &mut prev_space)
    }

    /// Whether the eight bytes of `x` (little-endian) hold one that keeps the text from
    /// being normal ASCII: a byte of 0x80 or more, and unless the level is
    /// [`Exact`](Normalize::Exact), a control character or a space after a space
    /// (`prev_space`: the word before ended in one; updated); with case folding, a capital.
    #[inline(always)]
    fn ascii_word_bad(&self, x: u64, prev_space: &mut u64) -> bool {
        let low = x & LOW7;
        let mut bad = x & HIGH;
        if self.level != Normalize::Exact {
            // Bytes >= 0x20 (among those below 0x80): adding 0x60 to the low 7 bits reaches 0x80.
            let control = !(low + 0x60 * EACH) & HIGH;
            let y = x ^ (0x20 * EACH);
            let space = !(((y & LOW7) + LOW7) | y) & HIGH;
            bad |= control | (space & (space << 8 | *prev_space));
            *prev_space = space >> 56;
        }
        if self.fold_case {
            // 'A' ..= 'Z': at least 0x41 and not at least 0x5B (exact below 0x80, and any
            // byte above is bad already).
            bad |= (low + (0x80 - 0x41) * EACH) & !(low + (0x80 - 0x5B) * EACH) & HIGH;
        }
        bad != 0
    }

    /// The ASCII path: collapse whitespace, fold case. Pure ASCII needs no NFKC, and
    /// [`Normalizer::fold_into`] copies its plain runs whole.
    fn ascii_into(&self, text: &str, out: &mut String) {
        if self.level == Normalize::Exact {
            out.push_str(text);
            if self.fold_case {
                out.make_ascii_lowercase();
            }
        } else {
            let mut bytes = std::mem::take(out).into_bytes();
            collapse_ascii(text.as_bytes(), &mut bytes);
            if self.fold_case {
                bytes.make_ascii_lowercase();
            }
            *out = String::from_utf8(bytes).expect("ASCII in, ASCII out");
        }
    }

    /// The general path: NFKC when the text is not already NFKC, then one pass over chars.
    fn unicode_into(&self, text: &str, out: &mut String, nfkc: &mut String) {
        if self.level != Normalize::Unicode {
            self.fold_into(text, out, false);
            return;
        }
        if self.fold_into(text, out, true) {
            return;
        }
        out.clear();
        nfkc_into(text, nfkc);
        self.fold_into(nfkc, out, false);
    }

    /// Everything but NFKC: whitespace, quotes, invisible characters, case. Runs of
    /// printable ASCII and of characters [`Normalizer::keeps`] (single spaces included)
    /// are copied whole; every other character is handled on its own.
    ///
    /// With `check_nfkc`, returns `false`, with `out` unfinished, at the first run of
    /// non-ASCII characters that `is_nfkc_quick` does not call NFKC. ASCII resets that
    /// check's state, so checking run by run equals checking the whole text. A run is
    /// checked from its first character not copied whole: those before it are
    /// [`is_common_nfkc`] starters, which pass the check and reset its state too.
    fn fold_into(&self, text: &str, out: &mut String, check_nfkc: bool) -> bool {
        let b = text.as_bytes();
        let collapse = self.level != Normalize::Exact;
        let unicode = self.level == Normalize::Unicode;
        let mut pending = false;
        let mut checked_to = 0;
        let mut i = 0;
        while i < b.len() {
            let start = i;
            while i < b.len() {
                let c = b[i];
                if c > b' ' && c < 0x80 {
                    // Printable ASCII: take up to 32 bytes that need nothing at once.
                    if let Some(w) = b.get(i..i + 32) {
                        let p = plain_prefix(w);
                        if p > 0 {
                            i += p;
                            continue;
                        }
                    }
                    i += 1;
                } else if let len @ 1.. = self.kept_len(b, i) {
                    i += len;
                } else if i > start && b[i] == b' ' && i + 1 < b.len() && self.kept_len(b, i + 1) > 0 {
                    // The character after the space is taken next, so runs never end in one.
                    i += 1;
                } else {
                    break;
                }
            }
            if i > start {
                if pending {
                    out.push(' ');
                    pending = false;
                }
                let from = out.len();
                out.push_str(&text[start..i]);
                if self.fold_case {
                    out[from..].make_ascii_lowercase();
                }
            }
            if check_nfkc && i >= checked_to && i < b.len() && b[i] >= 0x80 {
                let end = b[i..].iter().position(|&c| c < 0x80).map_or(b.len(), |p| i + p);
                let run = &text[i..end];
                if !run_is_nfkc(run) {
                    return false;
                }
                checked_to = end;
            }
            if collapse && i < b.len() && is_ascii_space(b[i]) {
                // A run of ASCII whitespace (a line break and the next line's indent).
                i += 1;
                while i < b.len() && is_ascii_space(b[i]) {
                    i += 1;
                }
                pending = !out.is_empty();
                continue;
            }
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            if collapse && c.is_whitespace() {
                pending = !out.is_empty();
                continue;
            }
            let c = if unicode {
                match c {
                    c if is_dropped(c) => continue,
                    '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' => '\'',
                    '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' => '"',
                    c => c,
                }
            } else {
                c
            };
            if pending {
                out.push(' ');
                pending = false;
            }
            if self.fold_case {
                out.extend(c.to_lowercase());
            } else {
                out.push(c);
            }
        }
        true
    }
}

/// NFKC of `text` into `out`, the table-driven normalizer run only on each maximal run
/// of other characters than ASCII and [`is_common_nfkc`] ones, together with the
/// character before it (a combining mark may compose with it). Those characters are
/// NFKC starters that never compose with what comes before them, so the text can be cut
/// in front of any of them and the pieces normalized separately.
fn nfkc_into(text: &str, out: &mut String) {
    out.clear();
    let b = text.as_bytes();
    let mut done = 0;
    // Where the last ASCII or common character before `i` starts.
    let mut prev = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] < 0x80 {
            prev = i;
            i += 1;
            continue;
        }
        let (c, len) = decode(b, i);
        if is_common_nfkc(c) {
            prev = i;
            i += len;
            continue;
        }
        // A fullwidth form or the ideographic space between safe characters: its NFKC is
        // one ASCII character, which neither composes with what comes before it nor,
        // with a safe character after it, with what follows.
        if let Some(a) = fullwidth_ascii(c) {
            let next = i + len;
            if next == b.len() || b[next] < 0x80 || is_common_nfkc(decode(b, next).0) {
                out.push_str(&text[done..i]);
                out.push(a);
                done = next;
                prev = next;
                i = next;
                continue;
            }
        }
        let from = if i > done { prev.max(done) } else { done };
        let mut end = i + len;
        while end < b.len() {
            if b[end] < 0x80 {
                break;
            }
            let (c, len) = decode(b, end);
            if is_common_nfkc(c) {
                break;
            }
            end += len;
        }
        out.push_str(&text[done..from]);
        out.extend(text[from..end].nfkc());
        done = end;
        i = end;
    }
    out.push_str(&text[done..]);
}

/// The NFKC of a fullwidth ASCII form (U+FF01-U+FF5E) or the ideographic space.
#[inline]
fn fullwidth_ascii(c: char) -> Option<char> {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0),
        '\u{3000}' => Some(' '),
        _ => None,
    }
}

/// Whether non-ASCII `run` is NFKC: all [`is_common_nfkc`], or else `is_nfkc_quick`
/// from its first other character (those before it are starters that pass the check
/// and reset its state), which a fullwidth form fails at once.
fn run_is_nfkc(run: &str) -> bool {
    let b = run.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let (c, len) = decode(b, i);
        if !is_common_nfkc(c) {
            return fullwidth_ascii(c).is_none() && is_nfkc_quick(run[i..].chars()) == IsNormalized::Yes;
        }
        i += len;
    }
    true
}

/// The character starting at byte `i` of valid UTF-8 `b`, and its length.
#[inline(always)]
fn decode(b: &[u8], i: usize) -> (char, usize) {
    let lead = u32::from(b[i]);
    let cont = |k: usize| u32::from(b[i + k] & 0x3F);
    let (cp, len) = if lead < 0x80 {
        (lead, 1)
    } else if lead < 0xE0 {
        ((lead & 0x1F) << 6 | cont(1), 2)
    } else if lead < 0xF0 {
        ((lead & 0x0F) << 12 | cont(1) << 6 | cont(2), 3)
    } else {
        ((lead & 0x07) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3), 4)
    };
    (char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER), len)
}

/// Curly quotes, which the Unicode level folds to straight ones.
#[inline]
fn is_folded_quote(c: char) -> bool {
    matches!(c, '\u{2018}'..='\u{201F}')
}

/// Characters the Unicode level drops: zero-width ones, soft hyphens, byte order marks.
#[inline]
fn is_dropped(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// Whether case folding leaves `c` as it is, with the common alphabets answered without
/// the lowercase table.
#[inline]
fn lowercase_unchanged(c: char) -> bool {
    match c {
        'A'..='Z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{DE}' | '\u{400}'..='\u{42F}' => false,
        '\0'..='@' | '['..='\u{BF}' | '\u{D7}' | '\u{DF}'..='\u{FF}' | '\u{430}'..='\u{45F}' => true,
        '\u{3000}'..='\u{303F}' | '\u{4E00}'..='\u{9FFF}' => true,
        c => {
            let mut lower = c.to_lowercase();
            lower.next() == Some(c) && lower.next().is_none()
        }
    }
}

/// The low seven bits of every byte of a `u64`.
const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
/// The high bit of every byte.
const HIGH: u64 = 0x8080_8080_8080_8080;
/// One in every byte: `k * EACH` is byte `k` eight times.
const EACH: u64 = 0x0101_0101_0101_0101;

/// How many of the first 32 bytes of `w` (which follows a byte that is no space)
/// [`Normalizer::fold_into`] copies whole as plain text: printable ASCII and single
/// spaces, not ending in a space. Eight bytes at a time in a `u64` (SWAR): each test sets
/// the high bit of the bytes it flags, with no carry between bytes, so the lowest flag
/// found by `trailing_zeros` is the first byte that ends the run.
#[inline]
fn plain_prefix(w: &[u8]) -> usize {
    let mut prev_space = 0u64;
    let mut p = 32;
    for (k, word) in w[..32].chunks_exact(8).enumerate() {
        let x = word.try_into().map_or(0, u64::from_le_bytes);
        // Bytes >= 0x20 (among those below 0x80): adding 0x60 to the low 7 bits reaches 0x80.
        let control = !((x & LOW7) + 0x60 * EACH) & HIGH;
        // Spaces: bytes that XOR 0x20 leaves zero.
        let y = x ^ (0x20 * EACH);
        let space = !(((y & LOW7) + LOW7) | y) & HIGH;
        let double = space & (space << 8 | prev_space);
        let bad = (x & HIGH) | control | double;
        if bad != 0 {
            p = 8 * k + (bad.trailing_zeros() / 8) as usize;
            break;
        }
        prev_space = space >> 56;
    }
    if p > 0 && w[p - 1] == b' ' {
        p - 1
    } else {
        p
    }
}

/// Pure-ASCII `b` trimmed, each run of whitespace ([`is_ascii_space`]) one space, into
/// `out` (cleared first): what [`Normalizer::fold_into`] makes of ASCII text, eight bytes
/// at a time.
///
/// Each word of eight bytes is stored to `out` whole, then the first byte that ends the
/// plain text is sought: whitespace other than a space, or a space after whitespace (the
/// masks of [`plain_prefix`]). There the output stops (one byte back when a single space
/// was copied just before), the whitespace run is skipped, and one space is written when
/// text follows. `out` holds eight bytes of room past the input for the stores.
fn collapse_ascii(b: &[u8], out: &mut Vec<u8>) {
    debug_assert!(b.is_ascii());
    let n = b.len();
    out.clear();
    out.resize(n + 8, 0);
    let (mut i, mut o) = (0, 0);
    // The flag of the byte before `i` being whitespace, in byte 0's high bit: set at the
    // start, so a leading space is cut like any space after whitespace.
    let mut prev = 0x80u64;
    while i < n {
        let (x, len) = match b.get(i..i + 8) {
            Some(w) => (w.try_into().map_or(0, u64::from_le_bytes), 8),
            None => {
                // The last few bytes, padded with a letter (never whitespace).
                let mut word = [b'a'; 8];
                word[..n - i].copy_from_slice(&b[i..]);
                (u64::from_le_bytes(word), n - i)
            }
        };
        out[o..o + 8].copy_from_slice(&x.to_le_bytes());
        let (controls, space) = ascii_spaces(x);
        let ws = controls | space;
        let bad = controls | (space & (ws << 8 | prev));
        if bad == 0 {
            prev = ws >> 56;
            i += len;
            o += len;
            continue;
        }
        let p = (bad.trailing_zeros() / 8) as usize;
        i += p;
        o += p;
        // A single space just before was copied (a run is skipped to its end, so the byte
        // before `i` is never a skipped one): the run starts there.
        if i > 0 && b[i - 1] == b' ' {
            o -= 1;
        }
        // The run, eight bytes at a time (a line break and the next line's indent).
        while let Some(w) = b.get(i..i + 8) {
            let (controls, space) = ascii_spaces(w.try_into().map_or(0, u64::from_le_bytes));
            let text = !(controls | space) & HIGH;
            i += (text.trailing_zeros() / 8) as usize;
            if text != 0 {
                break;
            }
        }
        while i < n && is_ascii_space(b[i]) {
            i += 1;
        }
        if i < n && o > 0 {
            out[o] = b' ';
            o += 1;
        }
        prev = 0;
    }
    // A single trailing space was copied with the last word.
    if o > 0 && out[o - 1] == b' ' {
        o -= 1;
    }
    out.truncate(o);
}

/// The high bits of the whitespace bytes of `x`, eight ASCII bytes: those of tab, line
/// feed, VT, form feed and CR, and those of spaces.
#[inline(always)]
fn ascii_spaces(x: u64) -> (u64, u64) {
    // 0x09..=0x0D: at least 0x09 and not at least 0x0E (no byte is 0x80 or more, so no
    // sum carries into the next byte).
    let controls = (x + (0x80 - 0x09) * EACH) & !(x + (0x80 - 0x0E) * EACH) & HIGH;
    let y = x ^ (0x20 * EACH);
    let space = !((y + LOW7) | y) & HIGH;
    (controls, space)
}

/// Common non-ASCII characters that are NFKC already and starters (canonical combining
/// class 0) that never compose with a character before them: Latin-1 letters, most of
/// Latin Extended-A, the Vietnamese letters, Cyrillic letters, dashes, curly quotes,
/// daggers, bullet, the ideographic comma, full stop and brackets, kana, CJK unified
/// ideographs and Hangul syllables. A run of only these needs no `is_nfkc_quick` table
/// lookups. (Left out: `ĳ ŀ ŉ ſ` and the like, whose NFKC differs; the spacing and
/// combining voiced sound marks `゛ ゜ ゙ ゚` and `ゟ ヿ`.)
#[inline]
fn is_common_nfkc(c: char) -> bool {
    // By the block of 256 code points first: one jump, where the ranges listed one by
    // one cost a chain of comparisons per character (the list is the tests' oracle).
    let u = u32::from(c);
    match u >> 8 {
        0x00 => u >= 0xC0,
        0x01 => {
            matches!(u, 0x100..=0x131 | 0x134..=0x13E | 0x141..=0x148 | 0x14A..=0x17E | 0x1A0..=0x1A1 | 0x1AF..=0x1B0)
        }
        0x04 => !matches!(u, 0x483..=0x489),
        0x1E => matches!(u, 0x1EA0..=0x1EF9),
        0x20 => matches!(u, 0x2010 | 0x2013..=0x2015 | 0x2018..=0x2022),
        0x30 => matches!(u, 0x3001..=0x3002 | 0x3005 | 0x3008..=0x3011 | 0x3041..=0x3096 | 0x30A1..=0x30FC),
        0x4E..=0x9F | 0xAC..=0xD6 => true,
        0xD7 => u <= 0xD7A3,
        _ => false,
    }
}

/// ASCII characters that `char::is_whitespace` accepts (`u8::is_ascii_whitespace` misses VT).
#[inline]
fn is_ascii_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A lead byte that [`Normalizer::lead_kept`] accepts starts only characters of that
    /// length that [`Normalizer::keeps`] keeps, for every level and case setting: checked
    /// on every character.
    #[test]
    fn lead_kept_agrees_with_keeps() {
        let mut accepted = 0;
        for level in [Normalize::Exact, Normalize::Whitespace, Normalize::Unicode] {
            for fold_case in [false, true] {
                let n = Normalizer { level, fold_case };
                for c in ('\u{80}'..=char::MAX).filter(|c| !c.is_ascii()) {
                    let mut buf = [0u8; 4];
                    let lead = c.encode_utf8(&mut buf).as_bytes()[0];
                    if n.lead_kept(lead) > 0 {
                        accepted += 1;
                        assert_eq!(n.lead_kept(lead), c.len_utf8(), "{c:?}");
                        assert!(n.keeps(c), "{c:?} {level:?} {fold_case}");
                        assert!(is_common_nfkc(c) && !is_folded_quote(c) && !c.is_whitespace());
                        assert!(!fold_case || lowercase_unchanged(c));
                    }
                }
            }
        }
        assert!(accepted > 6 * 20_000);
    }

    fn norm(level: Normalize, fold_case: bool, s: &str) -> String {
        Normalizer { level, fold_case }.normalize_cow(s).into_owned()
    }

    /// The implementation before non-ASCII units were checked and copied in runs,
    /// verbatim: the oracle the current one must equal.
    pub(super) mod oracle {
        #![allow(dead_code)]
        use std::borrow::Cow;

        use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

        use super::Normalize;

        #[derive(Clone, Copy)]
        pub(crate) struct Old {
            pub(crate) level: Normalize,
            pub(crate) fold_case: bool,
        }

        #[derive(Default)]
        pub(crate) struct OldScratch {
            out: String,
            nfkc: String,
        }

        impl Old {
            #[inline]
            pub(crate) fn apply<'a>(&self, text: &'a str, scratch: &'a mut OldScratch) -> &'a str {
                if (self.level == Normalize::Exact && !self.fold_case)
                    || self.is_normal_ascii(text.as_bytes())
                {
                    return text;
                }
                scratch.out.clear();
                if text.is_ascii() {
                    self.ascii_into(text.as_bytes(), &mut scratch.out);
                } else {
                    self.unicode_into(text, &mut scratch.out, &mut scratch.nfkc);
                }
                &scratch.out
            }

            pub(crate) fn normalize_cow<'a>(&self, text: &'a str) -> Cow<'a, str> {
                let mut scratch = OldScratch::default();
                let normal = self.apply(text, &mut scratch);
                if normal.len() == text.len() && normal.as_ptr() == text.as_ptr() {
                    Cow::Borrowed(text)
                } else {
                    Cow::Owned(normal.to_owned())
                }
            }

            #[inline]
            pub(crate) fn is_normal_ascii(&self, b: &[u8]) -> bool {
                if b.is_empty() {
                    return true;
                }
                let first = b[0];
                let last = b[b.len() - 1];
                if first == b' ' || last == b' ' {
                    return false;
                }
                let exact = self.level == Normalize::Exact;
                let fold = self.fold_case;
                // Branch-free over 64-byte chunks so the compiler can vectorize; one early exit a chunk.
                let mut prev_space = false;
                for chunk in b.chunks(64) {
                    let mut bad = 0u8;
                    let mut prev = prev_space as u8;
                    for &c in chunk {
                        let space = (c == b' ') as u8;
                        let ctrl = (c < 0x20) as u8;
                        let high = c >> 7;
                        let upper = (c.wrapping_sub(b'A') < 26) as u8;
                        let text_bad = if exact { high } else { high | ctrl | (space & prev) };
                        bad |= text_bad | (upper & fold as u8);
                        prev = space;
                    }
                    if bad != 0 {
                        return false;
                    }
                    prev_space = prev != 0;
                }
                true
            }

            fn ascii_into(&self, b: &[u8], out: &mut String) {
                let collapse = self.level != Normalize::Exact;
                let mut pending = false;
                for &c in b {
                    if collapse && is_ascii_space(c) {
                        pending = !out.is_empty();
                        continue;
                    }
                    if pending {
                        out.push(' ');
                        pending = false;
                    }
                    out.push(if self.fold_case { c.to_ascii_lowercase() } else { c } as char);
                }
            }

            fn unicode_into(&self, text: &str, out: &mut String, nfkc: &mut String) {
                if self.level != Normalize::Unicode {
                    self.fold_into(text, out, false);
                    return;
                }
                if self.fold_into(text, out, true) {
                    return;
                }
                out.clear();
                nfkc_into(text, nfkc);
                self.fold_into(nfkc, out, false);
            }

            fn fold_into(&self, text: &str, out: &mut String, check_nfkc: bool) -> bool {
                let b = text.as_bytes();
                let plain = |c: u8| c > b' ' && c < 0x80;
                let collapse = self.level != Normalize::Exact;
                let unicode = self.level == Normalize::Unicode;
                let mut pending = false;
                let mut checked_to = 0;
                let mut i = 0;
                while i < b.len() {
                    let start = i;
                    while i < b.len() {
                        if i > start && i + 32 <= b.len() && plain_run(&b[i..i + 32]) {
                            i += 32;
                        } else if plain(b[i]) {
                            i += 1;
                        } else if i > start && b[i] == b' ' && i + 1 < b.len() && plain(b[i + 1]) {
                            i += 2;
                        } else {
                            break;
                        }
                    }
                    if i > start {
                        if pending {
                            out.push(' ');
                            pending = false;
                        }
                        let run = &text[start..i];
                        if self.fold_case {
                            out.extend(run.bytes().map(|c| c.to_ascii_lowercase() as char));
                        } else {
                            out.push_str(run);
                        }
                    }
                    if check_nfkc && i >= checked_to && i < b.len() && b[i] >= 0x80 {
                        let end = b[i..].iter().position(|&c| c < 0x80).map_or(b.len(), |p| i + p);
                        let run = &text[i..end];
                        if !run.chars().all(is_common_nfkc) && is_nfkc_quick(run.chars()) != IsNormalized::Yes
                        {
                            return false;
                        }
                        checked_to = end;
                    }
                    let Some(c) = text[i..].chars().next() else {
                        break;
                    };
                    i += c.len_utf8();
                    if collapse && c.is_whitespace() {
                        pending = !out.is_empty();
                        continue;
                    }
                    let c = if unicode {
                        match c {
                            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => continue,
                            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' => '\'',
                            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' => '"',
                            c => c,
                        }
                    } else {
                        c
                    };
                    if pending {
                        out.push(' ');
                        pending = false;
                    }
                    if self.fold_case {
                        out.extend(c.to_lowercase());
                    } else {
                        out.push(c);
                    }
                }
                true
            }
        }

        fn nfkc_into(text: &str, out: &mut String) {
            out.clear();
            let b = text.as_bytes();
            let mut done = 0;
            while let Some(p) = b[done..].iter().position(|&c| c >= 0x80) {
                let run = done + p;
                let from = run.saturating_sub(1).max(done);
                let end = b[run..]
                    .iter()
                    .position(|&c| c < 0x80)
                    .map_or(b.len(), |q| run + q);
                out.push_str(&text[done..from]);
                out.extend(text[from..end].nfkc());
                done = end;
            }
            out.push_str(&text[done..]);
        }

        #[inline]
        fn plain_run(w: &[u8]) -> bool {
            let mut bad = 0u8;
            let mut prev = 0u8;
            for &c in w {
                let space = (c == b' ') as u8;
                bad |= (c < 0x20) as u8 | (c >> 7) | (space & prev);
                prev = space;
            }
            bad == 0 && prev == 0
        }

        #[inline]
        fn is_common_nfkc(c: char) -> bool {
            matches!(
                c,
                '\u{C0}'..='\u{FF}'
                    | '\u{400}'..='\u{482}'
                    | '\u{48A}'..='\u{4FF}'
                    | '\u{2010}'
                    | '\u{2013}'..='\u{2015}'
                    | '\u{2018}'..='\u{2022}'
                    | '\u{3001}'..='\u{3002}'
                    | '\u{4E00}'..='\u{9FFF}'
            )
        }

        #[inline]
        fn is_ascii_space(c: u8) -> bool {
            matches!(c, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
        }
    }

    #[test]
    fn word_fast_path_equals_words_normalizer() {
        let mut scratch = Scratch::default();
        for w in [
            "word", "Word", "WORD", "can't", "3.14", "a_b", "x", "", " a", "a  b", "a\tb", "\u{7f}A",
        ] {
            let want = WORDS.normalize_cow(w).into_owned();
            assert_eq!(word(w, &mut scratch), want, "{w:?}");
        }
    }

    #[test]
    fn clean_ascii_is_borrowed() {
        let n = Normalizer {
            level: Normalize::Unicode,
            fold_case: false,
        };
        let s = "A plain sentence, with punctuation.";
        assert!(matches!(n.normalize_cow(s), Cow::Borrowed(_)));
    }

    fn naive_is_common_nfkc(c: char) -> bool {
        matches!(
            c,
            '\u{C0}'..='\u{FF}'
                | '\u{100}'..='\u{131}'
                | '\u{134}'..='\u{13E}'
                | '\u{141}'..='\u{148}'
                | '\u{14A}'..='\u{17E}'
                | '\u{1A0}'..='\u{1A1}'
                | '\u{1AF}'..='\u{1B0}'
                | '\u{400}'..='\u{482}'
                | '\u{48A}'..='\u{4FF}'
                | '\u{1EA0}'..='\u{1EF9}'
                | '\u{2010}'
                | '\u{2013}'..='\u{2015}'
                | '\u{2018}'..='\u{2022}'
                | '\u{3001}'..='\u{3002}'
                | '\u{3005}'
                | '\u{3008}'..='\u{3011}'
                | '\u{3041}'..='\u{3096}'
                | '\u{30A1}'..='\u{30FC}'
                | '\u{4E00}'..='\u{9FFF}'
                | '\u{AC00}'..='\u{D7A3}'
        )
    }

    #[test]
    fn common_nfkc_by_block_equals_the_list() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_common_nfkc(c), naive_is_common_nfkc(c), "{c:?}");
        }
    }

    #[test]
    fn common_nfkc_characters_are_nfkc_starters() {
        for c in ('\u{80}'..='\u{FFFF}').filter(|&c| is_common_nfkc(c)) {
            assert_eq!(is_nfkc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(
                is_nfkc_quick(['a', c, 'a'].into_iter()),
                IsNormalized::Yes,
                "{c:?}"
            );
            assert_eq!(c.nfkc().collect::<String>(), c.to_string(), "{c:?}");
            assert_eq!(
                unicode_normalization::char::canonical_combining_class(c),
                0,
                "{c:?}"
            );
        }
    }

    #[test]
    fn fullwidth_ascii_is_nfkc() {
        for c in ('\u{80}'..='\u{FFFF}').filter_map(|c| fullwidth_ascii(c).map(|a| (c, a))) {
            assert_eq!(c.0.nfkc().collect::<String>(), c.1.to_string(), "{c:?}");
        }
        assert_eq!(fullwidth_ascii('\u{FF5F}'), None);
    }

    #[test]
    fn nfkc_by_pieces_equals_nfkc() {
        let mut out = String::new();
        for s in [
            "",
            "plain",
            "e\u{301}",
            "\u{301}x",
            "caf\u{e9} and cafe\u{301} \u{2026} done",
            "\u{fb01}ne\u{a0}x\u{ff41}\u{3000}y\u{2024}",
            "a\u{1100}\u{1161}\u{11a8}b\u{ac00}\u{11a8}",
            "q\u{323}\u{307}z\u{1e0b}\u{323}",
            "\u{ff21}\u{301}\u{ff0c}\u{4e2d}\u{ff0c}\u{3000}\u{ff0c}x\u{ff0c}",
        ] {
            nfkc_into(s, &mut out);
            assert_eq!(out, s.nfkc().collect::<String>(), "{s:?}");
        }
    }

    #[test]
    fn runs_copied_whole_keep_their_spaces_right() {
        let n = Normalizer {
            level: Normalize::Unicode,
            fold_case: false,
        };
        let long = "word ".repeat(20);
        for s in [
            format!("\u{201C}{long}x\u{201D}"),
            format!("\u{201C}{long} x  y\u{201D}"),
            format!("\u{201C}x{long}\ty\u{201D}"),
            format!("\u{201C}x{long}{long}"),
        ] {
            let expect: String = s
                .replace(['\u{201C}', '\u{201D}'], "\"")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(n.normalize_cow(&s), expect);
        }
    }

    #[test]
    fn whitespace_collapses() {
        for level in [Normalize::Whitespace, Normalize::Unicode] {
            assert_eq!(norm(level, false, "a  b\tc\r\nd"), "a b c d");
            assert_eq!(norm(level, false, "a\u{a0}b\u{3000}c"), "a b c");
            assert_eq!(norm(level, false, " a "), "a");
        }
        assert_eq!(norm(Normalize::Exact, false, "a  b"), "a  b");
    }

    #[test]
    fn unicode_level() {
        let u = |s| norm(Normalize::Unicode, false, s);
        assert_eq!(u("\u{2018}hi\u{2019} \u{201C}there\u{201D}"), "'hi' \"there\"");
        assert_eq!(u("e\u{301}"), "\u{e9}"); // NFD to NFC
        assert_eq!(u("\u{FB01}ne"), "fine"); // ligature, NFKC
        assert_eq!(
            u("\u{FEFF}zero\u{200B}width soft\u{AD}hyphen"),
            "zerowidth softhyphen"
        );
        assert_eq!(u("ａｂｃ"), "abc"); // fullwidth, NFKC
                                        // Whitespace mode leaves quotes and NFD alone.
        assert_eq!(norm(Normalize::Whitespace, false, "\u{2019}"), "\u{2019}");
    }

    #[test]
    fn case_folding() {
        assert_eq!(norm(Normalize::Unicode, true, "Hello WORLD"), "hello world");
        assert_eq!(norm(Normalize::Exact, true, "ÀB"), "àb");
        assert_eq!(norm(Normalize::Exact, false, "ÀB"), "ÀB");
    }

    #[test]
    fn ascii_check_sees_double_spaces_across_chunks() {
        let n = Normalizer {
            level: Normalize::Whitespace,
            fold_case: false,
        };
        let mut s = "x".repeat(63);
        s.push_str("  y");
        assert_eq!(n.normalize_cow(&s), format!("{} y", "x".repeat(63)));
    }
}

#[cfg(test)]
mod differential {
    use proptest::prelude::*;

    use super::tests::oracle::Old;
    use super::*;

    /// Characters from every class the normalizer treats apart.
    fn piece() -> impl Strategy<Value = String> {
        let chars: Vec<char> = [
            // ASCII: letters, capitals, spaces, controls.
            "aZ z.,09 \t\n\r\u{b}\u{c}\u{1}\u{7f}",
            // Latin-1 and Latin Extended: accents, capitals, NBSP, soft hyphen, sharp s.
            "\u{a0}\u{ad}\u{b5}\u{c0}\u{c9}\u{d7}\u{de}\u{df}\u{e9}\u{f7}\u{ff}\u{130}\u{149}\u{1e9e}",
            // Cyrillic, Greek, Armenian with a ligature.
            "ЖжЁёЙйѠѡӀӏ\u{482}\u{483}\u{48a}ΣσςΆ\u{587}",
            // Combining marks that compose or reorder.
            "\u{301}\u{308}\u{306}\u{323}\u{307}\u{327}\u{3099}\u{309a}",
            // CJK, kana, Hangul syllables and jamo.
            "中文字\u{3001}\u{3002}\u{3000}かがカ\u{ff76}\u{ff9e}\u{ac00}\u{1100}\u{1161}\u{11a8}",
            // Fullwidth, compatibility, ligatures.
            "\u{ff0c}\u{ff01}\u{ff21}\u{ff41}\u{fb01}\u{2024}\u{2026}\u{2460}\u{2126}\u{212b}\u{2168}",
            // Quotes, dashes, zero-width, BOM, other spaces and separators.
            "\u{2010}\u{2011}\u{2013}\u{2014}\u{2015}\u{2016}\u{2017}\u{2018}\u{2019}\u{201a}\u{201b}\u{201c}\u{201d}\u{201e}\u{201f}\u{2020}\u{2022}\u{200b}\u{200c}\u{200d}\u{2060}\u{feff}\u{2002}\u{2009}\u{202f}\u{205f}\u{2028}\u{2029}\u{85}\u{1680}",
            // Astral: a math letter, an emoji, a CJK compatibility ideograph.
            "\u{1d400}\u{1f600}\u{2f800}\u{10400}",
        ]
        .concat()
        .chars()
        .collect();
        prop_oneof![
            4 => prop::sample::select(chars).prop_map(String::from),
            1 => "[a-z]{1,40}",
            1 => "[а-я]{1,20}",
            1 => "[\u{4e00}-\u{4e40}]{1,20}",
            1 => Just(" ".to_string()),
            1 => any::<char>().prop_map(String::from),
        ]
    }

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
    }

    fn normalizers() -> Vec<(Normalizer, Old)> {
        let mut all = Vec::new();
        for level in [Normalize::Exact, Normalize::Whitespace, Normalize::Unicode] {
            for fold_case in [false, true] {
                all.push((Normalizer { level, fold_case }, Old { level, fold_case }));
            }
        }
        all
    }

    fn check(s: &str) -> Result<(), TestCaseError> {
        for (new, old) in normalizers() {
            let expect = old.normalize_cow(s).into_owned();
            let got = new.normalize_cow(s);
            prop_assert_eq!(&*got, &*expect, "{:?} {:?}", new, s);
            if !s.is_ascii() && new.is_normal_unicode(s) {
                prop_assert_eq!(&expect, s, "{:?} called normal", new);
            }
        }
        let mut out = String::new();
        nfkc_into(s, &mut out);
        prop_assert_eq!(out, s.nfkc().collect::<String>());
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn equals_the_old_implementation(s in text()) {
            check(&s)?;
        }

        #[test]
        fn equals_the_old_implementation_on_any_string(s in "\\PC{0,30}") {
            check(&s)?;
        }
    }

    /// [`plain_prefix`] one byte at a time.
    fn naive_plain_prefix(w: &[u8]) -> usize {
        let mut p = 0;
        for k in 0..32 {
            let c = w[k];
            if !(0x20..0x80).contains(&c) || (c == b' ' && k > 0 && w[k - 1] == b' ') {
                break;
            }
            p = k + 1;
        }
        if p > 0 && w[p - 1] == b' ' {
            p - 1
        } else {
            p
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]

        #[test]
        fn collapse_ascii_equals_the_naive_one(
            w in prop::collection::vec(
                prop::sample::select(vec![b' ', b' ', b' ', b'a', b'Z', b'\n', b'\t', b'\r', 0x0B, 0x0C, 0x1F, 0x08, 0x0E, 0x7f, 0]),
                0..70,
            )
        ) {
            let text = String::from_utf8(w).unwrap();
            let naive = text.split(|c: char| is_ascii_space(c as u8)).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
            let mut out = b"left over".to_vec();
            collapse_ascii(text.as_bytes(), &mut out);
            prop_assert_eq!(String::from_utf8(out).unwrap(), naive, "{:?}", text);
        }

        #[test]
        fn is_normal_ascii_equals_the_old_one(
            w in prop::collection::vec(
                prop::sample::select(vec![b' ', b'a', b'z', b'A', b'Z', b'@', b'[', b'`', b'{', b'!', b'~', 0x7f, b'\n', b'\t', 0x1f, 0x80, 0xc3, 0xdb, 0xff, 0]),
                0..40,
            )
        ) {
            for (new, old) in normalizers() {
                prop_assert_eq!(new.is_normal_ascii(&w), old.is_normal_ascii(&w), "{:?} {:?}", new, w);
            }
        }

        #[test]
        fn plain_prefix_equals_the_naive_one(
            w in prop::collection::vec(
                prop::sample::select(vec![b' ', b'a', b'!', b'~', 0x7f, b'\n', b'\t', 0x1f, 0x21, 0x80, 0xc3, 0xff, 0]),
                32..40,
            )
        ) {
            prop_assert_eq!(plain_prefix(&w), naive_plain_prefix(&w), "{:?}", w);
        }

        #[test]
        fn hard_wrapped_indented_text_equals_the_old_implementation(
            s in "(( {0,9}[a-zA-Z,.!]{1,12}){1,12}[\\n\\t]{0,2}){1,6}[\u{2010}\u{2019}\u{e9}\u{a0}]?( {0,3}[a-z]{1,40}){0,3}"
        ) {
            check(&s)?;
        }
    }

    #[test]
    fn every_char_alone_and_in_context() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut lower = c.to_lowercase();
            let unchanged = lower.next() == Some(c) && lower.next().is_none();
            assert_eq!(lowercase_unchanged(c), unchanged, "{c:?}");
            if c.is_ascii() || (u32::from(c) > 0x3400 && u32::from(c) % 7 != 0) {
                continue;
            }
            for s in [
                format!("{c}"),
                format!("a{c}"),
                format!("{c}b"),
                format!("ж {c} 中"),
                format!("e{c}\u{301}"),
                format!("A\u{2019}{c}\u{300}x"),
            ] {
                check(&s).unwrap();
            }
        }
    }

    #[test]
    fn normal_units_are_borrowed() {
        let n = Normalizer {
            level: Normalize::Unicode,
            fold_case: false,
        };
        for s in [
            "Съешь же ещё этих мягких французских булок",
            "中文字。中文、字",
            "café à la crème",
            "한국어 텍스트",
        ] {
            assert!(matches!(n.normalize_cow(s), Cow::Borrowed(_)), "{s:?}");
        }
        for s in [
            "l\u{2019}été",
            "中文，字",
            "a  é",
            " é",
            "é ",
            "\u{fb01}",
            "e\u{301}",
        ] {
            assert!(matches!(n.normalize_cow(s), Cow::Owned(_)), "{s:?}");
        }
        // Long ASCII stretches, checked 32 bytes at a time.
        let words = "word ".repeat(20);
        let borrowed = format!("é{words}x");
        assert!(matches!(n.normalize_cow(&borrowed), Cow::Borrowed(_)));
        for tail in ["x ", " x", "\tx", "X", ""] {
            let s = format!("é{words}{tail}");
            for level in [Normalize::Exact, Normalize::Whitespace, Normalize::Unicode] {
                for fold_case in [false, true] {
                    let new = Normalizer { level, fold_case };
                    let old = Old { level, fold_case };
                    assert_eq!(new.normalize_cow(&s), old.normalize_cow(&s), "{s:?}");
                }
            }
        }
    }
}
