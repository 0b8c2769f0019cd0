//! Fingerprints: the one loop that normalizes every unit and hashes it (xxh3-128, with a
//! fixed, overridable seed).
//!
//! Within a document a fingerprint only proposes: the low 64 bits bucket units, and every
//! bucket is verified on text ([`group`](crate::group)). Across documents the texts are no
//! longer at hand, and the full 128 bits decide ([`corpus`](crate::corpus)).

use rayon::prelude::*;
use xxhash_rust::xxh3::{xxh3_128_with_seed, xxh3_64_with_seed};

use crate::normalize::{Normalizer, Scratch};
use crate::split::{Pos, RawUnit};

/// The default seed. Fixed so results and saved indexes are reproducible; callers facing
/// adversarial input can choose a secret one with
/// [`FinderBuilder::hash_seed`](crate::FinderBuilder::hash_seed).
pub(crate) const DEFAULT_SEED: u64 = 0x6465_6475_7065_2d31; // "dedupe-1"

/// Texts at least this long are fingerprinted in parallel ...
const PARALLEL_BYTES: usize = 1 << 20;
/// ... in chunks of this many units.
const CHUNK_UNITS: usize = 4096;

/// The least size of a unit that counts, measured on its normalized text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MinSize {
    /// Unicode scalar values (a CJK ideograph, an accented letter, an emoji's code point:
    /// one each), as datatrove and dolma count.
    Chars(usize),
    /// UTF-8 bytes.
    Bytes(usize),
}

impl MinSize {
    /// Whether normalized text `normal` is long enough. Counting characters reads only
    /// texts whose length in bytes leaves the answer open (from `n` to `4n - 1` bytes).
    #[inline]
    pub(crate) fn reached(self, normal: &str) -> bool {
        match self {
            MinSize::Bytes(n) => normal.len() >= n,
            MinSize::Chars(n) => {
                normal.len() >= n && (normal.len() / 4 >= n || char_count(normal.as_bytes()) >= n)
            }
        }
    }
}

/// The number of characters of UTF-8 `b`: the bytes that are not continuation bytes.
///
/// Counted into a `u8` per chunk of at most 255 bytes, so the loop vectorizes.
#[inline]
pub(crate) fn char_count(b: &[u8]) -> usize {
    b.chunks(255)
        .map(|chunk| {
            let n = chunk.iter().fold(0u8, |n, &c| n + ((c as i8) >= -0x40) as u8);
            usize::from(n)
        })
        .sum()
}

/// One unit's fingerprint: the xxh3-128 of its normalized text, and whether that text is
/// long enough to count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct UnitPrint {
    pub(crate) hash: [u64; 2],
    pub(crate) counts: bool,
}

impl UnitPrint {
    /// The 64 bits a within-document search buckets by, when the unit counts.
    #[inline]
    pub(crate) fn candidate(&self) -> Option<u64> {
        self.counts.then_some(self.hash[0])
    }

    /// The full 128 bits, when the unit counts.
    #[inline]
    pub(crate) fn full(&self) -> Option<u128> {
        self.counts
            .then(|| self.hash[0] as u128 | (self.hash[1] as u128) << 64)
    }
}

/// One unit's proposal for a search within one document: the xxh3-64 of its normalized
/// text, and whether that text is long enough to count.
///
/// A search within a document verifies every bucket on text, so 64 bits propose as well
/// as the 128 of a [`UnitPrint`] do, at less hashing (xxh3-64 mixes half the state of
/// xxh3-128 on units of 17 bytes and more) and 16 bytes a unit instead of 24. Nothing of a
/// [`Report`](crate::Report) shows a fingerprint, so [`Finder::find`](crate::Finder::find)
/// never computes the 128 bits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Proposal {
    pub(crate) key: u64,
    pub(crate) counts: bool,
}

