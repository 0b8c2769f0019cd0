//! Shingles: the set of overlapping token k-grams of a unit, as 64-bit hashes.

use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::normalize;
use crate::words::{ascii_word_bounds, words};

/// The odd multiplier of the rolling polynomial.
const POLY: u64 = 0x9E37_79B9_7F4A_7C15;

/// A 64-bit finalizer (SplitMix64): a bijection whose output bits all depend on all
/// input bits.
#[inline]
pub(crate) fn mix64(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// Whether `c` belongs to a script that is written without spaces between words.
///
/// Covers Thai, Lao, Tibetan, Myanmar, Khmer, Tai Le, New Tai Lue, CJK radicals and
/// ideographs (all planes), ideographic iteration marks, Hiragana, Katakana (full and
/// half width) and the Kana supplements. Hangul is not included: Korean uses spaces.
pub(crate) fn is_spaceless(c: char) -> bool {
    matches!(
        u32::from(c),
        0x0E00..=0x0FFF
            | 0x1000..=0x109F
            | 0x1780..=0x17FF
            | 0x1950..=0x19FF
            | 0x2E80..=0x2FDF
            | 0x3005..=0x3007
            | 0x3021..=0x3029
            | 0x3031..=0x3035
            | 0x3038..=0x303C
            | 0x3040..=0x30FF
            | 0x31F0..=0x31FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA9E0..=0xA9FF
            | 0xAA60..=0xAA7F
            | 0xF900..=0xFAFF
            | 0xFF66..=0xFF9F
            | 0x1B000..=0x1B16F
            | 0x20000..=0x3FFFF
    )
}

/// Rolling polynomial k-gram hashes over a sequence of token hashes.
#[derive(Clone, Copy, Debug)]
struct Kgrams {
    k: usize,
    /// `POLY^(k-1)`: the weight of the token leaving the window.
    top: u64,
    /// Xored into every full k-gram's hash.
    tag: u64,
    /// Xored into the one hash of a sequence shorter than `k`.
    short_tag: u64,
}

impl Kgrams {
    fn new(k: usize, tag: u64, short_tag: u64) -> Kgrams {
        let mut top = 1u64;
        for _ in 1..k {
            top = top.wrapping_mul(POLY);
        }
        Kgrams {
            k,
            top,
            tag,
            short_tag,
        }
    }

    /// Appends the k-gram hashes of `hs` to `out`: `hs.len() - k + 1` of them, or one
    /// hash of all of `hs` (with its length mixed in) if it is shorter than `k`.
    #[inline]
    fn push_all(&self, hs: &[u64], out: &mut Vec<u64>) {
        let k = self.k;
        if hs.is_empty() {
            return;
        }
        let mut h = 0u64;
        if hs.len() < k {
            for &x in hs {
                h = h.wrapping_mul(POLY).wrapping_add(x);
            }
            out.push(h ^ hs.len() as u64 ^ self.short_tag);
            return;
        }
        for &x in &hs[..k] {
            h = h.wrapping_mul(POLY).wrapping_add(x);
        }
        out.reserve(hs.len() - k + 1);
        out.push(h ^ self.tag);
        for (&old, &new) in hs.iter().zip(&hs[k..]) {
            h = h
                .wrapping_sub(old.wrapping_mul(self.top))
                .wrapping_mul(POLY)
                .wrapping_add(new);
            out.push(h ^ self.tag);
        }
    }
}

/// Buffers reused from one unit to the next.
#[derive(Debug)]
pub(crate) struct Scratch {
    /// Hashes of the words (outside runs) of the current unit.
    word_hashes: Vec<u64>,
    /// Hashes of the characters of the current run.
    char_hashes: Vec<u64>,
    lower: Vec<u8>,
    /// Buffers of [`normalize::word`].
    norm: normalize::Scratch,
    /// The shingle hashes of the current unit (with repeats, in text order).
    pub(crate) shingles: Vec<u64>,
    /// MinHash work space: per slot, the round that first reached it.
    pub(crate) pending: Vec<u32>,
    /// The slots of the current unit's signature.
    pub(crate) sig: Vec<u64>,
    /// Bucket counts of [`sort_dedup_into`].
    counts: Vec<u32>,
}

/// Turns a unit's text into shingle hashes.
#[derive(Clone, Debug)]
pub(crate) struct Shingler {
    word_seed: u64,
    char_seed: u64,
    word_grams: Kgrams,
    char_grams: Kgrams,
}

impl Shingler {
    /// `k` and `char_k` below 1 are taken as 1.
    pub(crate) fn new(k: usize, char_k: usize, seed: u64) -> Shingler {
        let s = |i: u64| mix64(seed ^ i.wrapping_mul(0xA076_1D64_78BD_642F));
        Shingler {
            word_seed: s(1),
            char_seed: s(2),
            word_grams: Kgrams::new(k.max(1), s(3), s(5)),
            char_grams: Kgrams::new(char_k.max(1), s(4), s(6)),
        }
    }

    pub(crate) fn scratch(&self) -> Scratch {
        Scratch {
            word_hashes: Vec::new(),
            char_hashes: Vec::new(),
            lower: Vec::new(),
            norm: normalize::Scratch::default(),
            shingles: Vec::new(),
            pending: Vec::new(),
            sig: Vec::new(),
            counts: Vec::new(),
        }
    }

    /// Writes the shingle hashes of `text` to `scratch.shingles` (cleared first), in
    /// text order with repeats.
    pub(crate) fn shingle_into(&self, text: &str, scratch: &mut Scratch) {
        let Scratch {
            word_hashes: wh,
            char_hashes: ch,
            lower,
            norm,
            shingles: out,
            ..
        } = scratch;
        out.clear();
        wh.clear();
        if text.is_ascii() {
            // Lower-case the whole unit once (vectorized), then hash word slices of it: an
            // ASCII word's normal form by `normalize::WORDS` is its lowercase.
            lower.clear();
            lower.extend(text.bytes().map(|c| c.to_ascii_lowercase()));
            wh.extend(ascii_word_bounds(lower).map(|(s, e)| xxh3_64_with_seed(&lower[s..e], self.word_seed)));
            self.word_grams.push_all(wh, out);
            return;
        }
        ch.clear();
        for (_, w) in words(text) {
            // Every spaceless character is 3 or 4 bytes long in UTF-8.
            let spaceless = w.as_bytes()[0] >= 0xE0 && w.chars().next().is_some_and(is_spaceless);
            if spaceless {
                ch.extend(w.chars().map(|c| mix64(u64::from(u32::from(c)) ^ self.char_seed)));
            } else {
                if !ch.is_empty() {
                    self.char_grams.push_all(ch, out);
                    ch.clear();
                }
                wh.push(xxh3_64_with_seed(
                    normalize::word(w, norm).as_bytes(),
                    self.word_seed,
                ));
            }
        }
        self.char_grams.push_all(ch, out);
        self.word_grams.push_all(wh, out);
    }

    /// The shingle set of `text`: sorted ascending, without repeats.
    pub(crate) fn shingle_set(&self, text: &str, scratch: &mut Scratch) -> Vec<u64> {
        self.shingle_into(text, scratch);
        let mut set = Vec::new();
        sort_dedup_into(&scratch.shingles, &mut set, &mut scratch.counts);
        set
    }
}

/// The shingle set of `text` with the default configuration (word 5-grams, character
/// 3-grams in scripts without spaces, the default seed): 64-bit hashes, sorted
/// ascending, without repeats.
///
/// # Tokens
///
/// Words follow Unicode word boundaries (UAX #29) and compare as the crate compares words
/// everywhere (stutters and repeated runs too): after NFKC, with curly quotes straightened
/// (`it’s` is `it's`), zero-width characters, soft hyphens and byte order marks dropped,
/// and full lowercase (`char::to_lowercase`; an all-ASCII unit is lower-cased at once
/// into a reused buffer). Each word is hashed once with xxh3. So `ｆｕｌｌ` and `full`, or
/// `co\u{AD}operate` and `cooperate`, are the same token.
///
/// Scripts written without spaces between words (Han, Hiragana, Katakana, Thai, Lao,
/// Khmer, Myanmar, Tibetan, ...; not Hangul) have no useful word boundaries:
/// UAX #29 makes every ideograph a word of its own. A maximal stretch of such words
/// (punctuation between them does not end it, a word of another script does) is a
/// *run*, and each character of a run is a token of its own.
///
/// # Shingles
///
/// * Word shingles: the k-grams (`k` consecutive words, default 5) of the sequence of
///   all words that are not in runs.
/// * Character shingles: the `char_k`-grams (default 3) of the characters of each run.
/// * Short sequences: a word sequence with fewer than `k` words (but at least one)
///   gives one shingle of all its words; a run shorter than `char_k` characters gives
///   one shingle of the whole run. So every unit with a word has a shingle, and a
///   unit without words (only punctuation or spaces) has none.
///
/// A k-gram's hash is the polynomial `h_1·P^(k-1) + ... + h_k` (mod 2^64, `P` odd) of its
/// token hashes, updated as the window rolls: one multiply-add per token, no allocation
/// per shingle. Word, character and short shingles use distinct seeds.
///
/// # Example
///
/// Use [`MinHasher::shingles`](crate::near::MinHasher::shingles) for another `k` or seed.
///
/// ```
/// use dedupe::near::{jaccard, shingles};
/// let a = shingles("the quick brown fox jumps over the lazy dog");
/// let b = shingles("The quick brown fox jumps over the lazy cat");
/// assert_eq!(a.len(), 5); // 9 words, 5 word 5-grams
/// assert_eq!(jaccard(&a, &b), 4.0 / 6.0);
/// assert_eq!(shingles("a short one").len(), 1);
/// assert!(shingles("... !!!").is_empty());
/// ```
pub fn shingles(text: &str) -> Vec<u64> {
    let cfg = crate::near::MinHashConfig::default();
    let s = Shingler::new(cfg.k, cfg.char_k, cfg.seed);
    s.shingle_set(text, &mut s.scratch())
}

/// The exact Jaccard similarity `|a ∩ b| / |a ∪ b|` of two shingle sets.
///
/// Both slices must be sorted ascending without repeats, as [`shingles`] and
/// [`MinHasher::shingles`](crate::near::MinHasher::shingles) return them; otherwise the
/// result is unspecified. Two empty sets have similarity 1.0 (as two MinHash signatures
/// of empty sets do); an empty and a non-empty set have 0.0.
///
/// ```
/// use dedupe::near::jaccard;
/// assert_eq!(jaccard(&[1, 2, 3, 4], &[3, 4, 5]), 2.0 / 5.0);
/// assert_eq!(jaccard(&[], &[]), 1.0);
/// ```
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let inter = intersection_len(a, b);
    let union = a.len() + b.len() - inter;
    if union == 0 {
        1.0
    } else {
        inter as f64 / union as f64
    }
}

