//! Recall and precision of the near-duplicate search against brute force on real text.
//!
//! ```text
//! cargo build --release -p dedupe-bench-tools
//! zstd -dc ../shared/corpora/man-pages.txt.zst | target/release/near_recall 4000
//! target/release/near_recall 12000 max < /work/data/man-pages.txt
//! ```
//!
//! A second argument sets [`NearConfig::max_bucket`] (a number, or `max` for no cap; the
//! default configuration's otherwise).
//!
//! Reads text on stdin, cuts it into paragraphs (blank-line separated), keeps the first
//! `N` distinct ones with at least one shingle (argument, default 4000), computes the
//! exact Jaccard of every pair of their shingle sets, and for each threshold compares
//! the pairs `near_groups` reports (default configuration) with the pairs at or above it:
//! recall = reported true pairs / true pairs, precision = reported true pairs / reported;
//! grouped = true pairs whose two paragraphs are in one reported group / true pairs (what
//! a user removing near duplicates gets: the bucket cap lists fewer pairs, not fewer
//! members).

use std::collections::HashSet;
use std::io::Read;

use dedupe::near::{jaccard, near_groups, MinHasher, NearConfig};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(4000);
    let max_bucket = match std::env::args().nth(2).as_deref() {
        None => NearConfig::default().max_bucket,
        Some("max") => usize::MAX,
        Some(a) => a.parse().unwrap_or_else(|_| {
            eprintln!("near_recall: the second argument is a number or max");
            std::process::exit(2)
        }),
    };
    let mut text = String::new();
    if std::io::stdin().read_to_string(&mut text).is_err() {
        eprintln!("near_recall: stdin is not UTF-8 text");
        std::process::exit(2);
    }
    // The shingles near_groups uses: those of the default MinHash configuration.
    let hasher = MinHasher::new(&NearConfig::default().minhash).expect("valid configuration");
    let mut seen = HashSet::new();
    let mut paras: Vec<&str> = Vec::new();
    let mut sets: Vec<Vec<u64>> = Vec::new();
    for p in text.split("\n\n").map(str::trim) {
        if paras.len() == n {
            break;
        }
        let s = hasher.shingles(p);
        if !s.is_empty() && seen.insert(p) {
            paras.push(p);
            sets.push(s);
        }
    }
    let mut truth: Vec<(usize, usize, f64)> = Vec::new();
    for a in 0..sets.len() {
        for b in a + 1..sets.len() {
            let j = jaccard(&sets[a], &sets[b]);
            if j >= 0.5 {
                truth.push((a, b, j));
            }
        }
    }
    println!(
        "{} paragraphs, {} pairs at J >= 0.5, max_bucket {}",
        paras.len(),
        truth.len(),
        if max_bucket == usize::MAX {
            "none".to_string()
        } else {
            max_bucket.to_string()
        }
    );
    println!("| threshold | true pairs | reported | recall | grouped | precision |");
    println!("|---|---|---|---|---|---|");
    for t in [0.5, 0.7, 0.8, 0.9] {
        let mut cfg = NearConfig::default();
        cfg.threshold = t;
        cfg.max_bucket = max_bucket;
        let mut found: HashSet<(usize, usize)> = HashSet::new();
        let mut group_of = vec![usize::MAX; paras.len()];
        for (k, g) in near_groups(&paras, &cfg)
            .expect("valid configuration")
            .iter()
            .enumerate()
        {
            for &m in g.members() {
                group_of[m] = k;
            }
            for p in g.pairs() {
                let (x, y) = (g.members()[p.a()], g.members()[p.b()]);
                found.insert((x.min(y), x.max(y)));
            }
        }
        let want: HashSet<(usize, usize)> = truth.iter().filter(|p| p.2 >= t).map(|p| (p.0, p.1)).collect();
        let hit = want.intersection(&found).count();
        let grouped = want
            .iter()
            .filter(|&&(a, b)| group_of[a] != usize::MAX && group_of[a] == group_of[b])
            .count();
        let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        println!(
            "| {t} | {} | {} | {:.4} | {:.4} | {:.4} |",
            want.len(),
            found.len(),
            ratio(hit, want.len()),
            ratio(grouped, want.len()),
            ratio(hit, found.len())
        );
    }
}