/// What the grouping and the report read of a unit's fingerprint: its bucket key when
/// it counts, and whether it counts.
pub(crate) trait Candidate: Copy + Send + Sync + Default {
    /// The 64 bits a within-document search buckets by, when the unit counts.
    fn candidate(&self) -> Option<u64>;
    /// Whether the unit's normal form is long enough to count.
    fn counts(&self) -> bool;
}

impl Candidate for UnitPrint {
    #[inline]
    fn candidate(&self) -> Option<u64> {
        UnitPrint::candidate(self)
    }
    #[inline]
    fn counts(&self) -> bool {
        self.counts
    }
}

impl Candidate for Proposal {
    #[inline]
    fn candidate(&self) -> Option<u64> {
        self.counts.then_some(self.key)
    }
    #[inline]
    fn counts(&self) -> bool {
        self.counts
    }
}

/// Everything that decides a unit's fingerprint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Keys {
    pub(crate) normalizer: Normalizer,
    pub(crate) min: MinSize,
    pub(crate) seed: u64,
}

impl Keys {
    /// The fingerprint of one unit's text.
    #[inline]
    pub(crate) fn print(&self, unit: &str, scratch: &mut Scratch) -> UnitPrint {
        let normal = self.normalizer.apply(unit, scratch);
        let fp = xxh3_128_with_seed(normal.as_bytes(), self.seed);
        UnitPrint {
            hash: [fp as u64, (fp >> 64) as u64],
            counts: self.min.reached(normal),
        }
    }

    /// The proposal of one unit's text: [`Keys::print`] with xxh3-64, and no hash (key 0)
    /// when the unit does not count, since [`Candidate::candidate`] then reads none.
    #[inline]
    pub(crate) fn propose(&self, unit: &str, scratch: &mut Scratch) -> Proposal {
        let normal = self.normalizer.apply(unit, scratch);
        if !self.min.reached(normal) {
            return Proposal::default();
        }
        Proposal {
            key: xxh3_64_with_seed(normal.as_bytes(), self.seed),
            counts: true,
        }
    }

    /// The fingerprint of every unit of `text`, in order, into `out` (cleared first).
    ///
    /// A text of a megabyte or more is fingerprinted in parallel chunks on the current
    /// rayon pool; the result is the same either way.
    pub(crate) fn print_units<P: Pos>(
        &self,
        text: &str,
        units: &[RawUnit<P>],
        scratch: &mut Scratch,
        out: &mut Vec<UnitPrint>,
    ) {
        each_unit(text, units, scratch, out, |u, s| self.print(u, s));
    }

    /// [`Keys::print_units`] with proposals ([`Keys::propose`]): what a search within one
    /// document needs.
    pub(crate) fn propose_units<P: Pos>(
        &self,
        text: &str,
        units: &[RawUnit<P>],
        scratch: &mut Scratch,
        out: &mut Vec<Proposal>,
    ) {
        each_unit(text, units, scratch, out, |u, s| self.propose(u, s));
    }
}

