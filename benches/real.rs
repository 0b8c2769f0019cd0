//! Throughput on real text (issue #12): man pages, Python sources and the non-ASCII man
//! pages of the shared corpora, with the ceiling of any split-and-hash deduper (memchr line
//! split + xxh3 per line, and raw xxh3 of the whole buffer) in the same criterion group, on
//! the same bytes, in the same run.
//!
//! The corpora live outside the crate, in `../shared/corpora` (or the directory named by
//! `DEDUPE_CORPORA`); they are decompressed once per run, and a slice of a few MB of each is
//! benched so that `cargo bench` stays short. Without them the bench prints a message and
//! measures nothing: the crate must build and bench on its own.
//!
//! ```text
//! cargo bench --bench real                           # wall clock
//! DEDUPE_BENCH_CLOCK=cpu cargo bench --bench real    # CPU time (on a shared machine)
//! cargo bench --bench real -- real-man/              # one group
//! ```
//!
//! Every finder runs on one thread (figures are per core). `find-*` is plain
//! [`Finder::find`](dedupe::Finder::find) (groups and blocks); `cli-default-*` adds
//! stutters, what the CLI's default run computes (`FinderBuilder::stutters(true)`). Each
//! bench asserts that every iteration finds what the first found, and that it found
//! something.

#[path = "corpus/ceiling.rs"]
mod ceiling;
#[path = "corpus/cpu_time.rs"]
mod cpu_time;

use std::hint::black_box;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::measurement::Measurement;
use criterion::{BenchmarkGroup, Criterion, Throughput};
use dedupe::{Finder, FinderBuilder, Report, Unit};
use xxhash_rust::xxh3::xxh3_64;

/// Bytes of each corpus benched (cut back to the last line end).
const SLICE: usize = 4 << 20;

/// Languages of the non-ASCII man pages, as in the ids `man/<lang>/...` of the JSONL.
const NON_ASCII: [&str; 6] = ["ru", "uk", "ja", "ko", "zh_CN", "zh_TW"];

fn corpora_dir() -> PathBuf {
    match std::env::var_os("DEDUPE_CORPORA") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora"),
    }
}

/// The first `limit` bytes of a zstd file, cut at the last `\n` (so the cut is on a
/// character boundary), or `None` with a message if the file is missing or bad.
fn zstd_prefix(path: &Path, limit: usize) -> Option<String> {
    let read = || -> std::io::Result<Vec<u8>> {
        let mut out = Vec::new();
        zstd::stream::read::Decoder::new(std::fs::File::open(path)?)?
            .take(limit as u64)
            .read_to_end(&mut out)?;
        Ok(out)
    };
    let mut bytes = match read() {
        Ok(b) => b,
        Err(e) => {
            println!("real: skipping {}: {e}", path.display());
            return None;
        }
    };
    if bytes.len() == limit {
        let end = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        bytes.truncate(end);
    }
    match String::from_utf8(bytes) {
        Ok(s) => Some(s),
        Err(e) => {
            println!("real: skipping {}: not UTF-8: {e}", path.display());
            None
        }
    }
}

/// The texts of the man pages in [`NON_ASCII`] languages from the JSONL corpus, joined
/// by blank lines (about 3.8 MB, the whole of them).
fn non_ascii_man_pages(path: &Path) -> Option<String> {
    let jsonl = zstd_prefix(path, usize::MAX)?;
    let mut out = String::new();
    for line in jsonl.lines() {
        let Ok(doc) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let (Some(id), Some(text)) = (doc["id"].as_str(), doc["text"].as_str()) else {
            continue;
        };
        let lang = id.strip_prefix("man/").and_then(|r| r.split('/').next());
        if lang.is_some_and(|l| NON_ASCII.contains(&l)) {
            out.push_str(text);
            out.push_str("\n\n");
        }
    }
    if out.is_empty() {
        println!("real: no ru/uk/ja/ko/zh man pages in {}", path.display());
        return None;
    }
    Some(out)
}

/// What a report found, compared across iterations.
fn found(r: &Report) -> (usize, usize, usize, usize) {
    (r.units(), r.groups().len(), r.blocks().len(), r.inner().len())
}

fn finder(unit: Unit, stutters: bool) -> Finder {
    FinderBuilder::new()
        .unit(unit)
        .threads(Some(1))
        .stutters(stutters)
        .build()
        .expect("a valid configuration")
}

/// Plain find and the CLI's default work (with stutters), by line and by paragraph.
fn finders<M: Measurement>(g: &mut BenchmarkGroup<M>, text: &str) {
    for (unit, by) in [(Unit::Line, "line"), (Unit::Paragraph, "paragraph")] {
        for (stutters, what) in [(false, "find"), (true, "cli-default")] {
            let f = finder(unit, stutters);
            let expected = found(&f.find(text));
            assert!(expected.1 > 0, "real text has repeated {by}s");
            g.bench_function(format!("{what}-{by}"), |b| {
                b.iter(|| {
                    let r = f.find(black_box(text));
                    assert_eq!(found(&r), expected);
                    r
                })
            });
        }
    }
}

/// Raw xxh3 of the whole buffer, and memchr line splitting with xxh3 per line.
fn ceilings<M: Measurement>(g: &mut BenchmarkGroup<M>, text: &str) {
    let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
    g.bench_function("ceiling-xxh3-whole", |b| {
        b.iter(|| xxh3_64(black_box(text).as_bytes()))
    });
    g.bench_function("ceiling-memchr-lines+xxh3", |b| {
        b.iter(|| {
            let (acc, n) = ceiling::memchr_lines_xxh3(black_box(text).as_bytes());
            assert_eq!(n, lines);
            acc
        })
    });
}

fn group<M: Measurement>(cr: &mut Criterion<M>, name: &str, text: &str) {
    println!("real: {name}: {} bytes", text.len());
    let mut g = cr.benchmark_group(name);
    g.throughput(Throughput::Bytes(text.len() as u64))
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    ceilings(&mut g, text);
    finders(&mut g, text);
    g.finish();
}

fn run<M: Measurement>(mut cr: Criterion<M>) {
    let dir = corpora_dir();
    if !dir.is_dir() {
        println!(
            "real: no corpora at {} (set DEDUPE_CORPORA to their directory): nothing to bench",
            dir.display()
        );
        return;
    }
    if let Some(t) = zstd_prefix(&dir.join("man-pages.txt.zst"), SLICE) {
        group(&mut cr, "real-man", &t);
    }
    if let Some(t) = zstd_prefix(&dir.join("python-stdlib.txt.zst"), SLICE) {
        group(&mut cr, "real-python", &t);
    }
    if let Some(t) = non_ascii_man_pages(&dir.join("real-docs.jsonl.zst")) {
        group(&mut cr, "real-nonascii", &t);
    }
    cr.final_summary();
}

fn main() {
    if std::env::var_os("DEDUPE_BENCH_CLOCK").is_some_and(|v| v == "cpu") {
        run(Criterion::default()
            .with_measurement(cpu_time::CpuTime)
            .configure_from_args());
    } else {
        run(Criterion::default().configure_from_args());
    }
}
