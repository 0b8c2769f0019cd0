//! MinHash signatures of shingle sets, and the Jaccard estimate from two signatures.

use rayon::prelude::*;

use super::shingle::{mix64, Scratch, Shingler};
use crate::{Error, Result};

/// How the slots of a signature are filled.
///
/// A signature has `n` slots; two signatures' slots are equal with probability equal to
/// the Jaccard similarity of their sets, so the fraction of equal slots estimates it.
/// Three ways to fill the slots are implemented; all hash each shingle
/// `x` first with a seeded 64-bit finalizer.
///
/// * [`Scheme::Permutations`], classic MinHash: slot `i` holds `min(a_i·x + b_i)` over
///   the set (mod 2^64, `a_i` odd). `n` multiply-adds per shingle.
/// * [`Scheme::Densified`], one-permutation hashing with optimal densification
///   (Shrivastava 2017): the high bits of the hash choose one slot, the slot keeps the
///   smallest hash; each empty slot then copies the value of the first non-empty slot on
///   a fixed pseudo-random probe sequence of its own. One hash per shingle, but for a
///   set with fewer shingles than slots most slots are copies, and the estimate's
///   variance grows well above the classic one.
/// * [`Scheme::FastSimilarity`] (default), fast similarity sketching (Dahlgaard,
///   Knudsen and Thorup 2017): round 0 is one-permutation hashing; while slots are
///   empty, another round hashes every shingle again (a fresh seeded hash per round)
///   into one slot, filling only slots still empty, and rounds from `n` on visit the
///   slots cyclically so that `2n` rounds fill all. A slot's value is the minimum over
///   the earliest round that reached it, so per slot it is the MinHash of the union's
///   (round, hash) order: equal with probability exactly J, and the slots are at most
///   weakly dependent. Cost: about one hash per shingle for large sets, `O(n log n)`
///   for small ones.
///
/// Measured with 128 slots. Error: 2000 pairs of generated paragraphs per row, the
/// second a copy of the first at an edit rate of 1% to 11%, RMS of (estimate - exact
/// Jaccard), and the same in units of `sqrt(J(1-J)/128)` (`cargo test --release --test
/// near_oracle -- --ignored --nocapture schemes`). Speed: signatures of 8 MB of 3 KB
/// ASCII documents on one thread, MB per CPU second on a shared 2-core machine
/// (`cargo test --release --lib stage_timing -- --ignored --nocapture`); shingling
/// alone runs at about 470.
///
/// | scheme | 40 words | 100 words | 500 words | MB/s |
/// |---|---|---|---|---|
/// | `Permutations` | 0.040 (0.98) | 0.041 (1.01) | 0.041 (1.02) | 57 |
/// | `Densified` | 0.044 (1.07) | 0.039 (0.97) | 0.036 (0.89) | 399 |
/// | `FastSimilarity` | 0.029 (0.70) | 0.029 (0.73) | 0.036 (0.89) | 365 |
///
/// (Speeds vary by about 10% from run to run on that machine; measured before the
/// `FastSimilarity` rounds stopped rescanning their empty slots, issue #12, which made them
/// faster, most of all on short units.) `FastSimilarity` costs
/// about 9% more than `Densified`, is 6 times faster than
/// `Permutations`, and is the most accurate of the three, markedly so for short units,
/// whose slots the other two fill from only a few dozen shingles. C-MinHash (Li and Li
/// 2021) was not implemented: it lowers the variance below classic MinHash but still
/// costs `n` hash evaluations per shingle, so it cannot approach the one-hash schemes'
/// speed.
///
/// # Error bound
///
/// With `n` slots and true similarity `J`, the estimate has standard deviation
/// `sqrt(J(1-J)/n)` ([`std_dev`]) for [`Scheme::Permutations`] and, as measured above,
/// no more for [`Scheme::FastSimilarity`]: 0.035 at J = 0.8 with 128 slots. The
/// property tests check that estimates stay within 5 such standard deviations.
///
/// # Example
///
/// ```
/// use dedupe::near::{MinHashConfig, MinHasher, Scheme};
/// let mut cfg = MinHashConfig::default();
/// cfg.scheme = Scheme::Permutations;
/// let sig = MinHasher::new(&cfg)?.signature("one two three four five six");
/// assert_eq!(sig.len(), 128);
/// # Ok::<(), dedupe::Error>(())
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// Fast similarity sketching: one-permutation hashing, then further rounds of
    /// hashing until every slot is filled. Fast, and as accurate as classic MinHash.
    #[default]
    FastSimilarity,
    /// One-permutation hashing with optimal densification. Fastest; least accurate for
    /// sets with fewer shingles than slots.
    Densified,
    /// Classic MinHash with `num_hashes` independent hash functions. Slowest.
    Permutations,
}

