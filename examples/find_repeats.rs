//! Finds repeated lines, paragraphs and blocks in one text, and the stutters inside them,
//! and prints where they are.
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

/// The bundled sample: a news article whose body was pasted twice.
const SAMPLE: &str = include_str!("data/sample.txt");

fn main() -> ExitCode {
    let (name, bytes) = match std::env::args_os().nth(1) {
        None => ("examples/data/sample.txt".to_owned(), SAMPLE.as_bytes().to_vec()),
        Some(path) => {
            let name = path.to_string_lossy().into_owned();
            match std::fs::read(&path) {
                Ok(bytes) => (name, bytes),
                Err(e) => {
                    eprintln!("find_repeats: {name}: {e}");
                    return ExitCode::from(2);
                }
            }
        }
    };
    // Groups, blocks and stutters; near duplicates are one more `.near(true)` away.
    let finder = match dedupe::FinderBuilder::new().inner(true).build() {
        Ok(finder) => finder,
        Err(e) => {
            eprintln!("find_repeats: {e}");
            return ExitCode::from(2);
        }
    };
    let report = match std::str::from_utf8(&bytes) {
        // The report with the text of each finding.
        Ok(text) => {
            let report = finder.find(text);
            print(&name, &report.show(text).to_string());
            report
        }
        // Not UTF-8: searched as bytes, each invalid byte a character of its own; the
        // report gives lines and byte offsets into the file.
        Err(_) => {
            let report = finder.find_bytes(&bytes);
            print(&name, &report.to_string());
            report
        }
    };
    if report.has_repeats() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Each line of the report, after the name of the file, as a compiler writes its messages.
fn print(name: &str, report: &str) {
    for line in report.lines() {
        println!("{name}: {line}");
    }
}
