//! Writes the bench corpus to a file, so other tools can run on the same bytes.
//!
//! ```text
//! cargo run --release -p dedupe-bench-tools --bin gen_corpus -- [--lang english|russian|chinese] [--mb 16] [--seed 1] out.txt
//! ```
//!
//! Prints the planted counts: units, groups and blocks.

#[path = "../../../corpus/mod.rs"]
mod corpus;

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut lang = corpus::Lang::English;
    let mut mb = 16.0f64;
    let mut seed = 1u64;
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let ok = match a.as_str() {
            "--lang" => args
                .next()
                .and_then(|v| corpus::Lang::parse(&v))
                .map(|l| lang = l),
            "--mb" => args.next().and_then(|v| v.parse().ok()).map(|v| mb = v),
            "--seed" => args.next().and_then(|v| v.parse().ok()).map(|v| seed = v),
            _ if out.is_none() && !a.starts_with('-') => {
                out = Some(a);
                Some(())
            }
            _ => None,
        };
        if ok.is_none() {
            eprintln!("usage: gen_corpus [--lang english|russian|chinese] [--mb N] [--seed N] OUT");
            return ExitCode::from(2);
        }
    }
    let Some(out) = out else {
        eprintln!("usage: gen_corpus [--lang english|russian|chinese] [--mb N] [--seed N] OUT");
        return ExitCode::from(2);
    };
    let c = corpus::generate(lang, (mb * 1024.0 * 1024.0) as usize, seed);
    if let Err(e) = std::fs::write(&out, &c.text) {
        eprintln!("gen_corpus: {out}: {e}");
        return ExitCode::FAILURE;
    }
    println!(
        "{out}: {} bytes, {} units, {} groups, {} blocks planted",
        c.text.len(),
        c.units,
        c.groups,
        c.blocks
    );
    ExitCode::SUCCESS
}
