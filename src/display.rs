//! The human report: one finding per line, ordered by where it starts, then a summary.
//!
//! Two layouts share every message: without a name (`Report`'s `Display`) a line starts
//! with its place ("lines 13-23: repeat lines 2-12, …"); with one ([`Shown::named`], as the
//! `dedupe` command prints) it starts as a compiler's message does, `NAME:LINE: …`, with a
//! column (`NAME:LINE:COLUMN: …`) on a line where several findings start.

use std::fmt::{self, Write};

use crate::report::{Occurrence, Report, Shown};
use crate::{InnerKind, Span, Unit};

/// Characters of a finding's text shown at most.
const SNIPPET_CHARS: usize = 80;

/// Bytes of a finding's text read at most for its snippet (whitespace runs show as one
/// character, so a few times [`SNIPPET_CHARS`]): a long occurrence costs no more than a
/// short one.
const SNIPPET_SCAN: usize = 16 * SNIPPET_CHARS;

/// A finding of the caller's own, put among a report's findings in their order when it is
/// shown (see [`Shown::notes`]): the `dedupe` command's findings across documents, as "repeats
/// line 5 of a.txt", beside the ones within the document.
///
/// ```
/// let text = "a line that repeats itself\nother\na line that repeats itself";
/// let report = dedupe::find_repeats(text);
/// let note = dedupe::Note::new(report.groups()[0].occurrences()[0], "repeats line 9 of other.txt");
/// let shown = report.show(text).named("this.txt").notes(std::slice::from_ref(&note)).to_string();
/// assert!(shown.starts_with("this.txt:1: repeats line 9 of other.txt (bytes 0..26): \"a line"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    occurrence: Occurrence,
    message: String,
}

impl Note {
    /// A note on `occurrence`; `message` is said of it (its bytes and text follow).
    ///
    /// ```
    /// let report = dedupe::find_repeats("a line that repeats itself\na line that repeats itself");
    /// let note = dedupe::Note::new(report.groups()[0].occurrences()[1], "seen before");
    /// assert_eq!(note.occurrence().line(), 2);
    /// ```
    pub fn new(occurrence: Occurrence, message: impl Into<String>) -> Note {
        Note {
            occurrence,
            message: message.into(),
        }
    }

    /// The occurrence it is about.
    ///
    /// ```
    /// let report = dedupe::find_repeats("a line that repeats itself\na line that repeats itself");
    /// let note = dedupe::Note::new(report.groups()[0].occurrences()[0], "first");
    /// assert_eq!(note.occurrence().span().start, 0);
    /// ```
    pub fn occurrence(&self) -> Occurrence {
        self.occurrence
    }

    /// What it says.
    ///
    /// ```
    /// let report = dedupe::find_repeats("a line that repeats itself\na line that repeats itself");
    /// let note = dedupe::Note::new(report.groups()[0].occurrences()[0], "first");
    /// assert_eq!(note.message(), "first");
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// One line of the report, before sorting.
struct Line<'r> {
    o: Occurrence,
    order: u8,
    what: What<'r>,
}

/// What a line says of its occurrence, written out only when the line is.
#[derive(Clone, Copy)]
enum What<'r> {
    /// A later copy of a block of `units` units whose first copy is `first`.
    Block { first: Occurrence, units: usize },
    /// A later copy of a unit whose first copy is `first`.
    Group { first: Occurrence },
    /// A stutter of `copies` copies, `inside` a repeat reported already.
    Stutter { copies: usize, inside: bool },
    /// A later copy of a run of `tokens` words whose first copy is `first`.
    Run { tokens: usize, first: Occurrence },
    /// A near duplicate of `first`.
    Near { first: Occurrence, jaccard: f64 },
    /// The caller's own message.
    Note(&'r str),
}

/// Lines formatted at once, on as many threads as there are: a report of 200,000
/// findings (100 MB of man pages) took 0.1 s to write on one.
const LINES_AT_ONCE: usize = 1 << 16;

