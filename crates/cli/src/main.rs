//! `dedupe`: finds repeated lines, paragraphs and blocks in text files and corpora, and
//! reports them.
//!
//! ```text
//! dedupe [OPTIONS] [PATH]...
//! ```
//!
//! With no PATH it reads stdin (and, when stdin is a terminal, prints its usage and exits
//! with 2); `-` reads stdin; a folder is walked as ripgrep walks one (`.gitignore` and
//! hidden files respected, links not followed without `-L`; sorted: see `input.rs`).
//! Files named `*.jsonl`, `*.jsonl.gz` or `*.jsonl.zst` hold one document a line (fields
//! `--text-field`, default `"text"`, and an optional `--id-field`, default `"id"`); every
//! other file is one document, decompressed when its first bytes say gzip or zstd, skipped
//! with a note when binary (a NUL in its first 64 KiB), searched byte for byte when not
//! valid UTF-8. Everything given in one run is one corpus.
//!
//! Exit codes, as grep's: 0 when a repeat was found, 1 when none was, 2 on an error (a
//! file that could not be read, warned about as the run went on; a bad JSONL line; a bad
//! option). A skipped binary file is no error, as for grep. A closed stdout ends the run
//! quietly, with 0.

mod input;
mod near;
mod output;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::{Parser, ValueEnum};
use dedupe::near::NearConfig;
use dedupe::{
    BloomFilter, CorpusIndex, CorpusRepeats, DocRepeats, Finder, FinderBuilder, InnerKind, Normalize, Report,
    Seen, SeenUnits, ShardPrint, Unit,
};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use input::{Doc, Inputs};
use near::CorpusNear;
use output::{Offsets, Output};

