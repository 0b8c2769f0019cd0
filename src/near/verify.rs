//! Candidate pairs from LSH bands, exact verification, and groups by union-find.

use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;
use xxhash_rust::xxh3::{xxh3_128_with_seed, xxh3_64_with_seed};

use super::lsh::LshParams;
use super::minhash::MinHasher;
use super::shingle::{insertion_sort, intersection_len, mix64, sort_dedup_into, Scratch};
use super::{Banding, NearConfig};
use crate::report::NearPair;
use crate::{Error, Result};

/// Units' LSH band keys in one flat vector (no allocation per unit): unit `i` has
/// `flat[start[i]..start[i] + len[i]]`, one key per band, or one key for a unit keyed by
/// its set; none (`len[i] == 0`) for a unit that is never a candidate. Units with equal
/// texts may share one range.
#[derive(Clone, Debug, Default)]
struct Keys {
    flat: Vec<u64>,
    start: Vec<usize>,
    len: Vec<u32>,
}

impl Keys {
    /// The keys of unit `i`, `None` if it has none.
    fn get(&self, i: usize) -> Option<&[u64]> {
        let n = self.len[i] as usize;
        (n > 0).then(|| &self.flat[self.start[i]..self.start[i] + n])
    }

    fn units(&self) -> usize {
        self.len.len()
    }

    /// Adds a unit whose keys are the last `n` of `flat`.
    fn push_last(&mut self, n: usize) {
        self.start.push(self.flat.len() - n);
        self.len.push(n as u32);
    }

    /// Appends the units of `other`, in order.
    fn append(&mut self, other: Keys) {
        let base = self.flat.len();
        self.start.extend(other.start.iter().map(|&s| s + base));
        self.len.extend(other.len);
        self.flat.extend(other.flat);
    }

    /// The keys of `texts` in order, computed in parallel by chunks of units.
    fn of_texts<S: AsRef<str> + Sync>(
        texts: &[S],
        each: impl Fn(&mut Scratch, &str, &mut Vec<u64>) -> usize + Sync,
        h: &MinHasher,
    ) -> Keys {
        let chunks: Vec<Keys> = texts
            .par_chunks(64)
            .map_init(
                || h.scratch(),
                |sc, chunk| {
                    let mut keys = Keys::default();
                    for t in chunk {
                        let n = each(sc, t.as_ref(), &mut keys.flat);
                        keys.push_last(n);
                    }
                    keys
                },
            )
            .collect();
        let mut keys = Keys::default();
        for c in chunks {
            keys.append(c);
        }
        keys
    }
}

/// A group of near-duplicate units.
///
/// ```
/// use dedupe::near::{near_groups, NearConfig};
/// let t = "one two three four five six seven eight nine ten eleven twelve";
/// let groups = near_groups(&[t, t], &NearConfig::default())?;
/// assert_eq!(groups[0].members(), &[0, 1]);
/// assert_eq!((groups[0].pairs()[0].a(), groups[0].pairs()[0].b(), groups[0].pairs()[0].jaccard()), (0, 1, 1.0));
/// # Ok::<(), dedupe::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct NearGroup {
    members: Vec<usize>,
    pairs: Vec<NearPair>,
}

impl NearGroup {
    /// Indices of the member units in the input slice, ascending (at least two).
    ///
    /// ```
    /// # use dedupe::near::{near_groups, NearConfig};
    /// # let t = "one two three four five six seven eight nine ten eleven twelve";
    /// let groups = near_groups(&["unrelated text", t, t], &NearConfig::default())?;
    /// assert_eq!(groups[0].members(), &[1, 2]);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn members(&self) -> &[usize] {
        &self.members
    }

    /// The verified pairs that connect the group: [`a`](NearPair::a) `<` [`b`](NearPair::b) are
    /// positions in [`members`](NearGroup::members), `jaccard` the exact similarity
    /// (at least the threshold). Sorted by `(a, b)`. Every member is in some pair, but
    /// not every two members are a pair.
    ///
    /// ```
    /// # use dedupe::near::{near_groups, NearConfig};
    /// # let t = "one two three four five six seven eight nine ten eleven twelve";
    /// let groups = near_groups(&[t, "unrelated text", t], &NearConfig::default())?;
    /// let p = groups[0].pairs()[0];
    /// let (a, b, j) = (p.a(), p.b(), p.jaccard());
    /// assert_eq!((groups[0].members()[a], groups[0].members()[b], j), (0, 2, 1.0));
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn pairs(&self) -> &[NearPair] {
        &self.pairs
    }
}

/// A reusable near-duplicate finder: a [`MinHasher`], LSH bands and the threshold.
///
/// ```
/// use dedupe::near::{NearConfig, NearFinder};
/// let finder = NearFinder::new(&NearConfig::default())?;
/// assert_eq!((finder.lsh_params().bands, finder.lsh_params().rows), (18, 7));
/// assert!(finder.groups(&["a", "b"]).is_empty());
/// # Ok::<(), dedupe::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct NearFinder {
    hasher: MinHasher,
    params: LshParams,
    threshold: f64,
    keep_shingles: bool,
    max_bucket: usize,
    /// The fewest shingles two different sets must share to reach the threshold; a unit
    /// with fewer distinct shingles can only match an equal set.
    min_shared: usize,
}

/// What [`NearFinder::groups`] cost, counted in steps rather than time (unstable,
/// exported only with the `internals` feature), so that tests can check that the work
/// stays linear on any input, a bucket of thousands of near-identical units included.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct NearWork {
    /// Units sketched.
    pub units: u64,
    /// Shingles hashed (with repeats) when they are kept, the work of the signatures.
    pub shingles: u64,
    /// Candidate pairs made from the band buckets, before duplicates are removed.
    pub candidate_pairs: u64,
    /// Distinct candidate pairs verified.
    pub verified_pairs: u64,
    /// Merge steps of the exact Jaccard of verified pairs (the sizes of both sets).
    pub verify_steps: u64,
}

