//! Near-duplicate units: shingles, MinHash, LSH banding, exact verification.
//!
//! # Overview
//!
//! [`near_groups`] takes the texts of units (paragraphs, documents, ...) and returns
//! groups of units whose shingle sets have Jaccard similarity at least a threshold
//! (default 0.8). The pipeline, one file per stage:
//!
//! 1. `shingle.rs`: each unit becomes a set of 64-bit shingle hashes: lower-cased word
//!    5-grams, and character 3-grams inside runs of scripts written without spaces
//!    (Chinese, Japanese, Thai, ...). See [`shingles`] for the exact rules.
//! 2. `minhash.rs`: each set becomes a [`Signature`] of 128 slots ([`MinHasher`]), in
//!    parallel with rayon, collected in input order.
//! 3. `lsh.rs`: signatures are cut into bands ([`LshParams`]); units equal in some band
//!    are candidate pairs.
//! 4. `verify.rs`: every candidate pair is checked with the exact Jaccard similarity of
//!    the two shingle sets; only pairs at or above the threshold are kept, and groups
//!    are their connected components (union-find).
//!
//! The sketch types ([`MinHasher`], [`Signature`], [`LshIndex`], [`shingles`],
//! [`jaccard`]) are public for callers who bring their own units.
//!
//! # Example
//!
//! ```
//! use dedupe::near::{near_groups, NearConfig};
//! let a = "the committee met on tuesday to discuss the budget for the coming year and \
//!          agreed to raise the funding for public libraries by ten percent";
//! let b = "the committee met on tuesday to discuss the budget for the coming year and \
//!          agreed to raise the funding for public libraries by twelve percent";
//! let c = "an unrelated paragraph about the weather which was sunny all week long";
//! let groups = near_groups(&[a, c, b], &NearConfig::default())?;
//! assert_eq!(groups.len(), 1);
//! assert_eq!(groups[0].members(), &[0, 2]);
//! let pair = groups[0].pairs()[0];
//! let (x, y, j) = (pair.a(), pair.b(), pair.jaccard());
//! assert_eq!((x, y), (0, 1)); // positions in members(): units 0 and 2
//! assert!(j >= 0.8 && j < 1.0);
//! # Ok::<(), dedupe::Error>(())
//! ```
//!
//! # What counts as a near duplicate
//!
//! Two units are a *verified pair* when the exact Jaccard similarity of their shingle
//! sets is at least the threshold. A group is a connected component of verified pairs,
//! so two members of a group may be less similar than the threshold to each other;
//! [`NearGroup::pairs`] lists the verified pairs that connect it. Pairs are found
//! through LSH, so a pair just above the threshold can be missed (probability
//! [`LshParams::false_negative_probability`]: the default banding keeps it at most 0.02
//! at exactly the threshold, 0.015 at 0.8 with 18 bands of 7 rows, and it falls fast
//! above), but nothing below the threshold is ever reported. A unit with fewer distinct
//! shingles than two different sets must share to reach the threshold (4 at 0.8, 9 at
//! 0.9, 3 at 0.7: `m / (m + 1) >= threshold`; every set at 1.0) can only match an equal
//! set: it is keyed by its set and matched exactly, without a signature. Most lines of
//! real text are that short, so this is also most of the speed on them.
//! Against brute force on real text (BENCHMARKS.md, `benches/tools/src/bin/near_recall.rs`:
//! 12,000 paragraphs of man pages), recall is 0.9995 at 0.5 and 1.0 at 0.7, 0.8 and 0.9,
//! precision 1.0 at all four.
//! Units without a word (only punctuation or spaces) have no shingles and are never
//! grouped. Equal texts are allowed and have similarity 1.
//!
//! # Determinism
//!
//! Seeds are fixed, candidate pairs are sorted, and parallel work is collected in input
//! order, so the result depends only on the texts and the configuration, not on the
//! number of threads.
//!
//! # Cost
//!
//! Linear in the input for shingling and signatures. A band bucket (the units equal in
//! one band) of `m` units yields `m(m-1)/2` candidate pairs up to
//! [`NearConfig::max_bucket`] units (default 64); a bigger bucket, as templated text
//! makes (thousands of units that differ by a word), pairs each unit with at most
//! `max_bucket` others (a chain through the bucket and a star on its first units), so the
//! candidates and their verification stay linear in the units
//! (`tests/near_cap.rs` counts the work: 10,000 templated units cost at most 4.5 times
//! what 2,500 do, and come out as one group). The cap lists fewer pairs of such a group,
//! not fewer members: against brute force on real text it changes nothing (BENCHMARKS.md,
//! the table with and without the cap). Many copies of one text still make one big
//! bucket: pass one representative of each set of equal texts. Memory while it runs: 8
//! bytes per word of input for the kept shingles ([`NearConfig::keep_shingles`]) and 8
//! bytes per band per unit; signatures are not kept.
//!
//! On 12.6 MB of generated 2-5 KB English-like documents, one in five a near-duplicate
//! (`cargo run --release --example near_corpus -- /tmp/c.txt 12 time`, one thread,
//! MB per CPU second, on a shared and busy 2-core machine, before the faster sketch
//! rounds of issue #12, so these are low): signatures 420-434,
//! `near_groups` end to end 293-315. ASCII text takes a fast word splitter (about 930
//! MB/s against 365 for `unicode-segmentation`), and so do the ASCII stretches of other
//! text: the same documents with one em dash each give signatures at about 230 MB/s.
//! Chinese text, one token per character through `unicode-segmentation`, about 50.