/// How texts become signatures: shingle sizes, number of slots, seed and scheme.
///
/// Signatures are comparable only between hashers with equal configurations.
///
/// ```
/// use dedupe::near::MinHashConfig;
/// let mut cfg = MinHashConfig::default();
/// assert_eq!((cfg.k, cfg.char_k, cfg.num_hashes), (5, 3, 128));
/// cfg.k = 3;
/// ```
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MinHashConfig {
    /// Words per word shingle (default 5). 0 is taken as 1.
    pub k: usize,
    /// Characters per shingle in scripts written without spaces (default 3). 0 is taken
    /// as 1.
    pub char_k: usize,
    /// Slots per signature (default 128). 0 is taken as 1; more than 8192 as 8192.
    pub num_hashes: usize,
    /// Seed of every hash function (default a fixed constant).
    pub seed: u64,
    /// How slots are filled (default [`Scheme::FastSimilarity`]).
    pub scheme: Scheme,
}

impl Default for MinHashConfig {
    fn default() -> MinHashConfig {
        MinHashConfig {
            k: 5,
            char_k: 3,
            num_hashes: 128,
            seed: 0x5EED_D0D0_CAFE_F00D,
            scheme: Scheme::default(),
        }
    }
}

/// A MinHash signature: `len()` 64-bit slots.
///
/// ```
/// use dedupe::near::MinHasher;
/// let h = MinHasher::default();
/// let a = h.signature("the quick brown fox jumps over the lazy dog and runs away");
/// let b = h.signature("the quick brown fox jumps over the lazy dog and runs off");
/// let est = a.jaccard(&b); // the shingle sets share 7 of 9 shingles
/// let j = 7.0 / 9.0;
/// assert!((est - j).abs() < 5.0 * dedupe::near::std_dev(j, 128));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Signature {
    values: Vec<u64>,
}

impl Signature {
    /// Wraps slot values (for example, signatures stored earlier with
    /// [`values`](Signature::values)).
    ///
    /// ```
    /// use dedupe::near::{MinHasher, Signature};
    /// let s = MinHasher::default().signature("some text");
    /// assert_eq!(Signature::from_values(s.values().to_vec()), s);
    /// ```
    pub fn from_values(values: Vec<u64>) -> Signature {
        Signature { values }
    }

    /// The slot values.
    ///
    /// ```
    /// let s = dedupe::near::MinHasher::default().signature("some text");
    /// assert_eq!(s.values().len(), 128);
    /// ```
    pub fn values(&self) -> &[u64] {
        &self.values
    }

    /// The number of slots.
    ///
    /// ```
    /// assert_eq!(dedupe::near::MinHasher::default().signature("x").len(), 128);
    /// ```
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether the signature has no slots.
    ///
    /// ```
    /// assert!(dedupe::near::Signature::from_values(vec![]).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The estimated Jaccard similarity: the fraction of equal slots.
    ///
    /// Its standard deviation is about [`std_dev`]`(J, len)`. Only the first
    /// `min(self.len(), other.len())` slots are compared; with none, the estimate is 0.
    /// Signatures of two empty sets are equal (estimate 1.0).
    ///
    /// ```
    /// use dedupe::near::MinHasher;
    /// let h = MinHasher::default();
    /// let a = h.signature("one two three four five six seven");
    /// assert_eq!(a.jaccard(&a), 1.0);
    /// assert!(a.jaccard(&h.signature("entirely different words in this other text")) < 0.1);
    /// ```
    pub fn jaccard(&self, other: &Signature) -> f64 {
        let n = self.values.len().min(other.values.len());
        if n == 0 {
            return 0.0;
        }
        let eq = self
            .values
            .iter()
            .zip(&other.values)
            .filter(|(a, b)| a == b)
            .count();
        eq as f64 / n as f64
    }
}