impl NearFinder {
    /// A finder for `cfg`.
    ///
    /// ```
    /// let finder = dedupe::near::NearFinder::new(&Default::default())?;
    /// assert_eq!(finder.threshold(), 0.8);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn new(cfg: &NearConfig) -> Result<NearFinder> {
        if !(cfg.threshold > 0.0 && cfg.threshold <= 1.0) {
            return Err(Error::Config("the near-duplicate threshold must be in (0, 1]"));
        }
        if let Banding::Fixed(p) = cfg.banding {
            if p.bands == 0 || p.rows == 0 {
                return Err(Error::Config("LSH bands and rows must be at least 1"));
            }
        }
        let hasher = MinHasher::new(&cfg.minhash)?;
        let threshold = cfg.threshold;
        let n = hasher.config().num_hashes;
        let params = match cfg.banding {
            Banding::Optimal => recall_banding(threshold, n),
            Banding::Weighted {
                false_positive,
                false_negative,
            } => LshParams::optimal_weighted(threshold, n, false_positive, false_negative),
            Banding::Fixed(p) => p,
        };
        Ok(NearFinder {
            hasher,
            params,
            threshold,
            keep_shingles: cfg.keep_shingles,
            max_bucket: cfg.max_bucket.max(2),
            min_shared: min_shared(threshold),
        })
    }

    /// The hasher that makes shingles and signatures.
    ///
    /// ```
    /// let finder = dedupe::near::NearFinder::new(&Default::default())?;
    /// assert_eq!(finder.hasher().config().k, 5);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn hasher(&self) -> &MinHasher {
        &self.hasher
    }

    /// The LSH bands and rows.
    ///
    /// ```
    /// let finder = dedupe::near::NearFinder::new(&Default::default())?;
    /// assert!(finder.lsh_params().false_negative_probability(0.9) < 0.002);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn lsh_params(&self) -> LshParams {
        self.params
    }

    /// The least similarity of a reported pair.
    ///
    /// ```
    /// let finder = dedupe::near::NearFinder::new(&Default::default())?;
    /// assert_eq!(finder.threshold(), 0.8);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// The near-duplicate groups among `texts`, sorted by first member. See
    /// [`near_groups`].
    ///
    /// ```
    /// let finder = dedupe::near::NearFinder::new(&Default::default())?;
    /// let t = "one two three four five six seven eight nine ten eleven twelve";
    /// assert_eq!(finder.groups(&[t, t]).len(), 1);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn groups<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<NearGroup> {
        self.groups_counted(texts, &mut NearWork::default())
    }

    /// [`groups`](NearFinder::groups) and what it cost.
    #[cfg(feature = "internals")]
    #[doc(hidden)]
    pub fn groups_with_work<S: AsRef<str> + Sync>(&self, texts: &[S]) -> (Vec<NearGroup>, NearWork) {
        let mut count = NearWork::default();
        let groups = self.groups_counted(texts, &mut count);
        (groups, count)
    }

    fn groups_counted<S: AsRef<str> + Sync>(&self, texts: &[S], count: &mut NearWork) -> Vec<NearGroup> {
        let h = &self.hasher;
        // Per unit in input order: its band keys (`None` without shingles), and its
        // shingles if they are kept. Signatures themselves are not kept.
        let (keys, kept): (Vec<Keys>, Vec<Vec<Vec<u64>>>) = texts
            .par_chunks(64)
            .map_init(
                || h.scratch(),
                |sc, chunk| {
                    let mut keys = Keys::default();
                    let mut kept = Vec::with_capacity(chunk.len());
                    for t in chunk {
                        kept.push(h.shingles_with(t.as_ref(), sc, self.keep_shingles));
                        let n = self.unit_keys(sc, &mut keys.flat);
                        keys.push_last(n);
                    }
                    (keys, kept)
                },
            )
            .unzip();
        let keys = keys.into_iter().fold(Keys::default(), |mut all, k| {
            all.append(k);
            all
        });
        let mut kept: Vec<Vec<u64>> = kept.into_iter().flatten().collect();
        count.units = texts.len() as u64;
        count.shingles = kept.iter().map(|k| k.len() as u64).sum();
        let pairs = self.candidates(&keys, count);
        drop(keys);
        if pairs.is_empty() {
            return Vec::new();
        }
        // Exact shingle sets of the units in some candidate pair.
        let mut units: Vec<u32> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
        units.sort_unstable();
        units.dedup();
        let sets: Vec<Vec<u64>> = if self.keep_shingles {
            let own: Vec<Vec<u64>> = units
                .iter()
                .map(|&u| std::mem::take(&mut kept[u as usize]))
                .collect();
            drop(kept);
            own.into_par_iter()
                .map_init(Vec::new, |counts, sh| {
                    let mut set = Vec::new();
                    sort_dedup_into(&sh, &mut set, counts);
                    set
                })
                .collect()
        } else {
            units
                .par_iter()
                .map_init(
                    || h.scratch(),
                    |sc, &u| h.shingle_set_with(texts[u as usize].as_ref(), sc),
                )
                .collect()
        };
        let set_of = |u: u32| &sets[units.binary_search(&u).unwrap_or_default()];
        count.verified_pairs = pairs.len() as u64;
        count.verify_steps = pairs
            .iter()
            .map(|&(a, b)| (set_of(a).len() + set_of(b).len()) as u64)
            .sum();
        let threshold = self.threshold;
        let verified: Vec<(u32, u32, f64)> = pairs
            .par_iter()
            .filter_map(|&(a, b)| pair_at_threshold(a, b, set_of(a), set_of(b), threshold))
            .collect();
        groups_of(&verified)
    }

    /// The keys of the unit whose shingles are in `sc.shingles`: `None` without
    /// shingles, or if the bands need more slots than a signature has. A unit with fewer
    /// distinct shingles than [`min_shared`] can only reach the threshold with an equal
    /// set, so it gets one key, a hash of its set, and no signature (the exact answer, and
    /// most lines of real text are that short); the others get their LSH band keys.
    /// The keys are pushed on `out`; returns how many (0 for none).
    fn unit_keys(&self, sc: &mut Scratch, out: &mut Vec<u64>) -> usize {
        let LshParams { bands, rows } = self.params;
        if sc.shingles.is_empty() || bands * rows > self.hasher.config().num_hashes {
            return 0;
        }
        if fewer_distinct(&sc.shingles, self.min_shared, &mut sc.sig) {
            let set = &sc.sig;
            let h = set.iter().fold(EQUAL_SET_TAG ^ set.len() as u64, |h, &x| {
                mix64(h ^ x).wrapping_add(x)
            });
            out.push(h);
            return 1;
        }
        self.hasher.sketch_scratch(sc);
        out.extend((0..bands).map(|b| self.params.band_hash(&sc.sig, b)));
        bands
    }

    /// Sorted, distinct candidate pairs `(a, b)`, `a < b`: units equal in some band.
    ///
    /// A bucket (the units equal in one band) of at most `max_bucket` units gives all
    /// its pairs. A bigger one gives each unit paired with the `max_bucket / 2` units
    /// before it in the bucket and with the bucket's first `max_bucket / 2`, so at most
    /// `max_bucket` pairs a unit: a chain through the whole bucket and a star on its first
    /// members, which join a bucket of near-identical units (templated text) into one
    /// group in linear work (see [`NearConfig::max_bucket`]).
    fn candidates(&self, keys: &Keys, count: &mut NearWork) -> Vec<(u32, u32)> {
        self.candidates_of(keys, |_| true, count)
    }

    /// [`candidates`](NearFinder::candidates) among the units `wanted` accepts.
    fn candidates_of(
        &self,
        keys: &Keys,
        wanted: impl Fn(usize) -> bool,
        count: &mut NearWork,
    ) -> Vec<(u32, u32)> {
        let ids: Vec<u32> = (0..keys.units() as u32)
            .filter(|&i| keys.len[i as usize] > 0 && wanted(i as usize))
            .collect();
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        let mut keyed: Vec<(u64, u32)> = Vec::with_capacity(ids.len());
        let (mut spare, mut counts) = (Vec::new(), Vec::new());
        let cap = self.max_bucket;
        let half = (cap / 2).max(1);
        // The length after the last removal of duplicates: the same pairs come back from
        // band after band, so remove them as they pile up to keep memory linear.
        let mut distinct = 0;
        for band in 0..self.params.bands {
            keyed.clear();
            // A unit keyed by its set alone is in band 0 only.
            keyed.extend(
                ids.iter()
                    .filter_map(|&i| Some((*keys.get(i as usize)?.get(band)?, i))),
            );
            sort_keyed(&mut keyed, &mut spare, &mut counts);
            let before = pairs.len();
            let mut start = 0;
            while start < keyed.len() {
                let mut end = start + 1;
                while end < keyed.len() && keyed[end].0 == keyed[start].0 {
                    end += 1;
                }
                let bucket = &keyed[start..end];
                if bucket.len() <= cap {
                    for x in 0..bucket.len() {
                        for y in x + 1..bucket.len() {
                            pairs.push((bucket[x].1, bucket[y].1));
                        }
                    }
                } else {
                    for y in 1..bucket.len() {
                        let window = y.saturating_sub(half);
                        // The first `half` (the star), then the `half` before `y` (the
                        // chain), without pairing twice where they overlap.
                        for x in (0..half.min(window)).chain(window..y) {
                            pairs.push((bucket[x].1, bucket[y].1));
                        }
                    }
                }
                start = end;
            }
            count.candidate_pairs += (pairs.len() - before) as u64;
            if pairs.len() > 2 * distinct + (1 << 16) {
                pairs.sort_unstable();
                pairs.dedup();
                distinct = pairs.len();
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }
}

/// Near duplicates among the documents of a corpus too large to hold, in two passes over
/// them in the same order: [`add`](NearPass::add) keeps only LSH band keys (8 bytes a band
/// a document); [`verify`](NearPass::verify) then computes the shingle sets of documents in
/// candidate pairs as they come by again, verifies each pair when its second document
/// arrives, and keeps a set only until its last partner has passed. The result equals
/// [`NearFinder::groups`] over the same texts.
///
/// ```
/// use dedupe::near::{NearConfig, NearFinder};
/// let a = "the committee met on tuesday to discuss the budget for the coming year and agreed to raise funding by ten percent";
/// let b = "the committee met on tuesday to discuss the budget for the coming year and agreed to raise funding by ten points";
/// let docs = [a, "something else entirely, nothing like the others at all", b];
/// let finder = NearFinder::new(&NearConfig::default())?;
/// let mut pass = finder.corpus();
/// pass.add(&docs);
/// let mut check = pass.verify();
/// check.add(&docs);
/// let groups = check.finish();
/// assert_eq!(groups, finder.groups(&docs));
/// assert_eq!(groups[0].members(), &[0, 2]);
/// # Ok::<(), dedupe::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct NearPass {
    finder: NearFinder,
    keys: Keys,
    /// Per document, whether [`skip`](NearPass::skip) left it out of the candidates (its
    /// keys are kept for [`NearVerify::groups_among`]).
    skipped: Vec<bool>,
    /// Per distinct text added so far (by its [`TextPrint`]), the range of its keys in
    /// `keys.flat`: a text seen in an earlier batch is not sketched again.
    seen: TextRanges,
}