/// Lines a thread formats in one piece.
const LINES_A_PIECE: usize = 1 << 11;

pub(crate) fn write(f: &mut fmt::Formatter<'_>, shown: &Shown<'_, '_>) -> fmt::Result {
    write_in(f, shown, LINES_A_PIECE, LINES_AT_ONCE)
}

/// [`write`] with pieces of `a_piece` lines, `at_once` lines at a time.
fn write_in<'r>(
    f: &mut fmt::Formatter<'_>,
    shown: &Shown<'r, '_>,
    a_piece: usize,
    at_once: usize,
) -> fmt::Result {
    let (report, text, name) = (shown.report, shown.text, shown.name);
    let units = match report.unit() {
        Unit::Paragraph => ("paragraph", "paragraphs"),
        _ => ("line", "lines"),
    };
    let mut lines: Vec<Line<'r>> = Vec::new();
    let mut push = |o: &Occurrence, order: u8, what: What<'r>| lines.push(Line { o: *o, order, what });
    // Later copies of blocks; a group's later copy inside one of them says nothing more.
    let mut covered: Vec<crate::Span> = Vec::new();
    for b in report.blocks() {
        let first = b.occurrences()[0];
        for o in &b.occurrences()[1..] {
            covered.push(o.span());
            push(
                o,
                0,
                What::Block {
                    first,
                    units: b.units(),
                },
            );
        }
    }
    // Sorted by start, each end raised to the largest so far: the span starting last at
    // or before `s` then reaches as far as any of those, so one of them holds `s` exactly
    // when it reaches `s.end`.
    covered.sort_unstable();
    let mut reach = 0;
    for c in &mut covered {
        reach = reach.max(c.end);
        c.end = reach;
    }
    let inside = |s: crate::Span| {
        let k = covered.partition_point(|c| c.start <= s.start);
        k > 0 && s.end <= covered[k - 1].end
    };
    for g in report.groups() {
        let first = g.occurrences()[0];
        for o in g.occurrences()[1..].iter().filter(|o| !inside(o.span())) {
            push(o, 1, What::Group { first });
        }
    }
    for r in report.inner() {
        let first = r.occurrences()[0];
        match r.kind() {
            InnerKind::Stutter => push(
                &first,
                2,
                What::Stutter {
                    copies: r.copies(),
                    inside: r.in_covered(),
                },
            ),
            _ => {
                for o in &r.occurrences()[1..] {
                    push(
                        o,
                        2,
                        What::Run {
                            tokens: r.tokens(),
                            first,
                        },
                    );
                }
            }
        }
    }
    for n in report.near() {
        // Every copy of the second text, near the first copy of the first.
        for p in n.pairs() {
            let first = n.occurrences()[n.texts()[p.a()][0]];
            for &k in &n.texts()[p.b()] {
                push(
                    &n.occurrences()[k],
                    3,
                    What::Near {
                        first,
                        jaccard: p.jaccard(),
                    },
                );
            }
        }
    }
    for note in shown.notes {
        push(&note.occurrence, 4, What::Note(&note.message));
    }
    lines.sort_by_key(|l| (l.o.span().start, l.order));
    let page = Page {
        lines: &lines,
        text,
        name,
        units,
    };
    if lines.len() <= a_piece {
        let mut out = String::new();
        page.write(0..lines.len(), &mut out)?;
        f.write_str(&out)?;
    } else {
        use rayon::prelude::*;
        for at in (0..lines.len()).step_by(at_once) {
            let end = lines.len().min(at + at_once);
            let pieces: Vec<String> = (at..end)
                .into_par_iter()
                .step_by(a_piece)
                .map(|from| {
                    let mut out = String::new();
                    page.write(from..end.min(from + a_piece), &mut out).map(|()| out)
                })
                .collect::<Result<_, _>>()?;
            for piece in &pieces {
                f.write_str(piece)?;
            }
        }
    }
    if let Some(name) = name {
        write!(f, "{name}: ")?;
    }
    summary(f, report, units, shown.notes)
}

