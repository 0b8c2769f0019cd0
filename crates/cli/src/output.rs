//! Outputs: the report a person reads, JSON, the cleaned text, and dolma attributes.

use std::collections::{HashMap, HashSet};
use std::io::{BufWriter, StdoutLock, Write};

use clap::ValueEnum;
use dedupe::near::NearGroup;

use crate::near::UnitGroup;
use dedupe::{CorpusRepeats, DocRepeats, GopherThresholds, InnerKind, NearPair, Occurrence, Report, Unit};
use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::input::Doc;
use crate::Args;

/// The unit of attribute offsets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Offsets {
    /// Unicode scalar values, as Python's str indexes them (dolma's unit).
    Chars,
    /// Bytes of the UTF-8 text.
    Bytes,
}

/// Where a first occurrence was seen: document name and lines.
#[derive(Clone)]
struct Seen {
    doc: usize,
    name: String,
    line: usize,
    end_line: usize,
}

/// Everything written, as documents stream through.
pub struct Output<'a> {
    args: &'a Args,
    names: Vec<String>,
    out: BufWriter<StdoutLock<'static>>,
    attributes: Option<BufWriter<std::fs::File>>,
    docs: usize,
    found: bool,
    // For the human report and JSON.
    first_group: Vec<Option<Seen>>,
    first_block: Vec<Option<Seen>>,
    duplicate_of: HashMap<usize, usize>,
    duplicate_firsts: HashSet<usize>,
    duplicate_names: HashMap<usize, String>,
    /// With --json: the report so far.
    json: Option<Json>,
    /// With --near: every document's name, for the near-duplicate documents.
    doc_names: Vec<String>,
    /// The number of groups across documents, and of units in each block across them.
    corpus_groups: usize,
    corpus_blocks: Vec<usize>,
    totals: Totals,
    /// A line being written by --clean.
    scratch: Vec<u8>,
}

#[derive(Default)]
struct Totals {
    bytes: usize,
    units: usize,
    repeated_units: usize,
    repeated_bytes: usize,
    cut_bytes: usize,
}

impl<'a> Output<'a> {
    pub fn new(
        args: &'a Args,
        names: Vec<String>,
        out: BufWriter<StdoutLock<'static>>,
        attributes: Option<BufWriter<std::fs::File>>,
    ) -> Result<Self, String> {
        let json = if args.json && !args.clean {
            Some(Json::new().map_err(|e| format!("a temporary file for the JSON report: {e}"))?)
        } else {
            None
        };
        Ok(Output {
            args,
            names,
            out,
            attributes,
            docs: 0,
            found: false,
            first_group: Vec::new(),
            first_block: Vec::new(),
            duplicate_of: HashMap::new(),
            duplicate_firsts: HashSet::new(),
            duplicate_names: HashMap::new(),
            json,
            doc_names: Vec::new(),
            corpus_groups: 0,
            corpus_blocks: Vec::new(),
            totals: Totals::default(),
            scratch: Vec::new(),
        })
    }

    /// Prepares for the corpus-wide results, before the first document.
    pub fn corpus(&mut self, repeats: &CorpusRepeats) {
        self.first_group = vec![None; repeats.groups().len()];
        self.first_block = vec![None; repeats.blocks().len()];
        self.corpus_groups = repeats.groups().len();
        self.corpus_blocks = repeats.blocks().iter().map(|b| b.units()).collect();
        for set in repeats.duplicate_documents() {
            self.duplicate_firsts.insert(set[0]);
            for &d in &set[1..] {
                self.duplicate_of.insert(d, set[0]);
            }
        }
    }

    fn doc_name(&self, doc: &Doc) -> String {
        doc.name()
    }