/// A 128-bit xxh3 of a text, seeded with the hasher's seed: two texts with equal prints
/// are taken as equal, as the corpus index takes units with equal fingerprints.
type TextPrint = u128;

/// Per [`TextPrint`], its keys' range `(start, len)` in a pass's keys, or (while a batch
/// is added) its index among the batch's new texts.
type TextRanges = std::collections::HashMap<
    TextPrint,
    std::result::Result<(usize, u32), u32>,
    BuildHasherDefault<TextHasher>,
>;

impl NearFinder {
    /// The first pass over a corpus; see [`NearPass`].
    ///
    /// ```
    /// let pass = dedupe::near::NearFinder::new(&Default::default())?.corpus();
    /// assert_eq!(pass.documents(), 0);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn corpus(&self) -> NearPass {
        NearPass {
            finder: self.clone(),
            keys: Keys::default(),
            skipped: Vec::new(),
            seen: TextRanges::default(),
        }
    }
}

impl NearPass {
    /// Adds documents, numbered on from [`documents`](NearPass::documents); signatures
    /// are computed in parallel.
    ///
    /// ```
    /// let mut pass = dedupe::near::NearFinder::new(&Default::default())?.corpus();
    /// pass.add(&["one document", "another"]);
    /// assert_eq!(pass.documents(), 2);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn add<S: AsRef<str> + Sync>(&mut self, texts: &[S]) {
        let f = &self.finder;
        let h = &f.hasher;
        // Keys depend on the text alone: equal texts (repeated lines of real text, in one
        // batch or across batches) are sketched once.
        let (fresh, of) = fresh_texts(&mut self.seen, texts, h.config().seed);
        let distinct: Vec<&str> = fresh.iter().map(|&(t, _)| t).collect();
        let keys = Keys::of_texts(
            &distinct,
            |sc, t, out| {
                h.shingles_with(t, sc, false);
                f.unit_keys(sc, out)
            },
            h,
        );
        // Equal texts share their keys' range.
        let base = self.keys.flat.len();
        let range = |d: u32| (base + keys.start[d as usize], keys.len[d as usize]);
        for (d, &(_, print)) in fresh.iter().enumerate() {
            self.seen.insert(print, Ok(range(d as u32)));
        }
        for &o in &of {
            let (start, len) = o.unwrap_or_else(range);
            self.keys.start.push(start);
            self.keys.len.push(len);
        }
        self.keys.flat.extend(keys.flat);
    }

    /// Documents added so far.
    ///
    /// ```
    /// assert_eq!(dedupe::near::NearFinder::new(&Default::default())?.corpus().documents(), 0);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn documents(&self) -> usize {
        self.keys.units()
    }

    /// Leaves document `doc` out of the candidates: for a later copy of a document already
    /// known to be equal to an earlier one, so that many copies do not make many pairs.
    ///
    /// ```
    /// let mut pass = dedupe::near::NearFinder::new(&Default::default())?.corpus();
    /// let t = "one two three four five six seven eight nine ten eleven twelve";
    /// pass.add(&[t, t]);
    /// pass.skip(1);
    /// let mut check = pass.verify();
    /// check.add(&[t, t]);
    /// assert!(check.finish().is_empty());
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn skip(&mut self, doc: usize) {
        if doc < self.keys.units() {
            self.skipped.resize(self.keys.units(), false);
            self.skipped[doc] = true;
        }
    }

    /// The candidate pairs, ready for the second pass.
    ///
    /// ```
    /// let mut pass = dedupe::near::NearFinder::new(&Default::default())?.corpus();
    /// pass.add(&["a b c d e f", "a b c d e f"]);
    /// assert_eq!(pass.verify().candidates(), 1);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn verify(self) -> NearVerify {
        let skipped = &self.skipped;
        let pairs = self.finder.candidates_of(
            &self.keys,
            |i| !skipped.get(i).copied().unwrap_or(false),
            &mut NearWork::default(),
        );
        let mut last_partner = vec![0u32; self.keys.units()];
        let mut in_pair = vec![false; self.keys.units()];
        for &(a, b) in &pairs {
            last_partner[a as usize] = last_partner[a as usize].max(b);
            in_pair[a as usize] = true;
            in_pair[b as usize] = true;
        }
        let mut by_second = pairs;
        by_second.sort_unstable_by_key(|&(a, b)| (b, a));
        NearVerify {
            finder: self.finder,
            keys: self.keys,
            by_second,
            next_pair: 0,
            last_partner,
            in_pair,
            pending: std::collections::HashMap::new(),
            next_doc: 0,
            verified: Vec::new(),
        }
    }
}

