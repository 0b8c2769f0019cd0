//! Locality-sensitive hashing: banding signatures to find candidate pairs.

use std::collections::HashMap;

use super::minhash::Signature;
use super::shingle::mix64;
use crate::{Error, Result};

/// Default weight of the false-positive area in [`LshParams::optimal`].
pub const DEFAULT_FALSE_POSITIVE_WEIGHT: f64 = 0.1;

/// Bands and rows of an LSH index.
///
/// A signature of `b·r` slots is cut into `b` bands of `r` rows; two signatures are
/// candidates when some band is equal in all its rows. For sets of similarity `s` that
/// happens with probability `P(s) = 1 - (1 - s^r)^b`, an S-curve.
///
/// [`LshParams::optimal`] picks `b` and `r` (with `b·r <= n`) minimizing
/// `w_fp·∫₀ᵗ P(s) ds + w_fn·∫ₜ¹ (1 - P(s)) ds`, the weighted areas of false positives
/// below the threshold `t` and false negatives above it (the rule of datasketch's
/// `MinHashLSH`, integrals by Simpson's rule). datasketch weighs both 0.5; since every
/// candidate here is verified exactly, a false positive costs only time, so the
/// default weights are `w_fp = 0.1`, `w_fn = 0.9`. For `t = 0.8` and `n = 128` that gives
/// `b = 14`, `r = 9`: a pair at exactly 0.8 is missed with probability
/// `(1 - 0.8^9)^14 = 0.13`, at 0.85 with 0.025, at 0.9 with 0.001; equal weights
/// would give `b = 9`, `r = 13` and miss a pair at 0.8 with probability 0.60.
///
/// # Example
///
/// ```
/// use dedupe::near::LshParams;
/// let p = LshParams::optimal(0.8, 128);
/// assert_eq!((p.bands, p.rows), (14, 9));
/// assert!(p.false_negative_probability(0.8) < 0.14);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LshParams {
    /// Number of bands `b`.
    pub bands: usize,
    /// Slots per band `r`.
    pub rows: usize,
}

impl LshParams {
    /// The `b`, `r` for `threshold` and `num_hashes` slots with the default weights
    /// (false positives 0.1, false negatives 0.9). See [`LshParams`].
    ///
    /// ```
    /// let p = dedupe::near::LshParams::optimal(0.5, 128);
    /// assert!(p.bands * p.rows <= 128);
    /// ```
    pub fn optimal(threshold: f64, num_hashes: usize) -> LshParams {
        LshParams::optimal_weighted(
            threshold,
            num_hashes,
            DEFAULT_FALSE_POSITIVE_WEIGHT,
            1.0 - DEFAULT_FALSE_POSITIVE_WEIGHT,
        )
    }

    /// The `b`, `r` (`b·r <= num_hashes`) minimizing `fp_weight` times the
    /// false-positive area plus `fn_weight` times the false-negative area.
    /// `threshold` is clamped to `[0, 1]`, `num_hashes` to `1..=8192`. The search
    /// tries every `(b, r)`, about `n ln n` of them: a millisecond for 128 slots.
    ///
    /// ```
    /// use dedupe::near::LshParams;
    /// // datasketch's default weights.
    /// let p = LshParams::optimal_weighted(0.8, 128, 0.5, 0.5);
    /// assert_eq!((p.bands, p.rows), (9, 13));
    /// ```
    pub fn optimal_weighted(threshold: f64, num_hashes: usize, fp_weight: f64, fn_weight: f64) -> LshParams {
        let t = threshold.clamp(0.0, 1.0);
        let n = num_hashes.clamp(1, 8192);
        let mut best = (f64::INFINITY, LshParams { bands: 1, rows: 1 });
        for bands in 1..=n {
            for rows in 1..=n / bands {
                let p = LshParams { bands, rows };
                let fp = simpson(|s| p.candidate_probability(s), 0.0, t);
                let fneg = simpson(|s| 1.0 - p.candidate_probability(s), t, 1.0);
                let err = fp_weight * fp + fn_weight * fneg;
                if err < best.0 - 1e-12 {
                    best = (err, p);
                }
            }
        }
        best.1
    }

