//! `--json-lines`: the report as JSON Lines, one record a line, written as each document
//! is read (ripgrep's `--json` is the model). Every record has a `type`:
//!
//! - `document`: where it came from (`doc`, `path`, `line` and `id` for JSONL, `name`),
//!   its size and repeats, `same_as` when it is a copy of an earlier document, and with
//!   `--stats` its Gopher `repetition` statistics;
//! - `group`, `block`, `stutter`, `run`, `near`: one finding, with `scope` `"document"`
//!   (within the document: the library's record, all its occurrences) or `"corpus"` (one
//!   occurrence of a group or block across documents, numbered by `group` or `block`;
//!   near duplicates across documents, after the last document);
//! - `summary`: the totals, last.
//!
//! Each occurrence has its `text` beside its byte `span` (jq counts code points, not
//! bytes, so it cannot slice the input itself); near duplicates across documents, found
//! after the last document is read, have spans only.

use std::io::{self, Write};

use dedupe::{InnerKind, Occurrence, Report};
use serde::Serialize;
use serde_json::{json, Value};

use super::json::{add_texts, Near, Origin};
use super::{Across, Of};

/// The `document` record.
#[derive(Serialize)]
pub(super) struct Document<'a> {
    #[serde(rename = "type")]
    pub(super) kind: &'static str,
    pub(super) doc: usize,
    #[serde(flatten)]
    pub(super) origin: Origin<'a>,
    pub(super) bytes: usize,
    pub(super) units: usize,
    pub(super) repeated_units: usize,
    pub(super) repeated_bytes: usize,
    /// What a corpus-wide `--clean` cuts from it.
    pub(super) cut_bytes: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) same_as: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) repetition: Option<Value>,
}

/// Writes one record and its line end.
pub(super) fn line(out: &mut impl Write, v: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, v)?;
    out.write_all(b"\n")
}

/// A finding's record: the library's serialized finding, with its type, scope, document
/// and the text of each occurrence.
fn finding(
    out: &mut impl Write,
    kind: &str,
    doc: usize,
    item: &impl Serialize,
    text: &str,
) -> io::Result<()> {
    let mut v = serde_json::to_value(item)?;
    if let Some(occ) = v.get_mut("occurrences").and_then(Value::as_array_mut) {
        add_texts(occ, text);
    }
    let mut record = json!({"type": kind, "scope": "document", "doc": doc});
    if let (Some(r), Some(fields)) = (record.as_object_mut(), v.as_object_mut()) {
        r.append(fields);
    }
    line(out, &record)
}

/// A document's records: the document, its findings within, its occurrences of
/// findings across documents.
pub(super) fn document(
    out: &mut impl Write,
    record: &Document,
    text: &str,
    report: &Report,
    across: &[Across],
) -> io::Result<()> {
    line(out, record)?;
    if record.same_as.is_some() {
        return Ok(());
    }
    let report = report.clone().in_doc(record.doc);
    let doc = record.doc;
    for g in report.groups() {
        finding(out, "group", doc, g, text)?;
    }
    for b in report.blocks() {
        finding(out, "block", doc, b, text)?;
    }
    for r in report.inner() {
        let kind = if r.kind() == InnerKind::Stutter {
            "stutter"
        } else {
            "run"
        };
        finding(out, kind, doc, r, text)?;
    }
    for n in report.near() {
        finding(out, "near", doc, n, text)?;
    }
    for a in across {
        let occ: Occurrence = a.occ.in_doc(doc);
        let mut o = serde_json::to_value(occ)?;
        add_texts(std::slice::from_mut(&mut o), text);
        let mut r = match a.of {
            Of::Group => json!({"type": "group", "scope": "corpus", "group": a.id}),
            Of::Block => json!({"type": "block", "scope": "corpus", "block": a.id, "units": a.units}),
        };
        r["first"] = json!(a.first.is_none());
        r["occurrence"] = o;
        line(out, &r)?;
    }
    Ok(())
}

/// A near-duplicate record across documents.
pub(super) fn near(out: &mut impl Write, n: &Near) -> io::Result<()> {
    let mut v = serde_json::to_value(n)?;
    let mut record = json!({"type": "near", "scope": "corpus"});
    if let (Some(r), Some(fields)) = (record.as_object_mut(), v.as_object_mut()) {
        r.append(fields);
    }
    line(out, &record)
}