/// The second pass of [`NearPass`].
#[derive(Clone, Debug)]
pub struct NearVerify {
    finder: NearFinder,
    /// The first pass's keys, skipped documents' included, for
    /// [`groups_among`](NearVerify::groups_among).
    keys: Keys,
    /// Candidate pairs sorted by their second document.
    by_second: Vec<(u32, u32)>,
    next_pair: usize,
    last_partner: Vec<u32>,
    in_pair: Vec<bool>,
    /// Shingle sets of documents whose later partners have not all passed.
    pending: std::collections::HashMap<u32, Vec<u64>>,
    next_doc: u32,
    verified: Vec<(u32, u32, f64)>,
}

impl NearVerify {
    /// The number of candidate pairs to verify.
    ///
    /// ```
    /// let pass = dedupe::near::NearFinder::new(&Default::default())?.corpus();
    /// assert_eq!(pass.verify().candidates(), 0);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn candidates(&self) -> usize {
        self.by_second.len()
    }

    /// The next documents, in the order of the first pass.
    ///
    /// ```
    /// let t = "one two three four five six seven eight nine ten eleven twelve";
    /// let mut pass = dedupe::near::NearFinder::new(&Default::default())?.corpus();
    /// pass.add(&[t, t]);
    /// let mut check = pass.verify();
    /// check.add(&[t]);
    /// check.add(&[t]);
    /// assert_eq!(check.finish()[0].pairs()[0].jaccard(), 1.0);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn add<S: AsRef<str> + Sync>(&mut self, texts: &[S]) {
        let first = self.next_doc;
        let h = &self.finder.hasher;
        let in_pair = &self.in_pair;
        let sets: Vec<Option<Vec<u64>>> = texts
            .par_iter()
            .enumerate()
            .map_init(
                || h.scratch(),
                |sc, (k, t)| {
                    let doc = first as usize + k;
                    in_pair
                        .get(doc)
                        .copied()
                        .unwrap_or(false)
                        .then(|| h.shingle_set_with(t.as_ref(), sc))
                },
            )
            .collect();
        for (k, set) in sets.into_iter().enumerate() {
            let doc = first + k as u32;
            if let Some(set) = set {
                while let Some(&(a, b)) = self.by_second.get(self.next_pair) {
                    if b != doc {
                        break;
                    }
                    if let Some(sa) = self.pending.get(&a) {
                        self.verified
                            .extend(pair_at_threshold(a, b, sa, &set, self.finder.threshold));
                        if self.last_partner[a as usize] == b {
                            self.pending.remove(&a);
                        }
                    }
                    self.next_pair += 1;
                }
                if self.last_partner[doc as usize] > doc {
                    self.pending.insert(doc, set);
                }
            }
        }
        self.next_doc += texts.len() as u32;
    }

    /// The near-duplicate groups among some documents of the first pass (skipped ones
    /// included), from the keys that pass computed: `docs[k]` is the number of a document
    /// (from 0, in the order of the first pass) and `texts[k]` its text, the text given
    /// to the first pass. The result equals [`NearFinder::groups`]`(texts)` (members are
    /// positions in `texts`), without sketching the texts again: only those in candidate
    /// pairs are shingled, to verify the pairs. Runs on the calling thread, so that many
    /// small calls (the units of each document of a corpus) run in parallel.
    ///
    /// ```
    /// use dedupe::near::{NearConfig, NearFinder};
    /// let a = "a b c d e f g h i j k l m n o p q r s t u v w x";
    /// let b = "a b c d e f g h i j k l m n o p q r s t u v w y"; // 19 of 21 shingles shared
    /// let units = [a, "short", b, a];
    /// let finder = NearFinder::new(&NearConfig::default())?;
    /// let mut pass = finder.corpus();
    /// pass.add(&units);
    /// pass.skip(3);
    /// let check = pass.verify();
    /// let among = check.groups_among(&[2, 3], &[b, a]);
    /// assert_eq!(among, finder.groups(&[b, a]));
    /// assert_eq!(among[0].members(), &[0, 1]);
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    ///
    /// # Panics
    ///
    /// When `docs` and `texts` differ in length, or a number is not of a document added
    /// in the first pass.
    pub fn groups_among<S: AsRef<str>>(&self, docs: &[usize], texts: &[S]) -> Vec<NearGroup> {
        assert_eq!(docs.len(), texts.len(), "one text per document");
        let mut keys = Keys::default();
        for &d in docs {
            assert!(d < self.keys.units(), "a document of the first pass");
            let own = self.keys.get(d).unwrap_or(&[]);
            keys.flat.extend_from_slice(own);
            keys.push_last(own.len());
        }
        let f = &self.finder;
        let pairs = f.candidates(&keys, &mut NearWork::default());
        if pairs.is_empty() {
            return Vec::new();
        }
        let mut units: Vec<u32> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
        units.sort_unstable();
        units.dedup();
        let mut sc = f.hasher.scratch();
        let sets: Vec<Vec<u64>> = units
            .iter()
            .map(|&u| f.hasher.shingle_set_with(texts[u as usize].as_ref(), &mut sc))
            .collect();
        let set_of = |u: u32| &sets[units.binary_search(&u).unwrap_or_default()];
        let verified: Vec<(u32, u32, f64)> = pairs
            .iter()
            .filter_map(|&(a, b)| pair_at_threshold(a, b, set_of(a), set_of(b), f.threshold))
            .collect();
        groups_of(&verified)
    }

    /// The groups: connected components of the verified pairs, as [`NearFinder::groups`]
    /// makes them.
    ///
    /// ```
    /// let pass = dedupe::near::NearFinder::new(&Default::default())?.corpus();
    /// assert!(pass.verify().finish().is_empty());
    /// # Ok::<(), dedupe::Error>(())
    /// ```
    pub fn finish(mut self) -> Vec<NearGroup> {
        self.verified.sort_unstable_by_key(|&(a, b, _)| (a, b));
        groups_of(&self.verified)
    }
}