/// Find repeated lines, paragraphs and blocks in text, with byte spans and line numbers.
#[derive(Parser, Debug)]
#[command(
    name = "dedupe",
    version,
    after_help = "Exit status: 0 if anything was found (a group, block, stutter, repeated run or near \
                  duplicate), 1 if nothing was, 2 on error."
)]
pub struct Args {
    /// Files or folders to read ('-' for stdin). Default: stdin.
    #[arg(help_heading = "Input")]
    paths: Vec<PathBuf>,
    /// Print the report as one JSON object.
    #[arg(long, help_heading = "Output", conflicts_with_all = ["clean", "json_lines"])]
    json: bool,
    /// Print the report as JSON Lines, one record a line as it is found, each with a
    /// "type": document, group, block, stutter, run, near or summary.
    #[arg(long, help_heading = "Output", conflicts_with = "clean")]
    json_lines: bool,
    /// Also write the report as one self-contained HTML page to FILE: each document's text
    /// with its repeats highlighted.
    #[arg(long, value_name = "FILE", help_heading = "Output", conflicts_with = "clean")]
    html: Option<PathBuf>,
    /// Add the Gopher repetition statistics of each document to --json and --json-lines
    /// (they read every word n-gram: slower than the search itself).
    #[arg(long, help_heading = "Output")]
    stats: bool,
    /// Print the text with repeats removed corpus-wide (first occurrences kept, every other
    /// byte as it was); JSONL in gives JSONL out, with every field but "text" untouched.
    #[arg(long, help_heading = "Output")]
    clean: bool,
    /// Write per-document spans of repeats (what --clean cuts) to FILE in dolma's
    /// attributes layout: {"id", "attributes": {NAME: [[start, end, 1.0], ...]}}.
    #[arg(long, value_name = "FILE", help_heading = "Output")]
    attributes: Option<PathBuf>,
    /// The attribute name used with --attributes.
    #[arg(long, default_value = "dedupe_repeats", help_heading = "Output")]
    attribute_name: String,
    /// The unit of --attributes offsets: characters (Unicode scalar values, as Python and
    /// dolma count) or bytes.
    #[arg(long, value_enum, default_value_t = Offsets::Chars, help_heading = "Output")]
    attribute_offsets: Offsets,
    /// What the text is cut into.
    #[arg(long, value_enum, default_value_t = UnitArg::Auto, help_heading = "What to find")]
    unit: UnitArg,
    /// How units are normalized before they are compared.
    #[arg(long, help_heading = "What to find", value_enum, default_value_t = NormalizeArg::Unicode)]
    normalize: NormalizeArg,
    /// Units that differ only in case are equal.
    #[arg(long, short = 'i', help_heading = "What to find")]
    ignore_case: bool,
    /// Units with fewer characters than this (Unicode scalar values, after normalization;
    /// a CJK character counts one) are ignored.
    #[arg(long, default_value_t = 20, value_name = "CHARS", value_parser = at_least(1), help_heading = "What to find")]
    min_chars: usize,
    /// The minimum in bytes instead of characters: units shorter than this many bytes
    /// (after normalization) are ignored.
    #[arg(long, conflicts_with = "min_chars", value_name = "BYTES", value_parser = at_least(1), help_heading = "What to find")]
    min_bytes: Option<usize>,
    /// Also report runs of --min-run-words words or more that occur again anywhere in a
    /// document (slower: a suffix array over its words). Stutters, the short immediate
    /// repeats ("the the"), are reported without it, in text files and stdin.
    #[arg(
        long,
        alias = "spans",
        help_heading = "What to find",
        conflicts_with = "no_stutters"
    )]
    runs: bool,
    /// Do not look inside units at all: no stutters, no runs (the default for JSONL,
    /// where speed matters more).
    #[arg(long, alias = "no-spans", help_heading = "What to find")]
    no_stutters: bool,
    /// The fewest words a repeated run must have to be reported (with --runs).
    #[arg(
        long,
        alias = "min-span-words",
        default_value_t = 8,
        value_name = "N",
        value_parser = at_least(2),
        help_heading = "What to find"
    )]
    min_run_words: usize,
    /// Find near-duplicate units too: similar, not equal (word shingles, MinHash, LSH,
    /// verified Jaccard).
    #[arg(long, help_heading = "What to find")]
    near: bool,
    /// The least Jaccard similarity of near-duplicate units.
    #[arg(long, default_value_t = 0.8, value_name = "J", value_parser = fraction, help_heading = "What to find")]
    near_threshold: f64,
    /// Words per shingle for near duplicates.
    #[arg(long, default_value_t = 5, value_name = "K", value_parser = at_least(1), help_heading = "What to find")]
    shingle_words: usize,
    /// Worker threads (default: one per core). Results never depend on it.
    #[arg(long, value_name = "N", value_parser = at_least(1), help_heading = "Corpus scale")]
    threads: Option<usize>,
    /// Seed the unit fingerprints with a number of your own (a secret one for untrusted
    /// input). Reports do not change; saved indexes only merge with the same seed.
    #[arg(long, value_name = "N", help_heading = "Corpus scale")]
    hash_seed: Option<u64>,
    /// Fixed-memory mode for corpora larger than RAM: a Bloom filter sized for this many
    /// units marks units seen before; first occurrences are not located.
    #[arg(long, value_name = "UNITS", value_parser = clap::value_parser!(u64).range(1..), help_heading = "Corpus scale")]
    bloom: Option<u64>,
    /// The Bloom filter's false-positive rate at the size given with --bloom.
    #[arg(
        long,
        default_value_t = 1e-9,
        requires = "bloom",
        help_heading = "Corpus scale"
    )]
    bloom_rate: f64,
    /// Save the corpus index of these inputs to FILE (the first pass only), for a
    /// sharded run; report nothing.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["bloom", "use_index"], help_heading = "Corpus scale")]
    save_index: Option<PathBuf>,
    /// Use these saved indexes, merged in the order given, instead of indexing the inputs:
    /// the inputs must be the shard numbered --shard among them.
    #[arg(long, value_name = "FILE", num_args = 1.., requires = "shard", conflicts_with = "bloom", help_heading = "Corpus scale")]
    use_index: Vec<PathBuf>,
    /// Which of the --use-index shards (from 0) the inputs are.
    #[arg(long, help_heading = "Corpus scale")]
    shard: Option<usize>,
    /// No progress bar.
    #[arg(long, short = 'q', help_heading = "Output")]
    quiet: bool,
    /// Walk hidden files and folders too (names starting with '.').
    #[arg(long)]
    hidden: bool,
    /// Do not respect .gitignore, .ignore and the like when walking folders.
    #[arg(long)]
    no_ignore: bool,
    /// Follow symbolic links when walking folders (links named on the command line are
    /// always read).
    #[arg(long, short = 'L')]
    follow: bool,
    /// Walk only files matching GLOB ('!GLOB' leaves them out), as ripgrep's --glob;
    /// repeatable.
    #[arg(long, short = 'g', value_name = "GLOB")]
    glob: Vec<String>,
    /// Leave out files larger than this when walking folders: bytes, or with a K, M or G
    /// suffix (1024-based).
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    max_filesize: Option<u64>,
    /// The JSONL field holding a document's text.
    #[arg(long, default_value = "text", value_name = "FIELD")]
    text_field: String,
    /// The JSONL field holding a document's id (a document may have none: it is then
    /// named by file and line).
    #[arg(long, default_value = "id", value_name = "FIELD")]
    id_field: String,
    /// With --clean: write each input file's cleaned text to DIR/PATH (PATH the file's
    /// path made relative), not to stdout. Needed for several text files.
    #[arg(long, value_name = "DIR", requires = "clean", conflicts_with = "attributes")]
    output_dir: Option<PathBuf>,
    /// With --bloom: refuse (exit 2) once more units went in than the filter was sized
    /// for, instead of warning at the end.
    #[arg(long, requires = "bloom")]
    strict: bool,
}