mod lsh;
mod minhash;
mod shingle;
mod verify;

pub use lsh::{LshIndex, LshParams, DEFAULT_FALSE_POSITIVE_WEIGHT};
pub use minhash::{std_dev, MinHashConfig, MinHasher, Scheme, Signature};
pub use shingle::{jaccard, shingles};
#[cfg(feature = "internals")]
#[doc(hidden)]
pub use verify::NearWork;
pub use verify::{near_groups, NearFinder, NearGroup, NearPass, NearVerify};

/// How the LSH bands are chosen.
///
/// ```
/// use dedupe::near::{Banding, LshParams, NearConfig};
/// let mut cfg = NearConfig::default();
/// cfg.banding = Banding::Fixed(LshParams { bands: 16, rows: 8 });
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Banding {
    /// Recall first: of the bandings `b = slots / r` that miss a pair at exactly the
    /// threshold with probability at most 0.02, the one with the most rows (fewest
    /// candidates to verify). With 128 slots: 42 bands × 3 rows at 0.5 (misses 0.4 %),
    /// 25 × 5 at 0.7 (1.0 %), 18 × 7 at 0.8 (1.5 %), 11 × 11 at 0.9 (1.6 %).
    /// [`Banding::Weighted`] trades recall for speed as datasketch does.
    #[default]
    Optimal,
    /// [`LshParams::optimal_weighted`] with these weights of false positives and false
    /// negatives.
    Weighted {
        /// Weight of the false-positive area.
        false_positive: f64,
        /// Weight of the false-negative area.
        false_negative: f64,
    },
    /// These bands and rows; `bands · rows` above the number of slots finds nothing.
    Fixed(LshParams),
}

/// Settings of [`near_groups`] and [`NearFinder`].
///
/// ```
/// use dedupe::near::NearConfig;
/// let mut cfg = NearConfig::default();
/// assert_eq!(cfg.threshold, 0.8);
/// cfg.threshold = 0.7;
/// cfg.minhash.k = 4;
/// ```
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq)]
pub struct NearConfig {
    /// The least exact Jaccard similarity of a reported pair (default 0.8), clamped to
    /// `[0, 1]`.
    pub threshold: f64,
    /// Shingles and signatures (default [`MinHashConfig::default`]).
    pub minhash: MinHashConfig,
    /// LSH bands (default [`Banding::Optimal`]).
    pub banding: Banding,
    /// Keep every unit's shingle hashes from the signature pass for the exact check of
    /// candidate pairs (default `true`): 8 bytes per word of input held until the
    /// groups are formed. `false` recomputes the shingles of the units in candidate
    /// pairs instead, which costs time in proportion to how many units are candidates
    /// (a third more time when a third of the units are).
    pub keep_shingles: bool,
    /// The most units of one LSH bucket (units equal in one band) that are all paired
    /// with each other as candidates (default 64, at least 2). A bucket of `m` units gives
    /// `m(m-1)/2` candidate pairs, quadratic in templated text where thousands of units
    /// differ by a word; a bucket bigger than this pairs each unit only with the
    /// `max_bucket / 2` before it in the bucket (bucket order is input order) and with the
    /// bucket's first `max_bucket / 2`: at most `max_bucket` pairs a unit, so linear work.
    /// That chain and star still join a bucket of near-identical units into one group,
    /// but not every pair in it is verified and listed in [`NearGroup::pairs`], and a
    /// pair whose two units are far apart in a big bucket, not near its first units and
    /// not joined through others, is missed. `usize::MAX` pairs every bucket in full.
    pub max_bucket: usize,
}

impl Default for NearConfig {
    fn default() -> NearConfig {
        NearConfig {
            threshold: 0.8,
            minhash: MinHashConfig::default(),
            banding: Banding::default(),
            keep_shingles: true,
            max_bucket: 64,
        }
    }
}

#[cfg(test)]
#[path = "../../tests/support/corpus.rs"]
mod corpus;

#[cfg(test)]
mod stage_timing {
    use super::corpus;

    /// Nanoseconds of CPU time of this process (Linux, 10 ms resolution), so that
    /// timings are not inflated by other processes on a shared machine.
    fn cpu_ns() -> u64 {
        let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
        let after = stat.rsplit(')').next().unwrap_or("");
        let f: Vec<u64> = after.split_whitespace().map(|x| x.parse().unwrap_or(0)).collect();
        // Fields 14 and 15 of stat(5) (utime, stime), counted after the command name.
        (f.get(11).copied().unwrap_or(0) + f.get(12).copied().unwrap_or(0)) * 10_000_000
    }