    /// One document, in corpus order: its own report and its part in the corpus results.
    pub fn document(
        &mut self,
        doc: &Doc,
        spans: bool,
        report: Option<Report>,
        found: &DocRepeats,
    ) -> Result<(), String> {
        let number = self.docs;
        self.docs += 1;
        let name = self.doc_name(doc);
        if self.args.near {
            self.doc_names.push(name.clone());
        }
        let cut: usize = found.removals().iter().map(|s| s.len()).sum();
        self.found |= report.as_ref().is_some_and(Report::has_repeats) || !found.removals().is_empty();
        if let Some(report) = &report {
            let st = report.stats();
            self.totals.bytes += report.bytes();
            self.totals.units += st.units();
            self.totals.repeated_units += st.repeated_units();
            self.totals.repeated_bytes += st.repeated_bytes();
        }
        self.totals.cut_bytes += cut;
        let write_err = |e: std::io::Error| format!("<stdout>: {e}");

        if let Some(attrs) = &mut self.attributes {
            // Characters are counted on from the previous span (the spans are in order),
            // not from the start of the text each time: linear in the text, not in
            // text times spans.
            let (mut bytes, mut chars) = (0, 0);
            let mut chars_at = |at: usize| {
                chars += doc.text[bytes..at].chars().count();
                bytes = at;
                chars
            };
            let spans: Vec<Value> = found
                .removals()
                .iter()
                .map(|s| {
                    let (start, end) = match self.args.attribute_offsets {
                        Offsets::Bytes => (s.start, s.end),
                        Offsets::Chars => (chars_at(s.start), chars_at(s.end)),
                    };
                    json!([start, end, 1.0])
                })
                .collect();
            let id = doc.id_value().unwrap_or_else(|| Value::String(name.clone()));
            let mut attributes = Map::new();
            attributes.insert(self.args.attribute_name.clone(), Value::Array(spans));
            let line = json!({"id": id, "attributes": attributes});
            serde_json::to_writer(&mut *attrs, &line).map_err(|e| format!("attributes: {e}"))?;
            attrs.write_all(b"\n").map_err(|e| format!("attributes: {e}"))?;
        }

        if self.args.clean {
            return self.clean_document(doc, found).map_err(write_err);
        }
        let report = report.expect("a report for every document but with --clean");
        if self.json.is_some() {
            return self
                .json_document(number, doc, &name, spans, report, found)
                .map_err(|e| format!("the JSON report: {e}"));
        }
        let single = self.names.len() == 1 && doc.line.is_none();
        self.human_document(number, &name, doc.text, single, &report, found)
            .map_err(write_err)
    }

    /// Writes `doc` with what repeats cut: a JSONL line as it came, but for the parts of its
    /// "text" literal that are cut.
    fn clean_document(&mut self, doc: &Doc, found: &DocRepeats) -> std::io::Result<()> {
        let cuts = found.removals();
        match &doc.jsonl {
            Some(line) => {
                if cuts.is_empty() {
                    self.out.write_all(line.raw())?;
                } else {
                    let buf = &mut self.scratch;
                    buf.clear();
                    line.write_cut(cuts, buf);
                    self.out.write_all(buf)?;
                }
                self.out.write_all(b"\n")
            }
            None => {
                let ends = cuts.iter().map(|c| c.start).chain([doc.text.len()]);
                let starts = [0].into_iter().chain(cuts.iter().map(|c| c.end));
                for (start, end) in starts.zip(ends) {
                    self.out.write_all(&doc.bytes()[start..end])?;
                }
                Ok(())
            }
        }
    }