/// A size: bytes, or with a K, M or G suffix (1024-based).
fn parse_size(s: &str) -> Result<u64, String> {
    let (digits, shift) = match s.as_bytes().last() {
        Some(b'k' | b'K') => (&s[..s.len() - 1], 10),
        Some(b'm' | b'M') => (&s[..s.len() - 1], 20),
        Some(b'g' | b'G') => (&s[..s.len() - 1], 30),
        _ => (s, 0),
    };
    let n: u64 = digits.parse().map_err(|_| format!("not a size: {s:?}"))?;
    n.checked_mul(1 << shift)
        .ok_or_else(|| format!("too large: {s:?}"))
}

/// A count of at least `min`, checked as the flag is read, so that the message names the
/// flag as it was typed (the library's names its own field).
fn at_least(min: u64) -> clap::builder::RangedU64ValueParser<usize> {
    clap::builder::RangedU64ValueParser::<usize>::new().range(min..)
}

/// A number in (0, 1].
fn fraction(s: &str) -> Result<f64, String> {
    let x: f64 = s.parse().map_err(|e| format!("{e}"))?;
    if x > 0.0 && x <= 1.0 {
        Ok(x)
    } else {
        Err(format!("{x} is not in (0, 1]"))
    }
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

fn main() -> ExitCode {
    let mut args = Args::parse();
    if args.paths.is_empty() {
        if io::stdin().is_terminal() {
            eprintln!("usage: dedupe [OPTIONS] PATH...  (or text on stdin; 'dedupe --help' for more)");
            return ExitCode::from(2);
        }
        args.paths.push(PathBuf::from("-"));
    }
    match run(&args) {
        // Something could not be read: an error at the end, as grep's.
        Ok(_) if input::unreadable() => ExitCode::from(2),
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        // A closed stdout (`dedupe x | head -1`) ends the run quietly: what was wanted
        // was written.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dedupe: {e}");
            ExitCode::from(2)
        }
    }
}

/// Whether an error is a write to a closed pipe: the errors are strings by then, so the
/// operating system's message is looked for (EPIPE is 32 on Linux and the BSDs).
fn is_broken_pipe(e: &str) -> bool {
    e.ends_with(&io::Error::from_raw_os_error(32).to_string())
}

/// Text indexed at once: enough to keep every core busy, little enough that a batch's
/// lines and decoded texts are still in cache when they are indexed (8 MB batches took
/// 10% more CPU time than 1 MB ones on the 1 GB corpus).
const BATCH_BYTES: usize = 1 << 20;

