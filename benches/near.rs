//! Near-duplicate engine throughput over >= 10 MB of generated 2-5 KB documents,
//! 128 slots, k = 5.
//!
//! `cargo bench --bench near -- --warm-up-time 1 --measurement-time 3`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dedupe::near::{near_groups, MinHashConfig, MinHasher, NearConfig, Scheme};

#[path = "../tests/support/corpus.rs"]
mod corpus;

const BYTES: usize = 12 << 20;

fn one_thread<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool")
        .install(f)
}

fn bench(c: &mut Criterion) {
    let docs = corpus::documents(BYTES, 7);
    let total: usize = docs.iter().map(String::len).sum();

    let mut g = c.benchmark_group("signature");
    g.throughput(Throughput::Bytes(total as u64)).sample_size(10);
    for scheme in [Scheme::FastSimilarity, Scheme::Densified, Scheme::Permutations] {
        let mut cfg = MinHashConfig::default();
        cfg.scheme = scheme;
        let h = MinHasher::new(&cfg).unwrap();
        g.bench_function(format!("{scheme:?}/1-thread"), |b| {
            b.iter(|| one_thread(|| h.signatures(&docs)));
        });
    }
    g.finish();

    let cfg = NearConfig::default();
    let groups = one_thread(|| near_groups(&docs, &cfg)).unwrap();
    // About one document in five is a planted near-duplicate (edit rate 0.2% to 3%),
    // most of them at Jaccard >= 0.8.
    let grouped: usize = groups.iter().map(|g| g.members().len()).sum();
    assert!(grouped > docs.len() / 5, "{grouped} of {}", docs.len());
    eprintln!(
        "{} documents, {total} bytes, {} groups, {grouped} grouped",
        docs.len(),
        groups.len()
    );
    let mut g = c.benchmark_group("near_groups");
    g.throughput(Throughput::Bytes(total as u64)).sample_size(10);
    g.bench_function("1-thread", |b| {
        b.iter(|| one_thread(|| near_groups(&docs, &cfg).unwrap()))
    });
    g.bench_function("all-threads", |b| b.iter(|| near_groups(&docs, &cfg).unwrap()));
    let mut recompute = cfg.clone();
    recompute.keep_shingles = false;
    g.bench_function("1-thread-recompute-shingles", |b| {
        b.iter(|| one_thread(|| near_groups(&docs, &recompute).unwrap()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
