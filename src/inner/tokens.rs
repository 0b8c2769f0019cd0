//! The words of a text as tokens: byte offsets, an id per distinct word (equal ids, the
//! same word by [`normalize::WORDS`]) and class bits for the stutter rules.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use xxhash_rust::xxh3::xxh3_64;

use super::stutter::LEGIT_DOUBLES;
use crate::normalize;

pub(super) const NUMERIC: u8 = 1;
pub(super) const ONE_CHAR: u8 = 2;

/// One word: its bytes, its id (equal ids, equal normalized words) and its class bits.
#[derive(Clone, Copy, Debug)]
pub(super) struct Token {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) id: u32,
    pub(super) class: u8,
}

/// A hasher for keys that are already hashes.
#[derive(Default)]
pub(super) struct IdHasher(u64);

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
        // Keys of short words are their bytes ([`key_of`]): spread them over the bits.
        self.0 = (x ^ (x >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type IdMap = HashMap<u64, u32, BuildHasherDefault<IdHasher>>;

/// The words of a text, with ids interned by normalized hash.
pub(super) struct Words {
    pub(super) toks: Vec<Token>,
    /// `toks[i].id`, contiguous for the period scans.
    pub(super) ids: Vec<u32>,
    /// Ids given out: every id is below this.
    pub(super) alphabet: u32,
    /// Ids of the legitimate single-word doubles present in the text, sorted.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) legit: Vec<u32>,
}

impl Words {
    pub(super) fn new(text: &str) -> Words {
        let mut ids = IdMap::with_capacity_and_hasher(text.len() / 8 + 16, Default::default());
        let mut scratch = normalize::Scratch::default();
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
pub(super) fn legit_hashes() -> &'static [u64] {
    static HASHES: OnceLock<Vec<u64>> = OnceLock::new();
    HASHES.get_or_init(|| LEGIT_DOUBLES.iter().map(|w| key_of(w)).collect())
}

/// The key of a normalized word: its bytes themselves when they fit in 8 (no word holds
/// a NUL byte, so this is one to one), else their 64-bit xxh3.
#[inline]
pub(super) fn key_of(normal: &str) -> u64 {
    key_of_bytes(normal.as_bytes())
}

/// [`key_of`] of the UTF-8 bytes of a normalized word.
#[inline]
fn key_of_bytes(b: &[u8]) -> u64 {
    if b.len() <= 8 {
        let mut w = [0u8; 8];
        w[..b.len()].copy_from_slice(b);
        u64::from_le_bytes(w)
    } else {
        xxh3_64(b)
    }
}

/// Eight bytes of a word, lowercased, when each of the first `len` is printable ASCII
/// other than a space (what [`normalize::word`] only lowercases); the bytes past `len`
/// must be 0 and stay 0. SWAR: no byte below 0x80 carries into the next when at most
/// 0x7F is added to it.
#[inline]
fn lower8(x: u64, len: usize) -> Option<u64> {
    const H: u64 = 0x8080_8080_8080_8080;
    const fn rep(b: u8) -> u64 {
        0x0101_0101_0101_0101 * b as u64
    }
    let live = if len >= 8 {
        H
    } else {
        H & ((1u64 << (8 * len)) - 1)
    };
    let at_least = |b: u8| x.wrapping_add(rep(0x80 - b)) & H;
    if x & H != 0 || at_least(0x21) & live != live || at_least(0x7F) & live != 0 {
        return None;
    }
    let upper = at_least(b'A') & !at_least(b'Z' + 1);
    Some(x | (upper >> 2))
}

/// [`word_key`]'s key, computed without normalizing a printable ASCII word (the common
/// case), with its class bits when they came for free (a word that needed normalizing).
/// Equal to `word_key(word, scratch).0`, checked in the tests.
#[cfg(test)]
pub(super) fn fast_key(word: &str, scratch: &mut normalize::Scratch) -> (u64, Option<u8>) {
    fast_key_at(word, 0, word.len(), scratch)
}

/// [`fast_key`] of `text[start..end]`, reading the text 8 bytes at a time (past `end`
/// when the text goes on, the extra bytes masked off).
#[inline(always)]
pub(super) fn fast_key_at(
    text: &str,
    start: usize,
    end: usize,
    scratch: &mut normalize::Scratch,
) -> (u64, Option<u8>) {
    let t = text.as_bytes();
    let eight = |at: usize| -> u64 {
        let len = (end - at).min(8);
        let x = match t.get(at..at + 8) {
            Some(b) => u64::from_le_bytes(b.try_into().unwrap_or([0; 8])),
            None => {
                let mut w = [0u8; 8];
                w[..len].copy_from_slice(&t[at..at + len]);
                u64::from_le_bytes(w)
            }
        };
        if len >= 8 {
            x
        } else {
            x & ((1u64 << (8 * len)) - 1)
        }
    };
    let len = end - start;
    if len <= 8 {
        if let Some(x) = lower8(eight(start), len) {
            return (x, None);
        }
    } else if len <= 16 {
        // Two lanes: a small buffer, cheap to clear.
        if let (Some(x), Some(y)) = (lower8(eight(start), 8), lower8(eight(start + 8), len - 8)) {
            let mut buf = [0u8; 16];
            buf[..8].copy_from_slice(&x.to_le_bytes());
            buf[8..].copy_from_slice(&y.to_le_bytes());
            return (xxh3_64(&buf[..len]), None);
        }
    } else if len <= 64 {
        let mut buf = [0u8; 64];
        let mut plain = true;
        for k in (0..len).step_by(8) {
            match lower8(eight(start + k), (len - k).min(8)) {
                Some(x) => buf[k..k + 8].copy_from_slice(&x.to_le_bytes()),
                None => {
                    plain = false;
                    break;
                }
            }
        }
        if plain {
            return (xxh3_64(&buf[..len]), None);
        }
    }
    if let Some((key, class)) = letters_key(&t[start..end]) {
        return (key, Some(class));
    }
    let (key, class) = word_key(&text[start..end], scratch);
    (key, Some(class))
}

/// The lowercase of a Cyrillic letter (U+0400..U+052F, not U+0482..U+0489), in the same
/// block and of the same UTF-8 length. Equal to `char::to_lowercase`, checked in the
/// tests.
#[inline]
fn cyrillic_lower(cp: u32) -> u32 {
    match cp {
        0x400..=0x40F => cp + 0x50,
        0x410..=0x42F => cp + 0x20,
        0x460..=0x481 | 0x48A..=0x4BF | 0x4D0..=0x52F => cp | 1,
        0x4C0 => 0x4CF,
        0x4C1..=0x4CE if cp & 1 == 1 => cp + 1,
        _ => cp,
    }
}

/// [`word_key`] of a word of at most 64 bytes made of printable ASCII other than a space,
/// Latin-1 letters (U+00C0..U+00FF but `×` and `÷`), Cyrillic letters (U+0400..U+052F
/// but U+0482..U+0489), Hiragana and Katakana letters (U+3041..U+3096, U+30A1..U+30FA),
/// CJK unified ideographs (U+4E00..U+9FFF) and Hangul syllables (U+AC00..U+D7A3), without
/// normalizing:
/// such a word is NFKC, holds no quote, invisible character or whitespace, and its
/// normal form is its lowercase, character by character, of the same length; every one
/// of these non-ASCII characters is alphabetic. `None` for any other word. Equal to
/// `word_key`, checked on every character in the tests.
#[inline]
fn letters_key(w: &[u8]) -> Option<(u64, u8)> {
    if w.len() > 64 {
        return None;
    }
    let mut buf = [0u8; 64];
    let (mut i, mut chars, mut alpha) = (0, 0, false);
    while i < w.len() {
        let c = w[i];
        if c < 0x80 {
            if c <= b' ' || c == 0x7F {
                return None;
            }
            buf[i] = c.to_ascii_lowercase();
            alpha |= c.is_ascii_alphabetic();
            i += 1;
        } else if (0xC3..=0xD4).contains(&c) {
            let cp = (u32::from(c & 0x1F) << 6) | u32::from(*w.get(i + 1)? & 0x3F);
            let lower = match cp {
                0xD7 | 0xF7 => return None,
                0xC0..=0xDE => cp + 0x20,
                0xDF..=0xFF => cp,
                0x400..=0x481 | 0x48A..=0x52F => cyrillic_lower(cp),
                _ => return None,
            };
            buf[i] = 0xC0 | (lower >> 6) as u8;
            buf[i + 1] = 0x80 | (lower & 0x3F) as u8;
            alpha = true;
            i += 2;
        } else if (0xE3..=0xED).contains(&c) {
            let (c2, c3) = (*w.get(i + 1)?, *w.get(i + 2)?);
            let cp = (u32::from(c & 0x0F) << 12) | (u32::from(c2 & 0x3F) << 6) | u32::from(c3 & 0x3F);
            if !matches!(cp, 0x3041..=0x3096 | 0x30A1..=0x30FA | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3) {
                return None;
            }
            buf[i..i + 3].copy_from_slice(&w[i..i + 3]);
            alpha = true;
            i += 3;
        } else {
            return None;
        }
        chars += 1;
    }
    let class = (if chars == 1 { ONE_CHAR } else { 0 }) | (if alpha { 0 } else { NUMERIC });
    Some((key_of_bytes(&buf[..w.len()]), class))
}

/// The class bits of a printable ASCII word (see [`word_key`]).
#[inline]
pub(super) fn ascii_class(b: &[u8]) -> u8 {
    let one_char = if b.len() == 1 { ONE_CHAR } else { 0 };
    let numeric = if b.iter().any(u8::is_ascii_alphabetic) {
        0
    } else {
        NUMERIC
    };
    one_char | numeric
}

/// The hash of a word's normal form by [`normalize::WORDS`] (the crate's one "same
/// word"), and its class bits. Allocates nothing once the scratch buffers have grown.
#[inline]
pub(super) fn word_key(word: &str, scratch: &mut normalize::Scratch) -> (u64, u8) {
    let bytes = word.as_bytes();
    let normal = normalize::word(word, scratch);
    let class = if word.is_ascii() {
        ascii_class(bytes)
    } else {
        let mut chars = word.chars();
        let one_char = chars.next().is_some() && chars.next().is_none();
        let numeric = !normal.chars().any(char::is_alphabetic);
        (if one_char { ONE_CHAR } else { 0 }) | (if numeric { NUMERIC } else { 0 })
    };
    (key_of(normal), class)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

    /// The key this stage computed before it shared [`normalize::WORDS`]: stutters and
    /// repeated runs must find what they found then.
    fn old_word_key(word: &str) -> (u64, u8) {
        let bytes = word.as_bytes();
        if word.is_ascii() {
            let mut class = if bytes.len() == 1 { ONE_CHAR } else { 0 };
            if !bytes.iter().any(u8::is_ascii_alphabetic) {
                class |= NUMERIC;
            }
            return (key_of(&word.to_ascii_lowercase()), class);
        }
        let nfkc: String = if is_nfkc_quick(word.chars()) == IsNormalized::Yes {
            word.to_owned()
        } else {
            word.nfkc().collect()
        };
        let mut buf = String::new();
        let mut alphabetic = false;
        for c in nfkc.chars() {
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
        (key_of(&buf), class)
    }

    #[test]
    fn words_are_the_same_exactly_when_they_were_before() {
        // Ids are compared only for equality, so what must not change is which words
        // share a key. The one exception, documented at `normalize::WORDS`: a word whose
        // NFKC holds whitespace (" \u{345}", a space and a mark, is one UAX #29 word;
        // "\u{b8}b" is " \u{327}b" by NFKC) is now trimmed and collapsed like any unit,
        // so it is left out here.
        let mut scratch = normalize::Scratch::default();
        let mut new_to_old: std::collections::HashMap<u64, u64> = Default::default();
        let mut old_to_new: std::collections::HashMap<u64, u64> = Default::default();
        let mut checked = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let upper: String = c.to_uppercase().collect();
            let text = format!("{c} a{c} {c}b{c}{c} X{c}y {upper}z {c}\u{301} {c}{c}");
            for (_, w) in crate::words::words(&text) {
                let (new, new_class) = word_key(w, &mut scratch);
                let (fast, fast_class) = fast_key(w, &mut scratch);
                assert_eq!(fast, new, "{w:?}");
                assert_eq!(
                    fast_class.unwrap_or_else(|| ascii_class(w.as_bytes())),
                    new_class,
                    "{w:?}"
                );
                let (old, old_class) = old_word_key(w);
                assert_eq!(new_class, old_class, "{w:?}");
                if w.nfkc().any(char::is_whitespace) {
                    continue;
                }
                assert_eq!(*new_to_old.entry(new).or_insert(old), old, "{w:?}");
                assert_eq!(*old_to_new.entry(old).or_insert(new), new, "{w:?}");
                checked += 1;
            }
        }
        assert!(checked > 1_000_000, "{checked}");
    }

    #[test]
    fn letters_key_takes_only_alphabetic_letters_lowercased_in_place() {
        for cp in 0xC0..=0x52F_u32 {
            let c = char::from_u32(cp).unwrap();
            let s = c.to_string();
            let Some((_, class)) = letters_key(s.as_bytes()) else {
                continue;
            };
            assert!(c.is_alphabetic(), "U+{cp:04X}");
            assert_eq!(class, ONE_CHAR, "U+{cp:04X}");
            let lower: String = c.to_lowercase().collect();
            assert_eq!(lower.len(), s.len(), "U+{cp:04X}");
            if (0x400..=0x52F).contains(&cp) {
                assert_eq!(
                    char::from_u32(cyrillic_lower(cp)).map(String::from),
                    Some(lower),
                    "U+{cp:04X}"
                );
            }
        }
        for cp in (0x3041..=0x3096)
            .chain(0x30A1..=0x30FA)
            .chain(0x4E00..=0x9FFF)
            .chain(0xAC00..=0xD7A3_u32)
        {
            let c = char::from_u32(cp).unwrap();
            assert!(c.is_alphabetic() && c.to_lowercase().eq([c]), "U+{cp:04X}");
        }
        // Words the fast path takes, mixed.
        let mut scratch = normalize::Scratch::default();
        for w in [
            "Привет",
            "ПРИВЕТ",
            "Ёлка",
            "ЀЍЏ",
            "Ӏӏ",
            "한국어",
            "カタカナ",
            "ひらがな",
            "中文",
            "Ünïcödé",
            "ÀÉÎÕÜÝÞß",
            "x1Й",
            "Ԯԯ",
            "Ѡѡ",
        ] {
            let (fast, class) = fast_key(w, &mut scratch);
            assert_eq!(
                (fast, class),
                {
                    let (k, c) = word_key(w, &mut scratch);
                    (k, Some(c))
                },
                "{w:?}"
            );
            assert!(letters_key(w.as_bytes()).is_some(), "{w:?}");
        }
    }

    #[test]
    fn the_fast_key_is_the_key_on_every_ascii_byte() {
        // Each byte at each place of words of 1 to 24 bytes (the SWAR lanes and their edges).
        let mut scratch = normalize::Scratch::default();
        for len in 1..=24 {
            for at in 0..len {
                for c in 0u8..0x80 {
                    let mut w = vec![b'q'; len];
                    w[at] = c;
                    let w = String::from_utf8(w).unwrap();
                    assert_eq!(
                        fast_key(&w, &mut scratch).0,
                        word_key(&w, &mut scratch).0,
                        "{w:?}"
                    );
                    // Read with the text going on after the word.
                    let more = format!("{w}XYZabc\u{e9}{w}");
                    let (a, b) = (
                        fast_key_at(&more, 0, len, &mut scratch),
                        fast_key_at(&more, len + 8, more.len(), &mut scratch),
                    );
                    assert_eq!(
                        (a.0, b.0),
                        (word_key(&w, &mut scratch).0, word_key(&w, &mut scratch).0),
                        "{w:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_fast_key_is_the_key() {
        let mut scratch = normalize::Scratch::default();
        for w in [
            "a",
            "The",
            "THE",
            "abcdefgh",
            "ABCDEFGHI",
            "don't",
            "x.y",
            "3.14",
            "1,000",
            "can't",
            "ＡＢＣ",
            "ﬁle",
            "\u{212A}elvin",
            "ｓｏｍｅｔｈｉｎｇ",
            "SOMETHING",
            "Ärger",
            "Z@[`{~!",
            "AZaz09_-",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
        ] {
            assert_eq!(fast_key(w, &mut scratch).0, word_key(w, &mut scratch).0, "{w:?}");
        }
        let long = "Ab".repeat(40);
        assert_eq!(fast_key(&long, &mut scratch).0, word_key(&long, &mut scratch).0);
        // Width and compatibility forms meet their ASCII word.
        assert_eq!(
            fast_key("ＡＢＣ", &mut scratch).0,
            fast_key("abc", &mut scratch).0
        );
        assert_eq!(
            fast_key("ｓｏｍｅｔｈｉｎｇ", &mut scratch).0,
            fast_key("Something", &mut scratch).0
        );
    }
}
