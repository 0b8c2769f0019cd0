//! Times `find_repeats` on a file: the peer comparison in `benches/peers/run.sh`.
//!
//! ```text
//! cargo run --release -p dedupe-bench-tools --bin bench_find -- FILE [--threads N] [--repeat N] [--unit auto|line|paragraph] [--stutters]
//! ```
//!
//! Reads the file first (not timed), then prints the best of `--repeat` runs (default 5)
//! in MB/s with the number of units, groups, blocks and repeats inside units found.
//! `--unit` chooses the unit (default auto); `--stutters` looks for stutters too, as the
//! `dedupe` command's default run does (groups, blocks, stutters).

use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let mut path = None;
    let mut threads = None;
    let mut repeat = 5usize;
    let mut unit = dedupe::Unit::Auto;
    let mut stutters = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let ok = match a.as_str() {
            "--threads" => args
                .next()
                .and_then(|v| v.parse().ok())
                .map(|v| threads = Some(v)),
            "--repeat" => args.next().and_then(|v| v.parse().ok()).map(|v| repeat = v),
            "--unit" => match args.next().as_deref() {
                Some("auto") => Some(dedupe::Unit::Auto),
                Some("line") => Some(dedupe::Unit::Line),
                Some("paragraph") => Some(dedupe::Unit::Paragraph),
                _ => None,
            }
            .map(|u| unit = u),
            "--stutters" => {
                stutters = true;
                Some(())
            }
            _ if path.is_none() && !a.starts_with('-') => {
                path = Some(a);
                Some(())
            }
            _ => None,
        };
        if ok.is_none() {
            eprintln!(
                "usage: bench_find FILE [--threads N] [--repeat N] [--unit auto|line|paragraph] [--stutters]"
            );
            return ExitCode::from(2);
        }
    }
    let Some(path) = path else {
        eprintln!(
            "usage: bench_find FILE [--threads N] [--repeat N] [--unit auto|line|paragraph] [--stutters]"
        );
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("bench_find: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let finder = match dedupe::FinderBuilder::new()
        .threads(threads)
        .unit(unit)
        .stutters(stutters)
        .build()
    {
        Ok(f) => f,
        Err(e) => {
            eprintln!("bench_find: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut best = f64::INFINITY;
    let mut report = None;
    for _ in 0..repeat.max(1) {
        let t = Instant::now();
        let r = finder.find(&text);
        best = best.min(t.elapsed().as_secs_f64());
        report = Some(r);
    }
    if let Some(r) = report {
        println!(
            "{path}: {} bytes, {} units, {} groups, {} blocks, {} inner; best of {repeat}: {:.1} ms, {:.0} MB/s",
            text.len(),
            r.units(),
            r.groups().len(),
            r.blocks().len(),
            r.inner().len(),
            best * 1e3,
            text.len() as f64 / best / 1e6
        );
    }
    ExitCode::SUCCESS
}