/// Runs the search; `Ok(true)` when any repeat was found.
fn run(args: &Args) -> Result<bool, String> {
    // One pool for everything. Finders with pools of their own, called from parallel
    // iterators on the global pool, wait across pools and steal more work while they
    // wait, nesting until the stack overflows (`--threads 1` on a JSONL corpus did).
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .map_err(|e| e.to_string())?;
    }
    // The finder of the corpus index; the reports' finders add near duplicates and spans.
    let mut base = FinderBuilder::new();
    base.unit(unit(args))
        .normalize(normalize(args))
        .fold_case(args.ignore_case)
        .min_chars(args.min_chars)
        .hash_seed(args.hash_seed.unwrap_or(Finder::DEFAULT_SEED));
    if let Some(bytes) = args.min_bytes {
        base.min_bytes(bytes);
    }
    let finder = base.build().map_err(|e| e.to_string())?;
    let near_config = args.near.then(|| {
        let mut near = NearConfig::default();
        near.threshold = args.near_threshold;
        near.minhash.k = args.shingle_words;
        near
    });
    let build = |near: Option<&NearConfig>| -> Result<[Finder; 3], String> {
        let mut plain = base.clone();
        if let Some(near) = near {
            plain.near_config(near.clone());
        }
        let mut stutters = plain.clone();
        stutters.stutters(true);
        let mut runs = stutters.clone();
        runs.runs(true).min_run_words(args.min_run_words);
        Ok([
            plain.build().map_err(|e| e.to_string())?,
            stutters.build().map_err(|e| e.to_string())?,
            runs.build().map_err(|e| e.to_string())?,
        ])
    };
    let [plain, stutters, runs] = build(near_config.as_ref())?;
    let mut finders = Finders {
        plain,
        stutters,
        runs,
        bare: near_config.as_ref().map(|_| build(None)).transpose()?,
        near_from_corpus: false,
        args,
    };

    let walk = input::Walk {
        hidden: args.hidden,
        no_ignore: args.no_ignore,
        follow: args.follow,
        globs: args.glob.clone(),
        max_filesize: args.max_filesize,
        threads: args.threads.unwrap_or(0),
    };
    let fields = input::Fields {
        text: args.text_field.clone(),
        id: args.id_field.clone(),
    };
    let inputs = Inputs::new(&args.paths, &walk, fields);
    let names: Vec<String> = inputs.names().to_vec();
    let total: u64 = inputs.size();
    if args.clean && args.output_dir.is_none() && inputs.sources.len() > 1 {
        let texts = inputs.sources.iter().filter(|s| !s.is_jsonl()).count();
        if texts > 0 {
            return Err(format!(
                "--clean on {} inputs ({texts} of them text files) would run their texts together: give --output-dir DIR to write one cleaned file each",
                inputs.sources.len()
            ));
        }
    }
    let mut cleaned = args.output_dir.as_deref().map(Cleaned::new);

    let attributes = match &args.attributes {
        Some(p) => Some(io::BufWriter::new(
            std::fs::File::create(p).map_err(|e| format!("{}: {e}", p.display()))?,
        )),
        None => None,
    };
    let stdout = io::stdout();
    let mut out = Output::new(
        args,
        names,
        // Large writes: --clean writes about as much as it reads.
        io::BufWriter::with_capacity(1 << 20, stdout.lock()),
        attributes,
    )?;

    // One pass where only the cuts are wanted: --bloom, and --clean (each unit seen before
    // is cut, which the exact set of units seen tells as the two passes would; the index is
    // for the report, and for shards, whose other shards' units were seen elsewhere).
    let exact_clean = args.clean && args.use_index.is_empty() && args.save_index.is_none();
    if args.bloom.is_some() || exact_clean {
        let mut seen = match args.bloom {
            Some(expected) => {
                OnePass::Bloom(BloomFilter::new(expected, args.bloom_rate).map_err(|e| e.to_string())?)
            }
            None => OnePass::Exact(SeenUnits::new()),
        };
        let overfull = |seen: &OnePass| {
            match seen {
            OnePass::Bloom(bloom) if bloom.is_overfull() => Some(format!(
                "--bloom {}: {} units went in, more than the filter was sized for, so its false-positive rate is now about {:.2e}, not the {:e} asked for (--bloom-rate): units seen for the first time are cut as repeats at that rate; size it for the corpus's units, or give --strict to refuse",
                bloom.expected(),
                bloom.inserted(),
                bloom.false_positive_rate(),
                args.bloom_rate
            )),
            _ => None,
        }
        };
        let progress = Progress::new(args.quiet, total, "reading");
        let mut show = |docs: &[Doc], found: Found| emit_all(&mut out, &mut cleaned, docs, found);
        in_batches_then(&inputs, &progress, &|_| true, &mut show, |docs| {
            let texts: Vec<&str> = docs.iter().map(|d| d.text).collect();
            let found = finder.find_seen(&mut seen, &texts);
            match overfull(&seen) {
                Some(warning) if args.strict => return Err(format!("{warning} (refused: --strict)")),
                _ => {}
            }
            let reports: Vec<Option<Report>> = if args.clean {
                vec![None; docs.len()]
            } else {
                finders.reports(docs).into_iter().map(Some).collect()
            };
            Ok(reports.into_iter().zip(found).collect())
        })?;
        if let Some(warning) = overfull(&seen) {
            eprintln!("dedupe: warning: {warning}");
        }
        return out.finish(None, &[], &[]);
    }

    // One text file (or stdin) is a corpus of its own: what repeats across it is what its
    // report finds, so it is read and searched once, with no index. (Near duplicates
    // across documents look within it too: those keep the two passes.)
    if inputs.sources.len() == 1
        && !inputs.sources[0].is_jsonl()
        && !args.near
        && args.use_index.is_empty()
        && args.save_index.is_none()
    {
        let nothing_across = CorpusIndex::new(&finder).resolve();
        out.corpus(&nothing_across);
        let progress = Progress::new(args.quiet, total, "reading");
        let mut show = |docs: &[Doc], found: Found| emit_all(&mut out, &mut cleaned, docs, found);
        in_batches_then(&inputs, &progress, &|_| true, &mut show, |docs| {
            Ok(finders
                .reports(docs)
                .into_iter()
                .map(|mut report| {
                    let found = DocRepeats::alone(&report);
                    found.trim_runs(&mut report);
                    (Some(report), found)
                })
                .collect())
        })?;
        return out.finish(Some(&nothing_across), &[], &[]);
    }

    // Pass one: index every document (or load the shards' indexes). With --near, the
    // near-duplicate documents of these inputs too (not across shards).
    let mut index = CorpusIndex::new(&finder);
    let mut corpus_near: Option<CorpusNear> = near_config
        .as_ref()
        .map(|c| CorpusNear::new(&finder, c))
        .transpose()?;
    // Pass one sketches every unit for the search across documents; the near duplicates
    // within each document come from those sketches, not from its report's finder.
    finders.near_from_corpus = corpus_near.is_some() && args.use_index.is_empty();
    let mut kept = Kept::default();
    let mut offset = 0usize;
    if args.use_index.is_empty() {
        let mut print = ShardPrint::new();
        let progress = Progress::new(args.quiet, total, "indexing");
        in_batches(&inputs, &progress, &|_| true, |docs| {
            add_to_print(&mut print, docs);
            index_batch(docs, &mut index, &mut corpus_near, &mut kept, &finders);
            Ok(())
        })?;
        index.set_shard(print).map_err(|e| e.to_string())?;
    } else {
        let shard = args.shard.unwrap_or(0);
        if shard >= args.use_index.len() {
            return Err(format!(
                "--shard {shard} is not one of the {} indexes given",
                args.use_index.len()
            ));
        }
        // The inputs' print, to check that they are the shard's own: read once more, no
        // normalizing (cheap next to indexing them).
        let mut print = ShardPrint::new();
        let progress = Progress::new(args.quiet, total, "checking");
        in_batches(&inputs, &progress, &|_| true, |docs| {
            add_to_print(&mut print, docs);
            Ok(())
        })?;
        for (k, p) in args.use_index.iter().enumerate() {
            let file = std::fs::File::open(p).map_err(|e| format!("{}: {e}", p.display()))?;
            let part = CorpusIndex::load(&finder, io::BufReader::new(file))
                .map_err(|e| format!("{}: {e}", p.display()))?;
            if k == shard && part.shard() != print {
                return Err(format!(
                    "--shard {shard}: the index {} is of another input ({}) than the one given ({print}); give the inputs the index was saved from",
                    p.display(),
                    part.shard()
                ));
            }
            if k < shard {
                offset += part.documents();
            }
            index.merge(part).map_err(|e| format!("{}: {e}", p.display()))?;
        }
    }
    if let Some(path) = &args.save_index {
        let file = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
        index
            .save(io::BufWriter::new(file))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        eprintln!(
            "dedupe: saved an index of {} documents, {} units to {}",
            index.documents(),
            index.units(),
            path.display()
        );
        return Ok(index.units() > 0);
    }

    // Pass two: locate what repeats, document by document, and report.
    let repeats = index.resolve();
    if let Some(near) = corpus_near.as_mut() {
        near.between(&repeats, offset, &index);
    }
    drop(index);
    out.corpus(&repeats);
    let progress = Progress::new(args.quiet, total, "reporting");
    let wanted = Wanted::new(args, &repeats, &kept, offset);
    // A document that duplicates an earlier one repeats that one's runs: not its own.
    let later_duplicates = if args.runs {
        repeats.later_duplicates()
    } else {
        Vec::new()
    };
    let mut number = offset;
    // Each batch in two steps: searched, then (a file that is not valid UTF-8 now the
    // text to show, in place of its escaped string) written out.
    let mut show = |docs: &[Doc], found: Found| emit_all(&mut out, &mut cleaned, docs, found);
    in_batches_then(&inputs, &progress, &|d| wanted.wanted(d), &mut show, |docs| {
        // --clean needs no within-document reports: the corpus-wide cuts hold them.
        let mut reports = if args.clean {
            vec![None; docs.len()]
        } else {
            finders
                .reports_kept(docs, &mut kept)
                .into_iter()
                .map(Some)
                .collect()
        };
        if let Some(near) = corpus_near.as_mut() {
            near.second(docs, &mut reports, finders.near_from_corpus);
        }
        let mut searched = Vec::with_capacity(docs.len());
        for (doc, mut report) in docs.iter().zip(reports) {
            if later_duplicates.binary_search(&number).is_ok() {
                if let Some(r) = report.as_mut() {
                    r.retain_inner(|r| r.kind() != InnerKind::Repeat);
                }
            }
            let found = repeats.locate(number, doc.text).map_err(|e| e.to_string())?;
            if let Some(r) = report.as_mut() {
                found.trim_runs(r);
            }
            searched.push((report, found));
            number += 1;
        }
        Ok(searched)
    })?;
    if let Some(c) = cleaned.as_mut() {
        c.finish()?;
    }
    let (near_docs, near_units) = corpus_near.map(CorpusNear::finish).unwrap_or_default();
    out.finish(Some(&repeats), &near_docs, &near_units)
}

