//! The report a person reads: one finding per line, `PATH:LINE: message`, in line order
//! within a document, written by the library's `Display` (`Report::show(..).named(..)`)
//! with the findings across documents put among its own as notes.

use std::io::{self, Write};

use dedupe::near::NearGroup;
use dedupe::{Note, Occurrence, Report, Unit};

use super::{lines, Across, Of};
use crate::near::UnitGroup;

/// One document's lines: "same text as FILE" for a copy of an earlier document, else
/// its findings and a summary (nothing for a document of a corpus with none).
pub(super) fn document(
    out: &mut impl Write,
    name: &str,
    text: &str,
    single: bool,
    report: &Report,
    across: &[Across],
    same_as: Option<&str>,
) -> io::Result<()> {
    if let Some(first) = same_as {
        return writeln!(out, "{name}: same text as {first}");
    }
    let units = if report.unit() == Unit::Paragraph {
        ("paragraph", "paragraphs")
    } else {
        ("line", "lines")
    };
    let notes: Vec<Note> = across
        .iter()
        .filter_map(|a| {
            let first = a.first?;
            let message = match a.of {
                Of::Group => format!("repeats {} of {}", lines(first.line, first.end_line), first.name),
                Of::Block => format!(
                    "repeats {} of {}, a block of {} {}",
                    lines(first.line, first.end_line),
                    first.name,
                    a.units,
                    if a.units == 1 { units.0 } else { units.1 }
                ),
            };
            Some(Note::new(a.occ, message))
        })
        .collect();
    if !(single || report.has_repeats() || !notes.is_empty()) {
        return Ok(());
    }
    write!(out, "{}", report.show(text).named(name).notes(&notes))
}

/// Near-duplicate units across documents (those within one are in its own report).
pub(super) fn near_units(out: &mut impl Write, g: &UnitGroup, names: &[String]) -> io::Result<()> {
    // Every copy of the second text, near the first copy of the first.
    for p in &g.pairs {
        let (da, oa) = g.members[g.texts[p.a()][0]];
        for &k in &g.texts[p.b()] {
            let (db, ob) = g.members[k];
            if da == db {
                continue;
            }
            near_unit_line(out, names, (da, oa), (db, ob), p.jaccard())?;
        }
    }
    Ok(())
}

/// One line of a near-duplicate unit across documents.
fn near_unit_line(
    out: &mut impl Write,
    names: &[String],
    (da, oa): (usize, Occurrence),
    (db, ob): (usize, Occurrence),
    jaccard: f64,
) -> io::Result<()> {
    writeln!(
        out,
        "{}:{}: near duplicate of {} of {}, jaccard {:.2} (bytes {}..{})",
        names[db],
        ob.line(),
        lines(oa.line(), oa.end_line()),
        names[da],
        jaccard,
        ob.span().start,
        ob.span().end,
    )
}

/// Near-duplicate documents.
pub(super) fn near_documents(out: &mut impl Write, g: &NearGroup, names: &[String]) -> io::Result<()> {
    let m = g.members();
    for p in g.pairs() {
        writeln!(
            out,
            "{}: near duplicate of {}, the whole document, jaccard {:.2}",
            names[m[p.b()]],
            names[m[p.a()]],
            p.jaccard()
        )?;
    }
    Ok(())
}
