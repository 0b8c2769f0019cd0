//! Outputs: the report a person reads (human.rs), one JSON object (json.rs), JSON Lines
//! (json_lines.rs), an HTML page (html.rs), the cleaned text, and dolma attributes.

mod html;
mod human;
mod json;
mod json_lines;

use std::collections::{HashMap, HashSet};
use std::io::{BufWriter, StdoutLock, Write};

use clap::ValueEnum;
use dedupe::near::NearGroup;
use dedupe::{CorpusRepeats, DocRepeats, Occurrence, Report};
use serde_json::{json, Map, Value};

use crate::input::Doc;
use crate::near::UnitGroup;
use crate::Args;

/// The unit of attribute offsets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Offsets {
    /// Unicode scalar values, as Python's str indexes them (dolma's unit).
    Chars,
    /// Bytes of the UTF-8 text.
    Bytes,
}

/// Where a first occurrence was seen: document number and name, and lines.
#[derive(Clone)]
struct Seen {
    doc: usize,
    name: String,
    line: usize,
    end_line: usize,
}

/// Corpus-wide group or block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Of {
    Group,
    Block,
}

/// An occurrence in this document of a group or block across documents.
struct Across<'s> {
    of: Of,
    /// Its number among the corpus-wide groups or blocks.
    id: usize,
    occ: Occurrence,
    /// Where its first occurrence was, when that is in another document; `None` for
    /// the first occurrence itself.
    first: Option<&'s Seen>,
    /// For a block, its units.
    units: usize,
}

