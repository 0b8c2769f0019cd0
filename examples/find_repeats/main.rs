//! Finds repeated lines, paragraphs and blocks in text files and reports them.
//!
//! ```text
//! cargo run --release --example find_repeats -- [OPTIONS] [FILE]...
//! ```
//!
//! With no FILE it reads the bundled sample `examples/data/sample.txt`; `-` reads stdin.
//! Exit codes, as grep's: 0 when a repeat was found, 1 when none was, 2 on an error
//! (a file that cannot be read or is not UTF-8, a bad option).

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use dedupe::{Error, Finder, FinderBuilder, Normalize, Report, Unit};
use serde_json::{json, Value};

const SAMPLE: &str = "examples/data/sample.txt";

/// Find repeated lines, paragraphs and blocks in text, with byte spans and line numbers.
#[derive(Parser, Debug)]
#[command(
    name = "find_repeats",
    version,
    after_help = "Exit status: 0 if a repeat was found, 1 if none was, 2 on error."
)]
struct Args {
    /// Files to read ('-' for stdin). Default: the bundled sample.
    files: Vec<PathBuf>,
    /// Print the report as JSON.
    #[arg(long, conflicts_with = "clean")]
    json: bool,
    /// Print the text with repeats removed (first occurrences kept, every other byte as it was).
    #[arg(long)]
    clean: bool,
    /// What the text is cut into.
    #[arg(long, value_enum, default_value_t = UnitArg::Auto)]
    unit: UnitArg,
    /// How units are normalized before they are compared.
    #[arg(long, value_enum, default_value_t = NormalizeArg::Unicode)]
    normalize: NormalizeArg,
    /// Units that differ only in case are equal.
    #[arg(long, short = 'i')]
    ignore_case: bool,
    /// Units shorter than this many bytes (after normalization) are ignored.
    #[arg(long, default_value_t = 20)]
    min_bytes: usize,
    /// Worker threads (default: one per core). Results never depend on it.
    #[arg(long)]
    threads: Option<usize>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum UnitArg {
    /// Paragraphs for hard-wrapped text, lines otherwise.
    Auto,
    /// Every non-blank line.
    Line,
    /// Runs of lines between blank lines.
    Paragraph,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum NormalizeArg {
    /// Byte-for-byte (after trimming).
    Exact,
    /// Whitespace runs collapse to one space.
    Whitespace,
    /// Whitespace, NFKC, quotes folded, invisible characters dropped.
    Unicode,
}

/// One input: its name as shown, and its text.
struct Document {
    name: String,
    text: String,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("find_repeats: {e}");
            ExitCode::from(2)
        }
    }
}

/// Runs the search; `Ok(true)` when any repeat was found.
fn run(args: &Args) -> Result<bool, Error> {
    let finder = FinderBuilder::new()
        .unit(match args.unit {
            UnitArg::Auto => Unit::Auto,
            UnitArg::Line => Unit::Line,
            UnitArg::Paragraph => Unit::Paragraph,
        })
        .normalize(match args.normalize {
            NormalizeArg::Exact => Normalize::Exact,
            NormalizeArg::Whitespace => Normalize::Whitespace,
            NormalizeArg::Unicode => Normalize::Unicode,
        })
        .fold_case(args.ignore_case)
        .min_bytes(args.min_bytes)
        .threads(args.threads)
        .build()?;
    let docs = read_inputs(&args.files)?;
    let reports: Vec<Report> = docs.iter().map(|d| finder.find(&d.text)).collect();
    let found = reports.iter().any(Report::has_repeats);

    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = if args.clean {
        docs.iter().zip(&reports).try_for_each(|(d, r)| {
            let repaired = r.repair(&d.text).expect("report made from this text");
            out.write_all(repaired.as_bytes())
        })
    } else if args.json {
        let json = json_report(&finder, &docs, &reports);
        serde_json::to_writer(&mut out, &json)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        docs.iter()
            .zip(&reports)
            .try_for_each(|(d, r)| human_report(&mut out, d, r))
    };
    written.and_then(|()| out.flush()).map_err(|source| Error::Io {
        path: "<stdout>".into(),
        source,
    })?;
    Ok(found)
}

/// Reads every input whole; the bundled sample when none is named.
fn read_inputs(files: &[PathBuf]) -> Result<Vec<Document>, Error> {
    let sample = [Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE)];
    let (files, sample_named) = if files.is_empty() {
        (&sample[..], true)
    } else {
        (files, false)
    };
    files
        .iter()
        .map(|path| {
            let io_err = |source| Error::Io {
                path: path.clone(),
                source,
            };
            let bytes = if path.as_os_str() == "-" {
                let mut buf = Vec::new();
                io::stdin().read_to_end(&mut buf).map_err(io_err)?;
                buf
            } else {
                std::fs::read(path).map_err(io_err)?
            };
            let text = String::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
                path: Some(path.clone()),
                offset: e.utf8_error().valid_up_to(),
            })?;
            let name = if sample_named {
                SAMPLE.to_owned()
            } else {
                path.display().to_string()
            };
            Ok(Document { name, text })
        })
        .collect()
}

