//! Stutters and repeated word runs (`FinderBuilder::inner`), the exact finder included:
//! throughput on short English documents and the seed.
//!
//! `cargo bench --bench spans`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dedupe::InnerKind;

const SEED: &str = include_str!("../tests/data/doubled-article.txt");
const README: &str = include_str!("../README.md");

/// Cuts `text` into documents of about `size` bytes, at line ends.
fn docs(text: &str, size: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let mut end = (start + size).min(text.len());
        while end < text.len() && text.as_bytes()[end - 1] != b'\n' {
            end += 1;
        }
        out.push(&text[start..end]);
        start = end;
    }
    out
}

fn bench(c: &mut Criterion) {
    let finder = dedupe::FinderBuilder::new().inner(true).build().unwrap();
    let spans = |text: &str| finder.find(text).inner().len();
    // The seed: two stutters; the doubled body is a block, so no repeated run on top.
    let report = finder.find(SEED);
    let found = report.inner();
    assert_eq!(found.iter().filter(|s| s.kind() == InnerKind::Stutter).count(), 2);
    assert_eq!(found.iter().filter(|s| s.kind() == InnerKind::Repeat).count(), 0);

    let mut g = c.benchmark_group("spans");
    g.throughput(Throughput::Bytes(SEED.len() as u64));
    g.bench_function("seed-6k", |b| b.iter(|| spans(SEED)));

    // Short English documents: the first copy of the seed's body, and the README in ~3 KB pieces.
    let mut english: Vec<&str> = docs(README, 3000);
    english.push(&SEED[..3161]);
    let bytes: usize = english.iter().map(|d| d.len()).sum();
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("english-2-5k", |b| {
        b.iter(|| english.iter().map(|d| spans(d)).sum::<usize>())
    });

    // A larger text: the README 16 times with a word changed in each copy.
    let big: String = (0..16)
        .map(|i| README.replacen("the", &format!("the{i}"), 1))
        .collect();
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.bench_function("readme-x16-106k", |b| b.iter(|| spans(&big)));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