    fn human_document(
        &mut self,
        number: usize,
        name: &str,
        text: &str,
        single: bool,
        report: &Report,
        found: &DocRepeats,
    ) -> std::io::Result<()> {
        let out = &mut self.out;
        let mut covered = Covered::default();
        let mut lines_written = 0;
        for block in report.blocks() {
            let occ = block.occurrences();
            for (k, later) in occ.iter().enumerate().skip(1) {
                covered.push(later);
                let copies = if occ.len() > 2 {
                    format!(" (copy {} of {})", k + 1, occ.len())
                } else {
                    String::new()
                };
                writeln!(
                    out,
                    "{name}:{}: {} repeat {}: {} paragraphs, {} bytes{copies}",
                    later.line(),
                    lines(later.line(), later.end_line()),
                    lines(occ[0].line(), occ[0].end_line()),
                    block.units(),
                    later.span().len(),
                )?;
                lines_written += 1;
            }
        }
        for group in report.groups() {
            let occ = group.occurrences();
            for later in &occ[1..] {
                if covered.inside(later) {
                    continue;
                }
                writeln!(
                    out,
                    "{name}:{}: {} {} {}: {} bytes",
                    later.line(),
                    lines(later.line(), later.end_line()),
                    verb(later),
                    lines(occ[0].line(), occ[0].end_line()),
                    later.span().len(),
                )?;
                lines_written += 1;
            }
        }
        for near in report.near() {
            let occ = near.occurrences();
            for p in near.pairs() {
                let (a, b, j) = (p.a(), p.b(), p.jaccard());
                let (first, later) = (occ[a], occ[b]);
                writeln!(
                    out,
                    "{name}:{}: {} {} {:.0}% similar to {}",
                    later.line(),
                    lines(later.line(), later.end_line()),
                    if later.line() == later.end_line() {
                        "is"
                    } else {
                        "are"
                    },
                    100.0 * j,
                    lines(first.line(), first.end_line()),
                )?;
                lines_written += 1;
            }
        }
        for span in report.inner() {
            let occ = span.occurrences();
            match span.kind() {
                InnerKind::Stutter => {
                    let copy = span.first_copy().map_or("", |c| &text[c.start..c.end]);
                    let times = if span.copies() > 2 {
                        format!(" {} times", span.copies())
                    } else {
                        String::new()
                    };
                    let inside = if span.in_covered() {
                        " (inside a repeat above)"
                    } else {
                        ""
                    };
                    writeln!(
                        out,
                        "{name}:{}: '{}' repeated{times}{inside}",
                        occ[0].line(),
                        copy.trim_end()
                    )?;
                    lines_written += 1;
                }
                _ => {
                    for later in &occ[1..] {
                        writeln!(
                            out,
                            "{name}:{}: {} words repeat {}: '{}'",
                            later.line(),
                            span.tokens(),
                            lines(occ[0].line(), occ[0].end_line()),
                            preview(later.text(text)),
                        )?;
                        lines_written += 1;
                    }
                }
            }
        }
        // Across documents: later occurrences only, and none already said above.
        for m in found.blocks() {
            let (b, occ) = (m.of(), m.occurrence());
            match &self.first_block[b] {
                None => self.first_block[b] = Some(seen(number, name, &occ)),
                Some(first) if first.doc != number && !covered.inside(&occ) => {
                    covered.push(&occ);
                    writeln!(
                        out,
                        "{name}:{}: {} repeat {} of {}: {} paragraphs, {} bytes",
                        occ.line(),
                        lines(occ.line(), occ.end_line()),
                        lines(first.line, first.end_line),
                        first.name,
                        self.corpus_blocks[b],
                        occ.span().len(),
                    )?;
                    lines_written += 1;
                }
                Some(_) => {}
            }
        }
        for m in found.groups() {
            let (g, occ) = (m.of(), m.occurrence());
            match &self.first_group[g] {
                None => self.first_group[g] = Some(seen(number, name, &occ)),
                Some(first) if first.doc != number && !covered.inside(&occ) => {
                    writeln!(
                        out,
                        "{name}:{}: {} {} {} of {}: {} bytes",
                        occ.line(),
                        lines(occ.line(), occ.end_line()),
                        verb(&occ),
                        lines(first.line, first.end_line),
                        first.name,
                        occ.span().len(),
                    )?;
                    lines_written += 1;
                }
                Some(_) => {}
            }
        }
        if let Some(first) = self.duplicate_of.get(&number) {
            let first = self
                .duplicate_names
                .get(first)
                .map_or("an earlier document", String::as_str);
            writeln!(out, "{name}: the same text as {first}")?;
            lines_written += 1;
        }
        if self.duplicate_firsts.contains(&number) {
            self.duplicate_names.insert(number, name.to_owned());
        }
        // One summary line a document, except in a corpus where it found nothing.
        if lines_written > 0 || single {
            let st = report.stats();
            let unit = if report.unit() == Unit::Paragraph {
                "paragraph"
            } else {
                "line"
            };
            writeln!(
                out,
                "{name}: {} {unit}s, {} repeated, {} of {} bytes ({:.1}%) in repeats",
                st.units(),
                st.repeated_units(),
                st.repeated_bytes(),
                report.bytes(),
                100.0 * st.repeated_fraction(),
            )?;
        }
        Ok(())
    }