/// The sorted lines of a report, to be written in pieces.
struct Page<'a, 'r> {
    lines: &'a [Line<'r>],
    text: Option<&'a str>,
    name: Option<&'a str>,
    /// "line" and "lines", or "paragraph" and "paragraphs".
    units: (&'a str, &'a str),
}

impl Page<'_, '_> {
    /// Writes lines `range` to `out`, each as the whole report would have it.
    fn write(&self, range: std::ops::Range<usize>, out: &mut String) -> fmt::Result {
        let (lines, text, name) = (self.lines, self.text, self.name);
        let mut columns = Columns::default();
        for k in range {
            let l = &lines[k];
            let o = &l.o;
            let (start, end) = (o.span().start, o.span().end);
            match name {
                None => {
                    write!(out, "{}: ", Place(o))?;
                    self.what(out, l)?;
                    write!(out, " (bytes {start}..{end})")?;
                }
                Some(name) => {
                    write!(out, "{name}:{}", o.line())?;
                    let shares = |j: Option<usize>| {
                        j.and_then(|j| lines.get(j))
                            .is_some_and(|m| m.o.line() == o.line())
                    };
                    if let Some(text) = text.filter(|_| shares(k.checked_sub(1)) || shares(Some(k + 1))) {
                        write!(out, ":{}", columns.at(text, o.line(), start))?;
                    }
                    out.push_str(": ");
                    self.what(out, l)?;
                    out.push_str(" (");
                    if o.line() != o.end_line() {
                        write!(out, "{}, ", Place(o))?;
                    }
                    write!(out, "bytes {start}..{end})")?;
                }
            }
            if let Some(text) = text {
                out.push_str(": ");
                snippet(out, o.text(text));
            }
            out.push('\n');
        }
        Ok(())
    }

    /// The message of line `l`.
    fn what(&self, out: &mut String, l: &Line<'_>) -> fmt::Result {
        // Without a name a message follows its place ("lines 3-4: repeat …"), so its verb
        // agrees with it; with a name its subject is the finding ("NAME:3: repeats …").
        let verb = if self.name.is_none() && l.o.line() != l.o.end_line() {
            "repeat"
        } else {
            "repeats"
        };
        match l.what {
            What::Block { first, units: n } => write!(
                out,
                "{verb} {}, a block of {n} {}",
                Place(&first),
                if n == 1 { self.units.0 } else { self.units.1 }
            ),
            What::Group { first } => write!(out, "{verb} {}", Place(&first)),
            What::Stutter { copies, inside } => {
                let inside = if inside { ", inside a repeat above" } else { "" };
                write!(out, "stutter, {copies} copies{inside}")
            }
            What::Run { tokens, first } => write!(out, "{tokens} words repeat {}", Place(&first)),
            What::Near { first, jaccard } => {
                write!(out, "near duplicate of {}, jaccard {jaccard:.2}", Place(&first))
            }
            What::Note(message) => {
                out.push_str(message);
                Ok(())
            }
        }
    }
}

/// Columns of findings, counted in bytes from 1 as ripgrep counts them. The start of a
/// line is looked for once, from its first finding back: each byte of the text is read
/// at most once however many findings there are.
#[derive(Default)]
struct Columns {
    line: usize,
    start: usize,
}

impl Columns {
    /// The column of byte `at`, on line `line` (findings come in text order).
    fn at(&mut self, text: &str, line: usize, at: usize) -> usize {
        if line != self.line {
            self.line = line;
            self.start = text.as_bytes()[..at]
                .iter()
                .rposition(|&b| b == b'\n' || b == b'\r')
                .map_or(0, |i| i + 1);
        }
        at - self.start + 1
    }
}