/// What the one-pass modes check each unit against.
enum OnePass {
    Bloom(BloomFilter),
    Exact(SeenUnits),
}

impl Seen for OnePass {
    fn check_and_insert(&mut self, fingerprint: u128) -> bool {
        match self {
            OnePass::Bloom(b) => b.check_and_insert(fingerprint),
            OnePass::Exact(s) => s.check_and_insert(fingerprint),
        }
    }
}

/// Adds a batch's documents to a shard's print: their lengths and, for JSONL, their ids.
fn add_to_print(print: &mut ShardPrint, docs: &[Doc]) {
    for d in docs {
        print.add(d.text);
        if let Some(id) = d.id {
            print.add_id(id.as_bytes());
        }
    }
}

/// What a batch's search gives each of its documents: its report (none with --clean)
/// and its part in the corpus-wide results.
type Found = Vec<(Option<Report>, DocRepeats)>;

/// [`emit`] for every document of a batch, in order.
fn emit_all(
    out: &mut Output,
    cleaned: &mut Option<Cleaned>,
    docs: &[Doc],
    found: Found,
) -> Result<(), String> {
    for (doc, (report, found)) in docs.iter().zip(found) {
        emit(out, cleaned, doc, report, found)?;
    }
    Ok(())
}

/// Hands one document and its results to the output, with offsets into the file's bytes
/// (see [`Doc::restored`]); with --output-dir, its cleaned text goes to a file of its own.
fn emit(
    out: &mut Output,
    cleaned: &mut Option<Cleaned>,
    doc: &Doc,
    mut report: Option<Report>,
    mut found: DocRepeats,
) -> Result<(), String> {
    let shown = doc.restored(&mut report, &mut found);
    match cleaned {
        Some(c) => c.document(&shown, &found),
        None => out.document(&shown, report, &found),
    }
}