/// `f` of the text of every unit of `text`, in order, into `out` (cleared first): in
/// parallel chunks on the current rayon pool for a text of a megabyte or more, with the
/// same result.
fn each_unit<P: Pos, T: Copy + Default + Send>(
    text: &str,
    units: &[RawUnit<P>],
    scratch: &mut Scratch,
    out: &mut Vec<T>,
    f: impl Fn(&str, &mut Scratch) -> T + Sync,
) {
    out.clear();
    if text.len() < PARALLEL_BYTES {
        out.extend(units.iter().map(|u| f(&text[u.span()], scratch)));
        return;
    }
    out.resize(units.len(), T::default());
    out.par_chunks_mut(CHUNK_UNITS)
        .zip(units.par_chunks(CHUNK_UNITS))
        .for_each_init(Scratch::default, |scratch, (out, units)| {
            for (o, u) in out.iter_mut().zip(units) {
                *o = f(&text[u.span()], scratch);
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{split, Normalize, Unit};

    fn keys(seed: u64) -> Keys {
        Keys {
            normalizer: Normalizer {
                level: Normalize::Unicode,
                fold_case: false,
            },
            min: MinSize::Bytes(5),
            seed,
        }
    }

    #[test]
    fn seed_changes_the_fingerprint() {
        let mut s = Scratch::default();
        assert_eq!(keys(1).print("abcdef", &mut s), keys(1).print("abcdef", &mut s));
        assert_ne!(keys(1).print("abcdef", &mut s), keys(2).print("abcdef", &mut s));
    }

    /// A proposal counts exactly when the fingerprint does, and a unit that does not count
    /// is not hashed (its key is 0, never read).
    #[test]
    fn proposals_count_as_prints_do() {
        let mut s = Scratch::default();
        for unit in [
            "abc",
            "abcd ",
            "  a   b  ",
            "abcde",
            "\u{201C}q\u{201D}x",
            "long enough unit",
        ] {
            let (p, f) = (keys(3).propose(unit, &mut s), keys(3).print(unit, &mut s));
            assert_eq!(p.counts, f.counts, "{unit:?}");
            assert_eq!(Candidate::candidate(&p).is_some(), f.candidate().is_some());
            if !p.counts {
                assert_eq!(p, Proposal::default());
            }
        }
    }

    #[test]
    fn equal_after_normalization_means_equal_prints() {
        let mut s = Scratch::default();
        let a = keys(1).print("\u{201C}quoted\u{201D}   text", &mut s);
        assert_eq!(a, keys(1).print("\"quoted\" text", &mut s));
        assert!(a.counts);
        assert!(!keys(1).print("abc", &mut s).counts);
    }

    #[test]
    fn min_chars_counts_scalar_values() {
        for (text, chars) in [
            ("", 0),
            ("abc", 3),
            ("\u{4e2d}\u{6587}", 2),
            ("\u{2764}\u{fe0f}", 2),
            ("\u{1f600}x", 2),
            ("Vi\u{1ec7}t Nam", 8),
        ] {
            assert_eq!(char_count(text.as_bytes()), chars, "{text:?}");
            assert_eq!(text.chars().count(), chars);
            for n in 1..=chars + 1 {
                assert_eq!(MinSize::Chars(n).reached(text), chars >= n, "{text:?} {n}");
                assert_eq!(MinSize::Bytes(n).reached(text), text.len() >= n);
            }
        }
        // Decided by the length alone: 80 bytes hold at least 20 characters.
        assert!(MinSize::Chars(20).reached(&"\u{1f600}".repeat(20)));
        assert!(!MinSize::Chars(20).reached(&"\u{1f600}".repeat(19)));
    }

    proptest::proptest! {
        #[test]
        fn char_count_equals_chars_count(s in "\\PC{0,600}") {
            proptest::prop_assert_eq!(char_count(s.as_bytes()), s.chars().count());
        }
    }

    #[test]
    fn parallel_and_serial_agree() {
        let text: String = (0..80_000)
            .map(|i| format!("line {} of a long text\n", i % 977))
            .collect();
        let text = text.as_str();
        assert!(text.len() >= PARALLEL_BYTES);
        let (_, units) = split::split::<u32>(text, Unit::Line);
        let k = keys(7);
        let mut s = Scratch::default();
        let mut parallel = Vec::new();
        k.print_units(text, &units, &mut s, &mut parallel);
        let serial: Vec<UnitPrint> = units.iter().map(|u| k.print(&text[u.span()], &mut s)).collect();
        assert_eq!(parallel, serial);
        let mut proposals = Vec::new();
        k.propose_units(text, &units, &mut s, &mut proposals);
        let serial: Vec<Proposal> = units.iter().map(|u| k.propose(&text[u.span()], &mut s)).collect();
        assert_eq!(proposals, serial);
        assert!(proposals.iter().zip(&parallel).all(|(p, q)| p.counts == q.counts));
    }
}