/// Writes `src` sorted ascending without repeats to `out`.
///
/// Shingle hashes are uniformly distributed, so one counting-sort pass on the top
/// `log2(len)` bits leaves values at most a bucket (one or two values on average) from
/// their place, and one insertion-sort pass finishes with few moves: about twice as
/// fast as `sort_unstable` on a few hundred values. A bucket of more than 16 values
/// (not expected from hashes) falls back to `sort_unstable`, so any input is sorted
/// in `O(n log n)`.
pub(crate) fn sort_dedup_into(src: &[u64], out: &mut Vec<u64>, counts: &mut Vec<u32>) {
    out.clear();
    out.extend_from_slice(src);
    if src.len() < 64 {
        out.sort_unstable();
        out.dedup();
        return;
    }
    let bits = (usize::BITS - src.len().leading_zeros()).min(16);
    let shift = 64 - bits;
    counts.clear();
    counts.resize((1 << bits) + 1, 0);
    for &x in src {
        counts[(x >> shift) as usize + 1] += 1;
    }
    if counts.iter().any(|&c| c > 16) {
        out.sort_unstable();
        out.dedup();
        return;
    }
    for i in 1..counts.len() {
        counts[i] += counts[i - 1];
    }
    // counts[b] is the next free place in bucket b.
    for &x in src {
        let b = &mut counts[(x >> shift) as usize];
        out[*b as usize] = x;
        *b += 1;
    }
    insertion_sort(out);
    out.dedup();
}