/// `--clean --output-dir DIR`: each input's cleaned text in a file of its own, at
/// `DIR/PATH`, PATH the input's path made relative (a leading `/`, `.` and `..` dropped;
/// stdin is `DIR/stdin`). The text is written uncompressed: a `.gz` or `.zst` ending is
/// dropped from the name.
struct Cleaned {
    dir: PathBuf,
    /// The source being written, and its file.
    file: Option<(usize, io::BufWriter<std::fs::File>, PathBuf)>,
    scratch: Vec<u8>,
}

impl Cleaned {
    fn new(dir: &std::path::Path) -> Cleaned {
        Cleaned {
            dir: dir.to_owned(),
            file: None,
            scratch: Vec::new(),
        }
    }

    /// Where the cleaned text of the input named `name` goes.
    fn path_of(&self, name: &str) -> PathBuf {
        use std::path::Component;
        let relative: PathBuf = std::path::Path::new(name)
            .components()
            .filter_map(|c| match c {
                Component::Normal(part) => Some(part),
                _ => None,
            })
            .collect();
        if name == "-" || relative.as_os_str().is_empty() {
            return self.dir.join("stdin");
        }
        let mut path = self.dir.join(relative);
        if path.extension().is_some_and(|e| e == "gz" || e == "zst") {
            path.set_extension("");
        }
        path
    }

    fn document(&mut self, doc: &Doc, found: &DocRepeats) -> Result<(), String> {
        if !matches!(self.file, Some((k, ..)) if k == doc.source) {
            self.finish()?;
            let path = self.path_of(doc.path);
            let err = |e: io::Error| format!("{}: {e}", path.display());
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(err)?;
            }
            let file = std::fs::File::create(&path).map_err(err)?;
            self.file = Some((doc.source, io::BufWriter::with_capacity(1 << 20, file), path));
        }
        let (_, w, path) = self.file.as_mut().expect("opened above");
        let err = |e: io::Error| format!("{}: {e}", path.display());
        match &doc.jsonl {
            Some(line) => {
                self.scratch.clear();
                if found.removals().is_empty() {
                    self.scratch.extend_from_slice(line.raw());
                } else {
                    line.write_cut(found.removals(), &mut self.scratch);
                }
                self.scratch.push(b'\n');
                w.write_all(&self.scratch).map_err(err)
            }
            None => {
                let kept = found.repair_bytes(&doc.bytes()).map_err(|e| e.to_string())?;
                w.write_all(&kept).map_err(err)
            }
        }
    }

    /// Flushes the file being written.
    fn finish(&mut self) -> Result<(), String> {
        if let Some((_, mut w, path)) = self.file.take() {
            w.flush().map_err(|e| format!("{}: {e}", path.display()))?;
        }
        Ok(())
    }
}

fn unit(args: &Args) -> Unit {
    match args.unit {
        UnitArg::Auto => Unit::Auto,
        UnitArg::Line => Unit::Line,
        UnitArg::Paragraph => Unit::Paragraph,
    }
}

fn normalize(args: &Args) -> Normalize {
    match args.normalize {
        NormalizeArg::Exact => Normalize::Exact,
        NormalizeArg::Whitespace => Normalize::Whitespace,
        NormalizeArg::Unicode => Normalize::Unicode,
    }
}

/// The finders for documents with and without the look inside units.
struct Finders<'a> {
    plain: Finder,
    /// Stutters too: the default for text files and stdin.
    stutters: Finder,
    /// Stutters and repeated runs (--runs).
    runs: Finder,
    /// With --near, the same three without near duplicates.
    bare: Option<[Finder; 3]>,
    /// Whether the reports' near duplicates come from the corpus-wide search of units
    /// ([`CorpusNear::second`]): the reports are made by the finders without them.
    near_from_corpus: bool,
    args: &'a Args,
}