    /// The probability `1 - (1 - s^r)^b` that two sets of similarity `s` are candidates.
    ///
    /// ```
    /// let p = dedupe::near::LshParams { bands: 20, rows: 5 };
    /// assert!(p.candidate_probability(0.9) > 0.999);
    /// ```
    pub fn candidate_probability(&self, s: f64) -> f64 {
        1.0 - (1.0 - s.powi(self.rows as i32)).powi(self.bands as i32)
    }

    /// The probability `(1 - s^r)^b` that two sets of similarity `s` are not candidates.
    ///
    /// ```
    /// let p = dedupe::near::LshParams::optimal(0.8, 128);
    /// assert!(p.false_negative_probability(0.9) < 0.002);
    /// ```
    pub fn false_negative_probability(&self, s: f64) -> f64 {
        1.0 - self.candidate_probability(s)
    }

    /// The hash of band `band` of `sig` (slots `band·r .. band·r + r`).
    #[inline]
    pub(crate) fn band_hash(&self, sig: &[u64], band: usize) -> u64 {
        let rows = &sig[band * self.rows..(band + 1) * self.rows];
        let mut h = band as u64;
        for &v in rows {
            h = mix64(h ^ v).wrapping_add(v);
        }
        h
    }
}

fn simpson(f: impl Fn(f64) -> f64, a: f64, b: f64) -> f64 {
    const STEPS: usize = 100;
    if b <= a {
        return 0.0;
    }
    let h = (b - a) / STEPS as f64;
    let mut sum = f(a) + f(b);
    for i in 1..STEPS {
        sum += if i % 2 == 1 { 4.0 } else { 2.0 } * f(a + i as f64 * h);
    }
    sum * h / 3.0
}

/// An LSH index of signatures: insert `(id, signature)`, query candidates.
///
/// Candidates are returned in insertion order, each once. Query results are only
/// candidates: check them, for example with exact [`jaccard`](crate::near::jaccard)
/// of the shingle sets. A signature shorter than `bands · rows` slots is not indexed
/// and finds nothing.
///
/// ```
/// use dedupe::near::{LshIndex, MinHasher};
/// let h = MinHasher::default();
/// let mut index = LshIndex::new(0.8, 128)?;
/// let base = "it was the best of times it was the worst of times it was the age of \
///             wisdom it was the age of foolishness it was the epoch of belief";
/// index.insert("a", &h.signature(base));
/// index.insert("b", &h.signature("something else entirely with no words in common here"));
/// let found = index.query(&h.signature(&base.replace("belief", "incredulity")));
/// assert_eq!(found, vec!["a"]);
/// # Ok::<(), dedupe::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct LshIndex<T> {
    params: LshParams,
    ids: Vec<T>,
    /// Per band: band hash -> positions in `ids`, ascending.
    tables: Vec<HashMap<u64, Vec<u32>>>,
}

impl<T> LshIndex<T> {
    /// An empty index for `threshold` and signatures of `num_hashes` slots, with
    /// [`LshParams::optimal`].
    ///
    /// Fails with [`Error::Config`](crate::Error::Config) when `threshold` is not in
    /// `(0, 1]` or `num_hashes` not in `1..=8192`.
    ///
    /// ```
    /// let index: dedupe::near::LshIndex<u32> = dedupe::near::LshIndex::new(0.8, 128)?;
    /// assert!(index.is_empty());
    /// assert!(dedupe::near::LshIndex::<u32>::new(1.5, 128).is_err());
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn new(threshold: f64, num_hashes: usize) -> Result<LshIndex<T>> {
        if !(threshold > 0.0 && threshold <= 1.0) {
            return Err(Error::Config("the near-duplicate threshold must be in (0, 1]"));
        }
        if !(1..=8192).contains(&num_hashes) {
            return Err(Error::Config("the number of MinHash hashes must be in 1..=8192"));
        }
        LshIndex::with_params(LshParams::optimal(threshold, num_hashes))
    }