    fn json_document(
        &mut self,
        number: usize,
        doc: &Doc,
        name: &str,
        spans: bool,
        report: Report,
        found: &DocRepeats,
    ) -> std::io::Result<()> {
        let json = self.json.as_mut().expect("--json");
        // The index numbers documents, groups and blocks in 32 bits; so do these records.
        let small = |n: usize| u32::try_from(n).expect("numbered in 32 bits by the index");
        let doc_no = small(number);
        json.corpus_groups.extend(
            found
                .groups()
                .iter()
                .map(|m| (small(m.of()), doc_no, m.occurrence())),
        );
        json.corpus_blocks.extend(
            found
                .blocks()
                .iter()
                .map(|m| (small(m.of()), doc_no, m.occurrence())),
        );
        let entry = Document {
            path: &self.names[doc.source],
            line: doc.line,
            id: doc.id_value(),
            name,
            corpus_units: found.groups().len(),
            cut_bytes: found.removals().iter().map(|s| s.len()).sum(),
            repetition: spans.then(|| repetition(doc.text)),
            report: report.in_doc(number),
        };
        json.documents.push(&entry)
    }

    /// After the last document: JSON, the corpus summary, the flushes.
    pub fn finish(
        mut self,
        repeats: Option<&CorpusRepeats>,
        near: &[NearGroup],
        near_units: &[UnitGroup],
    ) -> Result<bool, String> {
        let write_err = |e: std::io::Error| format!("<stdout>: {e}");
        self.found |= !near.is_empty() || !near_units.is_empty();
        if !self.args.clean {
            for g in near_units {
                if self.args.json {
                    let occurrences: Vec<Occurrence> = g.members.iter().map(|&(d, o)| o.in_doc(d)).collect();
                    let json = self.json.as_mut().expect("--json");
                    json.near
                        .push(&Near {
                            unit: "unit",
                            occurrences: Some(&occurrences),
                            documents: None,
                            pairs: &g.pairs,
                        })
                        .map_err(|e| format!("the JSON report: {e}"))?;
                } else {
                    for p in &g.pairs {
                        let (a, b, j) = (p.a(), p.b(), p.jaccard());
                        let ((da, oa), (db, ob)) = (g.members[a], g.members[b]);
                        if da == db {
                            continue; // said in the document's own report
                        }
                        writeln!(
                            self.out,
                            "{}:{}: {} {} {:.0}% similar to {} of {}",
                            self.doc_names[db],
                            ob.line(),
                            lines(ob.line(), ob.end_line()),
                            if ob.line() == ob.end_line() { "is" } else { "are" },
                            100.0 * j,
                            lines(oa.line(), oa.end_line()),
                            self.doc_names[da],
                        )
                        .map_err(write_err)?;
                    }
                }
            }
            for g in near {
                let m = g.members();
                if self.args.json {
                    let json = self.json.as_mut().expect("--json");
                    json.near
                        .push(&Near {
                            unit: "document",
                            occurrences: None,
                            documents: Some(m),
                            pairs: g.pairs(),
                        })
                        .map_err(|e| format!("the JSON report: {e}"))?;
                } else {
                    for p in g.pairs() {
                        let (a, b, j) = (p.a(), p.b(), p.jaccard());
                        writeln!(
                            self.out,
                            "{}: {:.0}% similar to {} (near-duplicate documents)",
                            self.doc_names[m[b]],
                            100.0 * j,
                            self.doc_names[m[a]]
                        )
                        .map_err(write_err)?;
                    }
                }
            }
        }
        let t = &self.totals;
        let fraction = if t.bytes == 0 {
            0.0
        } else {
            t.repeated_bytes as f64 / t.bytes as f64
        };
        if let Some(json) = self.json.take() {
            let duplicates = repeats
                .map(|r| r.duplicate_documents().to_vec())
                .unwrap_or_default();
            let stats = json!({"documents": self.docs, "units": t.units, "repeated_units": t.repeated_units,
                               "repeated_bytes": t.repeated_bytes, "bytes": t.bytes,
                               "repeated_fraction": fraction, "corpus_cut_bytes": t.cut_bytes});
            json.finish(
                &mut self.out,
                self.corpus_groups,
                &self.corpus_blocks,
                &duplicates,
                &stats,
            )
            .map_err(|e| format!("the JSON report: {e}"))?;
        } else if !self.args.clean && self.docs > 1 {
            let across = repeats.map_or(0, |r| r.groups().len());
            let dups = repeats.map_or(0, |r| r.duplicate_documents().iter().map(|s| s.len() - 1).sum());
            writeln!(
                self.out,
                "corpus: {} documents, {} bytes, {} units; {} units repeat within documents; \
                 {} groups of units repeat across documents; {} documents repeat an earlier one; \
                 a corpus-wide clean cuts {} bytes ({:.1}%)",
                self.docs,
                t.bytes,
                t.units,
                t.repeated_units,
                across,
                dups,
                t.cut_bytes,
                if t.bytes == 0 {
                    0.0
                } else {
                    100.0 * t.cut_bytes as f64 / t.bytes as f64
                },
            )
            .map_err(write_err)?;
        }
        self.out.flush().map_err(write_err)?;
        if let Some(mut a) = self.attributes.take() {
            a.flush().map_err(|e| format!("attributes: {e}"))?;
        }
        // grep's convention for a filter: --clean succeeded when it wrote its output,
        // whether or not it cut anything.
        Ok(self.found || self.args.clean)
    }
}

