//! Writes the near-duplicate bench corpus, one document per line, so that other
//! tools can be measured on the same text (`benches/peers/near_peers.py`).
//!
//! ```text
//! cargo run --release -p dedupe-bench-tools --bin near_corpus -- /tmp/near_corpus.txt [MB] [time]
//! ```
//!
//! With `time`, it also prints dedupe's own speed on the corpus, one thread, in the
//! same format as the peers script.

#[path = "../../../../tests/support/corpus.rs"]
mod corpus;

use std::io::Write;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| "near_corpus.txt".to_string());
    let mb: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(12);
    let docs = corpus::documents(mb << 20, 7);
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
    for d in &docs {
        debug_assert!(!d.contains('\n'));
        writeln!(out, "{d}")?;
    }
    out.flush()?;
    let bytes: usize = docs.iter().map(String::len).sum();
    eprintln!("{path}: {} documents, {bytes} bytes", docs.len());
    if args.next().as_deref() == Some("time") {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .map_err(std::io::Error::other)?;
        let mb = bytes as f64 / 1e6;
        let hasher = dedupe::near::MinHasher::default();
        let cfg = dedupe::near::NearConfig::default();
        let shingles: Vec<Vec<u64>> = docs.iter().map(|d| hasher.shingles(d)).collect();
        const REPS: u32 = 10;
        for _ in 0..2 {
            let (sigs, s) = cpu(|| repeat(REPS, || pool.install(|| hasher.signatures(&docs))));
            let (_, k) = cpu(|| {
                repeat(REPS, || {
                    let sigs: Vec<_> = shingles.iter().map(|s| hasher.signature_of_shingles(s)).collect();
                    sigs.len()
                })
            });
            let (groups, e) = cpu(|| {
                repeat(REPS, || {
                    pool.install(|| dedupe::near::near_groups(&docs, &cfg).expect("valid settings"))
                })
            });
            let per_mb = |secs: f64| mb * f64::from(REPS) / secs;
            println!(
                "dedupe, 1 thread, MB per CPU second: signatures of texts {:.0}, signatures of given shingle \
                 hashes {:.0}, near_groups end to end {:.0} ({} signatures, {} groups)",
                per_mb(s),
                per_mb(k),
                per_mb(e),
                sigs.len(),
                groups.len()
            );
        }
    }
    Ok(())
}

/// Runs `f`, returning its result and the CPU seconds the process spent (Linux; wall
/// time elsewhere), so that figures match the peers script's `time.process_time()`.
fn cpu<T>(f: impl FnOnce() -> T) -> (T, f64) {
    fn now() -> Option<f64> {
        let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
        let f: Vec<f64> = stat
            .rsplit(')')
            .next()?
            .split_whitespace()
            .map(|x| x.parse().unwrap_or(0.0))
            .collect();
        // utime and stime, fields 14 and 15 of stat(5), in clock ticks of 10 ms.
        Some((f.get(11)? + f.get(12)?) / 100.0)
    }
    let (c, t) = (now(), std::time::Instant::now());
    let out = f();
    let secs = match (c, now()) {
        (Some(a), Some(b)) if b > a => b - a,
        _ => t.elapsed().as_secs_f64(),
    };
    (out, secs)
}

/// Runs `f` `n` times (at least once), returning the last result.
fn repeat<T>(n: u32, mut f: impl FnMut() -> T) -> T {
    let mut out = f();
    for _ in 1..n {
        out = f();
    }
    out
}
