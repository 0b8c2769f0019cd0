//! Finds repeated lines, paragraphs and blocks in one text and prints where they are.
//!
//! ```text
//! cargo run --release --example find_repeats              # the bundled sample
//! cargo run --release --example find_repeats -- FILE.txt  # a text of your own
//! ```
//!
//! The sample is built into the program (`include_str!`), so it runs from anywhere. Exit
//! codes, as grep's: 0 when a repeat was found, 1 when none was, 2 on an error. The
//! `dedupe` command (`cargo install --path crates/cli`) does the same and more: folders,
//! JSONL corpora, JSON reports, cleaning.

use std::process::ExitCode;

use dedupe::{Occurrence, Report};

/// The bundled sample: a news article whose body was pasted twice.
const SAMPLE: &str = include_str!("data/sample.txt");

fn main() -> ExitCode {
    let (name, text) = match std::env::args_os().nth(1) {
        None => ("examples/data/sample.txt".to_owned(), SAMPLE.to_owned()),
        Some(path) => {
            let name = path.to_string_lossy().into_owned();
            match std::fs::read_to_string(&path) {
                Ok(text) => (name, text),
                Err(e) => {
                    eprintln!("find_repeats: {name}: {e}");
                    return ExitCode::from(2);
                }
            }
        }
    };
    let report = dedupe::find_repeats(&text);
    print_report(&name, &text, &report);
    if report.has_repeats() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Prints every repeated block, then every repeated unit outside those blocks, then the
/// totals: each later copy with its lines, byte span and the start of its text.
fn print_report(name: &str, text: &str, report: &Report) {
    let mut in_blocks: Vec<dedupe::Span> = Vec::new();
    for block in report.blocks() {
        let (first, later) = block
            .occurrences()
            .split_first()
            .expect("a block occurs twice or more");
        for o in later {
            println!(
                "{name}:{}: {} repeat {}: {} units, bytes {}..{}: {}",
                o.line(),
                lines(o),
                lines(first),
                block.units(),
                o.span().start,
                o.span().end,
                snippet(o.text(text)),
            );
            in_blocks.push(o.span());
        }
    }
    for group in report.groups() {
        let (first, later) = group
            .occurrences()
            .split_first()
            .expect("a group occurs twice or more");
        for o in later {
            let s = o.span();
            if in_blocks.iter().any(|b| b.start <= s.start && s.end <= b.end) {
                continue; // listed with its block
            }
            println!(
                "{name}:{}: {} repeats {}: bytes {}..{}: {}",
                o.line(),
                lines(o),
                lines(first),
                s.start,
                s.end,
                snippet(o.text(text)),
            );
        }
    }
    let stats = report.stats();
    println!(
        "{name}: {} units, {} repeated, {} of {} bytes in repeats",
        stats.units,
        stats.repeated_units,
        stats.repeated_bytes,
        text.len()
    );
}

/// "line 3" or "lines 3-7".
fn lines(o: &Occurrence) -> String {
    if o.line() == o.end_line() {
        format!("line {}", o.line())
    } else {
        format!("lines {}-{}", o.line(), o.end_line())
    }
}

/// The first 40 characters of `s`, on one line.
fn snippet(s: &str) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(40) {
        Some((at, _)) => format!("{:?}...", &one_line[..at]),
        None => format!("{one_line:?}"),
    }
}