/// The standard deviation `sqrt(J(1-J)/n)` of a MinHash estimate of similarity `J`
/// from `n` slots.
///
/// ```
/// let sd = dedupe::near::std_dev(0.8, 128);
/// assert!((sd - 0.0354).abs() < 1e-4);
/// ```
pub fn std_dev(jaccard: f64, num_hashes: usize) -> f64 {
    let j = jaccard.clamp(0.0, 1.0);
    (j * (1.0 - j) / num_hashes.max(1) as f64).sqrt()
}

/// Builds shingle sets and MinHash signatures of texts.
///
/// `MinHasher` is `Send + Sync`; share one across threads.
///
/// ```
/// use dedupe::near::{MinHashConfig, MinHasher};
/// let mut cfg = MinHashConfig::default();
/// cfg.num_hashes = 64;
/// let h = MinHasher::new(&cfg)?;
/// let sig = h.signature("a paragraph of text to sketch");
/// assert_eq!(sig.len(), 64);
/// # Ok::<(), dedupe::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct MinHasher {
    cfg: MinHashConfig,
    pub(crate) shingler: Shingler,
    /// Seed of the first hash of each shingle.
    key: u64,
    /// `Permutations`: multipliers (odd) and addends; `FastSimilarity`: per-round keys.
    a: Vec<u64>,
    b: Vec<u64>,
}

impl Default for MinHasher {
    fn default() -> MinHasher {
        MinHasher::new(&MinHashConfig::default()).expect("the default settings are valid")
    }
}

const MAX_SLOTS: usize = 8192;

/// The default number of slots, for which the sketch is compiled apart.
const DEFAULT_SLOTS: usize = 128;

#[inline]
fn slot(y: u64, n: usize) -> usize {
    (((y >> 32) * n as u64) >> 32) as usize
}