impl Finders<'_> {
    /// The finder for `doc`: by flag, else with stutters for all but JSONL.
    fn for_doc(&self, doc: &Doc) -> &Finder {
        let [plain, stutters, runs] = match &self.bare {
            Some([plain, stutters, runs]) if self.near_from_corpus => [plain, stutters, runs],
            _ => [&self.plain, &self.stutters, &self.runs],
        };
        if self.args.runs {
            runs
        } else if self.inner_for(doc) {
            stutters
        } else {
            plain
        }
    }

    /// Whether `doc` gets a look inside units.
    fn inner_for(&self, doc: &Doc) -> bool {
        self.args.runs || (!self.args.no_stutters && doc.line.is_none())
    }

    /// Whether `doc`'s report is the corpus index's own (no look inside, no near duplicates).
    fn same_as_index(&self, doc: &Doc) -> bool {
        !self.inner_for(doc) && !self.args.near
    }

    /// Within-document reports of a batch, in parallel, in order: those kept from pass
    /// one, the others made now.
    fn reports_kept(&self, docs: &[Doc], kept: &mut Kept) -> Vec<Report> {
        use rayon::prelude::*;
        let from_pass_one: Vec<Option<Report>> =
            docs.iter().map(|_| kept.reports.pop_front().flatten()).collect();
        docs.par_iter()
            .zip(from_pass_one)
            .map(|(d, r)| {
                r.unwrap_or_else(|| {
                    // Documents are passed over unread only when their report was kept.
                    assert!(!d.unread, "no report kept for a document passed over");
                    self.for_doc(d).find(d.text)
                })
            })
            .collect()
    }

    /// Within-document reports of a batch, in parallel, in order, all made now.
    fn reports(&self, docs: &[Doc]) -> Vec<Report> {
        self.reports_kept(docs, &mut Kept::default())
    }
}

/// Reads every document with a progress bar, and hands them to `each` in batches of
/// about [`BATCH_BYTES`], in order; a JSONL document whose number `wanted` refuses is
/// passed over unread.
fn in_batches(
    inputs: &Inputs,
    progress: &Progress,
    wanted: &(dyn Fn(usize) -> bool + Sync),
    mut each: impl FnMut(&[Doc]) -> Result<(), String>,
) -> Result<(), String> {
    inputs.for_each_batch(&progress.read, &progress.ticker(), BATCH_BYTES, wanted, |docs| {
        progress.tick(docs.len() as u64);
        each(docs)
    })?;
    progress.finish();
    Ok(())
}

/// As [`in_batches`], each batch searched by `each` and then shown by `show` (see
/// [`Inputs::for_each_batch_then`]).
fn in_batches_then<T>(
    inputs: &Inputs,
    progress: &Progress,
    wanted: &(dyn Fn(usize) -> bool + Sync),
    show: input::Show<'_, T>,
    mut each: impl FnMut(&[Doc]) -> Result<T, String>,
) -> Result<(), String> {
    inputs.for_each_batch_then(
        &progress.read,
        &progress.ticker(),
        BATCH_BYTES,
        wanted,
        |docs| {
            progress.tick(docs.len() as u64);
            each(docs)
        },
        Some(show),
    )?;
    progress.finish();
    Ok(())
}

/// Pass one for a batch. The reports it makes (with the documents' own finder, from the
/// fingerprints the index computes) come back in pass two instead of being made again,
/// as long as they fit in [`KEPT_BYTES`].
fn index_batch(
    docs: &[Doc],
    index: &mut CorpusIndex,
    near: &mut Option<CorpusNear>,
    kept: &mut Kept,
    finders: &Finders,
) {
    let first = index.documents();
    let texts: Vec<&str> = docs.iter().map(|d| d.text).collect();
    // Reports are made here only to be kept for pass two: not for --clean (which needs
    // none), nor --save-index (which has no pass two), nor once the budget is spent.
    let args = finders.args;
    // The batch's report finder, when every document of it wants the same one (a text
    // file, or JSONL documents): its reports come from the fingerprints pass one makes.
    let report_finder = docs
        .first()
        .map(|d| finders.for_doc(d))
        .filter(|f| docs.iter().all(|d| std::ptr::eq(finders.for_doc(d), *f)));
    let wanted = !args.clean
        && args.save_index.is_none()
        && kept.bytes < KEPT_BYTES
        && (report_finder.is_some() || docs.iter().any(|d| finders.same_as_index(d)));
    if !wanted {
        index.index(&texts);
        kept.reports.extend(docs.iter().map(|_| None));
    } else {
        let (reports, made_by_own) = match report_finder.map(|f| index.add_with(&texts, f)) {
            Some(Ok(reports)) => (reports, true),
            // Another finder's keys (not the case today): the index's reports, kept for
            // the documents they are the reports of.
            _ => (index.add(&texts), false),
        };
        for (doc, report) in docs.iter().zip(reports) {
            let size = report_size(&report);
            let keep = (made_by_own || finders.same_as_index(doc)) && kept.bytes + size <= KEPT_BYTES;
            kept.bytes += if keep { size } else { 0 };
            kept.reports.push_back(keep.then_some(report));
        }
    }
    if let Some(near) = near {
        near.first(docs, first, index);
    }
}

