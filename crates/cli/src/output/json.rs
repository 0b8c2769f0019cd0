//! `--json`: the whole report as one JSON object (format version 2), written from the
//! library's serde types, every occurrence of a document's own report with its text.

use std::io::{BufWriter, Write};

use dedupe::{GopherThresholds, NearPair, Occurrence, Report};
use serde::Serialize;
use serde_json::{json, Value};

// The JSON report (format version 2) is written from the library's own types, serialized
// by serde: each document's `Report`, and the `Group`s and `Block`s across documents. The
// records below only add what those types do not say, holding the library values.

/// A document's entry: where it came from, its part in the corpus-wide results, and its
/// own report.
#[derive(Serialize)]
pub(super) struct Document<'a> {
    #[serde(flatten)]
    pub(super) origin: Origin<'a>,
    /// Its units in groups across documents.
    pub(super) corpus_units: usize,
    /// What a corpus-wide `--clean` cuts from it.
    pub(super) cut_bytes: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) repetition: Option<Value>,
    /// Everything found within it, its occurrences in document `doc`, each with its text.
    pub(super) report: WithText<'a>,
}

/// Where a document came from: its file, for JSONL its line and id, and its name in the
/// human report.
#[derive(Serialize)]
pub(super) struct Origin<'a> {
    pub(super) path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) id: Option<Value>,
    pub(super) name: &'a str,
}

/// Near duplicates across documents: units (`unit: "unit"`, with their occurrences) or
/// whole documents (`unit: "document"`, with their numbers), and the verified pairs, indexes
/// into `texts` for units (every copy of each text is an occurrence) or into `documents`.
#[derive(Serialize)]
pub(super) struct Near<'a> {
    pub(super) unit: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) occurrences: Option<&'a [Occurrence]>,
    /// For units: per text, the indexes into `occurrences` of its copies; the pairs are
    /// between texts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) texts: Option<&'a [Vec<usize>]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) documents: Option<&'a [usize]>,
    pub(super) pairs: &'a [NearPair],
}

/// The JSON report as it is made. Its arrays are written as they grow, to temporary files
/// (or, for the corpus-wide groups, kept as compact records), and put together at the end:
/// memory does not grow with the report the way a tree of JSON values did (3.7 GB for a
/// 1 GB corpus).
pub(super) struct Json {
    pub(super) documents: Spill,
    pub(super) near: Spill,
    /// Occurrences of groups and blocks across documents: (group or block, document,
    /// where), in document order.
    pub(super) corpus_groups: Vec<(u32, u32, Occurrence)>,
    pub(super) corpus_blocks: Vec<(u32, u32, Occurrence)>,
}

impl Json {
    pub(super) fn new() -> std::io::Result<Self> {
        Ok(Json {
            documents: Spill::new()?,
            near: Spill::new()?,
            corpus_groups: Vec::new(),
            corpus_blocks: Vec::new(),
        })
    }

    /// Writes the whole report to `out`: the documents with their own reports, then the
    /// groups and blocks across them in the order of their numbers.
    pub(super) fn finish(
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
pub(super) struct Spill {
    pub(super) file: BufWriter<std::fs::File>,
    any: bool,
}

impl Spill {
    pub(super) fn new() -> std::io::Result<Self> {
        Ok(Spill {
            file: BufWriter::with_capacity(1 << 16, tempfile::tempfile()?),
            any: false,
        })
    }

    pub(super) fn push(&mut self, v: &impl Serialize) -> std::io::Result<()> {
        write_item(&mut self.file, &mut self.any, v)
    }

    /// Copies the items to `out`; whether there were any.
    pub(super) fn copy_to(self, out: &mut impl Write) -> std::io::Result<bool> {
        use std::io::{Seek, SeekFrom};
        let mut file = self.file.into_inner().map_err(|e| e.into_error())?;
        file.seek(SeekFrom::Start(0))?;
        std::io::copy(&mut file, out)?;
        Ok(self.any)
    }
}

/// `report` serialized as the library serializes it, every occurrence with its `text`
/// beside its span: what jq cannot slice itself (it counts code points, the spans count
/// bytes). Written straight to the output as it is serialized: building it as a tree of
/// JSON values first ([`with_text`], the oracle of the tests) took 1.2 GB for the report
/// of one 100 MB file whose JSON is 182 MB.
pub(super) struct WithText<'a> {
    pub(super) report: &'a Report,
    pub(super) text: &'a str,
}

impl<'a> Serialize for WithText<'a> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (r, text) = (self.report, self.text);
        let occ = |o: &'a [Occurrence]| Texts { occurrences: o, text };
        let mut st = s.serialize_struct("Report", 8)?;
        st.serialize_field("bytes", &r.bytes())?;
        st.serialize_field("unit", &r.unit())?;
        st.serialize_field(
            "groups",
            &Each(r.groups(), |g: &'a dedupe::Group| GroupText {
                occurrences: occ(g.occurrences()),
            }),
        )?;
        st.serialize_field(
            "blocks",
            &Each(r.blocks(), |b: &'a dedupe::Block| BlockText {
                units: b.units(),
                occurrences: occ(b.occurrences()),
            }),
        )?;
        st.serialize_field(
            "inner",
            &Each(r.inner(), |i: &'a dedupe::InnerRepeat| InnerText {
                kind: i.kind(),
                tokens: i.tokens(),
                copies: i.copies(),
                occurrences: occ(i.occurrences()),
                first_copy: i.first_copy(),
                in_covered: i.in_covered(),
            }),
        )?;
        st.serialize_field(
            "near",
            &Each(r.near(), |n: &'a dedupe::NearRepeat| NearText {
                occurrences: occ(n.occurrences()),
                texts: n.texts(),
                pairs: n.pairs(),
            }),
        )?;
        st.serialize_field("stats", &r.stats())?;
        st.serialize_field("removals", r.removals())?;
        st.end()
    }
}

