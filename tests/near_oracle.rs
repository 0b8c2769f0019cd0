//! The near-duplicate engine against a brute-force oracle: exact Jaccard over all pairs.

#[path = "support/corpus.rs"]
mod corpus;

use std::collections::HashMap;

use corpus::{mutate, paragraph, prose, vocabulary, Rng};
use dedupe::near::{jaccard, near_groups, std_dev, MinHashConfig, MinHasher, NearConfig, Scheme};

/// Paragraphs of 40 to 120 words: bases, copies at known edit rates, and copies of
/// copies.
fn paragraphs(seed: u64) -> Vec<String> {
    let vocab = vocabulary(5_000, seed);
    let mut rng = Rng(seed);
    let mut words: Vec<Vec<String>> = Vec::new();
    for _ in 0..300 {
        let n = 40 + rng.below(81);
        words.push(paragraph(&mut rng, &vocab, n));
    }
    let rates = [0.0, 0.005, 0.01, 0.02, 0.03, 0.04, 0.05, 0.07, 0.1, 0.15];
    for i in 0..300 {
        let src = if i % 4 == 3 {
            300 + rng.below(words.len() - 300)
        } else {
            rng.below(300)
        };
        let rate = rates[rng.below(rates.len())];
        let copy = mutate(&mut rng, &vocab, &words[src].clone(), rate);
        words.push(copy);
    }
    words.iter().map(|w| prose(&mut rng, w)).collect()
}

struct Truth {
    /// Exact Jaccard of every pair with J >= 0.3, by `(a, b)`, `a < b`.
    pairs: HashMap<(usize, usize), f64>,
}

fn truth(texts: &[String], hasher: &MinHasher) -> Truth {
    let sets: Vec<Vec<u64>> = texts.iter().map(|t| hasher.shingles(t)).collect();
    let mut pairs = HashMap::new();
    for a in 0..sets.len() {
        for b in a + 1..sets.len() {
            let j = jaccard(&sets[a], &sets[b]);
            if j >= 0.3 {
                pairs.insert((a, b), j);
            }
        }
    }
    Truth { pairs }
}

/// Reported pairs `(a, b) -> J` in input indices.
fn reported(texts: &[String], threshold: f64) -> HashMap<(usize, usize), f64> {
    let mut cfg = NearConfig::default();
    cfg.threshold = threshold;
    let mut out = HashMap::new();
    for g in near_groups(texts, &cfg).unwrap() {
        for p in g.pairs() {
            out.insert((g.members()[p.a()], g.members()[p.b()]), p.jaccard());
        }
    }
    out
}

fn recall(truth: &Truth, found: &HashMap<(usize, usize), f64>, lo: f64, hi: f64) -> (usize, f64) {
    let want: Vec<_> = truth.pairs.iter().filter(|(_, &j)| j >= lo && j < hi).collect();
    let hit = want.iter().filter(|(p, _)| found.contains_key(p)).count();
    (
        want.len(),
        if want.is_empty() {
            1.0
        } else {
            hit as f64 / want.len() as f64
        },
    )
}

#[test]
fn recall_and_precision_against_brute_force() {
    let mut all_recall_08 = Vec::new();
    for seed in [1u64, 2, 3] {
        let texts = paragraphs(seed);
        let truth = truth(&texts, &MinHasher::default());
        for threshold in [0.5, 0.7, 0.8, 0.9] {
            let found = reported(&texts, threshold);
            // Precision 1.0: every reported pair is at or above the threshold, with the
            // oracle's similarity.
            for (p, &j) in &found {
                assert!(j >= threshold, "{p:?} {j} < {threshold}");
                assert_eq!(truth.pairs.get(p), Some(&j), "{p:?}");
            }
            let mut line = format!("seed {seed} threshold {threshold}:");
            for (lo, hi) in [(0.5, 0.7), (0.7, 0.9), (0.9, 1.01), (threshold, 1.01)] {
                let lo = f64::max(lo, threshold);
                if lo >= hi {
                    continue;
                }
                let (n, r) = recall(&truth, &found, lo, hi);
                line += &format!("  J in [{lo:.2},{:.2}): {r:.3} of {n}", hi.min(1.0));
            }
            println!("{line}");
            if threshold == 0.8 {
                all_recall_08.push(recall(&truth, &found, 0.8, 1.01));
            }
        }
    }
    let (n, hits) = all_recall_08
        .iter()
        .fold((0, 0.0), |(n, h), &(m, r)| (n + m, h + r * m as f64));
    let r = hits / n as f64;
    println!("recall of pairs with J >= 0.8 at threshold 0.8: {r:.4} of {n}");
    assert!(n > 200, "too few planted pairs: {n}");
    assert!(r >= 0.95, "recall {r}");
}

/// Estimate error of the three schemes; run with
/// `cargo test --release --test near_oracle -- --ignored --nocapture schemes`.
#[test]
#[ignore]
fn schemes_error_table() {
    let vocab = vocabulary(5_000, 9);
    let mut rng = Rng(9);
    for words in [40usize, 100, 500] {
        for scheme in [Scheme::Permutations, Scheme::Densified, Scheme::FastSimilarity] {
            let mut cfg = MinHashConfig::default();
            cfg.scheme = scheme;
            let h = MinHasher::new(&cfg).unwrap();
            let (mut sq, mut sq_norm, mut n, mut worst) = (0.0, 0.0, 0, 0.0f64);
            for _ in 0..2000 {
                let a = paragraph(&mut rng, &vocab, words);
                let rate = 0.01 + 0.1 * rng.unit();
                let b = mutate(&mut rng, &vocab, &a, rate);
                let (a, b) = (a.join(" "), b.join(" "));
                let j = jaccard(&h.shingles(&a), &h.shingles(&b));
                if j <= 0.0 || j >= 1.0 {
                    continue;
                }
                let e = h.signature(&a).jaccard(&h.signature(&b)) - j;
                let z = e / std_dev(j, 128);
                sq += e * e;
                sq_norm += z * z;
                worst = worst.max(z.abs());
                n += 1;
            }
            println!(
                "{words:4} words {scheme:>15?}: RMS error {:.4}, RMS error / sqrt(J(1-J)/128) {:.2}, worst {worst:.1} sd ({n} pairs)",
                (sq / n as f64).sqrt(),
                (sq_norm / n as f64).sqrt()
            );
        }
    }
}