/// Which documents pass two must read. Not those that nothing would come of: with
/// `--clean` or the human report (no JSON, near duplicates or attributes), a document
/// that takes no part in the corpus-wide results and (for the report) whose kept report
/// found nothing within it is written back as it came, or passed over, unread.
struct Wanted<'a> {
    repeats: &'a CorpusRepeats,
    offset: usize,
    /// Whether the documents may be passed over at all.
    any: bool,
    clean: bool,
    /// For the human report: documents (from 0) whose kept report found nothing.
    quiet: Vec<bool>,
}

impl<'a> Wanted<'a> {
    fn new(args: &Args, repeats: &'a CorpusRepeats, kept: &Kept, offset: usize) -> Self {
        let quiet = kept
            .reports
            .iter()
            .map(|r| r.as_ref().is_some_and(|r| !r.has_repeats()))
            .collect();
        Wanted {
            repeats,
            offset,
            any: !(args.json
                || args.json_lines
                || args.html.is_some()
                || args.near
                || args.attributes.is_some()),
            clean: args.clean,
            quiet,
        }
    }

    /// Whether document `d` of these inputs (numbered from 0) must be read.
    fn wanted(&self, d: usize) -> bool {
        !self.any
            || self.repeats.involves(self.offset + d)
            || !self.clean && !self.quiet.get(d).copied().unwrap_or(false)
    }
}

/// Pass one's reports kept for pass two, in document order (`None`: make it again).
#[derive(Default)]
struct Kept {
    reports: std::collections::VecDeque<Option<Report>>,
    bytes: usize,
}

/// At most this much memory goes to reports kept between the passes; past it, reports
/// are made again in pass two, so memory stays bounded on any corpus.
const KEPT_BYTES: usize = 256 << 20;

/// About what a report takes in memory.
fn report_size(r: &Report) -> usize {
    let occurrences: usize = r.groups().iter().map(|g| g.occurrences().len()).sum::<usize>()
        + r.blocks().iter().map(|b| b.occurrences().len()).sum::<usize>();
    std::mem::size_of::<Report>()
        + 48 * occurrences
        + 24 * (r.groups().len() + r.blocks().len() + r.removals().len())
}

/// A progress bar on stderr: bytes read from disk, rate and time left; shown only on a
/// terminal, without --quiet, and once a pass has run for a second.
struct Progress {
    bar: Option<ProgressBar>,
    read: Arc<AtomicU64>,
    started: Instant,
    docs: AtomicU64,
}

impl Progress {
    fn new(quiet: bool, total: u64, what: &str) -> Self {
        let bar = (!quiet && io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} {prefix} [{bar:30}] {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} {elapsed} ETA {eta} {msg}",
                )
                .expect("a valid template")
                .progress_chars("=> "),
            );
            bar.set_prefix(what.to_owned());
            // Shown after a second even if nothing is read meanwhile (one large
            // document being searched), and redrawn from then on, so that the elapsed
            // time moves.
            let later = bar.clone();
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_secs(1));
                if !later.is_finished() {
                    later.set_draw_target(ProgressDrawTarget::stderr());
                    later.enable_steady_tick(Duration::from_millis(250));
                }
            });
            bar
        });
        Progress {
            bar,
            read: Arc::new(AtomicU64::new(0)),
            started: Instant::now(),
            docs: AtomicU64::new(0),
        }
    }

    /// What the reader tells of the bytes read, as they are read: the bar moves inside a
    /// large file too (shown once the pass has run for a second).
    fn ticker(&self) -> input::Tick {
        let bar = self.bar.clone();
        let started = self.started;
        Arc::new(move |read| {
            if let Some(bar) = &bar {
                if bar.is_hidden() && started.elapsed() > Duration::from_secs(1) {
                    bar.set_draw_target(ProgressDrawTarget::stderr());
                }
                bar.set_position(read);
            }
        })
    }

    /// `n` more documents read.
    fn tick(&self, n: u64) {
        let docs = self.docs.fetch_add(n, Ordering::Relaxed) + n;
        if let Some(bar) = &self.bar {
            if bar.is_hidden() && self.started.elapsed() > Duration::from_secs(1) {
                bar.set_draw_target(ProgressDrawTarget::stderr());
            }
            bar.set_position(self.read.load(Ordering::Relaxed));
            bar.set_message(format!("{docs} documents"));
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        let _ = io::stderr().flush();
    }
}
