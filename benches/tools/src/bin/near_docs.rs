//! Near-duplicate documents of a JSONL corpus, the work the MinHash peers do
//! (`benches/peers/near_peers.py`): one signature per document (word 5-grams, 128 slots),
//! LSH at Jaccard 0.8, candidates verified. CPU seconds on one thread, reading and JSON
//! parsing excluded, as the peers' figures exclude them.
//!
//! ```text
//! cargo build --release -p dedupe-bench-tools --bin near_docs
//! target/release/near_docs /work/data/real-docs.jsonl
//! ```

use dedupe::near::{NearConfig, NearFinder};

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "real-docs.jsonl".to_string());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("near_docs: {path}: {e}");
        std::process::exit(2)
    });
    let docs: Vec<String> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).ok()?;
            Some(v["text"].as_str()?.to_string())
        })
        .collect();
    let mb = docs.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a one-thread pool");
    let finder = NearFinder::new(&NearConfig::default()).expect("valid settings");
    for _ in 0..3 {
        let c = cpu();
        let groups = pool.install(|| finder.groups(&docs));
        let s = cpu() - c;
        println!(
            "{} documents, {mb:.1} MB: near_groups {s:.2} CPU s ({:.1} MB/s), {} groups",
            docs.len(),
            mb / s,
            groups.len()
        );
    }
}

/// CPU seconds of this process so far (Linux `/proc/self/stat`, 10 ms ticks).
fn cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let f: Vec<f64> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    (f.get(11).copied().unwrap_or(0.0) + f.get(12).copied().unwrap_or(0.0)) / 100.0
}