/// Everything written, as documents stream through.
pub struct Output<'a> {
    args: &'a Args,
    names: Vec<String>,
    out: BufWriter<StdoutLock<'static>>,
    attributes: Option<BufWriter<std::fs::File>>,
    docs: usize,
    found: bool,
    first_group: Vec<Option<Seen>>,
    first_block: Vec<Option<Seen>>,
    duplicate_of: HashMap<usize, usize>,
    duplicate_firsts: HashSet<usize>,
    duplicate_names: HashMap<usize, String>,
    /// With --json: the report so far.
    json: Option<json::Json>,
    /// With --html: the page so far.
    html: Option<html::Html>,
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
            Some(json::Json::new().map_err(|e| format!("a temporary file for the JSON report: {e}"))?)
        } else {
            None
        };
        let html = match &args.html {
            Some(path) => Some(html::Html::new(path).map_err(|e| format!("{}: {e}", path.display()))?),
            None => None,
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
            html,
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

    /// How a document is named in every report: its path, and for JSONL its line.
    /// (The one place documents are named.)
    fn doc_name(&self, doc: &Doc) -> String {
        doc.name()
    }

    /// One document, in corpus order: its own report and its part in the corpus results.
    pub fn document(&mut self, doc: &Doc, report: Option<Report>, found: &DocRepeats) -> Result<(), String> {
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
        if self.duplicate_firsts.contains(&number) {
            self.duplicate_names.insert(number, name.clone());
        }
        let same_as = self.duplicate_of.get(&number).copied();
        // Who saw each corpus-wide group and block first; their later occurrences here.
        let firsts = self.see_firsts(number, &name, found);
        let across = if same_as.is_some() {
            Vec::new()
        } else {
            across(
                &self.first_group,
                &self.first_block,
                &self.corpus_blocks,
                number,
                &report,
                found,
                &firsts,
            )
        };
        let same_name = same_as.map(|d| {
            self.duplicate_names
                .get(&d)
                .map_or("an earlier document", String::as_str)
        });
        if let Some(html) = &mut self.html {
            html.document(number, &name, doc.text, &report, &across, same_name)
                .map_err(|e| format!("the HTML report: {e}"))?;
        }
        if let Some(json) = &mut self.json {
            return json_document(
                json,
                number,
                doc,
                &self.names[doc.source],
                &name,
                self.args.stats,
                report,
                found,
            )
            .map_err(|e| format!("the JSON report: {e}"));
        }
        if self.args.json_lines {
            let path = &self.names[doc.source];
            let record = json_lines::Document {
                kind: "document",
                doc: number,
                origin: json::Origin {
                    path,
                    line: doc.line,
                    id: doc.id_value(),
                    name: &name,
                },
                bytes: report.bytes(),
                units: report.units(),
                repeated_units: report.stats().repeated_units(),
                repeated_bytes: report.stats().repeated_bytes(),
                cut_bytes: cut,
                same_as,
                repetition: self.args.stats.then(|| json::repetition(doc.text)),
            };
            return json_lines::document(&mut self.out, &record, doc.text, &report, &across)
                .map_err(write_err);
        }
        let single = self.names.len() == 1 && doc.line.is_none();
        human::document(
            &mut self.out,
            &name,
            doc.text,
            single,
            &report,
            &across,
            same_name,
        )
        .map_err(write_err)
    }

    /// Marks the corpus-wide groups and blocks first seen in document `number`, and
    /// gives those occurrences.
    fn see_firsts(&mut self, number: usize, name: &str, found: &DocRepeats) -> Vec<(Of, usize, Occurrence)> {
        let mut firsts = Vec::new();
        for (of, list, members) in [
            (Of::Block, &mut self.first_block, found.blocks()),
            (Of::Group, &mut self.first_group, found.groups()),
        ] {
            for m in members {
                let (k, occ) = (m.of(), m.occurrence());
                match &list[k] {
                    None => {
                        list[k] = Some(seen(number, name, &occ));
                        firsts.push((of, k, occ));
                    }
                    Some(first) if first.doc == number => firsts.push((of, k, occ)),
                    Some(_) => {}
                }
            }
        }
        firsts
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
                let bytes = doc.bytes();
                for (start, end) in starts.zip(ends) {
                    self.out.write_all(&bytes[start..end])?;
                }
                Ok(())
            }
        }
    }

    /// A near-duplicate record across documents, in the report's format (`human` writes
    /// the human lines).
    fn near(
        &mut self,
        record: &json::Near,
        human: impl FnOnce(&mut BufWriter<StdoutLock<'static>>, &[String]) -> std::io::Result<()>,
    ) -> Result<(), String> {
        if let Some(json) = &mut self.json {
            json.near
                .push(record)
                .map_err(|e| format!("the JSON report: {e}"))
        } else if self.args.json_lines {
            json_lines::near(&mut self.out, record).map_err(|e| format!("<stdout>: {e}"))
        } else {
            human(&mut self.out, &self.doc_names).map_err(|e| format!("<stdout>: {e}"))
        }
    }

    /// After the last document: the corpus-wide near duplicates, JSON, the corpus
    /// summary, the HTML page, the flushes.
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
                let occurrences: Vec<Occurrence> = g.members.iter().map(|&(d, o)| o.in_doc(d)).collect();
                let record = json::Near {
                    unit: "unit",
                    occurrences: Some(&occurrences),
                    texts: Some(&g.texts),
                    documents: None,
                    pairs: &g.pairs,
                };
                self.near(&record, |out, names| human::near_units(out, g, names))?;
            }
            for g in near {
                let record = json::Near {
                    unit: "document",
                    occurrences: None,
                    texts: None,
                    documents: Some(g.members()),
                    pairs: g.pairs(),
                };
                self.near(&record, |out, names| human::near_documents(out, g, names))?;
            }
        }
        let t = &self.totals;
        let fraction = if t.bytes == 0 {
            0.0
        } else {
            t.repeated_bytes as f64 / t.bytes as f64
        };
        let duplicates = repeats
            .map(|r| r.duplicate_documents().to_vec())
            .unwrap_or_default();
        let json_stats = json!({"documents": self.docs, "units": t.units, "repeated_units": t.repeated_units,
                           "repeated_bytes": t.repeated_bytes, "bytes": t.bytes,
                           "repeated_fraction": fraction, "corpus_cut_bytes": t.cut_bytes});
        let across = repeats.map_or(0, |r| r.groups().len());
        let dups: usize = duplicates.iter().map(|s| s.len() - 1).sum();
        let mut parts = vec![
            count(self.docs, "document", "documents"),
            count(t.bytes, "byte", "bytes"),
            count(t.units, "unit", "units"),
            format!(
                "{} within documents",
                count(t.repeated_units, "unit repeats", "units repeat")
            ),
        ];
        if self.docs > 1 {
            parts.push(format!(
                "{} across documents",
                count(across, "group of units repeats", "groups of units repeat")
            ));
            parts.push(format!(
                "{} an earlier one",
                count(dups, "document repeats", "documents repeat")
            ));
        }
        parts.push(format!(
            "a corpus-wide clean cuts {} ({:.1}%)",
            count(t.cut_bytes, "byte", "bytes"),
            if t.bytes == 0 {
                0.0
            } else {
                100.0 * t.cut_bytes as f64 / t.bytes as f64
            }
        ));
        let summary = parts.join(", ");
        if let Some(html) = self.html.take() {
            html.finish(&summary, self.found)
                .map_err(|e| format!("the HTML report: {e}"))?;
        }
        if let Some(json) = self.json.take() {
            json.finish(
                &mut self.out,
                self.corpus_groups,
                &self.corpus_blocks,
                &duplicates,
                &json_stats,
            )
            .map_err(|e| format!("the JSON report: {e}"))?;
        } else if self.args.json_lines {
            let mut stats = json!({"type": "summary"})
                .as_object()
                .cloned()
                .unwrap_or_default();
            stats.extend(json_stats.as_object().cloned().unwrap_or_default());
            stats.insert("groups".into(), json!(self.corpus_groups));
            let mut stats = Value::Object(stats);
            stats["blocks"] = json!(self.corpus_blocks.len());
            stats["duplicate_documents"] = json!(duplicates);
            json_lines::line(&mut self.out, &stats).map_err(write_err)?;
        } else if !self.args.clean && self.docs > 1 && !self.args.quiet {
            // On stderr, as a progress bar is: every line of the report names a file.
            self.out.flush().map_err(write_err)?;
            eprintln!("dedupe: {summary}");
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

/// "1 line" or "2 lines".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The occurrences in document `number` of groups and blocks first seen in another,
/// and (with `first: None`) its own first occurrences; none inside a later copy of a
/// block already reported.
fn across<'s>(
    first_group: &'s [Option<Seen>],
    first_block: &'s [Option<Seen>],
    block_units: &[usize],
    number: usize,
    report: &Report,
    found: &DocRepeats,
    firsts: &[(Of, usize, Occurrence)],
) -> Vec<Across<'s>> {
    let mut covered = Covered::default();
    for b in report.blocks() {
        for o in &b.occurrences()[1..] {
            covered.push(o);
        }
    }
    let mut out: Vec<Across<'s>> = firsts
        .iter()
        .map(|&(of, id, occ)| Across {
            of,
            id,
            occ,
            first: None,
            units: if of == Of::Block { block_units[id] } else { 1 },
        })
        .collect();
    for (of, list, members) in [
        (Of::Block, first_block, found.blocks()),
        (Of::Group, first_group, found.groups()),
    ] {
        for m in members {
            let (id, occ) = (m.of(), m.occurrence());
            match &list[id] {
                Some(first) if first.doc != number && !covered.inside(&occ) => {
                    if of == Of::Block {
                        covered.push(&occ);
                    }
                    out.push(Across {
                        of,
                        id,
                        occ,
                        first: Some(first),
                        units: if of == Of::Block { block_units[id] } else { 1 },
                    });
                }
                _ => {}
            }
        }
    }
    out
}

/// A document's entry in the --json report.
#[allow(clippy::too_many_arguments)]
fn json_document(
    json: &mut json::Json,
    number: usize,
    doc: &Doc,
    path: &str,
    name: &str,
    stats: bool,
    report: Report,
    found: &DocRepeats,
) -> std::io::Result<()> {
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
    let entry = json::Document {
        origin: json::Origin {
            path,
            line: doc.line,
            id: doc.id_value(),
            name,
        },
        corpus_units: found.groups().len(),
        cut_bytes: found.removals().iter().map(|s| s.len()).sum(),
        repetition: stats.then(|| json::repetition(doc.text)),
        report: json::WithText {
            report: &report.in_doc(number),
            text: doc.text,
        },
    };
    json.documents.push(&entry)
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

/// "line 4" or "lines 4-9", written where it is used (no string of its own).
pub(super) fn lines(first: usize, last: usize) -> Lines {
    Lines(first, last)
}

pub(super) struct Lines(usize, usize);

impl std::fmt::Display for Lines {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Lines(first, last) if first == last => write!(f, "line {first}"),
            Lines(first, last) => write!(f, "lines {first}-{last}"),
        }
    }
}