/// Sorts `xs` by insertion: linear when every value is at most a few places from its own,
/// as after a counting pass on the top bits of hashes.
pub(crate) fn insertion_sort<T: PartialOrd + Copy>(xs: &mut [T]) {
    for i in 1..xs.len() {
        let x = xs[i];
        let mut j = i;
        while j > 0 && xs[j - 1] > x {
            xs[j] = xs[j - 1];
            j -= 1;
        }
        xs[j] = x;
    }
}

/// `|a ∩ b|` of two sorted, repeat-free slices, by merging.
pub(crate) fn intersection_len(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(k: usize, char_k: usize, text: &str) -> Vec<u64> {
        let s = Shingler::new(k, char_k, 7);
        s.shingle_set(text, &mut s.scratch())
    }

    #[test]
    fn counts_word_kgrams() {
        assert_eq!(set(3, 3, "a b c d e").len(), 3);
        assert_eq!(set(5, 3, "a b c d e").len(), 1);
        assert_eq!(set(5, 3, "a b c").len(), 1);
        assert_eq!(set(1, 3, "a b a b").len(), 2);
        assert!(set(5, 3, "").is_empty());
        assert!(set(5, 3, " -- ,, ").is_empty());
    }

    #[test]
    fn case_and_punctuation_do_not_matter() {
        assert_eq!(
            set(3, 3, "The Cat, sat on the MAT."),
            set(3, 3, "the cat sat on the mat")
        );
        assert_eq!(set(2, 3, "ÉCOLE Über Straße"), set(2, 3, "école über straße"));
    }

    #[test]
    fn short_unit_differs_from_kgram_of_same_words() {
        // "a b" as a short unit (k = 3) vs the 2-gram "a b" (k = 2) are different rules,
        // but a short unit must still differ from other short units.
        assert_ne!(set(3, 3, "a b"), set(3, 3, "b a"));
        assert_ne!(set(3, 3, "a b"), set(3, 3, "a b a"));
    }

    #[test]
    fn rolling_hash_equals_direct_polynomial() {
        let s = Shingler::new(3, 3, 1);
        let mut sc = s.scratch();
        s.shingle_into("w x y z w x y", &mut sc);
        let got = sc.shingles.clone();
        // Windows 0..3 and 4..7 are the same words: same hash.
        assert_eq!(got.len(), 5);
        assert_eq!(got[0], got[4]);
        assert_ne!(got[0], got[1]);
    }

    #[test]
    fn ascii_and_unicode_paths_agree() {
        // The em dash and curly quotes send the second text down the Unicode path.
        for k in [1, 3, 5, 8] {
            assert_eq!(
                set(k, 3, "It's a test -- of the two paths, with \"quotes\" and more words here."),
                set(k, 3, "It\u{2019}s a test \u{2014} of the two paths, with \u{201C}quotes\u{201D} and more words here."),
            );
            assert_eq!(set(k, 3, "Short one"), set(k, 3, "Short \u{2014} one"));
        }
    }

    #[test]
    fn words_compare_as_the_crate_compares_words() {
        // normalize::WORDS: NFKC, invisible characters dropped, full lowercase.
        let plain = set(5, 3, "the full text of a cooperative office here");
        for same in [
            "the \u{FF46}\u{FF55}\u{FF4C}\u{FF4C} text of a cooperative office here",
            "the full text of a co\u{AD}operative o\u{FB03}ce here",
            "THE FULL TEXT OF A COOPERATIVE OFFICE HERE \u{2014}",
        ] {
            assert_eq!(set(5, 3, same), plain, "{same:?}");
        }
        assert_ne!(set(5, 3, "the full text of a cooperative officer here"), plain);
    }

    #[test]
    fn chinese_uses_character_ngrams() {
        let a = "我们今天去公园散步然后回家吃饭";
        assert_eq!(a.chars().count(), 15);
        assert_eq!(set(5, 3, a).len(), 13);
        // Punctuation inside a run does not split it.
        assert_eq!(set(5, 3, "我们今天，去公园散步。然后回家吃饭"), set(5, 3, a));
        // A short run is one shingle.
        assert_eq!(set(5, 3, "你好").len(), 1);
        // Latin words beside a run form their own sequence.
        assert_eq!(set(5, 3, "我们今天 hello world 去公园").len(), 2 + 1 + 1);
    }

    #[test]
    fn japanese_and_thai_are_runs() {
        assert_eq!(set(5, 3, "カタカナ").len(), 2);
        assert_eq!(set(5, 3, "ひらがなです").len(), 4);
        assert!(set(5, 3, "ภาษาไทยง่าย").len() > 3);
    }

    #[test]
    fn sort_dedup_matches_sort_unstable() {
        let mut state = 1u64;
        let (mut out, mut counts) = (Vec::new(), Vec::new());
        for n in [0usize, 1, 5, 63, 64, 65, 200, 1000, 5000] {
            for spread in [u64::MAX, 1000, 3] {
                let src: Vec<u64> = (0..n)
                    .map(|_| {
                        state = mix64(state.wrapping_add(1));
                        if spread == u64::MAX {
                            state
                        } else {
                            state % spread
                        }
                    })
                    .collect();
                let mut want = src.clone();
                want.sort_unstable();
                want.dedup();
                sort_dedup_into(&src, &mut out, &mut counts);
                assert_eq!(out, want, "{n} {spread}");
            }
        }
    }

    #[test]
    fn exact_jaccard() {
        assert_eq!(jaccard(&[1, 2], &[3]), 0.0);
        assert_eq!(jaccard(&[1, 2], &[1, 2]), 1.0);
        assert_eq!(jaccard(&[], &[1]), 0.0);
        assert_eq!(intersection_len(&[1, 3, 5, 7], &[2, 3, 4, 7, 9]), 2);
    }
}
