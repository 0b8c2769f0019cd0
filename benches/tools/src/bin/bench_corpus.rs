//! Times the corpus passes of the library alone: JSON parsing and output excluded.
//!
//! ```text
//! cargo run --release -p dedupe-bench-tools --bin bench_corpus -- FILE [--threads N] [--batch DOCS]
//!     [--api index|add] [--limit BYTES] [--no-locate] [--stop-after load|index|resolve]
//!     [--resolve-rounds N] [--save FILE]
//! ```
//!
//! Reads FILE into memory first (not timed): JSONL (one object a line, its `"text"`) when
//! the name ends in `.jsonl`, otherwise the whole file as one document; `--limit` stops
//! reading JSONL after that many bytes. Then times, in CPU seconds of the process (user +
//! system, all threads), pass one (`CorpusIndex::index`, or `add` with `--api add`, in
//! batches of `--batch` documents, default 4096), `resolve` (run `--resolve-rounds` times,
//! for profiles), and pass two (`locate` on every document), and prints the index's size
//! with a checksum of the results, so that builds can be compared.
//!
//! `--save` writes the index, to compare builds byte for byte. `--stop-after` ends the run
//! after a phase, so that instruction counts (`valgrind --tool=callgrind`) of runs stopped
//! after successive phases give each phase's count by difference.

use std::hash::{Hash, Hasher};
use std::process::ExitCode;

use dedupe::{CorpusIndex, FinderBuilder};

/// CPU time of this process so far: (user, system) seconds, all threads.
fn cpu() -> (f64, f64) {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which sits in parentheses and may hold spaces).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let tick = 100.0; // USER_HZ on Linux
    let at = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0) / tick;
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after ')'.
    (at(11), at(12))
}

fn since(start: (f64, f64)) -> (f64, f64) {
    let now = cpu();
    (now.0 - start.0, now.1 - start.1)
}

const USAGE: &str = "usage: bench_corpus FILE [--threads N] [--batch DOCS] [--api index|add] [--limit BYTES] [--no-locate] [--stop-after load|index|resolve] [--resolve-rounds N] [--save FILE]";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench_corpus: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Each document of FILE: the `"text"` of each line of JSONL, or else the whole file.
fn read_docs(path: &str, limit: usize) -> Result<(Vec<String>, usize), String> {
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    if !path.ends_with(".jsonl") {
        return Ok((vec![raw.clone()], raw.len()));
    }
    let mut docs = Vec::new();
    let mut bytes = 0usize;
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        if bytes >= limit {
            break;
        }
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("{path}: {e}"))?;
        docs.push(v["text"].as_str().unwrap_or("").to_owned());
        bytes += line.len() + 1;
    }
    Ok((docs, bytes))
}

fn run() -> Result<(), String> {
    let mut path = None;
    let mut threads = None;
    let mut batch = 4096usize;
    let mut api = "index".to_owned();
    let mut limit = usize::MAX;
    let mut locate = true;
    let mut stop = String::new();
    let mut rounds = 1usize;
    let mut save = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let number = |v: Option<String>| v.and_then(|v| v.parse::<usize>().ok());
        let ok = match a.as_str() {
            "--threads" => number(args.next()).map(|v| threads = Some(v)),
            "--batch" => number(args.next()).map(|v| batch = v),
            "--limit" => number(args.next()).map(|v| limit = v),
            "--resolve-rounds" => number(args.next()).map(|v| rounds = v),
            "--api" => args.next().map(|v| api = v),
            "--save" => args.next().map(|v| save = Some(v)),
            "--stop-after" => args.next().map(|v| stop = v),
            "--no-locate" => {
                locate = false;
                Some(())
            }
            _ if path.is_none() && !a.starts_with('-') => {
                path = Some(a);
                Some(())
            }
            _ => None,
        };
        if ok.is_none() || !(api == "index" || api == "add") {
            return Err(USAGE.to_owned());
        }
    }
    let path = path.ok_or(USAGE)?;
    let (docs, bytes) = read_docs(&path, limit)?;
    let text_bytes: usize = docs.iter().map(String::len).sum();
    let finder = FinderBuilder::new()
        .threads(threads)
        .build()
        .map_err(|e| e.to_string())?;

    if stop == "load" {
        println!("{} docs loaded", docs.len());
        return Ok(());
    }
    let start = cpu();
    let mut index = CorpusIndex::new(&finder);
    let mut reports = 0usize;
    for chunk in docs.chunks(batch.max(1)) {
        if api == "add" {
            reports += index.add(chunk).iter().filter(|r| r.has_repeats()).count();
        } else {
            index.index(chunk);
        }
    }
    let pass1 = since(start);
    if let Some(p) = &save {
        std::fs::File::create(p)
            .and_then(|f| index.save(std::io::BufWriter::new(f)))
            .map_err(|e| format!("{p}: {e}"))?;
    }
    if stop == "index" {
        println!("{} units", index.units());
        return Ok(());
    }

    let start = cpu();
    let mut repeats = index.resolve();
    for _ in 1..rounds {
        repeats = index.resolve();
    }
    let resolved = since(start);
    if stop == "resolve" {
        println!("{} groups", repeats.groups().len());
        return Ok(());
    }

    let mut h = std::collections::hash_map::DefaultHasher::new();
    repeats.groups().hash(&mut h);
    for b in repeats.blocks() {
        (b.units(), b.runs()).hash(&mut h);
    }
    repeats.duplicate_documents().hash(&mut h);
    let start = cpu();
    let mut cut = 0usize;
    if locate {
        for (i, d) in docs.iter().enumerate() {
            let found = repeats.locate(i, d).map_err(|e| e.to_string())?;
            cut += found.removals().iter().map(|s| s.end - s.start).sum::<usize>();
            found.groups().len().hash(&mut h);
            found.blocks().len().hash(&mut h);
        }
    }
    let located = since(start);
    cut.hash(&mut h);

    let mb = bytes as f64 / 1e6;
    let show = |what: &str, (u, s): (f64, f64)| {
        println!(
            "{what:8} {:6.2} CPU-s ({u:.2} user + {s:.2} sys), {:6.0} MB/CPU-s",
            u + s,
            mb / (u + s).max(1e-9)
        );
    };
    println!(
        "{path}: {bytes} bytes ({text_bytes} of text), {} docs, {} units, {} groups, {} blocks, {} duplicate sets, {cut} bytes cut, {reports} reports with repeats; checksum {:016x}",
        docs.len(),
        index.units(),
        repeats.groups().len(),
        repeats.blocks().len(),
        repeats.duplicate_documents().len(),
        h.finish()
    );
    show(&api, pass1);
    show("resolve", resolved);
    if locate {
        show("locate", located);
    }
    Ok(())
}