    /// An empty index with the given bands and rows.
    ///
    /// Fails with [`Error::Config`](crate::Error::Config) when either is 0.
    ///
    /// ```
    /// use dedupe::near::{LshIndex, LshParams};
    /// let index: LshIndex<u32> = LshIndex::with_params(LshParams { bands: 16, rows: 8 })?;
    /// assert_eq!(index.params().rows, 8);
    /// assert!(LshIndex::<u32>::with_params(LshParams { bands: 0, rows: 8 }).is_err());
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn with_params(params: LshParams) -> Result<LshIndex<T>> {
        if params.bands == 0 || params.rows == 0 {
            return Err(Error::Config("LSH bands and rows must be at least 1"));
        }
        Ok(LshIndex {
            params,
            ids: Vec::new(),
            tables: vec![HashMap::new(); params.bands],
        })
    }

    /// The bands and rows in use.
    ///
    /// ```
    /// let index: dedupe::near::LshIndex<u32> = dedupe::near::LshIndex::new(0.9, 128)?;
    /// assert!(index.params().bands * index.params().rows <= 128);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn params(&self) -> LshParams {
        self.params
    }

    /// The number of inserted signatures.
    ///
    /// ```
    /// let mut index = dedupe::near::LshIndex::new(0.8, 128)?;
    /// index.insert(7, &dedupe::near::MinHasher::default().signature("x"));
    /// assert_eq!(index.len(), 1);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether nothing was inserted.
    ///
    /// ```
    /// assert!(dedupe::near::LshIndex::<u8>::new(0.8, 128)?.is_empty());
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Adds `sig` under `id`. Ids need not be unique; each insertion is its own entry.
    ///
    /// # Panics
    ///
    /// With more than `u32::MAX` entries.
    ///
    /// ```
    /// let h = dedupe::near::MinHasher::default();
    /// let mut index = dedupe::near::LshIndex::new(0.8, 128)?;
    /// index.insert("doc-1".to_string(), &h.signature("some text"));
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn insert(&mut self, id: T, sig: &Signature) {
        let pos = u32::try_from(self.ids.len()).expect("LshIndex holds at most u32::MAX entries");
        self.ids.push(id);
        if sig.len() < self.params.bands * self.params.rows {
            return;
        }
        for (band, table) in self.tables.iter_mut().enumerate() {
            table
                .entry(self.params.band_hash(sig.values(), band))
                .or_default()
                .push(pos);
        }
    }

    /// The ids whose signatures share a band with `sig`, in insertion order.
    ///
    /// ```
    /// let h = dedupe::near::MinHasher::default();
    /// let mut index = dedupe::near::LshIndex::new(0.8, 128)?;
    /// let sig = h.signature("the same text twice");
    /// index.insert(1, &sig);
    /// index.insert(2, &sig);
    /// assert_eq!(index.query(&sig), vec![1, 2]);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn query(&self, sig: &Signature) -> Vec<T>
    where
        T: Clone,
    {
        if sig.len() < self.params.bands * self.params.rows {
            return Vec::new();
        }
        let mut hits: Vec<u32> = Vec::new();
        for (band, table) in self.tables.iter().enumerate() {
            if let Some(list) = table.get(&self.params.band_hash(sig.values(), band)) {
                hits.extend_from_slice(list);
            }
        }
        hits.sort_unstable();
        hits.dedup();
        hits.into_iter().map(|p| self.ids[p as usize].clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optimal_matches_datasketch_rule() {
        // datasketch MinHashLSH(threshold=0.8, num_perm=128) uses b=9, r=13.
        assert_eq!(
            LshParams::optimal_weighted(0.8, 128, 0.5, 0.5),
            LshParams { bands: 9, rows: 13 }
        );
        assert_eq!(LshParams::optimal(0.8, 128), LshParams { bands: 14, rows: 9 });
        assert_eq!(LshParams::optimal(0.5, 128), LshParams { bands: 32, rows: 4 });
        let p = LshParams::optimal(0.8, 128);
        assert!((p.false_negative_probability(0.8) - 0.133).abs() < 0.001);
    }

    #[test]
    fn short_signatures_are_ignored() {
        let mut index = LshIndex::new(0.8, 128).unwrap();
        let short = Signature::from_values(vec![1; 10]);
        index.insert(1, &short);
        assert!(index.query(&short).is_empty());
        assert_eq!(index.len(), 1);
    }
}