impl MinHasher {
    /// A hasher for `cfg`.
    ///
    /// Fails with [`Error::Config`](crate::Error::Config) when a shingle size is 0 or the
    /// number of hashes is not in `1..=8192`.
    ///
    /// ```
    /// let h = dedupe::near::MinHasher::new(&Default::default())?;
    /// assert_eq!(h.config().num_hashes, 128);
    /// let mut cfg = dedupe::near::MinHashConfig::default();
    /// cfg.k = 0;
    /// assert!(dedupe::near::MinHasher::new(&cfg).is_err());
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn new(cfg: &MinHashConfig) -> Result<MinHasher> {
        if cfg.k == 0 || cfg.char_k == 0 {
            return Err(Error::Config("shingle sizes must be at least 1"));
        }
        if !(1..=MAX_SLOTS).contains(&cfg.num_hashes) {
            return Err(Error::Config("the number of MinHash hashes must be in 1..=8192"));
        }
        let cfg = cfg.clone();
        let n = cfg.num_hashes;
        let key = mix64(cfg.seed ^ 0x243F_6A88_85A3_08D3);
        let mut state = mix64(cfg.seed ^ 0x1319_8A2E_0370_7344);
        let mut next = || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            mix64(state)
        };
        let (a, b) = match cfg.scheme {
            Scheme::Permutations => (
                (0..n).map(|_| next() | 1).collect(),
                (0..n).map(|_| next()).collect(),
            ),
            // Keys and multipliers of rounds 1..2n, and the multiplier of the slot offsets of
            // the cyclic rounds.
            Scheme::FastSimilarity => ((0..4 * n).map(|_| next()).collect(), vec![next()]),
            Scheme::Densified => (vec![next()], Vec::new()),
        };
        Ok(MinHasher {
            shingler: Shingler::new(cfg.k, cfg.char_k, cfg.seed),
            cfg,
            key,
            a,
            b,
        })
    }

    /// The configuration.
    ///
    /// ```
    /// let mut cfg = dedupe::near::MinHashConfig::default();
    /// cfg.k = 3;
    /// assert_eq!(dedupe::near::MinHasher::new(&cfg)?.config().k, 3);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn config(&self) -> &MinHashConfig {
        &self.cfg
    }

    /// The shingle set of `text` under this hasher's `k`, `char_k` and seed: sorted
    /// ascending, without repeats (see [`shingles`](crate::near::shingles) for the rules).
    ///
    /// ```
    /// let h = dedupe::near::MinHasher::default();
    /// assert_eq!(h.shingles("one two three four five six").len(), 2);
    /// ```
    pub fn shingles(&self, text: &str) -> Vec<u64> {
        self.shingler.shingle_set(text, &mut self.shingler.scratch())
    }

    /// The signature of `text`'s shingle set.
    ///
    /// ```
    /// let h = dedupe::near::MinHasher::default();
    /// assert_eq!(h.signature("Hello, World"), h.signature("hello world"));
    /// ```
    pub fn signature(&self, text: &str) -> Signature {
        self.signature_with(text, &mut self.shingler.scratch())
    }

    /// The signatures of many texts, computed in parallel on the current rayon pool, in
    /// input order. The result does not depend on the number of threads.
    ///
    /// ```
    /// let h = dedupe::near::MinHasher::default();
    /// let sigs = h.signatures(&["one text", "another text"]);
    /// assert_eq!(sigs[1], h.signature("another text"));
    /// ```
    pub fn signatures<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Signature> {
        texts
            .par_iter()
            .map_init(
                || self.shingler.scratch(),
                |sc, t| self.signature_with(t.as_ref(), sc),
            )
            .collect()
    }

    /// The signature of a set of 64-bit hashes of your own (repeats allowed, order
    /// irrelevant). `signature(t)` equals `signature_of_shingles(&shingles(t))`.
    ///
    /// ```
    /// let h = dedupe::near::MinHasher::default();
    /// let t = "to be or not to be that is the question";
    /// assert_eq!(h.signature_of_shingles(&h.shingles(t)), h.signature(t));
    /// assert_eq!(h.signature_of_shingles(&[3, 1, 2, 3]), h.signature_of_shingles(&[1, 2, 3]));
    /// ```
    pub fn signature_of_shingles(&self, shingles: &[u64]) -> Signature {
        let mut round_of = Vec::new();
        Signature {
            values: self.sketch(&mut shingles.to_vec(), &mut round_of),
        }
    }

    pub(crate) fn scratch(&self) -> Scratch {
        self.shingler.scratch()
    }

    pub(crate) fn shingle_set_with(&self, text: &str, scratch: &mut Scratch) -> Vec<u64> {
        self.shingler.shingle_set(text, scratch)
    }

    pub(crate) fn signature_with(&self, text: &str, scratch: &mut Scratch) -> Signature {
        self.shingler.shingle_into(text, scratch);
        let Scratch {
            shingles, pending, ..
        } = scratch;
        Signature {
            values: self.sketch(shingles, pending),
        }
    }

    /// The shingle hashes of `text` into `scratch.shingles` (text order, with repeats);
    /// with `keep`, a copy of them returned too.
    pub(crate) fn shingles_with(&self, text: &str, scratch: &mut Scratch, keep: bool) -> Vec<u64> {
        self.shingler.shingle_into(text, scratch);
        if keep {
            scratch.shingles.clone()
        } else {
            Vec::new()
        }
    }

    /// The slots of the signature of `scratch.shingles` (overwritten) into `scratch.sig`,
    /// without allocating.
    pub(crate) fn sketch_scratch(&self, scratch: &mut Scratch) {
        let Scratch {
            shingles,
            pending,
            sig,
            ..
        } = scratch;
        self.sketch_into(shingles, pending, sig);
    }

    fn sketch(&self, xs: &mut [u64], round_of: &mut Vec<u32>) -> Vec<u64> {
        let mut sig = Vec::new();
        self.sketch_into(xs, round_of, &mut sig);
        sig
    }

    /// The signature of the shingles `xs` (overwritten with their first hashes) into
    /// `sig`.
    fn sketch_into(&self, xs: &mut [u64], round_of: &mut Vec<u32>, sig: &mut Vec<u64>) {
        let n = self.cfg.num_hashes;
        sig.clear();
        sig.resize(n, u64::MAX);
        if xs.is_empty() {
            return;
        }
        match self.cfg.scheme {
            Scheme::Permutations => {
                for &x in xs.iter() {
                    let y = mix64(x ^ self.key);
                    for ((s, &a), &b) in sig.iter_mut().zip(&self.a).zip(&self.b) {
                        *s = (*s).min(a.wrapping_mul(y).wrapping_add(b));
                    }
                }
            }
            Scheme::Densified => {
                self.round0(xs, sig);
                let full = sig.clone();
                for (j, s) in sig.iter_mut().enumerate() {
                    if *s != u64::MAX {
                        continue;
                    }
                    let mut probe = mix64(self.a[0] ^ j as u64);
                    let mut t = slot(probe, n);
                    let mut tries = 0;
                    while full[t] == u64::MAX {
                        tries += 1;
                        if tries < 4 * n {
                            probe = mix64(probe);
                            t = slot(probe, n);
                        } else {
                            t = if t + 1 == n { 0 } else { t + 1 };
                        }
                    }
                    *s = full[t];
                }
            }
            Scheme::FastSimilarity => {
                // The default 128 slots as a constant: the slot of a hash is then a
                // shift, and indexes need no bounds checks. The same values either way.
                if n == DEFAULT_SLOTS {
                    self.fast_similarity::<DEFAULT_SLOTS>(xs, round_of, sig);
                } else {
                    self.fast_similarity::<0>(xs, round_of, sig);
                }
            }
        }
    }

    /// The fast similarity sketch of `xs` into `sig` (`n` slots, all `u64::MAX`; `xs`
    /// not empty): `N` slots when `N > 0`, a constant, else `sig.len()`.
    #[inline]
    fn fast_similarity<const N: usize>(&self, xs: &mut [u64], round_of: &mut Vec<u32>, sig: &mut [u64]) {
        let n = if N > 0 { N } else { sig.len() };
        let sig = &mut sig[..n];
        // Round 0 keeps each shingle's first hash `y0` in place; later rounds
        // hash it again with one xor-multiply (the high bits of the product,
        // which pick the slot, depend on all bits of `y0`). `round_of[j]` is the
        // round that first reached slot `j` (`u32::MAX`: none yet); in round `r`
        // a slot takes a value only if no earlier round reached it. So a round
        // costs one step per shingle and nothing per slot: a unit of one shingle
        // takes `2n` steps, not `2n` passes over the `n` slots.
        round_of.clear();
        round_of.resize(n, u32::MAX);
        let round_of = &mut round_of[..n];
        let mut empty = n;
        for x in xs.iter_mut() {
            let y = mix64(*x ^ self.key);
            *x = y;
            let j = slot(y, n);
            empty -= usize::from(round_of[j] == u32::MAX);
            round_of[j] = 0;
            sig[j] = sig[j].min(y);
        }
        let offset_mul = self.b[0] | 1;
        let mut round = 1;
        // Without branches on the slot's state (they are unpredictable): a slot
        // takes the minimum when no earlier round reached it (`round_of[j] >=
        // r`, an empty slot holding `u64::MAX`), and keeps the earliest round.
        while empty > 0 {
            let key = self.a[2 * (round - 1)];
            let mul = self.a[2 * (round - 1) + 1] | 1;
            let r = round as u32;
            let mut step = |j: usize, y: u64| {
                let ro = round_of[j];
                empty -= usize::from(ro == u32::MAX);
                let s = sig[j];
                sig[j] = if ro >= r { s.min(y) } else { s };
                round_of[j] = ro.min(r);
            };
            if round < n {
                for &y0 in xs.iter() {
                    let y = (y0 ^ key).wrapping_mul(mul);
                    step(slot(y, n), y);
                }
            } else {
                for &y0 in xs.iter() {
                    let y = (y0 ^ key).wrapping_mul(mul);
                    step((slot(y0.wrapping_mul(offset_mul), n) + (round - n)) % n, y);
                }
            }
            round += 1;
        }
    }

    /// One-permutation hashing; returns the number of empty slots.
    #[inline]
    fn round0(&self, xs: &[u64], sig: &mut [u64]) -> usize {
        let n = sig.len();
        for &x in xs {
            let y = mix64(x ^ self.key);
            let j = slot(y, n);
            sig[j] = sig[j].min(y);
        }
        sig.iter().filter(|&&s| s == u64::MAX).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::near::shingle::jaccard;

    fn hasher(scheme: Scheme, n: usize) -> MinHasher {
        MinHasher::new(&MinHashConfig {
            scheme,
            num_hashes: n,
            ..MinHashConfig::default()
        })
        .unwrap()
    }

    #[test]
    fn every_slot_is_filled() {
        for scheme in [Scheme::FastSimilarity, Scheme::Densified, Scheme::Permutations] {
            for n in [1, 2, 7, 128, 300] {
                let h = hasher(scheme, n);
                for xs in [&[5u64][..], &[1, 2, 3], &(0..1000).collect::<Vec<_>>()] {
                    let s = h.signature_of_shingles(xs);
                    assert_eq!(s.len(), n);
                    assert!(s.values().iter().all(|&v| v != u64::MAX), "{scheme:?} {n}");
                }
            }
        }
    }

    #[test]
    fn estimates_track_exact_jaccard() {
        // Sets of 40 and 600 elements with known overlaps.
        for scheme in [Scheme::FastSimilarity, Scheme::Densified, Scheme::Permutations] {
            let h = hasher(scheme, 128);
            for (size, shared) in [(40u64, 30u64), (600, 500), (600, 100)] {
                let a: Vec<u64> = (0..size).collect();
                let b: Vec<u64> = (size - shared..2 * size - shared).collect();
                let j = jaccard(&a, &b);
                let est = h.signature_of_shingles(&a).jaccard(&h.signature_of_shingles(&b));
                assert!(
                    (est - j).abs() < 5.0 * std_dev(j, 128) + 0.02,
                    "{scheme:?} {j} {est}"
                );
            }
        }
    }

    /// The fast similarity sketch as first written: every round rebuilds the list of
    /// empty slots and counts them, `O(n)` per round. The oracle of the incremental one.
    fn fast_similarity_naive(h: &MinHasher, xs: &[u64]) -> Vec<u64> {
        let n = h.cfg.num_hashes;
        let mut sig = vec![u64::MAX; n];
        if xs.is_empty() {
            return sig;
        }
        let ys: Vec<u64> = xs.iter().map(|&x| mix64(x ^ h.key)).collect();
        for &y in &ys {
            let j = slot(y, n);
            sig[j] = sig[j].min(y);
        }
        let offset_mul = h.b[0] | 1;
        let mut round = 1;
        while sig.contains(&u64::MAX) {
            let pending: Vec<bool> = sig.iter().map(|&s| s == u64::MAX).collect();
            let (key, mul) = (h.a[2 * (round - 1)], h.a[2 * (round - 1) + 1] | 1);
            for &y0 in &ys {
                let y = (y0 ^ key).wrapping_mul(mul);
                let j = if round < n {
                    slot(y, n)
                } else {
                    (slot(y0.wrapping_mul(offset_mul), n) + (round - n)) % n
                };
                if pending[j] {
                    sig[j] = sig[j].min(y);
                }
            }
            round += 1;
        }
        sig
    }

    #[test]
    fn fast_similarity_equals_the_naive_rounds() {
        let mut state = 7u64;
        for n in [1, 2, 3, 16, 128, 200] {
            let h = hasher(Scheme::FastSimilarity, n);
            for len in [0usize, 1, 2, 3, 5, 20, 100, 127, 128, 129, 700] {
                let xs: Vec<u64> = (0..len)
                    .map(|i| {
                        state = mix64(state.wrapping_add(1));
                        // Some repeats, as shingles of real text have.
                        if i % 5 == 4 {
                            0xDEAD
                        } else {
                            state
                        }
                    })
                    .collect();
                assert_eq!(
                    h.signature_of_shingles(&xs).values(),
                    &fast_similarity_naive(&h, &xs)[..],
                    "{n} {len}"
                );
            }
        }
    }

    #[test]
    fn single_element_sets() {
        let h = MinHasher::default();
        let a = h.signature_of_shingles(&[42]);
        assert_eq!(a.jaccard(&h.signature_of_shingles(&[42])), 1.0);
        assert_eq!(a.jaccard(&h.signature_of_shingles(&[43])), 0.0);
    }
}