/// "line 4" or "lines 4-9".
fn lines(first: u64, last: u64) -> String {
    if first == last {
        format!("line {first}")
    } else {
        format!("lines {first}-{last}")
    }
}

/// The report a person reads, one finding a line, like a linter's.
fn human_report(out: &mut impl Write, doc: &Document, report: &Report) -> io::Result<()> {
    let unit = match report.unit() {
        Unit::Paragraph => "paragraph",
        _ => "line",
    };
    // Later block occurrences, so that the units inside them are not listed again.
    let mut covered: Vec<(usize, usize)> = Vec::new();
    for block in report.blocks() {
        let occ = block.occurrences();
        let first = occ[0];
        for (k, later) in occ.iter().enumerate().skip(1) {
            covered.push((later.span().start, later.span().end));
            let copies = if occ.len() > 2 {
                format!(" (copy {} of {})", k + 1, occ.len())
            } else {
                String::new()
            };
            writeln!(
                out,
                "{}:{}: {} repeat {}: {} paragraphs, {} bytes{copies}",
                doc.name,
                later.line(),
                lines(later.line(), later.end_line()),
                lines(first.line(), first.end_line()),
                block.units(),
                later.span().len(),
            )?;
        }
    }
    for group in report.groups() {
        let occ = group.occurrences();
        let first = occ[0];
        for later in &occ[1..] {
            let s = later.span();
            if covered.iter().any(|&(a, b)| a <= s.start && s.end <= b) {
                continue;
            }
            let verb = if later.line() == later.end_line() {
                "repeats"
            } else {
                "repeat"
            };
            writeln!(
                out,
                "{}:{}: {} {verb} {}: {} bytes",
                doc.name,
                later.line(),
                lines(later.line(), later.end_line()),
                lines(first.line(), first.end_line()),
                s.len(),
            )?;
        }
    }
    let st = report.stats();
    writeln!(
        out,
        "{}: {} {unit}s, {} repeated, {} of {} bytes ({:.1}%) in repeats",
        doc.name,
        st.units,
        st.repeated_units,
        st.repeated_bytes,
        report.bytes(),
        100.0 * st.repeated_fraction,
    )
}

/// The JSON report (format version 1, described in the README).
fn json_report(finder: &Finder, docs: &[Document], reports: &[Report]) -> Value {
    let occurrence = |doc: usize, o: &dedupe::Occurrence| {
        json!({"doc": doc, "start": o.span().start, "end": o.span().end,
               "line": o.line(), "end_line": o.end_line(), "unit": o.unit()})
    };
    let mut groups = Vec::new();
    let mut blocks = Vec::new();
    let (mut units, mut repeated_units, mut repeated_bytes, mut bytes) = (0, 0, 0, 0);
    for (i, (doc, r)) in docs.iter().zip(reports).enumerate() {
        for g in r.groups() {
            let first = g.occurrences()[0];
            groups.push(json!({
                "kind": "exact",
                "normalized_bytes": finder.normalize(first.text(&doc.text)).len(),
                "occurrences": g.occurrences().iter().map(|o| occurrence(i, o)).collect::<Vec<_>>(),
            }));
        }
        for b in r.blocks() {
            blocks.push(json!({
                "units": b.units(),
                "occurrences": b.occurrences().iter().map(|o| occurrence(i, o)).collect::<Vec<_>>(),
            }));
        }
        let st = r.stats();
        units += st.units;
        repeated_units += st.repeated_units;
        repeated_bytes += st.repeated_bytes;
        bytes += r.bytes();
    }
    let documents: Vec<Value> = docs
        .iter()
        .zip(reports)
        .map(|(d, r)| {
            let unit = if r.unit() == Unit::Paragraph {
                "paragraph"
            } else {
                "line"
            };
            json!({"path": d.name, "bytes": r.bytes(), "units": r.units(), "unit": unit,
                   "repeated_units": r.stats().repeated_units, "repeated_bytes": r.stats().repeated_bytes})
        })
        .collect();
    let fraction = if bytes == 0 {
        0.0
    } else {
        repeated_bytes as f64 / bytes as f64
    };
    json!({
        "version": 1,
        "documents": documents,
        "groups": groups,
        "blocks": blocks,
        "stats": {"units": units, "repeated_units": repeated_units, "repeated_bytes": repeated_bytes,
                  "bytes": bytes, "repeated_fraction": fraction},
    })
}