    fn time<T>(name: &str, mb: f64, mut f: impl FnMut() -> T) -> T {
        let (t, c) = (std::time::Instant::now(), cpu_ns());
        let mut out = f();
        for _ in 0..9 {
            out = f();
        }
        let cpu = (cpu_ns() - c) as f64 / 10e9;
        let wall = t.elapsed().as_secs_f64() / 10.0;
        println!(
            "{name:>22}: {:6.0} MB/s per CPU second ({:6.0} MB/s wall)",
            mb / cpu,
            mb / wall
        );
        out
    }

    /// `cargo test --release --lib stage_timing -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn stage_timing() {
        let mut rng = 12345u64;
        let mut next = || {
            rng = super::shingle::mix64(rng.wrapping_add(1));
            rng
        };
        let vocab: Vec<String> = (0..20000)
            .map(|_| {
                (0..2 + next() % 8)
                    .map(|_| (b'a' + (next() % 26) as u8) as char)
                    .collect()
            })
            .collect();
        let mut text = String::new();
        while text.len() < 8 << 20 {
            let u = (next() >> 11) as f64 / (1u64 << 53) as f64;
            text.push_str(&vocab[(u * u * u * vocab.len() as f64) as usize]);
            text.push(if next() % 15 == 0 { '.' } else { ' ' });
        }
        let docs: Vec<&str> = text
            .as_bytes()
            .chunks(3000)
            .map(|c| std::str::from_utf8(c).unwrap())
            .collect();
        let mb = text.len() as f64 / 1e6;
        time("words", mb, || {
            docs.iter().map(|d| crate::words::words(d).count()).sum::<usize>()
        });
        time("unicode_word_indices", mb, || {
            docs.iter()
                .map(|d| unicode_segmentation::UnicodeSegmentation::unicode_word_indices(*d).count())
                .sum::<usize>()
        });
        for scheme in [
            super::Scheme::FastSimilarity,
            super::Scheme::Densified,
            super::Scheme::Permutations,
        ] {
            let h = super::MinHasher::new(&super::MinHashConfig {
                scheme,
                ..Default::default()
            })
            .unwrap();
            let mut sc = h.scratch();
            if scheme == super::Scheme::FastSimilarity {
                let mut sc = h.scratch();
                time("shingles", mb, || {
                    docs.iter()
                        .map(|d| {
                            h.shingler.shingle_into(d, &mut sc);
                            sc.shingles.len()
                        })
                        .sum::<usize>()
                });
            }
            time(&format!("signatures {scheme:?}"), mb, || {
                docs.iter()
                    .map(|d| h.signature_with(d, &mut sc).values()[0])
                    .fold(0, |a, b| a ^ b)
            });
        }
        let cfg = super::NearConfig::default();
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
        time("near_groups", mb, || {
            pool.install(|| super::near_groups(&docs, &cfg)).unwrap().len()
        });
        // The bench corpus: 2-5 KB documents, one in five a near-duplicate.
        let docs = corpus::documents(12 << 20, 7);
        let mb = docs.iter().map(String::len).sum::<usize>() as f64 / 1e6;
        let h = super::MinHasher::default();
        time("bench signatures", mb, || {
            pool.install(|| h.signatures(&docs)).len()
        });
        let uni: Vec<String> = docs.iter().map(|d| format!("{d} \u{2014}")).collect();
        time("bench signatures, Unicode path", mb, || {
            pool.install(|| h.signatures(&uni)).len()
        });
        let zh: String =
            "春天来了，公园里的花都开了。孩子们在草地上放风筝，老人们坐在长椅上聊天。".repeat(40);
        let zhs: Vec<String> = (0..docs.len()).map(|i| format!("{zh}{i}")).collect();
        let zmb = zhs.iter().map(String::len).sum::<usize>() as f64 / 1e6;
        time("Chinese signatures", zmb, || {
            pool.install(|| h.signatures(&zhs)).len()
        });
        let mut sc = h.scratch();
        time("bench shingle_into", mb, || {
            docs.iter()
                .map(|d| {
                    h.shingler.shingle_into(d, &mut sc);
                    sc.shingles.len()
                })
                .sum::<usize>()
        });
        time("bench shingle sets", mb, || {
            docs.iter()
                .map(|d| h.shingle_set_with(d, &mut sc).len())
                .sum::<usize>()
        });
        let vecs: Vec<Vec<u64>> = docs
            .iter()
            .map(|d| {
                h.shingler.shingle_into(d, &mut sc);
                sc.shingles.clone()
            })
            .collect();
        let (mut out, mut counts) = (Vec::new(), Vec::new());
        time("sort_dedup_into", mb, || {
            vecs.iter()
                .map(|v| {
                    super::shingle::sort_dedup_into(v, &mut out, &mut counts);
                    out.len()
                })
                .sum::<usize>()
        });
        time("sort_unstable + dedup", mb, || {
            vecs.iter()
                .map(|v| {
                    out.clear();
                    out.extend_from_slice(v);
                    out.sort_unstable();
                    out.dedup();
                    out.len()
                })
                .sum::<usize>()
        });
        time("bench near_groups", mb, || {
            pool.install(|| super::near_groups(&docs, &cfg)).unwrap().len()
        });
    }
}