/// The texts of `texts` not in `seen`, each once, in order of first appearance, with their
/// prints (entered in `seen` as `Err(index)`), and per text its keys' range from `seen`
/// (`Ok`) or the index of its equal among the new ones (`Err`).
#[allow(clippy::type_complexity)]
fn fresh_texts<'t, S: AsRef<str> + Sync>(
    seen: &mut TextRanges,
    texts: &'t [S],
    seed: u64,
) -> (
    Vec<(&'t str, TextPrint)>,
    Vec<std::result::Result<(usize, u32), u32>>,
) {
    let prints: Vec<TextPrint> = texts
        .par_iter()
        .with_min_len(256)
        .map(|t| xxh3_128_with_seed(t.as_ref().as_bytes(), seed ^ TEXT_PRINT_SALT))
        .collect();
    seen.reserve(texts.len());
    let mut fresh = Vec::new();
    let of = texts
        .iter()
        .zip(prints)
        .map(|(t, p)| {
            *seen.entry(p).or_insert_with(|| {
                fresh.push((t.as_ref(), p));
                Err((fresh.len() - 1) as u32)
            })
        })
        .collect();
    (fresh, of)
}

/// Xored into the seed of a [`TextPrint`].
const TEXT_PRINT_SALT: u64 = 0x7E57_9A1E_5EED_0128;

/// Hashes map keys with xxh3 (std's SipHash took most of the time of the map of texts);
/// a [`TextPrint`], a hash already, is folded to 64 bits.
#[derive(Default)]
struct TextHasher(u64);

impl Hasher for TextHasher {
    fn write_u128(&mut self, x: u128) {
        self.0 = mix64(self.0 ^ x as u64 ^ (x >> 64) as u64);
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = xxh3_64_with_seed(bytes, self.0);
    }

    fn write_u8(&mut self, b: u8) {
        self.0 = mix64(self.0 ^ u64::from(b));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The naive form of [`fresh_texts`] on an empty map: a quadratic scan of the texts.
#[cfg(test)]
fn distinct_texts_naive<S: AsRef<str>>(texts: &[S]) -> (Vec<&str>, Vec<u32>) {
    let mut distinct: Vec<&str> = Vec::new();
    let mut of = Vec::new();
    for t in texts {
        let t = t.as_ref();
        match distinct.iter().position(|&d| d == t) {
            Some(i) => of.push(i as u32),
            None => {
                distinct.push(t);
                of.push((distinct.len() - 1) as u32);
            }
        }
    }
    (distinct, of)
}

/// The near-duplicate groups among `texts` with `cfg`: units whose shingle sets have
/// exact Jaccard similarity at least `cfg.threshold`, joined transitively.
///
/// Groups are sorted by their first member; members are indices into `texts`,
/// ascending. Signatures are computed in parallel on the current rayon pool; the
/// result does not depend on the number of threads. See the [module docs](crate::near).
///
/// ```
/// use dedupe::near::{near_groups, NearConfig};
/// let texts = ["alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu",
///              "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda nu"];
/// let mut cfg = NearConfig::default();
/// cfg.threshold = 0.7; // 7 of 9 shingles shared
/// assert_eq!(near_groups(&texts, &cfg)?[0].members(), &[0, 1]);
/// cfg.threshold = 0.8;
/// assert!(near_groups(&texts, &cfg)?.is_empty());
/// # Ok::<(), dedupe::Error>(())
/// ```
pub fn near_groups<S: AsRef<str> + Sync>(texts: &[S], cfg: &NearConfig) -> Result<Vec<NearGroup>> {
    Ok(NearFinder::new(cfg)?.groups(texts))
}

/// Sorts band keys with their units ascending, as `sort_unstable` does (the pairs are
/// distinct, so any sort gives the same order). Keys are hashes, uniformly spread: one
/// counting pass on their top bits (about one key a bucket) and an insertion sort within
/// the buckets, linear, against `n log n` comparisons. A bucket of more than 32 (many equal
/// keys: the units of templated text) falls back to `sort_unstable`.
fn sort_keyed(keyed: &mut Vec<(u64, u32)>, spare: &mut Vec<(u64, u32)>, counts: &mut Vec<u32>) {
    let n = keyed.len();
    if n < 256 {
        keyed.sort_unstable();
        return;
    }
    let bits = (usize::BITS - (n - 1).leading_zeros()).min(20);
    let shift = 64 - bits;
    counts.clear();
    counts.resize((1 << bits) + 1, 0);
    for &(k, _) in keyed.iter() {
        counts[(k >> shift) as usize + 1] += 1;
    }
    if counts.iter().any(|&c| c > 32) {
        keyed.sort_unstable();
        return;
    }
    for i in 1..counts.len() {
        counts[i] += counts[i - 1];
    }
    spare.clear();
    spare.resize(n, (0, 0));
    for &x in keyed.iter() {
        let b = &mut counts[(x.0 >> shift) as usize];
        spare[*b as usize] = x;
        *b += 1;
    }
    insertion_sort(spare);
    std::mem::swap(keyed, spare);
}

/// The pair `(a, b)` with its exact Jaccard similarity, if that is at least `threshold`.
#[inline]
fn pair_at_threshold(a: u32, b: u32, sa: &[u64], sb: &[u64], threshold: f64) -> Option<(u32, u32, f64)> {
    let inter = intersection_len(sa, sb);
    let union = sa.len() + sb.len() - inter;
    let j = inter as f64 / union as f64;
    (j >= threshold).then_some((a, b, j))
}

fn find(parent: &mut [u32], mut x: u32) -> u32 {
    while parent[x as usize] != x {
        let p = parent[x as usize];
        parent[x as usize] = parent[p as usize];
        x = p;
    }
    x
}

/// Connected components of `pairs` (sorted by `(a, b)`), as sorted groups.
fn groups_of(pairs: &[(u32, u32, f64)]) -> Vec<NearGroup> {
    let mut nodes: Vec<u32> = pairs.iter().flat_map(|&(a, b, _)| [a, b]).collect();
    nodes.sort_unstable();
    nodes.dedup();
    let pos = |u: u32| nodes.binary_search(&u).unwrap_or_default() as u32;
    let mut parent: Vec<u32> = (0..nodes.len() as u32).collect();
    for &(a, b, _) in pairs {
        let (ra, rb) = (find(&mut parent, pos(a)), find(&mut parent, pos(b)));
        // The smaller root wins, so a root is its component's smallest node.
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        parent[hi as usize] = lo;
    }
    // Nodes ascending: each group is created at its smallest node, so groups come out
    // sorted by first member and members ascending.
    let mut group_of: Vec<u32> = vec![u32::MAX; nodes.len()];
    let mut groups: Vec<NearGroup> = Vec::new();
    for i in 0..nodes.len() as u32 {
        let r = find(&mut parent, i) as usize;
        if group_of[r] == u32::MAX {
            group_of[r] = groups.len() as u32;
            groups.push(NearGroup {
                members: Vec::new(),
                pairs: Vec::new(),
            });
        }
        group_of[i as usize] = group_of[r];
        groups[group_of[r] as usize]
            .members
            .push(nodes[i as usize] as usize);
    }
    for &(a, b, j) in pairs {
        let g = &mut groups[group_of[pos(a) as usize] as usize];
        let ia = g.members.binary_search(&(a as usize)).unwrap_or_default();
        let ib = g.members.binary_search(&(b as usize)).unwrap_or_default();
        g.pairs.push(NearPair {
            a: ia,
            b: ib,
            jaccard: j,
        });
    }
    // Pairs arrive sorted by global (a, b), and positions are monotone in the global
    // index within a group, so each group's pairs are already sorted.
    groups
}

/// Whether `xs` has fewer than `m` distinct values; if so, `set` holds them sorted.
/// Stops at the `m`-th distinct value when `m` is small, so it costs a few steps on any
/// unit but a repetitive one.
fn fewer_distinct(xs: &[u64], m: usize, set: &mut Vec<u64>) -> bool {
    set.clear();
    if m <= 16 {
        for &x in xs {
            if !set.contains(&x) {
                if set.len() + 1 >= m {
                    return false;
                }
                set.push(x);
            }
        }
    } else {
        set.extend_from_slice(xs);
        set.sort_unstable();
        set.dedup();
        if set.len() >= m {
            return false;
        }
    }
    set.sort_unstable();
    true
}

/// Xored into the key of a unit keyed by its shingle set ([`NearFinder::unit_keys`]).
const EQUAL_SET_TAG: u64 = 0x51A7_E5E7_0F5E_7A11;

/// The fewest shingles two different sets must share to have Jaccard similarity at least
/// `threshold`: `m / (m + 1) >= threshold` (sets that share `m` differ in at least one
/// more); `usize::MAX` at 1 (only equal sets).
fn min_shared(threshold: f64) -> usize {
    if threshold >= 1.0 {
        return usize::MAX;
    }
    (1..=1usize << 20)
        .find(|&m| m as f64 / (m + 1) as f64 >= threshold)
        .unwrap_or(usize::MAX)
}

/// The most a pair at exactly the threshold may be missed by the default banding.
pub(crate) const MAX_MISS_AT_THRESHOLD: f64 = 0.02;

/// The default banding ([`Banding::Optimal`]): of the `(b, r)` with `b = n / r` whose
/// probability of missing a pair at exactly `threshold` is at most
/// [`MAX_MISS_AT_THRESHOLD`], the one with the most rows (the fewest candidates below the
/// threshold, so the least verification). With 128 slots: 42 bands of 3 rows at 0.5,
/// 25 of 5 at 0.7, 18 of 7 at 0.8, 11 of 11 at 0.9. When no banding reaches it (very few
/// slots), one row a band.
fn recall_banding(threshold: f64, n: usize) -> LshParams {
    let n = n.max(1);
    (1..=n)
        .rev()
        .map(|rows| LshParams {
            bands: n / rows,
            rows,
        })
        .find(|p| p.false_negative_probability(threshold) <= MAX_MISS_AT_THRESHOLD)
        .unwrap_or(LshParams { bands: n, rows: 1 })
}

#[cfg(test)]
mod tests {
    #[test]
    fn default_banding_misses_at_most_two_percent_at_the_threshold() {
        for (t, bands, rows) in [(0.5, 42, 3), (0.7, 25, 5), (0.8, 18, 7), (0.9, 11, 11)] {
            let p = recall_banding(t, 128);
            assert_eq!((p.bands, p.rows), (bands, rows), "{t}");
            assert!(p.false_negative_probability(t) <= MAX_MISS_AT_THRESHOLD);
            // One more row would miss more than that.
            let q = LshParams {
                bands: 128 / (rows + 1),
                rows: rows + 1,
            };
            assert!(q.false_negative_probability(t) > MAX_MISS_AT_THRESHOLD, "{t}");
        }
        for t in [0.05, 0.3, 0.6, 0.85, 0.95, 1.0] {
            let p = recall_banding(t, 128);
            assert!(p.bands * p.rows <= 128);
            assert!(p.false_negative_probability(t) <= MAX_MISS_AT_THRESHOLD, "{t}");
        }
    }

    use super::*;

    fn pairs_of(p: &[(usize, usize, f64)]) -> Vec<NearPair> {
        p.iter()
            .map(|&(a, b, jaccard)| NearPair { a, b, jaccard })
            .collect()
    }

    #[test]
    fn union_find_groups_are_sorted() {
        let pairs = [(1, 5, 0.9), (2, 3, 0.8), (3, 7, 0.85), (5, 9, 1.0)];
        let g = groups_of(&pairs);
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].members, vec![1, 5, 9]);
        assert_eq!(g[0].pairs, pairs_of(&[(0, 1, 0.9), (1, 2, 1.0)]));
        assert_eq!(g[1].members, vec![2, 3, 7]);
        assert_eq!(g[1].pairs, pairs_of(&[(0, 1, 0.8), (1, 2, 0.85)]));
    }

    #[test]
    fn later_smaller_root_merges() {
        let pairs = [(3, 4, 0.9), (0, 4, 0.9), (1, 2, 0.9), (2, 3, 0.9)];
        let mut sorted = pairs.to_vec();
        sorted.sort_by_key(|x| (x.0, x.1));
        let g = groups_of(&sorted);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].members, vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn fewer_distinct_counts_distinct_values() {
        let mut set = Vec::new();
        for m in [1, 2, 4, 9, 17, 40, usize::MAX] {
            for xs in [
                &[][..],
                &[5],
                &[5, 5, 5],
                &[3, 1, 2, 1, 3],
                &[9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
            ] {
                let mut want = xs.to_vec();
                want.sort_unstable();
                want.dedup();
                let fewer = fewer_distinct(xs, m, &mut set);
                assert_eq!(fewer, want.len() < m, "{m} {xs:?}");
                if fewer {
                    assert_eq!(set, want);
                }
            }
        }
    }

    #[test]
    fn min_shared_is_the_least_overlap_that_reaches_the_threshold() {
        assert_eq!(min_shared(0.5), 1);
        assert_eq!(min_shared(0.7), 3);
        assert_eq!(min_shared(0.8), 4);
        assert_eq!(min_shared(0.9), 9);
        assert_eq!(min_shared(1.0), usize::MAX);
        // Brute force: the best a pair of different sets sharing m can do is m / (m + 1).
        for t in [0.3, 0.55, 0.75, 0.8, 0.85, 0.95, 0.99] {
            let m = min_shared(t);
            assert!(m as f64 / (m + 1) as f64 >= t);
            assert!(m == 1 || ((m - 1) as f64 / m as f64) < t, "{t}");
        }
    }

    #[test]
    fn short_units_match_equal_sets_only_and_the_oracle_agrees() {
        // Lines of 1 to 8 shingles (5 to 12 words): a case change keeps the set equal;
        // one word more, or one other word, is a different set. Brute force over all
        // pairs of exact Jaccard is the oracle, at every threshold.
        let base = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu";
        let words: Vec<&str> = base.split(' ').collect();
        let mut texts: Vec<String> = Vec::new();
        for n in 5..=12 {
            let w = &words[..n];
            texts.push(w.join(" "));
            texts.push(w.join(" ").to_uppercase());
            texts.push(format!("{} omega", w.join(" ")));
            let mut other = w.to_vec();
            other[n / 2] = "sigma";
            texts.push(other.join(" "));
        }
        let h = MinHasher::default();
        let sets: Vec<Vec<u64>> = texts.iter().map(|t| h.shingles(t)).collect();
        for t in [0.5, 0.7, 0.75, 0.8, 0.9, 1.0] {
            let cfg = NearConfig {
                threshold: t,
                ..NearConfig::default()
            };
            let mut want = Vec::new();
            for a in 0..texts.len() {
                for b in a + 1..texts.len() {
                    let j = crate::near::jaccard(&sets[a], &sets[b]);
                    if j >= t {
                        want.push((a, b));
                    }
                }
            }
            let mut got: Vec<(usize, usize)> = near_groups(&texts, &cfg)
                .unwrap()
                .iter()
                .flat_map(|g| {
                    g.pairs()
                        .iter()
                        .map(|p| (g.members()[p.a()], g.members()[p.b()]))
                        .collect::<Vec<_>>()
                })
                .collect();
            got.sort_unstable();
            // Small sets are exact; bigger ones go through LSH, which may miss a pair
            // with probability at most 2% at the threshold: none here.
            assert_eq!(got, want, "{t}");
        }
    }

    #[test]
    fn empty_units_are_never_grouped() {
        let g = near_groups(&["...", "...", "", ""], &NearConfig::default()).unwrap();
        assert!(g.is_empty());
    }

    #[test]
    fn equal_texts_group() {
        let t = "one two three four five six seven eight nine ten";
        let g = near_groups(&[t, "x", t, t], &NearConfig::default()).unwrap();
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].members, vec![0, 2, 3]);
        assert_eq!(g[0].pairs, pairs_of(&[(0, 1, 1.0), (0, 2, 1.0), (1, 2, 1.0)]));
    }

    #[test]
    fn two_passes_in_batches_equal_one_call() {
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let words = [
            "alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta", "iota", "kappa",
        ];
        let mut docs: Vec<String> = Vec::new();
        for i in 0..120 {
            if i % 4 == 3 {
                // A near copy of an earlier document: one word changed.
                let src = docs[(next() % docs.len() as u64) as usize].clone();
                let mut w: Vec<&str> = src.split(' ').collect();
                let k = (next() % w.len() as u64) as usize;
                w[k] = "changed";
                docs.push(w.join(" "));
            } else {
                let n = 30 + (next() % 30) as usize;
                docs.push(
                    (0..n)
                        .map(|_| words[(next() % 10) as usize])
                        .collect::<Vec<_>>()
                        .join(" "),
                );
            }
        }
        let finder = NearFinder::new(&NearConfig::default()).unwrap();
        let expected = finder.groups(&docs);
        assert!(!expected.is_empty());
        let mut pass = finder.corpus();
        for batch in docs.chunks(7) {
            pass.add(batch);
        }
        let mut check = pass.verify();
        for batch in docs.chunks(11) {
            check.add(batch);
        }
        assert_eq!(check.finish(), expected);
    }

    proptest::proptest! {
        #[test]
        fn fresh_texts_equal_the_naive_scan(texts in proptest::collection::vec("[ab ]{0,3}", 0..40)) {
            let (fresh, of) = fresh_texts(&mut TextRanges::default(), &texts, 7);
            let fresh: Vec<&str> = fresh.iter().map(|&(t, _)| t).collect();
            let of: Vec<u32> = of.iter().map(|o| o.unwrap_err()).collect();
            proptest::prop_assert_eq!((fresh, of), distinct_texts_naive(&texts));
        }
    }

    proptest::proptest! {
        /// `groups_among` any subsequence of the units of a pass (skipped ones included)
        /// equals `groups` of their texts: the oracle sketches them again.
        #[test]
        fn groups_among_equals_groups_of_the_texts(
            picks in proptest::collection::vec((0usize..12, 0usize..4, proptest::bool::ANY, proptest::bool::ANY), 0..60),
        ) {
            let base = [
                "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi",
                "one two three four five six seven eight nine ten eleven twelve thirteen",
                "short line",
                "a b c",
            ];
            let texts: Vec<String> = picks
                .iter()
                .map(|&(w, b, _, _)| {
                    let mut words: Vec<&str> = base[b].split(' ').collect();
                    let w = w % words.len();
                    words[w] = "changed";
                    words.join(" ")
                })
                .collect();
            let finder = NearFinder::new(&NearConfig { max_bucket: 4, ..NearConfig::default() }).unwrap();
            let mut pass = finder.corpus();
            for batch in texts.chunks(5) {
                pass.add(batch);
            }
            for (i, p) in picks.iter().enumerate() {
                if p.3 {
                    pass.skip(i);
                }
            }
            let check = pass.verify();
            let docs: Vec<usize> = (0..texts.len()).filter(|&i| picks[i].2).collect();
            let among: Vec<&str> = docs.iter().map(|&i| texts[i].as_str()).collect();
            proptest::prop_assert_eq!(check.groups_among(&docs, &among), finder.groups(&among));
        }
    }

    proptest::proptest! {
        /// The bucket sort of band keys equals `sort_unstable`, on spread keys and on keys
        /// with many repeats (the fallback).
        #[test]
        fn sort_keyed_equals_sort_unstable(
            seeds in proptest::collection::vec(proptest::num::u64::ANY, 0..3000),
            repeats in 0u64..4,
        ) {
            let mut keyed: Vec<(u64, u32)> = seeds
                .iter()
                .enumerate()
                .map(|(i, &s)| {
                    let k = if repeats > 0 && s % 4 < repeats { s % 3 } else { mix64(s) };
                    (k, (seeds.len() - i) as u32)
                })
                .collect();
            let mut want = keyed.clone();
            want.sort_unstable();
            sort_keyed(&mut keyed, &mut Vec::new(), &mut Vec::new());
            proptest::prop_assert_eq!(keyed, want);
        }
    }

    proptest::proptest! {
        /// Keys shared across batches (texts seen before are not sketched again) equal
        /// the keys of each text sketched on its own, the naive oracle.
        #[test]
        fn keys_across_batches_equal_each_text_sketched_alone(
            picks in proptest::collection::vec(0usize..8, 0..50),
            batch in 1usize..7,
        ) {
            let base = [
                "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi",
                "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu",
                "one two three four five six seven eight nine ten eleven twelve",
                "short line",
                "a b c d e",
                "...",
                "",
                "\u{9274}\u{4E8E}\u{6709}\u{5FC5}\u{8981}\u{4FC3}\u{8FDB}\u{5404}\u{56FD}",
            ];
            let texts: Vec<&str> = picks.iter().map(|&p| base[p]).collect();
            let finder = NearFinder::new(&NearConfig::default()).unwrap();
            let mut pass = finder.corpus();
            for b in texts.chunks(batch) {
                pass.add(b);
            }
            proptest::prop_assert_eq!(pass.documents(), texts.len());
            let h = finder.hasher();
            let mut sc = h.scratch();
            for (i, t) in texts.iter().enumerate() {
                h.shingles_with(t, &mut sc, false);
                let mut alone = Vec::new();
                finder.unit_keys(&mut sc, &mut alone);
                proptest::prop_assert_eq!(pass.keys.get(i).unwrap_or(&[]), &alone[..]);
            }
        }
    }

    #[test]
    fn equal_texts_in_one_batch_get_the_keys_of_one_call() {
        let a = "one two three four five six seven eight nine ten eleven twelve";
        let b = "one two three four five six seven eight nine ten eleven thirteen";
        let c = "short line";
        let docs = [a, c, a, b, c, a, "", b, a];
        let finder = NearFinder::new(&NearConfig::default()).unwrap();
        let mut whole = finder.corpus();
        whole.add(&docs);
        let mut single = finder.corpus();
        for d in &docs {
            single.add(&[d]);
        }
        assert_eq!(whole.keys.units(), docs.len());
        for i in 0..docs.len() {
            assert_eq!(whole.keys.get(i), single.keys.get(i));
        }
        let mut check = whole.verify();
        check.add(&docs);
        assert_eq!(check.finish(), finder.groups(&docs));
    }
}
