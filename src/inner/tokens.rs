//! The words of a text as tokens: byte offsets, an id per distinct word (equal ids, equal
//! normalized words) and class bits for the stutter rules.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};
use xxhash_rust::xxh3::xxh3_64;

use super::stutter::LEGIT_DOUBLES;

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
    pub(super) legit: Vec<u32>,
}

/// Reusable normalization buffers.
#[derive(Default)]
struct WordScratch {
    buf: String,
    nfkc: String,
}

impl Words {
    pub(super) fn new(text: &str) -> Words {
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