fn summary(f: &mut fmt::Formatter<'_>, report: &Report, units: (&str, &str), notes: &[Note]) -> fmt::Result {
    let repeated = repeated_bytes(report, notes);
    let notes = notes.len();
    let count = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let n = report.units();
    write!(
        f,
        "{} in {}, {}: ",
        if report.has_repeats() || notes > 0 {
            "found"
        } else {
            "nothing repeats"
        },
        count(n, units.0, units.1),
        count(report.bytes(), "byte", "bytes")
    )?;
    let stutters = report
        .inner()
        .iter()
        .filter(|r| r.kind() == InnerKind::Stutter)
        .count();
    let parts = [
        (report.groups().len(), "group", "groups"),
        (report.blocks().len(), "block", "blocks"),
        (stutters, "stutter", "stutters"),
        (
            report.inner().len() - stutters,
            "repeated run of words",
            "repeated runs of words",
        ),
        (
            report.near().len(),
            "near-duplicate group",
            "near-duplicate groups",
        ),
        (notes, "finding across documents", "findings across documents"),
    ];
    let listed: Vec<String> = parts
        .iter()
        .filter(|p| p.0 > 0)
        .map(|&(k, one, many)| count(k, one, many))
        .collect();
    if !listed.is_empty() {
        write!(f, "{}; ", listed.join(", "))?;
    }
    writeln!(
        f,
        "{} of {} in repeated units ({:.1}%)",
        count(repeated, "byte", "bytes"),
        report.bytes(),
        if report.bytes() == 0 {
            0.0
        } else {
            100.0 * repeated as f64 / report.bytes() as f64
        }
    )
}

/// The spans of all but the first of `occ`.
fn later(occ: &[Occurrence]) -> impl Iterator<Item = Span> + '_ {
    occ.get(1..).unwrap_or_default().iter().map(|o| o.span())
}

/// The bytes of the later copies of the report's groups and blocks and of the notes'
/// occurrences (later copies of text in other documents), each byte counted once.
fn repeated_bytes(report: &Report, notes: &[Note]) -> usize {
    if notes.is_empty() {
        return report.stats().repeated_bytes();
    }
    let mut spans: Vec<Span> = report
        .groups()
        .iter()
        .flat_map(|g| later(g.occurrences()))
        .chain(report.blocks().iter().flat_map(|b| later(b.occurrences())))
        .chain(notes.iter().map(|n| n.occurrence.span()))
        .collect();
    spans.sort_unstable();
    let (mut total, mut covered_to) = (0, 0);
    for s in spans {
        let start = s.start.max(covered_to);
        if s.end > start {
            total += s.end - start;
            covered_to = s.end;
        }
    }
    total
}

/// "line 5" or "lines 5-7".
struct Place<'o>(&'o Occurrence);

impl fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let o = self.0;
        if o.line() == o.end_line() {
            write!(f, "line {}", o.line())
        } else {
            write!(f, "lines {}-{}", o.line(), o.end_line())
        }
    }
}

/// `text` on one line, quoted: whitespace runs as one space, line breaks as `\n`, at
/// most [`SNIPPET_CHARS`] characters.
fn snippet(out: &mut String, text: &str) {
    out.push('"');
    let mut cut = text.len().min(SNIPPET_SCAN);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut shown = 0;
    let mut space = false;
    let mut chars = text[..cut].chars();
    loop {
        let Some(c) = chars.next() else {
            if cut < text.len() {
                out.push('…');
            }
            break;
        };
        if shown >= SNIPPET_CHARS {
            out.push('…');
            break;
        }
        match c {
            '\n' | '\r' => {
                if !out.ends_with("\\n") {
                    out.push_str("\\n");
                    shown += 1;
                }
                space = false;
            }
            c if c.is_whitespace() => space = true,
            '"' | '\\' => {
                flush(out, &mut space, &mut shown);
                out.push('\\');
                out.push(c);
                shown += 1;
            }
            c if c.is_control() => {
                flush(out, &mut space, &mut shown);
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
                shown += 1;
            }
            c => {
                flush(out, &mut space, &mut shown);
                out.push(c);
                shown += 1;
            }
        }
    }
    out.push('"');
}

