//! Throughput of `find_repeats` and of each stage of its hot loop, with baselines measured
//! in the same run on the same bytes: memory bandwidth (sum of bytes, memcpy), raw xxh3
//! over the whole text, and line splitting plus xxh3 per line (the ceiling of any
//! split-and-hash deduper).
//!
//! One criterion group per corpus; the corpora are generated (see `corpus/mod.rs`) and
//! every bench asserts what it finds. Run with
//!
//! ```text
//! cargo bench --bench find_repeats                 # everything
//! cargo bench --bench find_repeats -- english-large # one corpus
//! DEDUPE_BENCH_CLOCK=cpu cargo bench --bench find_repeats # CPU time, large inputs only
//! ```

#[path = "corpus/ceiling.rs"]
mod ceiling;
#[path = "corpus/mod.rs"]
mod corpus;
#[path = "corpus/cpu_time.rs"]
mod cpu_time;

use std::hint::black_box;
use std::time::Duration;

use corpus::{Corpus, Lang};
use criterion::measurement::Measurement;
use criterion::{BenchmarkGroup, Criterion, Throughput};
use dedupe::{FinderBuilder, Report};
use xxhash_rust::xxh3::xxh3_64;

const SEED: u64 = 1;

fn check(report: &Report, c: &Corpus) {
    assert_eq!(report.units(), c.units);
    assert_eq!(report.groups().len(), c.groups);
    assert_eq!(report.blocks().len(), c.blocks);
}

/// `find_repeats` with the default configuration, and on one thread.
fn end_to_end<M: Measurement>(g: &mut BenchmarkGroup<M>, c: &Corpus) {
    let text = c.text.as_str();
    g.bench_function("find_repeats", |b| {
        b.iter(|| {
            let r = dedupe::find_repeats(black_box(text));
            check(&r, c);
            r
        })
    });
    let one = FinderBuilder::new().threads(Some(1)).build().unwrap();
    g.bench_function("find_repeats-1thread", |b| {
        b.iter(|| {
            let r = one.find(black_box(text));
            check(&r, c);
            r
        })
    });
}

/// Raw xxh3 over all the bytes at once, and memchr line splitting with xxh3 per line.
fn ceilings<M: Measurement>(g: &mut BenchmarkGroup<M>, c: &Corpus) {
    let text = c.text.as_str();
    g.bench_function("xxh3_64-whole", |b| {
        b.iter(|| xxh3_64(black_box(text).as_bytes()))
    });
    g.bench_function("memchr-lines+xxh3", |b| {
        b.iter(|| {
            let (acc, n) = ceiling::memchr_lines_xxh3(black_box(text).as_bytes());
            assert_eq!(n, c.units);
            acc
        })
    });
}

/// Memory bandwidth: one read pass (sum of bytes) and one copy.
fn memory<M: Measurement>(g: &mut BenchmarkGroup<M>, c: &Corpus) {
    let bytes = c.text.as_bytes();
    g.bench_function("sum-of-bytes", |b| {
        b.iter(|| {
            black_box(bytes)
                .chunks_exact(8)
                .map(|w| u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]))
                .fold(0u64, |a, w| a.wrapping_add(w & 0x00ff_00ff_00ff_00ff))
        })
    });
    let mut dst = vec![0u8; bytes.len()];
    g.bench_function("memcpy", |b| {
        b.iter(|| {
            dst.copy_from_slice(black_box(bytes));
            black_box(&dst);
        })
    });
}

/// Each stage of the hot loop alone.
fn stages<M: Measurement>(g: &mut BenchmarkGroup<M>, c: &Corpus) {
    let text = c.text.as_str();
    g.bench_function("stage-split", |b| {
        b.iter(|| {
            let u = dedupe::internals::split(black_box(text));
            assert_eq!(u.len(), c.units);
            u
        })
    });
    let units = dedupe::internals::split(text);
    let normal = units.count_normal_ascii(text);
    assert!(
        normal * 2 > units.len(),
        "mostly ASCII: {normal} of {}",
        units.len()
    );
    g.bench_function("stage-is_normal_ascii", |b| {
        b.iter(|| assert_eq!(units.count_normal_ascii(black_box(text)), normal))
    });
    let prepared = dedupe::internals::prepare(text);
    let eligible = prepared.eligible();
    g.bench_function("stage-split+normalize+xxh3", |b| {
        b.iter(|| {
            let p = dedupe::internals::prepare(black_box(text));
            assert_eq!(p.eligible(), eligible);
            p
        })
    });
    g.bench_function("stage-group", |b| {
        b.iter(|| assert_eq!(dedupe::internals::group(black_box(text), &prepared), c.groups))
    });
}

fn corpus_group<M: Measurement>(cr: &mut Criterion<M>, name: &str, c: &Corpus, all: bool) {
    let mut g = cr.benchmark_group(name);
    g.throughput(Throughput::Bytes(c.text.len() as u64));
    if c.text.len() > 1 << 20 {
        g.sample_size(10)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(3));
    }
    end_to_end(&mut g, c);
    ceilings(&mut g, c);
    if all {
        memory(&mut g, c);
        stages(&mut g, c);
    }
    g.finish();
}

/// `large_only` skips the tiny and small texts, whose samples are too short for
/// [`cpu_time::CpuTime`].
fn english<M: Measurement>(cr: &mut Criterion<M>, large_only: bool) {
    for (name, bytes, all) in [
        ("english-tiny", 2 << 10, false),
        ("english-small", 64 << 10, false),
        ("english-large", 16 << 20, true),
    ] {
        if large_only && bytes < 1 << 20 {
            continue;
        }
        let c = corpus::generate(Lang::English, bytes, SEED);
        corpus_group(cr, name, &c, all);
    }
}

fn other_languages<M: Measurement>(cr: &mut Criterion<M>) {
    for (name, lang) in [("russian-large", Lang::Russian), ("chinese-large", Lang::Chinese)] {
        let c = corpus::generate(lang, 16 << 20, SEED);
        corpus_group(cr, name, &c, false);
    }
}

fn run<M: Measurement>(mut cr: Criterion<M>, large_only: bool) {
    english(&mut cr, large_only);
    other_languages(&mut cr);
    cr.final_summary();
}

fn main() {
    if std::env::var_os("DEDUPE_BENCH_CLOCK").is_some_and(|v| v == "cpu") {
        run(
            Criterion::default()
                .with_measurement(cpu_time::CpuTime)
                .configure_from_args(),
            true,
        );
    } else {
        run(Criterion::default().configure_from_args(), false);
    }
}
