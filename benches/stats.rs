//! Throughput of the Gopher repetition statistics on generated 2-5 KB prose documents.
//!
//! ```text
//! cargo bench --bench stats
//! ```
//!
//! The documents come from a deterministic generator; benches/peers/gopher_peer.py builds
//! the same documents to time datatrove on them.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dedupe::{repetition_stats, repetition_stats_with_words, RepetitionAnalyzer};
use std::hint::black_box;

const VOCAB: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "it",
    "as",
    "was",
    "with",
    "be",
    "by",
    "on",
    "not",
    "he",
    "this",
    "are",
    "or",
    "his",
    "from",
    "at",
    "which",
    "but",
    "have",
    "an",
    "had",
    "they",
    "you",
    "were",
    "their",
    "one",
    "all",
    "we",
    "can",
    "her",
    "has",
    "there",
    "been",
    "if",
    "more",
    "when",
    "will",
    "would",
    "who",
    "so",
    "no",
    "government",
    "market",
    "river",
    "village",
    "system",
    "report",
    "company",
    "water",
    "history",
    "people",
    "children",
    "research",
    "century",
    "minister",
    "football",
    "weather",
    "museum",
    "garden",
    "energy",
    "software",
    "language",
    "council",
    "festival",
    "mountain",
    "hospital",
    "school",
    "announced",
    "reported",
    "increased",
    "described",
    "remained",
    "developed",
    "believed",
    "café",
    "naïve",
    "résumé",
    "Zürich",
    "São",
    "Paulo",
    "über",
    "don't",
    "it's",
    "U.S.",
    "e-mail",
    "2024",
    "3.5",
    "percent",
    "—",
    "(see",
    "below)",
    "\"quoted\"",
];
const BOILERPLATE: &str = "Share this article on social media";

/// The generator of benches/peers/gopher_peer.py, step for step.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn document(rng: &mut Lcg) -> String {
    let target = 2000 + rng.below(2400);
    let mut paragraphs: Vec<String> = Vec::new();
    let mut len = 0;
    while len < target {
        let paragraph = if !paragraphs.is_empty() && rng.below(8) == 0 {
            paragraphs[rng.below(paragraphs.len())].clone()
        } else if rng.below(10) == 0 {
            BOILERPLATE.to_string()
        } else {
            let mut p = String::new();
            for s in 0..2 + rng.below(4) {
                if s > 0 {
                    p.push(' ');
                }
                let words = 6 + rng.below(15);
                for w in 0..words {
                    let word = VOCAB[rng.below(VOCAB.len())];
                    if w == 0 {
                        let mut cs = word.chars();
                        let first = cs.next().map(|c| c.to_ascii_uppercase());
                        p.extend(first);
                        p.push_str(cs.as_str());
                    } else {
                        p.push(' ');
                        p.push_str(word);
                    }
                    if w + 1 < words && rng.below(12) == 0 {
                        p.push(',');
                    }
                }
                p.push('.');
            }
            p
        };
        len += paragraph.len() + 2;
        paragraphs.push(paragraph);
    }
    paragraphs.join("\n\n") + "\n"
}

fn documents() -> Vec<String> {
    let mut rng = Lcg(0x5eed);
    (0..200).map(|_| document(&mut rng)).collect()
}

fn bench(c: &mut Criterion) {
    let docs = documents();
    let bytes: usize = docs.iter().map(String::len).sum();
    assert!(docs.iter().all(|d| (2000..=5400).contains(&d.len())));
    let (min, max) = docs
        .iter()
        .fold((usize::MAX, 0), |(lo, hi), d| (lo.min(d.len()), hi.max(d.len())));
    eprintln!(
        "{} documents, {bytes} bytes, {min}..={max} bytes each",
        docs.len()
    );
    // Benches assert their results: repeats were generated, so some are found.
    let flagged = docs
        .iter()
        .filter(|d| repetition_stats(d).duplicate_paragraph_fraction > 0.0)
        .count();
    assert!(flagged > 50, "{flagged} documents with duplicate paragraphs");

    let mut group = c.benchmark_group("gopher-stats/prose-2-5KB");
    group.throughput(Throughput::Bytes(bytes as u64));
    // unicode-segmentation's UAX #29 word split alone, for comparison: repetition_stats, with
    // its own splitter (same words, an ASCII fast path), now runs faster than this.
    group.bench_function("uax29_words_only", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(
                    unicode_segmentation::UnicodeSegmentation::unicode_words(black_box(d.as_str())).count(),
                );
            }
        })
    });
    group.bench_function("repetition_stats", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(repetition_stats(black_box(d)));
            }
        })
    });
    group.bench_function("analyzer_reused", |b| {
        let mut analyzer = RepetitionAnalyzer::new();
        b.iter(|| {
            for d in &docs {
                black_box(analyzer.stats(black_box(d)));
            }
        })
    });
    let words: Vec<Vec<&str>> = docs.iter().map(|d| d.split_whitespace().collect()).collect();
    group.bench_function("with_words_pretokenized", |b| {
        b.iter(|| {
            for (d, w) in docs.iter().zip(&words) {
                black_box(repetition_stats_with_words(black_box(d), w));
            }
        })
    });
    group.bench_function("explain_repetition", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(dedupe::explain_repetition(black_box(d)));
            }
        })
    });
    group.finish();

    // Extra: the same documents with every non-ASCII character replaced by `e`, for the
    // all-ASCII path of the word splitter. The headline figure is the group above.
    let ascii: Vec<String> = docs
        .iter()
        .map(|d| d.chars().map(|c| if c.is_ascii() { c } else { 'e' }).collect())
        .collect();
    let ascii_bytes: usize = ascii.iter().map(String::len).sum();
    let mut group = c.benchmark_group("gopher-stats/prose-2-5KB-ascii");
    group.throughput(Throughput::Bytes(ascii_bytes as u64));
    group.bench_function("repetition_stats", |b| {
        b.iter(|| {
            for d in &ascii {
                black_box(repetition_stats(black_box(d)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