fn flush(out: &mut String, space: &mut bool, shown: &mut usize) {
    if std::mem::take(space) && !out.ends_with("\\n") {
        out.push(' ');
        *shown += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snip(text: &str) -> String {
        let mut s = String::new();
        snippet(&mut s, text);
        s
    }

    #[test]
    fn snippets_are_one_short_line() {
        assert_eq!(snip("a  b\n\n  c\td"), "\"a b\\nc d\"");
        assert_eq!(snip("say \"hi\"\\"), "\"say \\\"hi\\\"\\\\\"");
        assert_eq!(snip("\u{7}"), "\"\\u{7}\"");
        let long = "x".repeat(200);
        assert_eq!(snip(&long).chars().count(), SNIPPET_CHARS + 3);
    }

    /// Written in pieces on the pool, the report is the one written in one piece (the
    /// oracle), with and without a name, columns and notes at the pieces' edges included.
    #[test]
    fn pieces_write_what_one_piece_writes() {
        let mut text = String::new();
        for i in 0..400 {
            text.push_str(&format!(
                "line {i} repeats repeats itself here\nthe the stutter {i}\nline {i} repeats repeats itself here\n"
            ));
        }
        // Every third line holds two findings (a later copy and a stutter): columns.
        let finder = crate::FinderBuilder::new().stutters(true).build().unwrap();
        let report = finder.find(&text);
        let note = Note::new(report.groups()[0].occurrences()[1], "a note");
        let notes = [note];
        struct In<'a, 'b>(&'a Shown<'b, 'b>, usize, usize);
        impl fmt::Display for In<'_, '_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write_in(f, self.0, self.1, self.2)
            }
        }
        for named in [false, true] {
            let mut shown = report.show(&text).notes(&notes);
            if named {
                shown = shown.named("a.txt");
            }
            let whole = In(&shown, usize::MAX, usize::MAX).to_string();
            assert!(whole.lines().count() > 800, "{}", whole.lines().count());
            assert_eq!(named, whole.contains("a.txt:3:8: stutter"), "a column");
            for (a_piece, at_once) in [(1, 1), (7, 20), (64, 1000), (2048, 1 << 16)] {
                assert_eq!(
                    In(&shown, a_piece, at_once).to_string(),
                    whole,
                    "{a_piece} {at_once}"
                );
            }
            assert_eq!(shown.to_string(), whole);
        }
    }

    #[test]
    fn findings_are_ordered_by_place() {
        let text = "first line that repeats\nsecond line that repeats\nfirst line that repeats\nsecond line that repeats\nfirst line that repeats\n";
        let shown = crate::find_repeats(text).show(text).to_string();
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(
            lines[0],
            "lines 3-4: repeat lines 1-2, a block of 2 lines (bytes 49..97): \"first line that repeats\\nsecond line that repeats\""
        );
        assert_eq!(
            lines[1],
            "line 5: repeats line 1 (bytes 98..121): \"first line that repeats\""
        );
        assert!(
            lines[2].starts_with("found in 5 lines, 122 bytes: 2 groups, 1 block; "),
            "{}",
            lines[2]
        );
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn nothing_found_is_one_line() {
        let shown = crate::find_repeats("only one line here").to_string();
        assert_eq!(
            shown,
            "nothing repeats in 1 line, 18 bytes: 0 bytes of 18 in repeated units (0.0%)\n"
        );
    }

    #[test]
    fn a_long_occurrence_is_read_only_as_far_as_its_snippet() {
        // Whitespace shows as one character: past the scan, the snippet is cut all the same.
        let text = format!("a{}b", " ".repeat(10 * SNIPPET_SCAN));
        assert_eq!(snip(&text), "\"a…\"");
        let text = format!("{}é", "x".repeat(SNIPPET_SCAN - 1)); // a cut inside a character
        assert!(snip(&text).ends_with("…\""));
    }

    #[test]
    fn named_lines_start_with_the_name_and_name_the_column_when_they_share_a_line() {
        let finder = crate::FinderBuilder::new().stutters(true).build().unwrap();
        let text = "He met the the president and and his aide.\nHe met the the president and and his aide.\n";
        let shown = finder.find(text).show(text).named("x.txt").to_string();
        let lines: Vec<&str> = shown.lines().collect();
        // Line 1 holds two stutters: both with their columns (bytes, from 1).
        assert!(
            lines[0].starts_with("x.txt:1:8: stutter, 2 copies (bytes 7..14)"),
            "{shown}"
        );
        assert!(
            lines[1].starts_with("x.txt:1:26: stutter, 2 copies (bytes 25..32)"),
            "{shown}"
        );
        // Line 2 repeats line 1: its group and its two stutters start on it.
        assert!(
            lines[2].starts_with("x.txt:2:1: repeats line 1 (bytes 43..85)"),
            "{shown}"
        );
        assert!(
            lines[3].starts_with("x.txt:2:8: stutter, 2 copies, inside a repeat above"),
            "{shown}"
        );
        assert!(lines.iter().all(|l| l.starts_with("x.txt:")), "{shown}");
        assert_eq!(lines.len(), 6, "{shown}");
    }

    #[test]
    fn the_summary_counts_copies_of_other_documents_once() {
        // A document with no repeat of its own whose first line is a later copy of text
        // in another document (a note, as the command gives): its bytes are in repeats.
        let text = "A line that another document said first\nA line said here only, once\n";
        let report = crate::find_repeats(text);
        let units = crate::Finder::new().units(text);
        let note = Note::new(units[0], "repeats line 1 of a.txt");
        let shown = report
            .show(text)
            .named("b.txt")
            .notes(&[note.clone(), note])
            .to_string();
        assert!(
            shown.ends_with("2 findings across documents; 39 bytes of 68 in repeated units (57.4%)\n"),
            "{shown}"
        );
    }

    #[test]
    fn paragraphs_are_counted_as_paragraphs() {
        let para = "A paragraph that is long enough to count,\nhard-wrapped over two lines.";
        let text = format!("{para}\n\nMiddle paragraph, said once only here.\n\n{para}\n");
        let mut b = crate::FinderBuilder::new();
        let report = b.unit(Unit::Paragraph).build().unwrap().find(&text);
        let shown = report.show(&text).named("p.txt").to_string();
        assert!(
            shown.starts_with("p.txt:6: repeats lines 1-2 (lines 6-7, bytes 112..182): \"A paragraph"),
            "{shown}"
        );
        assert!(
            shown.contains("found in 3 paragraphs, 183 bytes: 1 group;"),
            "{shown}"
        );
    }

    #[test]
    fn a_group_inside_an_earlier_longer_block_copy_is_not_listed() {
        // Oracle: a later copy of a group is listed unless some block's later copy holds it.
        let unit = |k: usize| format!("unit number {k} of this text, long enough");
        let mut lines: Vec<String> = (0..6).map(unit).collect();
        lines.extend((0..6).map(unit)); // the block of six again
        lines.extend((2..4).map(unit)); // units 2-3 a third time: a short block whose copy at
                                        // units 8-9 starts inside the long copy (6-11), before the copy of unit 10
        let text = lines.join("\n");
        let report = crate::find_repeats(&text);
        let shown = report.to_string();
        let listed = shown.lines().filter(|l| l.contains(": repeats line")).count();
        let copies: Vec<crate::Span> = report
            .blocks()
            .iter()
            .flat_map(|b| b.occurrences()[1..].iter().map(|o| o.span()))
            .collect();
        let naive = report
            .groups()
            .iter()
            .flat_map(|g| &g.occurrences()[1..])
            .filter(|o| !copies.iter().any(|c| c.contains(o.span())))
            .count();
        assert_eq!(listed, naive, "{shown}");
    }
}