/// A slice serialized as a sequence of `view(item)`.
struct Each<'a, T, F>(&'a [T], F);

impl<'a, T, V: Serialize, F: Fn(&'a T) -> V> Serialize for Each<'a, T, F> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(&self.1))
    }
}

/// Occurrences, each serialized as the library does with its `text` after it.
struct Texts<'a> {
    occurrences: &'a [Occurrence],
    text: &'a str,
}

impl Serialize for Texts<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct OccText<'a> {
            #[serde(flatten)]
            occurrence: &'a Occurrence,
            #[serde(skip_serializing_if = "Option::is_none")]
            text: Option<&'a str>,
        }
        s.collect_seq(self.occurrences.iter().map(|o| OccText {
            occurrence: o,
            text: self.text.get(o.span().start..o.span().end),
        }))
    }
}

#[derive(Serialize)]
struct GroupText<'a> {
    occurrences: Texts<'a>,
}

#[derive(Serialize)]
struct BlockText<'a> {
    units: usize,
    occurrences: Texts<'a>,
}

#[derive(Serialize)]
struct InnerText<'a> {
    kind: dedupe::InnerKind,
    tokens: usize,
    copies: usize,
    occurrences: Texts<'a>,
    first_copy: Option<dedupe::Span>,
    in_covered: bool,
}

#[derive(Serialize)]
struct NearText<'a> {
    occurrences: Texts<'a>,
    texts: &'a [Vec<usize>],
    pairs: &'a [NearPair],
}

/// `report` as a tree of JSON values, every occurrence with its `text`: the oracle of
/// [`WithText`], which writes the same JSON without building it.
#[cfg(test)]
pub(super) fn with_text(report: &Report, text: &str) -> serde_json::Result<Value> {
    let mut v = serde_json::to_value(report)?;
    for list in ["groups", "blocks", "inner", "near"] {
        let Some(items) = v.get_mut(list).and_then(Value::as_array_mut) else {
            continue;
        };
        for item in items {
            if let Some(occ) = item.get_mut("occurrences").and_then(Value::as_array_mut) {
                add_texts(occ, text);
            }
        }
    }
    Ok(v)
}

/// Adds its `text` to each serialized occurrence.
pub(super) fn add_texts(occurrences: &mut [Value], text: &str) {
    for o in occurrences {
        let span = |k: &str| o["span"][k].as_u64().and_then(|n| usize::try_from(n).ok());
        if let (Some(start), Some(end)) = (span("start"), span("end")) {
            if let Some(t) = text.get(start..end) {
                o["text"] = Value::String(t.to_owned());
            }
        }
    }
}

/// The Gopher repetition statistics of a document, and the first Gopher rule it breaks.
pub(super) fn repetition(text: &str) -> Value {
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

#[cfg(test)]
mod tests {
    use super::*;
    use dedupe::FinderBuilder;

    /// The streamed report equals the tree-of-values one, key order included, on reports
    /// holding every kind of finding (groups, blocks, stutters, repeated runs, near
    /// duplicates) and an occurrence whose span is not the text's (no `text` then).
    #[test]
    fn streamed_report_equals_the_value_tree() {
        let article = include_str!("../../tests/data/doubled-article.txt");
        let line = "the council approved the new budget for the old harbour and the two bridges after a long debate that ran late into the evening";
        let near = format!("{line} on Monday\nNothing else happened today.\n{line} on Tuesday\n");
        let near = near.as_str();
        let stutter = "We met President Ilham President Ilham Aliyev in Baku today, twice over.\n";
        let (mut inner, mut near_found) = (false, false);
        for text in [article, near, stutter, "", "one line only, long enough"] {
            for doc in [0, 3] {
                let report = FinderBuilder::new()
                    .stutters(true)
                    .runs(true)
                    .near(true)
                    .build()
                    .unwrap()
                    .find(text)
                    .in_doc(doc);
                inner |= !report.inner().is_empty();
                near_found |= !report.near().is_empty();
                let streamed = serde_json::to_string(&WithText {
                    report: &report,
                    text,
                })
                .unwrap();
                let tree = serde_json::to_string(&with_text(&report, text).unwrap()).unwrap();
                assert_eq!(streamed, tree, "{text:?}");
            }
        }
        assert!(inner && near_found);
        let report = FinderBuilder::new().build().unwrap().find(article);
        assert!(report.groups().len() > 1 && !report.blocks().is_empty());
        // Spans past a shorter text: the occurrences go out without `text`, as before.
        let short = &article[..10];
        let streamed = serde_json::to_string(&WithText {
            report: &report,
            text: short,
        })
        .unwrap();
        assert_eq!(
            streamed,
            serde_json::to_string(&with_text(&report, short).unwrap()).unwrap()
        );
        assert!(!streamed.contains("\"text\""));
    }
}