// The JSON report (format version 2) is written from the library's own types, serialized
// by serde: each document's `Report`, and the `Group`s and `Block`s across documents. The
// records below only add what those types do not say, holding the library values.

/// A document's entry: where it came from, its part in the corpus-wide results, and its
/// own report.
#[derive(Serialize)]
struct Document<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<Value>,
    name: &'a str,
    /// Its units in groups across documents.
    corpus_units: usize,
    /// What a corpus-wide `--clean` cuts from it.
    cut_bytes: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    repetition: Option<Value>,
    /// Everything found within it, its occurrences in document `doc`.
    report: Report,
}

/// Near duplicates across documents: units (`unit: "unit"`, with their occurrences) or
/// whole documents (`unit: "document"`, with their numbers), and the verified pairs, indexes
/// into either list.
#[derive(Serialize)]
struct Near<'a> {
    unit: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    occurrences: Option<&'a [Occurrence]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    documents: Option<&'a [usize]>,
    pairs: &'a [NearPair],
}

/// The JSON report as it is made. Its arrays are written as they grow, to temporary files
/// (or, for the corpus-wide groups, kept as compact records), and put together at the end:
/// memory does not grow with the report the way a tree of JSON values did (3.7 GB for a
/// 1 GB corpus).
struct Json {
    documents: Spill,
    near: Spill,
    /// Occurrences of groups and blocks across documents: (group or block, document,
    /// where), in document order.
    corpus_groups: Vec<(u32, u32, Occurrence)>,
    corpus_blocks: Vec<(u32, u32, Occurrence)>,
}

impl Json {
    fn new() -> std::io::Result<Self> {
        Ok(Json {
            documents: Spill::new()?,
            near: Spill::new()?,
            corpus_groups: Vec::new(),
            corpus_blocks: Vec::new(),
        })
    }

    /// Writes the whole report to `out`: the documents with their own reports, then the
    /// groups and blocks across them in the order of their numbers.
    fn finish(
        mut self,
        out: &mut impl Write,
        corpus_groups: usize,
        corpus_blocks: &[usize],
        duplicates: &[Vec<usize>],
        stats: &Value,
    ) -> std::io::Result<()> {
        out.write_all(b"{\"version\":2,\"documents\":[")?;
        self.documents.copy_to(out)?;
        out.write_all(b"],\"groups\":[")?;
        let mut any = false;
        for (_, occurrences) in by_number(&mut self.corpus_groups, corpus_groups) {
            write_item(out, &mut any, &dedupe::Group::new(occurrences))?;
        }
        out.write_all(b"],\"blocks\":[")?;
        let mut any = false;
        for (b, occurrences) in by_number(&mut self.corpus_blocks, corpus_blocks.len()) {
            write_item(out, &mut any, &dedupe::Block::new(corpus_blocks[b], occurrences))?;
        }
        out.write_all(b"],\"near\":[")?;
        self.near.copy_to(out)?;
        out.write_all(b"],\"duplicate_documents\":")?;
        serde_json::to_writer(&mut *out, duplicates)?;
        out.write_all(b",\"stats\":")?;
        serde_json::to_writer(&mut *out, stats)?;
        out.write_all(b"}\n")
    }
}

/// Each number in `0..n` with the occurrences of its records, in document order (an empty
/// list for a number with none, as a shard's report has for groups seen only elsewhere).
fn by_number(
    records: &mut [(u32, u32, Occurrence)],
    n: usize,
) -> impl Iterator<Item = (usize, Vec<Occurrence>)> + '_ {
    records.sort_by_key(|r| (r.0, r.1));
    let mut rest: &[(u32, u32, Occurrence)] = records;
    (0..n).map(move |k| {
        let here = rest.partition_point(|r| r.0 as usize == k);
        let (mine, after) = rest.split_at(here);
        rest = after;
        let occ = mine.iter().map(|&(_, _, o)| o).collect();
        (k, occ)
    })
}

