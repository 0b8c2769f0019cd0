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
        self.0 = x;
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
    HASHES.get_or_init(|| LEGIT_DOUBLES.iter().map(|w| xxh3_64(w.as_bytes())).collect())
}

/// The hash of a word's normal form by [`normalize::WORDS`] (the crate's one "same
/// word"), and its class bits. Allocates nothing once the scratch buffers have grown.
#[inline]
pub(super) fn word_key(word: &str, scratch: &mut normalize::Scratch) -> (u64, u8) {
    let bytes = word.as_bytes();
    let normal = normalize::word(word, scratch);
    let class = if word.is_ascii() {
        let one_char = if bytes.len() == 1 { ONE_CHAR } else { 0 };
        let numeric = if bytes.iter().any(u8::is_ascii_alphabetic) {
            0
        } else {
            NUMERIC
        };
        one_char | numeric
    } else {
        let mut chars = word.chars();
        let one_char = chars.next().is_some() && chars.next().is_none();
        let numeric = !normal.chars().any(char::is_alphabetic);
        (if one_char { ONE_CHAR } else { 0 }) | (if numeric { NUMERIC } else { 0 })
    };
    (xxh3_64(normal.as_bytes()), class)
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
            return (xxh3_64(word.to_ascii_lowercase().as_bytes()), class);
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
        (xxh3_64(buf.as_bytes()), class)
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
}