fn write_item(out: &mut impl Write, any: &mut bool, v: &impl Serialize) -> std::io::Result<()> {
    if std::mem::replace(any, true) {
        out.write_all(b",")?;
    }
    serde_json::to_writer(&mut *out, v)?;
    Ok(())
}

/// The items of a JSON array, comma-separated, in an unnamed temporary file.
struct Spill {
    file: BufWriter<std::fs::File>,
    any: bool,
}

impl Spill {
    fn new() -> std::io::Result<Self> {
        Ok(Spill {
            file: BufWriter::with_capacity(1 << 16, tempfile::tempfile()?),
            any: false,
        })
    }

    fn push(&mut self, v: &impl Serialize) -> std::io::Result<()> {
        write_item(&mut self.file, &mut self.any, v)
    }

    /// Copies the items to `out`; whether there were any.
    fn copy_to(self, out: &mut impl Write) -> std::io::Result<bool> {
        use std::io::{Seek, SeekFrom};
        let mut file = self.file.into_inner().map_err(|e| e.into_error())?;
        file.seek(SeekFrom::Start(0))?;
        std::io::copy(&mut file, out)?;
        Ok(self.any)
    }
}

/// The Gopher repetition statistics of a document, and the first Gopher rule it breaks.
fn repetition(text: &str) -> Value {
    let r = dedupe::repetition_stats(text);
    let fired = GopherThresholds::default().check(&r).map(|rule| rule.to_string());
    let top = r.top_ngram_char_fraction;
    let dup = r.duplicate_ngram_char_fraction;
    json!({
        "duplicate_paragraph_fraction": r.duplicate_paragraph_fraction,
        "duplicate_paragraph_char_fraction": r.duplicate_paragraph_char_fraction,
        "duplicate_line_fraction": r.duplicate_line_fraction,
        "duplicate_line_char_fraction": r.duplicate_line_char_fraction,
        "top_ngram_char_fraction": {"2": top[0], "3": top[1], "4": top[2]},
        "duplicate_ngram_char_fraction": {"5": dup[0], "6": dup[1], "7": dup[2], "8": dup[3], "9": dup[4], "10": dup[5]},
        "gopher_rule": fired,
    })
}

/// The first 60 characters of `text`, with an ellipsis when cut.
fn preview(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

fn seen(doc: usize, name: &str, o: &Occurrence) -> Seen {
    Seen {
        doc,
        name: name.to_owned(),
        line: o.line(),
        end_line: o.end_line(),
    }
}

/// Spans already reported in a document. `inside` takes O(log n): a text can have
/// millions (a linear scan per occurrence made a 1 GB text file take minutes).
#[derive(Default)]
struct Covered {
    spans: Vec<(usize, usize)>,
    /// `spans` sorted, each end raised to the largest end so far; rebuilt after a push.
    index: Vec<(usize, usize)>,
}

impl Covered {
    fn push(&mut self, o: &Occurrence) {
        self.spans.push((o.span().start, o.span().end));
    }

    /// Whether one covered span holds all of `o`.
    fn inside(&mut self, o: &Occurrence) -> bool {
        if self.index.len() != self.spans.len() {
            self.index.clone_from(&self.spans);
            self.index.sort_unstable();
            let mut end = 0;
            for s in &mut self.index {
                end = end.max(s.1);
                s.1 = end;
            }
        }
        let k = self.index.partition_point(|&(a, _)| a <= o.span().start);
        k > 0 && o.span().end <= self.index[k - 1].1
    }
}

fn verb(o: &Occurrence) -> &'static str {
    if o.line() == o.end_line() {
        "repeats"
    } else {
        "repeat"
    }
}

/// "line 4" or "lines 4-9", written where it is used (no string of its own).
fn lines(first: usize, last: usize) -> Lines {
    Lines(first, last)
}

struct Lines(usize, usize);

impl std::fmt::Display for Lines {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Lines(first, last) if first == last => write!(f, "line {first}"),
            Lines(first, last) => write!(f, "lines {first}-{last}"),
        }
    }
}
